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


def same_neighbours(got: tuple[np.ndarray, np.ndarray], want: tuple[np.ndarray, np.ndarray]) -> bool:
    """The same neighbours in the same order, with the same similarities up to float32 rounding: a matrix product
    split over other blocks or BLAS threads may round the last bit differently (0.99999994 against 0.9999999)."""
    return np.array_equal(got[0], want[0]) and np.allclose(got[1], want[1], rtol=0, atol=1e-6)


def test_nearest_on_dask_equals_local_exact(client) -> None:
    rng = np.random.default_rng(5)
    v = rng.standard_normal((333, 24)).astype(np.float32)
    v /= np.linalg.norm(v, axis=1, keepdims=True)
    want = exact(v, 7)
    got = distributed.nearest_distributed(client, v, 7, block_rows=50)
    assert same_neighbours(got, want)


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


def test_repeated_searches_over_the_same_queries_all_match_local(client) -> None:
    """The claims stage searches once per language group, each time with all claims as queries: the
    same array is sent again and again (this once lost its key mid-replication on some runs)."""
    rng = np.random.default_rng(11)
    v = rng.standard_normal((120, 16)).astype(np.float32)
    v /= np.linalg.norm(v, axis=1, keepdims=True)
    for rows in (slice(0, 40), slice(40, 90), slice(90, 120), slice(0, 40)):
        want = exact(v[rows], 5, v)
        got = distributed.nearest_distributed(client, v[rows], 5, queries=v, block_rows=32)
        assert same_neighbours(got, want)


class _BrokenClient:
    """A client whose cluster is gone: every call fails as distributed's would."""

    def scatter(self, *args, **kwargs):
        raise OSError("Timed out trying to connect to tcp://127.0.0.1:8786")

    def map(self, *args, **kwargs):
        raise OSError("Timed out trying to connect to tcp://127.0.0.1:8786")


def test_a_failing_cluster_falls_back_to_the_same_local_answer(caplog) -> None:
    rng = np.random.default_rng(3)
    v = rng.standard_normal((60, 8)).astype(np.float32)
    v /= np.linalg.norm(v, axis=1, keepdims=True)
    want = exact(v, 4)
    got = distributed.nearest_distributed(_BrokenClient(), v, 4)
    assert np.array_equal(got[0], want[0]) and np.array_equal(got[1], want[1])
    assert "searching in this process instead" in caplog.text


def test_a_failing_cluster_still_embeds_every_text(monkeypatch) -> None:
    monkeypatch.setattr(distributed, "PARTITION_TEXTS", 2)  # more texts than one partition: the Dask path
    texts = [f"Sentence {i} about therapy and sleep." for i in range(5)]
    got, method = distributed.embed_distributed(_BrokenClient(), texts, "e5-small")
    assert len(got) == len(texts) and method in ("e5-small", "tfidf-char")
