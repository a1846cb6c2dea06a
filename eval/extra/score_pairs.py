"""Score claim matching (same-claim pairs, cluster purity) on the extra pages' labelled claim pairs.

    PYTHONPATH=. python eval/extra/score_pairs.py [--mode default|fast] [--json out.json]

The 192 extra pages that the pairs in eval/extra/pairs name are audited as one corpus, as a researcher would
audit twenty-odd sites at once, and every pair is counted as `make eval` counts the evaluation corpus's pairs
(audits/evaluation/score.py `pair_figures`: a pair is predicted "same" when its two sentences share a cluster).
The pair scorer and its thresholds were fitted on the evaluation corpus's dev pairs only, so these pairs are
out of its sample; the check-worthiness classifier was fitted on the extra pages' claims, so extraction is not.
Pairs are halved by the number of the alphabetically first page (even: may be looked at to develop a change;
odd: held out, summary figures only). Also printed: contradicting pairs found (a "possible disagreement" note
between the two sentences) and how many such notes the whole audit raised.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter
from pathlib import Path

from audits.config import AuditConfig
from audits.evaluate import prf_row
from audits.evaluation.labels import half_of, load_pairs
from audits.evaluation.run import audit_pages
from audits.evaluation.score import pair_figures
from audits.marketing.trainingdata import load_extra

EXTRA = Path(__file__).resolve().parent


def _lines(name: str, figures: dict) -> list[str]:  # type: ignore[type-arg]
    """The half's same-claim rows as `make eval` prints them, and its cluster purity."""
    same, purity = figures["same_claim"], figures["cluster_purity"]
    rows = [prf_row(f"{name}: {key}", same[key]) for key in ("within-language", "cross-language") if key in same]
    return [*rows, prf_row(f"{name}: contradicting", figures["contradicting"]),
            f"  {name}: cluster purity {purity['purity']} ({purity['clusters']} clusters), {figures['pairs']} pairs"]


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
        print("\n".join(_lines(name, out[name])))
    notes = Counter(f.rule for s in report.sources for f in s.findings if f.category == "claims")
    print(f"  notes raised over the {len(used)} pages: {notes['claims.contradiction']} possible disagreements, "
          f"{notes['claims.certainty-mismatch']} certainty differences")
    by_pair = out["all"]["same_claim"]
    for key in sorted(k for k in by_pair if "↔" in k):
        print(prf_row(f"all: {key}", by_pair[key]))
    if args.json:
        args.json.write_text(json.dumps(out, indent=1, ensure_ascii=False), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
