"""Ten dashboard sessions auditing at once show the CLI's numbers.

Issue 17: concurrent sessions got the demo editorial at grade 19.6-22.8 instead of 18.3, and the
wrong reports then stayed in the shared store for every later session. Every browser session is a
thread of one server process; here ten threads run the dashboard's own path (load the folder,
``dashboard.data.audit`` into the shared store, the overview table), then a fresh AppTest session
per config renders the overview page. AppTest itself cannot run sessions in parallel in one process
(it swaps a process-global Runtime instance per run), so the parallel part uses the data layer.
"""

from __future__ import annotations

import json
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

from audits.cli import main as cli_main
from audits.config import AuditConfig
from dashboard import data
from dashboard.tables import overview_frame
from tests.dashboard.test_app import app, frame_of, goto

SOURCES = Path(__file__).resolve().parents[2] / "sources"
TARGETS = ("6", "7", "9", "11", "13")  # five configs, none audited by other tests
COLUMNS = ["Readability", "Citations", "Grade"]


def cli_numbers(target: str, out: Path) -> dict[str, list[float]]:
    """Readability, citations and reading grade per source title, from the CLI's JSON report."""
    code = cli_main([str(SOURCES), "--fast", "--target-grade", target, "-q", "-o", str(out)])
    assert code == 0
    report = json.loads(out.read_text(encoding="utf-8"))
    out = {}
    for s in report["sources"]:
        grade = s["readability"].get("grade") or s["metrics"].get("readability.consensus_grade")
        out[s["title"]] = [round(s["scores"]["readability"]), round(s["scores"]["citations"]), round(grade, 1)]
    return out


def _rows(frame) -> dict[str, list[float]]:  # type: ignore[no-untyped-def]
    return {row["Source"]: [row[c] for c in COLUMNS] for _, row in frame.iterrows()}


def data_layer_session(target: str) -> dict[str, list[float]]:
    config = AuditConfig(target_grade=float(target), fast=True)
    sources = data.load_folder(str(SOURCES), config)
    return _rows(overview_frame(data.audit(sources, config)))


@pytest.fixture(scope="module")
def expected(tmp_path_factory) -> dict[str, dict[str, list[float]]]:
    folder = tmp_path_factory.mktemp("cli")
    numbers = {t: cli_numbers(t, folder / f"{t}.json") for t in TARGETS}
    assert len({json.dumps(v, sort_keys=True) for v in numbers.values()}) == len(TARGETS)
    return numbers


def test_ten_concurrent_sessions_show_the_cli_numbers(expected) -> None:
    targets = [*TARGETS, *TARGETS]  # ten sessions, two per config, all started together
    with ThreadPoolExecutor(max_workers=len(targets)) as pool:
        shown = list(pool.map(data_layer_session, targets))
    for target, numbers in zip(targets, shown, strict=True):
        assert numbers == expected[target], f"target grade {target}"


@pytest.mark.parametrize("target", TARGETS[:2])
def test_the_overview_page_shows_the_cli_numbers(expected, target: str) -> None:
    at = goto(app(target=target), "overview")
    assert not at.exception, [e.value for e in at.exception]
    frame = frame_of(at, "overview.table")
    # The page shows the primary columns; the grade sits behind the column chooser.
    shown = {row["Source"]: [row["Readability"], row["Citations"]] for _, row in frame.iterrows()}
    assert shown == {title: numbers[:2] for title, numbers in expected[target].items()}
