"""The claims stage's Dask path gives the same neighbours and embeddings as the local one."""

from __future__ import annotations

import threading

import numpy as np
import pytest

from audits.claims import distributed
from audits.claims.neighbours import exact


@pytest.fixture(scope="module")
def client():
    from dask.distributed import Client

    # In-process workers (threads): the same task graph as a LocalCluster, without its start-up cost.
    with Client(processes=False, n_workers=1, threads_per_worker=2, dashboard_address=None) as c:
        yield c


def test_nearest_on_dask_equals_local_exact(client) -> None:
    rng = np.random.default_rng(5)
    v = rng.standard_normal((333, 24)).astype(np.float32)
    v /= np.linalg.norm(v, axis=1, keepdims=True)
    want = exact(v, 7)
    got = distributed.nearest_distributed(client, v, 7, block_rows=50)
    assert np.array_equal(got[0], want[0]) and np.array_equal(got[1], want[1])


def test_tfidf_runs_on_the_client_and_matches(client) -> None:
    from audits.embeddings import embed

    texts = [f"Therapy number {i} helps people with anxiety." for i in range(40)]
    got, method = distributed.embed_distributed(client, texts, "tfidf-char")
    want, _ = embed(texts, "tfidf-char")
    assert method == "tfidf-char" and np.array_equal(got, want)


def test_the_client_is_seen_only_by_its_own_audit(client) -> None:
    seen: list[object] = []
    with distributed.using(client):
        assert distributed.current() is client
        other = threading.Thread(target=lambda: seen.append(distributed.current()))
        other.start()
        other.join()
    assert seen == [None] and distributed.current() is None
