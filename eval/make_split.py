"""Assign each page to dev or test once: `python3 eval/make_split.py` (seeded, stratified).

Pages are grouped by language group and kind; each group is shuffled with a fixed seed and about
40 % of it goes to test (at least 35 % overall). Pages already in split.json keep their split, so
growing the corpus never moves a page: test stays test.
"""

import json
import random
import sys
from collections import defaultdict
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from audits.evaluation.labels import EVAL_DIR, load_corpus

SEED = 20261201
TEST_SHARE = 0.4


def main() -> int:
    pages = load_corpus(EVAL_DIR)
    path = EVAL_DIR / "split.json"
    split = json.loads(path.read_text()) if path.exists() else {}
    strata = defaultdict(list)
    for p in pages.values():
        if p.id not in split:
            strata[(p.group, p.kind)].append(p.id)
    rng = random.Random(SEED)
    seen = assigned = 0
    for key in sorted(strata):
        ids = sorted(strata[key])
        rng.shuffle(ids)
        for page_id in ids:
            seen += 1
            to_test = round(TEST_SHARE * seen) > assigned
            split[page_id] = "test" if to_test else "dev"
            assigned += to_test
    path.write_text(json.dumps(dict(sorted(split.items())), indent=1) + "\n")
    n_test = sum(v == "test" for v in split.values())
    print(f"{len(split)} pages: {n_test} test ({n_test / len(split):.0%}), {len(split) - n_test} dev")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
