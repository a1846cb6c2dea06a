"""Score promotion and unsupported-evidence findings, and marketing scores by kind of page, on the extra pages
(eval/extra), whose spans were labelled by reading only.

    PYTHONPATH=. python eval/extra/score_spans.py [--mode fast|default] [--json out.json] [--missed]

The extra pages are training data for the marketing learned layer, so in default mode the learned layer's
figures here are in-sample; the rules' figures (``--mode fast``, or default with the model switched off) are an
honest check only for rules not written from these pages. Rules may be developed on the even-numbered ids
(x02, x04, ...); the odd-numbered ids are held out to check they generalise. Counting is the evaluation's
(audits/evaluation/score.py): precision over findings, recall over labelled spans, overlap is a match. The
pages are audited one by one, so the figures do not depend on which pages are audited together.
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
from pathlib import Path
from typing import Any

from audits.config import AuditConfig
from audits.engine import run_audit
from audits.evaluation.align import OffsetMap
from audits.evaluation.labels import (
    EVIDENCE_FAMILIES,
    PROMOTION_FAMILIES,
    PUBLIC_KINDS,
    SALES_KINDS,
    PageLabels,
    extra_held_out,
    extra_number,
    load_page,
)
from audits.evaluation.score import Counts, family_of, match
from audits.ingest import ingest_bytes
from audits.report import SourceReport

EXTRA = Path(__file__).resolve().parent


def audit_page(page: PageLabels, config: AuditConfig) -> tuple[SourceReport, OffsetMap]:
    """One page's report, audited on its own, and the map from its cleaned text to the page."""
    source = ingest_bytes(f"{page.id}.txt", page.text.encode("utf-8"), config, origin=f"eval/extra/pages/{page.id}.txt")
    report = run_audit([source], config).sources[0]
    return report, OffsetMap(report.source.text, page.text)


def page_figures(page: PageLabels, report: SourceReport, to_page: OffsetMap) -> dict[str, Any]:
    """Counts per family group, the marketing score and what was missed or wrongly flagged."""
    out: dict[str, Any] = {"id": page.id, "kind": page.kind, "group": page.group,
                           "marketing": report.score("marketing")}
    for name, families in (("promotion", PROMOTION_FAMILIES), ("evidence", EVIDENCE_FAMILIES)):
        fams = set(families)
        found = [(f, to_page.span(f.start, f.end)) for f in report.findings if family_of(f.rule) in fams]
        gold = [s for s in page.spans if s.family in fams]
        out[name] = match([p for _, p in found], [(s.start, s.end) for s in gold])
        out[f"{name}_missed"] = [f"{s.family}: {s.text[:90]!r}" for s in gold
                                 if not any(p[0] < s.end and s.start < p[1] for _, p in found)]
        out[f"{name}_false"] = [f"{f.rule}: {page.text[p[0]:p[1]][:90]!r}" for f, p in found
                                if not any(p[0] < s.end and s.start < p[1] for s in gold)]
    return out


def summary(pages: list[dict[str, Any]]) -> dict[str, Any]:
    """Promotion and evidence P/R by language group, marketing scores by kind."""
    out: dict[str, Any] = {"pages": len(pages)}
    for name in ("promotion", "evidence"):
        groups: dict[str, Any] = {}
        for group in ("English", "sr/hr/bs", "Slovenian", "all"):
            total = Counts()
            for p in pages:
                if group in ("all", p["group"]):
                    total.add(p[name])
            groups[group] = total.figures()
        out[name] = groups
    sales = [p["marketing"] for p in pages if p["kind"] in SALES_KINDS and p["marketing"] is not None]
    public = [p for p in pages if p["kind"] in PUBLIC_KINDS and p["marketing"] is not None]
    out["marketing_sales_median"] = round(statistics.median(sales), 1) if sales else None
    out["marketing_sales_pages"] = len(sales)
    out["marketing_sales_at_least_30"] = sum(v >= 30 for v in sales)
    out["marketing_public_pages"] = len(public)
    out["marketing_public_over_10"] = [f"{p['id']} ({p['marketing']:.0f})" for p in public if p["marketing"] > 10]
    return out


def run(mode: str, batch: int | None = None) -> tuple[dict[str, Any], list[dict[str, Any]]]:
    """Score every extra page; summaries for all, even and odd ids (and the batch from ``batch`` on)."""
    config = AuditConfig(fast=mode == "fast")
    scored = []
    for label_path in sorted((EXTRA / "labels").glob("*.yaml")):
        page = load_page(label_path, EXTRA / "pages", require_title=False)
        report, to_page = audit_page(page, config)
        scored.append(page_figures(page, report, to_page))
    halves = {
        "all": scored,
        "even (rules may be written from)": [p for p in scored if not extra_held_out(p["id"])],
        "odd (held out)": [p for p in scored if extra_held_out(p["id"])],
    }
    if batch is not None:
        halves[f"batch x{batch}+ (before rules were written from it)"] = [
            p for p in scored if extra_number(p["id"]) >= batch]
    return {name: summary(pages) for name, pages in halves.items()}, scored


def _fig(fig: dict[str, Any]) -> str:
    p, r = fig.get("precision"), fig.get("recall")
    return f"P {'-' if p is None else f'{p:.2f}'} / R {'-' if r is None else f'{r:.2f}'} ({fig.get('labelled', 0)})"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--mode", choices=("fast", "default"), default="fast")
    parser.add_argument("--json", type=Path, help="write every page's figures here")
    parser.add_argument("--missed", action="store_true",
                        help="list missed spans and false findings on the even pages (the odd half is held out)")
    parser.add_argument("--batch", type=int, metavar="N", help="also summarise the pages numbered xN and above")
    args = parser.parse_args(argv)
    results, scored = run(args.mode, args.batch)
    for half, s in results.items():
        print(f"== {half}: {s['pages']} pages ({args.mode} mode)")
        for name in ("promotion", "evidence"):
            print(f"  {name:9}  " + "   ".join(f"{g} {_fig(f)}" for g, f in s[name].items()))
        print(f"  marketing: sales pages median {s['marketing_sales_median']} "
              f"({s['marketing_sales_at_least_30']} of {s['marketing_sales_pages']} at >= 30); "
              f"public/charity over 10: {len(s['marketing_public_over_10'])} of {s['marketing_public_pages']} "
              f"{s['marketing_public_over_10']}")
    if args.missed:
        for p in (p for p in scored if not extra_held_out(p["id"])):
            lines = [f"  missed {x}" for k in ("promotion_missed", "evidence_missed") for x in p[k]]
            lines += [f"  false  {x}" for k in ("promotion_false", "evidence_false") for x in p[k]]
            if lines:
                print(f"{p['id']} (marketing {p['marketing']}):", *lines, sep="\n")
    if args.json:
        for p in scored:
            for name in ("promotion", "evidence"):
                p[name] = p[name].figures()
        args.json.write_text(json.dumps({"summary": results, "pages": scored}, indent=1), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
