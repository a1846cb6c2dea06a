"""Cross-language acceptance rules for the claims pair scorer, compared by page-group CV on the dev pairs.

    python bench/claims_cross_rules.py          # needs the cache of bench/claims_dev.py (built when missing)

Each rule decides which candidate links between two language groups may join clusters (within a
language nothing changes): mutual nearest neighbours (shipped), none, both within the top 2 or 3,
either side's nearest, or mutual nearest neighbours unless the pair clears its threshold by a margin
(log-odds). Every rule is scored twice:

* with the shipped scorer on all dev pairs (in-sample for the scorer), and by halves (parity of the
  number ending the first page's id);
* by page-group cross-validation: the scorer and its thresholds are refitted without the fold's pairs
  (audits.claims.pairtrain, inner page-grouped CV for the thresholds), the dev claims clustered with it,
  and only the fold's pairs scored; summed over several fold assignments (GroupKFold, then random ones).

The clustering loop is a copy of audits.claims.cluster.cluster_scored with the rule swapped in; it is
checked to give exactly cluster_scored's clusters for the shipped rule before anything is measured.
"""

from __future__ import annotations

import contextlib
import io
import sys
from collections import defaultdict
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent))
import claims_dev as cd

from audits.claims import cluster as cl
from audits.claims import pairtrain as pt
from audits.claims.extract import core_text
from audits.claims.pairfeatures import signals
from audits.claims.pairscore import PairScorer, load_scorer, model_inputs
from audits.evaluation.align import overlaps

RULES = [("mutual", 0), ("none",), ("mutual", 1), ("mutual", 2), ("either", 0), ("mutual_or_margin", 0.5),
         ("mutual_or_margin", 1.0)]


class Corpus:
    """The kept dev claims, their centred vectors, neighbour ranks and the labelled pairs' model inputs."""

    def __init__(self, cache: cd.DevCache, keep: np.ndarray) -> None:
        rows = np.flatnonzero(keep)
        self.cache = cache
        self.kept = [cache.members[i] for i in rows]
        self.langs = [m.language for m in self.kept]
        self.srcs = [m.source for m in self.kept]
        self.vectors = cl.centre_by_language(cache.vectors[rows], self.langs)
        self.cands, self.ranks = cl.ranked_candidates(self.vectors, cl.NEIGHBOURS, self.langs, self.srcs)
        self.sig = [signals(core_text(m.text)) for m in self.kept]
        self.fams = [cl.language_group(x) for x in self.langs]
        spans = [(m.source, cache.to_page[m.source].span(m.start, m.end)) for m in self.kept]

        def claims_at(pid: str, text: str) -> list[int]:
            at = cache.page_labels[pid].text.find(text)
            return [i for i, (p, s) in enumerate(spans) if p == pid and overlaps(s, (at, at + len(text)))]

        x, y, keys, groups, self.pair_of = [], [], [], [], []
        for n, pair in enumerate(cache.pairs):
            a, b = claims_at(pair.a_page, pair.a_text), claims_at(pair.b_page, pair.b_text)
            if not (a and b):
                continue
            i, j = max(((i, j) for i in a for j in b), key=lambda t: float(self.vectors[t[0]] @ self.vectors[t[1]]))
            rank = max(self.ranks.get((i, j), cl.NEIGHBOURS), self.ranks.get((j, i), cl.NEIGHBOURS))
            x.append(model_inputs(self.sig[i], self.sig[j], float(self.vectors[i] @ self.vectors[j]), rank,
                                  self.fams[i] != self.fams[j]))
            y.append(pair.label == "same")
            keys.append(cl.pair_key(self.langs[i], self.langs[j]))
            groups.append(min(pair.a_page, pair.b_page))
            self.pair_of.append(n)
        self.ex = pt.PairExamples(np.asarray(x), np.asarray(y, bool), keys, groups, 0)

    def fit_scorer(self, fit: np.ndarray, c: float = 3.0) -> PairScorer:
        """The pair scorer refitted on some pairs, thresholds from an inner page-grouped CV."""
        ex = self.ex
        sub = pt.PairExamples(ex.x[fit], ex.y[fit], [ex.keys[i] for i in fit], [ex.groups[i] for i in fit], 0)
        with contextlib.redirect_stdout(io.StringIO()):
            cuts = pt.thresholds(sub, pt.out_of_fold(sub, c))
        coef, bias = pt._fit(sub.x, sub.y, c)
        return PairScorer("e5-small", tuple(coef), bias, tuple(sorted(cuts.items())), cl.NEIGHBOURS)

    def allowed(self, i: int, j: int, m: float, rule: tuple) -> bool:
        """Whether a link between claims i and j (margin m) may be taken under the rule."""
        if self.srcs[i] == self.srcs[j]:
            return False
        if self.fams[i] == self.fams[j]:
            return True
        ri, rj = self.ranks.get((i, j), 99), self.ranks.get((j, i), 99)
        if rule[0] == "none":
            return True
        if rule[0] == "mutual":
            return ri <= rule[1] and rj <= rule[1]
        if rule[0] == "either":
            return min(ri, rj) <= rule[1]
        if rule[0] == "mutual_or_margin":
            return (ri == 0 and rj == 0) or m >= rule[1]
        raise ValueError(rule)

    def cluster(self, scorer: PairScorer, rule: tuple) -> list[list[int]]:
        """cluster_scored with the cross-language rule swapped in (row indices of the kept claims)."""
        margin = cl.pair_margin(self.vectors, self.langs, self.srcs, self.sig, self.ranks, scorer)
        links = [(m, i, j) for sim, i, j in self.cands if (m := margin(i, j, sim)) >= 0 and self.allowed(i, j, m, rule)]
        return cl.merge_best_first(len(self.vectors), links, margin)

    def counts(self, groups: list[list[int]], pair_ids: list[int]) -> dict[str, np.ndarray]:
        """[tp among predicted, predicted, tp among labelled, labelled] within/across, purity [pure, claims]."""
        fig = cd.pairs_and_purity(self.cache, [[self.kept[i] for i in g] for g in groups],
                                  [self.cache.pairs[n] for n in pair_ids])
        out = {}
        for k in ("within-language", "cross-language"):
            v = fig["same_claim"].get(k, {"tp": 0, "predicted": 0, "labelled": 0, "precision": None})
            out[k] = np.asarray([round((v["precision"] or 0) * v["predicted"]), v["predicted"], v["tp"], v["labelled"]])
        pur = fig["cluster_purity"]
        out["purity"] = np.asarray([round((pur["purity"] or 0) * pur["claims"]), pur["claims"], 0, 0])
        return out


def fmt(c: dict[str, np.ndarray]) -> str:
    """within / across P/R (counts), purity."""
    def f(v: np.ndarray) -> str:
        return f"{v[0] / max(1, v[1]):.2f}/{v[2] / max(1, v[3]):.2f} ({v[0]}/{v[1]}, {v[2]}/{v[3]})"

    p = c["purity"]
    purity = f"purity {p[0] / max(1, p[1]):.2f} ({p[1]})"
    return f"within {f(c['within-language'])}  across {f(c['cross-language'])}  {purity}"


def criterion(c: dict[str, np.ndarray]) -> float:
    """The project's threshold criterion across languages: min(P / 0.80, R / 0.65)."""
    v = c["cross-language"]
    return min(v[0] / max(1, v[1]) / 0.80, v[2] / max(1, v[3]) / 0.65)


def main(assignments: int = 4) -> int:
    """Print every rule's figures: shipped scorer (all, halves) and page-group CV (summed, halves)."""
    from sklearn.model_selection import GroupKFold

    cache = cd.load()
    corpus = Corpus(cache, cd.shipped_keep(cache))
    shipped = load_scorer("e5-small")
    reference = cl.cluster_scored(corpus.vectors, corpus.langs, corpus.srcs,
                                  [core_text(m.text) for m in corpus.kept], shipped)
    assert sorted(corpus.cluster(shipped, ("mutual", 0))) == sorted(reference), "copy of cluster_scored drifted"
    pairs = list(range(len(cache.pairs)))
    group_of = {n: min(p.a_page, p.b_page) for n, p in enumerate(cache.pairs)}
    odd = {n for n in pairs if int(group_of[n].rsplit("-", 1)[1]) % 2 == 1}
    halves = {"odd": odd, "even": set(pairs) - odd}
    print("== shipped scorer, all dev pairs (in-sample for the scorer); halves by the first page's number")
    for rule in RULES:
        g = corpus.cluster(shipped, rule)
        print(f"{rule!s:<26} {fmt(corpus.counts(g, pairs))}  largest {max(map(len, g))}")
        for h, sel in halves.items():
            print(f"{'':<26} {h:<4} {fmt(corpus.counts(g, sorted(sel)))}")
    ex = corpus.ex
    groups = sorted(set(ex.groups))
    total = {rule: defaultdict(lambda: np.zeros(4, int)) for rule in RULES}
    by_half = {rule: {h: defaultdict(lambda: np.zeros(4, int)) for h in halves} for rule in RULES}
    for seed in range(assignments):
        if seed == 0:
            folds = list(GroupKFold(n_splits=5).split(ex.x, ex.y, groups=ex.groups))
        else:
            perm = np.random.default_rng(seed).permutation(len(groups))
            fold_of = np.asarray([dict(zip(groups, perm % 5, strict=True))[g] for g in ex.groups])
            folds = [(np.flatnonzero(fold_of != k), np.flatnonzero(fold_of == k)) for k in range(5)]
        fold_of_group = {ex.groups[i]: k for k, (_, score) in enumerate(folds) for i in score}
        fold_pairs = defaultdict(list)
        for n in pairs:  # pairs that could not be scored go with their page group (or a fixed fold)
            fold_pairs[fold_of_group.get(group_of[n], sum(map(ord, group_of[n])) % 5)].append(n)
        scorers = [corpus.fit_scorer(fit) for fit, _ in folds]
        for rule in RULES:
            for k in range(5):
                g = corpus.cluster(scorers[k], rule)
                for key, v in corpus.counts(g, fold_pairs[k]).items():
                    total[rule][key] += v
                for h, sel in halves.items():
                    for key, v in corpus.counts(g, [n for n in fold_pairs[k] if n in sel]).items():
                        by_half[rule][h][key] += v
    print(f"== page-group CV (scorer refitted without the fold's pairs), summed over {assignments} fold assignments")
    for rule in RULES:
        print(f"{rule!s:<26} {fmt(total[rule])}  across criterion {criterion(total[rule]):.3f}")
        for h in halves:
            print(f"{'':<26} {h:<4} {fmt(by_half[rule][h])}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(int(sys.argv[1]) if len(sys.argv) > 1 else 4))
