"""Regular expressions compiled on first use, checked for errors at load without compiling.

A rule file holds dozens of large alternations; compiling all of them costs a cold start ~0.3 s,
while a page uses only the few whose required literals it holds (``audits/prepare/literals.py``
reads literals from the pattern's text, never from a compiled pattern). ``LazyPattern`` keeps the
pattern's text and flags, answers ``search``/``finditer``/... by compiling on first use (one
compiled copy per process, shared by every thread: ``functools.lru_cache``), and ``check`` raises
the ``re.error`` that ``re.compile`` would raise, from ``re``'s own parser plus the one check its
compiler adds (look-behind width), so a bad rule is still reported when its file is loaded.

Checking and reading literals is itself pure-Python work (~0.3 s for the shipped rule files), so
``lazy`` keeps what it found for the next process, as Python keeps bytecode in ``__pycache__``: a
file keyed by each pattern's own text and flags (a pattern that changes is simply a new key) and
stamped with the Python version and the code of this module, ``literals.py`` and ``first_chars.py``
(a change to them discards the whole file), so it cannot be stale. Only checks that passed are kept; an unreadable,
damaged (its SHA-256 is stored with it) or foreign file is ignored, and ``AUDITS_PATTERN_CACHE``
names another file or ``off``. Compiled programs are those of ``re``'s own compiler (and of
``first_chars``), rebuilt with ``_sre.compile`` as ``re`` itself does.
"""

from __future__ import annotations

import atexit
import contextlib
import hashlib
import marshal
import os
import re
import sys
import threading
from collections.abc import Iterator
from functools import lru_cache
from pathlib import Path
from typing import Any

from audits.prepare import literals
from audits.prepare.literals import literals_of_tree, remember_literals

try:
    import _sre
    from re import _compiler, _parser
    from re import _constants as _c
except ImportError:  # pragma: no cover - another Python implementation: check by compiling
    _parser = None  # type: ignore[assignment]


@lru_cache(maxsize=4096)
def _compile(pattern: str, flags: int, keep: bool) -> re.Pattern[str]:
    """``re.compile(pattern, flags)``, from the code kept by an earlier process when there is some."""
    if _parser is None:  # pragma: no cover
        return re.compile(pattern, flags)
    key = ("re", pattern, int(flags))
    args = stored(key)
    if args is not None:
        with contextlib.suppress(Exception):  # the file's checksum matched; _sre checks the program as well
            return _sre.compile(pattern, *args)
    args = compile_args(_parser.parse(pattern, flags), int(flags))
    store(key, args, keep)
    return _sre.compile(pattern, *args)


def compile_args(tree: Any, flags: int, code: list[int] | None = None) -> tuple[Any, ...]:
    """The arguments after the pattern's text that ``_sre.compile`` takes for this parse tree, as
    ``re._compiler.compile`` builds them (``code``: the program, when the caller made it)."""
    groupindex = dict(tree.state.groupdict)
    indexgroup: list[str | None] = [None] * tree.state.groups
    for name, index in groupindex.items():
        indexgroup[index] = name
    code = _compiler._code(tree, flags) if code is None else code
    code = [int(op) for op in code]  # re's opcodes are int subclasses, which marshal does not write
    return int(flags | tree.state.flags), code, tree.state.groups - 1, groupindex, tuple(indexgroup)


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

    __slots__ = ("_compiled", "flags", "keep", "pattern")

    def __init__(self, pattern: str, flags: int = 0, keep: bool = False) -> None:
        self.pattern = pattern
        self.flags = flags
        self.keep = keep  # a rule file's pattern: its compiled program is kept for the next process
        self._compiled: re.Pattern[str] | None = None

    def compiled(self) -> re.Pattern[str]:
        """The compiled pattern (compiled once per process; threads racing here get the same object)."""
        compiled = self._compiled
        if compiled is None:
            compiled = self._compiled = _compile(self.pattern, self.flags, self.keep)
        return compiled

    def search(self, string: str, *args: int) -> re.Match[str] | None:
        return (self._compiled or self.compiled()).search(string, *args)

    def match(self, string: str, *args: int) -> re.Match[str] | None:
        return (self._compiled or self.compiled()).match(string, *args)

    def fullmatch(self, string: str, *args: int) -> re.Match[str] | None:
        return (self._compiled or self.compiled()).fullmatch(string, *args)

    def finditer(self, string: str, *args: int) -> Iterator[re.Match[str]]:
        return (self._compiled or self.compiled()).finditer(string, *args)

    def findall(self, string: str, *args: int) -> list[Any]:
        return (self._compiled or self.compiled()).findall(string, *args)

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
        return LazyPattern, (self.pattern, self.flags, self.keep)

    def __repr__(self) -> str:
        return f"LazyPattern({self.pattern!r}, {self.flags!r})"


CACHE_ENV = "AUDITS_PATTERN_CACHE"  # a file to keep checked patterns in, or "off"
MAX_ENTRIES = 4096  # beyond this the file starts again from the patterns being saved
Key = tuple[str, int] | tuple[str, str, int]  # (text, flags): literals; (kind, text, flags): compiled program
_lock = threading.Lock()
_known: dict[Key, Any] | None = None  # checked patterns' literals and compiled programs
_saved: dict[Key, Any] = {}  # what the file holds, as far as this process knows
_pending: set[Key] = set()  # kept since the last save and not in the file yet
_at_exit: list[bool] = []  # save registered to run at exit (compiled programs come during audits)
_UNSET: Any = object()
_NOT_READ = "?"  # a pattern checked without reading its literals


def cache_file() -> Path | None:
    """Where checked patterns are kept between processes (None: not kept)."""
    value = os.environ.get(CACHE_ENV, "")
    if value.lower() == "off":
        return None
    if value:
        return Path(value)
    return Path(__file__).resolve().parent / "__pycache__" / f"rule-patterns.{sys.implementation.cache_tag}.marshal"


@lru_cache(maxsize=1)
def _stamp() -> str:
    """The Python version and the code that checks patterns, reads literals and gates patterns."""
    digest = hashlib.sha256(sys.version.encode())
    for module in (__file__, literals.__file__, Path(__file__).with_name("first_chars.py")):
        digest.update(Path(module).read_bytes())
    return digest.hexdigest()


def _read() -> dict[Key, Any]:
    path = cache_file()
    if path is None:
        return {}
    try:
        stamp, digest, payload = marshal.loads(path.read_bytes())
        if stamp != _stamp() or digest != hashlib.sha256(payload).hexdigest():
            return {}
        entries = marshal.loads(payload)
        return {k: v for k, v in entries.items() if isinstance(k, tuple) and (
            (len(k) == 2 and (v is None or v == _NOT_READ or isinstance(v, frozenset)))
            or (len(k) == 3 and isinstance(v, tuple)))}
    except Exception:  # missing, unreadable, damaged or written by something else: start empty
        return {}


def _entries() -> dict[Key, Any]:
    global _known
    if _known is None:
        with _lock:
            if _known is None:
                _saved.update(_read())
                _known = dict(_saved)
    return _known


def lazy(pattern: str, flags: int = 0, keep: bool = True, read_literals: bool = True) -> LazyPattern:
    """A pattern checked now (``re.error`` as ``re.compile`` would raise it) and compiled on first use;
    its required literals are read from the same parse (``read_literals``: for patterns that
    ``literals.may_match`` will be asked about). ``keep``: ``save`` writes the check for the next
    process (the patterns of rule files), instead of checking it again there."""
    key = (pattern, int(flags))
    if _parser is None:  # pragma: no cover
        re.compile(pattern, flags)
        return LazyPattern(pattern, flags)
    entries = _entries()
    found = entries.get(key, _UNSET)
    if found is _UNSET or (read_literals and found == _NOT_READ):
        tree = check(pattern, flags)
        found = literals_of_tree(tree) if read_literals else _NOT_READ
        with _lock:
            entries[key] = found
            if keep:
                _pending.add(key)
    if found != _NOT_READ:
        remember_literals(pattern, flags, found)
    return LazyPattern(pattern, flags, keep)


def stored(key: tuple[str, str, int]) -> tuple[Any, ...] | None:
    """A compiled program kept under this key (by this process or an earlier one), or None."""
    return _entries().get(key)


def store(key: tuple[str, str, int], value: tuple[Any, ...], keep: bool = True) -> None:
    """Keep a compiled program (``keep``: also for the next process, written at exit)."""
    entries = _entries()
    with _lock:
        entries[key] = value
        if keep and key not in _saved:
            _pending.add(key)
            if not _at_exit:
                _at_exit.append(True)
                atexit.register(save)


def save() -> None:
    """Write the patterns checked with ``keep`` since the last save for the next process (atomically;
    never an error: a read-only install or a full disk only means the next process checks them again)."""
    path = cache_file()
    with _lock:
        if path is None or not _pending or _known is None:
            _pending.clear()
            return
        new = {k: _known[k] for k in _pending if k in _known}
        _pending.clear()
        merged = {**_saved, **new} if len(_saved) + len(new) <= MAX_ENTRIES else new
        tmp = path.with_name(f"{path.name}.{os.getpid()}-{threading.get_ident()}.tmp")
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            payload = marshal.dumps(merged)
            tmp.write_bytes(marshal.dumps((_stamp(), hashlib.sha256(payload).hexdigest(), payload)))
            os.replace(tmp, path)
        except (OSError, ValueError):
            with contextlib.suppress(OSError):
                tmp.unlink(missing_ok=True)
            return
        _saved.clear()
        _saved.update(merged)


__all__ = ["CACHE_ENV", "LazyPattern", "cache_file", "check", "compile_args", "lazy", "save", "store", "stored"]
