"""Named workspaces in the history database: the sources a user added and their settings, kept across restarts.

A source is stored as it was read (cleaned text, metadata, what was stripped, or the read error),
so reopening a workspace needs neither the original file nor the network. Saving the same
workspace state twice changes nothing (the state's digest is compared first).
"""

from __future__ import annotations

import hashlib
import json
import sqlite3
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from audits.model import Metadata, Removed, Source, Span

NAME_LIMIT = 80


class WorkspaceError(ValueError):
    """A workspace request that cannot be met; the message says why."""


def source_to_dict(s: Source) -> dict[str, Any]:
    """A Source as JSON, complete enough to be read back without the original file."""
    meta = s.metadata
    return {
        "id": s.id, "title": s.title, "origin": s.origin, "kind": s.kind, "text": s.text, "encoding": s.encoding,
        "removed": [[r.text, r.reason, r.line] for r in s.removed],
        "metadata": {**meta.to_dict(), "spans": {k: [v.start, v.end] for k, v in meta.spans.items()}},
        "content_hash": s.content_hash, "error": s.error, "error_rule": s.error_rule,
        "language_override": s.language_override,
        "warnings": [[rule, message] for rule, message in s.warnings],
    }


def source_from_dict(d: Mapping[str, Any]) -> Source:
    """The Source stored by source_to_dict."""
    m = d.get("metadata") or {}
    metadata = Metadata(
        title=m.get("title"), authors=tuple(m.get("authors", ())), reviewers=tuple(m.get("reviewers", ())),
        affiliations=tuple(m.get("affiliations", ())), dates=dict(m.get("dates", {})), doi=m.get("doi"),
        emails=tuple(m.get("emails", ())), correspondence=m.get("correspondence"),
        spans={k: Span(int(a), int(b)) for k, (a, b) in (m.get("spans") or {}).items()},
    )
    return Source(
        id=str(d["id"]), title=str(d.get("title", d["id"])), origin=str(d.get("origin", "")),
        kind=str(d.get("kind", "text")), text=str(d.get("text", "")), encoding=d.get("encoding"),
        removed=tuple(Removed(str(t), str(r), int(n)) for t, r, n in d.get("removed", [])),
        metadata=metadata, content_hash=str(d.get("content_hash", "")), error=d.get("error"),
        error_rule=d.get("error_rule"), language_override=d.get("language_override"),
        warnings=tuple((str(rule), str(message)) for rule, message in d.get("warnings") or ()),
    )


@dataclass(frozen=True)
class Workspace:
    """What a user set up: added sources, settings, whether the demo folder is in, which sources are removed."""

    name: str
    sources: tuple[Source, ...] = ()
    settings: Mapping[str, Any] | None = None
    use_folder: bool = True
    removed: tuple[str, ...] = ()
    updated_at: str = ""

    def state(self) -> dict[str, Any]:
        """The JSON state stored for the workspace (without its name and time)."""
        return {
            "sources": [source_to_dict(s) for s in self.sources],
            "settings": dict(self.settings or {}),
            "use_folder": self.use_folder,
            "removed": sorted(self.removed),
        }

    def digest(self) -> str:
        """A hash of the state: equal digests mean an identical workspace."""
        raw = json.dumps(self.state(), sort_keys=True, ensure_ascii=False).encode("utf-8")
        return hashlib.sha256(raw).hexdigest()


@dataclass(frozen=True)
class WorkspaceInfo:
    """A saved workspace, summarised for a picker."""

    name: str
    sources: int
    updated_at: str


def clean_name(name: str) -> str:
    """A usable workspace name (trimmed, single-spaced), or WorkspaceError."""
    text = " ".join(str(name or "").split())
    if not text:
        raise WorkspaceError("a workspace needs a name")
    if len(text) > NAME_LIMIT:
        raise WorkspaceError(f"a workspace name can have at most {NAME_LIMIT} characters")
    return text


def save_workspace(conn: sqlite3.Connection, ws: Workspace) -> bool:
    """Store a workspace in one transaction; False (and nothing written) when the stored one is identical."""
    name = clean_name(ws.name)
    digest = ws.digest()
    row = conn.execute("SELECT digest FROM workspaces WHERE name = ?", (name,)).fetchone()
    if row is not None and row[0] == digest:
        return False
    now = datetime.now(UTC).isoformat(timespec="seconds")
    state = json.dumps(ws.state(), ensure_ascii=False)
    conn.execute("BEGIN IMMEDIATE")
    try:
        conn.execute(
            "INSERT INTO workspaces (name, state_json, digest, sources, updated_at) VALUES (?, ?, ?, ?, ?)"
            " ON CONFLICT(name) DO UPDATE SET state_json = excluded.state_json, digest = excluded.digest,"
            " sources = excluded.sources, updated_at = excluded.updated_at",
            (name, state, digest, len(ws.sources), now),
        )
    except BaseException:
        conn.execute("ROLLBACK")
        raise
    conn.execute("COMMIT")
    return True


def load_workspace(conn: sqlite3.Connection, name: str) -> Workspace | None:
    """The stored workspace of that name, or None."""
    row = conn.execute("SELECT state_json, updated_at FROM workspaces WHERE name = ?",
                       (clean_name(name),)).fetchone()
    if row is None:
        return None
    state = json.loads(row[0])
    return Workspace(
        name=clean_name(name), sources=tuple(source_from_dict(d) for d in state.get("sources", [])),
        settings=dict(state.get("settings") or {}), use_folder=bool(state.get("use_folder", True)),
        removed=tuple(state.get("removed", ())), updated_at=str(row[1]),
    )


def list_workspaces(conn: sqlite3.Connection) -> list[WorkspaceInfo]:
    """Every saved workspace, most recently changed first."""
    rows = conn.execute("SELECT name, sources, updated_at FROM workspaces ORDER BY updated_at DESC, name").fetchall()
    return [WorkspaceInfo(str(r[0]), int(r[1]), str(r[2])) for r in rows]


def delete_workspace(conn: sqlite3.Connection, name: str) -> bool:
    """Forget a workspace; False when there was none of that name."""
    conn.execute("BEGIN IMMEDIATE")
    cur = conn.execute("DELETE FROM workspaces WHERE name = ?", (clean_name(name),))
    conn.execute("COMMIT")
    return cur.rowcount > 0

