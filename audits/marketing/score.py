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


@dataclass(frozen=True)
class MarketingScore:
    """The score and the numbers it is made of."""

    value: float
    density: float  # weighted cues per 100 words
    density_part: float  # 0..1
    region_share: float  # 0..1 of the words
    region_part: float  # 0..1

    def explanation(self) -> str:
        """How the score was reached, in one line."""
        return (
            f"weighted cues per 100 words = {self.density:.2f} (density part {self.density_part:.2f}); "
            f"{100 * self.region_share:.0f}% of the words in promotional regions (region part {self.region_part:.2f}); "
            "score = 100 x (1 - (1 - density part) x (1 - region part))"
        )


def marketing_score(weighted_cues: float, words: int, region_words: int) -> MarketingScore:
    """Combine cue density and region share like two independent pieces of evidence (a noisy-or)."""
    density = 100.0 * max(weighted_cues, 0.0) / max(words, MIN_WORDS)
    density_part = 1.0 - math.exp(-density / DENSITY_SCALE)
    share = min(1.0, max(region_words, 0) / max(words, 1))
    region_part = min(1.0, share / REGION_FULL)
    value = 100.0 * (1.0 - (1.0 - density_part) * (1.0 - region_part))
    return MarketingScore(round(min(100.0, max(0.0, value)), 1), density, density_part, share, region_part)


__all__ = ["DENSITY_SCALE", "MIN_WORDS", "REGION_FULL", "MarketingScore", "marketing_score"]
