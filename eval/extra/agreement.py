"""How far two labellers agree on promotion and evidence spans, beside how far the tool agrees with each.

    PYTHONPATH=. python eval/extra/agreement.py [--mode fast|default] [--no-tool] [--by-family]

A second labeller labelled a sample of the extra pages (eval/extra/agreement/labels/, spans only) by reading,
without seeing the first labeller's files (eval/extra/labels/). Counting is the evaluation's: a span of one side
is matched when it overlaps a span of the same family group (promotion or unsupported evidence) on the other;
with ``--by-family``, also family by family (a span matched only by a span of its own family).
"Labeller B against A" reads like the tool's figures: B's spans as predictions, A's as the truth; the same
table for the tool shows how far it stands from the ceiling two careful readers set. Pages are sampled by
language group and kind of page (the sample's list and seed are in eval/extra/agreement/README.md).
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

import yaml

from audits.config import AuditConfig
from audits.evaluation.labels import EVIDENCE_FAMILIES, PROMOTION_FAMILIES, PageLabels, load_page, locate_quotes
from audits.evaluation.score import Counts, family_of, match

EXTRA = Path(__file__).resolve().parent
sys.path.insert(0, str(EXTRA))
from score_spans import audit_page  # noqa: E402  (the extra pages' own audit: one page at a time)

SECOND = EXTRA / "agreement" / "labels"
GROUPS = (("promotion", PROMOTION_FAMILIES), ("evidence", EVIDENCE_FAMILIES))
LANGUAGE_GROUPS = ("English", "sr/hr/bs", "Slovenian", "all")


def second_spans(page: PageLabels, path: Path) -> list[tuple[str, int, int]]:
    """The second labeller's spans on a page, located in its text as the label files' quotes are."""
    raw = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    return [(str(d["family"]), s, e) for d, s, e in locate_quotes(page.id, page.text, raw.get("spans"))]


def compare(a: list[tuple[str, int, int]], b: list[tuple[str, int, int]], families: tuple[str, ...]) -> Counts:
    """B's spans as predictions against A's as the truth, within one family group."""
    keep = set(families)
    return match([(s, e) for f, s, e in b if f in keep], [(s, e) for f, s, e in a if f in keep])


def tool_spans(page: PageLabels, config: AuditConfig) -> list[tuple[str, int, int]]:
    """The tool's findings on the page, as (family, start, end) in the page's text."""
    report, to_page = audit_page(page, config)
    out = []
    for f in report.findings:
        family = family_of(f.rule)
        if family:
            s, e = to_page.span(f.start, f.end)
            out.append((family, s, e))
    return out


def _pr(counts: Counts) -> str:
    """"P 0.84 / R 0.70 (30)": precision, recall and how many spans the truth side has."""
    fig = counts.figures()
    p = "–" if fig["precision"] is None else f"{fig['precision']:.2f}"
    r = "–" if fig["recall"] is None else f"{fig['recall']:.2f}"
    return f"P {p} / R {r} ({fig['labelled']})"


def table(rows: dict[str, dict[str, Counts]]) -> str:
    """One line per comparison and family group, P / R by language group."""
    return "\n".join(f"  {name:<34} " + "   ".join(f"{lg} {_pr(by_group[lg])}" for lg in LANGUAGE_GROUPS)
                     for name, by_group in rows.items())


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--mode", choices=("fast", "default"), default="default")
    parser.add_argument("--no-tool", action="store_true", help="labellers only (no audit)")
    parser.add_argument("--by-family", action="store_true", help="also each family on its own (all languages)")
    args = parser.parse_args(argv)
    config = AuditConfig(fast=args.mode == "fast")
    comparisons = ["labeller B against A", "labeller A against B"]
    if not args.no_tool:
        comparisons += [f"tool ({args.mode}) against A", f"tool ({args.mode}) against B"]
    rows: dict[str, dict[str, dict[str, Counts]]] = {
        group: {c: {lg: Counts() for lg in LANGUAGE_GROUPS} for c in comparisons} for group, _ in GROUPS}
    families = [f for _, fams in GROUPS for f in fams]
    by_family: dict[str, dict[str, Counts]] = {f: {c: Counts() for c in comparisons} for f in families}
    paths = sorted(SECOND.glob("*.yaml"))
    for path in paths:
        page = load_page(EXTRA / "labels" / path.name, EXTRA / "pages", require_title=False)
        a = [(s.family, s.start, s.end) for s in page.spans]
        b = second_spans(page, path)
        sides: dict[str, Any] = {"labeller B against A": (a, b), "labeller A against B": (b, a)}
        if not args.no_tool:
            tool = tool_spans(page, config)
            sides[f"tool ({args.mode}) against A"] = (a, tool)
            sides[f"tool ({args.mode}) against B"] = (b, tool)
        for group, group_families in GROUPS:
            for name, (truth, pred) in sides.items():
                counts = compare(truth, pred, group_families)
                rows[group][name][page.group].add(counts)
                rows[group][name]["all"].add(counts)
        for family in families if args.by_family else ():
            for name, (truth, pred) in sides.items():
                by_family[family][name].add(compare(truth, pred, (family,)))
    print(f"{len(paths)} pages labelled twice")
    for group, _ in GROUPS:
        print(f"== {group}")
        print(table(rows[group]))
    if args.by_family:
        print("== by family (all languages)")
        for family in families:
            print(f"  {family:<16} " + "   ".join(f"{name}: {_pr(c)}" for name, c in by_family[family].items()))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
