"""Find rule matches in text, leaving out quoted and negated uses and cancelled contexts.

Negation follows the NegEx idea (Chapman et al., 2001): a cue preceded, within the same
clause and a few words, by a negation trigger ("no therapy works for everyone") is not an
assertion. Quoted text is someone else's words and is not counted either.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

import phonenumbers

from audits.marketing.rules import Rule
from audits.prepare.first_chars import gated
from audits.prepare.language import STRAIGHT_APOSTROPHES, has_cyrillic, latin_with_offsets
from audits.prepare.literals import folded, may_match

NEGATION_WINDOW = 4  # words before the cue, as in NegEx's five-token window minus the cue itself
NEGATORS = frozenset({
    # English
    "no", "not", "never", "none", "nothing", "nobody", "neither", "nor", "without", "cannot", "hardly",
    "isn't", "aren't", "wasn't", "weren't", "doesn't", "don't", "didn't", "won't", "can't", "couldn't",
    "shouldn't", "wouldn't", "rarely", "seldom", "few",
    # Serbian / Croatian / Bosnian (Latin script)
    "ne", "nije", "nisu", "nema", "nemaju", "nikad", "nikada", "nijedan", "nijedna", "nijedno", "bez", "niti",
    "neće", "nećemo", "nismo", "nisam",
})
# A clause ends at sentence punctuation, a semicolon, colon, comma, dash, bracket or line break.
_CLAUSE_BREAK = re.compile(r"[.!?;:,—–()\[\]\n]|\s-\s")
_WORD = re.compile(r"[\w'’]+")
# A sentence ends after a word of two or more letters (not an initial such as "T.") or a closing quote. After a
# number, a full stop followed by a small letter is an ordinal, not an ending: Serbian, Croatian, Bosnian and
# Slovenian write dates so ("od 23. marta 2020. godine", "15. prosinca").
_SENTENCE_BREAK = re.compile(r"(?<=\w\w[.!?])(?<!\d\d\.)\s+|(?<=\d\d\.)\s+(?=\S)(?![a-zčćžšđа-яђјљњћџ])"
                             r"|(?<=[)\"”’»][.!?])\s+|(?<=[.!?][)\"”’»])\s+|\n+")
# Opening quote -> the closing quotes that may end it (English and Serbian typography).
_QUOTES = {"“": "”", "„": "“”", "«": "»", "»": "«", '"': '"'}
MAX_QUOTE = 400  # longer "quotes" are unbalanced marks, not quotations
# A quotation of at most this many words is a mention ("so-called 'miracle cures'"): a rule with skip_quoted leaves it
# alone. A longer one is someone speaking ("Over 90% of patients we've treated recovered," says the founder): on the
# provider's page that is its own voice, and its cues count.
MENTION_WORDS = 12
_OPENERS = re.compile("[" + re.escape("".join(_QUOTES)) + "]")
# What ends a quotation opened by each mark: one of its closing marks, or a blank line.
_QUOTE_STOPS = {mark: re.compile("[" + re.escape(closers) + "]|\n\n") for mark, closers in _QUOTES.items()}
PHONE_REGIONS = ("US", "GB", "RS", "HR", "BA", "SI")  # default regions for numbers written without a country code
# Five digits with at most three separators between neighbours: every number libphonenumber
# validates has at least this; most pages have none, and the matcher costs ~10 ms a page.
_PHONE_CANDIDATE = re.compile(r"\d(?:[ \t().\-/+]{0,3}\d){4,}")
_LINE = re.compile(r"[^\n]+")
# A calendar date ("09.04.1947", "12/03/2021", "2021-03-12"): eight digits libphonenumber may validate as a number.
_DATE = re.compile(r"(?:\d{1,2}[./-] ?\d{1,2}[./-] ?(?:\d{4}|\d{2})|\d{4}-\d{1,2}-\d{1,2})\.?")


@dataclass(frozen=True)
class Match:
    """One rule matching one span of text."""

    rule: Rule
    start: int
    end: int


def quoted_spans(text: str) -> list[tuple[int, int]]:
    """Character ranges inside quotation marks (the marks included), paired within a paragraph.

    An opening mark pairs with the first closing mark after it, within MAX_QUOTE characters and
    before a blank line; an opening mark without one is passed over. Marks are found by regex
    (this ran a Python loop over every character before).
    """
    spans: list[tuple[int, int]] = []
    i, n = 0, len(text)
    while True:
        opener = _OPENERS.search(text, i)
        if opener is None:
            return spans
        i = opener.start()
        limit = min(n, i + 1 + MAX_QUOTE)
        # endpos one further: a blank line starting at limit - 1 still stops the quotation
        stop = _QUOTE_STOPS[text[i]].search(text, i + 1, limit + 1)
        if stop is not None and stop.start() < limit and stop.group() != "\n\n":
            spans.append((i, stop.start() + 1))
            i = stop.start() + 1
        else:
            i += 1


def _inside(spans: list[tuple[int, int]], start: int, end: int) -> bool:
    return any(s <= start and end <= e for s, e in spans)


def is_negated(text: str, start: int, quotes: list[tuple[int, int]] | None = None) -> bool:
    """Whether a negation word stands in the same clause within a few words before start.

    A negation inside a quotation that closed before the cue (a title: „Nisam ti rekla“ donosi inovativan pristup)
    does not reach past it. ``quotes``: the text's ``quoted_spans``, when the caller has them already."""
    window_start = max(0, start - 80)
    before = text[window_start:start]
    for s, e in quoted_spans(text) if quotes is None else quotes:
        if e <= start and e > window_start:
            s, e = max(s, window_start) - window_start, e - window_start
            before = before[:s] + " " * (e - s) + before[e:]
    breaks = list(_CLAUSE_BREAK.finditer(before))
    if breaks:
        before = before[breaks[-1].end():]
    words = [w.lower().replace("’", "'") for w in _WORD.findall(before)][-NEGATION_WINDOW:]
    return any(w in NEGATORS or w.endswith("n't") for w in words)


def sentence_bounds(text: str, start: int, end: int) -> tuple[int, int]:
    """Offsets of the sentence (or line) holding a span, found by punctuation."""
    left = 0
    for m in _SENTENCE_BREAK.finditer(text, max(0, start - 400), start):
        left = m.end()
    right_match = _SENTENCE_BREAK.search(text, end, min(len(text), end + 400))
    right = right_match.start() if right_match else min(len(text), end + 400)
    return left, right


def sentence_around(text: str, start: int, end: int) -> str:
    """The sentence (or line) holding a span, found by punctuation; used for 'unless' contexts."""
    left, right = sentence_bounds(text, start, end)
    return text[left:right]


def phone_lines(text: str) -> list[tuple[int, str]]:
    """The lines (with their offsets) holding a run of five digits: the only ones the phone matcher reads.

    libphonenumber's candidates never span a line break (its pattern allows digits, punctuation,
    spaces and tabs), and what it checks around a candidate (the character before and after it, a
    time-stamp suffix) reads a line break as it reads the text's start or end; so matching line by
    line finds what matching the whole text finds, and lines without five digits (most lines of a
    page with a reference list) are not read at all (fifth pass: the matcher cost ~20 ms a page).
    """
    if not _PHONE_CANDIDATE.search(text):  # no run of five digits: nothing the matcher could accept
        return []
    return [(m.start(), m.group()) for m in _LINE.finditer(text) if _PHONE_CANDIDATE.search(m.group())]


def _raw_matches(rule: Rule, text: str) -> Iterator[tuple[int, int]]:
    if rule.type == "phone":
        # Google's libphonenumber finds numbers in running text and validates them per region.
        seen: set[tuple[int, int]] = set()
        lines = phone_lines(text)
        for region in PHONE_REGIONS:
            for offset, line in lines:
                for m in phonenumbers.PhoneNumberMatcher(line, region, leniency=phonenumbers.Leniency.VALID):
                    if _DATE.fullmatch(m.raw_string):
                        continue
                    if (offset + m.start, offset + m.end) not in seen:
                        seen.add((offset + m.start, offset + m.end))
                        yield offset + m.start, offset + m.end
        return
    if rule.pattern is None:
        return
    for m in gated(rule.pattern).finditer(text):  # the same matches, fewer alternatives tried
        if m.end() > m.start():
            yield m.start(), m.end()


def find_matches(text: str, rules: Iterable[Rule], language: str, apart: frozenset[str] = frozenset()) -> list[Match]:
    """Every rule match in the text for this language, minus quoted, negated and cancelled uses.

    Serbian written in Cyrillic is matched through its Latin transliteration (the rules are in
    Latin script); spans are mapped back to the original characters. Rules whose ids are in ``apart`` are
    deduplicated only against themselves (see ``dedupe``).
    """
    if has_cyrillic(text):
        latin, offsets = latin_with_offsets(text)
        return dedupe([Match(m.rule, offsets[m.start], offsets[m.end - 1] + 1)
                       for m in _find(latin, rules, language, apart)], apart)
    return _find(text, rules, language, apart)


def _find(text: str, rules: Iterable[Rule], language: str, apart: frozenset[str] = frozenset()) -> list[Match]:
    quotes = quoted_spans(text)
    mentions = [(s, e) for s, e in quotes if len(_WORD.findall(text, s, e)) <= MENTION_WORDS]
    plain = text.translate(STRAIGHT_APOSTROPHES)
    lowered = folded(plain)  # a rule none of whose required words occurs in it cannot match: not run
    found: list[Match] = []
    for rule in rules:
        if not rule.applies_to(language):
            continue
        if rule.pattern is not None and not may_match(rule.pattern, lowered):
            continue
        for start, end in _raw_matches(rule, plain):
            # A pattern anchored at a line's start may take its indentation: the span is the words only.
            while start < end and text[start].isspace():
                start += 1
            while end > start and text[end - 1].isspace():
                end -= 1
            if start == end:
                continue
            if rule.skip_quoted and _inside(mentions, start, end):
                continue
            if rule.negatable and is_negated(text, start, quotes):
                continue
            if rule.unless is not None and rule.unless.search(sentence_around(text, start, end)):
                continue
            found.append(Match(rule, start, end))
    return dedupe(_without_covered_fallbacks(found), apart)


def _without_covered_fallbacks(matches: list[Match]) -> list[Match]:
    """Drop a fallback rule's match where a specific rule of its family matched overlapping text: the specific
    rule's message says more, and a broad match spanning a sentence must not swallow it in ``dedupe``."""
    fallbacks = [m for m in matches if m.rule.fallback]
    if not fallbacks:
        return matches
    specific = [m for m in matches if not m.rule.fallback]
    return specific + [m for m in fallbacks
                       if not any(o.rule.family == m.rule.family and o.start < m.end and m.start < o.end
                                  for o in specific)]


def dedupe(matches: list[Match], apart: frozenset[str] = frozenset()) -> list[Match]:
    """Drop a match lying inside another match of the same family (one cue, one count). A rule in ``apart`` is a
    signal about other matches, not a cue ("donation" beside an amount says it is no fee, while "donation" is also
    a charity cue): its matches are compared only with its own."""
    ordered = sorted(matches, key=lambda m: (m.start, -(m.end - m.start), m.rule.id))
    kept: list[Match] = []
    # Every kept match starts at or before the current one (sorted by start), so the current one lies
    # inside a kept match of its group exactly when that group's furthest kept end reaches its end.
    furthest: dict[str, int] = {}
    for m in ordered:
        group = m.rule.id if m.rule.id in apart else m.rule.family
        if furthest.get(group, -1) >= m.end:
            continue
        kept.append(m)
        furthest[group] = max(furthest.get(group, -1), m.end)
    return kept


__all__ = ["NEGATORS", "Match", "dedupe", "find_matches", "is_negated", "quoted_spans", "sentence_around",
           "sentence_bounds"]
