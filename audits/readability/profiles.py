"""Which formulas are calibrated for which language, and the grade each language's figures give.

English: the US grade formulas (Flesch-Kincaid, SMOG, Gunning Fog, Coleman-Liau, ARI,
Dale-Chall) and their median as the consensus grade. Languages with a calibrated
reading-ease formula (coefficients as in textstat 0.7.8): German (Amstad, plus the Wiener
Sachtextformel, a German school grade), Spanish (Fernández-Huerta, Szigriszt-Pazos),
French (Kandel-Moles), Italian (Flesch-Vacca, Gulpease), Dutch (Douma), Russian (Oborneva);
Polish: Pisarek's FOG-PL (Gunning Fog with 4+ syllables). Their grade is the calibrated
grade formula where one exists, else the calibrated ease on Flesch's grade table. Every
other language (Serbian, Croatian, Bosnian...): only language-independent measures (LIX,
RIX, words per sentence, long-word share); grade from RIX on Anderson's table.
"""

from __future__ import annotations

import statistics
from dataclasses import dataclass, field

from audits.readability import formulas as f
from audits.readability.counts import TextCounts

ENGLISH_GRADES = {
    "Flesch-Kincaid grade": f.flesch_kincaid_grade,
    "SMOG": f.smog,
    "Gunning Fog": f.gunning_fog,
    "Coleman-Liau": f.coleman_liau,
    "ARI": f.automated_readability_index,
}
# Reading-ease coefficients (base, per word-per-sentence, per syllable-per-word), from textstat's LANG_CONFIGS.
EASE = {
    "de": ("Flesch-Amstad reading ease", (180.0, 1.0, 58.5)),
    "es": ("Fernández-Huerta reading ease", (206.84, 1.02, 60.0)),
    "fr": ("Kandel-Moles reading ease", (207.0, 1.015, 73.6)),
    "it": ("Flesch-Vacca reading ease", (217.0, 1.3, 60.0)),
    "nl": ("Flesch-Douma reading ease", (206.835, 0.93, 77.0)),
    "ru": ("Oborneva reading ease", (206.835, 1.3, 60.1)),
}
CALIBRATED = {"en", "pl", *EASE}
NAMES = {"de": "German", "es": "Spanish", "fr": "French", "it": "Italian", "nl": "Dutch", "ru": "Russian",
         "pl": "Polish", "en": "English"}


@dataclass(frozen=True)
class Figures:
    """A document's formulas and the grade taken from them, with the method in words."""

    grade: float
    method: str
    calibrated: bool
    label: str  # the method in a few words, for the score explanation
    grades: dict[str, float] = field(default_factory=dict)  # formulas in school grades
    indices: dict[str, float] = field(default_factory=dict)  # other scales (ease 0-100, LIX, RIX)


def _independent(c: TextCounts) -> dict[str, float]:
    return {"LIX": f.lix(c), "RIX": f.rix(c)}


def figures(c: TextCounts, lang: str, language_name: str) -> Figures:
    """All formulas that are valid for the language, and the document's grade."""
    indices = _independent(c)
    if lang == "en":
        grades = {name: fn(c) for name, fn in ENGLISH_GRADES.items()}
        dc = f.dale_chall(c)
        grades["Dale-Chall"] = f.dale_chall_grade(dc)
        indices = {"Flesch Reading Ease": f.flesch_reading_ease(c), "Dale-Chall score": dc, **indices}
        return Figures(statistics.median(grades.values()),
                       "consensus: median of six English grade formulas (Flesch-Kincaid, SMOG, Gunning Fog, "
                       "Coleman-Liau, ARI, Dale-Chall), counted on the document's own sentences",
                       True, "median of 6 English formulas", grades, indices)
    if lang in EASE:
        label, (base, asl, asw) = EASE[lang]
        ease = f.flesch_reading_ease(c, base, asl, asw)
        indices = {label: ease, **indices}
        grades: dict[str, float] = {}
        if lang == "de":
            grades["Wiener Sachtextformel"] = f.wiener_sachtextformel(c)
            method = "Wiener Sachtextformel, calibrated for German school grades"
        else:
            if lang == "es":
                indices["Szigriszt-Pazos perspicuity"] = f.szigriszt_pazos(c)
            if lang == "it":
                indices["Gulpease"] = f.gulpease(c)
            grades[f"{label} on Flesch's grade table"] = f.ease_to_grade(ease)
            method = f"{label}, calibrated for {NAMES[lang]}, read on Flesch's grade table"
        return Figures(statistics.median(grades.values()), method, True, method.split(",")[0], grades, indices)
    if lang == "pl":
        fog = 0.4 * (c.words / max(c.sentences, 1) + 100.0 * c.complex_words / max(c.words, 1))
        return Figures(fog, "FOG-PL (Pisarek): Gunning Fog with words of 4+ syllables, calibrated for Polish",
                       True, "FOG-PL", {"FOG-PL": fog}, indices)
    grade = f.rix_grade(indices["RIX"])
    return Figures(
        grade,
        f"No readability formula is calibrated for {language_name}, so English formulas are not applied. "
        "Only language-independent measures are used: LIX (words per sentence + share of words over 6 letters) "
        "and RIX (long words per sentence); the grade is RIX on Anderson's (1983) grade table, an estimate.",
        False, "RIX on Anderson's grade table", {"RIX grade (Anderson)": grade}, indices)


def sentence_grade(c: TextCounts, lang: str) -> float:
    """Grade of one sentence: Flesch-Kincaid in English, else RIX on Anderson's table."""
    if lang == "en":
        return f.flesch_kincaid_grade(c)
    if lang in EASE:
        base, asl, asw = EASE[lang][1]
        if lang == "de":
            return f.wiener_sachtextformel(c)
        return f.ease_to_grade(f.flesch_reading_ease(c, base, asl, asw))
    return f.rix_grade(f.rix(c))


__all__ = ["CALIBRATED", "EASE", "ENGLISH_GRADES", "Figures", "figures", "sentence_grade"]
