"""The same answer under load: concurrent audits in threads and processes equal the serial run.

Issue 17: a sentence splitter shared by all threads merged sentences across audits, so eight
threads with different target grades all got wrong reports. Rounds: MH_STRESS_ROUNDS (1 in
``make test``, 20 in ``make fuzz``).
"""

from __future__ import annotations

import json
import multiprocessing
import os
from concurrent.futures import ProcessPoolExecutor, ThreadPoolExecutor
from pathlib import Path

import pytest

from audits.cache import AuditCache
from audits.config import AuditConfig
from audits.engine import run_audit
from audits.ingest import ingest_paths
from audits.report import Report

SOURCES = Path(__file__).resolve().parents[2] / "sources"
ROUNDS = int(os.environ.get("MH_STRESS_ROUNDS", "1"))
# Eight different configs: every target grade changes the readability findings and scores.
CONFIGS = [AuditConfig(target_grade=g, fast=True) for g in (6.0, 7.0, 8.0, 9.0, 10.0, 11.0, 12.0, 14.0)]


def canonical(report: Report) -> str:
    """The report as JSON without its timestamp (the only field allowed to differ)."""
    data = report.to_dict()
    data.pop("generated_at")
    return json.dumps(data, sort_keys=True, ensure_ascii=False)


def _audit_in_process(grades: list[float]) -> list[str]:
    sources = ingest_paths([SOURCES], AuditConfig())
    with ThreadPoolExecutor(max_workers=len(grades)) as pool:  # threads inside each process too
        return list(pool.map(lambda g: canonical(run_audit(sources, AuditConfig(target_grade=g, fast=True))), grades))


@pytest.fixture(scope="module")
def corpus():
    return ingest_paths([SOURCES], AuditConfig())


@pytest.fixture(scope="module")
def serial(corpus) -> dict[AuditConfig, str]:
    return {c: canonical(run_audit(corpus, c)) for c in CONFIGS}


def test_configs_really_differ(serial) -> None:
    # Otherwise mixing up two configs' results would go unnoticed.
    assert len(set(serial.values())) == len(CONFIGS)


def test_eight_threads_match_the_serial_run(corpus, serial) -> None:
    for _ in range(ROUNDS):
        with ThreadPoolExecutor(max_workers=8) as pool:
            got = list(pool.map(lambda c: canonical(run_audit(corpus, c)), CONFIGS))
        wrong = [c.target_grade for c, text in zip(CONFIGS, got, strict=True) if text != serial[c]]
        assert wrong == [], f"reports differing from the serial run at target grades {wrong}"


def test_threads_sharing_one_cache_never_store_a_wrong_report(corpus, serial, tmp_path) -> None:
    cache = AuditCache(tmp_path / "cache")
    for _ in range(ROUNDS):
        with ThreadPoolExecutor(max_workers=8) as pool:
            got = list(pool.map(lambda c: canonical(run_audit(corpus, c, cache=cache)), CONFIGS * 2))
        assert got == [serial[c] for c in CONFIGS * 2]
    assert cache.stats.hits > 0  # the later audits were served from the cache, and still right


def test_two_processes_with_threads_match_the_serial_run(serial) -> None:
    grades = [c.target_grade for c in CONFIGS]
    halves = [grades[::2], grades[1::2]]
    context = multiprocessing.get_context("spawn")
    with ProcessPoolExecutor(max_workers=2, mp_context=context) as pool:
        for _ in range(max(1, ROUNDS // 2)):
            results = list(pool.map(_audit_in_process, halves))
            for half, texts in zip(halves, results, strict=True):
                for grade, text in zip(half, texts, strict=True):
                    assert text == serial[AuditConfig(target_grade=grade, fast=True)], f"grade {grade}"
