"""A per-source time budget, checked cooperatively at stage and chunk boundaries.

Each source's reading, preparing and per-document analysis runs under ``within(seconds)``;
long loops call ``check()``, which raises ``BudgetExceeded`` once the deadline has passed. The
deadline lives in a context variable, so every thread (dashboard session) and process has its own.
Cooperative checks stop a source only between steps, so every step itself must stay linear in its
input (bounded regexes, chunked sentence splitting): docs/reliability.md lists the limits.
We write this by hand because no library interrupts pure-Python work in a thread safely
(signals only reach the main thread, and killing a thread is not possible).
"""

from __future__ import annotations

import time
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar

_DEADLINE: ContextVar[tuple[float, float] | None] = ContextVar("mh_audit_deadline", default=None)


class BudgetExceeded(Exception):
    """The current source ran past its time budget."""

    def __init__(self, seconds: float) -> None:
        super().__init__(f"over the {seconds:g} s time budget")
        self.seconds = seconds


@contextmanager
def within(seconds: float | None) -> Iterator[None]:
    """Run the block under a deadline ``seconds`` from now (None or <= 0: no deadline)."""
    if not seconds or seconds <= 0:
        yield
        return
    token = _DEADLINE.set((time.monotonic() + seconds, seconds))
    try:
        yield
    finally:
        _DEADLINE.reset(token)


def check() -> None:
    """Raise BudgetExceeded when the current deadline has passed; cheap enough for inner loops."""
    deadline = _DEADLINE.get()
    if deadline is not None and time.monotonic() > deadline[0]:
        raise BudgetExceeded(deadline[1])


def timeout_message(seconds: float, stage: str) -> str:
    """The per-source message a user sees."""
    return (
        f"This source took longer than its {seconds:g} s time budget while {stage}; it was stopped so the "
        "rest of the corpus could be audited. Split it into smaller files, or raise source_time_budget_s."
    )


__all__ = ["BudgetExceeded", "check", "timeout_message", "within"]
