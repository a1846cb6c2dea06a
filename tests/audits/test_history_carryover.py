"""Labelled revision of the clinic page: do decisions carry over exactly when a finding's text is unchanged?

Every finding of the first audit is decided. The writer then makes four edits; a finding is labelled
"should carry over" when its span does not touch an edited region (whitespace-only edits do not count).
Precision and recall of the carry-over are reported in docs/history.md.
"""

from __future__ import annotations

from pathlib import Path

from audits.config import AuditConfig
from audits.engine import run_audit
from audits.history import HistoryStore
from audits.ingest import ingest_bytes
from tests.conftest import CLINIC, SOURCES

FAST = AuditConfig(fast=True)


def _audit(text: str):
    return run_audit([ingest_bytes(f"{CLINIC}.txt", text.encode("utf-8"), FAST)], FAST)


def _sentence_with(text: str, phrase: str) -> str:
    start = text.index(phrase)
    left = max(text.rfind(". ", 0, start), text.rfind("\n", 0, start)) + 1
    right = text.index(".", start) + 1
    return text[left:right].strip()


def test_decisions_carry_over_exactly_when_text_is_unchanged(tmp_path: Path) -> None:
    original = _audit((SOURCES / f"{CLINIC}.txt").read_text(encoding="utf-8")).source(CLINIC).source.text
    first = _audit(original).source(CLINIC)
    assert first.source.text == original  # cleaning is idempotent, so spans compare

    cta = _sentence_with(original, "Contact us today")
    edits = [  # (original text, revised text, changes words?)
        (cta, "", True),  # delete the call to action
        ("our experienced therapists", "therapists", True),  # tone down self-promotion
        ("This process fosters self-awareness", "This process builds self-awareness", True),  # reword
        ("talk therapy, establishes", "talk therapy,   establishes", False),  # whitespace only
    ]
    revised = original
    edited_regions = []
    for old, new, changes in edits:
        assert old in original, old
        if changes:
            start = original.index(old)
            edited_regions.append((start, start + len(old)))
        revised = revised.replace(old, new, 1)

    db = tmp_path / "h.sqlite"
    with HistoryStore(db) as store:
        run1 = store.save_run(_audit(original))
        for f in first.findings:
            store.decide(CLINIC, f.fingerprint, "accepted", by="test", run=run1)
    with HistoryStore(db) as store:
        run2 = store.save_run(_audit(revised))
        carried = store.decisions_for_run(run2)

    def touches_edit(start: int, end: int) -> bool:
        return any(start < e and s < end for s, e in edited_regions)

    expected = {f.fingerprint for f in first.findings if not touches_edit(f.start, f.end)}
    predicted = {fp for (sid, fp) in carried if sid == CLINIC}
    true_pos = len(expected & predicted)
    precision = true_pos / len(predicted)
    recall = true_pos / len(expected)
    # Labelled set: 67 findings in the first audit of this page (v1 analyzers), of which the edits touch a few.
    assert len(first.findings) - len(expected) >= 4  # the edits really touch findings
    assert precision == 1.0, sorted(predicted - expected)
    assert recall == 1.0, sorted(expected - predicted)
