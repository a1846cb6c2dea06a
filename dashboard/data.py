"""Cached wrappers between the pages and the engine: plain hashable arguments in, Report out."""

from __future__ import annotations

from pathlib import Path

import streamlit as st

from audits.config import AuditConfig
from audits.engine import run_audit
from audits.ingest import ingest_paths, unique_ids
from audits.model import Source
from audits.report import Report

DEFAULT_SOURCES = Path(__file__).resolve().parent.parent / "sources"


@st.cache_data(max_entries=8, show_spinner=False)
def load_folder(folder: str, config: AuditConfig) -> tuple[Source, ...]:
    """The sources in a folder (cached by folder and settings)."""
    return tuple(ingest_paths([folder], config))


@st.cache_resource(max_entries=16, show_spinner=False)
def audit(sources: tuple[Source, ...], config: AuditConfig) -> Report:
    """Audit a corpus; cached by the sources' content and the settings, so nothing is audited twice."""
    return run_audit(list(unique_ids(list(sources))), config)
