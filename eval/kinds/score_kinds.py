"""Score the marketing score's page targets on pages labelled for their kind only (eval/kinds), by halves.

    PYTHONPATH=. python eval/kinds/score_kinds.py [--mode fast|default] [--list even] [--json out.json] [--from-address]

Issue 13 asks that every public-service or charity page score at most 10 for marketing and that the median clinic,
therapist or coach page score at least 30. The test split holds 7 and 16 such pages; these pages add more, labelled
for the publisher's kind alone (a quick, reliable label) before the tool ran on them. Each page is ingested as a
text file and audited on its own; the marketing score is printed by half and language group. Halves by the parity
of the number ending the id: rules may be written from the even half; the odd half is held out and only its summary
is printed. ``--list even`` lists every even page with its score and the families that fired. ``--from-address``
audits each page as read from its labelled web address (the address is context: docs/scores.md), as a user who
gives the tool URLs would see it; by default a page is a text file.
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
from pathlib import Path

import yaml

from audits.config import AuditConfig
from audits.engine import run_audit
from audits.evaluation.labels import PUBLIC_KINDS, SALES_KINDS, half_of
from audits.ingest import ingest_bytes

HERE = Path(__file__).resolve().parent
GROUPS = {"en": "English", "sr": "sr/hr/bs", "hr": "sr/hr/bs", "bs": "sr/hr/bs", "sl": "Slovenian"}


def judge(label_path: Path, config: AuditConfig, from_address: bool = False) -> dict:
    """One page: its kind, language group, half and marketing score, and the promotion families that fired."""
    label = yaml.safe_load(label_path.read_text(encoding="utf-8"))
    page = HERE / "pages" / f"{label['id']}.txt"
    origin = label["url"] if from_address else f"eval/kinds/pages/{page.name}"
    source = ingest_bytes(page.name, page.read_bytes(), config, origin=origin)
    report = run_audit([source], config).sources[0]
    families = sorted({f.rule.split(".")[1] for f in report.findings if f.rule.startswith("marketing.")})
    return {"id": label["id"], "kind": label["kind"], "group": GROUPS.get(label["language"], "other"),
            "half": half_of(label["id"]), "marketing": report.score("marketing"), "families": families,
            "institutional": bool(report.sections.get("marketing", {}).get("institutional"))}


def summary(rows: list[dict]) -> dict:
    """Public/charity pages over 10 and the sales pages' median, as issue 13 states its targets."""
    public = [r for r in rows if r["kind"] in PUBLIC_KINDS and r["marketing"] is not None]
    sales = [r["marketing"] for r in rows if r["kind"] in SALES_KINDS and r["marketing"] is not None]
    return {"public": len(public), "public_over_10": sum(r["marketing"] > 10 for r in public),
            "public_max": max((r["marketing"] for r in public), default=None),
            "sales": len(sales), "sales_median": round(statistics.median(sales), 1) if sales else None,
            "sales_at_least_30": sum(v >= 30 for v in sales)}


def line(name: str, s: dict) -> str:
    return (f"{name:<22} public/charity {s['public']:>3}: over 10 {s['public_over_10']:>2} (max {s['public_max']})   "
            f"clinic/therapist/coach {s['sales']:>3}: median {s['sales_median']}, "
            f"at least 30: {s['sales_at_least_30']}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--mode", choices=("fast", "default"), default="fast")
    parser.add_argument("--list", choices=("even",), help="list every page of the even half")
    parser.add_argument("--json", type=Path, help="write every page's figures here")
    parser.add_argument("--from-address", action="store_true", help="read each page from its labelled web address")
    args = parser.parse_args(argv)
    config = AuditConfig(fast=args.mode == "fast")
    rows = [judge(p, config, args.from_address) for p in sorted((HERE / "labels").glob("*.yaml"))]
    print(f"{len(rows)} pages ({args.mode} mode{', read from their addresses' if args.from_address else ''})")
    for half in ("all", "even", "odd"):
        chosen = [r for r in rows if half in ("all", r["half"])]
        print(line(half, summary(chosen)))
        for group in ("English", "sr/hr/bs", "Slovenian"):
            print(line(f"  {group}", summary([r for r in chosen if r["group"] == group])))
    if args.list:
        for r in rows:
            if r["half"] == args.list and r["kind"] in (*PUBLIC_KINDS, *SALES_KINDS):
                mark = "institutional" if r["institutional"] else ""
                print(f"  {r['id']:<12} {r['kind']:<15} {r['marketing']:>5}  {' '.join(r['families'])}  {mark}")
    if args.json:
        args.json.write_text(json.dumps(rows, indent=1), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
