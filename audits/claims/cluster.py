"""Grouping claims that say the same thing, across sources and languages.

Similarities: cosine between e5 embeddings after subtracting a fixed reference mean per language
(audits.claims.reference) and then half of the corpus's own mean, its shared topic. Raw e5 cosines
bunch at 0.8-0.9 for any two sentences on a related topic, and a language's mean carries the
language itself; removing both lets a Serbian claim meet its English paraphrase. Thresholds differ
by language pair (same language vs cross-language) and by method; they are calibrated on
tests/data/claims_pairs.tsv (docs/claims.md has the figures). Across languages a pair must also be
mutual nearest neighbours.

Scale: each claim only looks at its k nearest neighbours (audits.claims.neighbours: exact blocked
search, an ANN index above 50,000 claims, or Dask tasks under ``--engine dask``), never at every
other claim, and the n × n similarity matrix is never built. Chaining is avoided in two ways: only
claims from different sources link (a source's repeats join through another source), and two
groups merge only when their members are, on average, above the thresholds for their language
pairs (average linkage), not just one close pair.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from audits.claims.reference import reference_for

NEIGHBOURS = 10
TOPIC_WEIGHT = 0.5  # share of the corpus's own mean taken out after the reference mean
SMALL_CORPUS = 20  # claims; below this the corpus mean is trusted less


@dataclass(frozen=True)
class Thresholds:
    """Similarity a pair of claims needs to count as the same claim."""

    same_language: float
    cross_language: float

    def for_pair(self, lang_a: str, lang_b: str) -> float:
        """The threshold for a pair of claims in these two languages."""
        return self.same_language if lang_a == lang_b else self.cross_language


# Calibrated on tests/data/claims_pairs.tsv (maximum F1 per language pair, rounded; see docs/claims.md).
DEFAULT_THRESHOLDS: dict[str, Thresholds] = {
    "e5-small": Thresholds(same_language=0.34, cross_language=0.27),
    "tfidf-char": Thresholds(same_language=0.20, cross_language=0.10),
}


def thresholds_for(method: str, override: float | None = None) -> Thresholds:
    """The thresholds of a method ("e5-small", "tfidf-char", or a fallback note); override sets both."""
    base = DEFAULT_THRESHOLDS["e5-small" if method.startswith("e5") else "tfidf-char"]
    if override is not None:
        gap = base.same_language - base.cross_language
        return Thresholds(override, max(0.01, override - gap))
    return base


def centre_by_language(vectors: np.ndarray, languages: Sequence[str]) -> np.ndarray:
    """Subtract each language's reference mean embedding (audits.claims.reference) and renormalise."""
    vectors = np.asarray(vectors, dtype=np.float32)
    if len(vectors) == 0:
        return vectors
    means = np.stack([reference_for(lang) for lang in languages])
    out = vectors - means
    # Then take away part of what this corpus shares (its topic): in a corpus that is all about
    # psychotherapy every sentence is "about therapy", which says nothing about two claims being one.
    # The share grows with the corpus, so two or three claims are not pushed apart by their own mean.
    n = len(out)
    out = out - TOPIC_WEIGHT * (n / (n + SMALL_CORPUS)) * out.mean(axis=0)
    norms = np.linalg.norm(out, axis=1, keepdims=True)
    return out / np.where(norms == 0, 1, norms)


def candidate_pairs(
    vectors: np.ndarray, k: int = NEIGHBOURS, languages: Sequence[str] | None = None
) -> list[tuple[float, int, int]]:
    """Each claim's k nearest neighbours by cosine in every language, as (similarity, i, j), i < j, best first.

    Searching each language separately matters at scale: same-language neighbours are closer, so a
    single search would fill a Serbian claim's k slots with Serbian claims and never offer it an
    English paraphrase.
    """
    n = len(vectors)
    if n < 2:
        return []
    from audits.claims.distributed import current, nearest_distributed
    from audits.claims.neighbours import nearest

    vectors = np.asarray(vectors, dtype=np.float32)
    client = current()  # the audit's Dask client under --engine dask, else None
    langs = np.asarray(list(languages) if languages is not None else [""] * n)
    pairs: dict[tuple[int, int], float] = {}
    for lang in dict.fromkeys(langs.tolist()):
        rows = np.flatnonzero(langs == lang)
        want = min(k + 1, len(rows))
        if client is not None:
            neighbours, sims = nearest_distributed(client, vectors[rows], want, queries=vectors)
        else:
            neighbours, sims = nearest(vectors[rows], want, queries=vectors)
        for i, (found, values) in enumerate(zip(rows[neighbours].tolist(), sims.tolist(), strict=True)):
            for j, sim in zip(found, values, strict=True):
                if j != i:
                    pairs[(min(i, j), max(i, j))] = float(sim)
    return sorted(((s, i, j) for (i, j), s in pairs.items()), key=lambda t: (-t[0], t[1], t[2]))


def best_by_language(pairs: list[tuple[float, int, int]], languages: Sequence[str]) -> dict[tuple[int, str], int]:
    """For each claim and language, its most similar neighbour in that language (among the candidates)."""
    best: dict[tuple[int, str], tuple[float, int]] = {}
    for sim, i, j in pairs:
        for a, b in ((i, j), (j, i)):
            key = (a, languages[b])
            if key not in best or sim > best[key][0]:
                best[key] = (sim, b)
    return {key: b for key, (_, b) in best.items()}


def cluster_vectors(
    vectors: np.ndarray,
    languages: Sequence[str],
    thresholds: Thresholds,
    sources: Sequence[str] | None = None,
    k: int = NEIGHBOURS,
) -> list[list[int]]:
    """Groups of row indices that state the same claim (every row is in exactly one group)."""
    n = len(vectors)
    langs = list(languages)
    srcs = list(sources) if sources is not None else [str(i) for i in range(n)]
    groups: dict[int, list[int]] = {i: [i] for i in range(n)}
    owner = list(range(n))
    pairs = candidate_pairs(vectors, k, langs)
    best = best_by_language(pairs, langs)
    # Same-language pairs first (their similarities are the more reliable), then links across languages.
    ordered = sorted(pairs, key=lambda t: langs[t[1]] != langs[t[2]])
    for sim, i, j in ordered:
        # Only pairs from different sources link claims: a source's repeats join a cluster through
        # another source's claim (measured: same-source links let one long article chain into a giant cluster).
        if sim < thresholds.for_pair(langs[i], langs[j]) or srcs[i] == srcs[j]:
            continue
        # Across languages, similarities are lower and noisier: also require mutual nearest neighbours.
        if langs[i] != langs[j] and not (best.get((i, langs[j])) == j and best.get((j, langs[i])) == i):
            continue
        a, b = owner[i], owner[j]
        if a == b:
            continue
        ga, gb = groups[a], groups[b]
        if not _groups_agree(vectors, ga, gb, langs, thresholds):
            continue
        if len(ga) < len(gb):
            a, b, ga, gb = b, a, gb, ga
        ga.extend(gb)
        for m in gb:
            owner[m] = a
        del groups[b]
    return [sorted(g) for g in sorted(groups.values(), key=min)]


def _groups_agree(
    vectors: np.ndarray, ga: list[int], gb: list[int], langs: list[str], thresholds: Thresholds
) -> bool:
    """Average-linkage check: across the two groups, pairs must on average clear their thresholds.

    Single linkage chains A~B~C~D into one giant cluster through one close pair at each step, and
    centroid linkage drifts towards the topic every source shares (both measured on the seeds);
    averaging over every pair keeps a group together only while its members say one thing.
    """
    if len(ga) == 1 and len(gb) == 1:
        return True
    sims = vectors[ga] @ vectors[gb].T
    same = np.equal.outer(np.asarray([langs[x] for x in ga]), np.asarray([langs[y] for y in gb]))
    need = np.where(same, thresholds.same_language, thresholds.cross_language).astype(np.float32)
    return float((sims - need).mean()) >= 0.0


def central_member(vectors: np.ndarray, members: Sequence[int], languages: Sequence[str]) -> int:
    """The member closest on average to the others, preferring English ones for a readable label."""
    if len(members) == 1:
        return members[0]
    sub = vectors[list(members)]
    scores = (sub @ sub.T).mean(axis=1)
    english = [i for i, m in enumerate(members) if languages[m] == "en"]
    pool = english or list(range(len(members)))
    return members[max(pool, key=lambda i: scores[i])]


__all__ = [
    "DEFAULT_THRESHOLDS",
    "NEIGHBOURS",
    "Thresholds",
    "best_by_language",
    "candidate_pairs",
    "central_member",
    "centre_by_language",
    "cluster_vectors",
    "thresholds_for",
]
