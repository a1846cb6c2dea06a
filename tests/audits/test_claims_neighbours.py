"""Blocked exact k-nearest-neighbour search equals brute force; the ANN path finds the same neighbours."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from audits.claims.neighbours import approximate, blocks, exact, nearest, recall


def brute(vectors: np.ndarray, k: int, queries: np.ndarray | None = None) -> tuple[np.ndarray, np.ndarray]:
    queries = vectors if queries is None else queries
    sims = queries.astype(np.float32) @ vectors.astype(np.float32).T
    idx = np.stack([np.lexsort((np.arange(len(row)), -row))[:k] for row in sims])
    return idx, np.take_along_axis(sims, idx, 1)


def unit(rows: int, dim: int, seed: int) -> np.ndarray:
    v = np.random.default_rng(seed).standard_normal((rows, dim)).astype(np.float32)
    return v / np.linalg.norm(v, axis=1, keepdims=True)


@pytest.mark.parametrize(("rows", "k", "cells"), [(1, 3, 64), (7, 3, 7), (50, 5, 64), (50, 50, 10), (200, 11, 1000)])
def test_exact_blocked_equals_brute_force(rows: int, k: int, cells: int) -> None:
    v = unit(rows, 16, rows)
    idx, sims = exact(v, k, cells=cells)
    want_idx, want_sims = brute(v, min(k, rows))
    assert np.array_equal(idx, want_idx)
    assert np.allclose(sims, want_sims, atol=1e-6)
    assert (idx[:, 0] == np.arange(rows)).all()  # every unit vector is its own nearest


@settings(max_examples=60, deadline=None)
@given(st.integers(2, 40), st.integers(1, 8), st.integers(1, 50), st.integers(0, 10_000))
def test_ties_are_broken_by_lower_index(rows: int, k: int, cells: int, seed: int) -> None:
    # few distinct values: many ties, the case argpartition leaves undefined
    v = np.random.default_rng(seed).integers(0, 2, size=(rows, 3)).astype(np.float32)
    idx, sims = exact(v, k, cells=cells)
    want_idx, want_sims = brute(v, min(k, rows))
    assert np.array_equal(idx, want_idx) and np.array_equal(sims, want_sims)


def test_blocks_cover_every_query_once_and_stay_small() -> None:
    spans = list(blocks(1000, 300, cells=3000))
    assert spans[0] == (0, 10) and spans[-1][1] == 1000
    assert sum(b - a for a, b in spans) == 1000
    assert all((b - a) * 300 <= 3000 for a, b in spans)


def test_queries_other_than_the_vectors() -> None:
    v, q = unit(120, 8, 1), unit(9, 8, 2)
    idx, _ = nearest(v, 4, queries=q)
    assert np.array_equal(idx, brute(v, 4, q)[0])


def test_ann_finds_the_exact_neighbours_on_clustered_vectors() -> None:
    centres = unit(40, 32, 3)
    v = np.repeat(centres, 25, axis=0) + 0.05 * unit(1000, 32, 4)
    v /= np.linalg.norm(v, axis=1, keepdims=True)
    idx, sims = approximate(v, 5)
    assert idx.shape == (1000, 5) and (np.diff(sims, axis=1) <= 1e-6).all()
    assert recall(v, 5, sample=200) >= 0.95
    assert nearest(v, 5, method="ann")[0].shape == (1000, 5)


def test_empty_and_degenerate_inputs() -> None:
    assert nearest(np.zeros((0, 4), np.float32), 3)[0].shape == (0, 0)
    idx, sims = nearest(np.zeros((3, 4), np.float32), 2)  # zero vectors: similarity 0, ties by index
    assert idx.tolist() == [[0, 1]] * 3 and (sims == 0).all()


@settings(max_examples=25, deadline=None)
@given(st.integers(150, 600), st.integers(1, 11), st.integers(0, 10_000))
def test_hundreds_of_tied_copies_keep_the_lowest_indices(rows: int, k: int, seed: int) -> None:
    """A corpus repeating a few sentences hundreds of times (every row ties with hundreds of others):
    the exact k-th-best path for such rows gives brute force's answer, ties by lower index."""
    rng = np.random.default_rng(seed)
    v = rng.integers(0, 2, size=(rows, 3)).astype(np.float32)
    v[rng.random(rows) < 0.1] = rng.normal(size=3).astype(np.float32)  # and a few distinct ones
    idx, sims = exact(v, k)
    want_idx, want_sims = brute(v, k)
    assert np.array_equal(idx, want_idx) and np.allclose(sims, want_sims, atol=1e-6)


def test_ann_similarities_are_the_same_computed_a_block_at_a_time(monkeypatch) -> None:
    """The ANN answer's dot products are computed per block of queries (memory): each is exactly the
    dot product computed for all queries at once (the index itself may order tied copies differently
    from one build to the next, so the answer is checked, not compared with a second build)."""
    import audits.claims.neighbours as nb

    rng = np.random.default_rng(3)
    vectors = rng.normal(size=(400, 24)).astype(np.float32)
    vectors = np.repeat(vectors / np.linalg.norm(vectors, axis=1, keepdims=True), 2, axis=0)  # with copies
    monkeypatch.setattr(nb, "BLOCK_CELLS", 7 * 24 * 5)  # five queries a block
    idx, sim = approximate(vectors, 7)
    assert np.array_equal(sim, np.einsum("ij,ikj->ik", vectors, vectors[idx]))


@settings(max_examples=120, deadline=None)
@given(st.integers(1, 12), st.integers(1, 60), st.integers(1, 14), st.integers(0, 10_000), st.integers(8, 4000))
def test_search_over_distinct_vectors_equals_exact_search(distinct: int, rows: int, k: int, seed: int,
                                                          cells: int) -> None:
    """Copies of a few vectors (a corpus repeating its sentences): the same neighbours, ties by lower
    index, as searching every row. Components are small multiples of 1/4, so every dot product is
    exact in float32 whatever the order of the sums, and ties between different vectors are common."""
    from audits.claims.neighbours import distinct_rows, exact_distinct

    rng = np.random.default_rng(seed)
    base = rng.integers(-2, 3, size=(distinct, 6)).astype(np.float32) / 4
    vectors = base[rng.integers(0, distinct, size=rows)]
    queries = np.concatenate([vectors, base[rng.integers(0, distinct, size=5)]])
    want_idx, want_val = exact(vectors, k, queries)
    idx, val = exact_distinct(vectors, k, queries, cells=cells)
    assert np.array_equal(idx, want_idx) and np.array_equal(val, want_val)
    idx, val = exact_distinct(vectors, k, cells=cells)  # queries default to the vectors
    assert np.array_equal(idx, exact(vectors, k)[0])
    distinct, owner = distinct_rows(vectors)
    assert np.array_equal(distinct[owner], vectors) and len(distinct) == len(np.unique(vectors, axis=0))
    firsts = [int(np.flatnonzero(owner == d)[0]) for d in range(len(distinct))]
    assert firsts == sorted(firsts)  # numbered by first occurrence


def test_distinct_rows_survive_hash_collisions(monkeypatch) -> None:
    import audits.claims.neighbours as nb

    rng = np.random.default_rng(2)
    vectors = rng.integers(-2, 3, size=(6, 4)).astype(np.float32)[rng.integers(0, 6, size=40)]
    want = nb.distinct_rows(vectors)
    monkeypatch.setattr(nb, "_row_hashes", lambda rows: np.zeros(len(rows), dtype=np.uint64))  # every row collides
    got = nb.distinct_rows(vectors)
    assert np.array_equal(got[0], want[0]) and np.array_equal(got[1], want[1])


def test_nearest_searches_distinct_vectors_when_most_rows_are_copies(monkeypatch) -> None:
    import audits.claims.neighbours as nb

    rng = np.random.default_rng(5)
    base = rng.integers(-2, 3, size=(20, 8)).astype(np.float32) / 4
    vectors = base[rng.integers(0, 20, size=500)]
    used = []
    real = nb.spread_distinct
    monkeypatch.setattr(nb, "spread_distinct", lambda *a, **kw: used.append(1) or real(*a, **kw))
    idx, _ = nearest(vectors, 11)
    assert used and np.array_equal(idx, exact(vectors, 11)[0])
    used.clear()
    nearest(rng.normal(size=(300, 8)).astype(np.float32), 11)  # all distinct: the plain exact search
    assert not used
