"""The audit cache: unchanged sources are not audited again, anything that matters invalidates it."""

from __future__ import annotations

import json
import sqlite3
from dataclasses import replace
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from audits.cache import DB_NAME, AuditCache, config_fingerprint, source_key
from audits.cli import main
from audits.config import AuditConfig
from audits.engine import run_audit
from audits.ingest import ingest_text
from tests.conftest import BLOG, SEED_IDS, SOURCES

FAST = AuditConfig(fast=True)
PER_DOCUMENT_STAGES = {"prepare", "readability", "marketing", "citations"}


def comparable(report) -> dict:
    """The report's JSON form minus the clock."""
    data = report.to_dict()
    data.pop("generated_at")
    return data


def test_warm_reaudit_from_disk_recomputes_nothing(seed_sources, tmp_path: Path) -> None:
    sources = list(seed_sources.values())
    cold = run_audit(sources, FAST, cache=AuditCache(tmp_path))
    assert set(cold.timings) >= PER_DOCUMENT_STAGES
    fresh_cache = AuditCache(tmp_path)  # a new process would start like this: memory empty, disk full
    warm = run_audit(sources, FAST, cache=fresh_cache)
    assert comparable(warm) == comparable(cold)
    assert fresh_cache.stats.hits == len(sources) + 1  # every document and the claims stage
    assert fresh_cache.stats.misses == 0
    assert set(warm.timings) == {"report"}  # no analyzer ran


def test_changed_source_is_the_only_one_audited_again(seed_sources, tmp_path: Path) -> None:
    sources = list(seed_sources.values())
    cache = AuditCache(tmp_path)
    run_audit(sources, FAST, cache=cache)
    edited = [replace(s, text=s.text + "\n\nCall us today to book your session!") if s.id == BLOG else s
              for s in sources]
    cache.stats.hits = cache.stats.misses = 0
    report = run_audit(edited, FAST, cache=cache)
    assert cache.stats.hits == len(sources) - 1
    assert cache.stats.misses == 2  # the edited document, and the claims stage over the new corpus
    assert report.source(BLOG).source.text.endswith("book your session!")
    assert comparable(report) == comparable(run_audit(edited, FAST))


def test_settings_that_change_results_change_the_key_and_execution_settings_do_not() -> None:
    base = config_fingerprint(FAST)
    assert config_fingerprint(FAST.with_changes(target_grade=6)) != base
    assert config_fingerprint(FAST.with_changes(disabled_rules=["marketing"])) != base
    assert config_fingerprint(AuditConfig()) != base  # fast mode off
    for change in ({"jobs": 8}, {"engine": "dask"}, {"scheduler": "tcp://x:8786"}, {"cache_path": "/tmp/c"}):
        assert config_fingerprint(FAST.with_changes(**change)) == base, change


def test_editing_a_rule_file_invalidates_the_cache(tmp_path: Path) -> None:
    rules = tmp_path / "house.yaml"
    rules.write_text("rules: []\n", encoding="utf-8")
    config = FAST.with_changes(rule_files=[str(rules)])
    before = config_fingerprint(config)
    rules.write_text("rules: [] # edited\n", encoding="utf-8")
    assert config_fingerprint(config) != before


def test_memory_and_disk_are_bounded(tmp_path: Path) -> None:
    cache = AuditCache(tmp_path, max_entries=3)
    cache.put_many([(f"k{i}", i) for i in range(10)])
    assert len(cache) == 3
    assert cache.get("k9") == 9 and cache.get("k0") is None
    with sqlite3.connect(tmp_path / DB_NAME) as db:
        assert db.execute("SELECT count(*) FROM audits").fetchone()[0] == 3


def test_damaged_disk_entry_is_a_miss_not_a_crash(tmp_path: Path) -> None:
    AuditCache(tmp_path).put("k", {"fine": True})
    with sqlite3.connect(tmp_path / DB_NAME) as db:
        db.execute("UPDATE audits SET value = ? WHERE key = 'k'", (b"not a pickle",))
    cache = AuditCache(tmp_path)
    assert cache.get("k") is None
    assert cache.stats.misses == 1


def test_cli_cache_flag_gives_the_same_report(tmp_path: Path) -> None:
    outputs = []
    for run in ("cold", "warm"):
        out = tmp_path / f"{run}.json"
        assert main([str(SOURCES), "--fast", "-q", "--jobs", "1", "--cache", str(tmp_path / "c"), "-o", str(out)]) == 0
        data = json.loads(out.read_text(encoding="utf-8"))
        data.pop("generated_at")
        outputs.append(data)
    assert outputs[0] == outputs[1]
    assert {s["id"] for s in outputs[0]["sources"]} == set(SEED_IDS)
    assert (tmp_path / "c" / DB_NAME).exists()


@settings(max_examples=60, deadline=None)
@given(st.text(min_size=1, max_size=300), st.text(min_size=1, max_size=300))
def test_source_key_follows_the_text(a: str, b: str) -> None:
    fingerprint = config_fingerprint(FAST)
    key_a = source_key(ingest_text("Same title", a, FAST), fingerprint)
    assert key_a == source_key(ingest_text("Same title", a, FAST), fingerprint)
    assert (key_a == source_key(ingest_text("Same title", b, FAST), fingerprint)) == (a == b)


def test_a_failed_claims_stage_is_not_cached(seed_sources, tmp_path: Path, monkeypatch) -> None:
    from audits.analyzers.claims import ClaimsAnalyzer

    def out_of_memory(self, collected, config):
        raise MemoryError("pretend the similarity matrix did not fit")

    sources = list(seed_sources.values())
    cache = AuditCache(tmp_path)
    with monkeypatch.context() as m:
        m.setattr(ClaimsAnalyzer, "analyze_collected", out_of_memory)
        failed = run_audit(sources, FAST, cache=cache)
    assert any(f.rule == "claims.failed" for _, f in failed.findings())
    retried = run_audit(sources, FAST, cache=AuditCache(tmp_path))
    assert not any(f.rule == "claims.failed" for _, f in retried.findings())
    assert retried.claims.clusters
