"""Words that mix Latin and Cyrillic look-alike letters, read as one script.

Some Serbian sites print Latin text with Cyrillic letters that look the same ("Svеtsкi dаn zdrаvljа": the е, к
and а are Cyrillic), or Cyrillic text with Latin ones. A reader sees ordinary words; every word list, the
language step and the readability counts see strings that match nothing. Each such word is rewritten in the
script its other letters show (a letter only one alphabet has, such as ž, l or ш, decides), one letter for one
letter, so every offset and line number of the text stays where it was.

Written by hand: the Unicode confusables data (TR39, e.g. the confusable_homoglyphs package) pairs only letters
of identical shape and leaves out near look-alikes these pages use (Cyrillic к for k), and the mapping needed
is one short table over Serbian's two alphabets. Transliteration (cyrtranslit) is not the same thing: it turns
Cyrillic р into r, where a page that swapped look-alikes meant p.
"""

from __future__ import annotations

import re

# Cyrillic letter -> the Latin letter it stands in for when a page swaps look-alikes, and back.
_CYRILLIC_TO_LATIN = {
    "а": "a", "е": "e", "о": "o", "р": "p", "с": "c", "у": "y", "х": "x", "ј": "j", "к": "k", "і": "i", "ѕ": "s",
    "А": "A", "В": "B", "Е": "E", "К": "K", "М": "M", "Н": "H", "О": "O", "Р": "P", "С": "C", "Т": "T", "Х": "X",
    "Ј": "J", "У": "Y", "І": "I", "Ѕ": "S",
}
_LATIN_TO_CYRILLIC = {latin: cyr for cyr, latin in _CYRILLIC_TO_LATIN.items() if cyr not in "іѕІЅ"}
_TO_LATIN = str.maketrans(_CYRILLIC_TO_LATIN)
_TO_CYRILLIC = str.maketrans(_LATIN_TO_CYRILLIC)
_CYRILLIC = re.compile(r"[\u0400-\u04ff]")
_LATIN = re.compile(r"[A-Za-z\u00c0-\u024f]")
_ALL_CYRILLIC_LOOKALIKES = re.compile(rf"\b[{''.join(_CYRILLIC_TO_LATIN)}]+\b")
_ALL_LATIN_LOOKALIKES = re.compile(rf"\b[{''.join(_LATIN_TO_CYRILLIC)}]+\b")
# A word holding letters of both alphabets (the lookaheads keep the scan to one pass over the words).
_MIXED_WORD = re.compile(r"\b(?=\w*[\u0400-\u04ff])(?=\w*[A-Za-z\u00c0-\u024f])\w+\b")

MIXED_SCRIPT_RULE = "ingest.mixed-script"
MIXED_SCRIPT_MESSAGE = (
    "{count} word{s} of this text mix Latin and Cyrillic letters that look alike (some sites do this to "
    "stop copying). {they} read in one alphabet, so that the language, the readability counts and the word "
    "lists see real words."
)
MIXED_SCRIPT_SUGGESTION = "Nothing to do unless the text is yours: if it is, retype the affected words in one alphabet."


def _distinctive(word: str) -> tuple[int, int]:
    """Letters of the word that only the Latin alphabet has, and that only the Cyrillic one has."""
    latin = sum(1 for ch in word if _LATIN.match(ch) and ch not in _LATIN_TO_CYRILLIC)
    cyrillic = sum(1 for ch in word if _CYRILLIC.match(ch) and ch not in _CYRILLIC_TO_LATIN)
    return latin, cyrillic


def _mostly_latin(text: str) -> bool:
    """Whether more of the text's letters are Latin than Cyrillic (ties: Latin)."""
    return len(_LATIN.findall(text)) >= len(_CYRILLIC.findall(text))


def unmix_scripts(text: str) -> tuple[str, int]:
    """The text with each mixed-script word written in one alphabet, and how many words were rewritten.

    A word whose own letters cannot tell (all of them look-alikes) follows the text's majority alphabet; a word
    with letters only Latin has and letters only Cyrillic has (two words glued together) is left as it is."""
    if not _CYRILLIC.search(text) or not _LATIN.search(text):
        return text, 0
    majority_latin: bool | None = None
    count = 0

    def fix(match: re.Match[str]) -> str:
        nonlocal majority_latin, count
        word = match.group()
        latin, cyrillic = _distinctive(word)
        if latin and cyrillic:
            return word
        if not latin and not cyrillic:
            if majority_latin is None:
                majority_latin = _mostly_latin(text)
            to_latin = majority_latin
        else:
            to_latin = latin > 0
        fixed = word.translate(_TO_LATIN if to_latin else _TO_CYRILLIC)
        if fixed != word:
            count += 1
        return fixed

    text = _MIXED_WORD.sub(fix, text)
    if count:
        # A page that swaps look-alikes also prints whole words in them ("као" for kao in Latin text): in the
        # majority alphabet, a word made only of the other alphabet's look-alikes is one of those.
        if majority_latin is None:
            majority_latin = _mostly_latin(text)
        table, whole = ((_TO_LATIN, _ALL_CYRILLIC_LOOKALIKES) if majority_latin
                        else (_TO_CYRILLIC, _ALL_LATIN_LOOKALIKES))

        def whole_word(match: re.Match[str]) -> str:
            nonlocal count
            count += 1
            return match.group().translate(table)

        text = whole.sub(whole_word, text)
    return text, count


def mixed_script_warning(count: int) -> tuple[str, str]:
    """The (rule, message) ingest warning for ``count`` rewritten words."""
    return MIXED_SCRIPT_RULE, MIXED_SCRIPT_MESSAGE.format(count=count, s="" if count == 1 else "s",
                                                          they="It was" if count == 1 else "They were")
