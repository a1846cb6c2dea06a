"""Helpline lists: the numbers a page signposts for people in crisis are safety information, not contact.

A crisis number is recognised in its own sentence (the rules' ``unless`` context and ``model.is_crisis``).
A signposting list spreads that context over a run of short lines: "Samaritans – for everyone / Call
116 123 / Campaign Against Living Miserably – for men / Call 0800 58 58 58". The service's name sits on
its own line, so the number's sentence alone says nothing about a crisis. A run of short lines is a
signposting list when it holds two or more crisis lines, or when the paragraph just above it is about a
crisis and introduces the list (it ends with ":"). A clinic's contact block with one "in an emergency,
call 911" line in it is neither, and keeps its booking number; a line of the run that books, sells or
makes appointments ("To book a private session, call …") is never covered. No library marks helpline lists,
so this is ours.
"""

from __future__ import annotations

import re

from audits.marketing.model import is_crisis

# A line that books or sells is the publisher's own contact, even inside a list of helplines.
_BOOKING = re.compile(r"\b(book\w*|appointments?|sessions?|consultations?|enquir\w*|inquir\w*|prices?|fees?|"
                      r"naroč\w*|naroc\w*|zakaž\w*|zakaz\w*|termin\w*|cijen\w*|cen[aeiu]|cenik\w*|cjenik\w*)\b",
                      re.IGNORECASE)

LIST_LINE_WORDS = 20  # a line this long or longer is a paragraph, and ends a list
MIN_CRISIS_LINES = 2  # crisis lines that make a run of short lines a signposting list on their own


def signposting_runs(text: str) -> list[tuple[int, int]]:
    """Character spans of the lines of the runs of short lines that signpost crisis or help lines (booking
    lines left out)."""
    runs: list[tuple[int, int]] = []
    lines: list[tuple[int, int, str]] = []
    pos = 0
    for raw in text.split("\n"):
        lines.append((pos, pos + len(raw), raw.strip()))
        pos += len(raw) + 1
    k = 0
    while k < len(lines):
        if not lines[k][2] or len(lines[k][2].split()) >= LIST_LINE_WORDS:
            k += 1
            continue
        end = k  # a run: short lines, blank lines between them allowed
        while end < len(lines) and len(lines[end][2].split()) < LIST_LINE_WORDS:
            end += 1
        members = [line for line in lines[k:end] if line[2]]
        crisis = sum(is_crisis(line[2]) for line in members)
        intro = next((line[2] for line in reversed(lines[:k]) if line[2]), "")
        introduced = intro.endswith(":") and is_crisis(intro)
        if len(members) >= 2 and (crisis >= MIN_CRISIS_LINES or introduced):
            runs += [(a, b) for a, b, line in members if not _BOOKING.search(line)]
        k = end
    return runs


def in_runs(start: int, runs: list[tuple[int, int]]) -> bool:
    """Whether a character offset falls inside one of the spans."""
    return any(a <= start < b for a, b in runs)
