"""Score reference entries and citation-to-entry links on pages labelled for them only (eval/links), by halves.

    PYTHONPATH=. python eval/links/score_links.py [--wrong even]

Each page is ingested as a text file and audited on its own in fast mode, as the evaluation audits its pages, and
counted with the evaluation's own `reference_counts` (audits/evaluation/score.py): entries by overlap, a link right
when the citation's span overlaps the labelled one and resolves to the labelled entry. Halves by the parity of the
number ending the id: rules may be written from the even half; the odd half is held out, and only its summary is
printed.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from audits.config import AuditConfig
from audits.engine import run_audit
from audits.evaluation.align import OffsetMap, overlaps
from audits.evaluation.labels import LabelError, half_of, load_page
from audits.evaluation.score import Counts, PageAudit, links_matched, reference_counts, reference_links
from audits.ingest import ingest_bytes

HERE = Path(__file__).resolve().parent


def audit(path: Path, config: AuditConfig) -> PageAudit:
    """One labelled page beside its audit."""
    labels = load_page(path, HERE / "pages", require_title=False)
    source = ingest_bytes(f"{labels.id}.txt", labels.text.encode("utf-8"), config,
                          origin=f"eval/links/pages/{labels.id}.txt")
    report = run_audit([source], config).sources[0]
    return PageAudit(labels, report, OffsetMap(report.source.text, labels.text))


def wrong(page: PageAudit) -> list[str]:
    """What a reader would check on one page: labelled entries not found, links missed or wrong."""
    section = page.report.sections.get("citations", {})
    refs = [page.span(int(r["start"]), int(r["end"])) for r in section.get("references", []) or []]
    out = [f"entry missed: {g.text[:80]!r}" for g in page.labels.references
           if not any(overlaps(r, (g.start, g.end)) for r in refs)]
    text = page.labels.text
    out += [f"entry wrong: {text[s:e][:80]!r}" for s, e in refs
            if not any(overlaps((s, e), (g.start, g.end)) for g in page.labels.references)]
    _, predicted, gold = reference_links(page)
    right, found = links_matched(predicted, gold)
    tool = {page.span(int(c["start"]), int(c["end"])): (c.get("status"), c.get("resolved_to"))
            for c in section.get("in_text", []) or []}
    for (s, e, ref), ok in zip(gold, found, strict=True):
        if not ok:
            hits = [v for span, v in tool.items() if overlaps(span, (s, e))]
            out.append(f"link missed {text[s:e]!r} -> {ref}: tool {hits or 'no citation'}")
    out += [f"link wrong {text[a:b]!r} -> {sorted(map(str, targets))}"
            for ((a, b), targets), ok in zip(predicted, right, strict=True) if not ok]
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--wrong", choices=["even"], help="list each even page's labels and what the tool did")
    args = parser.parse_args(argv)
    config = AuditConfig(fast=True)
    audits = []
    for path in sorted((HERE / "labels").glob("*.yaml")):
        try:
            audits.append(audit(path, config))
        except LabelError as exc:  # a label that does not fit its page is reported, not scored
            print(f"not scored: {exc}", file=sys.stderr)
    for name in ("all", "even", "odd"):
        entries, links = Counts(), Counts()
        part = [a for a in audits if name in ("all", half_of(a.labels.id))]
        for a in part:
            e, ln = reference_counts(a)
            entries.add(e)
            links.add(ln)
        fe, fl = entries.figures(), links.figures()
        print(f"{name:<5} pages {len(part):>3}  entries P {fe['precision']} R {fe['recall']} "
              f"(predicted {fe['predicted']}, labelled {fe['labelled']})  links P {fl['precision']} R {fl['recall']} "
              f"(predicted {fl['predicted']}, labelled {fl['labelled']})")
    if args.wrong:
        for a in audits:
            if half_of(a.labels.id) == "even":
                print(f"\n{a.labels.id}")
                for line in wrong(a):
                    print(f"  {line}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
