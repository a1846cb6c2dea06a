"""Loaders for the labelled claim sets in tests/data (shared by the claims tests)."""

from __future__ import annotations

from pathlib import Path

DATA = Path(__file__).resolve().parent.parent / "data"


def rows(name: str) -> list[list[str]]:
    """Tab-separated rows of a labelled file, comments and blank lines skipped."""
    text = (DATA / name).read_text(encoding="utf-8")
    return [line.split("\t") for line in text.splitlines() if line.strip() and not line.startswith("#")]


def precision_recall(predicted: list[bool], gold: list[bool]) -> tuple[float, float]:
    """Precision and recall of boolean predictions."""
    tp = sum(p and g for p, g in zip(predicted, gold, strict=True))
    fp = sum(p and not g for p, g in zip(predicted, gold, strict=True))
    fn = sum(g and not p for p, g in zip(predicted, gold, strict=True))
    return (tp / (tp + fp) if tp + fp else 0.0, tp / (tp + fn) if tp + fn else 0.0)
