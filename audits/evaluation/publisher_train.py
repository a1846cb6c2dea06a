"""Rebuild the page-level publisher hint: ``python -m audits.evaluation.publisher_train [--write]`` (about 5 minutes).

Training data (provenance, docs/marketing.md "Who publishes"): the pages of the evaluation corpus's **dev** split
(``eval/labels``) and the **even** halves of ``eval/extra``, ``eval/titles``, ``eval/links`` and ``eval/kinds``, each
labelled by hand with the kind of its publisher; a public service or a charity is the positive class, every other kind
the negative. Test pages and the odd halves are never used to fit or choose: the odd halves are scored once and
printed. Each page is read as the product reads it (ingest, prepare) and embedded by ``publisher.page_vector``.

One logistic regression (scikit-learn, balanced classes) over the standardised page vectors; C is the one with the
best page-grouped 5-fold cross-validated AUC on the training pages; the threshold is 0.5, the balanced model's own
decision boundary (no threshold is tuned).
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
from collections.abc import Iterator
from pathlib import Path

import numpy as np
import yaml

from audits.analyzers.marketing import MarketingAnalyzer
from audits.config import AuditConfig
from audits.evaluation.labels import PUBLIC_KINDS, SALES_KINDS, half_of
from audits.ingest import ingest_bytes
from audits.marketing import publisher
from audits.prepare import prepare

ROOT = Path(__file__).resolve().parents[2]
EVAL = ROOT / "eval"
SETS = ("extra", "titles", "links", "kinds")
C_GRID = (0.001, 0.003, 0.01, 0.03, 0.1)
THRESHOLD = 0.5
FOLDS = 5


def pages(held_out: bool) -> Iterator[tuple[str, Path, str]]:
    """(id, page file, kind): dev pages and the even halves, or (``held_out``) the odd halves; never a test page."""
    if not held_out:
        split = json.loads((EVAL / "split.json").read_text(encoding="utf-8"))
        for page_id in sorted(k for k, v in split.items() if v == "dev"):
            label = yaml.safe_load((EVAL / "labels" / f"{page_id}.yaml").read_text(encoding="utf-8"))
            yield page_id, EVAL / "pages" / f"{page_id}.txt", label["kind"]
    for name in SETS:
        for path in sorted((EVAL / name / "labels").glob("*.yaml")):
            if (half_of(path.stem) == "odd") == held_out:
                label = yaml.safe_load(path.read_text(encoding="utf-8"))
                yield path.stem, EVAL / name / "pages" / f"{path.stem}.txt", label["kind"]


def read(items: Iterator[tuple[str, Path, str]]) -> tuple[list[dict], np.ndarray]:
    """Each page's kind, the rules' institutional verdict and marketing score (fast mode), and its vector."""
    config = AuditConfig(fast=True)
    rows, vectors = [], []
    for page_id, path, kind in items:
        doc = prepare(ingest_bytes(path.name, path.read_bytes(), config))
        vector = publisher.page_vector(doc.sentence_texts())
        if vector is None:
            continue
        result = MarketingAnalyzer().analyze(doc, config)
        rows.append({"id": page_id, "kind": kind, "institutional": bool(result.section["institutional"]),
                     "score": result.scores["marketing"].value})
        vectors.append(vector)
    return rows, np.array(vectors, dtype=np.float64)


def fit(x: np.ndarray, y: np.ndarray, c: float):
    from sklearn.linear_model import LogisticRegression

    mean, scale = x.mean(axis=0), x.std(axis=0) + 1e-6
    model = LogisticRegression(C=c, class_weight="balanced", max_iter=5000).fit((x - mean) / scale, y)
    return {"mean": mean, "scale": scale, "coef": model.coef_[0], "intercept": np.array(model.intercept_[0]),
            "threshold": np.array(THRESHOLD)}


def probabilities(x: np.ndarray, w: dict) -> np.ndarray:
    return np.array([publisher.probability(v, w) for v in x])


def cross_validated_auc(x: np.ndarray, y: np.ndarray, c: float) -> float:
    from sklearn.metrics import roc_auc_score

    fold = np.arange(len(y)) % FOLDS
    oof = np.zeros(len(y))
    for f in range(FOLDS):
        oof[fold == f] = probabilities(x[fold == f], fit(x[fold != f], y[fold != f], c))
    return float(roc_auc_score(y, oof))


def tally(rows: list[dict], p: np.ndarray) -> dict[str, object]:
    """Among pages the rules do not take for a public service: how many the hint names, by kind; and what damping
    them would do to the page targets (measured, not done)."""
    hinted = [r for r, pi in zip(rows, p, strict=True) if not r["institutional"] and pi >= THRESHOLD]
    public = [r for r in rows if r["kind"] in PUBLIC_KINDS]
    sales = [r for r in rows if r["kind"] in SALES_KINDS]
    damped = {r["id"] for r in hinted}

    def score(r: dict) -> float:
        return r["score"] * 0.1 if r["id"] in damped else r["score"]

    return {
        "pages": len(rows),
        "public_not_recognised": sum(1 for r in public if not r["institutional"]),
        "hint_on_public": sum(1 for r in hinted if r["kind"] in PUBLIC_KINDS),
        "hint_on_sales": sum(1 for r in hinted if r["kind"] in SALES_KINDS),
        "hint_on_other": sum(1 for r in hinted if r["kind"] not in (*PUBLIC_KINDS, *SALES_KINDS)),
        "if_damped_public_over_10": [sum(r["score"] > 10 for r in public), sum(score(r) > 10 for r in public)],
        "if_damped_sales_at_least_30": [sum(r["score"] >= 30 for r in sales), sum(score(r) >= 30 for r in sales)],
        "if_damped_sales_median": [statistics.median(r["score"] for r in sales) if sales else None,
                                   statistics.median(score(r) for r in sales) if sales else None],
    }


def main(argv: list[str] | None = None) -> int:
    from sklearn.metrics import roc_auc_score

    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--write", action="store_true", help="write publisher.npz")
    args = ap.parse_args(argv)
    rows, x = read(pages(held_out=False))
    y = np.array([r["kind"] in PUBLIC_KINDS for r in rows], dtype=int)
    aucs = {c: cross_validated_auc(x, y, c) for c in C_GRID}
    best = max(C_GRID, key=lambda c: (aucs[c], -c))
    print(f"{len(rows)} training pages ({int(y.sum())} public or charity); cross-validated AUC by C: "
          + ", ".join(f"{c}: {a:.3f}" for c, a in aucs.items()) + f"; chosen C {best}")
    w = fit(x, y, best)
    held_rows, held_x = read(pages(held_out=True))
    held_y = np.array([r["kind"] in PUBLIC_KINDS for r in held_rows], dtype=int)
    held_p = probabilities(held_x, w)
    held = {"auc": round(float(roc_auc_score(held_y, held_p)), 3), **tally(held_rows, held_p)}
    print(f"held-out odd halves: {json.dumps(held)}")
    if args.write:
        card = {"pages": [r["id"] for r in rows], "C": best, "cv_auc": round(aucs[best], 3), "held_out": held,
                "sources": "eval/labels (dev) and the even halves of " + ", ".join(f"eval/{s}" for s in SETS),
                "rebuild": "python -m audits.evaluation.publisher_train --write"}
        np.savez_compressed(publisher.WEIGHTS_FILE, **{k: np.asarray(v, dtype=np.float32) for k, v in w.items()},
                            card=np.array(json.dumps(card)))
        print(f"wrote {publisher.WEIGHTS_FILE}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
