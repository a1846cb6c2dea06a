"""Counts the formulas need, taken from the Document's own sentences (never a regex sentence count).

textstat counts sentences with a regex on ".!?", so "Dr. Mark Hrymoc, M.D." becomes four
sentences and headings without a full stop are glued to the next sentence. The Document
already has sentences from a real splitter (pysbd, reldi-tokeniser); we count words,
syllables, letters, long and difficult words inside those sentences and feed the formulas.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache, lru_cache
from importlib import resources

from audits.prepare.language import to_latin
from audits.readability.syllables import count_syllables

# Runs of letters and digits, apostrophes and hyphens inside words kept (as audits.prepare.sentences).
WORD = re.compile(r"[^\W_]+(?:['’\-][^\W_]+)*", re.UNICODE)
_CYRILLIC = re.compile(r"[\u0400-\u04FF]")
# Syllables that make a word "complex" (Gunning Fog); Pisarek's FOG-PL uses 4 for Polish.
_COMPLEX_SYLLABLES = {"pl": 4}


@dataclass(frozen=True)
class TextCounts:
    """Surface counts over a list of sentences."""

    sentences: int = 0
    words: int = 0
    syllables: int = 0
    letters: int = 0  # letters and digits, as ARI and Coleman-Liau define "characters"
    long_words: int = 0  # more than 6 letters (LIX, RIX)
    polysyllables: int = 0  # 3 or more syllables (SMOG)
    complex_words: int = 0  # 3+ syllables and not on the easy-word list (Gunning Fog, as textstat)
    difficult_words: int = 0  # not on the Dale-Chall easy-word list
    monosyllables: int = 0  # exactly one syllable (Wiener Sachtextformel)

    def __add__(self, other: TextCounts) -> TextCounts:
        return TextCounts(*(a + b for a, b in zip(self.as_tuple(), other.as_tuple(), strict=True)))

    def as_tuple(self) -> tuple[int, ...]:
        """The counts in field order."""
        return (self.sentences, self.words, self.syllables, self.letters, self.long_words,
                self.polysyllables, self.complex_words, self.difficult_words, self.monosyllables)

    def to_dict(self) -> dict[str, int]:
        """JSON form."""
        names = ("sentences", "words", "syllables", "letters", "long_words", "polysyllables",
                 "complex_words", "difficult_words", "monosyllables")
        return dict(zip(names, self.as_tuple(), strict=True))


@cache
def easy_words(lang: str = "en") -> frozenset[str]:
    """The Dale-Chall list of words familiar to 4th graders, as shipped inside textstat."""
    root = "es" if lang == "es" else "en"
    ref = resources.files("textstat").joinpath(f"resources/{root}/easy_words.txt")
    return frozenset(line.strip() for line in ref.read_text(encoding="utf-8").splitlines() if line.strip())


def is_familiar(word: str, easy: frozenset[str], depth: int = 0) -> bool:
    """Whether a lower-case word is on the easy list, counting regular inflections as familiar.

    Chall and Dale (1995) count regular plurals, possessives, -ed, -ing, -er, -est and -ly forms
    of listed words as familiar; textstat does not (it flags "feelings", "clients"), which puts
    nearly every adult text in the top band. We strip those endings before looking the word up.
    """
    if word in easy:
        return True
    word = word.removesuffix("'s").removesuffix("'")
    if word in easy:
        return True
    for suffix, replacements in (("ies", ("y",)), ("ied", ("y",)), ("es", ("", "e")), ("s", ("",)),
                                 ("ed", ("", "e")), ("ing", ("", "e")), ("ier", ("y",)), ("iest", ("y",)),
                                 ("er", ("", "e")), ("est", ("", "e")), ("ily", ("y",)), ("ly", ("",))):
        if word.endswith(suffix) and len(word) > len(suffix) + 1:
            stem = word[: -len(suffix)]
            for rep in replacements:
                if stem + rep in easy or (depth == 0 and is_familiar(stem + rep, easy, 1)):
                    return True
            # Doubled consonant before -ed/-ing/-er ("stopped", "running").
            if suffix in ("ed", "ing", "er", "est") and len(stem) > 2 and stem[-1] == stem[-2] and stem[:-1] in easy:
                return True
    return False


def normalise_script(text: str, lang: str) -> str:
    """Serbian Cyrillic becomes Latin, so both scripts give identical counts."""
    if lang in ("sr", "bs", "hr", "mk") and _CYRILLIC.search(text):
        return to_latin(text)
    return text


# Extraction sometimes loses the space between two words ("anxietyTherapy helps"): a small letter
# followed by a capital and a small letter inside a token is split there (repaired). A token longer
# than MAX_WORD_LETTERS is a run of glued words or a code, not a word: it is left out of the counts.
_GLUED = re.compile(r"(?<=[^\W\d_A-ZČĆŠŽĐ]{2})(?=[A-ZČĆŠŽĐ][^\W\d_A-ZČĆŠŽĐ])")
MAX_WORD_LETTERS = 30


def words_of(text: str) -> list[str]:
    """The words of a text, in order (glued words split, overlong runs left out)."""
    return [w for w in WORD.findall(_GLUED.sub(" ", text)) if len(w) <= MAX_WORD_LETTERS]


@lru_cache(maxsize=65536)  # words repeat (Zipf): one computation per distinct word; pure, thread-safe
def word_counts(word: str, lang: str) -> tuple[int, int, int, int, int, int, int]:
    """(letters, long, syllables, monosyllable, polysyllable, complex, difficult) of one word."""
    n_letters = sum(1 for ch in word if ch.isalnum())
    long_word = int(n_letters > 6)
    if not any(ch.isalpha() for ch in word):
        return n_letters, long_word, 1, 1, 0, 0, 0  # a number reads as one syllable; never "difficult"
    easy = easy_words(lang) if lang in ("en", "es") else frozenset()
    n = count_syllables(word, lang)
    lower = word.lower().replace("’", "'")
    complex_word = int(n >= _COMPLEX_SYLLABLES.get(lang, 3) and lower not in easy)  # Gunning's, as textstat
    difficult = int(bool(easy) and not is_familiar(lower, easy))
    return n_letters, long_word, n, int(n == 1), int(n >= 3), complex_word, difficult


def count_words_in(words: list[str], lang: str, sentences: int = 1) -> TextCounts:
    """Counts for a list of words spread over the given number of sentences."""
    letters = long_words = syllables = mono = poly = complex_words = difficult = 0
    for word in words:
        a, b, c, d, e, f, g = word_counts(word, lang)
        letters += a
        long_words += b
        syllables += c
        mono += d
        poly += e
        complex_words += f
        difficult += g
    return TextCounts(sentences, len(words), syllables, letters, long_words, poly, complex_words, difficult, mono)


def count_sentences(sentences: list[str], lang: str) -> TextCounts:
    """Counts over whole sentences (each string is one sentence)."""
    total = TextCounts()
    for sentence in sentences:
        total = total + count_words_in(words_of(normalise_script(sentence, lang)), lang, 1)
    return total


__all__ = ["WORD", "TextCounts", "count_sentences", "count_words_in", "easy_words", "is_familiar", "normalise_script",
           "words_of"]
