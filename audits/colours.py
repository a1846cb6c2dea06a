"""The one colour system: score bands, highlight colours per category, severity colours.

The dashboard, the charts and every export take their colours and thresholds from here, so a
score that is "poor" in the app is "poor" in the HTML report too. All colours come from the
Okabe–Ito palette (distinguishable with the common forms of colour blindness), and a colour never
carries meaning alone: each band also has a word and a symbol, each severity a symbol and an
underline style.
"""

from __future__ import annotations

from dataclasses import dataclass

from audits.model import SCORE_INFO, SCORE_NAMES

OKABE_ITO = ("#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00", "#F0E442", "#000000")

# --- scores -----------------------------------------------------------------------------------

# (good at or beyond, poor beyond), read in each score's own direction (SCORE_INFO.better).
# Marketing runs down: 0-20 good, above 40 poor. Claim overlap describes, it does not judge.
THRESHOLDS: dict[str, tuple[float, float]] = {
    "readability": (70.0, 40.0),
    "marketing": (20.0, 40.0),
    "citations": (70.0, 40.0),
}


@dataclass(frozen=True)
class Band:
    """How good a score value is for the reader, with the colours and words that show it."""

    name: str  # good, fair, poor, neutral
    label: str  # what a reader sees next to the number
    symbol: str  # a shape, so the band does not depend on colour alone
    fill: str  # light background for table cells and tiles
    edge: str  # strong colour for borders and swatches
    ink: str  # text colour readable on the fill


BANDS: dict[str, Band] = {
    "good": Band("good", "good", "●", "#CCEBE3", "#009E73", "#00513C"),
    "fair": Band("fair", "fair", "◐", "#FBF6C4", "#B8A800", "#5C5200"),
    "poor": Band("poor", "poor", "○", "#F6D5C2", "#D55E00", "#7A2F00"),
    "neutral": Band("neutral", "describes", "◇", "#E3EEF7", "#56B4E9", "#1F4E6E"),
}


def band_name(score: str, value: float | None) -> str | None:
    """good, fair, poor (or neutral for a descriptive score) for a value; None when there is no value."""
    if value is None:
        return None
    better = SCORE_INFO[score].better
    if better is None or score not in THRESHOLDS:
        return "neutral"
    good, poor = THRESHOLDS[score]
    if better == "up":
        return "good" if value >= good else "poor" if value < poor else "fair"
    return "good" if value <= good else "poor" if value > poor else "fair"


def score_band(score: str, value: float | None) -> Band | None:
    """The Band of a score value, or None when there is no value."""
    name = band_name(score, value)
    return None if name is None else BANDS[name]


def direction_text(score: str) -> str:
    """Which way is better, in words: 'higher is better', 'lower is better' or 'describes, no better or worse'."""
    better = SCORE_INFO[score].better
    return {"up": "higher is better", "down": "lower is better"}.get(better or "", "describes, neither good nor bad")


def score_legend() -> list[tuple[str, str]]:
    """One line per score: its title and its bands in words (the legend every view shows)."""
    rows = []
    for name in SCORE_NAMES:
        info = SCORE_INFO[name]
        if name not in THRESHOLDS or info.better is None:
            rows.append((info.title, f"{direction_text(name)}: shown in blue, never as good or poor"))
            continue
        good, poor = THRESHOLDS[name]
        if info.better == "up":
            text = f"{direction_text(name)}: good ≥ {good:g}, fair {poor:g}–{good:g}, poor < {poor:g}"
        else:
            text = f"{direction_text(name)}: good ≤ {good:g}, fair {good:g}–{poor:g}, poor > {poor:g}"
        rows.append((info.title, text))
    return rows


# --- categories and severities ------------------------------------------------------------------

# Strong colour per category (chart bars, card edges) and a light fill for highlights in the text.
# Each category has its own hue: readability and metadata no longer share a pale blue.
CATEGORY_COLOURS: dict[str, str] = {
    "readability": "#0072B2",  # blue
    "marketing": "#E69F00",  # orange
    "citations": "#009E73",  # bluish green
    "claims": "#CC79A7",  # reddish purple
    "metadata": "#B8A800",  # dark yellow (Okabe–Ito yellow is too light for a bar)
    "ingest": "#6B6B6B",  # grey
}
HIGHLIGHT_FILLS: dict[str, str] = {
    "readability": "#CFE3F2",
    "marketing": "#FBE3B0",
    "citations": "#C6EBDF",
    "claims": "#F2D6E6",
    "metadata": "#F8F3A6",
    "ingest": "#E4E4E4",
}
# Severities are told apart by lightness and by shape, not by a hue a category already uses:
# vermillion for errors, a dark brown for warnings (not the marketing orange), a dark blue-grey for info.
SEVERITY_COLOURS: dict[str, str] = {"error": "#D55E00", "warning": "#7A4A00", "info": "#44617B"}
SEVERITY_UNDERLINE: dict[str, str] = {"error": "3px solid", "warning": "2px solid", "info": "2px dotted"}
SEVERITY_SYMBOL: dict[str, str] = {"error": "●", "warning": "▲", "info": "○"}
TARGET_OUTLINE = "#000000"  # the sentence a link points at


def category_colour(category: str) -> str:
    """The strong colour of a category (grey for an unknown one)."""
    return CATEGORY_COLOURS.get(category, "#6B6B6B")


def highlight_fill(category: str) -> str:
    """The light background a category's findings get in the text."""
    return HIGHLIGHT_FILLS.get(category, "#E4E4E4")


__all__ = [
    "BANDS",
    "CATEGORY_COLOURS",
    "HIGHLIGHT_FILLS",
    "OKABE_ITO",
    "SEVERITY_COLOURS",
    "SEVERITY_SYMBOL",
    "SEVERITY_UNDERLINE",
    "THRESHOLDS",
    "Band",
    "band_name",
    "category_colour",
    "direction_text",
    "highlight_fill",
    "score_band",
    "score_legend",
]
