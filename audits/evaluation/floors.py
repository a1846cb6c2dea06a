"""Regression floors: the figures on the test split that a change may not make worse.

eval/floors.json maps a mode to {"floors": {path: value}, "ceilings": {path: value}}; a path is a
dotted key into one split's figures (e.g. "promotion.English.precision"). A figure may drop at
most TOLERANCE below its floor (or rise above its ceiling); floors are raised when work improves
them and never lowered silently (the file's history says who changed what).
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from audits.evaluation.labels import EVAL_DIR

TOLERANCE = 0.03


def figure(figures: dict[str, Any], path: str) -> Any:
    """The value at a dotted path, or None when any part is missing."""
    value: Any = figures
    for part in path.split("."):
        if not isinstance(value, dict) or part not in value:
            return None
        value = value[part]
    return value


def load_floors(eval_dir: Path = EVAL_DIR) -> dict[str, Any]:
    """The committed floors, by mode."""
    return json.loads((eval_dir / "floors.json").read_text(encoding="utf-8"))


def breaches(figures: dict[str, Any], limits: dict[str, Any]) -> list[str]:
    """Every figure that fell below its floor or rose above its ceiling, in words."""
    out = []
    for path, floor in limits.get("floors", {}).items():
        value = figure(figures, path)
        if value is None:
            out.append(f"{path}: no longer measured (floor {floor})")
        elif value < floor - TOLERANCE:
            out.append(f"{path}: {value} is below the floor {floor} (tolerance {TOLERANCE})")
    for path, ceiling in limits.get("ceilings", {}).items():
        value = figure(figures, path)
        if value is None:
            out.append(f"{path}: no longer measured (ceiling {ceiling})")
        elif value > ceiling + (TOLERANCE if isinstance(ceiling, float) else 0):
            out.append(f"{path}: {value} is above the ceiling {ceiling}")
    return out
