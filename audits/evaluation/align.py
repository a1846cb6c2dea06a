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
            matcher = difflib.SequenceMatcher(None, cleaned, page, autojunk=False)
            self._blocks = [(a, b, n) for a, b, n in matcher.get_matching_blocks() if n]
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


def overlaps(a: tuple[int, int], b: tuple[int, int]) -> bool:
    """Whether two half-open spans share a character."""
    return a[0] < b[1] and b[0] < a[1]
