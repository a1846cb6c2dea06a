"""Grouping claims that say the same thing, across sources and languages.

Default: a pair of claims is judged by a small pair scorer (audits.claims.pairscore) over several
signals (centred e5 cosine, neighbour rank, shared key terms, numbers that clash, language groups)
with a threshold per language pair chosen on the evaluation corpus's dev pairs; clusters are
complete-linkage (every member matches every other), so they split rather than chain. A manual
similarity threshold (config) switches to the similarity-only path: cosine thresholds per language
pair, mutual nearest neighbours across languages, every joining claim checked against every member.

Similarities: cosine between e5 embeddings after subtracting a fixed reference mean per language
(audits.claims.reference) and then half of the corpus's own mean, its shared topic. Raw e5 cosines
bunch at 0.8-0.9 for any two sentences on a related topic, and a language's mean carries the
language itself; removing both lets a Serbian claim meet its English paraphrase.

Scale: each claim only looks at its k nearest neighbours (audits.claims.neighbours: exact blocked
search, an ANN index above 50,000 claims, or Dask tasks under ``--engine dask``), never at every
other claim, and the n × n similarity matrix is never built. Only claims from different sources
link (a source's repeats join through another source). Nothing is shared between calls: thread-safe.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass

import numpy as np

from audits.claims.pairfeatures import signals
from audits.claims.pairscore import PairScorer, model_inputs
from audits.claims.reference import reference_for

NEIGHBOURS = 10
# Pair-scorer path: complete linkage, every member against every member, at the link threshold minus
# this slack in log-odds (on the dev pairs 0 split clusters too finely, 0.75 and more let topic groups
# back in: docs/claims.md).
COHESION_SLACK = 0.25
JUDGES = 8  # members of a group (its core and earliest, best-linked ones) a joining claim is checked against
MUTUAL_ACROSS = True  # across languages a pair must also be mutual nearest neighbours
# A cross-language link also needs this centred cosine. In a small corpus (one source in a language) every claim has
# a mutual nearest neighbour in the other language, and the pair scorer gives such a pair at cosine 0.13 a probability
# just over its threshold: two unrelated claims were shown as "shared". With the labelled pages audited together, no
# labelled pair's same-claim figure moves for floors up to 0.25 (dev, extra); 0.3 loses a right dev link, and 0.25
# already lowers dev purity a little, so 0.2 (docs/claims.md 3i).
CROSS_MIN_COSINE = 0.2
TOPIC_WEIGHT = 0.5  # share of the corpus's own mean taken out after the reference mean
SMALL_CORPUS = 20  # claims; below this the corpus mean is trusted less


FAMILY = {"sr": "bcs", "hr": "bcs", "bs": "bcs", "cnr": "bcs"}


def language_group(code: str) -> str:
    """Serbian, Croatian, Bosnian (and Montenegrin) are one group: a Serbian page taken for Croatian
    must meet the same threshold, and they are searched and compared as one language."""
    return FAMILY.get(code, code)


def pair_key(lang_a: str, lang_b: str) -> str:
    """The calibration bucket of a language pair: en-en, bcs-en, sl-en, within (another language
    with itself, bcs included) or cross (any other pair of languages)."""
    a, b = language_group(lang_a), language_group(lang_b)
    if a == b:
        return "en-en" if a == "en" else "within"
    if "en" in (a, b):
        other = b if a == "en" else a
        if other in ("bcs", "sl"):
            return f"{other}-en"
    return "cross"


@dataclass(frozen=True)
class Thresholds:
    """Similarity a pair of claims needs to count as the same claim, per language pair."""

    same_language: float  # English with English, and the fallback for one language with itself
    cross_language: float  # the fallback across languages
    by_pair: tuple[tuple[str, float], ...] = ()  # pair_key -> threshold, where calibrated

    def for_pair(self, lang_a: str, lang_b: str) -> float:
        """The threshold for a pair of claims in these two languages."""
        key = pair_key(lang_a, lang_b)
        found = dict(self.by_pair).get(key)
        if found is not None:
            return found
        return self.same_language if key in ("en-en", "within") else self.cross_language

    def as_dict(self) -> dict[str, float]:
        """Every threshold in use, by language pair (for the report and the dashboard)."""
        keys = ("en-en", "within", "bcs-en", "sl-en", "cross")
        pairs = {"en-en": ("en", "en"), "within": ("sl", "sl"), "bcs-en": ("sr", "en"), "sl-en": ("sl", "en"),
                 "cross": ("sl", "sr")}
        return {k: round(self.for_pair(*pairs[k]), 3) for k in keys}


# Calibrated on the evaluation corpus's dev split (eval/pairs, docs/claims.md).
DEFAULT_THRESHOLDS: dict[str, Thresholds] = {
    "e5-small": Thresholds(same_language=0.40, cross_language=0.25,
                           by_pair=(("within", 0.40), ("bcs-en", 0.25), ("sl-en", 0.05), ("cross", 0.25))),
    "tfidf-char": Thresholds(same_language=0.20, cross_language=0.10),
}


def thresholds_for(method: str, override: float | None = None) -> Thresholds:
    """The thresholds of a method ("e5-small", "tfidf-char", or a fallback note); override sets the
    English threshold and moves every other one by the same amount."""
    base = DEFAULT_THRESHOLDS["e5-small" if method.startswith("e5") else "tfidf-char"]
    if override is not None:
        shift = override - base.same_language
        return Thresholds(override, max(0.01, base.cross_language + shift),
                          tuple((k, max(0.01, round(v + shift, 4))) for k, v in base.by_pair))
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
    return ranked_candidates(vectors, k, languages)[0]


def ranked_candidates(
    vectors: np.ndarray, k: int = NEIGHBOURS, languages: Sequence[str] | None = None,
    sources: Sequence[str] | None = None,
) -> tuple[list[tuple[float, int, int]], dict[tuple[int, int], int]]:
    """candidate_pairs, plus each directed rank: rank[(i, j)] is j's place (0 = first) in i's neighbour
    list in j's language, counting only claims of other sources (only when sources are given). O(n·k)
    memory."""
    found = _neighbours(vectors, k, languages)
    if found is None:
        return [], {}
    queries, neighbours = found[0], found[1]
    sim, i, j = candidate_arrays(vectors, k, languages, found)
    ordered = list(zip(sim.tolist(), i.tolist(), j.tolist(), strict=True))
    ranks: dict[tuple[int, int], int] = {}
    if sources is not None:
        srcs = list(sources)
        for q, row in zip(queries.tolist(), neighbours.tolist(), strict=True):
            place = 0
            for other in row:
                if 0 <= other != q and srcs[other] != srcs[q]:
                    ranks[(q, other)] = place
                    place += 1
    return ordered, ranks


def _neighbours(
    vectors: np.ndarray, k: int, languages: Sequence[str] | None
) -> tuple[np.ndarray, np.ndarray, np.ndarray] | None:
    """Every claim's k+1 nearest claims in each language group, as three arrays of one row per
    (claim, language) search: the querying claim, its neighbours (indices) and their similarities."""
    n = len(vectors)
    if n < 2:
        return None
    from audits.claims.distributed import current, nearest_distributed
    from audits.claims.neighbours import distinct_rows, nearest, spread_distinct, worth_distinct

    vectors = np.asarray(vectors, dtype=np.float32)
    client = current()  # the audit's Dask client under --engine dask, else None
    langs = np.asarray([language_group(x) for x in languages] if languages is not None else [""] * n)
    # Copied claims (boilerplate, the bench corpus) are searched once: distinct vectors found once
    # for every language group, no copy of a group's rows (audits.claims.neighbours.spread_distinct).
    distinct, owner = distinct_rows(vectors) if client is None else (vectors, np.arange(n))
    queries, found, sims = [], [], []
    for lang in dict.fromkeys(langs.tolist()):
        rows = np.flatnonzero(langs == lang)
        want = min(k + 1, len(rows))
        if client is not None:
            neighbours, values = nearest_distributed(client, vectors[rows], want, queries=vectors)
        elif len(rows) > 2 * want and worth_distinct(len(np.unique(owner[rows])), len(rows)):
            mine, first, local = np.unique(owner[rows], return_index=True, return_inverse=True)
            by_first = np.argsort(first, kind="stable")  # local numbers in order of first occurrence
            rank = np.empty_like(by_first)
            rank[by_first] = np.arange(len(by_first))
            neighbours, values = spread_distinct(distinct[mine[by_first]], rank[local.ravel()], want, distinct, owner)
        else:
            neighbours, values = nearest(vectors[rows], want, queries=vectors)
        pad = k + 1 - want  # a small language group: pad to one width with "no neighbour" (-1)
        queries.append(np.arange(n))
        found.append(np.pad(rows[neighbours], ((0, 0), (0, pad)), constant_values=-1))
        sims.append(np.pad(np.asarray(values, dtype=np.float32), ((0, 0), (0, pad))))
    return np.concatenate(queries), np.concatenate(found), np.concatenate(sims)


def candidate_arrays(
    vectors: np.ndarray, k: int = NEIGHBOURS, languages: Sequence[str] | None = None,
    found: tuple[np.ndarray, np.ndarray, np.ndarray] | None = None,
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """candidate_pairs as three arrays (similarity, i, j), i < j, best first: 20 bytes a pair instead
    of a Python tuple and dictionary entry (~10× less memory at 100,000s of claims; issue 18)."""
    found = found if found is not None else _neighbours(vectors, k, languages)
    if found is None:
        return np.zeros(0, dtype=np.float32), np.zeros(0, dtype=np.int64), np.zeros(0, dtype=np.int64)
    queries, neighbours, sims = found
    n = len(vectors)
    # Row numbers as int32 while the pairs are sorted out, and every temporary dropped as soon as it
    # is used: at 270,000 claims these arrays have millions of entries (the claims stage's peak).
    small = np.int32 if n < 2**31 - 1 else np.int64
    q = np.repeat(queries.astype(small), neighbours.shape[1])
    other = neighbours.astype(small).ravel()
    keep = (other >= 0) & (other != q)
    q, other, sim = q[keep], other[keep], sims.ravel()[keep]
    del keep
    lo, hi = np.minimum(q, other), np.maximum(q, other)
    del q, other
    # A pair found from both ends keeps the similarity of its last finding (as a dictionary would).
    keys = (lo.astype(np.int64) * n + hi)[::-1]
    _, first = np.unique(keys, return_index=True)
    del keys
    last = len(lo) - 1 - first
    del first
    lo, hi, sim = lo[last], hi[last], sim[last]
    del last
    order = np.lexsort((hi, lo, -sim.astype(np.float64)))
    return sim[order].astype(np.float64), lo[order].astype(np.int64), hi[order].astype(np.int64)


def _best_by_language(sim: np.ndarray, i: np.ndarray, j: np.ndarray, fam_index: np.ndarray,
                      n_fams: int) -> np.ndarray:
    """For each claim and language group, its most similar candidate in that group, over candidate
    arrays (best first): best[a * n_fams + f] is a's closest candidate in group f, or -1.

    The candidates come sorted by similarity, best first, so a claim's closest candidate in a group
    is its earliest one there (ties: the earlier candidate); one stable pass over both ends of every
    candidate finds it, without sorting by similarity again (at 270,000 claims that sort held ~700 MB).
    """
    n = len(fam_index)
    small = np.int32 if n * max(n_fams, 1) < 2**31 - 1 else np.int64
    # Both ends of candidate r at 2r and 2r + 1: candidate order kept.
    b = np.stack([j.astype(small), i.astype(small)], axis=1).ravel()
    key = np.stack([i.astype(small), j.astype(small)], axis=1).ravel() * small(n_fams) + fam_index[b].astype(small)
    order = np.argsort(key, kind="stable")  # stable: the earliest candidate of every key first
    ordered = key[order]
    first = np.ones(len(order), dtype=bool)
    first[1:] = ordered[1:] != ordered[:-1]
    best = np.full(n * n_fams, -1, dtype=np.int64)
    best[ordered[first]] = b[order[first]]
    return best


def cluster_vectors(
    vectors: np.ndarray,
    languages: Sequence[str],
    thresholds: Thresholds,
    sources: Sequence[str] | None = None,
    k: int = NEIGHBOURS,
    texts: Sequence[str] | None = None,
    scorer: PairScorer | None = None,
) -> list[list[int]]:
    """Groups of row indices that state the same claim (every row is in exactly one group).

    With a pair scorer and the claims' texts, a link is decided by the scorer (several signals, a
    threshold per language pair); otherwise by the similarity thresholds alone.
    """
    n = len(vectors)
    langs = list(languages)
    if scorer is not None and texts is not None:
        srcs = list(sources) if sources is not None else [str(i) for i in range(n)]
        return cluster_scored(vectors, langs, srcs, list(texts), scorer, k)
    fams = [language_group(x) for x in langs]
    srcs = list(sources) if sources is not None else [str(i) for i in range(n)]
    groups: dict[int, list[int]] = {i: [i] for i in range(n)}
    owner = list(range(n))
    sim, pi, pj = candidate_arrays(vectors, k, langs)
    fam_names = list(dict.fromkeys(fams))
    fam_index = np.asarray([fam_names.index(f) for f in fams], dtype=np.int64)
    best = _best_by_language(sim, pi, pj, fam_index, len(fam_names))
    # Strongest links first, measured against their own language pair's threshold (a clear
    # translation links before a weak same-language paraphrase takes its place).
    lang_names = list(dict.fromkeys(langs))
    lang_index = np.asarray([lang_names.index(x) for x in langs], dtype=np.int64)
    table = np.asarray([[thresholds.for_pair(u, v) for v in lang_names] for u in lang_names], dtype=np.float64)
    margin = sim - table[lang_index[pi], lang_index[pj]] if len(sim) else sim
    order = np.lexsort((pj, pi, -margin))
    usable = int(np.count_nonzero(margin >= 0))  # below the threshold from here on: nothing links
    order = order[:usable]
    for start in range(0, usable, 65536):  # in chunks: never one Python object per candidate at once
        chunk = order[start:start + 65536]
        for i, j in zip(pi[chunk].tolist(), pj[chunk].tolist(), strict=True):
            # Only pairs from different sources link claims: a source's repeats join a cluster through
            # another source's claim (measured: same-source links let one long article chain into a giant
            # cluster).
            if srcs[i] == srcs[j]:
                continue
            # Across languages, similarities are lower and noisier: also require mutual nearest neighbours.
            if MUTUAL_ACROSS and fam_index[i] != fam_index[j] and not (
                    best[i * len(fam_names) + fam_index[j]] == j and best[j * len(fam_names) + fam_index[i]] == i):
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


def cluster_scored(
    vectors: np.ndarray, langs: list[str], srcs: list[str], texts: list[str], scorer: PairScorer,
    k: int = NEIGHBOURS,
) -> list[list[int]]:
    """Cohesive groups from the pair scorer: candidate links (each claim's k nearest neighbours per
    language, other sources only) taken best first; two groups merge only if every claim of one is
    judged the same claim as every claim of the other (complete linkage, within COHESION_SLACK of the
    threshold; against at most JUDGES members of the larger group, its core first, which bounds the
    work per merge), so a group never grows by chaining: a claim that fails stays apart."""
    pairs, ranks = ranked_candidates(vectors, k, langs, srcs)
    fams = [language_group(x) for x in langs]
    margin = pair_margin(vectors, langs, srcs, [signals(t) for t in texts], ranks, scorer)

    def allowed(i: int, j: int, sim: float) -> bool:
        # Across language groups similarities are lower and noisier: a link also needs mutual nearest
        # neighbours (each the other's closest claim of another source in that language) and CROSS_MIN_COSINE.
        mutual = not MUTUAL_ACROSS or (ranks.get((i, j)) == 0 and ranks.get((j, i)) == 0)
        return srcs[i] != srcs[j] and (fams[i] == fams[j] or (sim >= CROSS_MIN_COSINE and mutual))

    links = [(m, i, j) for sim, i, j in pairs if allowed(i, j, sim) and (m := margin(i, j, sim)) >= 0]
    return merge_best_first(len(vectors), links, margin)


def pair_margin(
    vectors: np.ndarray, langs: list[str], srcs: list[str], sig: list, ranks: dict[tuple[int, int], int],
    scorer: PairScorer,
) -> Callable[..., float]:
    """margin(i, j, sim=None): the pair scorer's log-odds for claims i and j minus its threshold for their
    language pair (>= 0: the same claim). ``sig`` holds each claim's ``signals``, ``ranks`` the neighbour
    ranks of ``ranked_candidates``."""
    fams = [language_group(x) for x in langs]

    def margin(i: int, j: int, sim: float | None = None) -> float:
        if sim is None:
            sim = float(vectors[i] @ vectors[j])
        # A source's own repeat has no rank among other sources' claims: judge it on the other signals.
        rank = 0 if srcs[i] == srcs[j] else max(ranks.get((i, j), scorer.neighbours),
                                                ranks.get((j, i), scorer.neighbours))
        p = scorer.probability(model_inputs(sig[i], sig[j], sim, rank, fams[i] != fams[j]), vectors[i], vectors[j])
        return _logit(p) - _logit(scorer.threshold(pair_key(langs[i], langs[j])))

    return margin


def merge_best_first(n: int, links: list[tuple[float, int, int]], margin: Callable[..., float]) -> list[list[int]]:
    """Groups of n claims from (margin, i, j) links taken strongest first; two groups merge only if every
    claim of the smaller is within COHESION_SLACK of the same-claim threshold against the larger's first
    JUDGES members (complete linkage, its core first), so a group never grows by chaining."""
    groups: dict[int, list[int]] = {i: [i] for i in range(n)}
    owner = list(range(n))
    for _, i, j in sorted(links, key=lambda t: (-t[0], t[1], t[2])):
        a, b = owner[i], owner[j]
        if a == b:
            continue
        if len(groups[a]) < len(groups[b]):
            a, b = b, a
        if not all(margin(c, m) >= -COHESION_SLACK for c in groups[a][:JUDGES] for m in groups[b]):
            continue
        groups[a].extend(groups[b])
        for m in groups[b]:
            owner[m] = a
        del groups[b]
    return [sorted(g) for g in sorted(groups.values(), key=min)]


def _logit(p: float) -> float:
    p = min(max(p, 1e-6), 1 - 1e-6)
    return math.log(p / (1 - p))


def _groups_agree(
    vectors: np.ndarray, ga: list[int], gb: list[int], langs: list[str], thresholds: Thresholds
) -> bool:
    """Cohesion: every member of one group must match every member of the other (complete linkage).

    Single linkage chains A~B~C~D into a topic grab-bag through one close pair at each step, and
    average linkage still let a loose member ride on close ones (both measured: seeds and eval dev
    pairs); requiring every pair to clear its threshold keeps a cluster to one claim, and a group
    that cannot take a claim leaves it to form its own cluster (split, never chain).
    """
    if len(ga) == 1 and len(gb) == 1:
        return True
    sims = vectors[ga] @ vectors[gb].T
    la, lb = [langs[x] for x in ga], [langs[y] for y in gb]
    table = {(u, v): thresholds.for_pair(u, v) for u in set(la) for v in set(lb)}
    need = np.asarray([[table[(u, v)] for v in lb] for u in la], dtype=np.float32)
    return bool((sims >= need).all())


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
    "candidate_arrays",
    "candidate_pairs",
    "central_member",
    "centre_by_language",
    "cluster_scored",
    "cluster_vectors",
    "language_group",
    "pair_key",
    "ranked_candidates",
    "thresholds_for",
]
