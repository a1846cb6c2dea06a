"""List the labelled claims, for finding claim pairs by reading: `python3 eval/list_claims.py [--split S] [WORD ...]`
(`--extra`: the claims of the eval/extra pages instead, whose pairs go to eval/extra/pairs/).

Prints `split  page  language  claim`, one claim a line; with words, only claims containing any of
them (case-insensitive). A neutral helper for people labelling pairs: it never runs the audit.
"""

import argparse
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from audits.evaluation.labels import EVAL_DIR, load_corpus, load_split


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--split", choices=("dev", "test"))
    parser.add_argument("--extra", action="store_true", help="the eval/extra pages' claims")
    parser.add_argument("words", nargs="*")
    args = parser.parse_args()
    split = load_split(EVAL_DIR)
    if args.extra:
        from audits.marketing.trainingdata import load_extra

        corpus = load_extra()
    else:
        corpus = list(load_corpus(EVAL_DIR).values())
    for page in corpus:
        where = "extra" if args.extra else split.get(page.id, "?")
        if args.split and where != args.split:
            continue
        for claim in page.claims:
            text = " ".join(claim.text.split())
            if not args.words or any(w.lower() in text.lower() for w in args.words):
                print(f"{where}\t{page.id}\t{page.language}\t{text}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
