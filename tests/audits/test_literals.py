"""Required literals: a pattern is only skipped on text it cannot match (property tests against re itself)."""

from __future__ import annotations

import re
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from audits.marketing.rules import load_rules
from audits.prepare.literals import Folded, folded, may_match, required_literals
from audits.readability.jargon import load_glossary
from tests.audits.regex_strategies import regexes

SOURCES = Path(__file__).resolve().parents[2] / "sources"
# Letters re folds in unusual ways are in the alphabet on purpose: dotted/dotless i, long s, Kelvin sign, micro sign.
ALPHABET = "abcsikSIKxyz ſıİKµμΣσς-'’.,\n0123456789čćšžđČŠ"

_atom = st.one_of(
    st.sampled_from(list("abcsikSIKxz ſıİKµμσčČ-")).map(re.escape),
    st.sampled_from([r"\w", r"\s", r"\d", ".", "[abc]", "[sS]", "[^a]", "[a-c]", r"\b", "^", "$",
                     r"(?<!\w)", r"(?!\w)"]),
)


def _regex() -> st.SearchStrategy[str]:
    return regexes(_atom)


@settings(max_examples=400, deadline=None)
@given(_regex(), st.booleans(), st.text(alphabet=ALPHABET, max_size=40), st.text(alphabet=ALPHABET, max_size=8))
def test_a_pattern_that_matches_is_never_skipped(body: str, ignore_case: bool, text: str, around: str) -> None:
    pattern = re.compile(body, re.IGNORECASE if ignore_case else 0)
    for candidate in (text, around + text.upper() + around, text.swapcase()):
        if pattern.search(candidate):
            assert may_match(pattern, folded(candidate))


@settings(max_examples=300, deadline=None)
@given(_regex(), st.booleans(), st.data())
def test_text_made_to_match_is_never_skipped(body: str, ignore_case: bool, data: st.DataObject) -> None:
    pattern = re.compile(body, re.IGNORECASE if ignore_case else 0)
    try:
        text = data.draw(st.from_regex(pattern, alphabet=st.sampled_from(ALPHABET)))
    except Exception:  # a pattern hypothesis cannot generate for (lookarounds): covered above
        return
    if pattern.search(text):
        assert may_match(pattern, folded(text))


def _rule_patterns() -> list[re.Pattern[str]]:
    return [r.pattern for r in load_rules() if r.pattern is not None] + [t.pattern for t in load_glossary().terms]


def test_every_built_in_rule_and_glossary_term_has_literals_to_look_for() -> None:
    patterns = _rule_patterns()
    usable = [p for p in patterns if required_literals(p)]
    assert len(usable) >= 0.9 * len(patterns)
    assert all("" not in required_literals(p) for p in usable)


@settings(max_examples=100, deadline=None)
@given(st.data())
def test_rule_examples_in_any_case_are_never_skipped(data: st.DataObject) -> None:
    rule = data.draw(st.sampled_from([r for r in load_rules() if r.pattern is not None and r.examples.flag]))
    example = data.draw(st.sampled_from(rule.examples.flag))
    flips = data.draw(st.lists(st.booleans(), min_size=len(example), max_size=len(example)))
    text = "".join(c.upper() if f else c for c, f in zip(example, flips, strict=True))
    if rule.pattern.search(text):
        assert may_match(rule.pattern, folded(text))


def test_seed_articles_skip_only_patterns_that_do_not_match() -> None:
    skipped = 0
    for path in sorted(SOURCES.glob("*.txt")):
        text = path.read_text(encoding="utf-8")
        lowered = folded(text)
        for pattern in _rule_patterns():
            if not may_match(pattern, lowered):
                skipped += 1
                assert pattern.search(text) is None
    assert skipped > 0


def test_text_re_folds_differently_is_not_filtered() -> None:
    assert folded("İstanbul") is None
    assert folded("beſt") is None
    assert folded("Terapija pomaže — “uvek”") == "terapija pomaže — “uvek”"


def _with_grams(text: str) -> Folded | None:
    lowered = folded(text)
    if lowered is not None:
        for _ in range(Folded.BUILD_AFTER + 1):
            lowered.grams()
        assert lowered.grams() is not None
    return lowered


@settings(max_examples=150, deadline=None)
@given(st.data())
def test_the_three_character_lookup_decides_as_scanning_does(data: st.DataObject) -> None:
    """may_match with the text's runs of three characters equals scanning the plain lowercased text
    (the previous implementation), on text built from the rules' own literals and random letters."""
    patterns = _rule_patterns()
    chosen = data.draw(st.lists(st.sampled_from(patterns), min_size=1, max_size=5))
    pieces = [data.draw(st.sampled_from(sorted(required_literals(p) or {"x"}))) for p in chosen]
    cut = [s[: data.draw(st.integers(0, len(s)))] for s in pieces]  # whole literals and their beginnings
    noise = data.draw(st.lists(st.text(alphabet=ALPHABET, max_size=12), min_size=len(cut), max_size=len(cut)))
    text = "".join(a + b for a, b in zip(noise, data.draw(st.permutations(pieces + cut))[: len(noise)], strict=True))
    lowered = _with_grams(text)
    for pattern in patterns:
        assert may_match(pattern, lowered) == may_match(pattern, None if lowered is None else str(lowered))


def test_seed_articles_decide_the_same_with_and_without_the_lookup() -> None:
    for path in sorted(SOURCES.glob("*.txt")):
        lowered = _with_grams(path.read_text(encoding="utf-8"))
        for pattern in _rule_patterns():
            assert may_match(pattern, lowered) == may_match(pattern, str(lowered))
