"""The audit store: bounded, and an audit running in one thread is awaited, not repeated."""

from __future__ import annotations

import threading
import time

from audits.config import AuditConfig
from dashboard.data import AuditStore


def test_store_is_bounded_and_keeps_the_most_recent() -> None:
    store = AuditStore(max_entries=2)
    for i in range(3):
        store.put(((str(i), "", "", ""),), AuditConfig(), f"report {i}")  # type: ignore[arg-type]
    assert store.get((("0", "", "", ""),), AuditConfig()) is None
    assert store.get((("2", "", "", ""),), AuditConfig()) == "report 2"


def test_concurrent_requests_compute_once() -> None:
    store = AuditStore()
    calls: list[int] = []
    started = threading.Event()

    def make():
        calls.append(1)
        started.set()
        time.sleep(0.2)
        return "report"

    results: list[str] = []
    first = threading.Thread(target=lambda: results.append(store.compute((), AuditConfig(), make)))
    first.start()
    started.wait()
    assert store.running((), AuditConfig())
    results.append(store.compute((), AuditConfig(), make))
    first.join()
    assert results == ["report", "report"]
    assert len(calls) == 1
    assert not store.running((), AuditConfig())


def test_a_failed_run_is_retried_by_the_waiter() -> None:
    store = AuditStore()
    gate = threading.Event()

    def fail():
        gate.wait()
        raise RuntimeError("boom")

    errors: list[Exception] = []

    def first() -> None:
        try:
            store.compute((), AuditConfig(), fail)
        except RuntimeError as exc:
            errors.append(exc)

    t = threading.Thread(target=first)
    t.start()
    while not store.running((), AuditConfig()):
        time.sleep(0.01)
    threading.Timer(0.1, gate.set).start()
    assert store.compute((), AuditConfig(), lambda: "second try") == "second try"
    t.join()
    assert len(errors) == 1
