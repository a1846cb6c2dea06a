"""Cached dev-split claims for fast experiments: extraction, check-worthiness and clustering re-scored in seconds.

    python bench/claims_dev.py build            # audit the dev pages once, embed every candidate (~1-2 min)
    python bench/claims_dev.py shipped          # re-score the shipped pipeline from the cache

The cache (/tmp/claims6-dev-cache.pkl by default) holds every candidate the extraction rules keep on a
dev page, its raw e5 vector and whether it overlaps a hand-labelled claim, each page's labels and the
map from cleaned text to page text. `rescore(keep, ...)` runs the default clustering on the kept
candidates and scores them exactly as audits.evaluation.score does (extraction P/R, same-claim pairs,
purity). Dev pages only: test pages are never opened.
"""

from __future__ import annotations

import pickle
import sys
from dataclasses import dataclass
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import numpy as np

CACHE = Path("/tmp/claims6-dev-cache.pkl")


@dataclass
class DevCache:
    """Candidates of the dev pages with their vectors and labels."""

    members: list[Any]  # ClaimMember, in page order
    vectors: np.ndarray  # raw e5 vectors of core_text(member.text)
    labels: np.ndarray  # 1 when the candidate overlaps a labelled claim
    pages: list[str]  # page id per candidate
    groups: list[str]  # language group per candidate
    page_labels: dict[str, Any]  # PageLabels by id
    to_page: dict[str, Any]  # OffsetMap by id
    pairs: list[Any]  # labelled ClaimPairs between two dev pages


def build(path: Path = CACHE) -> DevCache:
    """Audit the dev pages (ingest, prepare, extract) and embed every candidate once."""
    from audits.claims.extract import core_text, extract_claims
    from audits.config import AuditConfig
    from audits.embeddings import embed
    from audits.evaluation.align import OffsetMap, overlaps
    from audits.evaluation.labels import EVAL_DIR, load_corpus, load_pairs, load_split
    from audits.ingest import ingest_bytes
    from audits.prepare import prepare

    split = load_split(EVAL_DIR)
    corpus = load_corpus(EVAL_DIR)
    pages = {pid: p for pid, p in corpus.items() if split.get(pid) == "dev"}  # test pages are never opened
    config = AuditConfig()
    members, labels, page_ids, groups, to_page = [], [], [], [], {}
    for pid in sorted(pages):
        page = pages[pid]
        source = ingest_bytes(f"{pid}.txt", page.text.encode("utf-8"), config, origin=f"eval/pages/{pid}.txt")
        doc = prepare(source, config.language_for(source.id))
        to_page[pid] = OffsetMap(doc.text, page.text)
        gold = [(c.start, c.end) for c in page.claims]
        for m in extract_claims(doc):
            members.append(m)
            labels.append(any(overlaps(to_page[pid].span(m.start, m.end), g) for g in gold))
            page_ids.append(pid)
            groups.append(page.group)
    vectors, method = embed([core_text(m.text) for m in members], "e5-small")
    assert method == "e5-small", method
    pairs = [p for p in load_pairs(corpus, EVAL_DIR) if p.a_page in pages and p.b_page in pages]
    cache = DevCache(members, np.asarray(vectors, dtype=np.float32), np.asarray(labels, dtype=np.int8), page_ids,
                     groups, pages, to_page, pairs)
    path.write_bytes(pickle.dumps(vars(cache)))  # a plain dict: loadable from any script
    return cache


def load(path: Path = CACHE) -> DevCache:
    """The cache, built when missing."""
    return DevCache(**pickle.loads(path.read_bytes())) if path.exists() else build(path)


def shipped_keep(cache: DevCache) -> np.ndarray:
    """The shipped check-worthiness decision for every candidate."""
    from audits.claims.checkworthy import is_checkworthy

    return np.asarray(is_checkworthy([m.text for m in cache.members], cache.vectors), dtype=bool)


def extraction(cache: DevCache, keep: np.ndarray, pages: set[str] | None = None) -> dict[str, tuple]:
    """Extraction P/R against every labelled claim (rule misses included), overall and per group."""
    from audits.evaluation.score import Counts, match

    spans: dict[str, list] = {pid: [] for pid in cache.page_labels}
    for m, k, pid in zip(cache.members, keep, cache.pages, strict=True):
        if k:
            spans[pid].append(cache.to_page[pid].span(m.start, m.end))
    totals: dict[str, Counts] = {}
    for pid, page in cache.page_labels.items():
        if pages is not None and pid not in pages:
            continue
        c = match(spans[pid], [(x.start, x.end) for x in page.claims])
        for key in ("all", page.group):
            totals.setdefault(key, Counts()).add(c)
    return {k: (v.figures()["precision"], v.figures()["recall"], v.gold) for k, v in totals.items()}


def cluster(cache: DevCache, keep: np.ndarray, scorer=None, **options) -> list[list[Any]]:
    """Clusters (lists of members) of the kept candidates, as the analyzer builds them."""
    from audits.claims import cluster as cl
    from audits.claims.extract import core_text
    from audits.claims.pairscore import load_scorer

    rows = np.flatnonzero(keep)
    kept = [cache.members[i] for i in rows]
    langs = [m.language for m in kept]
    vectors = cl.centre_by_language(cache.vectors[rows], langs)
    scorer = scorer or load_scorer("e5-small")
    groups = cl.cluster_scored(vectors, langs, [m.source for m in kept], [core_text(m.text) for m in kept], scorer,
                               **options)
    return [[kept[i] for i in g] for g in groups]


def pairs_and_purity(cache: DevCache, groups: list[list[Any]], pairs: list[Any] | None = None) -> dict[str, Any]:
    """Same-claim P/R and purity over the labelled dev pairs (audits.evaluation.score.pair_figures)."""
    from audits.evaluation.score import PageAudit, pair_figures

    clusters = [SimpleNamespace(id=f"c{n}", members=g) for n, g in enumerate(groups)]
    report = SimpleNamespace(claims=SimpleNamespace(clusters=clusters), sources=[])
    audits = {pid: PageAudit(p, None, cache.to_page[pid]) for pid, p in cache.page_labels.items()}  # type: ignore[arg-type]
    return pair_figures(report, audits, cache.pairs if pairs is None else pairs)  # type: ignore[arg-type]


def brief(fig: dict[str, Any]) -> str:
    """within / across P R, purity, in one line."""
    s = fig["same_claim"]

    def pr(key: str) -> str:
        v = s.get(key, {})
        return f"{v.get('precision')}/{v.get('recall')} ({v.get('tp')}/{v.get('predicted')}/{v.get('labelled')})"

    return (f"within {pr('within-language')}  across {pr('cross-language')}  "
            f"purity {fig['cluster_purity']['purity']} ({fig['cluster_purity']['claims']})")


def main(argv: list[str]) -> int:
    """build | shipped."""
    cache = build() if argv[:1] == ["build"] else load()
    keep = shipped_keep(cache)
    print(f"{len(cache.members)} candidates, {int(cache.labels.sum())} positive, {int(keep.sum())} kept")
    print("extraction", extraction(cache, keep))
    print(brief(pairs_and_purity(cache, cluster(cache, keep))))
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
