"""A faster copy of a regular expression: the characters a match can begin with, told to ``re``.

Python's ``re`` tries a pattern at every position of the text. The rules' patterns open with a
word-boundary look-behind and then a long alternation; under IGNORECASE ``re`` has no fast path for
an alternative's first letter, so at every word start it enters every alternative in turn, and it
derives no set of starting characters for a pattern that opens with a look-behind. This module
reads the pattern once (``re._parser``, the parser ``re`` itself uses), collects the characters a
match can begin with, and compiles the same parse tree (``re._compiler``) with (1) a look-ahead for
one of them after the leading assertions, so a word start no alternative can begin at fails after
one class test, and (2) an information block naming them, so ``re``'s search skips every other
character in its C loop without trying the pattern there (what ``re`` does for patterns that open
with a literal).

Exact: the look-ahead class is compiled with the pattern's own flags from the same parse items the
alternatives start with, so it accepts every character an alternative's first item accepts (under
IGNORECASE both test the folded character against the folded set); the starting set holds the ASCII
characters that class accepts (tested with ``re`` itself) and every non-ASCII character. Matches,
spans and groups are those of the original pattern, whose source text the copy keeps. Patterns
that do not open with an assertion (``re`` finds their starting set itself) and patterns whose
first item is not a plain literal or class (``\\w``, ``.``, a negated class, a back-reference,
scoped case flags, a possibly empty prefix) are returned unchanged. No library does this for
Python's own regex dialect, hence this small module.
"""

from __future__ import annotations

import re
import sys
from functools import lru_cache

from audits.prepare.lazy_re import LazyPattern, compile_args, store, stored

try:
    import _sre
    from re import _compiler, _parser
    from re import _constants as _c
except ImportError:  # pragma: no cover - another Python implementation: patterns stay as they are
    _parser = None  # type: ignore[assignment]

_ZERO_WIDTH = ("ASSERT", "ASSERT_NOT", "AT")
# Classes of characters that have no case (a digit or a space folds to itself), so they keep their
# meaning inside a case-insensitive class; \w is left out.
_UNCASED = ("CATEGORY_DIGIT", "CATEGORY_SPACE")
# Scoped flags that do not change which characters a literal or class accepts ((?m:^), (?s:...)).
_HARMLESS_FLAGS = re.MULTILINE | re.DOTALL | re.VERBOSE
MAX_ITEMS = 400  # a larger first-character set is not worth a class test


class _GiveUp(Exception):
    """The pattern's first characters cannot be listed as a plain class."""


def _first(items: list) -> tuple[list, bool]:
    """(class items a match of this sequence can begin with, whether the sequence can match empty)."""
    out: list = []
    for op, av in items:
        name = str(op)
        if name == "LITERAL":
            return [*out, (op, av)], False
        if name == "IN":
            if any(str(o) == "NEGATE" or (str(o) == "CATEGORY" and str(a) not in _UNCASED) for o, a in av):
                raise _GiveUp
            return [*out, *av], False
        if name == "BRANCH":
            nullable = False
            for alternative in av[1]:
                first, empty = _first(list(alternative))
                out += first
                nullable = nullable or empty
            if not nullable:
                return out, False
            continue
        if name == "SUBPATTERN":
            _group, add_flags, del_flags, body = av
            if (add_flags | del_flags) & ~_HARMLESS_FLAGS:
                raise _GiveUp
            first, empty = _first(list(body))
            out += first
            if not empty:
                return out, False
            continue
        if name in ("MAX_REPEAT", "MIN_REPEAT", "POSSESSIVE_REPEAT"):
            low, _high, body = av
            first, empty = _first(list(body))
            out += first
            if low > 0 and not empty:
                return out, False
            continue
        if name == "ATOMIC_GROUP":
            first, empty = _first(list(av))
            out += first
            if not empty:
                return out, False
            continue
        if name in _ZERO_WIDTH:
            continue  # consumes nothing: the first character comes after it
        raise _GiveUp  # ANY, NOT_LITERAL, GROUPREF, conditionals...: not listed
    return out, True


@lru_cache(maxsize=4096)
def gated(pattern: re.Pattern[str] | LazyPattern) -> re.Pattern[str] | LazyPattern:
    """The pattern with a first-character look-ahead, or the pattern itself when none applies (a
    ``LazyPattern`` is read from its text: compiled only as the gated copy, or on use when none applies;
    a rule file's gated program is kept for the next process, ``lazy_re.store``)."""
    if _parser is None or not isinstance(pattern.pattern, str):
        return pattern
    key = ("gated", pattern.pattern, int(pattern.flags))
    args = stored(key)
    if args is not None:
        try:
            return _sre.compile(pattern.pattern, *args) if args else pattern
        except Exception:  # a kept program _sre rejects: made again below
            pass
    args = _gate(pattern)
    store(key, args, keep=isinstance(pattern, LazyPattern) and pattern.keep)
    return _sre.compile(pattern.pattern, *args) if args else pattern


def _gate(pattern: re.Pattern[str] | LazyPattern) -> tuple:
    """``_sre.compile``'s arguments for the gated copy, or () when the pattern stays as it is."""
    if pattern.flags & (re.LOCALE | re.VERBOSE):
        return ()
    try:
        tree = _parser.parse(pattern.pattern, pattern.flags)
        if tree.state.flags & (re.LOCALE | re.VERBOSE):  # inline flags (a LazyPattern's flags leave them out)
            return ()
        data = tree.data
        lead = 0
        while lead < len(data) and str(data[lead][0]) in _ZERO_WIDTH:
            lead += 1
        if lead == 0:  # re derives a literal prefix or a starting set itself for such a pattern
            return ()
        first, empty = _first(list(data[lead:]))
        if empty or not first or len(first) > MAX_ITEMS:
            return ()
        gate = _parser.SubPattern(tree.state, [(_c.IN, first)])
        data.insert(lead, (_c.ASSERT, (1, gate)))
        return _with_start_set(pattern, tree, _start_set(gate, pattern.flags))
    except Exception:  # _GiveUp, or an unusual pattern: used as it is
        return ()


def _start_set(gate, flags: int) -> list:
    """Class items holding every character the gate accepts: the ASCII ones it accepts (tested one by
    one with re itself, so case folding is re's own, as a 256-bit map) and every character beyond ASCII."""
    test = _compiler.compile(_parser.SubPattern(gate.state, list(gate.data)), flags)
    bits = bytearray(256)
    for code in range(128):
        if test.match(chr(code)):
            bits[code] = 1
    return [(_c.CHARSET, _compiler._mk_bitmap(bits)), (_c.RANGE, (128, sys.maxunicode))]


def _with_start_set(pattern: re.Pattern[str] | LazyPattern, tree, start: list) -> tuple:
    """``_sre.compile``'s arguments for the tree as re._compiler.compile makes them, with an information
    block naming the characters a match can start with: re's search then skips every other character in
    its C loop, without trying the pattern there (re derives such a set itself only for patterns that
    open with a literal or a class, not for the rules' opening look-behind)."""
    flags = tree.state.flags | pattern.flags
    low, high = tree.getwidth()
    if low == 0:  # only for patterns that cannot match the empty string
        raise _GiveUp
    code = [_c.INFO, 0, _c.SRE_INFO_CHARSET, min(low, _compiler.MAXCODE), min(high, _compiler.MAXCODE)]
    _compiler._compile_charset(start, flags, code)
    code[1] = len(code) - 1
    _compiler._compile(code, tree.data, flags)
    code.append(_c.SUCCESS)
    return compile_args(tree, flags, code)


__all__ = ["gated"]
