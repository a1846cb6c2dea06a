"""Language of a text: lingua for the language, our own cues within Serbian/Croatian/Bosnian.

No detector tells Latin-script Serbian from Croatian (lingua's Serbian model is
Cyrillic only; it calls Latin Serbian Croatian), so inside that family we count
documented cues: ekavian against ijekavian reflexes of the old yat vowel
("vreme"/"vrijeme", "mesto"/"mjesto", "razumevanje"/"razumijevanje") and
vocabulary that differs between the standards ("hleb"/"kruh", "istorija"/"povijest").
"""

from __future__ import annotations

import re
import threading
from functools import cache

from lingua import Language as LinguaLanguage
from lingua import LanguageDetector, LanguageDetectorBuilder

from audits.model import Language

SUPPORTED = (
    LinguaLanguage.ENGLISH,
    LinguaLanguage.SERBIAN,
    LinguaLanguage.CROATIAN,
    LinguaLanguage.BOSNIAN,
    LinguaLanguage.SLOVENE,
    LinguaLanguage.MACEDONIAN,
    LinguaLanguage.GERMAN,
    LinguaLanguage.SPANISH,
    LinguaLanguage.FRENCH,
    LinguaLanguage.ITALIAN,
    LinguaLanguage.DUTCH,
    LinguaLanguage.PORTUGUESE,
    LinguaLanguage.RUSSIAN,
    LinguaLanguage.POLISH,
)
NAMES = {
    "en": "English", "sr": "Serbian", "hr": "Croatian", "bs": "Bosnian", "sl": "Slovene",
    "mk": "Macedonian", "de": "German", "es": "Spanish", "fr": "French", "it": "Italian",
    "nl": "Dutch", "pt": "Portuguese", "ru": "Russian", "pl": "Polish",
}
SR_FAMILY = "sr/hr/bs"
_FAMILY_CODES = {"sr", "hr", "bs"}

# Word stems, matched at word starts. Ekavian and Serbian-standard forms:
_SERBIAN_CUES = re.compile(
    r"\b(razumevan|vrem[eo]n?|mest[aou]|uvek|dec[aeiu]\b|det[ae]t|reč|lep[aiou]?\b|primer|"
    r"veruj|verovatn|dobronamer|nedelj|sedmic|hleb|voz\b|istorij|nauk|hiljad|saradnj|tačk|"
    r"bezbedn|opštin|pesm|cel[aio]\b|ceo\b|sveta\b|uverenj|promen|obrazovanj|osvest|"
    r"posmatra|savremen|devojk|dete\b|mleko|reka\b|severn|uslove|lečenj|lekar)",
    re.IGNORECASE,
)
# Ijekavian and Croatian-standard forms:
_CROATIAN_CUES = re.compile(
    r"\b(razumijevan|vrijem|mjest|uvijek|djec|djet|riječ|lijep|primjer|vjeruj|vjerojatn|"
    r"tjedan|kruh|vlak|povijest|znanost|tisuć|suradnj|točk|sveučilišt|obitelj|tko\b|"
    r"promjen|uvjerenj|liječenj|liječnik|rijek|sjever|mlijek|svijet|cijel|zrakoplov|kolodvor)",
    re.IGNORECASE,
)
_BOSNIAN_CUES = re.compile(r"\b(historij|hljeb|kahv|sahat|šta\b|hiljad)", re.IGNORECASE)
_CYRILLIC = re.compile(r"[\u0400-\u04FF]")
_LETTER = re.compile(r"[^\W\d_]")


_DETECTOR_LOCK = threading.Lock()


@cache
def _build_detector() -> LanguageDetector:
    return LanguageDetectorBuilder.from_languages(*SUPPORTED).build()


def _detector() -> LanguageDetector:
    """The process's one detector: built once under a lock (two sessions starting together must not
    build two), read-only afterwards; lingua's detection methods take ``&self`` and are thread-safe."""
    with _DETECTOR_LOCK:
        return _build_detector()


def script_of(text: str) -> str:
    """'cyrillic' when most letters are Cyrillic, else 'latin'."""
    letters = len(_LETTER.findall(text[:5000])) or 1
    return "cyrillic" if len(_CYRILLIC.findall(text[:5000])) / letters > 0.5 else "latin"


def detect_language(text: str, override: str | None = None) -> Language:
    """Detect the language of a text with a confidence; an override wins and says so."""
    script = script_of(text)
    if override:
        code = override.lower()
        family = SR_FAMILY if code in _FAMILY_CODES else None
        return Language(code, NAMES.get(code, code), 1.0, family, script, "set by the user", overridden=True)
    sample = text[:3000]
    values = _detector().compute_language_confidence_values(sample)
    if not values or not sample.strip():
        return Language("und", "Undetermined", 0.0, None, script, "no text to detect a language in")
    top = values[0]
    code = top.language.iso_code_639_1.name.lower()
    confidence = float(top.value)
    if code in _FAMILY_CODES or (script == "cyrillic" and code in ("mk", "ru") and _serbian_cyrillic(text)):
        return _within_family(text, script, confidence)
    return Language(code, NAMES.get(code, code), confidence, None, script, "lingua language detector")


def _serbian_cyrillic(text: str) -> bool:
    # Letters only Serbian Cyrillic uses (ђ ћ љ њ џ ј), not Russian or Macedonian together.
    return bool(re.search(r"[ђћ]", text, re.IGNORECASE)) and not re.search(r"[ѓќ]", text, re.IGNORECASE)


def family_cues(text: str) -> dict[str, int]:
    """Counts of Serbian, Croatian and Bosnian cues (Cyrillic is transliterated first)."""
    latin = to_latin(text) if script_of(text) == "cyrillic" else text
    return {
        "sr": len(_SERBIAN_CUES.findall(latin)),
        "hr": len(_CROATIAN_CUES.findall(latin)),
        "bs": len(_BOSNIAN_CUES.findall(latin)),
    }


def _within_family(text: str, script: str, family_confidence: float) -> Language:
    if script == "cyrillic":
        # Croatian and Bosnian are written in Latin script; Cyrillic in this family is Serbian.
        return Language("sr", "Serbian", min(1.0, family_confidence), SR_FAMILY, script,
                        "Cyrillic script within the Serbian/Croatian/Bosnian family")
    cues = family_cues(text)
    sr, hr, bs = cues["sr"], cues["hr"], cues["bs"]
    method = f"family cues: {sr} Serbian (ekavian), {hr} Croatian (ijekavian), {bs} Bosnian"
    if sr > hr:
        code = "sr"
        share = sr / (sr + hr + 1)
    elif hr or bs:
        code = "bs" if bs > 0 and bs >= hr / 2 and hr > 0 else "hr"
        share = max(hr, bs) / (sr + hr + bs + 1)
    else:
        code = "hr"
        share = 0.34
    return Language(code, NAMES[code], round(min(1.0, family_confidence) * share, 3), SR_FAMILY, script, method)


def to_latin(text: str) -> str:
    """Serbian Cyrillic to Latin (cyrtranslit); other text unchanged."""
    import cyrtranslit

    return cyrtranslit.to_latin(text, "sr")
