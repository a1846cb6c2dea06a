"""Score the headline finder on pages labelled for their headline only (eval/titles), by halves.

    PYTHONPATH=. python eval/titles/score_titles.py [--wrong even]

Each page is ingested as a text file, as the evaluation ingests its pages, and the source's title compared with the
labelled headline (`title_correct`). Pages labelled `title: null` (the excerpt opens in the body) are counted apart:
a title the tool promotes from their text is a false headline. Halves by the parity of the number ending the id:
rules may be written from the even half; the odd half is held out, and only its summary is printed.
"""

from __future__ import annotations

import argparse
import importlib.util
from functools import cache
from pathlib import Path

import yaml

from audits.config import AuditConfig
from audits.evaluation.labels import half_of
from audits.evaluation.score import Counts, title_correct
from audits.ingest import _title_from_name, ingest_bytes

HERE = Path(__file__).resolve().parent


@cache
def _score_ingest():
    """eval/extra/score_ingest.py (loaded once), whose furniture counting (line ranges, a duplicated heading right
    in either copy) scores the pages labelled for their furniture too."""
    spec = importlib.util.spec_from_file_location("score_ingest", HERE.parent / "extra" / "score_ingest.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def judge(path: Path, config: AuditConfig) -> dict:
    """One page: its labelled headline, the title the tool gives it, and whether they agree."""
    label = yaml.safe_load(path.read_text(encoding="utf-8"))
    text = (HERE / "pages" / f"{label['id']}.txt").read_text(encoding="utf-8")
    source = ingest_bytes(f"{label['id']}.txt", text.encode("utf-8"), config)
    got = source.title or ""
    expected = label.get("title")
    fallback = got == _title_from_name(f"{label['id']}.txt")  # no headline: the file name in words
    furniture = None
    if "furniture" in label:  # labelled for its furniture lines too (t10-*)
        furniture = _score_ingest().score_page(label["id"], text, label, config, source)
    return {"id": label["id"], "half": half_of(label["id"]), "language": label["language"], "expected": expected,
            "got": got, "right": bool(expected) and title_correct(expected, got),
            "false_headline": not expected and not fallback, "furniture": furniture}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--wrong", choices=("even",), help="list the wrong titles of the even half")
    args = parser.parse_args(argv)
    config = AuditConfig(fast=True)
    rows = [judge(p, config) for p in sorted((HERE / "labels").glob("*.yaml"))]
    for name in ("all", "even", "odd"):
        chosen = [r for r in rows if name in ("all", r["half"])]
        titled = [r for r in chosen if r["expected"]]
        right = sum(r["right"] for r in titled)
        nulls = [r for r in chosen if not r["expected"]]
        share = f"{right / len(titled):.3f}" if titled else "–"
        furniture = Counts()
        for r in chosen:
            if r["furniture"]:
                furniture.add(r["furniture"]["counts"])
        f = furniture.figures()
        print(f"{name:<5} pages {len(chosen)}  titles right {right} of {len(titled)} ({share})  "
              f"false headlines {sum(r['false_headline'] for r in nulls)} of {len(nulls)}  "
              f"furniture P {f['precision']} R {f['recall']} (removed {f['predicted']}, labelled {f['labelled']}, "
              f"{sum(1 for r in chosen if r['furniture'])} pages)")
    if args.wrong:
        for r in rows:
            if r["half"] == args.wrong and ((r["expected"] and not r["right"]) or r["false_headline"]):
                print(f"  {r['id']}: got {r['got']!r}, expected {r['expected']!r}")
        for r in rows:
            if r["half"] == args.wrong and r["furniture"]:
                for line in r["furniture"]["missed"]:
                    print(f"  {r['id']} furniture missed: {line!r}")
                for line in r["furniture"]["false_removed"]:
                    print(f"  {r['id']} removed, not furniture: {line}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
