"""Map offsets in a source's cleaned text back to the page text the labels point into.

Ingest removes furniture lines and may normalise whitespace, so the cleaned text is the page text
with pieces taken out. difflib's matching blocks give the correspondence; it is in the standard
library and fast enough on pages of a few thousand characters.
"""

from __future__ import annotations

import bisect
import difflib


class OffsetMap:
    """cleaned offset -> page offset, by the matching blocks of the two texts."""

    def __init__(self, cleaned: str, page: str) -> None:
        if cleaned == page:
            self._blocks = [(0, 0, len(page))]
        else:
            self._blocks = _line_blocks(cleaned, page)
        self._starts = [a for a, _, _ in self._blocks]

    def __call__(self, offset: int) -> int:
        """The page offset of a cleaned offset (the nearest matched character when inside a gap)."""
        if not self._blocks:
            return offset
        i = bisect.bisect_right(self._starts, offset) - 1
        if i < 0:
            return self._blocks[0][1]
        a, b, n = self._blocks[i]
        return b + min(offset - a, n)

    def span(self, start: int, end: int) -> tuple[int, int]:
        """A cleaned [start, end) span as a page span."""
        s, e = self(start), self(max(start, end - 1)) + 1
        return (s, max(s, e)) if end > start else (s, s)


def _line_blocks(cleaned: str, page: str) -> list[tuple[int, int, int]]:
    """Matching blocks (cleaned start, page start, length), line by line.

    Ingest deletes whole lines and trims or joins others, so each cleaned line is looked up in the
    page after the previous one (exact and in order); a line not found verbatim is aligned with
    difflib inside the stretch of page between its neighbours.
    """
    blocks: list[tuple[int, int, int]] = []
    cursor = 0  # page position after the last matched line
    pos = 0
    pending: list[tuple[int, str]] = []  # cleaned lines not found verbatim, waiting for the next anchor

    def flush(until: int) -> None:
        for start, line in pending:
            matcher = difflib.SequenceMatcher(None, line, page[cursor:until], autojunk=False)
            blocks.extend((start + a, cursor + b, n) for a, b, n in matcher.get_matching_blocks() if n)
        pending.clear()

    for line in cleaned.split("\n"):
        if line.strip():
            at = _find_line(page, line, cursor)
            if at >= 0:
                flush(at)
                n = len(line)
                if cleaned[pos + n : pos + n + 1] == "\n" and page[at + n : at + n + 1] == "\n":
                    n += 1  # the line break after it corresponds too
                blocks.append((pos, at, n))
                cursor = at + n
            else:
                pending.append((pos, line))
        pos += len(line) + 1
    flush(len(page))
    blocks.sort()
    return blocks


def _find_line(page: str, line: str, start: int) -> int:
    """Where line stands in page at or after start: a whole page line first, else the start of one."""
    fallback = -1
    at = page.find(line, start)
    while at >= 0:
        line_start = page.rfind("\n", 0, at) + 1
        if not page[line_start:at].strip():
            line_end = page.find("\n", at)
            if not page[at + len(line) : len(page) if line_end < 0 else line_end].strip():
                return at
            if fallback < 0:
                fallback = at
        at = page.find(line, at + 1)
    return fallback


def overlaps(a: tuple[int, int], b: tuple[int, int]) -> bool:
    """Whether two half-open spans share a character."""
    return a[0] < b[1] and b[0] < a[1]
