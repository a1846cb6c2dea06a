"""The benchmark's synthetic corpus is deterministic, varied, and built only from the seed articles."""

from __future__ import annotations

import hashlib
import importlib.util
from pathlib import Path

from tests.conftest import ROOT, SEED_IDS

_spec = importlib.util.spec_from_file_location("bench_run", ROOT / "bench" / "run.py")
assert _spec and _spec.loader
bench = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(bench)


def _digests(folder: Path) -> dict[str, str]:
    return {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in sorted(folder.iterdir())}


def test_same_seed_same_corpus_and_documents_differ(tmp_path: Path) -> None:
    first = bench.make_corpus(12, tmp_path / "a")
    second = bench.make_corpus(12, tmp_path / "b")
    assert first == second and first["documents"] == 12 and first["words"] > 12 * 100
    assert _digests(tmp_path / "a") == _digests(tmp_path / "b")
    assert len(set(_digests(tmp_path / "a").values())) == 12  # no two documents are the same file
    bench.make_corpus(12, tmp_path / "c", seed=1)
    assert _digests(tmp_path / "c") != _digests(tmp_path / "a")


def test_document_i_comes_from_seed_article_i_mod_5(tmp_path: Path) -> None:
    bench.make_corpus(10, tmp_path)
    names = sorted(p.name for p in tmp_path.iterdir())
    stems = sorted(SEED_IDS)
    for i, name in enumerate(names):
        assert name == f"{i:05d}-{stems[i % 5]}.txt"
    serbian = (tmp_path / f"00003-{stems[3]}.txt").read_text(encoding="utf-8")
    assert stems[3].startswith("serbian") and "psihoterapij" in serbian.lower()


def test_baseline_runs_the_seven_textstat_formulas(tmp_path: Path) -> None:
    bench.make_corpus(3, tmp_path)
    result = bench.measure_baseline({"corpus": str(tmp_path)})
    assert len(bench.BASELINE_FORMULAS) == 7
    assert result["documents"] == 3 and result["words"] > 300
    assert result["total_s"] > 0
