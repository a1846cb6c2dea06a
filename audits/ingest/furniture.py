"""Remove page furniture from plain-text copies of web pages, and record what went.

Extractors such as trafilatura handle HTML; pages saved or pasted as plain text
still carry site-builder furniture ("top of page", view counters, share lines,
a comment thread after the article). No maintained library cleans plain text,
so these line rules are written here, each with the reason shown to the user.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from audits.model import Removed

_LINE_RULES: tuple[tuple[re.Pattern[str], str], ...] = tuple(
    (re.compile(p, re.IGNORECASE), reason)
    for p, reason in (
        (r"^(top|bottom) of (the )?page$", "site navigation"),
        (r"^(back to top|skip to (main )?content|scroll to top)$", "site navigation"),
        (r"^\d[\d,.]*\s*views?\s*\d*\s*comments?$", "view and comment counter"),
        (r"^\d[\d,.]*\s*(views?|reads?|likes?)$", "view counter"),
        (r"^(rate this (article|post|page)|was this (article|page) helpful\??)$", "rating widget"),
        (r"^(share( this)?( (article|post|page))?|share on \w+|tweet|pin it|click to share.*)[:!]?$", "share line"),
        (r"^(subscribe( to our newsletter| now)?|sign up for our newsletter.*|follow us( on \w+)?)[.!]?$",
         "subscribe line"),
        (r"^(accept( all)? cookies|we use cookies.*|cookie (settings|policy))$", "cookie banner"),
        (r"^(print|email this( article)?|copy link)$", "page tool"),
        (r"^(previous|next) (post|article)$", "post navigation"),
        (r"^category:\s*$", "post category label"),
        (r"^\w*author:\s*$", "post byline"),
        (r"^(related (posts|articles)|you may also like|read more)$", "related-posts block"),
    )
)

# A line that opens the reader comment thread: everything after it is comments.
_COMMENTS_START = re.compile(
    r"^(\d+\s+comments?|comments?\s*\(\d+\)|leave a (comment|reply)|\d+\s+responses?|"
    r"\d+\s+komentara?|komentari)$",
    re.IGNORECASE,
)


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
    """Drop furniture lines and trailing comment threads; keep the article text."""
    lines = text.split("\n")
    keep: list[str] = []
    removed: list[Removed] = []
    previous = ""
    take_next: str | None = None  # a byline label takes the name on the line after it
    for number, line in enumerate(lines, start=1):
        stripped = line.strip()
        if take_next and stripped:
            removed.append(Removed(stripped, take_next, number))
            take_next = None
            continue
        if _COMMENTS_START.match(stripped) and number > len(lines) * 0.5:
            tail = "\n".join(lines[number - 1 :]).strip()
            removed.append(Removed(tail, "reader comments after the article", number))
            break
        reason = next((r for rx, r in _LINE_RULES if rx.match(stripped)), None)
        if reason is None and stripped and stripped == previous and _is_caption(stripped):
            reason = "repeated image caption"
            if keep and keep[-1].strip() == stripped:
                keep.pop()
                removed.append(Removed(stripped, reason, number - 1))
        if reason is not None:
            removed.append(Removed(stripped, reason, number))
            if reason == "post byline":
                take_next = reason
        else:
            keep.append(line)
        if stripped:
            previous = stripped
    return Cleaned(join_broken_lines(normalise_whitespace("\n".join(keep))), tuple(removed))


def _is_caption(line: str) -> bool:
    return len(line.split()) <= 8 and not line.endswith((".", "!", "?", ":"))
