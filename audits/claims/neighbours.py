"""k nearest neighbours by cosine, in O(n·k) memory: exact blocked search, or an ANN index at scale.

``nearest(vectors, k)`` returns, for every row, the k rows with the highest dot product (cosine for
L2-normalised rows), best first, ties by lower index. Exact search multiplies one block of rows
with all rows at a time (numpy matrix products, never the n × n matrix: memory is one block,
BLOCK_CELLS similarities, plus the n × k answer). Above EXACT_LIMIT rows an approximate HNSW index
(usearch, Apache-2.0) answers instead; ``recall`` measures it against exact search (bench/run.py
reports it). Below ~50,000 vectors exact blocked products are both faster and simpler
(../shared/LIBRARIES.md), which is why the index is only the large-corpus path.

Nothing is shared between calls: safe to use from several threads at once.
"""

from __future__ import annotations

from collections.abc import Iterator

import numpy as np

EXACT_LIMIT = 50_000  # rows; above, the ANN index
BLOCK_CELLS = 1 << 23  # similarities held at once (32 MB of float32)


def blocks(n_queries: int, n_rows: int, cells: int = BLOCK_CELLS) -> Iterator[tuple[int, int]]:
    """(start, end) row ranges of the queries so that one block × n_rows stays within cells."""
    step = max(1, min(n_queries, cells // max(n_rows, 1)))
    for start in range(0, n_queries, step):
        yield start, min(start + step, n_queries)


def top_k(sims: np.ndarray, k: int, offset: int = 0) -> tuple[np.ndarray, np.ndarray]:
    """The k best columns of each row of a similarity block, best first, ties by lower column.

    A full argpartition of every row costs ~30 ns per similarity; instead the k-th best of every
    stride-th column is a lower bound of the row's k-th best (a subset's k-th best cannot beat the
    whole row's), so only the few similarities at or above it are sorted, ties included.
    """
    rows, cols = sims.shape
    k = min(k, cols)
    if k == 0 or rows == 0:
        return np.zeros((rows, k), np.int64), np.zeros((rows, k), np.float32)
    stride = max(1, min(16, cols // (8 * k)))
    sample = sims[:, ::stride]
    bound = np.partition(sample, sample.shape[1] - k, axis=1)[:, -k]
    chosen = sims >= bound[:, None]
    # Rows where many columns tie at or above the bound (a corpus repeating one sentence hundreds of
    # times) would send all of them to the sort: for those, the exact k-th best value decides, and of
    # the columns equal to it only the lowest ones needed are kept (the same k, ties by lower column).
    heavy = np.flatnonzero(chosen.sum(axis=1) > 4 * k + 64)
    if len(heavy):
        sub = sims[heavy]
        kth = np.partition(sub, cols - k, axis=1)[:, cols - k]
        above = sub > kth[:, None]
        equal = sub == kth[:, None]
        need = k - above.sum(axis=1)
        chosen[heavy] = above | (equal & (np.cumsum(equal, axis=1, dtype=np.int32) <= need[:, None]))
    r, c = np.nonzero(chosen)
    v = sims[r, c]
    order = np.lexsort((c, -v, r))
    r, c, v = r[order], c[order], v[order]
    rank = np.arange(len(r)) - np.searchsorted(r, r)  # position within its row
    keep = rank < k
    return c[keep].reshape(rows, k).astype(np.int64) + offset, v[keep].reshape(rows, k).astype(np.float32)


def exact(vectors: np.ndarray, k: int, queries: np.ndarray | None = None,
          cells: int = BLOCK_CELLS) -> tuple[np.ndarray, np.ndarray]:
    """Exact top-k by blocked matrix products (queries default to the vectors themselves)."""
    vectors = np.ascontiguousarray(vectors, dtype=np.float32)
    queries = vectors if queries is None else np.ascontiguousarray(queries, dtype=np.float32)
    k = min(k, len(vectors))
    idx = np.zeros((len(queries), k), np.int64)
    val = np.zeros((len(queries), k), np.float32)
    for start, end in blocks(len(queries), len(vectors), cells):
        idx[start:end], val[start:end] = top_k(queries[start:end] @ vectors.T, k)
    return idx, val


def approximate(vectors: np.ndarray, k: int, queries: np.ndarray | None = None) -> tuple[np.ndarray, np.ndarray]:
    """Approximate top-k from a usearch HNSW index over the vectors (cosine)."""
    from usearch.index import Index

    vectors = np.ascontiguousarray(vectors, dtype=np.float32)
    queries = vectors if queries is None else np.ascontiguousarray(queries, dtype=np.float32)
    k = min(k, len(vectors))
    index = Index(ndim=vectors.shape[1], metric="cos", dtype="f32")
    index.add(np.arange(len(vectors), dtype=np.uint64), vectors)
    found = index.search(queries, k)
    idx = np.asarray(found.keys, dtype=np.int64).reshape(len(queries), -1)[:, :k]
    sims = (1.0 - np.asarray(found.distances, dtype=np.float32)).reshape(len(queries), -1)[:, :k]
    missing = idx >= len(vectors)  # usearch's sentinel when fewer than k were found
    idx[missing], sims[missing] = 0, -np.inf
    # usearch's "cos" normalises again; report the plain dot product like exact search does, a block
    # of queries at a time (vectors[idx] for every query at once is n × k × dimensions floats: 3 GB
    # for 270,000 claims).
    step = max(1, BLOCK_CELLS // max(1, idx.shape[1] * vectors.shape[1]))
    dots = np.empty(idx.shape, dtype=np.float32)
    for start in range(0, len(queries), step):
        end = start + step
        dots[start:end] = np.einsum("ij,ikj->ik", queries[start:end], vectors[idx[start:end]])
    sims = np.where(missing, sims, dots)
    order = np.lexsort((idx, -sims), axis=1)
    return np.take_along_axis(idx, order, 1), np.take_along_axis(sims, order, 1).astype(np.float32)


def _row_hashes(rows: np.ndarray) -> np.ndarray:
    """A 64-bit hash of every row's bits, computed a block of rows at a time (small temporaries)."""
    words = rows.view(np.uint32)
    weights = np.random.default_rng(0x5EED).integers(1, 2**63, size=words.shape[1], dtype=np.uint64) | np.uint64(1)
    out = np.empty(len(rows), dtype=np.uint64)
    step = max(1, BLOCK_CELLS // max(1, words.shape[1]) // 2)
    with np.errstate(over="ignore"):
        for start in range(0, len(rows), step):
            out[start:start + step] = (words[start:start + step].astype(np.uint64) * weights).sum(axis=1)
    return out


def distinct_rows(vectors: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """The distinct rows of a float32 matrix (equal bits) and, for every row, its distinct row's
    number; distinct rows are numbered in order of first occurrence. Rows are grouped by a 64-bit
    hash, then checked equal to their group's first row (a collision falls back to comparing whole
    rows): no n x dimensions copy is made, which at 270,000 claims is 280 MB a copy."""
    rows = np.ascontiguousarray(vectors, dtype=np.float32)
    if rows.ndim != 2 or len(rows) == 0:
        return rows, np.zeros(len(rows), dtype=np.int64)
    _, first, inverse = np.unique(_row_hashes(rows), return_index=True, return_inverse=True)
    inverse = inverse.ravel()
    step = max(1, BLOCK_CELLS // max(1, rows.shape[1]))
    same = all(np.array_equal(rows[s:s + step], rows[first[inverse[s:s + step]]]) for s in range(0, len(rows), step))
    if not same:  # two different rows with one hash: group by the whole rows' bits instead
        keys = rows.view(np.dtype((np.void, rows.dtype.itemsize * rows.shape[1]))).ravel()
        _, first, inverse = np.unique(keys, return_index=True, return_inverse=True)
        inverse = inverse.ravel()
    order = np.argsort(first, kind="stable")  # renumber by first occurrence
    rank = np.empty_like(order)
    rank[order] = np.arange(len(order))
    return rows[first[order]], rank[inverse]


def exact_distinct(vectors: np.ndarray, k: int, queries: np.ndarray | None = None,
                   cells: int = BLOCK_CELLS) -> tuple[np.ndarray, np.ndarray]:
    """``exact`` computed over distinct vectors only, then spread over their copies: the same rows
    (best first, ties by lower index) when many rows are copies of each other.

    A corpus that repeats sentences (the bench corpus: 270,000 claims, a few hundred distinct texts)
    otherwise multiplies every query with every copy. Exact because the k best rows of a query all
    are copies of its k best distinct vectors, ranked by (similarity, first row): each better distinct
    vector's first row beats any row of a worse one. Each query takes the first k rows of each of its k
    best distinct vectors and keeps the k best of those by (similarity, row).
    """
    distinct, owner = distinct_rows(vectors)
    query_rows, query_of = (distinct, owner) if queries is None else distinct_rows(queries)
    return spread_distinct(distinct, owner, k, query_rows, query_of, cells)


def spread_distinct(distinct: np.ndarray, owner: np.ndarray, k: int, query_rows: np.ndarray,
                    query_of: np.ndarray, cells: int = BLOCK_CELLS) -> tuple[np.ndarray, np.ndarray]:
    """exact_distinct from distinct rows already found: ``distinct`` (numbered by first occurrence)
    and ``owner`` (each row's distinct number) for the searched rows; ``query_rows`` and
    ``query_of`` likewise for the queries."""
    n = len(owner)
    k = min(k, n)
    if k == 0:
        return np.zeros((len(query_of), 0), np.int64), np.zeros((len(query_of), 0), np.float32)
    distinct = np.ascontiguousarray(distinct, dtype=np.float32)
    # The first k rows of every distinct vector, ascending (padded with n: "no row").
    by_owner = np.argsort(owner, kind="stable")
    counts = np.bincount(owner, minlength=len(distinct))
    starts = np.concatenate([[0], np.cumsum(counts)[:-1]])
    take = np.arange(k)
    firsts = np.where(take < counts[:, None], by_owner[np.minimum(starts[:, None] + take, n - 1)], n)
    idx = np.zeros((len(query_rows), k), np.int64)
    val = np.zeros((len(query_rows), k), np.float32)
    for start, end in blocks(len(query_rows), len(distinct), cells):
        block = np.ascontiguousarray(query_rows[start:end], dtype=np.float32)
        best, sims = top_k(block @ distinct.T, k)  # distinct columns: ties by first row
        rows = firsts[best].reshape(end - start, -1)  # k best distinct x their first k rows
        values = np.repeat(sims, k, axis=1)
        real = rows < n
        order = np.lexsort((rows, -np.where(real, values, -np.inf)), axis=1)[:, :k]
        idx[start:end] = np.take_along_axis(rows, order, 1)
        val[start:end] = np.take_along_axis(values, order, 1)
    return idx[query_of], val[query_of]


DISTINCT_SHARE = 0.5  # search distinct vectors only when at most this share of the rows are distinct


def worth_distinct(n_distinct: int, n_rows: int) -> bool:
    """Whether searching distinct vectors only pays: most rows are copies, and exact search fits."""
    return n_distinct <= DISTINCT_SHARE * n_rows and n_distinct <= EXACT_LIMIT


def nearest(vectors: np.ndarray, k: int, queries: np.ndarray | None = None,
            method: str = "auto") -> tuple[np.ndarray, np.ndarray]:
    """(indices, similarities), each (n_queries, min(k, n)): every query's k most similar rows.

    method: "exact", "ann", or "auto": exact over distinct vectors when most rows are copies
    (``exact_distinct``), else exact up to EXACT_LIMIT rows and the ANN index above.
    """
    vectors = np.asarray(vectors, dtype=np.float32)
    if len(vectors) == 0 or k <= 0:
        m = len(vectors) if queries is None else len(queries)
        return np.zeros((m, 0), np.int64), np.zeros((m, 0), np.float32)
    if method == "auto" and len(vectors) > 2 * k:
        distinct, owner = distinct_rows(vectors)
        if worth_distinct(len(distinct), len(vectors)):
            query_rows, query_of = (distinct, owner) if queries is None else distinct_rows(queries)
            return spread_distinct(distinct, owner, k, query_rows, query_of)
    if method == "ann" or (method == "auto" and len(vectors) > EXACT_LIMIT):
        return approximate(vectors, k, queries)
    return exact(vectors, k, queries)


def recall(vectors: np.ndarray, k: int, sample: int = 1000, seed: int = 0) -> float:
    """Share of the ANN index's answers that belong to the exact k nearest neighbours, on a sample
    of queries. A neighbour as similar as the exact k-th one counts (ties: duplicated claims have
    many equally near neighbours, and any k of them is a right answer)."""
    vectors = np.asarray(vectors, dtype=np.float32)
    rng = np.random.default_rng(seed)
    rows = rng.choice(len(vectors), size=min(sample, len(vectors)), replace=False)
    _, truth = exact(vectors, k, vectors[rows])
    _, got = approximate(vectors, k, vectors[rows])
    if truth.size == 0:
        return 1.0
    return float((got >= truth[:, -1:] - 1e-5).sum() / truth.size)


__all__ = [
    "BLOCK_CELLS",
    "DISTINCT_SHARE",
    "EXACT_LIMIT",
    "approximate",
    "blocks",
    "distinct_rows",
    "exact",
    "exact_distinct",
    "nearest",
    "recall",
    "spread_distinct",
    "top_k",
    "worth_distinct",
]
