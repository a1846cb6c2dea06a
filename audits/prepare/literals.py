"""Skip a regular expression on text that cannot hold a match: required literals, found once per pattern.

Python's ``re`` tries a pattern at every position of the text, so a page pays for every rule and
glossary term even when none of their words occurs in it. Like RE2's prefilter (and Hyperscan's
literal matching), each pattern is read once (``re._parser``, the parser ``re`` itself uses) for a
set of strings one of which every match must contain; a text whose lowercased form holds none of
them is skipped. No library gives this for Python's own regex dialect (RE2 and Hyperscan bindings
implement other dialects), hence this small module.

Exact: a pattern is skipped only when it cannot match. Case-insensitive matching is compared on
lowercased text, which equals ``re``'s own case folding unless the text holds one of the few
characters ``re`` folds differently (the dotted capital I, "ſ", Greek and old Cyrillic variants):
such text is never filtered.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from functools import lru_cache, partial

try:  # re's own case folding, to know when str.lower() differs from it
    from _sre import unicode_tolower as _sre_lower
    from re import _casefix, _parser
    from re import _constants as _c
except ImportError:  # pragma: no cover - another Python implementation: never filter
    _parser = None  # type: ignore[assignment]

Info = tuple[frozenset[str] | None, frozenset[str] | None]  # (exact strings, one of which is contained)
_NONE: Info = (None, None)
_EMPTY: Info = (frozenset({""}), None)
MAX_STRINGS = 64  # larger sets of exact strings are cut down to one required part

# Characters that re treats as case variants of another letter's canonical form ("ſ" of "s").
_VARIANTS: frozenset[int] = frozenset()
if _parser is not None:
    _groups = [frozenset((k, *v)) for k, v in _casefix._EXTRA_CASES.items()]
    _VARIANTS = frozenset(m for g in _groups for m in g if m != min(g))


def _fold(ch: str) -> str | None:
    """The character as lowercased text shows it, or None when re folds it some other way."""
    low = ch.lower()
    if len(low) != 1 or ord(low) != _sre_lower(ord(ch)) or ord(low) in _VARIANTS:
        return None
    return low


class Folded(str):
    """Lowercased text that also knows its runs of three characters (built once it is asked about a few
    patterns), so that ``may_match`` rules most literals out by set lookups instead of scans of the text."""

    BUILD_AFTER = 8  # the first patterns are checked by scanning: a few checks do not pay for the set (~0.4 ms)

    def grams(self) -> frozenset[tuple[str, ...]] | None:
        """Every run of three characters (a literal with a run not among them is absent), or None for now."""
        state = self.__dict__
        grams = state.get("_grams")
        if grams is None:
            uses = state["_uses"] = state.get("_uses", 0) + 1
            if uses <= self.BUILD_AFTER:
                return None
            grams = state["_grams"] = frozenset(zip(self, self[1:], self[2:], strict=False))
        return grams


def folded(text: str) -> Folded | None:
    """The lowercased text to test patterns' literals on, or None when it must not be filtered."""
    if _parser is None:
        return None
    if not text.isascii():
        for ch in set(text):
            if ord(ch) > 127 and _fold(ch) is None:
                return None
    return Folded(text.lower())


def _key(x: frozenset[str]) -> tuple[int, int, int]:
    """How selective a set is (larger is better): its shortest string's length (past a few characters a
    string is rare enough: then fewer strings to look for wins)."""
    shortest = min(map(len, x)) if len(x) > 1 else len(next(iter(x)))
    return min(shortest, 5), -len(x), shortest


def _better(a: frozenset[str] | None, b: frozenset[str] | None) -> frozenset[str] | None:
    """The more selective set: its shortest string is longer (then: fewer strings); ``a`` on a tie."""
    if a is None or not a or "" in a:
        return b if b and "" not in b else None
    if b is None or not b or "" in b:
        return a
    return a if _key(a) >= _key(b) else b


def _minimal(strings: frozenset[str]) -> frozenset[str]:
    """The set without strings that hold another of its strings (finding the shorter one is enough)."""
    ordered = sorted(strings, key=len)
    kept: list[str] = []
    for s in ordered:
        if not any(k in s for k in kept):
            kept.append(s)
    return frozenset(kept)


def _sequence(items) -> Info:  # items: a re._parser.SubPattern
    exact: frozenset[str] | None = frozenset({""})
    best: frozenset[str] | None = None
    best_key: tuple[int, int, int] | None = None  # _key(best), kept rather than computed at every comparison
    whole = True  # the exact strings cover the whole sequence
    for item in items:
        e, r = _item(*item)
        # Each part alone is required too (often fewer strings), and so is the run so far: the better
        # of them is kept (as _better(best, candidate) would choose, one candidate after the other).
        for candidate in (_better(e, r), exact):
            if candidate and "" not in candidate:
                key = _key(candidate)
                if best_key is None or key > best_key:
                    best, best_key = candidate, key
        if exact is not None and e is not None and len(exact) * len(e) <= MAX_STRINGS:
            exact = frozenset(a + b for a in exact for b in e)
            continue
        whole = False
        exact = e
    best = _better(best, exact)
    return (exact if whole else None), best


_LITERALS: dict[int, Info] = {}  # one character's Info, by code point (the rules repeat few letters)


def _item(op, av) -> Info:  # one case per node type of re's parse tree
    if op == _c.LITERAL:
        info = _LITERALS.get(av)
        if info is None:
            low = _fold(chr(av))
            info = _LITERALS[av] = (frozenset({low}), None) if low is not None else _NONE
        return info
    if op == _c.IN:
        chars = []
        for sub_op, sub_av in av:
            if sub_op != _c.LITERAL:
                return _NONE
            low = _fold(chr(sub_av))
            if low is None:
                return _NONE
            chars.append(low)
        return (frozenset(chars), None) if 0 < len(chars) <= 8 else _NONE
    if op == _c.SUBPATTERN:
        return _sequence(av[-1])
    if op == _c.ATOMIC_GROUP:
        return _sequence(av)
    if op == _c.BRANCH:
        infos = [_sequence(branch) for branch in av[1]]
        exacts = [e for e, _ in infos]
        exact = frozenset().union(*exacts) if all(e is not None for e in exacts) else None
        if exact is not None and len(exact) > MAX_STRINGS:
            exact = None
        bests = [_better(e, r) for e, r in infos]
        required = frozenset().union(*bests) if all(b is not None for b in bests) else None
        return exact, required
    if op in (_c.MAX_REPEAT, _c.MIN_REPEAT, _c.POSSESSIVE_REPEAT):
        low, high, body = av
        e, r = _sequence(body)
        if low == 0:
            return (e | {""}, None) if high == 1 and e is not None else _NONE
        return (e if low == high == 1 else None), _better(e, r)
    if op in (_c.ASSERT, _c.ASSERT_NOT, _c.AT):
        return _EMPTY
    return _NONE


def required_literals(pattern: re.Pattern[str]) -> frozenset[str] | None:
    """Lowercase strings one of which every match of the pattern contains; None when there are none to use.
    Read from the pattern's text and flags (a ``LazyPattern`` is not compiled for it)."""
    if _parser is None or not isinstance(pattern.pattern, str):
        return None
    key = (pattern.pattern, pattern.flags)
    known = _KNOWN.get(key, _UNKNOWN)
    return _parsed_literals(*key) if known is _UNKNOWN else known


_UNKNOWN = object()
_KNOWN: dict[tuple[str, int], frozenset[str] | None] = {}  # from parse trees read anyway (remember_literals)
MAX_KNOWN = 4096


def remember_literals(source: str, flags: int, found: frozenset[str] | None) -> None:
    """Keep the literals of a pattern read elsewhere (``literals_of_tree`` on a parse tree the caller had)."""
    if len(_KNOWN) < MAX_KNOWN:
        _KNOWN[(source, flags)] = found


@lru_cache(maxsize=1024)
def _parsed_literals(source: str, flags: int) -> frozenset[str] | None:
    try:
        tree = _parser.parse(source, flags)
    except Exception:  # an unusual pattern is simply never filtered
        return None
    return literals_of_tree(tree)


def literals_of_tree(tree) -> frozenset[str] | None:
    """``required_literals`` from the pattern's parse tree (``re._parser.parse``)."""
    exact, required = _sequence(tree)
    found = _better(exact, required)
    return _minimal(found) if found and len(found) <= 4 * MAX_STRINGS else None


Probe = tuple[str, tuple[str, ...] | None, tuple[str, ...] | None]  # literal, first and last three characters


@lru_cache(maxsize=1024)
def _probes(pattern: re.Pattern[str]) -> tuple[tuple[Probe, ...], frozenset[tuple[str, ...]] | None] | None:
    """The required literals with their first and last three characters (None when shorter), and the
    set of all first three characters when every literal has them."""
    needed = required_literals(pattern)
    if needed is None:
        return None
    probes = tuple((s, tuple(s[:3]), tuple(s[-3:])) if len(s) >= 3 else (s, None, None) for s in sorted(needed))
    firsts = frozenset(first for _, first, _ in probes if first is not None)
    return probes, (firsts if all(first is not None for _, first, _ in probes) else None)


def may_match(pattern: re.Pattern[str], lowered: str | None) -> bool:
    """False only when the pattern cannot match the text whose ``folded`` form is ``lowered``."""
    return _may_match(_probes(pattern), lowered)


def literal_check(pattern: re.Pattern[str]) -> Callable[[str | None], bool]:
    """``may_match`` for one pattern, its literals looked up once: for checking many short texts."""
    return partial(_may_match, _probes(pattern))


def _may_match(found: tuple[tuple[Probe, ...], frozenset[tuple[str, ...]] | None] | None, lowered: str | None) -> bool:
    if lowered is None or found is None:
        return True
    probes, firsts = found
    grams = lowered.grams() if isinstance(lowered, Folded) else None
    if grams is not None and firsts is not None and firsts.isdisjoint(grams):
        return False  # no literal's opening three characters occur anywhere
    for s, first, last in probes:
        if grams is not None and first is not None and (first not in grams or last not in grams):
            continue  # a run of the literal is nowhere in the text: neither is the literal
        if s in lowered:
            return True
    return False


__all__ = [
    "Folded", "folded", "literal_check", "literals_of_tree", "may_match", "remember_literals", "required_literals",
]
