"""The claims stage on a Dask cluster (``--engine dask``): embeddings per partition, blocked
nearest-neighbour search as Dask tasks, with the same answer as on one machine.

The engine opens one Dask client for the whole audit (``dask_client``) and makes it the current
one for this audit only (``using``: a context variable, so concurrent audits in other threads never
see it). The claims stage then asks ``current()``: with a client, ``embed_distributed`` sends the
texts to the workers in partitions and ``nearest_distributed`` scatters the vectors once and runs
one task per block of query rows (audits.claims.neighbours.exact on that block); the blocks come
back in order, so the neighbours, and therefore the clusters, are those of the local run.
"""

from __future__ import annotations

import logging
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from typing import Any

import numpy as np

from audits.claims.neighbours import exact

log = logging.getLogger(__name__)
_CLIENT: ContextVar[Any | None] = ContextVar("audits_dask_client", default=None)
PARTITION_TEXTS = 512  # claims embedded per task
QUERY_BLOCK_ROWS = 2048  # query rows per similarity task


def current() -> Any | None:
    """The Dask client of the audit running in this context, or None."""
    return _CLIENT.get()


@contextmanager
def using(client: Any) -> Iterator[Any]:
    """Make client the current one for this context (this audit) only."""
    token = _CLIENT.set(client)
    try:
        yield client
    finally:
        _CLIENT.reset(token)


@contextmanager
def dask_client(jobs: int, scheduler: str | None) -> Iterator[Any]:
    """A client of the scheduler at that address, or of a LocalCluster of jobs single-threaded processes."""
    from dask.distributed import Client, LocalCluster

    cluster = None
    if scheduler:
        client = Client(scheduler)
    else:
        cluster = LocalCluster(n_workers=jobs, threads_per_worker=1, processes=True, dashboard_address=None,
                               silence_logs=40)
        client = Client(cluster)
    try:
        yield client
    finally:
        client.close()
        if cluster is not None:
            cluster.close()


def _embed_part(texts: list[str], method: str) -> tuple[np.ndarray, str]:
    from audits.embeddings import embed

    return embed(texts, method)


def embed_distributed(client: Any, texts: list[str], method: str) -> tuple[np.ndarray, str]:
    """embed(texts, method) with the texts split into partitions embedded on the workers.

    Only the model ("e5-small") is per text; TF-IDF is fitted on the whole corpus (its vocabulary
    and weights depend on every text), so it runs here.
    """
    from audits.embeddings import embed

    if method != "e5-small" or len(texts) <= PARTITION_TEXTS:
        return embed(texts, method)
    parts = [texts[i : i + PARTITION_TEXTS] for i in range(0, len(texts), PARTITION_TEXTS)]
    try:
        results = client.gather(client.map(_embed_part, parts, method=method, pure=False))
    except Exception as exc:  # a dead worker or a closed cluster: embed here (the same vectors)
        log.warning("Dask embedding failed (%s: %s); embedding in this process instead", type(exc).__name__, exc)
        return embed(texts, method)
    methods = {m for _, m in results}
    if len(methods) != 1:  # some worker fell back to TF-IDF: vectors would not be comparable
        return embed(texts, method)
    return np.concatenate([v for v, _ in results]), methods.pop()


def _block(vectors: np.ndarray, queries: np.ndarray, start: int, end: int, k: int) -> tuple[np.ndarray, np.ndarray]:
    return exact(vectors, k, queries[start:end])


def nearest_distributed(client: Any, vectors: np.ndarray, k: int, queries: np.ndarray | None = None,
                        block_rows: int = QUERY_BLOCK_ROWS) -> tuple[np.ndarray, np.ndarray]:
    """neighbours.exact(vectors, k, queries) computed as one Dask task per block of query rows."""
    vectors = np.ascontiguousarray(vectors, dtype=np.float32)
    queries = vectors if queries is None else np.ascontiguousarray(queries, dtype=np.float32)
    n = len(queries)
    if n == 0 or k <= 0 or len(vectors) == 0:
        return np.zeros((n, 0), np.int64), np.zeros((n, 0), np.float32)
    # hash=False: a fresh key per call. With content-hashed keys, the per-language calls of one
    # audit scatter the same queries array under the same key while the previous call's future is
    # being released, and the scheduler can drop the key mid-replication ("Key lost during
    # replication"), failing the stage on some runs.
    try:
        remote = client.scatter(vectors, broadcast=True, hash=False)
        remote_queries = remote if queries is vectors else client.scatter(queries, broadcast=True, hash=False)
        starts = list(range(0, n, block_rows))
        futures = client.map(_block, [remote] * len(starts), [remote_queries] * len(starts), starts,
                             [min(s + block_rows, n) for s in starts], k=k, pure=False)
        parts = client.gather(futures)
    except Exception as exc:  # lost data, a dead worker, a closed cluster: the same search here
        log.warning("Dask neighbour search failed (%s: %s); searching in this process instead",
                    type(exc).__name__, exc)
        return exact(vectors, k, queries)
    return np.concatenate([i for i, _ in parts]), np.concatenate([s for _, s in parts])

__all__ = ["current", "dask_client", "embed_distributed", "nearest_distributed", "using"]
