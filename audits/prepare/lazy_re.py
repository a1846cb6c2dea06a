"""Regular expressions compiled on first use, checked for errors at load without compiling.

A rule file holds dozens of large alternations; compiling all of them costs a cold start ~0.3 s,
while a page uses only the few whose required literals it holds (``audits/prepare/literals.py``
reads literals from the pattern's text, never from a compiled pattern). ``LazyPattern`` keeps the
pattern's text and flags, answers ``search``/``finditer``/... by compiling on first use (one
compiled copy per process, shared by every thread: ``functools.lru_cache``), and ``check`` raises
the ``re.error`` that ``re.compile`` would raise, from ``re``'s own parser plus the one check its
compiler adds (look-behind width), so a bad rule is still reported when its file is loaded.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import lru_cache
from typing import Any

from audits.prepare.literals import remember_literals

try:
    from re import _compiler, _parser
    from re import _constants as _c
except ImportError:  # pragma: no cover - another Python implementation: check by compiling
    _parser = None  # type: ignore[assignment]


@lru_cache(maxsize=4096)
def _compile(pattern: str, flags: int) -> re.Pattern[str]:
    return re.compile(pattern, flags)


def _subpatterns(value: Any) -> Iterator[Any]:
    """The parse trees nested in one node's argument (groups, branches, repeats, conditionals)."""
    if isinstance(value, _parser.SubPattern):
        yield value
    elif isinstance(value, tuple | list):
        for item in value:
            yield from _subpatterns(item)


def _check_tree(tree: Any) -> None:
    for op, av in tree.data:
        if op in (_c.ASSERT, _c.ASSERT_NOT) and av[0] < 0:  # as re._compiler does for a look-behind
            low, high = av[1].getwidth()
            if low > _compiler.MAXCODE:
                raise re.error("looks too much behind")
            if low != high:
                raise re.error("look-behind requires fixed-width pattern")
        if op not in (_c.IN, _c.LITERAL, _c.NOT_LITERAL):
            for sub in _subpatterns(av):
                _check_tree(sub)


def check(pattern: str, flags: int = 0) -> Any:
    """Raise ``re.error`` exactly when ``re.compile(pattern, flags)`` would; return the parse tree."""
    if _parser is None:  # pragma: no cover
        return re.compile(pattern, flags)
    tree = _parser.parse(pattern, flags)
    _check_tree(tree)
    return tree


class LazyPattern:
    """A regular expression compiled when first used. ``pattern`` and ``flags`` are the text and flags
    it was made with (``flags`` leaves out inline flags and ``re.UNICODE``, which ``re.compile`` adds);
    equal and hashed by them, so caches keyed by pattern treat two copies as one."""

    __slots__ = ("_compiled", "flags", "pattern")

    def __init__(self, pattern: str, flags: int = 0) -> None:
        self.pattern = pattern
        self.flags = flags
        self._compiled: re.Pattern[str] | None = None

    def compiled(self) -> re.Pattern[str]:
        """The compiled pattern (compiled once per process; threads racing here get the same object)."""
        compiled = self._compiled
        if compiled is None:
            compiled = self._compiled = _compile(self.pattern, self.flags)
        return compiled

    def search(self, string: str, *args: int) -> re.Match[str] | None:
        return self.compiled().search(string, *args)

    def match(self, string: str, *args: int) -> re.Match[str] | None:
        return self.compiled().match(string, *args)

    def fullmatch(self, string: str, *args: int) -> re.Match[str] | None:
        return self.compiled().fullmatch(string, *args)

    def finditer(self, string: str, *args: int) -> Iterator[re.Match[str]]:
        return self.compiled().finditer(string, *args)

    def findall(self, string: str, *args: int) -> list[Any]:
        return self.compiled().findall(string, *args)

    def sub(self, repl: Any, string: str, count: int = 0) -> str:
        return self.compiled().sub(repl, string, count)

    def split(self, string: str, maxsplit: int = 0) -> list[str | Any]:
        return self.compiled().split(string, maxsplit)

    def __getattr__(self, name: str) -> Any:  # groups, groupindex, subn, scanner...
        if name.startswith("__") or name in LazyPattern.__slots__:
            raise AttributeError(name)
        return getattr(self.compiled(), name)

    def __eq__(self, other: object) -> bool:
        return isinstance(other, LazyPattern) and (self.pattern, self.flags) == (other.pattern, other.flags)

    def __hash__(self) -> int:
        return hash((LazyPattern, self.pattern, self.flags))

    def __reduce__(self) -> tuple[Any, ...]:
        return LazyPattern, (self.pattern, self.flags)

    def __repr__(self) -> str:
        return f"LazyPattern({self.pattern!r}, {self.flags!r})"


def lazy(pattern: str, flags: int = 0) -> LazyPattern:
    """A pattern checked now (``re.error`` as ``re.compile`` would raise it) and compiled on first use;
    its required literals are read from the same parse."""
    remember_literals(pattern, flags, check(pattern, flags))
    return LazyPattern(pattern, flags)


__all__ = ["LazyPattern", "check", "lazy"]
