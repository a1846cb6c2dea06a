"""Evidence rules absent from a page's text are not tried sentence by sentence: the same claims and counts."""

from __future__ import annotations

from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from audits.citations.evidence import all_rules, count_named_sources, find_evidence_claims
from audits.citations.intext import find_in_text
from audits.model import Source
from audits.prepare import prepare
from audits.prepare.language import latin_with_offsets
from audits.prepare.literals import folded, may_match

SOURCES = Path(__file__).resolve().parents[2] / "sources"
RULES = all_rules()
EXAMPLES = sorted({e for r in RULES for e in (*r.flag_examples, *r.pass_examples)})


def _both(text: str) -> tuple[tuple, tuple]:
    doc = prepare(Source(id="t", title="t", origin="t.txt", kind="txt", text=text))
    citations = find_in_text(doc.text, len(doc.text))
    lowered = folded(latin_with_offsets(doc.text)[0])
    present = tuple(r for r in RULES if r.applies_to(doc.language.code) and may_match(r.pattern, lowered))
    every = (find_evidence_claims(doc, citations, RULES, len(doc.text)), count_named_sources(doc, RULES, len(doc.text)))
    some = (find_evidence_claims(doc, citations, present, len(doc.text)),
            count_named_sources(doc, present, len(doc.text)))
    return every, some


def test_seed_articles_give_the_same_claims_with_the_present_rules_only() -> None:
    found = 0
    for path in sorted(SOURCES.glob("*.txt")):
        every, some = _both(path.read_text(encoding="utf-8"))
        assert every == some
        found += len(every[0])
    assert found > 0


@settings(max_examples=60, deadline=None)
@given(st.lists(st.sampled_from(EXAMPLES), min_size=1, max_size=6), st.sampled_from([" ", "\n", "\n\n"]))
def test_rule_examples_give_the_same_claims_with_the_present_rules_only(sentences: list[str], joint: str) -> None:
    every, some = _both(joint.join(sentences))
    assert every == some
