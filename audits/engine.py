"""run_audit: the one entry point from sources to a Report (CLI, dashboard and tests use it)."""

from __future__ import annotations

import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from datetime import UTC, datetime
from functools import partial

from audits import RULESET_VERSION, __version__, budget
from audits.analyzers import CORPUS_ANALYZERS, DOCUMENT_ANALYZERS
from audits.cache import AuditCache, config_fingerprint, corpus_key, source_key
from audits.config import AuditConfig
from audits.model import (
    CATEGORIES,
    SCORE_NAMES,
    AnalysisResult,
    ClaimsResult,
    Document,
    Finding,
    Score,
    Severity,
    Source,
    SourceReport,
)
from audits.prepare import prepare
from audits.report import Report

Progress = Callable[[str, int, int], None]  # (stage, done, total)


@dataclass(frozen=True)
class DocumentAudit:
    """The per-document part of an audit: picklable, so workers can compute it."""

    source: Source
    document: Document | None
    results: tuple[tuple[str, AnalysisResult], ...]
    timings: tuple[tuple[str, float], ...]


def ingest_failure(source: Source) -> Finding:
    """The finding that stands for a source that could not be read."""
    return Finding(
        rule=source.error_rule or "ingest.unreadable",
        category="ingest",
        severity=Severity.ERROR,
        message=source.error or "The source could not be read.",
        start=0,
        end=0,
        excerpt="",
    )


def _analyzer_failure(analyzer_id: str, exc: Exception) -> AnalysisResult:
    finding = Finding(
        rule=f"{analyzer_id}.failed",
        category=analyzer_id if analyzer_id in CATEGORIES else "ingest",
        severity=Severity.ERROR,
        message=f"The {analyzer_id} check could not run on this text ({type(exc).__name__}: {exc}).",
        start=0,
        end=0,
        excerpt="",
    )
    return AnalysisResult(findings=(finding,))


TIMEOUT_RULE = "ingest.timeout"


def audit_document(source: Source, config: AuditConfig) -> DocumentAudit:
    """Prepare one source and run every per-document analyzer on it, within its time budget.

    A source that runs past ``config.source_time_budget_s`` comes back as a failed source with a
    timeout error (rule ``ingest.timeout``), so the rest of the corpus is still audited.
    """
    if not source.ok:
        return DocumentAudit(source, None, (), ())
    timings: list[tuple[str, float]] = []
    stage = "splitting it into sentences"
    try:
        with budget.within(config.source_time_budget_s):
            t0 = time.perf_counter()
            doc = prepare(source, config.language_for(source.id))
            timings.append(("prepare", time.perf_counter() - t0))
            results = []
            for analyzer in DOCUMENT_ANALYZERS:
                stage = f"running the {analyzer.id} checks"
                budget.check()
                t0 = time.perf_counter()
                try:
                    result = analyzer.analyze(doc, config)
                except budget.BudgetExceeded:
                    raise
                except Exception as exc:  # one analyzer failing must not lose the other results
                    result = _analyzer_failure(analyzer.id, exc)
                results.append((analyzer.id, result))
                timings.append((analyzer.id, time.perf_counter() - t0))
    except budget.BudgetExceeded as exc:
        timed_out = replace(source, error=budget.timeout_message(exc.seconds, stage), error_rule=TIMEOUT_RULE)
        return DocumentAudit(timed_out, None, (), tuple(timings))
    return DocumentAudit(source, doc, tuple(results), tuple(timings))


def _combine(
    audit: DocumentAudit, corpus_results: list[tuple[str, AnalysisResult]], config: AuditConfig
) -> SourceReport:
    if audit.document is None:
        return SourceReport(audit.source, None, (ingest_failure(audit.source),), (), {}, {})
    findings: list[Finding] = []
    if audit.source.warnings:
        from audits.ingest import warning_suggestion  # loaded by then: the source came through ingest

        findings = [
            Finding(rule=rule, category="ingest", severity=Severity.WARNING, message=message, start=0, end=0,
                    excerpt="", suggestion=warning_suggestion(rule))
            for rule, message in audit.source.warnings
            if config.rule_enabled(rule)
        ]
    metrics = []
    scores: dict[str, Score] = {}
    sections = {}
    for analyzer_id, result in (*audit.results, *corpus_results):
        # Switched-off rules are dropped here too, so every analyzer honours disabled_rules.
        findings.extend(f for f in result.findings if config.rule_enabled(f.rule))
        metrics.extend(result.metrics)
        scores.update(result.scores)
        if result.section:
            sections[analyzer_id] = result.section
    for name in SCORE_NAMES:
        scores.setdefault(name, Score(None, "low", "this check did not run"))
    findings.sort(key=lambda f: (f.start, f.end, f.rule))
    return SourceReport(audit.source, audit.document, tuple(findings), tuple(metrics), scores, sections)


def run_audit(
    sources: Sequence[Source],
    config: AuditConfig | None = None,
    progress: Progress | None = None,
    *,
    jobs: int | None = None,
    engine: str | None = None,
    scheduler: str | None = None,
    cache: AuditCache | None = None,
    spill: bool | None = None,
) -> Report:
    """Audit every source: per-document analyzers, then corpus analyzers, into one Report.

    jobs/engine/scheduler choose who runs the per-document stage (audits/parallel.py; default:
    the config's, i.e. one process); cache skips sources audited before (audits/cache.py; default:
    a cache only when the config names a cache_path). The report is the same either way. With the
    Dask engine one client serves the whole audit: the per-document stage and the claims stage
    (audits/claims/distributed.py) run on the same cluster.

    spill keeps the per-document results in a temporary file instead of memory (audits/spill.py)
    and makes ``report.sources`` a sequence read back from it one source at a time; None (the
    default) spills above ``SPILL_ABOVE`` sources. The report's content is the same either way.
    Numpy's BLAS runs one thread meanwhile (audits.parallel.one_blas_thread).
    """
    from audits.parallel import one_blas_thread, resolve_jobs

    config = config or AuditConfig()
    if (engine or config.engine) == "dask":
        from audits.claims.distributed import dask_client, using

        workers = resolve_jobs(jobs if jobs is not None else config.jobs)
        with dask_client(workers, scheduler or config.scheduler) as client, using(client), one_blas_thread():
            return _run_audit(sources, config, progress, jobs=jobs, engine=engine, scheduler=scheduler, cache=cache,
                              spill=spill)
    with one_blas_thread():
        return _run_audit(sources, config, progress, jobs=jobs, engine=engine, scheduler=scheduler, cache=cache,
                          spill=spill)


def _run_audit(
    sources: Sequence[Source],
    config: AuditConfig,
    progress: Progress | None,
    *,
    jobs: int | None,
    engine: str | None,
    scheduler: str | None,
    cache: AuditCache | None,
    spill: bool | None,
) -> Report:
    from audits.parallel import audit_sources
    from audits.spill import SPILL_ABOVE, SpilledReports, SpillStore

    started = datetime.now(UTC)
    totals: dict[str, float] = {}
    store = SpillStore() if (spill if spill is not None else len(sources) > SPILL_ABOVE) else None
    audits: list[DocumentAudit] = []  # in memory when not spilled
    ids: list[tuple[str, bool]] = []  # (source id, prepared?) of every audit, in order
    # What each corpus analyzer keeps of every prepared document (the documents themselves may go to disk).
    collected: dict[str, list[object]] = {analyzer.id: [] for analyzer in CORPUS_ANALYZERS}
    if cache is None and config.cache_path:
        cache = AuditCache.from_config(config)
    keys: list[str] | None = None
    if cache is not None:
        fingerprint = config_fingerprint(config)
        keys = [source_key(s, fingerprint) for s in sources]
    # Documents going to disk are collected from as they arrive; documents kept in memory only once the
    # corpus stage is known to run (a cached corpus stage needs nothing collected).
    eager = store is not None or cache is None

    def collect(doc: Document) -> None:
        for analyzer in CORPUS_ANALYZERS:
            t0 = time.perf_counter()
            collected[analyzer.id].append(analyzer.collect(doc))
            totals[analyzer.id] = totals.get(analyzer.id, 0.0) + time.perf_counter() - t0

    per_document = audit_sources(sources, config, jobs=jobs, engine=engine, scheduler=scheduler, cache=cache, keys=keys)
    for i, audit in enumerate(per_document):
        for stage, seconds in audit.timings:
            totals[stage] = totals.get(stage, 0.0) + seconds
        ids.append((audit.source.id, audit.document is not None))
        if eager and audit.document is not None:
            collect(audit.document)
        if store is not None:
            store.add(audit)
        else:
            audits.append(audit)
        del audit
        if progress:
            progress("audit", i + 1, len(sources))
    prepared = [sid for sid, ok in ids if ok]
    corpus: dict[str, list[tuple[str, AnalysisResult]]] = {sid: [] for sid, _ in ids}
    claims = ClaimsResult(method="none")
    stage_key, hit = None, None
    if cache is not None and keys is not None:  # unchanged corpus: the claims stage is not run again
        stage_key = corpus_key([k for k, (_, ok) in zip(keys, ids, strict=True) if ok], fingerprint)
        hit = cache.get(stage_key)
    if hit is not None:
        corpus, claims = hit
    elif not eager:
        for a in audits:
            if a.document is not None:
                collect(a.document)
    for analyzer in CORPUS_ANALYZERS if hit is None else ():
        t0 = time.perf_counter()
        if progress:
            progress(analyzer.id, 0, 1)
        try:
            result = analyzer.analyze_collected(collected.pop(analyzer.id), config)
        except Exception as exc:  # keep per-document results when the corpus stage fails
            stage_key = None  # and never cache a failure (it may be memory, not the corpus)
            failure = _analyzer_failure(analyzer.id, exc)
            for sid in prepared:
                corpus[sid].append((analyzer.id, failure))
        else:
            for sid, r in result.per_source.items():
                corpus[sid].append((analyzer.id, r))
            if result.claims is not None:
                claims = result.claims
            del result
        totals[analyzer.id] = totals.get(analyzer.id, 0.0) + time.perf_counter() - t0
        if progress:
            progress(analyzer.id, 1, 1)
    collected.clear()
    if cache is not None and stage_key is not None and hit is None:
        cache.put(stage_key, (corpus, claims))
    t0 = time.perf_counter()
    reports: Sequence[SourceReport]
    if store is not None:
        store.set_corpus((i, corpus[sid]) for i, (sid, _) in enumerate(ids))
        del corpus
        reports = SpilledReports(store, partial(_combine, config=config))
    else:
        reports = tuple(_combine(a, corpus[a.source.id], config) for a in audits)
    totals["report"] = time.perf_counter() - t0
    return Report(
        generated_at=started.isoformat(timespec="seconds"),
        tool_version=__version__,
        ruleset_version=RULESET_VERSION,
        config=config,
        sources=reports,
        claims=claims,
        timings=totals,
    )
