"""Audit history: runs, editors' decisions and sign-offs in an embedded SQLite database."""

from audits.history.migrations import SCHEMA_VERSION
from audits.history.store import (
    STATUSES,
    Decision,
    HistoryError,
    HistoryStore,
    RunInfo,
    SignOff,
    default_path,
    fingerprint,
    open_history,
)
from audits.history.workspace import Workspace, WorkspaceError, WorkspaceInfo

__all__ = [
    "SCHEMA_VERSION",
    "STATUSES",
    "Decision",
    "HistoryError",
    "HistoryStore",
    "RunInfo",
    "SignOff",
    "Workspace",
    "WorkspaceError",
    "WorkspaceInfo",
    "default_path",
    "fingerprint",
    "open_history",
]
