"""Remove page furniture from plain-text copies of web pages, and record what went.

Extractors such as trafilatura handle HTML; pages saved or pasted as plain text
still carry site-builder furniture (navigation, breadcrumbs, date and byline lines,
photo credits, share lines, comment labels, related-article lists, cookie notices,
duplicated headings). No maintained library cleans plain text, so the line rules are
data (furniture.yaml, in several languages), each with the reason shown to the user.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import yaml

from audits.model import Removed

RULES_FILE = Path(__file__).with_name("furniture.yaml")
MAX_FURNITURE_LINE = 300  # longer lines are article text, never furniture (and keep matching linear)
_PROSE_WORD = re.compile(r"(?<![\w])[a-zčćšžđäöüßàèéìòùáíóúñ\u0430-\u045f][\w'’-]{1,30}")


@dataclass(frozen=True)
class FurnitureRule:
    """One kind of furniture: why it goes, the line patterns, and whether prose lines are protected."""

    reason: str
    patterns: tuple[re.Pattern[str], ...]
    prose_guard: bool = False
    examples: tuple[str, ...] = ()
    keep: tuple[str, ...] = ()

    def matches(self, line: str) -> bool:
        """Whether the whole stripped line is this kind of furniture."""
        if not any(p.fullmatch(line) for p in self.patterns):
            return False
        return not (self.prose_guard and looks_like_prose(line))


def looks_like_prose(line: str) -> bool:
    """Four or more words starting with a small letter: a sentence, not a label."""
    return len(_PROSE_WORD.findall(line)) >= 4


@cache
def furniture_rules() -> tuple[FurnitureRule, ...]:
    """The rules in furniture.yaml, compiled once (immutable: safe to share between threads)."""
    data = yaml.safe_load(RULES_FILE.read_text(encoding="utf-8"))
    return tuple(
        FurnitureRule(
            reason=item["reason"],
            patterns=tuple(re.compile(p, re.IGNORECASE) for p in item["patterns"]),
            prose_guard=bool(item.get("prose_guard", False)),
            examples=tuple(item.get("examples", ())),
            keep=tuple(item.get("keep", ())),
        )
        for item in data["rules"]
    )


def furniture_reason(line: str) -> str | None:
    """Why a stripped line is page furniture, or None when it is article text."""
    if not line or len(line) > MAX_FURNITURE_LINE:
        return None
    return next((r.reason for r in furniture_rules() if r.matches(line)), None)


COMMENTS_REASON = "comments section label"
# A bare date stamp glued to the start of a line ("date 2025-10-15 Anxiety is ..."): the stamp goes.
_DATE_PREFIX = re.compile(r"^\s?date \d{4}(?:-\d{2}){0,2}(?: [a-z]{1,12}){0,3}?\s(?=[A-ZČĆŠŽĐ\u0400-\u042f])")


@dataclass(frozen=True)
class Cleaned:
    """Cleaned text and the furniture taken out of it."""

    text: str
    removed: tuple[Removed, ...]


def normalise_whitespace(text: str) -> str:
    """Unify line endings, drop trailing spaces, collapse runs of blank lines."""
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\ufeff", "")
    text = text.replace("\u00a0", " ").replace("\u200b", "")
    lines = [line.rstrip() for line in text.split("\n")]
    text = "\n".join(lines)
    text = re.sub(r"\n{3,}", "\n\n", text)
    return text.strip()


_BROKEN_LINE = re.compile(r"(?<=[a-z,])\n\n?(?=[a-z])")


def join_broken_lines(text: str) -> str:
    """Rejoin a sentence split across a page or column break ("Clients are" / "prodded to ...")."""
    return _BROKEN_LINE.sub(" ", text)


def remove_furniture(text: str) -> Cleaned:
    """Drop furniture lines and trailing comment threads; keep the article text.

    A headline printed twice in a row at the top of the page is a duplicated heading: the first
    copy goes, the second stays as the headline. Two identical short lines in a row further down
    are an image caption printed twice: both go. Section and site labels stacked above the
    headline go too.
    """
    lines = text.split("\n")
    keep: list[str] = []
    numbers: list[int] = []  # the line number of each kept line
    removed: list[Removed] = []
    previous = ""
    duplicate = ""  # the heading whose first copy was just removed
    take_next = False  # a byline label ("Author:") takes the name on the line after it
    for number, line in enumerate(lines, start=1):
        stripped = line.strip()
        if take_next and stripped:
            take_next = False
            if len(stripped.split()) <= 6 and not looks_like_prose(stripped):
                removed.append(Removed(stripped, "date or byline line", number))
                continue
        prefix = _DATE_PREFIX.match(line)
        if prefix:
            removed.append(Removed(prefix.group().strip(), "date or byline line", number))
            line = line[prefix.end():]
            stripped = line.strip()
        reason = furniture_reason(stripped)
        if reason == COMMENTS_REASON and number > len(lines) * 0.5 and _thread_follows(lines, number):
            tail = "\n".join(lines[number - 1 :]).strip()
            removed.append(Removed(tail, "reader comments after the article", number))
            break
        at_top = not keep or not any(k.strip() for k in keep)
        if reason is None and stripped and at_top and _is_heading(stripped) and _repeated_next(stripped, lines, number):
            reason = "duplicated heading"  # the first copy goes; the next one stays as the heading
            duplicate = stripped
        elif reason is None and stripped and stripped == previous and stripped != duplicate and _is_caption(stripped):
            reason = "repeated image caption"
            if keep and keep[-1].strip() == stripped:
                keep.pop()
                numbers.pop()
                removed.append(Removed(stripped, reason, number - 1))
        if reason is not None:
            removed.append(Removed(stripped, reason, number))
            take_next = reason == "byline label"
        else:
            keep.append(line)
            numbers.append(number)
        if stripped:
            previous = stripped
    keep, numbers, entries = _contents_entries(keep, numbers)
    removed.extend(entries)
    keep, labels = _labels_above_headline(keep, numbers)
    removed.extend(labels)
    removed.sort(key=lambda r: r.line)
    return Cleaned(join_broken_lines(normalise_whitespace("\n".join(keep))), tuple(removed))


LABEL_WORDS = 3  # a section or site label above the headline has at most this many words


def is_section_label(line: str, following: str) -> bool:
    """A section or site label ("Evidence & research", "VRSTE TERAPIJE") when another heading follows it.

    In capitals or at most LABEL_WORDS words, followed by a heading of more than one word. A question
    is a headline, and a line with digits or an address is content (contact details), never a label.
    """
    if line.endswith("?") or any(ch.isdigit() for ch in line) or "@" in line:
        return False
    if not (line.isupper() or len(line.split()) <= LABEL_WORDS):
        return False
    return _is_heading(following) and len(following.split()) > 1


def _labels_above_headline(kept: list[str], numbers: list[int]) -> tuple[list[str], list[Removed]]:
    """Section and site labels stacked above the headline ("Evidence & research", "VRSTE TERAPIJE").

    At the top of the page, a line of at most LABEL_WORDS words (or in capitals) directly followed
    by another heading-like line is a label, not the article: the headline is the first line that
    is not such a label (ingest's title uses the same rule).
    """
    content = [(i, ln.strip()) for i, ln in enumerate(kept) if ln.strip()]
    drop: list[int] = []
    for n, (i, line) in enumerate(content[:6]):
        following = content[n + 1][1] if n + 1 < len(content) else ""
        if not (_is_heading(line) and is_section_label(line, following)):
            break
        drop.append(i)
    if not drop:
        return kept, []
    labels = [Removed(kept[i].strip(), "section label above the headline", numbers[i]) for i in drop]
    return [ln for i, ln in enumerate(kept) if i not in set(drop)], labels


def _contents_entries(kept: list[str], numbers: list[int]) -> tuple[list[str], list[int], list[Removed]]:
    """A table of contents without its label: a run of two or more short lines near the top of the page
    that each come back later in the text as a heading of their own."""
    stripped = [ln.strip() for ln in kept]
    limit = max(10, len(stripped) // 3)  # a contents list stands in the first third of the page
    drop: set[int] = set()
    i = 0
    while i < limit:
        run = []
        j = i
        while j < len(stripped) and (not stripped[j] or _is_heading(stripped[j])):
            if stripped[j]:
                later = [k for k in range(j + 1, len(stripped)) if stripped[k].casefold() == stripped[j].casefold()]
                if not later:
                    break
                run.append(j)
            j += 1
        if len(run) >= 2:
            drop.update(run)
            i = j
        else:
            i += 1
    if not drop:
        return kept, numbers, []
    entries = [Removed(stripped[i], "table of contents", numbers[i]) for i in sorted(drop)]
    return ([ln for i, ln in enumerate(kept) if i not in drop], [n for i, n in enumerate(numbers) if i not in drop],
            entries)


def _thread_follows(lines: list[str], number: int) -> bool:
    """A comments label opens a thread when text follows it (a label alone at the end is just a label)."""
    return any(line.strip() for line in lines[number:])


def _is_heading(line: str) -> bool:
    return 1 <= len(line.split()) <= 12 and not line.endswith((".", "!", ":", ";", ","))


def _repeated_next(line: str, lines: list[str], number: int) -> bool:
    """The very next non-empty line is the same (a caption printed twice, unless it is the title)."""
    following = next((x.strip() for x in lines[number:] if x.strip()), "")
    return following.casefold() == line.casefold()


def _is_caption(line: str) -> bool:
    return len(line.split()) <= 8 and not line.endswith((".", "!", "?", ":"))
