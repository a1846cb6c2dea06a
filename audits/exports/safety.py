"""Make source text inert in spreadsheets (formula injection, OWASP "CSV injection" guidance).

A cell whose text starts with = + - @, a tab, a carriage return or a line feed (also after leading
spaces, which some spreadsheet programs skip) is prefixed with an apostrophe, so it shows as text.
"""

from __future__ import annotations

from typing import Any

_FORMULA_START = ("=", "+", "-", "@", "\t", "\r", "\n")


def is_dangerous(value: str) -> bool:
    """Whether a spreadsheet program could read this text as a formula."""
    return value.startswith(_FORMULA_START) or value.lstrip(" ").startswith(_FORMULA_START)


def neutralise_cell(value: Any) -> Any:
    """Prefix text that a spreadsheet would run as a formula with an apostrophe; other values unchanged."""
    if isinstance(value, str) and is_dangerous(value):
        return "'" + value
    return value
