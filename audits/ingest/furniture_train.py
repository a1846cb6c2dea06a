"""Rebuild the learned furniture line model: ``python -m audits.ingest.furniture_train [--cv] [--write]``.

Training data (provenance, docs/ingest.md "Learned furniture"): every non-empty line of the evaluation corpus's
**dev** pages (``eval/labels`` with split "dev" in ``eval/split.json``) and of the **even** extra pages
(``eval/extra/labels``, ids ending in an even x-number). A line listed under the page's ``furniture`` labels is
a positive with its reason; every other non-empty line is a negative. Test pages and odd extra pages (held out)
are never read here.

Two logistic regressions (scikit-learn) over furniture_model's features: furniture or not, and, over the
furniture lines, which reason (the docs/annotation-guide.md reasons). ``--cv`` runs page-grouped cross-validation
over the training pages: the rules alone against the rules plus the model's additions at each threshold, and
picks the threshold with the best F0.5 (precision weighs twice recall) among those that add a line. ``--write``
fits on all training pages and writes ``furniture_model.npz``, switched on only with ``--enable`` (a decision
taken on pages the model never saw: docs/ingest.md, "Learned furniture").
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import yaml

from audits.evaluation.labels import extra_held_out
from audits.ingest import furniture_model as fm
from audits.ingest.furniture import RulePass, normalise_whitespace, rule_pass

ROOT = Path(__file__).resolve().parents[2]
EVAL = ROOT / "eval"
THRESHOLDS = (0.5, 0.6, 0.7, 0.75, 0.8, 0.85, 0.9, 0.93, 0.95, 0.97, 0.98, 0.99)
FOLDS = 5
BETA = 0.5
C = 1.0  # inverse regularisation of both regressions (balanced classes and C 0.5 did worse in --cv)
REASON_ORDER = tuple(fm.REASONS)


@dataclass(frozen=True)
class Page:
    """One training page: what the rules decided, the labelled lines (0-based indexes into ``ruled.lines``,
    each with the places it may stand), and the rows the model sees."""

    id: str
    ruled: RulePass
    gold: tuple[tuple[tuple[int, ...], str], ...]  # (places, reason); a duplicated heading may stand twice
    rows: tuple[int, ...]  # line indexes used in training (ambiguous copies left out)
    labels: tuple[str, ...]  # "" or the reason of each row


def training_files() -> Iterator[tuple[str, Path, Path]]:
    """(id, page, labels) of the dev pages and the even extra pages; never a test or odd extra page."""
    split = json.loads((EVAL / "split.json").read_text(encoding="utf-8"))
    for page_id in sorted(k for k, v in split.items() if v == "dev"):
        yield page_id, EVAL / "pages" / f"{page_id}.txt", EVAL / "labels" / f"{page_id}.yaml"
    for label in sorted((EVAL / "extra" / "labels").glob("*.yaml")):
        if not extra_held_out(label.stem):
            yield label.stem, EVAL / "extra" / "pages" / f"{label.stem}.txt", label


def load_page(page_id: str, page: Path, label: Path) -> Page:
    """A page as ingest sees it (whitespace normalised) with its labelled furniture lines."""
    text = normalise_whitespace(page.read_text(encoding="utf-8"))
    ruled = rule_pass(text)
    lines = [ln.strip() for ln in ruled.lines]
    furniture = yaml.safe_load(label.read_text(encoding="utf-8")).get("furniture") or []
    gold, used, labelled = [], {}, {}
    for item in furniture:
        want = item["text"].strip()
        at = next((i for i in range(used.get(want, 0), len(lines)) if lines[i] == want), None)
        if at is None:
            continue  # a date stamp glued to the first line ("date 2025-10-15 ..."): the rules take it
        used[want] = at + 1
        places = (at,)
        if item["reason"] == "duplicate-heading":
            places += tuple(i for i, ln in enumerate(lines) if ln == want and i != at)
        gold.append((places, item["reason"]))
        labelled[at] = item["reason"]
    texts = {lines[p] for places, _ in gold for p in places}
    rows, labels = [], []
    for i, line in enumerate(lines):
        if not line or len(line) > 300:
            continue
        if line in texts and i not in labelled:
            continue  # another copy of a labelled line: either label would do, so it teaches nothing
        rows.append(i)
        labels.append(labelled.get(i, ""))
    return Page(page_id, ruled, tuple(gold), tuple(rows), tuple(labels))


def load_pages() -> list[Page]:
    return [load_page(*f) for f in training_files()]


def features(page: Page) -> np.ndarray:
    return fm.page_matrix(page.ruled, page.rows)


def fit(x, labels: list[str]) -> dict:
    """Both regressions on the rows given: weights in the shape furniture_model reads, and the binary model."""
    from sklearn.linear_model import LogisticRegression

    y = np.array([bool(label) for label in labels])
    binary = LogisticRegression(C=C, max_iter=3000).fit(x, y)
    positive = np.flatnonzero(y)
    reasons = np.array([labels[i] for i in positive])
    present = sorted(set(reasons), key=REASON_ORDER.index)
    if len(present) > 1:
        multi = LogisticRegression(C=C, max_iter=3000).fit(x[positive], reasons)
        order = [list(multi.classes_).index(r) for r in present]
        reason_coef, reason_intercept = multi.coef_[order], multi.intercept_[order]
    else:
        reason_coef, reason_intercept = np.zeros((1, x.shape[1])), np.zeros(1)
    return {
        "coef": binary.coef_[0].astype(np.float64), "intercept": np.array(binary.intercept_[0], dtype=np.float64),
        "reason_coef": np.asarray(reason_coef, dtype=np.float64),
        "reason_intercept": np.asarray(reason_intercept, dtype=np.float64), "reasons": np.array(present),
        "model": binary,
    }


def _stack(pages: list[Page], mats: dict[str, object]):
    from scipy.sparse import vstack

    x = vstack([mats[p.id] for p in pages]).tocsr()
    return x, [label for p in pages for label in p.labels]


def score(pages: list[Page], added: dict[str, set[int]]) -> dict[str, float]:
    """Furniture precision/recall/F0.5 of the rules plus the added lines, counted as score_ingest counts:
    a removed piece is right when it overlaps a labelled line; a labelled line is found when a piece covers it."""
    tp = fp = found = total = 0
    for page in pages:
        pieces = [set(range(r.line - 1, r.line + r.text.count("\n"))) for r in page.ruled.removed]
        pieces += [{i} for i in sorted(added.get(page.id, ()))]
        gold_lines = {p for places, _ in page.gold for p in places}
        for piece in pieces:
            if piece & gold_lines:
                tp += 1
            else:
                fp += 1
        covered = set().union(*pieces) if pieces else set()
        found += sum(bool(covered & set(places)) for places, _ in page.gold)
        total += len(page.gold)
    p = tp / (tp + fp) if tp + fp else 1.0
    r = found / total if total else 1.0
    f = (1 + BETA**2) * p * r / (BETA**2 * p + r) if p + r else 0.0
    return {"precision": round(p, 3), "recall": round(r, 3), "f05": round(f, 3), "removed": tp + fp, "labelled": total}


def candidate_rows(page: Page) -> list[int]:
    """Line indexes of the page the model may remove (the rules kept them, short, not a sentence)."""
    return [page.ruled.numbers[i] - 1 for i in fm.candidates(page.ruled)]


def cross_validate(pages: list[Page]) -> dict[str, object]:
    """Page-grouped FOLDS-fold cross-validation: rules alone, and rules plus additions at each threshold."""
    from scipy.sparse import csr_matrix

    mats = {p.id: csr_matrix(features(p)) for p in pages}
    probs: dict[str, dict[int, float]] = {}
    for fold in range(FOLDS):
        train = [p for n, p in enumerate(pages) if n % FOLDS != fold]
        test = [p for n, p in enumerate(pages) if n % FOLDS == fold]
        w = fit(*_stack(train, mats))
        w.pop("model")
        for page in test:
            rows = candidate_rows(page)
            if rows:
                prob, _ = fm.probabilities(fm.page_matrix(page.ruled, rows), w)
                probs[page.id] = dict(zip(rows, prob.tolist(), strict=True))
    halves = {"all": pages, "dev": [p for p in pages if "-x" not in p.id],
              "even extra": [p for p in pages if "-x" in p.id]}
    out: dict[str, object] = {"rules": {k: score(v, {}) for k, v in halves.items()}}
    for t in THRESHOLDS:
        added = {pid: {i for i, q in pr.items() if q >= t} for pid, pr in probs.items()}
        out[str(t)] = {k: score(v, added) for k, v in halves.items()}
    return out


def best_threshold(cv: dict[str, object]) -> float:
    """The threshold with the best F0.5 over all training pages among those where the model adds a line at all
    (ties: the higher threshold)."""
    rules = cv["rules"]["all"]["removed"]
    adding = [t for t in THRESHOLDS if cv[str(t)]["all"]["removed"] > rules] or [THRESHOLDS[-1]]
    return max(adding, key=lambda t: (cv[str(t)]["all"]["f05"], t))


PROBE_PAGES = 3  # training pages whose feature rows and probabilities are stored with the weights
PROBE_LINES = 10  # candidate lines a probe page has at least


def write(pages: list[Page], threshold: float, enabled: bool) -> None:
    """Fit on every training page and write the weights next to furniture_model.py, with the feature rows of a few
    training pages and the probabilities scikit-learn gives them (a test checks the shipped file reproduces them)."""
    from scipy.sparse import coo_matrix, csr_matrix

    mats = {p.id: csr_matrix(features(p)) for p in pages}
    w = fit(*_stack(pages, mats))
    model = w.pop("model")
    probes = [p for p in pages if len(candidate_rows(p)) >= PROBE_LINES][:PROBE_PAGES]
    probe_x = np.vstack([fm.page_matrix(p.ruled, candidate_rows(p)) for p in probes])
    sparse = coo_matrix(probe_x)
    stored = {k: v.astype(np.float32) if v.dtype.kind == "f" else v for k, v in w.items()}
    np.savez_compressed(fm.WEIGHTS_FILE, **stored, threshold=np.array(threshold), enabled=np.array(enabled),
                        pages=np.array([p.id for p in pages]), probe_shape=np.array(probe_x.shape),
                        probe_rows=sparse.row.astype(np.int32), probe_cols=sparse.col.astype(np.int32),
                        probe_vals=sparse.data.astype(np.float32), probe_probs=model.predict_proba(probe_x)[:, 1])


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--cv", action="store_true", help="page-grouped cross-validation over the training pages")
    ap.add_argument("--write", action="store_true", help="fit on all training pages and write the weights")
    ap.add_argument("--threshold", type=float, help="the threshold to ship (default: the best F0.5 in --cv)")
    ap.add_argument("--enable", action="store_true", help="switch the shipped model on")
    args = ap.parse_args(argv)
    pages = load_pages()
    print(f"{len(pages)} training pages, {sum(len(p.gold) for p in pages)} labelled furniture lines")
    threshold = args.threshold
    if args.cv or threshold is None:
        cv = cross_validate(pages)
        for key, halves in cv.items():
            print(f"{key:>6}  " + "  ".join(f"{h}: P {s['precision']} R {s['recall']} F0.5 {s['f05']} "
                                             f"(removed {s['removed']})" for h, s in halves.items()))
        best = best_threshold(cv)
        threshold = threshold if threshold is not None else best
        beats = cv[str(best)]["all"]["f05"] > cv["rules"]["all"]["f05"]
        print(f"best threshold by F0.5 over all training pages: {best} "
              f"({'beats' if beats else 'does not beat'} the rules alone)")
    if args.write:
        write(pages, threshold, args.enable)
        print(f"wrote {fm.WEIGHTS_FILE} (threshold {threshold}, enabled {args.enable})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
