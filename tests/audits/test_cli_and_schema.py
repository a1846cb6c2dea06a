"""The CLI and the report's JSON contract: schema-valid, spans inside texts, documented exit codes."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import jsonschema
import pytest

from audits.cli import main
from audits.model import SCORE_NAMES
from audits.report import load_schema
from tests.conftest import CLINIC, ROOT, SEED_IDS, SOURCES


def _validator() -> jsonschema.Draft202012Validator:
    return jsonschema.Draft202012Validator(load_schema(), format_checker=jsonschema.FormatChecker())


def test_report_json_validates_and_spans_lie_inside_text(seed_report) -> None:
    data = seed_report.to_dict()
    _validator().validate(data)
    assert {s["id"] for s in data["sources"]} == set(SEED_IDS)
    for source in data["sources"]:
        text = source["text"]
        assert set(source["scores"]) == set(SCORE_NAMES)
        assert all(v is not None and 0 <= v <= 100 for v in source["scores"].values())
        for f in source["findings"]:
            assert 0 <= f["start"] <= f["end"] <= len(text)
            assert text[f["start"] : f["end"]] == f["excerpt"]
        for c in source["citations"]["in_text"]:
            assert 0 <= c["start"] < c["end"] <= len(text)
    for cluster in data["claims"]["clusters"]:
        for m in cluster["members"]:
            text = next(s["text"] for s in data["sources"] if s["id"] == m["source"])
            assert text[m["start"] : m["end"]] == m["text"]


def test_cli_json_on_stdout_only() -> None:
    proc = subprocess.run(
        [sys.executable, "-m", "audits", str(SOURCES), "--format", "json", "--fast"],
        capture_output=True, text=True, cwd=ROOT, timeout=300,
    )
    assert proc.returncode == 0, proc.stderr
    data = json.loads(proc.stdout)
    _validator().validate(data)
    assert data["claims"]["method"] == "tfidf-char"
    assert "Traceback" not in proc.stderr


def test_cli_markdown_to_file(tmp_path: Path, capsys) -> None:
    out = tmp_path / "report.md"
    code = main([str(SOURCES / f"{CLINIC}.txt"), "--format", "md", "-o", str(out), "--fast", "-q"])
    assert code == 0
    text = out.read_text(encoding="utf-8")
    assert text.startswith("# Content audit report")
    assert "How Does Psychotherapy Work?" in text
    assert capsys.readouterr().out == ""


def test_unreadable_sources_get_exit_code_3_and_one_line_each(tmp_path: Path, capsys) -> None:
    (tmp_path / "good.txt").write_text((SOURCES / f"{CLINIC}.txt").read_text(encoding="utf-8"), encoding="utf-8")
    (tmp_path / "empty.txt").write_bytes(b"")
    (tmp_path / "blob.txt").write_bytes(bytes(range(256)) * 4)
    code = main([str(tmp_path), "--format", "json", "--fast", "-q"])
    captured = capsys.readouterr()
    assert code == 3
    data = json.loads(captured.out)
    _validator().validate(data)
    by_id = {s["id"]: s for s in data["sources"]}
    assert by_id["good"]["error"] is None and by_id["good"]["scores"]["readability"] is not None
    assert by_id["empty"]["scores"] == {name: None for name in SCORE_NAMES}
    assert by_id["empty"]["findings"][0]["rule"] == "ingest.empty"
    assert by_id["blob"]["findings"][0]["category"] == "ingest"
    lines = [ln for ln in captured.err.splitlines() if ln.strip()]
    assert len(lines) == 2 and all("empty.txt" in ln or "blob.txt" in ln for ln in lines)


def test_fail_on_gives_exit_code_1(capsys) -> None:
    assert main([str(SOURCES / f"{CLINIC}.txt"), "--fail-on", "info", "--fast", "-q"]) == 1
    capsys.readouterr()


def test_usage_errors_exit_2(tmp_path: Path, capsys) -> None:
    assert main([str(tmp_path / "missing.txt")]) == 2
    bad = tmp_path / "bad.toml"
    bad.write_text("target_grade = 'eight'\n", encoding="utf-8")
    assert main([str(SOURCES), "--config", str(bad)]) == 2
    assert "target_grade" in capsys.readouterr().err
    with pytest.raises(SystemExit) as exc:
        main(["--format", "docx", str(SOURCES)])
    assert exc.value.code == 2


def test_config_file_changes_the_audit(tmp_path: Path, capsys) -> None:
    config = tmp_path / "audit.toml"
    config.write_text("[audit]\ntarget_grade = 12\nfast = true\n", encoding="utf-8")
    main([str(SOURCES / f"{CLINIC}.txt"), "--config", str(config), "-q"])
    strict = json.loads(capsys.readouterr().out)
    main([str(SOURCES / f"{CLINIC}.txt"), "--target-grade", "6", "--fast", "-q"])
    lenient = json.loads(capsys.readouterr().out)
    assert strict["config"]["target_grade"] == 12 and lenient["config"]["target_grade"] == 6
    assert strict["sources"][0]["scores"]["readability"] > lenient["sources"][0]["scores"]["readability"]


def test_language_override_from_cli(capsys) -> None:
    main([str(SOURCES / f"{CLINIC}.txt"), "--language", f"{CLINIC}=sr", "--fast", "-q"])
    data = json.loads(capsys.readouterr().out)
    assert data["sources"][0]["language"] == "sr"
    assert data["sources"][0]["language_detail"]["overridden"] is True


def test_engine_has_no_streamlit_import() -> None:
    for path in (ROOT / "audits").rglob("*.py"):
        assert "streamlit" not in path.read_text(encoding="utf-8"), path
