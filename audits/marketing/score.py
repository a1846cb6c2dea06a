"""The 0-100 marketing score: weighted cue density and the share of text in promotional regions.

Both inputs are rates (per 100 words; a share of the words), so a text repeated or cut
into pieces keeps its score; see docs/scores.md for the reasoning and the constants.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

DENSITY_SCALE = 3.0  # weighted cues per 100 words at which the density part reaches 63 %
REGION_FULL = 0.30  # a text with 30 % of its words in promotional regions gets the full region part
MIN_WORDS = 100  # shorter texts are measured as if they had 100 words, so one cue cannot swing the score
BREADTH_FULL = 3  # distinct kinds of selling (BREADTH_FAMILIES) that give the full breadth part
BREADTH_FAMILIES = frozenset({"cta", "contact", "self-promotion", "guarantee", "urgency"})
INSTITUTIONAL_FACTOR = 0.1  # a public service or charity describing itself: its contact lines are information


@dataclass(frozen=True)
class MarketingScore:
    """The score and the numbers it is made of."""

    value: float
    density: float  # weighted cues per 100 words
    density_part: float  # 0..1
    region_share: float  # 0..1 of the words
    region_part: float  # 0..1
    breadth: int = 0  # distinct selling families present
    breadth_part: float = 0.0  # 0..1
    institutional: bool = False
    institutional_cues: tuple[str, ...] = ()  # the phrases that showed it (a few), for the explanation
    publisher: str | None = None  # "public" or "private" when the user said who publishes the source
    reads_as_public: float | None = None  # the page model's probability that a page the rules did not damp is public
    confirmed_by_model: float | None = None  # the page model this sure, with one phrase or none (default mode)

    def explanation(self) -> str:
        """How the score was reached, in one line."""
        text = (
            f"weighted cues per 100 words = {self.density:.2f} (density part {self.density_part:.2f}); "
            f"{100 * self.region_share:.0f}% of the words in promotional regions (region part {self.region_part:.2f}); "
            f"{self.breadth} kinds of selling (breadth part {self.breadth_part:.2f}); "
            "score = 100 x (1 - (1 - density part) x (1 - region part) x (1 - breadth part))"
        )
        if self.institutional and self.publisher == "public":
            text += f" x {INSTITUTIONAL_FACTOR} (a public service or charity: you marked this source so)"
        elif self.institutional and self.confirmed_by_model is not None and not self.institutional_cues:
            text += (f" x {INSTITUTIONAL_FACTOR} (a public service or charity describing itself: its text names no "
                     f"public body, but the learned page model is sure it reads as one ({self.confirmed_by_model:.0%}) "
                     "and it sells nothing: no price, refund or guarantee. If it is a private provider, mark it so)")
        elif self.institutional and self.confirmed_by_model is not None:
            named = ", ".join(repr(c) for c in self.institutional_cues)
            text += (f" x {INSTITUTIONAL_FACTOR} (a public service or charity describing itself: one institutional "
                     f"phrase ({named}), and the learned page model agrees ({self.confirmed_by_model:.0%}); with no "
                     "price, refund or guarantee. If it is a private provider, mark it so)")
        elif self.institutional:
            named = f": {', '.join(repr(c) for c in self.institutional_cues)}" if self.institutional_cues else ""
            text += (f" x {INSTITUTIONAL_FACTOR} (a public service or charity describing itself{named}; "
                     "with no price, refund or guarantee)")
        elif self.publisher == "private":
            text += " (you marked this source as a private provider: not damped as a public service)"
        elif self.reads_as_public is not None:
            text += (f"; the page reads like a public service or charity ({self.reads_as_public:.0%} by the learned "
                     "page model) but its text does not show a public body plainly enough, so it is not damped: "
                     "if it is one, mark it so (dashboard: Sources; command line: --publisher ID=public)")
        return text


def marketing_score(weighted_cues: float, words: int, region_words: int, institutional: bool = False,
                    families: frozenset[str] | set[str] = frozenset(),
                    institutional_cues: tuple[str, ...] = (), publisher: str | None = None,
                    reads_as_public: float | None = None,
                    confirmed_by_model: float | None = None) -> MarketingScore:
    """Combine cue density, region share and breadth like independent pieces of evidence (a noisy-or).

    Breadth is how many distinct kinds of selling the page does (a sales page is promotional even
    when each sentence is mild): min(1, kinds / BREADTH_FULL), counting only BREADTH_FAMILIES.
    An institutional page (a public service or charity describing itself) is damped by INSTITUTIONAL_FACTOR;
    ``publisher`` records that the user, not the text, decided whether it is one, ``reads_as_public`` that the
    page model finds a page the rules did not damp reads like one, and ``confirmed_by_model`` that the page was
    found institutional by one phrase with the page model agreeing (all three only change the explanation).
    """
    density = 100.0 * max(weighted_cues, 0.0) / max(words, MIN_WORDS)
    density_part = 1.0 - math.exp(-density / DENSITY_SCALE)
    share = min(1.0, max(region_words, 0) / max(words, 1))
    region_part = min(1.0, share / REGION_FULL)
    breadth = len(set(families) & BREADTH_FAMILIES)
    breadth_part = min(1.0, breadth / BREADTH_FULL)
    value = 100.0 * (1.0 - (1.0 - density_part) * (1.0 - region_part) * (1.0 - breadth_part))
    if institutional:
        value *= INSTITUTIONAL_FACTOR
    return MarketingScore(round(min(100.0, max(0.0, value)), 1), density, density_part, share, region_part,
                          breadth, breadth_part, institutional, institutional_cues if institutional else (), publisher,
                          reads_as_public, confirmed_by_model if institutional else None)


__all__ = [
    "BREADTH_FAMILIES",
    "BREADTH_FULL",
    "DENSITY_SCALE",
    "INSTITUTIONAL_FACTOR",
    "MIN_WORDS",
    "REGION_FULL",
    "MarketingScore",
    "marketing_score",
]
