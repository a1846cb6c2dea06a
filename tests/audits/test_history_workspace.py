"""Named workspaces and identical-audit saves in the history database."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from audits.config import AuditConfig
from audits.history import HistoryStore, Workspace, WorkspaceError
from audits.history.migrations import MIGRATIONS
from audits.ingest import ingest_bytes, ingest_text
from tests.conftest import SOURCES

EXTRA_PAGES = Path(__file__).resolve().parents[2] / "eval" / "extra" / "pages"


def _sources():
    config = AuditConfig()
    pasted = ingest_text("Draft: what to expect in therapy č ć ž", "Therapy takes time. " * 40, config)
    upload = ingest_bytes("clinic.html", (SOURCES / "la-clinic-how-psychotherapy-works.txt").read_bytes(), config)
    failed = ingest_bytes("notes.exe", b"MZ\x00\x01", config)
    # a page read with a warning (letters garbled by a wrong encoding, repaired): the warning must come back too
    garbled = ingest_bytes("kladenje.txt", (EXTRA_PAGES / "hr-news-x266.txt").read_bytes(), config)
    return [pasted, upload, failed, garbled]


def test_a_workspace_survives_closing_the_database(tmp_path: Path) -> None:
    db = tmp_path / "h.sqlite"
    sources = _sources()
    ws = Workspace("Anxiety pages", tuple(sources), {"target_grade": 6.0, "fast": True}, use_folder=False,
                   removed=("journal-editorial-mechanisms-of-change",))
    with HistoryStore(db) as store:
        assert store.save_workspace(ws) is True
    with HistoryStore(db) as store:  # a new process after a restart opens the same file
        back = store.workspace("Anxiety pages")
        assert [w.name for w in store.workspaces()] == ["Anxiety pages"]
    assert back is not None
    assert back.sources == tuple(sources)  # text, metadata, stripped furniture and read errors, all equal
    assert back.settings == {"target_grade": 6.0, "fast": True}
    assert back.use_folder is False and back.removed == ("journal-editorial-mechanisms-of-change",)
    assert not back.sources[2].ok and back.sources[2].error == sources[2].error
    assert [rule for rule, _ in back.sources[3].warnings] == ["ingest.encoding-repaired"]  # shown after a reload


def test_saving_an_identical_workspace_writes_nothing(tmp_path: Path) -> None:
    with HistoryStore(tmp_path / "h.sqlite") as store:
        ws = Workspace("w", tuple(_sources()[:1]))
        assert store.save_workspace(ws) is True
        first = store.workspaces()[0].updated_at
        assert store.save_workspace(ws) is False
        assert store.workspaces()[0].updated_at == first
        assert store.save_workspace(Workspace("w", ws.sources, {"target_grade": 10.0})) is True
        assert store.workspace("w").settings == {"target_grade": 10.0}


def test_workspaces_are_separate_and_can_be_cleared(tmp_path: Path) -> None:
    with HistoryStore(tmp_path / "h.sqlite") as store:
        store.save_workspace(Workspace("a", tuple(_sources()[:1])))
        store.save_workspace(Workspace("b"))
        assert store.workspace("a").sources and not store.workspace("b").sources
        assert store.delete_workspace("a") is True and store.workspace("a") is None
        assert store.delete_workspace("a") is False
        with pytest.raises(WorkspaceError, match="needs a name"):
            store.save_workspace(Workspace("   "))


def test_identical_audits_are_saved_once(tmp_path: Path, seed_report) -> None:
    with HistoryStore(tmp_path / "h.sqlite") as store:
        assert store.save_run_once(seed_report) == (1, True)
        assert store.save_run_once(seed_report) == (1, False)
        assert store.identical_run(seed_report.to_dict()) == 1
        assert len(store.runs()) == 1
        changed = seed_report.to_dict()
        changed["config"] = {**changed["config"], "target_grade": 10.0}
        assert store.save_run_once(changed) == (2, True)


def test_a_version_1_database_is_migrated_keeping_its_runs(tmp_path: Path, seed_report) -> None:
    db = tmp_path / "old.sqlite"
    conn = sqlite3.connect(db)
    conn.executescript(MIGRATIONS[0] + "\nPRAGMA user_version = 1;")
    conn.close()
    with HistoryStore(db) as store:
        run = store.save_run(seed_report)
        assert store.identical_run(seed_report) == run
        assert store.save_workspace(Workspace("after upgrade")) is True
