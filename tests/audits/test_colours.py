"""One colour system: bands follow each score's direction, categories and severities do not collide."""

from __future__ import annotations

from audits.colours import (
    CATEGORY_COLOURS,
    HIGHLIGHT_FILLS,
    SEVERITY_COLOURS,
    band_name,
    score_band,
    score_legend,
)
from audits.model import CATEGORIES


def test_bands_run_in_each_scores_direction() -> None:
    assert band_name("readability", 0) == "poor" and band_name("marketing", 0) == "good"
    assert band_name("readability", 100) == "good" and band_name("marketing", 100) == "poor"
    assert band_name("marketing", 34) == "fair" and band_name("marketing", 56) == "poor"
    assert band_name("citations", 70) == "good" and band_name("citations", 39.9) == "poor"
    assert band_name("claim_overlap", 90) == "neutral"
    assert band_name("readability", None) is None


def test_every_band_has_a_word_and_a_symbol_not_only_a_colour() -> None:
    seen = {score_band("readability", v).name for v in (0, 50, 90)}
    assert seen == {"poor", "fair", "good"}
    symbols = {score_band("readability", v).symbol for v in (0, 50, 90)}
    assert len(symbols) == 3


def test_categories_and_severities_have_distinct_colours() -> None:
    assert set(CATEGORY_COLOURS) == set(CATEGORIES) == set(HIGHLIGHT_FILLS)
    assert len(set(HIGHLIGHT_FILLS.values())) == len(HIGHLIGHT_FILLS)
    assert len(set(CATEGORY_COLOURS.values())) == len(CATEGORY_COLOURS)
    # the warning colour is not the marketing orange, and no severity takes a category's colour
    assert not set(SEVERITY_COLOURS.values()) & set(CATEGORY_COLOURS.values())


def test_legend_names_every_score_and_its_direction() -> None:
    legend = dict(score_legend())
    assert legend["Marketing"].startswith("lower is better")
    assert legend["Readability"].startswith("higher is better")
    assert "good ≤ 20" in legend["Marketing"]
