"""docs/marketing.md keeps in step with the rules: every rule listed, the sample rule file valid."""

from __future__ import annotations

import re
from pathlib import Path

from audits.marketing.matching import find_matches
from audits.marketing.rules import load_rules, parse_rule_text
from audits.marketing.score import DENSITY_SCALE, MIN_WORDS, REGION_FULL

DOCS = Path(__file__).resolve().parent.parent.parent / "docs"


def test_every_rule_is_documented_with_its_weight():
    text = (DOCS / "marketing.md").read_text(encoding="utf-8")
    for rule in load_rules():
        row = re.search(rf"^\| `{re.escape(rule.id)}` \|.*$", text, re.MULTILINE)
        assert row, f"{rule.id} missing from docs/marketing.md"
        cells = [c.strip() for c in row.group(0).strip("|").split("|")]
        assert cells[3] == rule.severity.value and float(cells[4]) == rule.weight, rule.id


def test_the_sample_rule_file_in_the_docs_loads_and_its_examples_hold():
    text = (DOCS / "marketing.md").read_text(encoding="utf-8")
    sample = re.search(r"```yaml\n(.*?)```", text, re.DOTALL).group(1)
    (rule,) = parse_rule_text(sample, "docs/marketing.md")
    assert rule.id == "marketing.house.quick-fix"
    for example in rule.examples.flag:
        assert find_matches(example, [rule], "en"), example
    for example in rule.examples.pass_:
        assert not find_matches(example, [rule], "en"), example


def test_scores_doc_has_the_marketing_section():
    text = (DOCS / "scores.md").read_text(encoding="utf-8")
    assert "## Marketing" in text
    assert f"1 − exp(−D / {DENSITY_SCALE:g})" in text
    assert f"r = min(1, R / {REGION_FULL:.2f})" in text
    assert f"max(words, {MIN_WORDS})" in text
