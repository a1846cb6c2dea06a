"""Evidence rules searched sentence by sentence with the literal check and the gated patterns find the
same claims as the rules' own patterns searched in every sentence (the previous implementation)."""

from __future__ import annotations

from pathlib import Path
from unittest import mock

from hypothesis import given, settings
from hypothesis import strategies as st

import audits.citations.evidence as evidence
from audits.citations.evidence import all_rules, find_evidence_claims
from audits.citations.intext import find_in_text
from audits.model import Source
from audits.prepare import prepare

ROOT = Path(__file__).resolve().parents[2]
RULES = all_rules()
EXAMPLES = sorted({e for r in RULES for e in (*r.flag_examples, *r.pass_examples)})


def _claims(text: str) -> list:
    doc = prepare(Source(id="t", title="t", origin="t.txt", kind="txt", text=text))
    return find_evidence_claims(doc, find_in_text(doc.text, len(doc.text)), RULES, len(doc.text))


def _plain_search(finder, chunk: str, lowered: str):
    """The rule's own pattern, ungated (its 'unless' still cancels it, as it does a finding rule's match)."""
    found = finder.rule_pattern.search(chunk)
    return None if found is not None and finder.unless is not None and finder.unless.search(chunk) else found


def _both(text: str) -> tuple[list, list]:
    fast = _claims(text)
    with mock.patch.object(evidence._Finder, "search", _plain_search):
        plain = _claims(text)
    return fast, plain


def test_seed_and_extra_pages_give_the_same_claims() -> None:
    extra = sorted((ROOT / "eval" / "extra" / "pages").glob("*.txt"))[::16]
    paths = [*sorted((ROOT / "sources").glob("*.txt")), *extra]
    found = 0
    for path in paths:
        fast, plain = _both(path.read_text(encoding="utf-8"))
        assert fast == plain, path.name
        found += len(fast)
    assert found > 0


@settings(max_examples=40, deadline=None)
@given(st.lists(st.sampled_from(EXAMPLES), min_size=1, max_size=6), st.sampled_from([" ", "\n", "\n\n"]),
       st.booleans())
def test_rule_examples_give_the_same_claims(sentences: list[str], joint: str, upper: bool) -> None:
    text = joint.join(sentences)
    fast, plain = _both(text.upper() if upper else text)
    assert fast == plain
