"""Every failure case of issue 17 point 6 ends with one line on stderr and a documented exit code."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import pytest

from audits import cli
from audits.history import store as history_store

SOURCE = str(Path(__file__).resolve().parents[2] / "sources" / "la-clinic-how-psychotherapy-works.txt")


def run(capsys, *argv: str) -> tuple[int, str]:  # type: ignore[no-untyped-def]
    code = cli.main([*argv])
    err = capsys.readouterr().err
    assert "Traceback" not in err
    return code, err


def error_lines(err: str) -> list[str]:
    return [line for line in err.splitlines() if line.startswith("error:")]


def test_exit_codes_are_documented() -> None:
    doc = (Path(__file__).resolve().parents[2] / "docs" / "cli.md").read_text(encoding="utf-8")
    for code in (cli.EXIT_OK, cli.EXIT_FINDINGS, cli.EXIT_USAGE, cli.EXIT_UNREADABLE, cli.EXIT_NOT_SAVED,
                 cli.EXIT_INTERNAL, cli.EXIT_INTERRUPTED):
        assert f"| {code} |" in doc


@pytest.mark.parametrize("value", ["nan", "inf", "-inf", "-3", "0"])
def test_bad_numbers_are_refused(capsys, value: str) -> None:
    code, err = run(capsys, SOURCE, "--fast", "-q", f"--target-grade={value}")
    assert code == cli.EXIT_USAGE and len(error_lines(err)) == 1 and "target_grade" in err


def test_output_into_a_missing_folder_is_refused_before_the_audit(capsys, tmp_path: Path) -> None:
    code, err = run(capsys, SOURCE, "--fast", "-q", "-o", str(tmp_path / "missing" / "report.json"))
    assert code == cli.EXIT_USAGE and "does not exist" in err and len(error_lines(err)) == 1


def _saved(capsys, tmp_path: Path, history: Path) -> tuple[int, str, Path]:  # type: ignore[no-untyped-def]
    out = tmp_path / "report.json"
    code, err = run(capsys, SOURCE, "--fast", "-q", "--save", "--history", str(history), "-o", str(out))
    return code, err, out


def test_a_history_file_that_is_not_a_database(capsys, tmp_path: Path) -> None:
    bad = tmp_path / "history.sqlite"
    bad.write_text("not a database, just text " * 100)
    code, err, out = _saved(capsys, tmp_path, bad)
    assert code == cli.EXIT_NOT_SAVED and "NOT saved" in err and "not a history database" in err
    assert json.loads(out.read_text())["sources"]  # the report itself is not lost
    code, err = run(capsys, "history", "--db", str(bad), "list")
    assert code == cli.EXIT_USAGE and "not a history database" in err


def test_a_folder_given_as_the_database(capsys, tmp_path: Path) -> None:
    code, err, _ = _saved(capsys, tmp_path, tmp_path)
    assert code == cli.EXIT_NOT_SAVED and "is a folder" in err
    code, err = run(capsys, "history", "--db", str(tmp_path), "list")
    assert code == cli.EXIT_USAGE and "is a folder" in err


def test_a_database_from_a_newer_version(capsys, tmp_path: Path) -> None:
    newer = tmp_path / "newer.sqlite"
    with sqlite3.connect(newer) as db:
        db.execute("PRAGMA user_version = 99")
    code, err, _ = _saved(capsys, tmp_path, newer)
    assert code == cli.EXIT_NOT_SAVED and "newer than this tool" in err


def test_a_locked_database_says_the_run_was_not_saved(capsys, tmp_path: Path, monkeypatch) -> None:
    db_path = tmp_path / "history.sqlite"
    with history_store.HistoryStore(db_path):
        pass
    monkeypatch.setattr(history_store, "LOCK_TIMEOUT_S", 0.2)
    holder = sqlite3.connect(db_path, isolation_level=None)
    holder.execute("BEGIN EXCLUSIVE")
    try:
        code, err, out = _saved(capsys, tmp_path, db_path)
    finally:
        holder.execute("ROLLBACK")
        holder.close()
    assert code == cli.EXIT_NOT_SAVED and "locked" in err and "NOT saved" in err
    assert out.exists()


def test_a_device_is_an_unreadable_source_not_a_crash(capsys, tmp_path: Path) -> None:
    code, err = run(capsys, "/dev/zero", SOURCE, "--fast", "-q", "-o", str(tmp_path / "r.json"))
    assert code == cli.EXIT_UNREADABLE and "not a regular file" in err


def test_html_with_a_broken_chart_browser_has_no_traceback(capsys, tmp_path: Path, monkeypatch) -> None:
    fake = tmp_path / "bin" / "chromium"
    fake.parent.mkdir()
    fake.write_text("#!/bin/sh\necho 'Traceback (most recent call last): browser crashed' >&2\nexit 1\n")
    fake.chmod(0o755)
    monkeypatch.setenv("PATH", f"{fake.parent}:/usr/bin:/bin")
    code, _err = run(capsys, SOURCE, "--fast", "-q", "--format", "html", "-o", str(tmp_path / "r.html"))
    assert code == cli.EXIT_OK and (tmp_path / "r.html").stat().st_size > 1000


def test_an_unexpected_failure_is_one_line_with_its_own_code(capsys, monkeypatch) -> None:
    def boom(*args, **kwargs):  # type: ignore[no-untyped-def]
        raise MemoryError("simulated")

    monkeypatch.setattr(cli, "run_audit", boom)
    code, err = run(capsys, SOURCE, "--fast", "-q")
    assert code == cli.EXIT_INTERNAL and len(error_lines(err)) == 1
