"""Overlap figures: per-source claim-overlap score and counts, and the source x source matrix."""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

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


def jaccard_matrix(source_ids: Sequence[str], clusters: Sequence[ClaimCluster]) -> tuple[tuple[float, ...], ...]:
    """Source x source Jaccard similarity over the sets of clusters each source takes part in."""
    sets: dict[str, set[str]] = {sid: set() for sid in source_ids}
    for c in clusters:
        for sid in c.sources:
            if sid in sets:
                sets[sid].add(c.id)
    rows = []
    for a in source_ids:
        row = []
        for b in source_ids:
            union = sets[a] | sets[b]
            row.append(len(sets[a] & sets[b]) / len(union) if union else 0.0)
        rows.append(tuple(row))
    return tuple(rows)


__all__ = ["SourceOverlap", "jaccard_matrix", "kind_of", "overlap_score", "source_overlap", "source_overlaps"]
