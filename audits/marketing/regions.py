"""Promotional regions: runs of paragraphs about the publisher's own services, not single words.

A paragraph is a *seed* when its cues weigh at least SEED_WEIGHT and include an action cue
(call to action, contact details, self-promotion or urgency). Neighbouring paragraphs that
carry any action cue join the run, and a short heading right before it ("Explore Psychotherapy
at the Mental Health Center in Los Angeles") is taken in as the block's title. A run is kept
when its cues weigh at least REGION_WEIGHT. Where it stands is named: opening, closing or inline.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass

from audits.marketing.matching import Match
from audits.model import Span

ACTION_FAMILIES = frozenset({"cta", "contact", "self-promotion", "urgency"})
SEED_WEIGHT = 3.0  # e.g. one call to action, or two self-promotion phrases
REGION_WEIGHT = 5.0  # a region needs at least two cues' worth of evidence
HEADING_WORDS = 12  # a line this short without closing punctuation is a heading
EDGE_SHARE = 0.10  # a region with at most this share of the words after it is "closing" (before: "opening")
_WORDS = re.compile(r"\w+")


@dataclass(frozen=True)
class Region:
    """A promotional block of text: its span, the cues inside and how strong they are."""

    start: int
    end: int
    label: str  # opening, closing or inline
    weight: float
    words: int
    rules: tuple[str, ...]
    families: tuple[str, ...]
    call_to_action: Span | None

    @property
    def density(self) -> float:
        """Weighted cues per 100 words inside the region."""
        return 100.0 * self.weight / max(self.words, 1)

    @property
    def strength(self) -> float:
        """0..1: how promotional the region reads (saturates as cue density grows)."""
        return 1.0 - math.exp(-self.density / 4.0)

    def to_dict(self, text: str) -> dict[str, object]:
        """JSON form (the dashboard and exports render these)."""
        return {
            "start": self.start,
            "end": self.end,
            "label": self.label,
            "score": round(100.0 * self.strength, 1),
            "strength": round(self.strength, 3),
            "weight": round(self.weight, 2),
            "words": self.words,
            "rules": list(self.rules),
            "families": list(self.families),
            "call_to_action": None if self.call_to_action is None else {
                "start": self.call_to_action.start,
                "end": self.call_to_action.end,
                "excerpt": self.call_to_action.of(text),
            },
            "preview": _shorten(text[self.start:self.end]),  # shortened; the span is exact
        }


def _shorten(s: str, limit: int = 160) -> str:
    s = " ".join(s.split())
    return s if len(s) <= limit else s[: limit - 1].rstrip() + "…"


def _is_heading(text: str) -> bool:
    stripped = text.strip()
    return 0 < len(_WORDS.findall(stripped)) <= HEADING_WORDS and not stripped.endswith((".", "!", "?", ":", ";", ","))


def find_regions(
    text: str, paragraphs: tuple[Span, ...], matches: list[Match], weights: dict[str, float]
) -> list[Region]:
    """Promotional blocks of consecutive paragraphs, strongest evidence first in each block."""
    paras = [p for p in paragraphs if text[p.start:p.end].strip()]
    if not paras:
        return []
    per_para: list[list[Match]] = [[] for _ in paras]
    for m in matches:
        for i, p in enumerate(paras):
            if p.start <= m.start < p.end:
                per_para[i].append(m)
                break
    weight = [sum(weights.get(m.rule.id, m.rule.weight) for m in ms) for ms in per_para]
    action = [any(m.rule.family in ACTION_FAMILIES for m in ms) for ms in per_para]
    seeds = [action[i] and weight[i] >= SEED_WEIGHT for i in range(len(paras))]
    words = [len(_WORDS.findall(text[p.start:p.end])) for p in paras]
    total_words = max(sum(words), 1)
    regions: list[Region] = []
    i = 0
    while i < len(paras):
        if not seeds[i]:
            i += 1
            continue
        lo = hi = i
        while lo > 0 and action[lo - 1]:
            lo -= 1
        while hi + 1 < len(paras) and (action[hi + 1] or seeds[hi + 1]):
            hi += 1
        if lo > 0 and _is_heading(text[paras[lo - 1].start:paras[lo - 1].end]):
            lo -= 1
        run_weight = sum(weight[lo:hi + 1])
        if run_weight >= REGION_WEIGHT:
            inside = [m for ms in per_para[lo:hi + 1] for m in ms]
            after = sum(words[hi + 1:]) / total_words
            before = sum(words[:lo]) / total_words
            label = "closing" if after <= EDGE_SHARE else "opening" if before <= EDGE_SHARE else "inline"
            # the region's call to action: a specific rule's match before a broad (fallback) one's
            first = min((m for m in inside if m.rule.family == "cta"), key=lambda m: (m.rule.fallback, m.start),
                        default=None)
            cta = Span(first.start, first.end) if first else None
            regions.append(Region(
                start=paras[lo].start,
                end=paras[hi].end,
                label=label,
                weight=run_weight,
                words=sum(words[lo:hi + 1]),
                rules=tuple(sorted({m.rule.id for m in inside})),
                families=tuple(sorted({m.rule.family for m in inside})),
                call_to_action=cta,
            ))
        i = hi + 1
    return regions


__all__ = ["ACTION_FAMILIES", "Region", "find_regions"]
