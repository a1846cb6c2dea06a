"""Language identification on every labelled page outside the evaluation corpus (eval/kinds, eval/extra,
eval/titles, eval/links), halved like the other held-out checks.

    PYTHONPATH=. python eval/score_language.py [--wrong even]

The pages were labelled for other purposes (publisher kind, spans, titles, reference lists), each with its
language by reading, so no language rule was written from them before session 16; since then rules may be
developed on the even-numbered pages (the number at the end of the id), the odd ones are held out (summary
figures only). Each page's text is detected on its own (``detect_language``), as a pasted page would be.
"Asked" counts the pages whose confidence is below 0.5: the report says it is unsure and asks the user.
The test split of eval/ is never read.
"""

from __future__ import annotations

import argparse
import collections
from pathlib import Path

from audits.evaluation.labels import half_of
from audits.prepare.language import detect_language
from audits.prepare.rule_files import load_yaml

EVAL = Path(__file__).resolve().parent
SETS = ("kinds", "extra", "titles", "links")
FAMILY = ("sr", "hr", "bs")


def rows() -> list[tuple[str, str, str, float, bool]]:
    """(id, labelled, detected, confidence, held out) for every labelled page with a language."""
    out = []
    for name in SETS:
        for label in sorted((EVAL / name / "labels").glob("*.yaml")):
            data = load_yaml(label.read_text(encoding="utf-8"))
            page = EVAL / name / "pages" / f"{label.stem}.txt"
            if not data.get("language") or not page.exists():
                continue
            got = detect_language(page.read_text(encoding="utf-8"))
            out.append((label.stem, str(data["language"]), got.code, got.confidence, half_of(label.stem) == "odd"))
    return out


def summary(part: list[tuple[str, str, str, float, bool]]) -> str:
    """Accuracy overall and within sr/hr/bs, how many wrong answers were asked about, the confusion within."""
    right = sum(a == b for _, a, b, _, _ in part)
    family = [r for r in part if r[1] in FAMILY]
    family_right = sum(a == b for _, a, b, _, _ in family)
    serbian = [r for r in family if r[1] == "sr"]
    wrong_sure = sum(1 for _, a, b, c, _ in family if a != b and c >= 0.5)
    wrong_asked = sum(1 for _, a, b, c, _ in family if a != b and c < 0.5)
    right_asked = sum(1 for _, a, b, c, _ in family if a == b and c < 0.5)
    confusion = collections.Counter(f"{a}->{b}" for _, a, b, _, _ in family)
    return (f"pages {len(part)}  accuracy {right / len(part):.3f}  sr/hr/bs {family_right / len(family):.3f} "
            f"({len(family)})  Serbian {sum(a == b for _, a, b, _, _ in serbian) / len(serbian):.3f} "
            f"({len(serbian)})\n      within sr/hr/bs: wrong and sure {wrong_sure}, wrong and asked {wrong_asked}, "
            f"right but asked {right_asked}  {dict(sorted(confusion.items()))}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--wrong", choices=["even"], help="list the wrong pages of the even half")
    args = parser.parse_args()
    found = rows()
    for name, part in (("all", found), ("even", [r for r in found if not r[4]]),
                       ("odd", [r for r in found if r[4]])):
        print(f"{name:5} {summary(part)}")
    if args.wrong:
        for pid, a, b, c, held_out in found:
            if not held_out and a != b:
                print(f"  {pid}: labelled {a}, detected {b} (confidence {c})")


if __name__ == "__main__":
    main()
