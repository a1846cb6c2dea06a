"""Language of a text: lingua for the language, our own cues within Serbian/Croatian/Bosnian.

No detector tells Latin-script Serbian from Croatian (lingua's Serbian model is
Cyrillic only; it calls Latin Serbian Croatian), so inside that family we count
documented cues: ekavian against ijekavian reflexes of the old yat vowel
("vreme"/"vrijeme", "mesto"/"mjesto", "razumevanje"/"razumijevanje") and
vocabulary that differs between the standards ("hleb"/"kruh", "istorija"/"povijest").
"""

from __future__ import annotations

import itertools
import re
import threading
from dataclasses import dataclass
from functools import cache, lru_cache
from pathlib import Path

from lingua import Language as LinguaLanguage
from lingua import LanguageDetector, LanguageDetectorBuilder

from audits.model import Language
from audits.prepare.first_chars import gated
from audits.prepare.rule_files import load_yaml

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
    # Other European languages are detected too, so that a page in one of them is reported as what
    # it is (with no calibrated formula) rather than forced into the nearest supported language.
    LinguaLanguage.ROMANIAN,
    LinguaLanguage.CZECH,
    LinguaLanguage.SLOVAK,
    LinguaLanguage.HUNGARIAN,
    LinguaLanguage.BULGARIAN,
    LinguaLanguage.UKRAINIAN,
    LinguaLanguage.GREEK,
    LinguaLanguage.SWEDISH,
    LinguaLanguage.DANISH,
    LinguaLanguage.FINNISH,
    LinguaLanguage.BOKMAL,
    LinguaLanguage.ALBANIAN,
    LinguaLanguage.LITHUANIAN,
    LinguaLanguage.LATVIAN,
    LinguaLanguage.ESTONIAN,
    LinguaLanguage.TURKISH,
    LinguaLanguage.CATALAN,
)
NAMES = {
    "en": "English", "sr": "Serbian", "hr": "Croatian", "bs": "Bosnian", "sl": "Slovene",
    "mk": "Macedonian", "de": "German", "es": "Spanish", "fr": "French", "it": "Italian",
    "nl": "Dutch", "pt": "Portuguese", "ru": "Russian", "pl": "Polish", "ro": "Romanian", "cs": "Czech",
    "sk": "Slovak", "hu": "Hungarian", "bg": "Bulgarian", "uk": "Ukrainian", "el": "Greek", "sv": "Swedish",
    "da": "Danish", "fi": "Finnish", "nb": "Norwegian", "sq": "Albanian", "lt": "Lithuanian", "lv": "Latvian",
    "et": "Estonian", "tr": "Turkish", "ca": "Catalan",
}
SR_FAMILY = "sr/hr/bs"
_FAMILY_CODES = {"sr", "hr", "bs"}

CUES_FILE = Path(__file__).with_name("bcs_cues.yaml")


@dataclass(frozen=True)
class FamilyCues:
    """Compiled cue patterns from bcs_cues.yaml (immutable: safe to share between threads)."""

    ekavian: re.Pattern[str]
    ijekavian: re.Pattern[str]
    east: re.Pattern[str]
    croatian: re.Pattern[str]
    bosnian: re.Pattern[str]
    west: re.Pattern[str]


def _pattern(forms: list[str]) -> re.Pattern[str]:
    """One alternation: "stem-" matches a word start, anything else the whole word (or phrase)."""
    alts = sorted(
        (re.escape(f[:-1]) + r"\w*" if f.endswith("-") else re.escape(f) for f in forms), key=len, reverse=True
    )
    return re.compile(r"(?<!\w)(?:" + "|".join(alts) + r")(?!\w)", re.IGNORECASE)


@cache
def family_cue_table() -> FamilyCues:
    """The cue table, read once per process (read-only afterwards)."""
    data = load_yaml(CUES_FILE.read_text(encoding="utf-8"))
    yat = data["yat"]
    vocab = data["vocabulary"]
    return FamilyCues(
        ekavian=_pattern(list(yat)),
        ijekavian=_pattern(list(yat.values())),
        east=_pattern(vocab["east"]),
        croatian=_pattern(vocab["croatian"]),
        bosnian=_pattern(vocab["bosnian"]),
        west=_pattern(vocab["west"]),
    )


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
    sample = text[:5000]
    if not _CYRILLIC.search(sample):  # most text: no Cyrillic letter, no need to count letters
        return "latin"
    letters = len(_LETTER.findall(sample)) or 1
    return "cyrillic" if len(_CYRILLIC.findall(sample)) / letters > 0.5 else "latin"


def detect_language(text: str, override: str | None = None, *, shortcut: bool = True) -> Language:
    """Detect the language of a text with a confidence; an override wins and says so.

    With ``shortcut`` (the default) plain English prose and plain Latin-script Serbian/Croatian/Bosnian
    prose are recognised from lingua's verdict on their opening and their function words
    (``_clearly_english``, ``_clearly_family``); everything else is read by lingua whole.
    """
    script = script_of(text)
    if override:
        code = override.lower()
        family = SR_FAMILY if code in _FAMILY_CODES else None
        return Language(code, NAMES.get(code, code), 1.0, family, script, "set by the user", overridden=True)
    sample = text[:SAMPLE]
    if shortcut and script == "latin" and _clearly_english(sample):
        return Language("en", "English", 1.0, None, script, "lingua language detector")
    if shortcut and script == "latin" and _clearly_family(sample):
        return _within_family(text, script, 1.0)
    values = _detector().compute_language_confidence_values(sample)
    if not values or not sample.strip():
        return Language("und", "Undetermined", 0.0, None, script, "no text to detect a language in")
    top = values[0]
    code = top.language.iso_code_639_1.name.lower()
    # lingua's confidence for one text can differ in its last binary digit from one call to the next
    # (0.9952709915960949 / 0.995270991596095): rounded, the same text always gets the same report.
    confidence = round(float(top.value), CONFIDENCE_DIGITS)
    if code in _FAMILY_CODES or (script == "cyrillic" and code in ("mk", "ru") and _serbian_cyrillic(text)):
        # The detector splits its belief between the three standards; the family holds their sum.
        family = sum(float(v.value) for v in values if v.language.iso_code_639_1.name.lower() in _FAMILY_CODES)
        return _within_family(text, script, max(confidence, family))
    return Language(code, NAMES.get(code, code), confidence, None, script, "lingua language detector")


SAMPLE = 3000  # characters lingua reads
CONFIDENCE_DIGITS = 6  # decimals kept of lingua's confidence (see detect_language)
# The English shortcut (issue 18, fifth pass). lingua costs ~0.2 ms per candidate language per
# 3,000 characters (31 languages: ~6 ms a page, the largest part of the prepare stage), and on
# English prose its verdict over the whole sample is English with confidence exactly 1.0 (all 149
# English pages of the seeds, dev and extra pages). The shortcut asks lingua about the opening only
# (its first HEAD characters, cut at a space) and checks the whole sample cheaply: every CHUNK-sized
# part reads as English prose (common English function words make up at least MIN_ENGLISH of its
# words, those of the other detected languages at most MAX_OTHER) and almost no letter lies outside
# a-z. A list, a table, a quotation or a paragraph in another language fails the check, and lingua
# reads the whole sample as before.
HEAD = 300
CHUNK = 500
MIN_SAMPLE = 1200  # shorter samples cost lingua little: read them whole
MIN_WORDS = 20  # fewer words in a part: not prose, no shortcut
MIN_ENGLISH = 0.15  # English prose: 0.25-0.45 of words (English pages' least part: 0.04-0.16 for lists)
MAX_OTHER = 0.03  # other languages' parts: 0.00-0.06 English function words, 0.15 and more of their own
MAX_FOREIGN_LETTERS = 0.01
ENGLISH_WORDS = frozenset((
    "the", "and", "of", "to", "is", "that", "for", "with", "are", "this", "was", "have", "from", "you", "they",
    "not", "but", "which", "their", "be", "by", "as", "or", "an", "it", "at", "we", "can", "has", "been", "were",
    "will", "your", "our", "more", "about", "when", "there", "what", "who", "also", "if", "would", "these", "than",
    "other", "into", "its",
))
# Frequent function words of the other languages lingua is asked about, minus words English also uses
# ("do", "die", "a", "in", "on", "so", "van", "per", "non"...) or reads in abbreviations ("U.S.", "OS").
OTHER_WORDS = frozenset((
    "je", "na", "da", "se", "za", "su", "od", "koji", "koja", "koje", "što", "sto", "ali", "kao", "ili", "nije",
    "biti", "bio", "može", "više", "der", "und", "den", "von", "zu", "das", "mit", "sich", "des", "auf", "für",
    "ist", "im", "dem", "nicht", "ein", "eine", "als", "auch", "es", "les", "est", "une", "que", "qui", "dans",
    "pour", "pas", "sur", "au", "avec", "sont", "el", "los", "las", "del", "por", "con", "una", "para", "lo",
    "como", "más", "pero", "sus", "il", "di", "che", "della", "sono", "gli", "nel", "alla", "het", "een", "en",
    "dat", "niet", "zijn", "met", "voor", "em", "um", "uma", "não", "ao", "dos", "nie", "się", "jest", "że", "ki",
    "pa", "tudi", "kot", "bo", "och", "att", "det", "som", "är", "för", "på", "af", "og", "er", "ikke", "til",
))
_WORDS = re.compile(r"[^\W\d_]+")
_FOREIGN_LETTER = re.compile(r"[^\W\d_a-zA-Z]")


def _prose_parts(sample: str) -> list[list[str]] | None:
    """The sample's CHUNK-sized parts as lowercased words, or None when a part is too short to be prose."""
    if len(sample) < MIN_SAMPLE:
        return None
    count = max(1, len(sample) // CHUNK)
    bounds = [round(i * len(sample) / count) for i in range(count + 1)]
    parts = [_WORDS.findall(sample[start:end].lower()) for start, end in itertools.pairwise(bounds)]
    return None if any(len(words) < MIN_WORDS for words in parts) else parts


def _share(words: list[str], vocabulary: frozenset[str]) -> float:
    return sum(w in vocabulary for w in words) / len(words)


LINE_WORDS = 8  # a line this long is judged on its own (a paragraph in another language)


BARE_LINE_WORDS = 12  # a line this long with none of its language's function words is not that language's prose


def _foreign_line(sample: str, own: frozenset[str], other: frozenset[str]) -> bool:
    """Whether a line of the sample reads as another language: at least two of the other languages' function
    words and more of them than of its own, or, on a line of BARE_LINE_WORDS words or more, none of its own at
    all (prose always has some: "the", "and", "of"; "je", "i", "da"; a Croatian line whose only function words are
    "u" and "i" shows this way). A short paragraph in another language can sit inside one CHUNK-sized part without
    tipping that part's shares, yet lingua, reading the whole sample, may follow it. A run of short lines (a
    bulleted list: "• anksiozni poremećaji" / "• depresivni simptomi" / …) is judged as one line."""
    run: list[str] = []  # words of the current run of short lines
    for line in [*sample.splitlines(), ""]:
        words = _WORDS.findall(line.lower())
        if 0 < len(words) < LINE_WORDS:
            run.extend(words)
            continue
        if _reads_foreign(run, own, other) or _reads_foreign(words, own, other):
            return True
        run = []
    return False


def _reads_foreign(words: list[str], own: frozenset[str], other: frozenset[str]) -> bool:
    """At least two of the other languages' function words and more of them than of its own, or none of its own
    in BARE_LINE_WORDS words or more (see _foreign_line)."""
    if len(words) < LINE_WORDS:
        return False
    mine = sum(w in own for w in words)
    foreign = sum(w in other for w in words)
    return (foreign >= 2 and foreign > mine) or (mine == 0 and len(words) >= BARE_LINE_WORDS)


def _head_values(sample: str) -> list:  # type: ignore[type-arg]
    """lingua's confidence values for the sample's first HEAD characters, cut at a space."""
    head = sample[:HEAD]
    cut = head.rfind(" ")
    return _detector().compute_language_confidence_values(head[:cut] if cut > HEAD // 2 else head)


def _clearly_english(sample: str) -> bool:
    """Whether lingua would call this Latin-script sample English with full confidence: every part
    reads as English prose and lingua says English, fully confident, of the opening (constants above)."""
    parts = _prose_parts(sample)
    if parts is None or any(_share(words, ENGLISH_WORDS) < MIN_ENGLISH or _share(words, OTHER_WORDS) > MAX_OTHER
                            for words in parts):
        return False
    letters = sum(len(w) for words in parts for w in words)
    if len(_FOREIGN_LETTER.findall(sample)) > MAX_FOREIGN_LETTERS * letters:  # č, é, ß, Cyrillic...
        return False
    if _foreign_line(sample, ENGLISH_WORDS, OTHER_WORDS):
        return False
    values = _head_values(sample)
    return bool(values) and values[0].language == LinguaLanguage.ENGLISH and values[0].value == 1.0


# The same shortcut for Latin-script Serbian, Croatian and Bosnian, whose lingua verdict only matters
# as the family's summed confidence (the standard is decided by our cues): over the whole sample it is
# 1.0 to within 1e-15 on all 72 such pages of the seeds, dev and extra pages, and a reported
# confidence (cue strength times the family's, to three decimals) is the same for any family
# confidence above 0.9995. Every part must read as the family's prose (its function words at least
# MIN_FAMILY of the words, Slovene-only words at most MAX_SLOVENE: Slovene prose has 0.04-0.23, these
# pages at most 0.012; English function words at most MAX_OTHER), and lingua must give the family
# at least FAMILY_SURE of its belief on the opening.
MIN_FAMILY = 0.10  # these pages' least part: 0.13; Slovene 0.05-0.07, English 0.00-0.01
MAX_SLOVENE = 0.025
FAMILY_SURE = 0.99999
FAMILY_WORDS = frozenset((
    "je", "i", "u", "na", "da", "se", "za", "su", "od", "koji", "koja", "koje", "što", "kao", "ili", "nije",
    "biti", "bio", "može", "više", "ali", "sa", "iz", "po", "do", "ne", "to", "a", "o", "kod", "te", "jer", "kada",
    "kako", "ima", "samo", "već", "još", "treba", "bi",
))
SLOVENE_WORDS = frozenset((
    "in", "ki", "tudi", "kot", "bo", "lahko", "če", "ter", "zelo", "saj", "naj", "kar", "vendar", "ker", "v", "z",
    "še", "so",
))
_ENGLISH_IN_FAMILY = ENGLISH_WORDS - {"to"}  # "to" is a Serbian/Croatian word too


def _clearly_family(sample: str) -> bool:
    """Whether lingua would give this Latin-script sample to Serbian/Croatian/Bosnian with a summed
    confidence above 0.9995 (constants above)."""
    if _CYRILLIC.search(sample):
        return False
    parts = _prose_parts(sample)
    if parts is None or any(_share(words, FAMILY_WORDS) < MIN_FAMILY or _share(words, SLOVENE_WORDS) > MAX_SLOVENE
                            or _share(words, _ENGLISH_IN_FAMILY) > MAX_OTHER for words in parts):
        return False
    if _foreign_line(sample, FAMILY_WORDS, _ENGLISH_IN_FAMILY | SLOVENE_WORDS):
        return False
    values = _head_values(sample)
    if not values or values[0].language.iso_code_639_1.name.lower() not in _FAMILY_CODES:
        return False
    return sum(float(v.value) for v in values if v.language.iso_code_639_1.name.lower() in _FAMILY_CODES) >= FAMILY_SURE


def _serbian_cyrillic(text: str) -> bool:
    # Letters only Serbian Cyrillic uses (ђ ћ љ њ џ ј), not Russian or Macedonian together.
    return bool(re.search(r"[ђћ]", text, re.IGNORECASE)) and not re.search(r"[ѓќ]", text, re.IGNORECASE)


def family_cues(text: str) -> dict[str, int]:
    """Counts of each kind of cue: ekavian and ijekavian yat reflexes, eastern, Croatian and Bosnian words.

    Cyrillic is transliterated first. "sr", "hr" and "bs" summarise them: Serbian evidence is
    ekavian forms, Croatian evidence ijekavian forms plus Croatian vocabulary, Bosnian evidence
    Bosnian-only words.
    """
    latin = to_latin(text) if script_of(text) == "cyrillic" else text
    table = family_cue_table()
    counts = {  # the same matches, found faster (audits/prepare/first_chars.py)
        "ekavian": len(gated(table.ekavian).findall(latin)),
        "ijekavian": len(gated(table.ijekavian).findall(latin)),
        "east": len(gated(table.east).findall(latin)),
        "croatian": len(gated(table.croatian).findall(latin)),
        "bosnian": len(gated(table.bosnian).findall(latin)),
        "west": len(gated(table.west).findall(latin)),
    }
    counts["sr"] = counts["ekavian"]
    counts["hr"] = counts["ijekavian"] + counts["croatian"]
    counts["bs"] = counts["bosnian"]
    return counts


# Below this many decisive cues a decision is reported with low confidence and the user is asked.
MIN_EVIDENCE = 3


def decide_within_family(cues: dict[str, int]) -> tuple[str, float, str]:
    """(code, strength 0..1, reason) from the cue counts: yat reflex first, then vocabulary.

    Ekavian text is Serbian. Ijekavian text is Croatian or Bosnian, and the yat reflex cannot tell which:
    only vocabulary can. Bosnian-only words (historija, ljekar) and eastern vocabulary (hiljada, porodica,
    sedmica) point to Bosnian, Croatian-only words (tisuća, obitelj, tjedan, sustav) to Croatian; one eastern
    word is not enough, since Croatian writers use some too. Words Croatian and Bosnian share ("west":
    utjecaj, uvjet, organizirati) tell ijekavian text from Serbian, never Croatian from Bosnian. With too
    little evidence the strength stays below 0.5, so the report says it is unsure and asks.
    """
    e, j = cues["ekavian"], cues["ijekavian"]
    east, cro, bos, west = cues["east"], cues["croatian"], cues["bosnian"], cues["west"]
    described = (f"{e} ekavian and {j} ijekavian forms; {east} Serbian/Bosnian, {cro} Croatian-only and "
                 f"{bos} Bosnian-only words")
    if e > 2 * j and e >= 1:
        evidence = e - j + max(0, east - cro - west)
        return "sr", _strength(evidence), f"ekavian text is Serbian ({described})"
    if j > 2 * e and j >= 1:
        lean = 2 * bos + east - cro  # towards Bosnian when positive, Croatian when negative
        if lean >= BOSNIAN_MARGIN:
            return "bs", _strength(lean + bos), f"ijekavian with Bosnian/eastern vocabulary ({described})"
        if lean < 0:
            return "hr", _strength(1 - lean), f"ijekavian with Croatian vocabulary ({described})"
        if lean > 0:  # one eastern word: Bosnian more often than not, but the user is asked
            return "bs", UNSURE, f"ijekavian with one Serbian/Bosnian word: Bosnian or Croatian ({described})"
        return "hr", UNSURE, f"ijekavian (Croatian or Bosnian), and no vocabulary tells which ({described})"
    # Mixed or no yat evidence: vocabulary alone, never a silent default.
    if east > cro + west and not j:
        return "sr", _strength(east - cro - west - 1), f"no clear yat reflex; Serbian vocabulary ({described})"
    if cro + west > east:
        return "hr", _strength(cro + west - east - 1), f"no clear yat reflex; Croatian vocabulary ({described})"
    if bos:
        return "bs", _strength(bos - 1), f"no clear yat reflex; Bosnian vocabulary ({described})"
    reason = f"not enough evidence to tell Serbian, Croatian and Bosnian apart ({described})"
    return ("hr" if j >= e else "sr"), 0.2, reason


# Net eastern words (a Bosnian-only word counts twice) that ijekavian text needs to be called Bosnian with confidence.
BOSNIAN_MARGIN = 2
UNSURE = 0.4  # strength of a guess the text cannot settle: below 0.5, so the user is asked


def _strength(evidence: int) -> float:
    """How decisive a margin of cues is: 0.25 with none, 0.625 at MIN_EVIDENCE, 1.0 at twice that."""
    return round(0.25 + 0.75 * min(1.0, max(0, evidence) / (2 * MIN_EVIDENCE)), 3)


def _within_family(text: str, script: str, family_confidence: float) -> Language:
    if script == "cyrillic":
        # Croatian and Bosnian are written in Latin script; Cyrillic in this family is Serbian.
        return Language("sr", "Serbian", round(min(1.0, family_confidence), CONFIDENCE_DIGITS), SR_FAMILY, script,
                        "Cyrillic script within the Serbian/Croatian/Bosnian family")
    code, strength, reason = decide_within_family(family_cues(text))
    confidence = round(min(1.0, family_confidence) * strength, 3)
    if confidence < 0.5:
        reason += "; please confirm the language"
    return Language(code, NAMES[code], confidence, SR_FAMILY, script, reason)


# Typographic apostrophes as straight ones, one character for one (so offsets stay exact): "Let’s talk"
# matches rules written "Let's talk", and "don’t" is looked up in the pronunciation dictionary as "don't".
STRAIGHT_APOSTROPHES = str.maketrans({"’": "'", "‘": "'", "ʼ": "'"})


def to_latin(text: str) -> str:
    """Serbian Cyrillic to Latin (cyrtranslit); other text unchanged."""
    import cyrtranslit

    return cyrtranslit.to_latin(text, "sr")


def has_cyrillic(text: str) -> bool:
    """Whether the text holds any Cyrillic letter."""
    return bool(_CYRILLIC.search(text))


@lru_cache(maxsize=256)
def _latin_letter(ch: str) -> str:
    return to_latin(ch)


def latin_with_offsets(text: str) -> tuple[str, list[int]]:
    """Serbian Cyrillic transliterated to Latin, with each Latin character's offset in the original
    (rules and glossaries are written in Latin script; their spans are mapped back through the offsets)."""
    if not _CYRILLIC.search(text):  # most text: nothing to transliterate, offsets are the identity
        return text, list(range(len(text) + 1))
    out: list[str] = []
    offsets: list[int] = []
    for i, ch in enumerate(text):
        latin = _latin_letter(ch) if _CYRILLIC.match(ch) else ch
        out.append(latin)
        offsets.extend([i] * len(latin))
    offsets.append(len(text))
    return "".join(out), offsets
