"""The editor's review in Source detail: save the audit, decide on findings, sign off; carried over on re-audit."""

from __future__ import annotations

from pathlib import Path

import pytest

from audits.history import open_history
from dashboard.review import decisions_frame
from tests.conftest import CLINIC
from tests.dashboard.test_app import app, by_key, goto


@pytest.fixture
def history(tmp_path: Path, monkeypatch) -> Path:
    """A private history database: the dashboard's default path follows XDG_DATA_HOME."""
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path))
    return tmp_path / "mh-content-audit" / "history.sqlite"


def test_save_and_sign_off_from_the_review_tab(history: Path) -> None:
    at = app(source=CLINIC)
    goto(at, "source_detail")
    by_key(at.button, "review.save").click().run()
    assert any("Saved as audit run 1" in s.value for s in at.success)
    by_key(at.text_input, "review.signoff.name").set_value("Ana Petrović")
    submit = next(b for b in at.button if "Sign this source off" in str(b.label))
    submit.click().run()
    with open_history(history) as store:
        assert [r.id for r in store.runs()] == [1]
        signoff = store.signoffs(CLINIC)[-1]
        assert signoff.name == "Ana Petrović" and signoff.run_id == 1
    assert any("Signed off by Ana Petrović" in s.value for s in at.success)
    assert not at.exception


def test_decisions_show_and_carry_over(history: Path, seed_report) -> None:
    clinic = seed_report.source(CLINIC)
    finding = next(f for f in clinic.findings if f.rule.startswith("marketing.cta"))
    with open_history(history) as store:
        store.save_run(seed_report)
        store.decide(CLINIC, finding.fingerprint, "dismissed", reason="Our own clinic's page", by="Ana")
        frame = decisions_frame(clinic, store.decisions(CLINIC))
    row = frame[frame["fingerprint"] == finding.fingerprint].iloc[0]
    assert row["Decision"] == "dismissed" and row["Reason"] == "Our own clinic's page"
    assert (frame["Decision"] == "open").sum() == len(clinic.findings) - 1


def test_a_dismissal_without_reason_is_reported_as_refused(history: Path, seed_report) -> None:
    from dashboard.review import _save_decisions

    clinic = seed_report.source(CLINIC)
    with open_history(history) as store:
        before = decisions_frame(clinic, store.decisions(CLINIC))
        after = before.copy()
        after.loc[0, "Decision"] = "dismissed"  # no reason given
        after.loc[1, "Decision"] = "fixed"
        feedback = _save_decisions(store, clinic, before, after, "Ana", None)
        stored = decisions_frame(clinic, store.decisions(CLINIC))
    assert ("ok", "Saved 1 decision(s).") in feedback
    refused = [m for k, m in feedback if k == "refused"]
    assert len(refused) == 1 and "was NOT marked dismissed" in refused[0] and "still open" in refused[0]
    assert stored.loc[0, "Decision"] == "open" and stored.loc[1, "Decision"] == "fixed"
