"""Paragraphs and sentences with exact character offsets into the cleaned text.

English and most languages: pysbd. Serbian, Croatian, Bosnian: reldi-tokeniser,
which keeps "dr.", "npr." and "2020. godine" together. A paragraph is one line
of the cleaned text (ingest has already joined hard-wrapped lines).
"""

from __future__ import annotations

import re
from functools import cache

from audits import budget
from audits.model import Span
from audits.prepare.reference_shape import HEADING

_PYSBD_LANGS = {"en", "de", "es", "fr", "it", "nl", "ru", "pl", "hy", "bg", "da", "el", "fa", "hi", "ja",
                "kk", "mr", "my", "sk", "ur", "zh", "am", "ar"}
_RELDI_LANGS = {"sr": "sr", "hr": "hr", "bs": "sr", "sl": "sl", "mk": "mk"}
# Abbreviations pysbd splits after, which then start the next fragment with a number
# or lower-case word ("see pg. 40"); we glue those fragments back together.
_GLUE_ABBREVIATIONS = re.compile(r"\b(pg|pp|p|vol|no|fig|figs|ch|sec|cf|approx|vs|ca|ed|eds)\.\s*$", re.IGNORECASE)
REFERENCES_HEADING = HEADING  # one list of reference-list headings (English, BCS, Slovenian, Cyrillic)
_SENTENCE_END = re.compile(r"[.!?…:\"”’»)\]]$")
_WORD = re.compile(r"[^\W_]+(?:['’\-][^\W_]+)*", re.UNICODE)


def paragraph_spans(text: str) -> list[Span]:
    """One span per non-empty line, whitespace trimmed."""
    spans = []
    for match in re.finditer(r"[^\n]+", text):
        start, end = match.span()
        piece = match.group()
        lead = len(piece) - len(piece.lstrip())
        trail = len(piece) - len(piece.rstrip())
        if end - trail > start + lead:
            spans.append(Span(start + lead, end - trail))
    return spans


def _pysbd(lang: str):  # type: ignore[no-untyped-def]
    """A fresh segmenter per call: pysbd keeps the text being split on the instance
    (``self.original_text``), so one shared instance mixes up concurrent audits (issue 17).
    Building one costs microseconds (a language-module lookup)."""
    import pysbd

    return pysbd.Segmenter(language=lang, clean=False, char_span=True)


def _split_pysbd(text: str, lang: str, fast: bool = True) -> list[tuple[int, int]]:
    lang = lang if lang in _PYSBD_LANGS else "en"
    segments = _easy_segments(text) if fast and lang == "en" else [(0, len(text), True)]
    found: list[tuple[int, int]] = []
    for a, b, hard in segments:
        if hard:
            found.extend((a + item.start, a + item.end) for item in _pysbd(lang).segment(text[a:b]))
        else:
            found.append((a, b))
    pieces: list[tuple[int, int]] = []
    for start, end in found:
        previous = text[pieces[-1][0] : pieces[-1][1]].rstrip() if pieces else ""
        # Glue after abbreviations pysbd does not know, and inside a line where the previous
        # piece has no sentence-final mark (numbered lists such as "1) ...; 2) ...").
        if pieces and (_GLUE_ABBREVIATIONS.search(previous) or not _SENTENCE_END.search(previous)):
            pieces[-1] = (pieces[-1][0], end)
        else:
            pieces.append((start, end))
    return pieces


# Fast path for English (issue 18): pysbd costs ~3 ms per call (it compiles regexes built from the
# text on every call). Most sentence ends are "easy": a word of lower-case letters that is no
# abbreviation pysbd knows, a mark (maybe a citation "[1]" before it, a closing quote after it),
# one space and a capital letter, outside any quote or bracket. pysbd always ends a sentence
# there, so one compiled regex cuts the chunk at those ends; a segment left with no other mark is
# one sentence, and only segments with another mark ("3 a.m.", "U.S.", "e.g.", "...", list
# markers "2)") go to pysbd. Unbalanced quotes or brackets send the whole chunk to pysbd. No library
# offers "pysbd's answer, cheaply", which is why this is written here; the bench measures how
# often it agrees with pysbd (bench/sentences.py) and tests/audits/test_sentences_fast.py checks
# the seeds and the tricky cases split exactly as pysbd splits them.
_MARK = re.compile(r"(?<!\d)\.|\.(?!\d)|[!?…]")  # a decimal point ("19.1") never ends a sentence
_QUOTES_BRACKETS = re.compile(r"[\"“”„«»‘‚‹›()\[\]{}]")  # pysbd keeps quoted/bracketed sentences together
# List markers pysbd turns into boundaries without any mark: "1)", "a)", "(iv)", "(b)".
_LIST_MARK = re.compile(r"\d\)|(?<![^\s(])[a-zA-Z]\)|\([a-z]+\)")
_CITE = r"(?: \[\d+(?:[,–-]\d+)*\])?"  # a numbered citation before the mark: "... success [1]. Research"
_EASY_END = re.compile(r"(?<![^\W\d_])([^\W\d_]*[a-z])" + _CITE + r"([.!?][\"”]?) (?=[A-Z][a-z]*\b)")
_TERMINAL = re.compile(r"([^\W\d_]*[a-z])" + _CITE + r"[.!?][\"”’)\]]*$")


@cache
def _abbreviations() -> frozenset[str]:
    """pysbd's English abbreviations, lower-cased (built once, immutable: safe to share between threads)."""
    from pysbd.lang.english import English

    ab = English.Abbreviation
    return frozenset(a.lower() for a in (*ab.ABBREVIATIONS, *ab.PREPOSITIVE_ABBREVIATIONS, *ab.NUMBER_ABBREVIATIONS))


_PAIRS = {"(": ")", "[": "]", "{": "}", "“": "”", "«": "»", "‹": "›"}
_CLOSERS = {v: k for k, v in _PAIRS.items()}


def _balanced(text: str) -> bool:
    """Every quote and bracket in text is closed, in order (a cut after it is outside any quotation);
    „ ‘ ‚ (openers that several languages close differently) count as unbalanced."""
    stack: list[str] = []
    straight = 0
    for ch in _QUOTES_BRACKETS.findall(text):
        if ch == '"':
            straight += 1
        elif ch in _PAIRS and not (ch in "“«‹" and ch in stack):  # a quote inside the same quote: odd
            stack.append(ch)
        elif ch in _CLOSERS and stack and stack[-1] == _CLOSERS[ch]:
            stack.pop()
        else:
            return False
    return not stack and straight % 2 == 0


def _easy_segments(text: str) -> list[tuple[int, int, bool]]:
    """The chunk cut at its easy sentence ends (see above) as (start, end, needs_pysbd) pieces."""
    abbreviations = _abbreviations()
    body = text.rstrip()
    quoted = _QUOTES_BRACKETS.search(body) is not None
    if quoted and not _balanced(body):  # pysbd's decisions then depend on the whole chunk
        return [(0, len(text), True)]
    cuts = [m.end(2) for m in _EASY_END.finditer(body)
            if len(m.group(1)) >= 2 and m.group(1).lower() not in abbreviations
            and (not quoted or _balanced(body[: m.end(2)]))]
    pieces: list[tuple[int, int, bool]] = []
    start = 0
    for end in [*cuts, len(text)]:
        if start >= len(body):
            break
        segment = body[start:end].rstrip()
        marks = len(_MARK.findall(segment))
        # pysbd can only end a sentence at a mark, so a segment with no mark or with one last mark
        # (closing quotes or brackets after it at most) after a word no abbreviation is one sentence.
        terminal = _TERMINAL.search(segment)
        plain = marks == 0 or (marks == 1 and terminal is not None and len(terminal.group(1)) >= 2
                               and terminal.group(1).lower() not in abbreviations)
        # pysbd treats an unmatched quote or bracket on its own (it may split it off): its business
        hard = not plain or (quoted and (not _balanced(segment) or _LIST_MARK.search(segment) is not None))
        pieces.append((start, end, hard))
        start = end + 1
    return pieces


def _split_reldi(text: str, lang: str) -> list[tuple[int, int]]:
    from reldi_tokeniser import tokeniser

    out = tokeniser.run(text, _RELDI_LANGS[lang])
    bounds: dict[str, list[int]] = {}
    for line in out.split("\n"):
        if "\t" not in line:
            continue
        ident = line.split("\t", 1)[0]
        parts = ident.split(".")
        if len(parts) < 4 or "-" not in parts[3]:
            continue
        key = ".".join(parts[:2])
        first, last = parts[3].split("-")
        # reldi gives 1-based inclusive offsets within the text it was given.
        start, end = int(first) - 1, int(last)
        if key in bounds:
            bounds[key][1] = max(bounds[key][1], end)
        else:
            bounds[key] = [start, end]
    return [(a, b) for a, b in bounds.values()]


# The third-party splitters are super-linear on long inputs (pysbd searches every sentence again
# in the whole text), so they only ever see chunks of bounded size, and runs without spaces
# (base64, "Dr.Dr.Dr...") longer than LONG_TOKEN are one piece each, never given to a splitter.
CHUNK_CHARS = 4_000
LONG_TOKEN = 200
_LONG_RUN = re.compile(r"\S{" + str(LONG_TOKEN) + ",}")


def _chunks(text: str) -> list[tuple[int, int, bool]]:
    """(start, end, splittable) pieces of a paragraph: long unbroken runs alone, the rest cut at
    sentence ends or spaces into chunks of at most CHUNK_CHARS."""
    out: list[tuple[int, int, bool]] = []
    pos = 0
    for run in _LONG_RUN.finditer(text):
        out.extend(_bounded(text, pos, run.start()))
        out.append((run.start(), run.end(), False))
        pos = run.end()
    out.extend(_bounded(text, pos, len(text)))
    return out


def _bounded(text: str, start: int, end: int) -> list[tuple[int, int, bool]]:
    out = []
    while end - start > CHUNK_CHARS:
        window = text[start : start + CHUNK_CHARS]
        cut = max(window.rfind(". "), window.rfind("? "), window.rfind("! "))
        cut = cut + 2 if cut > CHUNK_CHARS // 2 else (window.rfind(" ") + 1 or CHUNK_CHARS)
        out.append((start, start + cut, True))
        start += cut
    if text[start:end].strip():
        out.append((start, end, True))
    return out


def _split(chunk: str, lang: str, fast: bool = True) -> list[tuple[int, int]]:
    pieces: list[tuple[int, int]] = []
    for a, b, splittable in _chunks(chunk):
        budget.check()
        if not splittable:
            pieces.append((a, b))
            continue
        try:
            part = chunk[a:b]
            found = _split_reldi(part, lang) if lang in _RELDI_LANGS else _split_pysbd(part, lang, fast)
        except Exception:  # a splitter failing on odd input must not lose the text
            found = [(0, b - a)]
        pieces.extend((a + x, a + y) for x, y in found)
    return pieces


def sentence_spans(text: str, paragraphs: list[Span], lang: str, fast: bool = True) -> list[Span]:
    """Sentence spans within each paragraph, in order, whitespace trimmed.

    After a reference-list heading every paragraph is one entry, kept whole. fast=False sends every
    English chunk to pysbd (the reference the fast path is measured against).
    """
    spans: list[Span] = []
    in_references = False
    for para in paragraphs:
        budget.check()
        chunk = para.of(text)
        if in_references:
            spans.append(para)
            continue
        if REFERENCES_HEADING.match(chunk.strip()):
            in_references = True
        pieces = _split(chunk, lang, fast)
        covered = 0
        for a, b in sorted(pieces):
            a = max(a, covered)
            piece = chunk[a:b]
            lead = len(piece) - len(piece.lstrip())
            trail = len(piece) - len(piece.rstrip())
            if b - trail > a + lead:
                spans.append(Span(para.start + a + lead, para.start + b - trail))
            covered = max(covered, b)
        if not pieces and chunk.strip():
            spans.append(para)
    return spans


def count_words(text: str) -> int:
    """Words as runs of letters and digits (apostrophes and hyphens inside words kept)."""
    return len(_WORD.findall(text))
