"""A furniture rule's patterns joined into one alternation fullmatch exactly the lines one of them fullmatches."""

from __future__ import annotations

from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from audits.ingest.furniture import furniture_rules

ROOT = Path(__file__).resolve().parents[2]
RULES = furniture_rules()
EXAMPLES = sorted({e for r in RULES for e in (*r.examples, *r.keep)})


def _same(line: str) -> None:
    for rule in RULES:
        if rule.joined is not None:
            each = any(p.fullmatch(line) for p in rule.patterns)
            assert bool(rule.joined.fullmatch(line)) == each, (rule.reason, line)


def test_most_rules_with_several_patterns_are_joined() -> None:
    several = [r for r in RULES if len(r.patterns) > 1]
    assert several and sum(r.joined is not None for r in several) >= 0.8 * len(several)


def test_lines_of_real_pages_and_rule_examples_match_the_same() -> None:
    paths = [*sorted((ROOT / "sources").glob("*.txt")), *sorted((ROOT / "eval" / "extra" / "pages").glob("*.txt"))]
    lines = {line.strip() for p in paths for line in p.read_text(encoding="utf-8").splitlines()} | set(EXAMPLES)
    for line in sorted(lines):
        _same(line)


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(EXAMPLES), min_size=1, max_size=2).map(" ".join),
       st.integers(0, 40), st.integers(0, 40), st.sampled_from(["", " ", ".", ":", "|", " 2023", "Share"]))
def test_cut_and_glued_examples_match_the_same(text: str, cut_start: int, cut_end: int, tail: str) -> None:
    _same(text)
    _same(text[cut_start:] + tail)
    _same(text[: max(1, len(text) - cut_end)] + tail)
