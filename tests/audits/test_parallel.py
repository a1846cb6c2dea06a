"""The per-document stage gives the same report whoever runs it: one process, a pool, or Dask."""

from __future__ import annotations

import io
import json
import os
from pathlib import Path

import pytest

from audits.cli import main
from audits.config import AuditConfig, ConfigError
from audits.engine import run_audit
from audits.exports.json_export import render_jsonl
from audits.ingest import ingest_text
from audits.parallel import audit_sources, resolve_jobs
from audits.stream import write_jsonl
from tests.conftest import SEED_IDS, SOURCES

FAST = AuditConfig(fast=True)


def comparable(report) -> dict:
    """The report's JSON form minus what differs between runs by design (clock)."""
    data = report.to_dict()
    data.pop("generated_at")
    return data


@pytest.fixture(scope="module")
def corpus(seed_sources):
    """The five seeds plus one empty paste (an unreadable source must travel through workers too)."""
    return [*seed_sources.values(), ingest_text("Empty paste", "   ", FAST)]


@pytest.fixture(scope="module")
def one_process(corpus):
    """The reference: everything in this process."""
    return run_audit(corpus, FAST, jobs=1)


def test_process_pool_gives_the_same_report(corpus, one_process) -> None:
    pooled = run_audit(corpus, FAST, jobs=2)
    assert comparable(pooled) == comparable(one_process)
    assert [s.id for s in pooled.sources] == [s.id for s in corpus]
    assert pooled.source("empty-paste").source.error_rule == "ingest.empty"


def test_dask_local_cluster_gives_the_same_report(corpus, one_process) -> None:
    on_dask = run_audit(corpus, FAST, jobs=2, engine="dask")
    assert comparable(on_dask) == comparable(one_process)
    assert set(SEED_IDS) <= {s.id for s in on_dask.sources}
    assert on_dask.claims.clusters, "claim clustering (the second stage) ran on the gathered documents"


def test_per_document_results_come_back_in_input_order(corpus) -> None:
    reversed_corpus = list(reversed(corpus))
    audits = list(audit_sources(reversed_corpus, FAST, jobs=2))
    assert [a.source.id for a in audits] == [s.id for s in reversed_corpus]
    assert all(a.document is not None for a in audits if a.source.ok)


def test_cli_jobs_1_and_2_write_identical_json(tmp_path: Path) -> None:
    outputs = []
    for jobs in ("1", "2"):
        out = tmp_path / f"report-{jobs}.json"
        assert main([str(SOURCES), "--fast", "-q", "--jobs", jobs, "-o", str(out)]) == 0
        data = json.loads(out.read_text(encoding="utf-8"))
        data.pop("generated_at")
        outputs.append(data)
    assert outputs[0] == outputs[1]
    assert outputs[0]["summary"]["sources"] == 5


def test_resolve_jobs_defaults_to_one_per_core() -> None:
    cores = os.cpu_count() or 1
    assert resolve_jobs(None) == cores
    assert resolve_jobs(0) == cores
    assert resolve_jobs(-1) == cores
    assert resolve_jobs(3) == 3


def test_unknown_engine_is_a_clear_error(seed_sources) -> None:
    with pytest.raises(ConfigError, match="unknown engine 'spark'"):
        run_audit(list(seed_sources.values()), FAST, engine="spark")


def test_unknown_engine_in_config_file_is_a_usage_error(tmp_path: Path, capsys) -> None:
    config = tmp_path / "audit.toml"
    config.write_text('[audit]\nengine = "spark"\n', encoding="utf-8")
    code = main([str(SOURCES / f"{SEED_IDS[1]}.txt"), "--fast", "-q", "--config", str(config)])
    assert code == 2
    assert "unknown engine 'spark'" in capsys.readouterr().err


def test_streamed_jsonl_equals_the_jsonl_export(seed_report) -> None:
    buffer = io.BytesIO()
    lines = write_jsonl(seed_report, buffer)
    assert buffer.getvalue() == render_jsonl(seed_report)
    assert lines == 1 + len(SEED_IDS)
    rows = [json.loads(line) for line in buffer.getvalue().decode("utf-8").splitlines()]
    assert rows[0]["type"] == "report" and rows[0]["summary"]["sources"] == 5
    assert [r["id"] for r in rows[1:]] == [s.id for s in seed_report.sources]


def test_cli_jsonl_is_streamed_to_file(tmp_path: Path) -> None:
    out = tmp_path / "report.jsonl"
    assert main([str(SOURCES), "--fast", "-q", "--jobs", "2", "-f", "jsonl", "-o", str(out)]) == 0
    rows = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert [r["type"] for r in rows] == ["report"] + ["source"] * 5
    assert {r["id"] for r in rows[1:]} == set(SEED_IDS)
    assert rows[0]["claims"]["method"] == "tfidf-char"


def test_a_dying_worker_does_not_lose_the_audit(corpus, one_process, monkeypatch) -> None:
    import audits.parallel as parallel

    parent = os.getpid()
    real_audit = parallel._audit
    in_parent: list[str] = []

    def die_in_workers(source, config):
        if os.getpid() != parent:
            os._exit(1)  # as if the kernel killed the worker for memory
        in_parent.append(source.id)
        return real_audit(source, config)

    monkeypatch.setattr(parallel, "_audit", die_in_workers)  # forked workers inherit the patch
    survived = run_audit(corpus, FAST, jobs=2)
    assert comparable(survived) == comparable(one_process)
    assert in_parent == [s.id for s in corpus]  # the warm-up document, then the rest after the pool broke


def test_default_mode_pool_finishes_and_matches_one_process(tmp_path: Path) -> None:
    """Default mode loads the e5 model in the warm-up document before the pool starts; workers forked
    after that used to hang on their first embedding. Run as a child process so a hang fails the test
    (after a generous bound) instead of stopping the suite."""
    import subprocess
    import sys

    outputs = []
    for jobs in ("1", "2"):
        out = tmp_path / f"report-{jobs}.json"
        done = subprocess.run([sys.executable, "-m", "audits", str(SOURCES), "-q", "--jobs", jobs, "-o", str(out)],
                              capture_output=True, text=True, timeout=600,
                              env={**os.environ, "PYTHONPATH": str(Path(__file__).resolve().parents[2])})
        assert done.returncode == 0, done.stderr
        data = json.loads(out.read_text(encoding="utf-8"))
        data.pop("generated_at")
        outputs.append(data)
    assert outputs[0] == outputs[1]
    assert any(s["citations"]["learned"]["sentences_scored"] > 0 for s in outputs[1]["sources"]), \
        "the learned layer ran in the workers"


def test_workers_are_not_forked_once_the_e5_model_is_loaded() -> None:
    from audits.embeddings import e5_loaded, embed_e5
    from audits.parallel import start_method

    embed_e5(["Therapy helps."])
    assert e5_loaded()
    assert start_method(fast=False) in ("forkserver", "spawn")
    assert start_method(fast=True) == "fork"  # fast mode never embeds in the workers


def test_numpy_blas_runs_one_thread_during_an_audit_and_is_restored_after(seed_sources, monkeypatch) -> None:
    """The claims stage's matrix work runs on one BLAS thread (the workers hold the cores) and the host
    process gets its own setting back afterwards."""
    threadpoolctl = pytest.importorskip("threadpoolctl")
    import audits.engine as engine

    def blas_threads() -> list[int]:
        return [p["num_threads"] for p in threadpoolctl.threadpool_info() if p["user_api"] == "blas"]

    before = blas_threads()
    seen: list[list[int]] = []
    real = engine._run_audit

    def spy(*args, **kwargs):
        seen.append(blas_threads())
        return real(*args, **kwargs)

    monkeypatch.setattr(engine, "_run_audit", spy)
    report = run_audit(list(seed_sources.values())[:2], AuditConfig(fast=True), jobs=1)
    assert len(report.sources) == 2
    assert seen and all(n == 1 for n in seen[0])
    assert blas_threads() == before


def test_overlapping_audits_in_threads_keep_one_blas_thread_until_the_last_one_ends(monkeypatch) -> None:
    """Dashboard sessions are threads of one process and OpenBLAS's setting is process-wide: an audit that ends
    while another still runs must not give the other back its threads; the host's setting returns when the last
    one ends (the limiter is counted, not nested)."""
    import threading

    threadpoolctl = pytest.importorskip("threadpoolctl")
    from audits.parallel import one_blas_thread

    events: list[str] = []

    class Limiter:
        def __init__(self, limits: int, user_api: str) -> None:
            assert (limits, user_api) == (1, "blas")
            events.append("limit")

        def restore_original_limits(self) -> None:
            events.append("restore")

    monkeypatch.setattr(threadpoolctl, "threadpool_limits", Limiter)
    first_in, first_out = threading.Event(), threading.Event()
    seen_by_second: list[list[str]] = []

    def first() -> None:
        with one_blas_thread():
            first_in.set()
            first_out.wait(10)

    def second() -> None:
        first_in.wait(10)
        with one_blas_thread():
            first_out.set()  # the first audit ends while this one runs
            worker.join(10)
            seen_by_second.append(list(events))

    worker = threading.Thread(target=first)
    other = threading.Thread(target=second)
    worker.start()
    other.start()
    other.join(20)
    assert seen_by_second == [["limit"]]  # still limited after the first audit left
    assert events == ["limit", "restore"]  # restored once, by the last one out
