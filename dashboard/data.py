"""Cached wrappers between the pages and the engine: plain hashable arguments in, engine objects out.

Nothing here keeps mutable state at module level: Streamlit's caches are keyed by the
arguments (sources by content hash, settings by the frozen AuditConfig) and bounded.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Callable
from pathlib import Path

import streamlit as st

from audits.config import AuditConfig
from audits.ingest import ingest_bytes, ingest_paths, ingest_text, ingest_url, unique_ids
from audits.model import Document, Source
from audits.prepare import prepare
from audits.report import Report

DEFAULT_SOURCES = Path(__file__).resolve().parent.parent / "sources"

SourceKey = tuple[tuple[str, str, str, str], ...]


def source_key(sources: tuple[Source, ...]) -> SourceKey:
    """What identifies a corpus for caching: each source's id, content hash, title and error."""
    return tuple((s.id, s.content_hash, s.title, s.error or "") for s in sources)


@st.cache_data(max_entries=8, show_spinner=False)
def load_folder(folder: str, config: AuditConfig) -> tuple[Source, ...]:
    """The sources in a folder (cached by folder and settings)."""
    return tuple(ingest_paths([folder], config))


@st.cache_data(max_entries=64, show_spinner=False)
def read_upload(name: str, data: bytes, config: AuditConfig) -> Source:
    """An uploaded file read into a Source (cached by name and bytes)."""
    return ingest_bytes(name, data, config)


@st.cache_data(max_entries=64, show_spinner=False)
def read_pasted(title: str, text: str, config: AuditConfig) -> Source:
    """Pasted text read into a Source."""
    return ingest_text(title, text, config)


@st.cache_data(max_entries=32, ttl=3600, show_spinner=False)
def read_url(url: str, config: AuditConfig) -> Source:
    """A web page fetched and read into a Source (private addresses refused unless allowed)."""
    return ingest_url(url, config)


@st.cache_data(max_entries=256, show_spinner=False)
def prepared(_source: Source, key: tuple[str, str, str, str], language: str | None) -> Document | None:
    """Language, sentences and word count of one source, without the analyzers (fast, for the Sources page)."""
    if not _source.ok:
        return None
    return prepare(_source, language)


class AuditStore:
    """A bounded, thread-safe map from (corpus key, settings) to Report, shared by every session.

    st.cache_resource would replay the progress bar's messages on a cache hit and fail, so the audit
    runs outside any cached function and its result is kept here. A Report is frozen, so sharing the
    same object between sessions is safe, and page switches never recompute or unpickle it.
    An audit already running (e.g. started in the background by the Sources page) is waited for,
    never started twice.
    """

    def __init__(self, max_entries: int = 16) -> None:
        self.max_entries = max_entries
        self._items: OrderedDict[tuple[SourceKey, AuditConfig], Report] = OrderedDict()
        self._running: dict[tuple[SourceKey, AuditConfig], threading.Event] = {}
        self._lock = threading.Lock()

    def get(self, key: SourceKey, config: AuditConfig) -> Report | None:
        """The stored report, or None."""
        with self._lock:
            report = self._items.get((key, config))
            if report is not None:
                self._items.move_to_end((key, config))
            return report

    def running(self, key: SourceKey, config: AuditConfig) -> bool:
        """Whether this audit is being computed right now."""
        with self._lock:
            return (key, config) in self._running

    def put(self, key: SourceKey, config: AuditConfig, report: Report) -> None:
        """Keep a report, dropping the least recently used beyond max_entries."""
        with self._lock:
            self._items[(key, config)] = report
            self._items.move_to_end((key, config))
            while len(self._items) > self.max_entries:
                self._items.popitem(last=False)

    def compute(self, key: SourceKey, config: AuditConfig, make: Callable[[], Report]) -> Report:
        """The stored report, else the one another thread is computing, else make() it and keep it."""
        with self._lock:
            report = self._items.get((key, config))
            if report is not None:
                return report
            event = self._running.get((key, config))
            owner = event is None
            if owner:
                event = self._running[(key, config)] = threading.Event()
        if not owner:
            event.wait()
            report = self.get(key, config)
            if report is not None:
                return report
            return self.compute(key, config, make)  # the other run failed: try ourselves
        try:
            report = make()
            self.put(key, config, report)
            return report
        finally:
            with self._lock:
                self._running.pop((key, config), None)
            event.set()


@st.cache_resource(show_spinner=False)
def audit_store() -> AuditStore:
    """The server's one audit store."""
    return AuditStore()


def _run(sources: tuple[Source, ...], config: AuditConfig, progress: Callable[[str, int, int], None] | None) -> Report:
    # Imported here: the analyzers (and the claim model's libraries) are not needed to draw the first page.
    from audits.engine import run_audit

    # spill=False: the dashboard looks sources up by id again and again, so its reports stay in memory.
    return run_audit(list(unique_ids(list(sources))), config, progress=progress, spill=False)


def audit(
    sources: tuple[Source, ...], config: AuditConfig, progress: Callable[[str, int, int], None] | None = None
) -> Report:
    """Audit a corpus; kept by the sources' content hashes and the settings, so nothing is audited twice."""
    return audit_store().compute(
        source_key(sources), config, lambda: _run(sources, config, progress))


def audit_in_background(sources: tuple[Source, ...], config: AuditConfig) -> bool:
    """Start auditing a corpus in a background thread unless it is done or running; True when started."""
    store = audit_store()
    key = source_key(sources)
    if not sources or store.get(key, config) is not None or store.running(key, config):
        return False

    def work() -> None:
        store.compute(key, config, lambda: _run(sources, config, None))

    threading.Thread(target=work, name="mh-audit-prewarm", daemon=True).start()
    return True
