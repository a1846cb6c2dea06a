"""The first-character gate: a gated pattern finds exactly what the pattern itself finds (checked against re)."""

from __future__ import annotations

import re
import sys
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from audits.citations.evidence import load_lexicon
from audits.config import AuditConfig
from audits.marketing.rules import active_rules
from audits.prepare.first_chars import gated
from audits.prepare.language import family_cue_table
from audits.readability.jargon import load_glossary
from tests.audits.regex_strategies import regexes

ROOT = Path(__file__).resolve().parents[2]
# Letters re folds in unusual ways are in the alphabet on purpose: dotted/dotless i, long s, Kelvin sign, micro sign.
ALPHABET = "abcsikSIKxyz ſıİKµμΣσς-'’.,\n\t0123456789čćšžđČŠ٣"
_LEFT = r"(?<![\w\-‐‑])"  # how the rule files' patterns open (audits/marketing/rules.py)

_atom = st.one_of(
    st.sampled_from(list("abcsikSIKxz ſıİKµμσčČ-٣")).map(re.escape),
    st.sampled_from([r"\w", r"\s", r"\d", r"\D", ".", "[abc]", "[sS]", "[^a]", "[a-c]", r"[\d\s]", r"\b", "^",
                     "$", r"(?<!\w)", r"(?!\w)", r"(?m:^)", r"(?=a)"]),
)


def _regex() -> st.SearchStrategy[str]:
    return regexes(_atom, max_alternatives=4, capturing=True, dotall=True)


def _found(pattern: re.Pattern[str], text: str) -> list[tuple[tuple[int, int], tuple[str | None, ...]]]:
    return [(m.span(), m.groups()) for m in pattern.finditer(text)]


@settings(max_examples=500, deadline=None)
@given(_regex(), st.booleans(), st.booleans(), st.text(alphabet=ALPHABET, max_size=60))
def test_a_gated_pattern_finds_the_same_matches_and_groups(body: str, ignore_case: bool, bounded: bool,
                                                          text: str) -> None:
    pattern = re.compile((_LEFT if bounded else "") + body, re.IGNORECASE if ignore_case else 0)
    fast = gated(pattern)
    for candidate in (text, text.upper(), text.swapcase()):
        assert _found(fast, candidate) == _found(pattern, candidate)
        first, expected = fast.search(candidate), pattern.search(candidate)
        assert (first and first.span()) == (expected and expected.span())


@settings(max_examples=200, deadline=None)
@given(_regex(), st.booleans(), st.data())
def test_text_made_to_match_is_still_matched(body: str, ignore_case: bool, data: st.DataObject) -> None:
    pattern = re.compile(body, re.IGNORECASE if ignore_case else 0)
    try:
        text = data.draw(st.from_regex(pattern, alphabet=st.sampled_from(ALPHABET)))
    except Exception:  # a pattern hypothesis cannot generate for (lookarounds): covered above
        return
    assert _found(gated(pattern), text) == _found(pattern, text)


def _rule_patterns() -> list[re.Pattern[str]]:
    marketing = [r.pattern for r in active_rules(AuditConfig()) if r.pattern is not None]
    evidence = [r.pattern for name in ("evidence.yaml", "evidence_sr.yaml", "evidence_sl.yaml")
                for r in load_lexicon(str(ROOT / "audits" / "rules" / name))]
    cues = family_cue_table()
    family = [cues.ekavian, cues.ijekavian, cues.east, cues.croatian, cues.bosnian, cues.west]
    return marketing + evidence + family + [t.pattern for t in load_glossary().terms]


def test_every_rule_finds_the_same_spans_on_the_seeds_and_eval_pages() -> None:
    """Real rules, language cues and glossary terms on real pages (seeds, dev and extra pages; never a
    test page), upper-cased too."""
    from audits.evaluation.labels import load_split

    dev = [ROOT / "eval" / "pages" / f"{p}.txt" for p, split in sorted(load_split().items()) if split == "dev"]
    extra = sorted((ROOT / "eval" / "extra" / "pages").glob("*.txt"))
    paths = [*sorted((ROOT / "sources").glob("*.txt")), *dev[:40], *extra[:40]]
    texts = [p.read_text(encoding="utf-8") for p in paths]
    patterns = _rule_patterns()
    assert sum(gated(p) is not p for p in patterns) > len(patterns) // 2  # most rules are gated
    for pattern in patterns:
        fast = gated(pattern)
        for text in texts:
            assert _found(fast, text) == _found(pattern, text), pattern.pattern[:80]
        assert _found(fast, texts[0].upper()) == _found(pattern, texts[0].upper())


def test_digits_and_spaces_have_no_case() -> None:
    """The gate puts \\d and \\s in a case-insensitive class; that is exact only because re folds no digit or
    space to another character (checked over every code point of this Python's Unicode tables)."""
    from _sre import unicode_tolower

    digit_or_space = re.compile(r"[\d\s]")
    folded = [code for code in range(sys.maxunicode + 1)
              if digit_or_space.match(chr(code)) and unicode_tolower(code) != code]
    assert folded == []


def test_a_pattern_it_cannot_read_is_returned_unchanged() -> None:
    for body in (r"\w+ly", r".at", r"(?:)", r"a?", r"(?i:a)b", r"[^x]y", r"\Dx"):
        pattern = re.compile(_LEFT + body, re.IGNORECASE)
        assert gated(pattern) is pattern
    plain = re.compile("(?:call us|book now)", re.IGNORECASE)  # re finds the starting set of this one itself
    assert gated(plain) is plain
    rule = re.compile(_LEFT + "(?:call us|book (?:now|today))", re.IGNORECASE)
    assert gated(rule) is not rule
    assert [m.span() for m in gated(rule).finditer("Book today or CALL US.")] == [(0, 10), (14, 21)]
