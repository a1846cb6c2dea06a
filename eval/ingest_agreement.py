"""How far two labellers agree on a page's headline and its furniture lines, blind to each other.

    PYTHONPATH=. python eval/ingest_agreement.py

A second labeller labelled the title and the furniture lines of 40 dev pages (20 English, 20 in other languages;
drawn with `random.seed(20261202)` from the dev split) from LABELLING.md and the annotation guide alone, without
seeing eval/labels/ (eval/review/ingest-second-labeller/). Titles are compared as the evaluation compares the
tool's (`title_correct`, on the pages whose text holds the first labeller's headline); furniture as lines of the
page: the second labeller's lines as predictions, the first's as the truth, exactly as one line each.
"""

from __future__ import annotations

from pathlib import Path

import yaml

from audits.evaluation.labels import load_page
from audits.evaluation.score import Counts, title_correct

EVAL = Path(__file__).resolve().parent
SECOND = EVAL / "review" / "ingest-second-labeller"


def line_numbers(text: str, quotes: list[str]) -> set[int]:
    """The page lines (0-based) whose stripped text is one of the quotes."""
    wanted = {" ".join(q.split()) for q in quotes}
    return {n for n, line in enumerate(text.split("\n")) if " ".join(line.split()) in wanted and line.strip()}


def main() -> int:
    groups = {"English": [Counts(), 0, 0], "other languages": [Counts(), 0, 0], "all": [Counts(), 0, 0]}
    for path in sorted(SECOND.glob("*.yaml")):
        second = yaml.safe_load(path.read_text(encoding="utf-8"))
        first = load_page(EVAL / "labels" / path.name, EVAL / "pages")
        a = line_numbers(first.text, [f.text for f in first.furniture])
        b = line_numbers(first.text, [str(f["text"]) for f in second.get("furniture") or []])
        counts = Counts(len(a & b), len(b), len(a & b), len(a))
        held = " ".join(first.title.casefold().split()) in " ".join(first.text.casefold().split())
        right = held and title_correct(first.title, second.get("title") or "")
        for key in ("English" if first.language == "en" else "other languages", "all"):
            groups[key][0].add(counts)
            groups[key][1] += held
            groups[key][2] += right
    print(f"{len(list(SECOND.glob('*.yaml')))} dev pages labelled twice (second labeller against the first)")
    for key, (counts, held, right) in groups.items():
        fig = counts.figures()
        titles = f"titles the same on {right} of {held} pages ({right / held:.2f})" if held else "no title measured"
        print(f"  {key:<16} furniture lines P {fig['precision']} R {fig['recall']} ({fig['labelled']} lines of the "
              f"first, {fig['predicted']} of the second); {titles}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
