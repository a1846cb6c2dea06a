"""How far a second, blind reader agrees with the link labels (eval/links/agreement/ against eval/links/labels).

    PYTHONPATH=. python eval/links/agreement.py

The second reader labelled the entries and citations of 20 pages drawn at random (seed 10) from the page files
alone. The first labels are taken as reference: entries match by overlap; a link agrees when the two citation spans
overlap and point to entries that overlap each other. Counted as the evaluation counts the tool (Counts: precision
over the second reader's items, recall over the first's).
"""

from __future__ import annotations

from pathlib import Path

import yaml

from audits.evaluation.align import overlaps
from audits.evaluation.labels import locate_quotes
from audits.evaluation.score import Counts, match

HERE = Path(__file__).resolve().parent


def read(path: Path, text: str) -> tuple[dict[str, tuple[int, int]], list[tuple[int, int, str]]]:
    """(entry id -> span, links as (start, end, entry id)) of one label file."""
    raw = yaml.safe_load(path.read_text(encoding="utf-8"))
    entries = {str(d.get("id")): (s, e) for d, s, e in locate_quotes(raw["id"], text, raw.get("references"))}
    links = [(s, e, str(d["ref"])) for d, s, e in locate_quotes(raw["id"], text, raw.get("citations")) if d.get("ref")]
    return entries, links


def same(a: tuple[int, int, str], b: tuple[int, int, str], entries_a: dict[str, tuple[int, int]],
         entries_b: dict[str, tuple[int, int]]) -> bool:
    """Two links agree: their citation spans overlap and so do the entries they point to."""
    return (overlaps(a[:2], b[:2]) and a[2] in entries_a and b[2] in entries_b
            and overlaps(entries_a[a[2]], entries_b[b[2]]))


def main() -> int:
    entries_total, links_total = Counts(), Counts()
    second_files = sorted((HERE / "agreement").glob("*.yaml"))
    for second in second_files:
        text = (HERE / "pages" / f"{second.stem}.txt").read_text(encoding="utf-8")
        gold_entries, gold_links = read(HERE / "labels" / second.name, text)
        got_entries, got_links = read(second, text)
        entries_total.add(match(list(got_entries.values()), list(gold_entries.values())))

        tp_got = sum(any(same(g, r, got_entries, gold_entries) for r in gold_links) for g in got_links)
        tp_gold = sum(any(same(g, r, got_entries, gold_entries) for g in got_links) for r in gold_links)
        links_total.add(Counts(tp_got, len(got_links), tp_gold, len(gold_links)))
    e, ln = entries_total.figures(), links_total.figures()
    print(f"pages {len(second_files)}  entries P {e['precision']} R {e['recall']} (second {e['predicted']}, first "
          f"{e['labelled']})  links P {ln['precision']} R {ln['recall']} (second {ln['predicted']}, first "
          f"{ln['labelled']})")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
