"""Rule patterns compiled on first use: checked like re.compile, matching like re, gated by literals like re,
safe to share between threads, and the same when a later process reads them from the kept file."""

from __future__ import annotations

import json
import os
import pickle
import re
import subprocess
import sys
import threading
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from audits.ingest.furniture import furniture_reason, furniture_rules
from audits.marketing.rules import RuleFileError, load_rules
from audits.prepare import literals
from audits.prepare.first_chars import gated
from audits.prepare.lazy_re import LazyPattern, check, lazy
from audits.prepare.literals import folded, may_match, required_literals
from tests.audits.regex_strategies import regexes

ROOT = Path(__file__).resolve().parents[2]
ALPHABET = "abcsikSIKxyz ſıİKµμΣσς-'’.,\n\t0123456789čćšžđČŠ"
_LEFT = r"(?<![\w\-‐‑])"  # how the rule files' patterns open (audits/marketing/rules.py)

_atom = st.one_of(
    st.sampled_from(list("abcsikSIKxz ſıİKµμσčČ-")).map(re.escape),
    st.sampled_from([r"\w", r"\s", r"\d", ".", "[abc]", "[sS]", "[^a]", "[a-c]", r"\b", "^", "$",
                     r"(?<!\w)", r"(?!\w)", r"(?<=ab)", r"(?<!a|b)"]),
)
# Pieces that make a pattern wrong for re's parser or for its compiler (look-behinds of varying width).
_broken = st.sampled_from([")", "(", "*", "(?<=a|bc)", "(?<!x+)", "(?<=a{1,2})", r"\1", "(?P<g>a)", "(?i)",
                           "[z-a]", "(?<=(?:ab|c))", "(?<=a(?=bc|d))", "{2}", r"\p"])


def _regex() -> st.SearchStrategy[str]:
    return regexes(_atom, max_alternatives=4, capturing=True, dotall=True)


def _found(pattern, text: str) -> list[tuple[tuple[int, int], tuple[str | None, ...]]]:
    return [(m.span(), m.groups()) for m in pattern.finditer(text)]


@settings(max_examples=500, deadline=None)
@given(regexes(st.one_of(_atom, _broken), max_alternatives=3, capturing=True), st.booleans())
def test_check_raises_exactly_when_re_compile_does(source: str, ignore_case: bool) -> None:
    flags = re.IGNORECASE if ignore_case else 0
    try:
        re.compile(source, flags)
    except re.error as exc:
        with pytest.raises(re.error) as err:
            check(source, flags)
        assert str(err.value).split(" at position")[0] == str(exc).split(" at position")[0]
    else:
        check(source, flags)


@settings(max_examples=400, deadline=None)
@given(_regex(), st.booleans(), st.booleans(), st.text(alphabet=ALPHABET, max_size=60))
def test_a_lazy_pattern_gated_by_its_literals_finds_what_re_finds(body: str, ignore_case: bool, bounded: bool,
                                                                  text: str) -> None:
    source, flags = (_LEFT if bounded else "") + body, re.IGNORECASE if ignore_case else 0
    eager = re.compile(source, flags)
    assert required_literals(LazyPattern(source, flags)) == required_literals(eager)
    for candidate in (text, text.upper(), text.swapcase()):
        expected = _found(eager, candidate)
        pattern = lazy(source, flags, keep=False)  # a fresh copy: literals first, compiled only if they are there
        found = _found(gated(pattern), candidate) if may_match(pattern, folded(candidate)) else []
        assert found == expected
        assert _found(pattern, candidate) == expected
        first = pattern.search(candidate)
        assert (first.span() if first else None) == (expected[0][0] if expected else None)


def test_a_lazy_pattern_is_not_compiled_until_used_and_pickles_as_its_text() -> None:
    pattern = lazy(r"(?<!\w)(?:never-used-anywhere-\d+)(?!\w)", re.IGNORECASE, keep=False)
    assert required_literals(pattern) == frozenset({"never-used-anywhere-"})
    assert pattern._compiled is None
    assert not may_match(pattern, folded("A page about something else entirely."))
    assert pattern._compiled is None
    copy = pickle.loads(pickle.dumps(pattern))
    assert copy == pattern and hash(copy) == hash(pattern) and copy._compiled is None
    assert pattern.search("See Never-Used-Anywhere-42 here").group() == "Never-Used-Anywhere-42"
    assert pattern.groups == 0


def test_threads_sharing_patterns_find_what_one_thread_finds() -> None:
    """The dashboard runs sessions as threads of one process: the first uses of shared patterns race."""
    rules = [r for r in load_rules() if r.pattern is not None]
    texts = [p.read_text(encoding="utf-8") for p in sorted((ROOT / "sources").glob("*.txt"))]
    serial = {r.id: [_found(LazyPattern(r.pattern.pattern, r.pattern.flags), t) for t in texts] for r in rules}
    shared = [LazyPattern(r.pattern.pattern, r.pattern.flags) for r in rules]  # never compiled yet
    start = threading.Barrier(6)
    results: list[dict[str, list]] = []

    def work() -> None:
        start.wait()
        results.append({r.id: [_found(p, t) for t in texts] for r, p in zip(rules, shared, strict=True)})

    threads = [threading.Thread(target=work) for _ in range(6)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert len(results) == 6
    assert all(found == serial for found in results)
    assert sum(len(m) for per_text in serial.values() for m in per_text) > 0


@pytest.mark.parametrize("patterns", [["(?<=a|bc)x"], ["(?P<n>a)", "(?P<n>b)"], ["ok", "(?i)late-flag"]])
def test_a_rule_file_with_a_pattern_re_would_reject_fails_at_load(tmp_path: Path, patterns: list[str]) -> None:
    path = tmp_path / "house.yaml"
    path.write_text(
        "rules:\n  - id: marketing.house.odd\n    type: regex\n    message: m\n    why: w\n"
        f"    patterns: {patterns!r}\n    examples: {{flag: [x], pass: [y]}}\n", encoding="utf-8")
    with pytest.raises(RuleFileError, match="'patterns'"):
        load_rules([path])


def test_furniture_rules_find_their_examples_and_compile_like_re() -> None:
    for rule in furniture_rules():
        for pattern in (*rule.patterns, rule.joined):
            if pattern is not None:
                assert pattern.compiled().pattern == re.compile(pattern.pattern, pattern.flags).pattern
        for example in rule.examples:
            assert furniture_reason(example) is not None, (rule.reason, example)


def _old_better(a, b):  # literals._better and _sequence as they were before the per-sequence key was kept
    if a is None or not a or "" in a:
        return b if b and "" not in b else None
    if b is None or not b or "" in b:
        return a
    ka, kb = ((min(min(map(len, x)), 5), -len(x), min(map(len, x))) for x in (a, b))
    return a if ka >= kb else b


def _old_sequence(items):
    exact, best, whole = frozenset({""}), None, True
    for item in items:
        e, r = literals._item(*item)
        best = _old_better(best, _old_better(e, r))
        if exact is not None and e is not None and len(exact) * len(e) <= literals.MAX_STRINGS:
            best = _old_better(best, exact)
            exact = frozenset(a + b for a in exact for b in e)
            continue
        best = _old_better(best, exact)
        whole = False
        exact = e
    best = _old_better(best, exact)
    return (exact if whole else None), best


@settings(max_examples=300, deadline=None)
@given(_regex(), st.booleans())
def test_literals_are_the_ones_the_previous_search_chose(body: str, ignore_case: bool) -> None:
    tree = re._parser.parse(_LEFT + body, re.IGNORECASE if ignore_case else 0)
    new = literals.literals_of_tree(tree)
    original = literals._sequence
    try:
        literals._sequence = _old_sequence  # _item recurses through the module's _sequence
        old = literals.literals_of_tree(tree)
    finally:
        literals._sequence = original
    assert new == old


def test_every_rule_pattern_keeps_its_literals() -> None:
    patterns = [p for r in load_rules() for p in (r.pattern, r.unless) if p is not None]
    patterns += [p for r in furniture_rules() for p in (*r.patterns, r.joined) if p is not None]
    for pattern in patterns:
        eager = re.compile(pattern.pattern, pattern.flags)
        assert required_literals(pattern) == required_literals(eager)


_FIND_EVERYTHING = """
import json, sys
from pathlib import Path
from audits.citations.evidence import all_rules
from audits.ingest.furniture import furniture_reason
from audits.marketing.rules import load_rules
from audits.prepare.first_chars import gated
texts = [p.read_text(encoding="utf-8") for p in sorted(Path("sources").glob("*.txt"))]
patterns = [r.pattern for r in load_rules() if r.pattern is not None] + [r.pattern for r in all_rules()]
found = [[m.span() for m in gated(p).finditer(t)] for p in patterns for t in texts]
found += [[m.span() for m in p.finditer(t)] for p in patterns[:20] for t in texts]
lines = [[furniture_reason(ln.strip()) for ln in t.split("\\n")] for t in texts]
print(json.dumps([found, lines]))
"""


def _run(cache: Path | str) -> list:
    env = {**os.environ, "AUDITS_PATTERN_CACHE": str(cache), "PYTHONPATH": str(ROOT)}
    out = subprocess.run([sys.executable, "-c", _FIND_EVERYTHING], cwd=ROOT, env=env, capture_output=True,
                         text=True, check=True)
    return json.loads(out.stdout)


def test_patterns_kept_between_processes_find_the_same_spans(tmp_path: Path) -> None:
    """The second process reads the checked patterns and compiled programs the first one kept; a damaged or
    foreign file is ignored. Every rule finds the same spans in every case."""
    cache = tmp_path / "patterns.marshal"
    expected = _run("off")
    assert not cache.exists()
    assert _run(cache) == expected  # checks, compiles and keeps
    kept = cache.read_bytes()
    assert len(kept) > 10_000
    assert _run(cache) == expected  # reads them
    cache.write_bytes(kept[: len(kept) // 2])  # cut short
    assert _run(cache) == expected
    cache.write_bytes(b"not a cache at all")
    assert _run(cache) == expected
    assert cache.read_bytes() != b"not a cache at all"  # replaced by a good one
