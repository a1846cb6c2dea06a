"""Check the label files against the schema and their pages: `python3 eval/check_labels.py [ID ...]`.

Runs on labels only; it never runs the audit.
"""

import sys
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from audits.evaluation.labels import EVAL_DIR, LabelError, load_page


def main(ids: list[str]) -> int:
    paths = [EVAL_DIR / "labels" / f"{i}.yaml" for i in ids] or sorted((EVAL_DIR / "labels").glob("*.yaml"))
    bad = 0
    langs: Counter = Counter()
    kinds: Counter = Counter()
    for p in paths:
        try:
            page = load_page(p, EVAL_DIR / "pages")
        except (LabelError, OSError, KeyError, TypeError) as e:
            print(f"BAD {p.name}: {e}")
            bad += 1
            continue
        langs[page.language + ("-cyr" if page.script == "cyrillic" else "")] += 1
        kinds[page.kind] += 1
        print(f"ok  {page.id}: {len(page.text)} chars, {len(page.spans)} spans, {len(page.claims)} claims, "
              f"{len(page.furniture)} furniture, {len(page.references)} refs")
    print("languages:", dict(langs))
    print("kinds:", dict(kinds))
    return 1 if bad else 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
