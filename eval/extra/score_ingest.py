"""Score ingest (furniture removal, headline) on the extra pages (eval/extra), whose `title` and `furniture`
labels were written by reading only.

    PYTHONPATH=. python eval/extra/score_ingest.py [--json out.json] [--wrong]

Prints furniture precision/recall and title accuracy over all pages, the even-numbered ids (x02, x04, ...: the
half rules may be developed on) and the odd-numbered ids (x01, x03, ...: held out to check they generalise).
Counting follows audits/evaluation/score.py: a removed piece is right when it overlaps a labelled furniture line,
a labelled line is found when a removed piece overlaps it; titles use `title_correct`. Lines are compared by line
number (each labelled text is a whole, stripped line of the page; repeated texts take successive lines).
Pages labelled `title: null` (no headline in the excerpt) are not in the title accuracy; the count of those where
ingest still promoted a line of the text to the title is printed as `false headlines`.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from pathlib import Path

import yaml

from audits.config import AuditConfig
from audits.evaluation.labels import extra_held_out, extra_number
from audits.evaluation.score import Counts, match, title_correct
from audits.ingest import ingest_bytes
from audits.model import Source

EXTRA = Path(__file__).resolve().parent


def gold_lines(page_id: str, text: str, furniture: list[dict]) -> list[list[tuple[int, int]]]:
    """Each labelled furniture text as 1-based half-open line ranges it may stand at (the first is its place).

    A text is a whole stripped line; repeated texts take successive lines. The storage prefix of the first line
    (" date 2025-10-15 ...", a date-line in the dev labels too) is the one labelled text that may start a line.
    A duplicated heading is labelled once and is right in either copy.
    """
    lines = [line.strip() for line in text.split("\n")]
    out, used = [], {}
    for item in furniture or []:
        want = item["text"].strip()
        start = used.get(want, 0)
        at = next((i for i in range(start, len(lines)) if lines[i] == want), None)
        if at is None and re.fullmatch(r"date [\d-]+", want):
            at = next((i for i in range(start, len(lines)) if lines[i].startswith(want + " ")), None)
        if at is None:
            raise ValueError(f"{page_id}: furniture is not a whole line of the page: {want[:60]!r}")
        used[want] = at + 1
        places = [(at + 1, at + 2)]
        if item.get("reason") == "duplicate-heading":
            places += [(i + 1, i + 2) for i, line in enumerate(lines) if line == want and i != at]
        out.append(places)
    return out


def _line_find(text: str, head: str, start: int) -> int:
    """Where head stands from start, preferring an occurrence that opens its line ("stres", not "stresa")."""
    first = at = text.find(head, start)
    while at >= 0:
        if not text[text.rfind("\n", 0, at) + 1:at].strip():
            return at
        at = text.find(head, at + 1)
    return first


def removed_lines(text: str, removed) -> list[tuple[int, int]]:
    """Each removed piece as a line range of the page, found by its text in reading order as score.py does
    (Removed.line counts lines after blank runs were collapsed, so it can fall short of the page's line)."""
    out, cursor = [], 0
    for r in removed:
        head = r.text.strip().split("\n")[0][:80]
        at = _line_find(text, head, cursor) if head else -1
        if at < 0 and head:
            at = _line_find(text, head, 0)
        if at < 0:
            out.append((-2, -1))  # not found verbatim: counted, unmatched
            continue
        cursor = at + len(head)
        first = text.count("\n", 0, at) + 1
        out.append((first, first + 1 + r.text.strip().count("\n")))
    return out


def score_page(page_id: str, text: str, labels: dict, config: AuditConfig, source: Source | None = None) -> dict:
    """Ingest one page (unless ``source`` is its ingested form already) and compare its removed lines and title
    with the labels."""
    if source is None:
        source = ingest_bytes(f"{page_id}.txt", text.encode("utf-8"), config,
                              origin=f"eval/extra/pages/{page_id}.txt")
    pred = removed_lines(text, source.removed)
    places = gold_lines(page_id, text, labels.get("furniture"))
    gold = [next((g for g in alts if any(p[0] < g[1] and g[0] < p[1] for p in pred)), alts[0]) for alts in places]
    counts = match(pred, gold)
    expected = labels.get("title")
    lines = {" ".join(x.split()).casefold() for x in text.split("\n") if x.strip()}
    got = source.title or ""
    return {
        "id": page_id,
        "counts": counts,
        "title_expected": expected,
        "title_got": got,
        "title_ok": None if expected is None else title_correct(expected, got),
        "false_headline": expected is None and " ".join(got.split()).casefold() in lines,
        "false_removed": [f"{r.line}: {r.text.strip()[:70]!r} ({r.reason})" for r, p in zip(source.removed, pred,
                          strict=True) if not any(p[0] < g[1] and g[0] < p[1] for g in gold)],
        "missed": [text.split("\n")[g[0] - 1].strip()[:70] for g in gold
                   if not any(p[0] < g[1] and g[0] < p[1] for p in pred)],
    }


def summary(pages: list[dict]) -> dict:
    """Furniture P/R and title accuracy over some scored pages."""
    total = Counts()
    for p in pages:
        total.add(p["counts"])
    titled = [p for p in pages if p["title_ok"] is not None]
    return {
        "pages": len(pages),
        "furniture": total.figures(),
        "title_accuracy": round(sum(p["title_ok"] for p in titled) / len(titled), 3) if titled else None,
        "titles_measured": len(titled),
        "false_headlines": sum(p["false_headline"] for p in pages),
        "untitled_pages": sum(p["title_expected"] is None for p in pages),
    }


def run(batch: int | None = None) -> dict[str, dict]:
    """Score every extra page; figures for all, even and odd ids (and the batch numbered from ``batch`` on)."""
    config = AuditConfig(fast=True)
    scored = []
    for label_path in sorted((EXTRA / "labels").glob("*.yaml")):
        labels = yaml.safe_load(label_path.read_text(encoding="utf-8"))
        text = (EXTRA / "pages" / f"{label_path.stem}.txt").read_text(encoding="utf-8")
        scored.append(score_page(label_path.stem, text, labels, config))
    even = [p for p in scored if not extra_held_out(p["id"])]
    odd = [p for p in scored if extra_held_out(p["id"])]
    out = {"all": summary(scored), "even": summary(even), "odd": summary(odd), "pages": scored}
    if batch is not None:
        out[f"x{batch}+"] = summary([p for p in scored if extra_number(p["id"]) >= batch])
    return out


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--json", help="write the figures here")
    ap.add_argument("--wrong", choices=("even", "odd", "all"), help="list the errors on these pages")
    ap.add_argument("--batch", type=int, metavar="N", help="also summarise the pages numbered xN and above")
    args = ap.parse_args(argv)
    result = run(args.batch)
    for half in ("all", "even", "odd") + ((f"x{args.batch}+",) if args.batch is not None else ()):
        s = result[half]
        f = s["furniture"]
        print(f"{half:5} pages {s['pages']:3}  furniture P {f['precision']} R {f['recall']} "
              f"(removed {f['predicted']}, labelled {f['labelled']})  titles {s['title_accuracy']} "
              f"of {s['titles_measured']}  false headlines {s['false_headlines']} of {s['untitled_pages']}")
    if args.wrong:
        for p in result["pages"]:
            if args.wrong != "all" and extra_held_out(p["id"]) == (args.wrong == "even"):
                continue
            bad_title = p["title_ok"] is False or p["false_headline"]
            if bad_title or p["false_removed"] or p["missed"]:
                print(f"\n{p['id']}")
                if bad_title:
                    print(f"  title: got {p['title_got']!r}, expected {p['title_expected']!r}")
                for x in p["false_removed"]:
                    print(f"  removed, not furniture: {x}")
                for x in p["missed"]:
                    print(f"  missed: {x!r}")
    if args.json:
        out = {k: v for k, v in result.items() if k != "pages"}
        Path(args.json).write_text(json.dumps(out, indent=2, ensure_ascii=False), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
