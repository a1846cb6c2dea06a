"""Run the per-document stage of an audit in parallel: a process pool, or Dask beyond one machine.

Every document is prepared and analysed independently (``audit_document`` is a top-level
function and ``DocumentAudit`` a picklable frozen dataclass), so the stage fans out over
workers and the results come back in input order: the report is the same whatever runs it.
The corpus stage (claim clustering) runs afterwards, once, over all documents (engine.py).

- ``engine="local"``: ``concurrent.futures.ProcessPoolExecutor`` with ``jobs`` processes
  (``jobs <= 0`` means one per core). The first document is audited in this process before
  the pool starts, so with the ``fork`` start method the workers inherit the loaded language
  models and lexicons instead of loading them again; once the e5 model is loaded (default mode's
  learned layer), workers start from a ``forkserver`` instead (``start_method``).
- ``engine="dask"``: ``dask.distributed``; ``scheduler`` is the address of a running scheduler
  (``tcp://host:8786``), or None for a ``LocalCluster`` of ``jobs`` single-threaded processes.
"""

from __future__ import annotations

import multiprocessing
import os
import threading
from collections.abc import Iterator, Sequence
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from contextlib import contextmanager
from dataclasses import replace
from typing import Any

from audits.cache import AuditCache
from audits.config import AuditConfig, ConfigError
from audits.model import Source

ENGINES = ("local", "dask")
# Below this many documents to audit, starting workers costs more than it saves.
MIN_PARALLEL_DOCS = 4


def resolve_jobs(jobs: int | None) -> int:
    """The number of workers: jobs itself, or one per core when jobs is None or <= 0."""
    if jobs is None or jobs <= 0:
        return max(1, os.cpu_count() or 1)
    return jobs


def start_method(fast: bool = False) -> str:
    """``fork`` (workers inherit the loaded lexicons and language models) unless the workers will embed
    (default mode) and this process has loaded the e5 model: a child forked after the model's native
    engine started threads hangs on its first embedding, so then a fresh ``forkserver`` (or ``spawn``)
    process starts the workers. Fast mode never embeds per document."""
    from audits.embeddings import e5_loaded

    methods = multiprocessing.get_all_start_methods()
    if "fork" in methods and (fast or not e5_loaded()):
        return "fork"
    return "forkserver" if "forkserver" in methods else "spawn"


_BLAS_LOCK = threading.Lock()
_blas_users = 0  # audits running in this process (threads), guarded by _BLAS_LOCK
_blas_limit: Any = None  # the threadpoolctl limiter the first of them set, undone by the last


@contextmanager
def one_blas_thread() -> Iterator[None]:
    """Numpy's BLAS (OpenBLAS) limited to one thread while any audit runs in this process (threadpoolctl).

    The audit's matrices are small (a few hundred claims: the TF-IDF Gram matrix, its eigenvectors, blocked
    similarities), and the cores are already used by the workers or by other people: OpenBLAS's threads
    then wait on each other's time slices. Measured on this 2-core machine under load, a 209 x 209 ``eigh``
    took 0.3-1.2 s with two threads and 0.01 s with one (docs/performance.md, seventh pass). One thread
    also makes the last bits of those products the same whatever the machine's core count. OpenBLAS has no
    per-thread setting, so the limit is counted: the first audit to start sets it, the last to finish
    restores the host's setting, and audits running as threads of one process (dashboard sessions) never
    see it change under them. (Measured with OpenBLAS 0.3.31: a limit set from a thread other than the main
    one after the main thread has set and restored one is not honoured; such an audit then runs two BLAS
    threads, which changes its speed and at most the last bits of a product, 1e-13, never a rounded figure of the
    report; tests/reliability compares concurrent and serial reports.)
    """
    global _blas_users, _blas_limit
    with _BLAS_LOCK:
        if _blas_users == 0:
            try:
                from threadpoolctl import threadpool_limits  # pinned in requirements.txt
            except ImportError:  # pragma: no cover - a pinned requirement
                threadpool_limits = None
            _blas_limit = threadpool_limits(limits=1, user_api="blas") if threadpool_limits else None
        _blas_users += 1
    try:
        yield
    finally:
        with _BLAS_LOCK:
            _blas_users -= 1
            if _blas_users == 0 and _blas_limit is not None:
                _blas_limit.restore_original_limits()
                _blas_limit = None


def _audit(source: Source, config: AuditConfig) -> Any:
    from audits.engine import audit_document  # engine imports this module: import late

    return audit_document(source, config)


def _audit_batch(sources: Sequence[Source], config: AuditConfig) -> list[Any]:
    """Audit a batch of sources in one task (fewer, larger messages between processes)."""
    with one_blas_thread():
        return [_audit(s, config) for s in sources]


def _batches(items: Sequence[Source], size: int) -> list[list[Source]]:
    return [list(items[i : i + size]) for i in range(0, len(items), size)]


def _batch_size(n: int, jobs: int) -> int:
    # About eight tasks per worker balances the load; at most 32 documents per message.
    return max(1, min(32, n // (jobs * 8) or 1))


def _local(pending: Sequence[Source], config: AuditConfig, jobs: int) -> Iterator[Any]:
    if jobs == 1 or len(pending) < MIN_PARALLEL_DOCS:
        for source in pending:
            yield _audit(source, config)
        return
    # Warm-up in this process: forked workers inherit what the first document loaded.
    yield _audit(pending[0], config)
    rest = pending[1:]
    context = multiprocessing.get_context(start_method(config.fast))
    done = 0
    try:
        with ProcessPoolExecutor(max_workers=min(jobs, len(rest)), mp_context=context) as pool:
            size = _batch_size(len(rest), jobs)
            for batch in pool.map(_audit_batch, _batches(rest, size), [config] * len(range(0, len(rest), size))):
                yield from batch
                done += len(batch)
    except BrokenProcessPool:
        # A worker died (killed for memory, or a library crashed on a file): finish here, in order.
        for source in rest[done:]:
            yield _audit(source, config)


def _dask(pending: Sequence[Source], config: AuditConfig, jobs: int, scheduler: str | None) -> Iterator[Any]:
    try:
        from audits.claims.distributed import current, dask_client
    except ImportError as exc:  # pragma: no cover - dask is a pinned requirement
        raise ConfigError("engine 'dask' needs the dask[distributed] package") from exc
    client = current()  # the engine's client for this audit (run_audit), shared with the claims stage
    if client is None:
        with dask_client(jobs, scheduler) as client:
            yield from _dask_batches(client, pending, config, jobs)
    else:
        yield from _dask_batches(client, pending, config, jobs)


def _dask_batches(client: Any, pending: Sequence[Source], config: AuditConfig, jobs: int) -> Iterator[Any]:
    remote_config = client.scatter(config, broadcast=True, hash=False)  # a fresh key per audit
    size = _batch_size(len(pending), jobs)
    futures = client.map(_audit_batch, _batches(pending, size), config=remote_config, pure=False)
    for future in futures:  # in input order; later batches keep computing meanwhile
        try:
            batch = future.result()
        except RuntimeError as exc:  # e.g. scheduler or workers without this version of audits
            raise ConfigError(f"the Dask cluster could not run the audit: {str(exc).splitlines()[0]}") from exc
        yield from batch
        future.release()


def _has_failure(audit: Any) -> bool:
    """Whether an analyzer crashed or the source ran out of time (such results are not cached: retry next time)."""
    if audit.source.error_rule == "ingest.timeout":
        return True
    return any(f.rule.endswith(".failed") for _, result in audit.results for f in result.findings)


def audit_sources(
    sources: Sequence[Source],
    config: AuditConfig,
    *,
    jobs: int | None = None,
    engine: str | None = None,
    scheduler: str | None = None,
    cache: AuditCache | None = None,
    keys: Sequence[str] | None = None,
) -> Iterator[Any]:
    """The DocumentAudit of every source, in input order, from the cache or from workers.

    jobs, engine and scheduler default to the config's; keys are the sources' cache keys
    (audits.cache.source_key), needed when a cache is given.
    """
    engine = engine or config.engine
    if engine not in ENGINES:
        raise ConfigError(f"unknown engine {engine!r}: use {' or '.join(ENGINES)}")
    jobs = resolve_jobs(jobs if jobs is not None else config.jobs)
    scheduler = scheduler or config.scheduler
    cached: list[Any | None] = [None] * len(sources)
    if cache is not None and keys is not None:
        cached = cache.get_many(keys)
    pending = [s for s, hit in zip(sources, cached, strict=True) if hit is None]
    if not pending:
        computed: Iterator[Any] = iter(())
    elif engine == "dask":
        computed = _dask(pending, config, jobs, scheduler)
    else:
        computed = _local(pending, config, jobs)
    fresh: list[tuple[str, Any]] = []
    for i, hit in enumerate(cached):
        if hit is not None:
            yield replace(hit, timings=())  # nothing was computed for it in this run
            continue
        audit = next(computed)
        if cache is not None and keys is not None and not _has_failure(audit):
            fresh.append((keys[i], audit))
            if len(fresh) >= 256:
                cache.put_many(fresh)
                fresh = []
        yield audit
    if cache is not None and fresh:
        cache.put_many(fresh)


__all__ = ["ENGINES", "MIN_PARALLEL_DOCS", "audit_sources", "one_blas_thread", "resolve_jobs"]
