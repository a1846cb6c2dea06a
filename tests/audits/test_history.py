"""History: runs saved, editors' decisions kept across restarts and re-audits, crash-safe writes."""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from audits.config import AuditConfig
from audits.diff import diff_reports
from audits.engine import run_audit
from audits.history import HistoryError, HistoryStore, default_path, fingerprint, open_history
from audits.history.migrations import SCHEMA_VERSION
from audits.ingest import ingest_bytes
from audits.model import Finding
from tests.conftest import BOOK, CLINIC, ROOT, SEED_IDS, SOURCES

FAST = AuditConfig(fast=True)


def _audit(texts: dict[str, str]):
    sources = [ingest_bytes(f"{sid}.txt", text.encode("utf-8"), FAST) for sid, text in texts.items()]
    return run_audit(sources, FAST)


@pytest.fixture(scope="module")
def originals() -> dict[str, str]:
    return {sid: (SOURCES / f"{sid}.txt").read_text(encoding="utf-8") for sid in (CLINIC, BOOK)}


@pytest.fixture(scope="module")
def first_audit(originals):
    return _audit(originals)


def _pick(report) -> tuple[Finding, Finding, str]:
    """Two marketing findings of the clinic in different sentences, and the sentence of the second."""
    clinic = report.source(CLINIC)
    doc = clinic.document
    # Phrase-level cues only: a promotional-block finding spans many sentences, so its text changes with any edit.
    marketing = [f for f in clinic.findings if f.category == "marketing" and ".region." not in f.rule]
    assert len(marketing) >= 2, "the clinic page has several promotional phrases"
    keep = marketing[0]
    keep_sentence = next(s for s in doc.sentences if s.start <= keep.start < s.end)
    fix = next(f for f in reversed(marketing) if not keep_sentence.start <= f.start < keep_sentence.end)
    fix_sentence = next(s for s in doc.sentences if s.start <= fix.start < s.end)
    return keep, fix, fix_sentence.of(doc.text)


def test_default_path_follows_config_then_xdg(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "xdg"))
    assert default_path() == tmp_path / "xdg" / "mh-content-audit" / "history.sqlite"
    monkeypatch.delenv("XDG_DATA_HOME")
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    assert default_path() == tmp_path / "home" / ".local" / "share" / "mh-content-audit" / "history.sqlite"
    assert default_path(str(tmp_path / "team.sqlite")) == tmp_path / "team.sqlite"


def test_created_on_first_use_with_wal_and_schema_version(tmp_path: Path) -> None:
    path = tmp_path / "deep" / "folder" / "history.sqlite"
    with open_history(path) as store:
        assert store.runs() == []
        assert store.integrity() == "ok"
    conn = sqlite3.connect(path)
    assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert conn.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
    tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
    assert {"runs", "run_sources", "run_findings", "decisions", "signoffs"} <= tables
    conn.close()
    # Opening again does not re-run migrations or lose anything.
    with open_history(path) as store:
        assert store.schema_version == SCHEMA_VERSION


def test_newer_database_is_refused_with_a_clear_message(tmp_path: Path) -> None:
    path = tmp_path / "h.sqlite"
    conn = sqlite3.connect(path)
    conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 5}")
    conn.close()
    with pytest.raises(RuntimeError, match="newer than this tool"):
        HistoryStore(path)


def test_seed_report_saved_with_report_hashes_and_config(tmp_path: Path, seed_report) -> None:
    with HistoryStore(tmp_path / "h.sqlite") as store:
        run = store.save_run(seed_report, label="seed corpus")
        info = store.run_info(run)
        assert info.sources == len(SEED_IDS)
        assert info.findings == sum(len(s.findings) for s in seed_report.sources)
        assert info.label == "seed corpus" and info.tool_version == seed_report.tool_version
        stored = store.report_dict("latest")
    assert stored == seed_report.to_dict()
    conn = sqlite3.connect(tmp_path / "h.sqlite")
    hashes = dict(conn.execute("SELECT source_id, content_hash FROM run_sources WHERE run_id = ?", (run,)))
    assert hashes == {s.id: s.source.content_hash for s in seed_report.sources}
    assert all(len(h) == 64 for h in hashes.values())
    config = conn.execute("SELECT config_json FROM runs").fetchone()[0]
    assert '"target_grade": 8.0' in config


def test_fingerprint_matches_the_finding_model(first_audit) -> None:
    for _, f in first_audit.findings():
        assert fingerprint(f.rule, f.excerpt) == f.fingerprint


def test_decisions_survive_restart_and_carry_over_to_reaudit(tmp_path: Path, originals, first_audit) -> None:
    db = tmp_path / "history.sqlite"
    keep, fix, fix_sentence = _pick(first_audit)
    hard = next(f for f in first_audit.source(BOOK).findings if f.category == "readability")

    with open_history(db) as store:
        run1 = store.save_run(first_audit)
        store.decide(CLINIC, keep.fingerprint, "dismissed", reason="Our own clinic name, not puffery", by="Ana",
                     run=run1)
        store.decide(CLINIC, fix.fingerprint, "fixed", by="Ana", run=run1)
        store.decide(BOOK, hard.fingerprint, "accepted", by="Ana", run=run1)

    # Restart: a new connection sees every decision.
    with open_history(db) as store:
        current = store.decisions()
        assert current[(CLINIC, keep.fingerprint)].status == "dismissed"
        assert current[(CLINIC, keep.fingerprint)].reason == "Our own clinic name, not puffery"
        assert current[(CLINIC, fix.fingerprint)].status == "fixed"
        assert current[(BOOK, hard.fingerprint)].decided_by == "Ana"

    # The writer deletes the sentence with the second promotional phrase; everything else stays.
    revised = {CLINIC: originals[CLINIC].replace(fix_sentence, "", 1), BOOK: originals[BOOK]}
    assert revised[CLINIC] != originals[CLINIC]
    second = _audit(revised)
    with open_history(db) as store:
        run2 = store.save_run(second)
        assert store.previous_run_of(run2) == run1
        carried = store.decisions_for_run(run2)
        assert carried[(CLINIC, keep.fingerprint)].status == "dismissed"
        assert carried[(CLINIC, keep.fingerprint)].reason == "Our own clinic name, not puffery"
        assert carried[(BOOK, hard.fingerprint)].status == "accepted"
        assert (CLINIC, fix.fingerprint) not in carried  # the text is gone, so is the finding
        diff = diff_reports(store.report_dict(run1), store.report_dict(run2))
    resolved = {(f.source, f.fingerprint) for f in diff.findings_with("resolved")}
    assert (CLINIC, fix.fingerprint) in resolved
    assert (CLINIC, keep.fingerprint) not in resolved
    assert diff.sources_changed == (CLINIC,)
    assert all(f.status == "unchanged" for f in diff.findings if f.source == BOOK)


def test_decision_rules(tmp_path: Path, first_audit) -> None:
    f = first_audit.source(CLINIC).findings[0]
    with HistoryStore(tmp_path / "h.sqlite") as store:
        run = store.save_run(first_audit)
        with pytest.raises(HistoryError, match="needs a reason"):
            store.decide(CLINIC, f.fingerprint, "dismissed", reason="  ")
        with pytest.raises(HistoryError, match="unknown decision"):
            store.decide(CLINIC, f.fingerprint, "ignored")
        store.decide(CLINIC, f.fingerprint, "accepted", run=run)
        store.decide(CLINIC, f.fingerprint, "dismissed", reason="house style allows it", run=run)
        assert store.decisions()[(CLINIC, f.fingerprint)].status == "dismissed"
        store.decide(CLINIC, f.fingerprint, "open", run=run)  # reopened: no current decision
        assert (CLINIC, f.fingerprint) not in store.decisions()
        log = store.decision_log(CLINIC, f.fingerprint)
        assert [d.status for d in log] == ["accepted", "dismissed", "open"]
        with pytest.raises(HistoryError, match="no run '99'"):
            store.decide(CLINIC, f.fingerprint, "accepted", run=99)


def test_sign_off_with_name_and_date_until_the_text_changes(tmp_path: Path, originals, first_audit) -> None:
    db = tmp_path / "h.sqlite"
    with open_history(db) as store:
        run1 = store.save_run(first_audit)
        signed = store.sign_off(run1, CLINIC, "Dr. Jelena Petrović", on="2026-11-20", note="ready")
        with pytest.raises(HistoryError, match="name"):
            store.sign_off(run1, CLINIC, " ")
        with pytest.raises(HistoryError, match="YYYY-MM-DD"):
            store.sign_off(run1, CLINIC, "Ana", on="20/11/2026")
        with pytest.raises(HistoryError, match="no source"):
            store.sign_off(run1, "missing", "Ana")
    with open_history(db) as store:
        clinic_hash = first_audit.source(CLINIC).source.content_hash
        current = store.current_signoff(CLINIC, clinic_hash)
        assert current == signed
        assert current.name == "Dr. Jelena Petrović" and current.signed_on == "2026-11-20"
        assert store.current_signoff(CLINIC, "0" * 64) is None  # edited text: the sign-off no longer holds


def test_run_references(tmp_path: Path, first_audit) -> None:
    with HistoryStore(tmp_path / "h.sqlite") as store:
        with pytest.raises(HistoryError, match="none yet"):
            store.resolve("latest")
        a = store.save_run(first_audit)
        b = store.save_run(first_audit)
        assert store.resolve("latest") == b and store.resolve("previous") == a and store.resolve(str(a)) == a
        with pytest.raises(HistoryError):
            store.resolve("yesterday")


_HOLD_OPEN = textwrap.dedent(
    """
    import json, sys, time
    from audits.history import HistoryStore
    store = HistoryStore(sys.argv[1])
    data = json.loads(open(sys.argv[2], encoding="utf-8").read())
    store.save_run(data, label="committed")
    with store.transaction() as conn:
        conn.execute("INSERT INTO runs (saved_at, generated_at, tool_version, ruleset_version, schema_version,"
                     " config_json, report_json) VALUES ('x', 'x', 'x', 'x', 'x', '{}', '{}')")
        conn.executemany("INSERT INTO decisions (source_id, fingerprint, status, decided_at) VALUES (?, ?, ?, ?)",
                         [("s", f"f{i}", "accepted", "now") for i in range(5000)])
        print("mid-write", flush=True)
        time.sleep(120)
    """
)

_SAVE_FOREVER = textwrap.dedent(
    """
    import json, sys
    from audits.history import HistoryStore
    store = HistoryStore(sys.argv[1])
    data = json.loads(open(sys.argv[2], encoding="utf-8").read())
    i = 0
    while True:
        store.save_run(data, label=f"run {i}")
        i += 1
        if i == 3:
            print("saving", flush=True)
    """
)


def _run_and_kill(script: str, db: Path, report_file: Path, marker: str) -> None:
    proc = subprocess.Popen(
        [sys.executable, "-c", script, str(db), str(report_file)],
        cwd=ROOT, stdout=subprocess.PIPE, text=True, env={**os.environ, "PYTHONPATH": str(ROOT)},
    )
    try:
        assert proc.stdout is not None
        assert proc.stdout.readline().strip() == marker
        os.kill(proc.pid, signal.SIGKILL)
    finally:
        proc.wait(timeout=60)
    assert proc.returncode == -signal.SIGKILL


def test_killed_mid_transaction_keeps_committed_runs_and_nothing_half_written(tmp_path: Path, first_audit) -> None:
    db, report_file = tmp_path / "h.sqlite", tmp_path / "report.json"
    report_file.write_text(first_audit.to_json(), encoding="utf-8")
    _run_and_kill(_HOLD_OPEN, db, report_file, "mid-write")
    with HistoryStore(db) as store:
        assert store.integrity() == "ok"
        runs = store.runs()
        assert [r.label for r in runs] == ["committed"]  # the killed transaction left nothing behind
        assert store.decisions() == {}
        assert store.report_dict(runs[0].id) == first_audit.to_dict()


def test_killed_while_saving_in_a_loop_leaves_only_whole_runs(tmp_path: Path, first_audit) -> None:
    db, report_file = tmp_path / "h.sqlite", tmp_path / "report.json"
    report_file.write_text(first_audit.to_json(), encoding="utf-8")
    _run_and_kill(_SAVE_FOREVER, db, report_file, "saving")
    expected_findings = sum(len(s.findings) for s in first_audit.sources)
    with HistoryStore(db) as store:
        assert store.integrity() == "ok"
        runs = store.runs()
        assert len(runs) >= 3
        for r in runs:  # every run that exists is complete
            assert r.sources == len(first_audit.sources) and r.findings == expected_findings
            assert store.report_dict(r.id)["sources"][0]["id"] == first_audit.sources[0].id
        # and the store keeps working after the crash
        new = store.save_run(first_audit)
        assert store.resolve("latest") == new
