"""A small learned line classifier beside the furniture rules (docs/ingest.md, "Learned furniture").

The rules of furniture.py fit the pages they were written from; this model looks at a line's shape instead
(length, capitals, end punctuation, digits and dates, separators, where it stands, whether its neighbours are
short or furniture too, the rules' own word lists as hits, hashed character n-grams) and adds lines the rules
left. It is conservative: only above a high probability, only short lines that are not sentences, never the
headline. Each line it removes gets the reason class it predicts, marked as the model's judgement.

Prediction is numpy only (no scikit-learn import at run time). The weights are data next to this file
(``furniture_model.npz``), rebuilt by ``python -m audits.ingest.furniture_train``; with ``enabled`` false in
them the model is not used at all.
"""

from __future__ import annotations

import math
import re
import zlib
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import numpy as np

from audits.ingest.furniture import (
    _DATE_PREFIX,
    _PHOTO_CREDIT,
    RulePass,
    _alternation,
    _data,
    furniture_reason,
    looks_like_prose,
    menu_item,
)
from audits.ingest.headline import BULLETS, is_heading, is_paragraph
from audits.weights import read_only_arrays

WEIGHTS_FILE = Path(__file__).with_name("furniture_model.npz")
HASH_BUCKETS = 1 << 11  # hashed character 2-4-grams (word-padded, lower-cased)
MAX_WORDS = 10  # the model only removes lines this short ...
MAX_CHARS = 120  # ... and this long at most
SHORT = 5  # a neighbour of at most this many words is "short" (runs of short lines are menus)
BATCH = 256  # lines scored at once (a dense row is about 8 KB)
LEARNED = " (judged by the learned line model)"  # appended to the reason the model gives a removal
# The annotation guide's furniture reasons (docs/annotation-guide.md) as the reasons the rules show users.
REASONS = {
    "breadcrumb": "breadcrumb trail", "navigation": "site navigation", "toc": "table of contents",
    "share": "share, print or follow line", "caption": "image caption or credit",
    "comments": "comments section label", "related": "related-articles list", "cookie": "cookie notice",
    "footer": "footer, tags or category line", "date-line": "date or byline line",
    "duplicate-heading": "duplicated heading", "widget": "page widget", "ad": "advertisement",
}
_SEPARATORS = re.compile(r"\s[|/>»›·•–—-]\s|[»›|]")
_YEAR = re.compile(r"(?<!\d)(19|20)\d\d(?!\d)")
_NUMERIC_DATE = re.compile(r"(?<!\d)\d{1,4}[./-]\s?\d{1,2}[./-]\s?\d{1,4}(?!\d)")
_DURATION = re.compile(r"\d+\s?(min|mins|minute|minutes|minut|minuta|minute|мин|минута|h|hr|sati|ur)\b", re.I)
_TIME = re.compile(r"(?<!\d)\d{1,2}[:.]\d\d(?!\d)")
_ADDRESS = re.compile(r"@|https?://|www\.")
_BULLET = tuple(BULLETS)

DENSE = (
    "log_words", "log_chars", "words<=2", "words<=5", "words<=10", "capital_share", "all_caps", "ends_period",
    "ends_excl_q", "ends_colon", "ends_comma", "ends_word", "ends_bracket", "starts_lower", "starts_bullet",
    "starts_digit", "position", "first3", "last3", "log_prev_words", "log_next_words", "prev_short",
    "next_short", "short_window", "separators", "digit_share", "year", "numeric_date", "duration", "clock",
    "address", "repeated", "same_as_previous", "month", "weekday", "date_label", "menu_line", "menu_word",
    "rule_hit", "prev_rule_hit", "next_rule_hit", "prev_removed", "next_removed", "prose", "paragraph",
    "heading", "photo_credit", "bias",
)


@cache
def _lexicon() -> dict[str, re.Pattern[str]]:
    """The rules' word lists (furniture.yaml `lexicon`) as whole-word searches."""
    return {name: re.compile(rf"(?<!\w)(?:{_alternation(items)})(?!\w)", re.IGNORECASE)
            for name, items in _data()["lexicon"].items()}


def _words(text: str) -> int:
    return len(text.split())


def dense_features(content: Sequence[str], k: int, rule_hits: Sequence[bool], removed: Sequence[bool],
                   counts: Counter[str]) -> list[float]:
    """The shape features of content line k (content: the page's non-empty stripped lines)."""
    line = content[k]
    m = len(content)
    words = line.split()
    n = len(words)
    prev = content[k - 1] if k else ""
    nxt = content[k + 1] if k + 1 < m else ""
    window = [content[j] for j in range(max(0, k - 3), min(m, k + 4)) if j != k]
    lex = _lexicon()
    digits = sum(ch.isdigit() for ch in line)
    letters = [w for w in words if w[:1].isalpha()]
    end = line[-1:]
    return [
        math.log1p(n), math.log1p(len(line)) / 2, n <= 2, n <= 5, n <= 10,
        sum(w[0].isupper() for w in letters) / len(letters) if letters else 0.0,
        line.isupper(), end == ".", end in "!?", end == ":", end in ",;", end.isalnum(), end in ")]\"”»",
        line[:1].islower(), line.startswith(_BULLET), line[:1].isdigit(),
        k / max(1, m - 1), k < 3, k >= m - 3,
        math.log1p(_words(prev)) if prev else 0.0, math.log1p(_words(nxt)) if nxt else 0.0,
        bool(prev) and _words(prev) <= SHORT, bool(nxt) and _words(nxt) <= SHORT,
        sum(_words(x) <= SHORT for x in window) / 6,
        min(len(_SEPARATORS.findall(line)), 3) / 3, digits / len(line),
        bool(_YEAR.search(line)), bool(_NUMERIC_DATE.search(line)), bool(_DURATION.search(line)),
        bool(_TIME.search(line)), bool(_ADDRESS.search(line)),
        counts[line] > 1, line == prev,
        bool(lex["MONTH"].search(line)), bool(lex["WEEKDAY"].search(line)), bool(lex["DATE_LABEL"].search(line)),
        bool(menu_item().fullmatch(line)), bool(lex["NAV"].search(line)),
        rule_hits[k], bool(k) and rule_hits[k - 1], k + 1 < m and rule_hits[k + 1],
        bool(k) and removed[k - 1], k + 1 < m and removed[k + 1],
        looks_like_prose(line), is_paragraph(line), is_heading(line), bool(_PHOTO_CREDIT.search(line)), 1.0,
    ]


def hashed_ngrams(text: str) -> dict[int, float]:
    """Hashed character 2-4-grams inside word boundaries (each word padded with a space), L2-normalised.
    crc32 is fixed, so the buckets are the same on every machine and the shipped weights stay valid."""
    grams: Counter[int] = Counter()
    for word in text.lower().split():
        padded = f" {word[:40]} "
        for n in (2, 3, 4):
            for i in range(len(padded) - n + 1):
                grams[zlib.crc32(padded[i:i + n].encode("utf-8")) & (HASH_BUCKETS - 1)] += 1
    norm = math.sqrt(sum(v * v for v in grams.values())) or 1.0
    return {b: v / norm for b, v in grams.items()}


@dataclass(frozen=True)
class PageContext:
    """What a line's features need from its page: the non-empty lines, where each stands, the rules' hits."""

    content: list[str]
    content_of: dict[int, int]  # line index -> position among the non-empty lines
    hits: list[bool]  # a line rule of furniture.yaml matches the line
    removed: list[bool]  # the rules removed the line
    counts: Counter[str]


def page_context(ruled: RulePass) -> PageContext:
    stripped = [_DATE_PREFIX.sub("", ln).strip() for ln in ruled.lines]
    content_of = {i: n for n, i in enumerate(i for i, ln in enumerate(stripped) if ln)}
    content = [ln for ln in stripped if ln]
    gone = {r.line - 1 + j for r in ruled.removed for j in range(r.text.count("\n") + 1)}
    gone |= {ruled.numbers[i] - 1 for i in ruled.drop}
    return PageContext(content, content_of, [furniture_reason(ln) is not None for ln in content],
                       [i in gone for i in content_of], Counter(content))


def rows_matrix(page: PageContext, rows: Sequence[int]) -> np.ndarray:
    """Features (dense then hashed) of the given line indexes of the page."""
    out = np.zeros((len(rows), len(DENSE) + HASH_BUCKETS), dtype=np.float32)
    for r, i in enumerate(rows):
        k = page.content_of[i]
        out[r, : len(DENSE)] = dense_features(page.content, k, page.hits, page.removed, page.counts)
        for bucket, value in hashed_ngrams(page.content[k]).items():
            out[r, len(DENSE) + bucket] = value
    return out


def page_matrix(ruled: RulePass, rows: Sequence[int]) -> np.ndarray:
    """Features of the given indexes into ``ruled.lines``, in the page's context."""
    return rows_matrix(page_context(ruled), rows)


def eligible(line: str) -> bool:
    """A line the model may remove: short, and not a sentence (never body text)."""
    text = line.strip()
    return (bool(text) and _words(text) <= MAX_WORDS and len(text) <= MAX_CHARS and not looks_like_prose(text)
            and not is_paragraph(text))


def candidates(ruled: RulePass) -> list[int]:
    """Indexes into ``ruled.keep`` of the lines the rules kept that the model may remove (never the headline)."""
    return [i for i, ln in enumerate(ruled.keep)
            if i not in ruled.drop and i != ruled.headline and eligible(ln)]


@cache
def weights() -> dict[str, np.ndarray]:
    """The shipped weights (read-only arrays)."""
    return read_only_arrays(WEIGHTS_FILE)


def probabilities(x: np.ndarray, w: dict[str, np.ndarray]) -> tuple[np.ndarray, np.ndarray]:
    """P(furniture) per row, and the index of the predicted reason (into ``w["reasons"]``)."""
    p = 1.0 / (1.0 + np.exp(-(x @ w["coef"] + w["intercept"])))
    reason = np.argmax(x @ w["reason_coef"].T + w["reason_intercept"], axis=1)
    return p, reason


def learned_removals(ruled: RulePass, w: dict[str, np.ndarray] | None = None) -> list[tuple[int, str]]:
    """(index into ``ruled.keep``, reason) of the lines the model removes; none when it is switched off."""
    if w is None:
        if not WEIGHTS_FILE.exists():
            return []
        w = weights()
        if not bool(w["enabled"]):
            return []
    rows = candidates(ruled)
    if not rows:
        return []
    threshold = float(w["threshold"])
    page = page_context(ruled)
    out = []
    for start in range(0, len(rows), BATCH):  # a page of many short lines stays bounded in memory
        batch = rows[start:start + BATCH]
        p, reason = probabilities(rows_matrix(page, [ruled.numbers[i] - 1 for i in batch]), w)
        out += [(i, REASONS[str(w["reasons"][c])] + LEARNED) for i, pi, c in zip(batch, p, reason, strict=True)
                if pi >= threshold]
    return out
