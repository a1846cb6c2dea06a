"""Overlap figures: per-source claim-overlap score and counts, and the source x source matrix."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from typing import Any, overload

import numpy as np

from audits.model import ClaimCluster, Score


@dataclass(frozen=True)
class SourceOverlap:
    """How many of one source's claims other sources also make."""

    claims: int
    shared: int  # claims in a cluster with at least one other source
    unique: int  # claims no other source makes
    clusters: int  # distinct claims (clusters) this source takes part in

    @property
    def value(self) -> float | None:
        """100 x shared / claims, or None when the source makes no claims."""
        return None if self.claims == 0 else 100.0 * self.shared / self.claims


def source_overlaps(source_ids: Sequence[str], clusters: Sequence[ClaimCluster]) -> dict[str, SourceOverlap]:
    """Counts of every source's shared and unique claims, in one pass over the clusters."""
    claims = dict.fromkeys(source_ids, 0)
    shared = dict.fromkeys(source_ids, 0)
    n_clusters = dict.fromkeys(source_ids, 0)
    for c in clusters:
        per_source = Counter(m.source for m in c.members)
        for sid, mine in per_source.items():
            if sid not in claims:
                continue
            n_clusters[sid] += 1
            claims[sid] += mine
            if len(per_source) > 1:
                shared[sid] += mine
    return {sid: SourceOverlap(claims[sid], shared[sid], claims[sid] - shared[sid], n_clusters[sid])
            for sid in source_ids}


def source_overlap(source_id: str, clusters: Sequence[ClaimCluster]) -> SourceOverlap:
    """Counts of one source's shared and unique claims."""
    return source_overlaps([source_id], clusters)[source_id]


def overlap_score(overlap: SourceOverlap, n_sources: int) -> Score:
    """The claim_overlap score with its confidence and a one-line explanation."""
    if n_sources < 2:
        # 0, not null: null is kept for sources that could not be read (the report contract).
        return Score(0.0, "low", "only one source was audited, so there is nothing to compare its claims with")
    if overlap.claims == 0:
        return Score(0.0, "low", "no check-worthy claims were found in this source")
    confidence = "normal" if overlap.claims >= 5 else "low"
    return Score(round(overlap.value or 0.0, 2), confidence,
                 f"{overlap.shared} of {overlap.claims} claims are also made by at least one other source "
                 f"({overlap.unique} unique)")


def kind_of(n_cluster_sources: int, n_sources: int) -> str:
    """consensus (more than half the sources, at least two), shared (two or more) or unique."""
    if n_cluster_sources >= 2 and n_cluster_sources > n_sources / 2:
        return "consensus"
    return "shared" if n_cluster_sources >= 2 else "unique"


class OverlapMatrix(Sequence[tuple[float, ...]]):
    """Source x source Jaccard similarity over the sets of clusters each source takes part in,
    computed one row at a time: 10,000 sources make 100 million cells, which are never all held
    (a row is one bincount over the clusters of its source). Rows are tuples of floats, equal to
    len(A & B) / len(A | B) (0.0 when both sets are empty)."""

    def __init__(self, source_ids: Sequence[str], clusters: Sequence[ClaimCluster]) -> None:
        index = {sid: i for i, sid in enumerate(source_ids)}
        mine: list[list[int]] = [[] for _ in source_ids]
        members: list[np.ndarray] = []
        for c in clusters:
            inside = [index[sid] for sid in c.sources if sid in index]
            if not inside:
                continue
            for i in inside:
                mine[i].append(len(members))
            members.append(np.asarray(inside, dtype=np.int64))
        self._n = len(source_ids)
        self._members = members
        self._clusters_of = [np.asarray(m, dtype=np.int64) for m in mine]
        self._sizes = np.asarray([len(m) for m in mine], dtype=np.float64)

    def __len__(self) -> int:
        return self._n

    def row(self, i: int) -> np.ndarray:
        """Row i as a float64 array."""
        chosen = self._clusters_of[i]
        parts = [self._members[j] for j in chosen]
        shared = np.bincount(np.concatenate(parts), minlength=self._n).astype(np.float64) if parts else \
            np.zeros(self._n)
        union = self._sizes[i] + self._sizes - shared
        out = np.zeros(self._n)
        np.divide(shared, union, out=out, where=union > 0)  # IEEE division: the same float as int / int
        return out

    @overload
    def __getitem__(self, i: int) -> tuple[float, ...]: ...
    @overload
    def __getitem__(self, i: slice) -> tuple[tuple[float, ...], ...]: ...
    def __getitem__(self, i: int | slice) -> Any:
        if isinstance(i, slice):
            return tuple(self[j] for j in range(*i.indices(self._n)))
        if not -self._n <= i < self._n:
            raise IndexError(i)
        return tuple(self.row(i % self._n).tolist())

    def __iter__(self) -> Iterator[tuple[float, ...]]:
        for i in range(self._n):
            yield tuple(self.row(i).tolist())

    def __array__(self, dtype: Any = None, copy: Any = None) -> np.ndarray:
        out = np.vstack([self.row(i) for i in range(self._n)]) if self._n else np.zeros((0, 0))
        return out if dtype is None else out.astype(dtype)

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Sequence):
            return NotImplemented
        return len(self) == len(other) and all(a == tuple(b) for a, b in zip(self, other, strict=True))

    def __hash__(self) -> int:
        return hash(tuple(self))

    def __repr__(self) -> str:
        return f"OverlapMatrix({self._n} x {self._n})"


def jaccard_matrix(source_ids: Sequence[str], clusters: Sequence[ClaimCluster]) -> OverlapMatrix:
    """Source x source Jaccard similarity over the sets of clusters each source takes part in."""
    return OverlapMatrix(source_ids, clusters)


__all__ = [
    "OverlapMatrix",
    "SourceOverlap",
    "jaccard_matrix",
    "kind_of",
    "overlap_score",
    "source_overlap",
    "source_overlaps",
]
