"""Readability formulas as small pure functions of counts, coefficients as published.

The coefficients are the same as textstat 0.7.8's (tests check that both agree exactly
when they are given the same counts); we compute them from our own counts because
textstat counts sentences with a regex (see audits.readability.counts).
"""

from __future__ import annotations

import math
from bisect import bisect_right

from audits.readability.counts import TextCounts


def _per(a: float, b: float) -> float:
    return a / b if b else 0.0


def flesch_reading_ease(c: TextCounts, base: float = 206.835, asl: float = 1.015, asw: float = 84.6) -> float:
    """Flesch Reading Ease (0-100, higher is easier); other languages pass their own coefficients."""
    return base - asl * _per(c.words, c.sentences) - asw * _per(c.syllables, c.words)


def flesch_kincaid_grade(c: TextCounts) -> float:
    """Flesch-Kincaid grade level (Kincaid et al. 1975)."""
    return 0.39 * _per(c.words, c.sentences) + 11.8 * _per(c.syllables, c.words) - 15.59


def smog(c: TextCounts) -> float:
    """SMOG grade (McLaughlin 1969), scaled to 30 sentences."""
    return 1.043 * math.sqrt(30.0 * _per(c.polysyllables, c.sentences)) + 3.1291


def gunning_fog(c: TextCounts) -> float:
    """Gunning Fog index: 0.4 x (words per sentence + percent complex words)."""
    return 0.4 * (_per(c.words, c.sentences) + 100.0 * _per(c.complex_words, c.words))


def coleman_liau(c: TextCounts) -> float:
    """Coleman-Liau index from letters and sentences per 100 words."""
    return 0.058 * 100.0 * _per(c.letters, c.words) - 0.296 * 100.0 * _per(c.sentences, c.words) - 15.8


def automated_readability_index(c: TextCounts) -> float:
    """ARI (Smith and Senter 1967) from characters per word and words per sentence."""
    return 4.71 * _per(c.letters, c.words) + 0.5 * _per(c.words, c.sentences) - 21.43


def dale_chall(c: TextCounts) -> float:
    """New Dale-Chall raw score (adds 3.6365 when over 5% of words are unfamiliar)."""
    pdw = 100.0 * _per(c.difficult_words, c.words)
    return 0.1579 * pdw + 0.0496 * _per(c.words, c.sentences) + (3.6365 if pdw > 5 else 0.0)


def dale_chall_grade(score: float) -> float:
    """Grade for a Dale-Chall score, the middle of the band in Chall and Dale's table (4.9 or less: 4)."""
    bands = [(4.9, 4.0), (5.9, 5.5), (6.9, 7.5), (7.9, 9.5), (8.9, 11.5), (9.9, 14.0)]
    for top, grade in bands:
        if score <= top:
            return grade
    return 16.0


def lix(c: TextCounts) -> float:
    """LIX (Björnsson 1968): words per sentence + percent words over 6 letters; any alphabetic language."""
    return _per(c.words, c.sentences) + 100.0 * _per(c.long_words, c.words)


def rix(c: TextCounts) -> float:
    """RIX (Anderson 1983): long words per sentence."""
    return _per(c.long_words, c.sentences)


# Anderson (1983), "Lix and Rix: variations on a little-known readability index", J. Reading 26(6), table 2:
# the RIX at which each school grade starts (grade 13 = college).
_RIX_GRADES = [(0.2, 2), (0.5, 3), (0.8, 4), (1.3, 5), (1.8, 6), (2.4, 7), (3.0, 8), (3.7, 9), (4.5, 10),
               (5.3, 11), (6.2, 12), (7.2, 13)]


def rix_grade(value: float) -> float:
    """School grade for a RIX value, interpolated inside Anderson's bands (1 below 0.2).

    Anderson's table ends at "college" (13) for RIX 7.2; above it we extend the last band
    (about one RIX point per grade) up to grade 18, so very hard sentences stay distinguishable.
    """
    if value >= _RIX_GRADES[-1][0]:
        return min(18.0, 13.0 + (value - _RIX_GRADES[-1][0]) / 1.0)
    if value < _RIX_GRADES[0][0]:
        return 1.0
    i = bisect_right([t for t, _ in _RIX_GRADES], value) - 1
    (lo, grade), (hi, _) = _RIX_GRADES[i], _RIX_GRADES[i + 1]
    return grade + (value - lo) / (hi - lo)


def lix_band(value: float) -> str:
    """Björnsson's plain-language band for a LIX value."""
    for top, label in ((30, "very easy"), (40, "easy"), (50, "medium"), (60, "difficult")):
        if value < top:
            return label
    return "very difficult"


# Flesch (1948): reading ease bands and the school grade they correspond to.
_EASE_GRADES = [(0.0, 18.0), (30.0, 16.0), (50.0, 13.0), (60.0, 10.0), (70.0, 8.0), (80.0, 7.0), (90.0, 6.0),
                (100.0, 5.0)]


def ease_to_grade(ease: float) -> float:
    """School grade for a reading-ease score on Flesch's scale (interpolated inside his bands)."""
    if ease <= 0:
        return 18.0
    if ease >= 100:
        return 5.0
    i = bisect_right([e for e, _ in _EASE_GRADES], ease) - 1
    (lo, g_lo), (hi, g_hi) = _EASE_GRADES[i], _EASE_GRADES[i + 1]
    return g_lo + (ease - lo) / (hi - lo) * (g_hi - g_lo)


def wiener_sachtextformel(c: TextCounts) -> float:
    """First Wiener Sachtextformel (Bamberger and Vanecek 1984): a German school grade."""
    ms = 100.0 * _per(c.polysyllables, c.words)
    iw = 100.0 * _per(c.long_words, c.words)
    es = 100.0 * _per(c.monosyllables, c.words)
    return 0.1935 * ms + 0.1672 * _per(c.words, c.sentences) + 0.1297 * iw - 0.0327 * es - 0.875


def gulpease(c: TextCounts) -> float:
    """Gulpease index (Lucisano and Piemontese 1988), Italian, 0-100, higher is easier."""
    return 89.0 + (300.0 * c.sentences - 10.0 * c.letters) / c.words if c.words else 0.0


def szigriszt_pazos(c: TextCounts) -> float:
    """Szigriszt-Pazos perspicuity (Spanish Flesch), 0-100, higher is easier."""
    return 206.835 - 62.3 * _per(c.syllables, c.words) - _per(c.words, c.sentences)


__all__ = [
    "automated_readability_index", "coleman_liau", "dale_chall", "dale_chall_grade", "ease_to_grade",
    "flesch_kincaid_grade", "flesch_reading_ease", "gulpease", "gunning_fog", "lix", "lix_band", "rix",
    "rix_grade", "smog", "szigriszt_pazos", "wiener_sachtextformel",
]
