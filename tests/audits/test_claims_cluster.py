"""Claim matching and clustering: labelled paraphrase P/R, no chaining, nearest neighbours, seed acceptance."""

from __future__ import annotations

import math

import numpy as np
import pytest

from audits.claims.cluster import (
    DEFAULT_THRESHOLDS,
    Thresholds,
    candidate_pairs,
    centre_by_language,
    cluster_vectors,
    thresholds_for,
)
from audits.claims.overlap import jaccard_matrix, kind_of, source_overlap
from audits.claims.pairscore import load_scorer
from audits.embeddings import embed
from audits.model import ClaimCluster, ClaimMember
from tests.audits.claims_data import precision_recall, rows
from tests.conftest import BLOG, BOOK, CLINIC, EDITORIAL, SEED_IDS, SERBIAN


def _pair_scores(method: str, name: str = "claims_pairs.tsv") -> dict[str, tuple[list[float], list[bool]]]:
    data = rows(name)
    texts = list(dict.fromkeys(t for r in data for t in r[2:4]))
    lang: dict[str, str] = {}
    for pair, _, a, b in data:
        lang.setdefault(a, pair.split("-")[0])
        lang.setdefault(b, pair.split("-")[1])
    vectors, used = embed(texts, method)
    assert used == method
    if method == "e5-small":
        vectors = centre_by_language(vectors, [lang[t] for t in texts])
    index = {t: i for i, t in enumerate(texts)}
    out: dict[str, tuple[list[float], list[bool]]] = {}
    for pair, label, a, b in data:
        sims, gold = out.setdefault(pair, ([], []))
        sims.append(float(vectors[index[a]] @ vectors[index[b]]))
        gold.append(label == "1")
    return out


def test_labelled_pairs_cover_both_language_pairs_with_negatives() -> None:
    data = rows("claims_pairs.tsv")
    assert len(data) >= 60
    for pair in ("en-en", "sr-en"):
        labels = [label for p, label, *_ in data if p == pair]
        assert labels.count("1") >= 15 and labels.count("0") >= 15


def test_e5_paraphrase_matching_precision_recall() -> None:
    thresholds = DEFAULT_THRESHOLDS["e5-small"]
    figures = {}
    for pair, (sims, gold) in _pair_scores("e5-small").items():
        need = thresholds.same_language if pair == "en-en" else thresholds.cross_language
        figures[pair] = precision_recall([s >= need for s in sims], gold)
    # Measured: en-en P 1.00 R 1.00; sr-en P 0.90 R 0.95 (docs/claims.md).
    assert figures["en-en"][0] >= 0.95 and figures["en-en"][1] >= 0.95, figures
    assert figures["sr-en"][0] >= 0.85 and figures["sr-en"][1] >= 0.9, figures


def test_tfidf_fast_mode_is_weaker_across_languages() -> None:
    thresholds = DEFAULT_THRESHOLDS["tfidf-char"]
    scores = _pair_scores("tfidf-char")
    en_p, en_r = precision_recall([s >= thresholds.same_language for s in scores["en-en"][0]], scores["en-en"][1])
    sr_p, sr_r = precision_recall([s >= thresholds.cross_language for s in scores["sr-en"][0]], scores["sr-en"][1])
    # Measured: en-en P 0.76 R 0.84; sr-en P 1.00 R 0.26: cognates only, so most translations are missed.
    assert en_p >= 0.7 and en_r >= 0.8
    assert sr_p >= 0.8 and sr_r < 0.5


def test_thresholds_depend_on_language_pair_and_override() -> None:
    t = thresholds_for("e5-small")
    assert t.for_pair("en", "en") == t.same_language > t.for_pair("sr", "en") == t.cross_language
    assert thresholds_for("tfidf-char (fallback: embedding model unavailable)") == DEFAULT_THRESHOLDS["tfidf-char"]
    custom = thresholds_for("e5-small", 0.5)
    assert custom.same_language == 0.5 and custom.cross_language < 0.5


def _unit(v: list[float]) -> np.ndarray:
    a = np.asarray(v, dtype=np.float32)
    return a / np.linalg.norm(a)


def test_no_chaining_through_a_middle_claim() -> None:
    # A is close to B, B close to C, but A and C are far apart: single linkage would join all three.
    a, c = _unit([1, 0, 0]), _unit([0, 1, 0])
    b = _unit([1, 1, 0])
    vectors = np.stack([a, b, c])
    groups = cluster_vectors(vectors, ["en"] * 3, Thresholds(0.6, 0.5), sources=["s1", "s2", "s3"])
    assert len(groups) == 2
    assert sorted(len(g) for g in groups) == [1, 2]


def test_claims_of_one_source_link_only_through_another_source() -> None:
    same = _unit([1, 0.05, 0])
    vectors = np.stack([same, same, _unit([0, 0, 1])])
    groups = cluster_vectors(vectors, ["en"] * 3, Thresholds(0.5, 0.4), sources=["s1", "s1", "s2"])
    assert groups == [[0], [1], [2]]
    groups = cluster_vectors(np.stack([same, same, same]), ["en"] * 3, Thresholds(0.5, 0.4), sources=["s1", "s1", "s2"])
    assert groups == [[0, 1, 2]]


def test_cross_language_links_need_mutual_nearest_neighbours() -> None:
    en1, en2 = _unit([1, 0.3, 0]), _unit([1, 0.35, 0])
    sr = _unit([1, 0.32, 0.1])
    vectors = np.stack([en1, en2, sr])
    groups = cluster_vectors(vectors, ["en", "en", "sr"], Thresholds(0.99, 0.5), sources=["a", "b", "c"])
    # sr's nearest English neighbour is linked to it; the other English claim is not close enough.
    assert sum(len(g) > 1 for g in groups) == 1


def test_candidates_come_from_k_nearest_neighbours_not_all_pairs() -> None:
    rng = np.random.default_rng(0)
    vectors = rng.normal(size=(300, 16)).astype(np.float32)
    vectors /= np.linalg.norm(vectors, axis=1, keepdims=True)
    pairs = candidate_pairs(vectors, k=5)
    assert len(pairs) <= 300 * 5 < 300 * 299 // 2
    sims = [s for s, _, _ in pairs]
    assert sims == sorted(sims, reverse=True)
    assert candidate_pairs(vectors[:1]) == []


def test_overlap_counts_kinds_and_jaccard() -> None:
    def m(src: str) -> ClaimMember:
        return ClaimMember(src, "x", 0, 1, "en")

    clusters = [
        ClaimCluster("c1", "x", (m("a"), m("b"), m("c")), "consensus"),
        ClaimCluster("c2", "x", (m("a"), m("a"), m("b")), "shared"),
        ClaimCluster("c3", "x", (m("c"),), "unique"),
    ]
    ov = source_overlap("a", clusters)
    assert (ov.claims, ov.shared, ov.unique, ov.clusters, ov.value) == (3, 3, 0, 2, 100.0)
    assert source_overlap("c", clusters).value == 50.0
    matrix = jaccard_matrix(["a", "b", "c"], clusters)
    assert matrix[0][1] == 1.0 and matrix[0][2] == pytest.approx(1 / 3) and matrix[2][0] == matrix[0][2]
    assert [kind_of(k, 5) for k in (1, 2, 3)] == ["unique", "shared", "consensus"]
    assert kind_of(2, 2) == "consensus"


def test_seed_clusters_meet_the_acceptance_criteria(seed_report) -> None:
    claims = seed_report.claims
    assert claims.method == "e5-small"
    alliance = [c for c in claims.clusters if sum("alliance" in m.text for m in c.members) >= 2]
    assert len(alliance) == 1, "the alliance claims of the editorial and the book form one cluster"
    # Issue 14 asks for three sources; with cohesive clusters at the dev-calibrated English threshold
    # (0.40) the clinic's "trust is a cornerstone" sentences (0.31 to the alliance claim) form their own
    # group with the editorial's "effective therapy is built on the alliance" (docs/claims.md, known gaps).
    assert {EDITORIAL, BOOK} <= set(alliance[0].sources)
    trust = [c for c in claims.clusters if CLINIC in c.sources and any("alliance" in m.text for m in c.members)]
    assert trust and EDITORIAL in trust[0].sources
    bridges = [c for c in claims.clusters if SERBIAN in c.sources and len(c.sources) > 1]
    brain = [c for c in bridges if any("neuroplasticitet" in m.text for m in c.members)]
    assert brain and BLOG in brain[0].sources
    assert any("brain" in m.text for m in brain[0].members if m.language == "en")
    assert any(m.language == "en" for m in brain[0].members) and brain[0].label.isascii()


def test_seed_overlap_scores_and_matrix_agree_with_clusters(seed_report) -> None:
    claims = seed_report.claims
    assert set(claims.source_ids) == set(SEED_IDS)
    matrix = np.asarray(claims.overlap)
    assert np.allclose(matrix, matrix.T) and np.allclose(np.diag(matrix), 1.0)
    assert (matrix >= 0).all() and (matrix <= 1).all()
    for s in seed_report.sources:
        ov = source_overlap(s.id, claims.clusters)
        assert s.score("claim_overlap") == pytest.approx(round(100 * ov.shared / ov.claims, 2))
        assert s.metric("claims.count") == ov.claims and s.metric("claims.unique") == ov.unique
        assert s.scores["claim_overlap"].confidence == "normal"
    for c in claims.clusters:
        k = len(c.sources)
        assert c.kind == ("consensus" if k >= 3 else "shared" if k == 2 else "unique")
    # The thresholds reported are the pair scorer's, the ones the audit used (issue 14: no stale numbers).
    used = claims.to_dict()["thresholds"]
    scorer = load_scorer("e5-small")
    assert used["kind"] == "match probability"
    assert used["by_language_pair"] == {k: scorer.threshold(k) for k in ("en-en", "within", "bcs-en", "sl-en", "cross")}
    assert seed_report.source(CLINIC).sections["claims"]["claims"] > 0


def test_odd_corpora_do_not_crash_and_say_why_there_is_no_score() -> None:
    from audits.analyzers.claims import ClaimsAnalyzer
    from audits.config import AuditConfig
    from audits.model import Source
    from audits.prepare import prepare

    empty = ClaimsAnalyzer().analyze_corpus([], AuditConfig())
    assert empty.claims.clusters == () and empty.per_source == {}
    text = "Regular exercise lowers the risk of depression in adults.\nContact us today!\n"
    one = prepare(Source(id="one", title="One", origin="pasted text", kind="text", text=text), "en")
    quiet = prepare(Source(id="quiet", title="Quiet", origin="pasted text", kind="text", text="Thank you!"), "en")
    alone = ClaimsAnalyzer().analyze_corpus([one], AuditConfig(fast=True))
    score = alone.per_source["one"].scores["claim_overlap"]
    assert score.value == 0.0 and score.confidence == "low" and "only one source" in score.explanation
    pair = ClaimsAnalyzer().analyze_corpus([one, quiet], AuditConfig(fast=True))
    assert pair.claims.method == "tfidf-char"
    assert pair.per_source["quiet"].scores["claim_overlap"].value == 0.0
    assert pair.per_source["one"].scores["claim_overlap"].value == 0.0
    assert pair.per_source["one"].scores["claim_overlap"].confidence == "low"


def test_a_manual_similarity_threshold_replaces_the_pair_scorer_and_is_reported() -> None:
    from audits.analyzers.claims import ClaimsAnalyzer
    from audits.config import AuditConfig
    from audits.model import Source
    from audits.prepare import prepare

    texts = {"a": "Regular exercise lowers the risk of depression in adults.",
             "b": "Adults who exercise regularly are less likely to become depressed."}
    docs = [prepare(Source(id=k, title=k, origin="pasted text", kind="text", text=v), "en") for k, v in texts.items()]
    default = ClaimsAnalyzer().analyze_corpus(docs, AuditConfig()).claims.details["thresholds"]
    manual = ClaimsAnalyzer().analyze_corpus(docs, AuditConfig(similarity_threshold=0.5)).claims.details["thresholds"]
    assert default["kind"] == "match probability"
    assert manual["kind"] == "similarity" and manual["by_language_pair"]["en-en"] == 0.5


def test_docs_state_the_thresholds_the_code_uses() -> None:
    from tests.conftest import ROOT

    docs = (ROOT / "docs" / "claims.md").read_text(encoding="utf-8")
    e5, tfidf = DEFAULT_THRESHOLDS["e5-small"], DEFAULT_THRESHOLDS["tfidf-char"]
    for key, value in e5.as_dict().items():
        assert f"| {key} | {value:.2f} |" in docs, key
    scorer = load_scorer("e5-small")
    for key in ("en-en", "within", "bcs-en", "sl-en", "cross"):
        assert f"| {key} | {scorer.threshold(key):.2f} | match probability |" in docs, key
    assert f"TF-IDF {tfidf.same_language:.2f} / {tfidf.cross_language:.2f}" in docs


def test_e5_matching_on_held_out_pairs() -> None:
    thresholds = DEFAULT_THRESHOLDS["e5-small"]
    for pair, (sims, gold) in _pair_scores("e5-small", "claims_pairs_heldout.tsv").items():
        need = thresholds.same_language if pair == "en-en" else thresholds.cross_language
        precision, recall = precision_recall([s >= need for s in sims], gold)
        # Measured once, thresholds untouched afterwards: P 1.00 R 1.00 for both pairs (10 pairs each).
        assert precision >= 0.8 and recall >= 0.8, (pair, precision, recall)


def test_each_language_is_searched_so_translations_are_not_crowded_out() -> None:
    rng = np.random.default_rng(1)
    base = _unit([1.0] + [0.0] * 15)
    serbian = np.stack([_unit(base + 0.05 * rng.normal(size=16)) for _ in range(12)])
    english = _unit(base + 0.4 * rng.normal(size=16))  # further from each Serbian claim than they are from each other
    vectors = np.vstack([serbian, english[None, :]])
    langs = ["sr"] * 12 + ["en"]
    mixed = {(i, j) for _, i, j in candidate_pairs(vectors, k=3)}
    per_language = {(i, j) for _, i, j in candidate_pairs(vectors, k=3, languages=langs)}
    # One search: only the English claim's own 3 neighbours pair with it; the other Serbian claims never see it.
    assert sum((i, 12) in mixed for i in range(12)) <= 3
    assert all((i, 12) in per_language for i in range(12))


def test_serbian_taken_for_croatian_meets_the_same_thresholds() -> None:
    t = thresholds_for("e5-small")
    assert t.for_pair("hr", "en") == t.for_pair("sr", "en") == t.for_pair("bs", "en")
    assert t.for_pair("sr", "hr") == t.for_pair("sr", "sr")  # one group, not a cross-language pair
    assert t.for_pair("sl", "en") != t.for_pair("sl", "sr") or t.as_dict()["sl-en"] == t.as_dict()["cross"]


def test_a_cluster_never_chains_past_its_core() -> None:
    # b is the core (its link to c is the strongest); a and c both match b. d matches c closely but
    # not the core b: it must start its own group instead of chaining on through c.
    b = _unit([0.0, 1.0, 0.0, 0.0])
    c = _unit([0.0, 0.9, 0.44, 0.0])
    a = _unit([0.3, 0.85, 0.0, 0.0])
    d = _unit([0.0, 0.35, 0.9, 0.25])
    vectors = np.stack([a, b, c, d])
    assert float(vectors[2] @ vectors[3]) > 0.6 > 0.5 > float(vectors[1] @ vectors[3])
    groups = cluster_vectors(vectors, ["en"] * 4, Thresholds(0.5, 0.5), ["s1", "s2", "s3", "s4"])
    assert [3] in groups and any({1, 2} <= set(g) for g in groups)


def test_a_claim_must_match_every_member_not_only_the_core() -> None:
    # b and c are the core pair (the strongest link); a matches b (0.6) but not c (0.19). Checking a against
    # the core alone would let it in and make a topic group; every member must match every other.
    b = _unit([1.0, 0.0])
    c = np.asarray([0.9, math.sqrt(1 - 0.81)], dtype=np.float32)
    a = np.asarray([0.6, -0.8], dtype=np.float32)
    vectors = np.stack([a, b, c])
    assert float(vectors[0] @ vectors[1]) > 0.5 > float(vectors[0] @ vectors[2])
    groups = cluster_vectors(vectors, ["en"] * 3, Thresholds(0.5, 0.5), ["s1", "s2", "s3"])
    assert groups == [[0], [1, 2]]


def test_candidate_arrays_equal_a_brute_force_neighbour_search() -> None:
    """The array form of the candidate links (issue 18: 20 bytes a link) is each claim's k nearest
    claims in every language group, found from either end, best first."""
    from audits.claims.cluster import candidate_arrays, language_group

    rng = np.random.default_rng(7)
    for n, k in ((2, 1), (9, 3), (60, 5), (150, 10)):
        v = rng.normal(size=(n, 12)).astype(np.float32)
        v /= np.linalg.norm(v, axis=1, keepdims=True)
        langs = list(rng.choice(["en", "sr", "sl"], n))
        expected: dict[tuple[int, int], float] = {}
        sims = v @ v.T
        for q in range(n):
            for fam in {language_group(x) for x in langs}:
                rows = [r for r in range(n) if language_group(langs[r]) == fam]
                for r in sorted(rows, key=lambda r: -sims[q, r])[: k + 1]:
                    if r != q:
                        expected[(min(q, r), max(q, r))] = float(sims[q, r])
        sim, i, j = candidate_arrays(v, k, langs)
        assert set(zip(i.tolist(), j.tolist(), strict=True)) == set(expected)
        assert np.allclose(sim, [expected[p] for p in zip(i.tolist(), j.tolist(), strict=True)], atol=1e-5)
        assert (np.diff(sim) <= 1e-6).all()  # best first


def _best_by_sorting(sim, i, j, fam_index, n_fams):  # type: ignore[no-untyped-def]
    """The previous computation: sort both ends of every candidate by (claim and group, similarity, rank)."""
    a, b, s = np.concatenate([i, j]), np.concatenate([j, i]), np.concatenate([sim, sim])
    rank = np.concatenate([np.arange(len(i)), np.arange(len(i))])
    key = a * n_fams + fam_index[b]
    order = np.lexsort((rank, -s, key))
    ks = key[order]
    first = np.ones(len(order), dtype=bool)
    first[1:] = ks[1:] != ks[:-1]
    best = np.full(len(fam_index) * n_fams, -1, dtype=np.int64)
    best[ks[first]] = b[order][first]
    return best


def _copied_vectors(rng, max_rows: int, max_distinct: int):  # type: ignore[no-untyped-def]
    """Up to max_rows vectors drawn from a few distinct ones (copies tie all the time), with languages."""
    n = int(rng.integers(2, max_rows))
    base = rng.integers(-2, 3, size=(int(rng.integers(1, max_distinct)), 3)).astype(np.float32)
    vectors = base[rng.integers(0, len(base), size=n)]
    return vectors, [("en", "sr", "de")[x] for x in rng.integers(0, 3, size=n)]


def test_closest_candidate_per_language_equals_the_full_sort() -> None:
    """Copies tie on similarity all the time: the earliest candidate must win, as with the sort."""
    from audits.claims.cluster import _best_by_language, candidate_arrays

    for seed in range(120):
        rng = np.random.default_rng(seed)
        vectors, langs = _copied_vectors(rng, 70, 9)
        sim, i, j = candidate_arrays(vectors, int(rng.integers(1, 6)), langs)
        groups = np.asarray([("en", "sr", "de").index(x) for x in langs])
        assert np.array_equal(_best_by_language(sim, i, j, groups, 3), _best_by_sorting(sim, i, j, groups, 3))


def _candidates_int64(vectors, found):  # type: ignore[no-untyped-def]
    """The previous computation of candidate_arrays (int64 throughout, no temporaries dropped)."""
    queries, neighbours, sims = found
    q = np.repeat(queries, neighbours.shape[1])
    other, sim = neighbours.ravel(), sims.ravel()
    keep = (other >= 0) & (other != q)
    q, other, sim = q[keep], other[keep], sim[keep]
    lo, hi = np.minimum(q, other), np.maximum(q, other)
    keys = (lo * len(vectors) + hi)[::-1]
    _, first = np.unique(keys, return_index=True)
    last = len(keys) - 1 - first
    lo, hi, sim = lo[last], hi[last], sim[last]
    order = np.lexsort((hi, lo, -sim.astype(np.float64)))
    return sim[order].astype(np.float64), lo[order], hi[order]


def test_candidate_arrays_equal_the_int64_computation() -> None:
    from audits.claims.cluster import _neighbours, candidate_arrays

    for seed in range(150):
        rng = np.random.default_rng(seed)
        vectors, langs = _copied_vectors(rng, 90, 12)
        k = int(rng.integers(1, 7))
        found = _neighbours(vectors, k, langs)
        got, want = candidate_arrays(vectors, k, langs, found), _candidates_int64(vectors, found)
        assert all(np.array_equal(a, b) and a.dtype == b.dtype for a, b in zip(got, want, strict=True))


def test_a_small_corpus_does_not_pair_unrelated_claims_across_languages() -> None:
    """Two real pages, one English (a ketamine clinic) and one Slovenian (a psychotherapist): each claim has a mutual
    nearest neighbour in the other language, and before the cross-language cosine floor the clinic's "the time lag of
    treatments leads to more suffering" was shown as shared with "in times of rapid change people forget themselves"."""
    from pathlib import Path

    from audits.analyzers.claims import ClaimsAnalyzer
    from audits.config import AuditConfig
    from audits.model import Source
    from audits.prepare import prepare

    extra = Path(__file__).resolve().parents[2] / "eval" / "extra" / "pages"
    docs = [prepare(Source(id=name, title=name, origin="file", kind="text",
                           text=(extra / f"{name}.txt").read_text(encoding="utf-8")), lang)
            for name, lang in (("en-clinic-x502", "en"), ("sl-therapist-x532", "sl"))]
    result = ClaimsAnalyzer().analyze_corpus(docs, AuditConfig())
    texts = {d.source.id: d.source.text for d in docs}
    for cluster in result.claims.clusters:
        said = [texts[m.source][m.start:m.end] for m in cluster.members]
        if any("time lag" in s for s in said):
            assert {m.source for m in cluster.members} == {"en-clinic-x502"}, said
