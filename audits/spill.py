"""Per-document results on disk while a large corpus is audited, read back one at a time.

Holding every document's result (its text, sentences, findings, sections) until the claims stage
ends and the report is written costs memory in proportion to the corpus: 10,000 bench documents
peaked at 12.4 GB. Above ``SPILL_ABOVE`` documents the engine (audits/engine.py) writes each
document's result here as soon as its per-document stage is done, keeps in memory only what the
corpus stage needs (``CorpusAnalyzer.collect``), and hands the report a ``SpilledReports``
sequence: each ``SourceReport`` is read back and assembled when it is iterated over (the JSON
Lines writer, audits/stream.py, streams them one by one).

The store is a SQLite file (stdlib ``sqlite3``) in a private temporary folder; it is deleted when
the sequence is closed or garbage-collected, or when the interpreter exits. Rows are zlib-
compressed pickles written and read only by this process (never a file from elsewhere). Each
audit has its own store: nothing here is shared between audits or threads.
"""

from __future__ import annotations

import pickle
import shutil
import sqlite3
import tempfile
import threading
import weakref
import zlib
from collections.abc import Callable, Iterable, Iterator, Sequence
from pathlib import Path
from typing import Any, overload

from audits.model import SourceReport

SPILL_ABOVE = 1000  # documents: larger audits keep their per-document results on disk
_BATCH = 256  # rows per transaction and per read


def _dump(value: Any) -> bytes:
    return zlib.compress(pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL), 1)


def _load(blob: bytes) -> Any:
    return pickle.loads(zlib.decompress(blob))  # written by this process, in a private folder


def _remove(db: sqlite3.Connection, folder: str) -> None:
    db.close()
    shutil.rmtree(folder, ignore_errors=True)


class SpillStore:
    """Numbered rows of (per-document result, corpus-stage results) in a temporary SQLite file."""

    def __init__(self, folder: str | Path | None = None) -> None:
        self.folder = tempfile.mkdtemp(prefix="audits-spill-", dir=folder)  # mode 0700
        self.path = Path(self.folder) / "results.sqlite"
        self._db = sqlite3.connect(self.path, check_same_thread=False, isolation_level=None)
        self._db.execute("PRAGMA journal_mode=OFF")  # scratch data: no journal, no fsync
        self._db.execute("PRAGMA synchronous=OFF")
        self._db.execute("CREATE TABLE item (i INTEGER PRIMARY KEY, audit BLOB NOT NULL, corpus BLOB)")
        self._lock = threading.Lock()
        self._pending: list[tuple[int, bytes]] = []
        self._count = 0
        self._finalizer = weakref.finalize(self, _remove, self._db, self.folder)

    def __len__(self) -> int:
        return self._count

    def add(self, value: Any) -> int:
        """Store one per-document result; returns its row number (0, 1, 2... in order)."""
        i = self._count
        self._pending.append((i, _dump(value)))
        self._count += 1
        if len(self._pending) >= _BATCH:
            self.flush()
        return i

    def flush(self) -> None:
        """Write the rows added since the last flush."""
        if not self._pending:
            return
        with self._lock:
            self._db.execute("BEGIN")
            self._db.executemany("INSERT INTO item (i, audit) VALUES (?, ?)", self._pending)
            self._db.execute("COMMIT")
        self._pending = []

    def set_corpus(self, values: Iterable[tuple[int, Any]]) -> None:
        """Attach the corpus stage's results to rows: (row number, value) pairs."""
        self.flush()
        with self._lock:
            self._db.execute("BEGIN")
            self._db.executemany("UPDATE item SET corpus = ? WHERE i = ?", ((_dump(v), i) for i, v in values))
            self._db.execute("COMMIT")

    def get(self, i: int) -> tuple[Any, Any]:
        """Row i: (per-document result, corpus results or None)."""
        self.flush()
        with self._lock:
            row = self._db.execute("SELECT audit, corpus FROM item WHERE i = ?", (i,)).fetchone()
        if row is None:
            raise IndexError(i)
        return _load(row[0]), None if row[1] is None else _load(row[1])

    def rows(self) -> Iterator[tuple[Any, Any]]:
        """Every row in order, read in batches (never all at once)."""
        self.flush()
        for start in range(0, self._count, _BATCH):
            with self._lock:
                batch = self._db.execute(
                    "SELECT audit, corpus FROM item WHERE i >= ? AND i < ? ORDER BY i", (start, start + _BATCH)
                ).fetchall()
            for audit, corpus in batch:
                yield _load(audit), None if corpus is None else _load(corpus)

    def close(self) -> None:
        """Delete the file now (it is deleted at garbage collection or exit otherwise)."""
        self._finalizer()

    @property
    def closed(self) -> bool:
        """Whether the file has been deleted."""
        return not self._finalizer.alive


class SpilledReports(Sequence[SourceReport]):
    """The report's sources, read back from a SpillStore one at a time and assembled on the way.

    A read-only sequence like the tuple it replaces; pickling it (or ``tuple(...)``) materialises
    every source in memory.
    """

    def __init__(self, store: SpillStore, assemble: Callable[[Any, Any], SourceReport]) -> None:
        self._store = store
        self._assemble = assemble

    def __len__(self) -> int:
        return len(self._store)

    @overload
    def __getitem__(self, i: int) -> SourceReport: ...
    @overload
    def __getitem__(self, i: slice) -> tuple[SourceReport, ...]: ...
    def __getitem__(self, i: int | slice) -> Any:
        if isinstance(i, slice):
            return tuple(self[j] for j in range(*i.indices(len(self))))
        n = len(self)
        if not -n <= i < n:
            raise IndexError(i)
        return self._assemble(*self._store.get(i % n))

    def __iter__(self) -> Iterator[SourceReport]:
        for audit, corpus in self._store.rows():
            yield self._assemble(audit, corpus)

    def __reduce__(self) -> tuple[Any, ...]:
        return (tuple, (tuple(self),))

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Sequence):
            return NotImplemented
        return len(self) == len(other) and all(a == b for a, b in zip(self, other, strict=True))

    def __hash__(self) -> int:
        return hash(tuple(self))

    def __repr__(self) -> str:
        return f"SpilledReports({len(self)} sources in {self._store.path})"

    def close(self) -> None:
        """Delete the store's file; the sequence cannot be read afterwards."""
        self._store.close()


__all__ = ["SPILL_ABOVE", "SpillStore", "SpilledReports"]
