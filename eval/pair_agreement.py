"""How far two readers agree on claim pairs (same / related / contradicting), blind to each other.

    python3 eval/pair_agreement.py

A second labeller judged a sample of the labelled claim pairs without seeing the first labels: 80 pairs of the
dev split (eval/review/pairs-second-labeller.yaml) and 80 of the extra pages (eval/extra/agreement/pairs.yaml).
Each file repeats the pair (pages and texts) with the second label; this script finds the first label in
eval/pairs/ or eval/extra/pairs/ and prints, per sample and within / across languages, the second reader's
"same" judged against the first's exactly as the evaluation judges the tool's (precision, recall), the
confusion table and Cohen's kappa for same against not same. No test pair is in either sample.
"""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent
SAMPLES = (
    ("dev", ROOT / "review" / "pairs-second-labeller.yaml", ROOT / "pairs"),
    ("extra", ROOT / "extra" / "agreement" / "pairs.yaml", ROOT / "extra" / "pairs"),
)


def _key(item: dict) -> tuple[str, str, str, str]:
    a, b = item["a"], item["b"]
    return (a["page"], " ".join(a["text"].split()), b["page"], " ".join(b["text"].split()))


def first_labels(folder: Path) -> dict[tuple[str, str, str, str], str]:
    """Every labelled pair of a folder by (page, text, page, text)."""
    out = {}
    for path in sorted(folder.glob("*.yaml")):
        for item in yaml.safe_load(path.read_text(encoding="utf-8")) or []:
            out[_key(item)] = item["label"]
    return out


def _side(item: dict) -> str:
    """Within or across languages as the evaluation counts pairs (ClaimPair.cross_language: the two pages'
    languages differ, so Serbian with Croatian is across); a page id opens with its language code."""
    languages = [p.split("-")[0] for p in (item["a"]["page"], item["b"]["page"])]
    return "within" if languages[0] == languages[1] else "across"


def kappa(pairs: list[tuple[bool, bool]]) -> float | None:
    """Cohen's kappa of two yes/no judgements."""
    n = len(pairs)
    if not n:
        return None
    observed = sum(a == b for a, b in pairs) / n
    pa, pb = sum(a for a, _ in pairs) / n, sum(b for _, b in pairs) / n
    chance = pa * pb + (1 - pa) * (1 - pb)
    return None if chance == 1 else (observed - chance) / (1 - chance)


def main() -> int:
    for name, second_file, first_folder in SAMPLES:
        first = first_labels(first_folder)
        items = yaml.safe_load(second_file.read_text(encoding="utf-8")) or []
        rows = [(first[_key(i)], i["label"], _side(i)) for i in items]
        print(f"== {name}: {len(rows)} pairs judged twice")
        for side in ("within", "across", "all"):
            chosen = [(a, b) for a, b, s in rows if side in ("all", s)]
            both = sum(a == b == "same" for a, b in chosen)
            said_b, said_a = sum(b == "same" for _, b in chosen), sum(a == "same" for a, _ in chosen)
            k = kappa([(a == "same", b == "same") for a, b in chosen])
            p = f"{both / said_b:.2f}" if said_b else "–"
            r = f"{both / said_a:.2f}" if said_a else "–"
            ks = "–" if k is None else f"{k:.2f}"
            print(f"  {side:<7} second reader's 'same' against the first's: P {p} R {r}  kappa {ks}  "
                  f"({len(chosen)} pairs, {said_a} same for the first, {said_b} for the second)")
        table = Counter((a, b) for a, b, _ in rows)
        print("  first \\ second: " + "; ".join(f"{a} -> {b}: {n}" for (a, b), n in sorted(table.items())))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
