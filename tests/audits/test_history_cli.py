"""CLI: `... --save` and `python -m audits history list|show|diff|decide|sign-off`; stored reports load back."""

from __future__ import annotations

import json
from pathlib import Path

import jsonschema

from audits.cli import main
from audits.history import HistoryStore
from audits.report import load_schema
from audits.report_io import report_from_dict
from tests.conftest import BOOK, CLINIC, SOURCES


def test_stored_report_loads_back_to_the_same_json(seed_report) -> None:
    data = seed_report.to_dict()
    again = report_from_dict(json.loads(json.dumps(data)))
    assert again.to_dict() == data
    assert again.source(CLINIC).score("marketing") == seed_report.source(CLINIC).score("marketing")
    assert [f.fingerprint for _, f in again.findings()] == [f.fingerprint for _, f in seed_report.findings()]


def test_save_then_history_commands(tmp_path: Path, capsys) -> None:
    db = tmp_path / "h.sqlite"
    clinic, book = str(SOURCES / f"{CLINIC}.txt"), str(SOURCES / f"{BOOK}.txt")
    assert main([clinic, book, "--fast", "-q", "--save", "--history", str(db), "-o", str(tmp_path / "r.json"),
                 "--label", "first draft"]) == 0
    assert "saved as run 1" in capsys.readouterr().err
    assert main([clinic, "--fast", "-q", "--save", "--history", str(db), "-o", str(tmp_path / "r2.json")]) == 0
    capsys.readouterr()

    assert main(["history", "--db", str(db), "list"]) == 0
    out = capsys.readouterr().out
    assert "first draft" in out and len(out.strip().splitlines()) == 3

    assert main(["history", "--db", str(db), "show", "1", "--format", "json"]) == 0
    stored = json.loads(capsys.readouterr().out)
    jsonschema.Draft202012Validator(load_schema()).validate(stored)
    assert stored == json.loads((tmp_path / "r.json").read_text(encoding="utf-8"))

    finding = stored["sources"][0]["findings"][0]
    fp = f"{finding['rule']}|{' '.join(finding['excerpt'].split())}"
    sid = stored["sources"][0]["id"]
    assert main(["history", "--db", str(db), "decide", "1", sid, fp, "dismissed"]) == 2
    assert "needs a reason" in capsys.readouterr().err
    assert main(["history", "--db", str(db), "decide", "1", sid, fp, "dismissed", "--reason", "quote", "--by",
                 "Ana"]) == 0
    assert main(["history", "--db", str(db), "sign-off", "1", sid, "--name", "Ana Jović", "--date",
                 "2026-11-23"]) == 0
    capsys.readouterr()
    assert main(["history", "--db", str(db), "show", "1", "--findings"]) == 0
    out = capsys.readouterr().out
    assert "[dismissed: quote]" in out and "signed off by Ana Jović on 2026-11-23" in out
    assert main(["history", "--db", str(db), "show", "1", "--format", "md"]) == 0
    md = capsys.readouterr().out
    assert "— editor: dismissed: quote \\(Ana, " in md
    assert "Signed off by Ana Jović on 2026-11-23." in md

    assert main(["history", "--db", str(db), "diff", "1", "latest", "--format", "json"]) == 0
    diff = json.loads(capsys.readouterr().out)
    assert diff["sources_removed"] == [BOOK]
    assert diff["counts"]["new"] == 0 and diff["counts"]["resolved"] == 0  # same clinic text both times
    assert main(["history", "--db", str(db), "diff", "previous", "latest"]) == 0
    assert capsys.readouterr().out.startswith("# What changed between two audits")

    assert main(["history", "--db", str(db), "show", "7"]) == 2
    assert "no run '7'" in capsys.readouterr().err
    with HistoryStore(db) as store:
        assert store.integrity() == "ok" and len(store.runs()) == 2


def test_history_with_no_runs_says_how_to_save(tmp_path: Path, capsys) -> None:
    assert main(["history", "--db", str(tmp_path / "new.sqlite"), "list"]) == 0
    assert "--save" in capsys.readouterr().out


def test_history_path_from_config_file(tmp_path: Path, capsys) -> None:
    config = tmp_path / "audit.toml"
    config.write_text(f"[audit]\nfast = true\nhistory_path = '{tmp_path / 'team.sqlite'}'\n", encoding="utf-8")
    assert main([str(SOURCES / f"{CLINIC}.txt"), "--config", str(config), "-q", "--save", "-o",
                 str(tmp_path / "r.json")]) == 0
    assert (tmp_path / "team.sqlite").exists()
    assert main(["history", "--config", str(config), "list"]) == 0
    assert "   1" in capsys.readouterr().out


def test_saving_the_same_audit_twice_says_so_and_stores_one_run(tmp_path: Path, capsys) -> None:
    db = tmp_path / "h.sqlite"
    book = str(SOURCES / f"{BOOK}.txt")
    for _ in range(2):
        assert main([book, "--fast", "-q", "--save", "--history", str(db), "-o", str(tmp_path / "r.json")]) == 0
    err = capsys.readouterr().err
    assert "saved as run 1" in err and "an identical audit is already saved as run 1" in err
    assert main(["history", "--db", str(db), "list"]) == 0
    assert len(capsys.readouterr().out.strip().splitlines()) == 2  # header and one run
