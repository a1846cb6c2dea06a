"""Syllables, counts and formulas: accuracy on our own word list, agreement with textstat and with
the independent `readability` package (0.3.2), and property tests on arbitrary text."""

from __future__ import annotations

import math
from pathlib import Path

import pytest
import readability as second_implementation  # andreasvc's `readability` 0.3.2: its own counter and formulas
import textstat
from hypothesis import given, settings
from hypothesis import strategies as st

from audits.analyzers.readability import ReadabilityAnalyzer, classify_sentences
from audits.config import AuditConfig
from audits.readability import formulas as f
from audits.readability.counts import TextCounts, count_sentences, count_words_in, easy_words, is_familiar, words_of
from audits.readability.syllables import count_syllables
from tests.conftest import BOOK, CLINIC, EDITORIAL, SERBIAN

DATA = Path(__file__).resolve().parent.parent / "data"


def _word_list() -> list[tuple[str, int, bool]]:
    rows = []
    for line in (DATA / "readability_syllables.tsv").read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            word, n, in_dict = line.split("\t")
            rows.append((word, int(n), in_dict == "yes"))
    return rows


def test_syllable_word_list_accuracy_beats_textstat_and_second_implementation():
    rows = _word_list()
    assert len(rows) >= 80
    ours = [w for w, n, _ in rows if count_syllables(w) == n]
    theirs = [w for w, n, _ in rows if textstat.syllable_count(w) == n]
    from readability.langdata import LANGDATA

    heuristic = [w for w, n, _ in rows if LANGDATA["en"]["syllables"](w) == n]
    # Measured: ours 88/90 (97.8 %), textstat 0.7.8 73/90 (81 %), readability 0.3.2 62/90 (69 %).
    assert len(ours) == 88
    assert len(theirs) == 73
    assert len(heuristic) == 62
    # The two we get wrong, and why: CMU gives "every" 3 syllables (ev-er-y) and "wire" 2 (wi-er).
    assert sorted(w for w, _, _ in rows if w not in ours) == ["every", "rewires"]


@pytest.mark.parametrize(("word", "expected"), [
    ("psychotherapy", 5), ("neuroplasticity", 6), ("maladaptive", 4), ("self-awareness", 4),
    ("electroconvulsive", 6), ("cortex’s", 3), ("client’s", 2), ("amygdala", 4), ("the", 1),
])
def test_mental_health_words(word, expected):
    assert count_syllables(word) == expected


def test_words_outside_the_dictionary_use_the_fallback_not_zero():
    assert count_syllables("xqzt") >= 1
    assert count_syllables("1234") == 0  # no letters: not a word with syllables
    assert count_syllables("psihoterapija", "sr") == 6  # pyphen sr_Latn: psi-ho-te-ra-pi-ja


def test_dale_chall_familiar_words_include_regular_inflections():
    easy = easy_words("en")
    assert "feel" in easy and "feelings" not in easy
    for word in ("feelings", "helped", "helping", "stopped", "happier", "quickly", "boy's"):
        assert is_familiar(word, easy), word
    for word in ("psychotherapy", "amygdala", "therapists"):
        assert not is_familiar(word, easy), word


PLAIN = ("The cat sat on the mat. It was a warm day and the sun was bright. "
         "A small boy came to play with the cat. They ran in the grass until dinner.")


def test_our_formulas_equal_textstat_when_counts_agree():
    """Same coefficients as textstat: on plain text whose sentences both split alike, values are equal."""
    sentences = ["The cat sat on the mat.", "It was a warm day and the sun was bright.",
                 "A small boy came to play with the cat.", "They ran in the grass until dinner."]
    c = count_sentences(sentences, "en")
    assert (c.sentences, c.words) == (4, 32)
    assert textstat.sentence_count(PLAIN) == 4
    assert f.flesch_kincaid_grade(c) == pytest.approx(textstat.flesch_kincaid_grade(PLAIN), abs=1e-9)
    assert f.flesch_reading_ease(c) == pytest.approx(textstat.flesch_reading_ease(PLAIN), abs=1e-9)
    assert f.smog(c) == pytest.approx(textstat.smog_index(PLAIN), abs=1e-9)
    assert f.gunning_fog(c) == pytest.approx(textstat.gunning_fog(PLAIN), abs=1e-9)
    assert f.coleman_liau(c) == pytest.approx(textstat.coleman_liau_index(PLAIN), abs=1e-9)
    assert f.lix(c) == pytest.approx(textstat.lix(PLAIN), abs=1e-9)
    assert f.rix(c) == pytest.approx(textstat.rix(PLAIN), abs=1e-9)
    # ARI: textstat counts punctuation marks as characters and as words; we count letters and digits.
    # (105 letters / 32 words here, textstat 109 characters / 32 words: 0.59 grade apart).
    assert f.automated_readability_index(c) == pytest.approx(-1.98, abs=0.01)
    assert textstat.automated_readability_index(PLAIN) == pytest.approx(-1.39, abs=0.01)


def test_textstat_sentence_count_is_wrong_on_abbreviations_ours_is_not():
    text = "The study by Smith et al. was published in 2020. It found a clear effect in most patients."
    assert textstat.sentence_count(text) == 3  # its regex splits after "et al."
    from audits.model import Source
    from audits.prepare import prepare

    doc = prepare(Source("t", "t", "pasted text", "text", text=text), "en")
    assert len(doc.sentences) == 2


def test_formulas_reproduce_the_second_implementation_from_its_own_counts():
    """Fed the `readability` package's counts, our formula functions give its values exactly."""
    tokenized = "the cat sat on the mat .\nit was a warm day and the sun was very bright .\n"
    stats = second_implementation.getmeasures(tokenized, lang="en")
    info, grades = stats["sentence info"], stats["readability grades"]
    c = TextCounts(sentences=info["sentences"], words=info["words"], syllables=info["syllables"],
                   letters=info["characters"], long_words=info["long_words"], complex_words=info["complex_words"])
    assert f.flesch_kincaid_grade(c) == pytest.approx(grades["Kincaid"], abs=1e-9)
    assert f.flesch_reading_ease(c) == pytest.approx(grades["FleschReadingEase"], abs=1e-9)
    assert f.automated_readability_index(c) == pytest.approx(grades["ARI"], abs=1e-9)
    assert f.gunning_fog(c) == pytest.approx(grades["GunningFogIndex"], abs=1e-9)
    assert f.lix(c) == pytest.approx(grades["LIX"], abs=1e-9)
    assert f.rix(c) == pytest.approx(grades["RIX"], abs=1e-9)


# Tolerances for the cross-check on whole articles (docs/readability.md explains each difference):
TOLERANCE = {
    "Flesch-Kincaid grade": ("Kincaid", 1.5),  # its syllable heuristic undercounts (69 % vs 98 % on our list)
    "ARI": ("ARI", 0.25),  # it counts hyphens and apostrophes inside words as characters
    "Coleman-Liau": ("Coleman-Liau", 1.0),  # coefficients 0.0588/29.59 vs textstat's 0.058/29.6; characters
    "Gunning Fog": ("GunningFogIndex", 2.0),  # it skips capitalised words; we (as textstat) skip easy words
    "SMOG": ("SMOGIndex", 2.0),  # it uses the simplified 3 + sqrt(...) form and skips capitalised words
}


@pytest.mark.parametrize("source_id", [CLINIC, EDITORIAL, BOOK, "pop-science-blog-why-therapy-works"])
def test_seed_formulas_agree_with_second_implementation_within_tolerance(seed_docs, source_id):
    doc = seed_docs[source_id]
    section = ReadabilityAnalyzer().analyze(doc, AuditConfig()).section
    prose = [s for s in classify_sentences(doc) if s.prose]
    tokenized = "\n".join(" ".join(s.words) for s in prose)
    theirs = second_implementation.getmeasures(tokenized, lang="en")["readability grades"]
    for ours_name, (their_name, tol) in TOLERANCE.items():
        assert abs(section["formulas"][ours_name] - theirs[their_name]) <= tol, ours_name
    # Same sentences and tokens: LIX and RIX agree to within a word or two of 7 characters vs 7 letters.
    assert section["indices"]["LIX"] == pytest.approx(theirs["LIX"], abs=1.0)
    assert section["indices"]["RIX"] == pytest.approx(theirs["RIX"], abs=0.15)
    # Reading ease moves with syllables per word (x 84.6): their undercount raises it by 6-10 points.
    assert 0 <= theirs["FleschReadingEase"] - section["indices"]["Flesch Reading Ease"] <= 10


def test_serbian_seed_lix_rix_equal_second_implementation(seed_docs):
    doc = seed_docs[SERBIAN]
    section = ReadabilityAnalyzer().analyze(doc, AuditConfig()).section
    prose = [s for s in classify_sentences(doc) if s.prose]
    theirs = second_implementation.getmeasures("\n".join(" ".join(s.words) for s in prose), lang="en")
    assert section["indices"]["LIX"] == pytest.approx(theirs["readability grades"]["LIX"], abs=0.01)
    assert section["indices"]["RIX"] == pytest.approx(theirs["readability grades"]["RIX"], abs=0.01)


def test_grade_tables():
    assert f.rix_grade(3.0) == 8.0 and f.rix_grade(0.0) == 1.0 and f.rix_grade(7.2) == 13.0
    assert f.rix_grade(100) == 18.0
    assert f.dale_chall_grade(4.0) == 4.0 and f.dale_chall_grade(12.0) == 16.0
    assert f.ease_to_grade(65.0) == pytest.approx(9.0) and f.ease_to_grade(120) == 5.0
    assert f.lix_band(25) == "very easy" and f.lix_band(76.7) == "very difficult"


TEXT = st.text(alphabet=st.characters(codec="utf-8", categories=("L", "N", "P", "Z", "S")), max_size=300)


@settings(max_examples=150, deadline=None)
@given(TEXT)
def test_counts_and_formulas_never_crash_or_go_nan(text):
    c = count_sentences([text], "en")
    assert c.words == len(words_of(text))
    assert c.syllables >= 0 and c.long_words <= c.words and c.polysyllables <= c.words
    for fn in (f.flesch_kincaid_grade, f.flesch_reading_ease, f.smog, f.gunning_fog, f.coleman_liau,
               f.automated_readability_index, f.dale_chall, f.lix, f.rix, f.gulpease, f.wiener_sachtextformel):
        assert math.isfinite(fn(c))


@settings(max_examples=100, deadline=None)
@given(st.lists(st.from_regex(r"[a-zA-Z]{1,12}", fullmatch=True), min_size=1, max_size=20))
def test_counts_add_up_over_words(words):
    whole = count_words_in(words, "en", 1)
    parts = sum((count_words_in([w], "en", 0) for w in words), TextCounts())
    assert whole.as_tuple()[1:] == parts.as_tuple()[1:]
    assert whole.syllables >= whole.words  # every word with a letter has at least one syllable


SERBIAN_LATIN = "abcčćddžđefghijklljmnnjoprsštuvzžABCČĆDĐEFGHIJKLMNOPRSŠTUVZŽ .,;!?"


@settings(max_examples=150, deadline=None)
@given(st.text(alphabet=SERBIAN_LATIN, max_size=200))
def test_serbian_counts_are_the_same_in_both_scripts(text):
    import cyrtranslit
    from hypothesis import assume

    from audits.prepare.language import to_latin

    cyrillic = cyrtranslit.to_cyrillic(text, "sr")
    assume(to_latin(cyrillic) == text)  # only texts that survive the round trip (e.g. not "dz" read as "џ")
    assert count_sentences([cyrillic], "sr") == count_sentences([text], "sr")
