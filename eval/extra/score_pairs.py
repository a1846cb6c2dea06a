"""Score claim matching (same-claim pairs, cluster purity) on the extra pages' labelled claim pairs.

    PYTHONPATH=. python eval/extra/score_pairs.py [--mode default|fast] [--json out.json] [--save-report F]

The 192 extra pages that the pairs in eval/extra/pairs name are audited as one corpus, as a researcher would
audit twenty-odd sites at once, and every pair is counted as `make eval` counts the evaluation corpus's pairs
(audits/evaluation/score.py `pair_figures`: a pair is predicted "same" when its two sentences share a cluster).
The pair scorer and its thresholds were fitted on the evaluation corpus's dev pairs only, so these pairs are
out of its sample; the check-worthiness classifier was fitted on the extra pages' claims, so extraction is not.
Pairs are halved by the number of the alphabetically first page (even: may be looked at to develop a change;
odd: held out, summary figures only).
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from audits.config import AuditConfig
from audits.evaluation.labels import half_of, load_pairs
from audits.evaluation.run import audit_pages
from audits.evaluation.score import pair_figures
from audits.marketing.trainingdata import load_extra

EXTRA = Path(__file__).resolve().parent


def _line(name: str, figures: dict) -> str:  # type: ignore[type-arg]
    same = figures["same_claim"]

    def pr(key: str) -> str:
        f = same.get(key)
        if not f:
            return f"{key} –"
        p = "–" if f["precision"] is None else f"{f['precision']:.2f}"
        r = "–" if f["recall"] is None else f"{f['recall']:.2f}"
        return f"{key} P {p} / R {r} ({f['labelled']}, {f['predicted']} predicted)"

    purity = figures["cluster_purity"]
    return (f"{name:5} pairs {figures['pairs']:3}  {pr('within-language')}   {pr('cross-language')}   "
            f"purity {purity['purity']} ({purity['clusters']} clusters)")


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--mode", choices=("default", "fast"), default="default")
    ap.add_argument("--json", type=Path, help="write the figures here")
    args = ap.parse_args(argv)
    pages = {p.id: p for p in load_extra(EXTRA)}
    pairs = load_pairs(pages, EXTRA)
    used = sorted({p.a_page for p in pairs} | {p.b_page for p in pairs})
    report, audits = audit_pages([pages[pid] for pid in used], AuditConfig(fast=args.mode == "fast"))
    out = {}
    for name in ("all", "even", "odd"):
        chosen = [p for p in pairs if name == "all" or half_of(min(p.a_page, p.b_page)) == name]
        out[name] = pair_figures(report, audits, chosen)
        print(_line(name, out[name]))
    by_pair = out["all"]["same_claim"]
    for key in sorted(k for k in by_pair if "↔" in k):
        f = by_pair[key]
        print(f"      {key}: P {f['precision']} / R {f['recall']} ({f['labelled']})")
    if args.json:
        args.json.write_text(json.dumps(out, indent=1, ensure_ascii=False), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
