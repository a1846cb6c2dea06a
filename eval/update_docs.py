"""Rewrite the tables of docs/evaluation.md from eval/results.json: `python3 eval/update_docs.py`."""

import json
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from audits.evaluate import format_markdown  # noqa: E402


def main() -> int:
    results = json.loads((ROOT / "eval" / "results.json").read_text(encoding="utf-8"))
    doc = ROOT / "docs" / "evaluation.md"
    text = doc.read_text(encoding="utf-8")
    for split in ("test", "dev"):
        table = format_markdown(results, split)
        text = re.sub(rf"<!-- {split}-table -->.*?<!-- /{split}-table -->",
                      lambda _m, t=table, s=split: f"<!-- {s}-table -->\n{t}\n<!-- /{s}-table -->", text, flags=re.S)
    doc.write_text(text, encoding="utf-8")
    print(f"updated {doc}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
