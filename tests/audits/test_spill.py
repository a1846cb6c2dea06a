"""Large audits keep per-document results on disk (audits/spill.py): the report must not change.

The spill is forced here on small corpora (``run_audit(spill=True)``); the bench (bench/run.py
``--scale-docs``) measures what it saves in memory.
"""

from __future__ import annotations

import gc
import importlib.util
import io
import json
import pickle
from dataclasses import replace
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from audits.claims.overlap import jaccard_matrix
from audits.config import AuditConfig
from audits.engine import run_audit
from audits.ingest import ingest_paths, ingest_text
from audits.model import ClaimCluster, ClaimMember, Document
from audits.report import summary
from audits.spill import SpilledReports, SpillStore
from audits.stream import rounded_row, write_jsonl
from tests.conftest import ROOT

FAST = AuditConfig(fast=True)

_spec = importlib.util.spec_from_file_location("bench_run_spill", ROOT / "bench" / "run.py")
assert _spec and _spec.loader
bench = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(bench)


def _jsonl(report) -> list[bytes]:  # type: ignore[no-untyped-def]
    buf = io.BytesIO()
    write_jsonl(report, buf)
    return buf.getvalue().splitlines()


def _same_time(report, other):  # type: ignore[no-untyped-def]
    return replace(report, generated_at=other.generated_at)


@pytest.fixture(scope="module")
def bench_sources(tmp_path_factory):  # type: ignore[no-untyped-def]
    """Twelve bench documents (copied and reordered paragraphs of the seeds: shared claims between
    sources), two that state one claim with opposite certainty, and one unreadable source."""
    folder = tmp_path_factory.mktemp("bench")
    bench.make_corpus(12, folder)
    (folder / "empty.txt").write_text("", encoding="utf-8")
    # Two sources stating one claim with opposite certainty: a corpus-stage finding the spill must carry.
    (folder / "zz-sure.txt").write_text(
        "Talking therapy always relieves the symptoms of mild depression within a few months.\n", encoding="utf-8")
    (folder / "zz-hedged.txt").write_text(
        "Talking therapy may relieve the symptoms of mild depression within a few months.\n", encoding="utf-8")
    return ingest_paths([folder], FAST)


@pytest.fixture(scope="module")
def both(bench_sources):  # type: ignore[no-untyped-def]
    in_memory = run_audit(bench_sources, FAST, spill=False)
    spilled = run_audit(bench_sources, FAST, spill=True)
    return in_memory, _same_time(spilled, in_memory)


def test_the_corpus_exercises_what_the_spill_carries(both) -> None:  # type: ignore[no-untyped-def]
    in_memory, _ = both
    rules = {f.rule for _, f in in_memory.findings()}
    assert any(r.startswith("claims.") for r in rules)  # corpus-stage findings, attached after the spill
    assert any(not s.source.ok for s in in_memory.sources)
    assert len(in_memory.claims.clusters) > 10


def test_spilled_report_writes_the_same_jsonl(both) -> None:  # type: ignore[no-untyped-def]
    in_memory, spilled = both
    assert isinstance(spilled.sources, SpilledReports) and isinstance(in_memory.sources, tuple)
    assert _jsonl(spilled) == _jsonl(in_memory)


def test_spilled_report_has_the_same_content(both) -> None:  # type: ignore[no-untyped-def]
    in_memory, spilled = both
    assert spilled.to_dict() == in_memory.to_dict()
    assert spilled.to_json() == in_memory.to_json()
    assert list(spilled.sources) == list(in_memory.sources)
    assert summary(spilled) == summary(in_memory)
    first = in_memory.sources[0].id
    assert spilled.source(first) == in_memory.source(first)


def test_streamed_header_is_the_whole_header_as_one_json_line(both) -> None:  # type: ignore[no-untyped-def]
    """The header is written in pieces (clusters, matrix rows); it must be exactly json.dumps of it whole."""
    in_memory, _ = both
    header = replace(in_memory, sources=()).to_dict()
    header["summary"] = summary(in_memory)
    header.pop("sources")
    header["type"] = "report"
    assert _jsonl(in_memory)[0] == json.dumps(header, ensure_ascii=False).encode("utf-8")
    lines = _jsonl(in_memory)
    assert len(lines) == 1 + len(in_memory.sources)
    assert [json.loads(x)["id"] for x in lines[1:]] == [s.id for s in in_memory.sources]


def test_spilled_sources_behave_like_a_tuple(both) -> None:  # type: ignore[no-untyped-def]
    in_memory, spilled = both
    got, want = spilled.sources, in_memory.sources
    assert len(got) == len(want)
    assert got[0] == want[0] and got[-1] == want[-1] and got[1:3] == want[1:3]
    with pytest.raises(IndexError):
        got[len(want)]
    assert pickle.loads(pickle.dumps(got)) == want  # pickling materialises the sources


def test_no_prepared_document_stays_in_memory_when_spilled(tmp_path: Path) -> None:
    bench.make_corpus(6, tmp_path)
    sources = ingest_paths([tmp_path], FAST)
    mine = {id(s) for s in sources}  # this audit's sources (other tests' reports hold other documents)
    report = run_audit(sources, FAST, spill=True, jobs=1)
    gc.collect()
    alive = [o for o in gc.get_objects() if isinstance(o, Document) and id(o.source) in mine]
    assert alive == []
    assert run_audit(sources, FAST, spill=False, jobs=1).sources[0].document.source is sources[0]  # what is counted
    assert report.sources[0].document is not None  # read back from disk when asked for


def test_the_store_file_is_removed(tmp_path: Path) -> None:
    report = run_audit([ingest_text("One", "A short text about sleep. " * 30, FAST)], FAST, spill=True)
    store = report.sources._store  # type: ignore[attr-defined]
    folder = Path(store.folder)
    assert store.path.exists() and store.path.parent == folder
    report.sources.close()  # type: ignore[attr-defined]
    assert not folder.exists()
    other = SpillStore(tmp_path)
    other.add({"row": 1})
    where = Path(other.folder)
    assert where.exists() and other.get(0) == ({"row": 1}, None)
    del other
    gc.collect()
    assert not where.exists()  # deleted when the store is garbage-collected


def _old_jaccard(source_ids: list[str], clusters: list[ClaimCluster]) -> tuple[tuple[float, ...], ...]:
    """The set-based matrix the row-at-a-time OverlapMatrix replaced."""
    sets: dict[str, set[str]] = {sid: set() for sid in source_ids}
    for c in clusters:
        for sid in c.sources:
            if sid in sets:
                sets[sid].add(c.id)
    return tuple(
        tuple(len(sets[a] & sets[b]) / len(sets[a] | sets[b]) if sets[a] | sets[b] else 0.0 for b in source_ids)
        for a in source_ids
    )


@settings(max_examples=80, deadline=None)
@given(st.integers(1, 9), st.lists(st.lists(st.integers(0, 11), min_size=1, max_size=6), max_size=12))
def test_overlap_matrix_equals_the_set_jaccard(n: int, memberships: list[list[int]]) -> None:
    ids = [f"s{i}" for i in range(n)]
    clusters = [
        ClaimCluster(f"c{j}", "x", tuple(ClaimMember(f"s{i}", "t", 0, 1, "en") for i in who), "shared")
        for j, who in enumerate(memberships)  # s9..s11 are not audited sources: ignored, as before
    ]
    matrix = jaccard_matrix(ids, clusters)
    old = _old_jaccard(ids, clusters)
    assert len(matrix) == n and tuple(matrix) == old and matrix == old
    assert [matrix[i] for i in range(-n, n)] == [*old, *old]


@settings(max_examples=200, deadline=None)
@given(st.lists(st.one_of(st.floats(0, 1), st.floats(allow_nan=False, allow_infinity=False),
                          st.fractions(0, 1, max_denominator=50).map(float)), max_size=40))
def test_rounded_row_is_python_round(row: list[float]) -> None:
    got = rounded_row(row)
    assert json.dumps(got) == json.dumps([round(v, 4) for v in row])
