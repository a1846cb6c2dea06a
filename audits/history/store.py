"""The audit history: an embedded SQLite database of runs, editors' decisions and sign-offs.

Every write is one transaction in WAL mode, so a crash mid-save loses nothing already saved.
Decisions are keyed by (source id, finding fingerprint): the fingerprint is the rule plus the
whitespace-normalised excerpt (``Finding.fingerprint``), so a decision carries over to the next
audit of the same source as long as the flagged text is unchanged.
"""

from __future__ import annotations

import hashlib
import json
import os
import sqlite3
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

from audits.exports.facts import Review
from audits.history.migrations import migrate
from audits.history.workspace import (
    Workspace,
    WorkspaceInfo,
    delete_workspace,
    list_workspaces,
    load_workspace,
    save_workspace,
)
from audits.model import finding_fingerprint
from audits.report import Report

STATUSES = ("accepted", "dismissed", "fixed", "open")
APP_DIR = "mh-content-audit"


LOCK_TIMEOUT_S = 10.0  # how long a save waits for another writer before giving up


class HistoryError(ValueError):
    """A request the history cannot satisfy (unknown run, bad decision); the message says why."""


class NewerDatabaseError(HistoryError, RuntimeError):
    """A history database written by a newer version of the tool."""


def default_path(configured: str | None = None) -> Path:
    """Where the history lives: the configured path, else $XDG_DATA_HOME or ~/.local/share."""
    if configured:
        return Path(configured).expanduser()
    base = os.environ.get("XDG_DATA_HOME") or str(Path.home() / ".local" / "share")
    return Path(base) / APP_DIR / "history.sqlite"


fingerprint = finding_fingerprint  # the identity of a finding across runs (audits.model)


@dataclass(frozen=True)
class RunInfo:
    """One stored run, without its report."""

    id: int
    saved_at: str
    generated_at: str
    tool_version: str
    ruleset_version: str
    label: str | None
    sources: int
    findings: int


@dataclass(frozen=True)
class Decision:
    """An editor's verdict on a finding: accepted, dismissed (with a reason), fixed, or open again."""

    source_id: str
    fingerprint: str
    status: str
    reason: str | None
    decided_by: str | None
    decided_at: str
    run_id: int | None

    def to_dict(self) -> dict[str, Any]:
        """JSON form."""
        return {
            "source": self.source_id,
            "fingerprint": self.fingerprint,
            "status": self.status,
            "reason": self.reason,
            "decided_by": self.decided_by,
            "decided_at": self.decided_at,
            "run": self.run_id,
        }


@dataclass(frozen=True)
class SignOff:
    """A reviewer's sign-off of one source in one run."""

    run_id: int
    source_id: str
    content_hash: str
    name: str
    signed_on: str
    note: str | None

    def to_dict(self) -> dict[str, Any]:
        """JSON form."""
        return {
            "run": self.run_id,
            "source": self.source_id,
            "content_hash": self.content_hash,
            "name": self.name,
            "signed_on": self.signed_on,
            "note": self.note,
        }


def audit_digest(data: Mapping[str, Any]) -> str:
    """What makes two audits identical: tool and rule set, settings, and each source's text and findings."""
    key = {
        "tool": data.get("tool_version"), "rules": data.get("ruleset_version"), "config": data.get("config", {}),
        "sources": [[s.get("id"), s.get("content_hash"), s.get("error"),
                     [fingerprint(f["rule"], f["excerpt"]) for f in s.get("findings", [])], s.get("scores", {})]
                    for s in data.get("sources", [])],
    }
    return hashlib.sha256(json.dumps(key, sort_keys=True, ensure_ascii=False).encode("utf-8")).hexdigest()


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


class HistoryStore:
    """A connection to one history database; create it with open_history() or HistoryStore(path)."""

    def __init__(self, path: str | Path) -> None:
        self.path = Path(path)
        if str(path) != ":memory:":
            if self.path.is_dir():
                raise HistoryError(f"{self.path} is a folder, not a history database file")
            try:
                self.path.parent.mkdir(parents=True, exist_ok=True)
            except OSError as exc:
                raise HistoryError(f"cannot create the folder for {self.path} ({exc.strerror})") from None
        try:
            # isolation_level=None: we issue BEGIN/COMMIT ourselves, so a transaction is exactly one save.
            self._conn = sqlite3.connect(str(path), isolation_level=None, timeout=LOCK_TIMEOUT_S)
        except sqlite3.Error as exc:
            raise HistoryError(f"cannot open the history database {self.path} ({exc})") from None
        try:
            self._conn.row_factory = sqlite3.Row
            self._conn.execute("PRAGMA journal_mode=WAL")
            self._conn.execute("PRAGMA synchronous=NORMAL")
            self._conn.execute("PRAGMA foreign_keys=ON")
            self.schema_version = migrate(self._conn)
        except RuntimeError as exc:  # a newer schema than this tool knows
            self._conn.close()
            raise NewerDatabaseError(describe_db_error(self.path, exc)) from None
        except sqlite3.Error as exc:
            self._conn.close()
            raise HistoryError(describe_db_error(self.path, exc)) from None

    # -- plumbing -------------------------------------------------------------------------------

    def close(self) -> None:
        """Close the connection."""
        self._conn.close()

    def __enter__(self) -> HistoryStore:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    @contextmanager
    def transaction(self) -> Iterator[sqlite3.Connection]:
        """One atomic write: everything inside is committed together or not at all."""
        self._conn.execute("BEGIN IMMEDIATE")
        try:
            yield self._conn
        except BaseException:
            self._conn.execute("ROLLBACK")
            raise
        self._conn.execute("COMMIT")

    def integrity(self) -> str:
        """SQLite's own integrity check: 'ok' when the file is sound."""
        return str(self._conn.execute("PRAGMA integrity_check").fetchone()[0])

    # -- runs -----------------------------------------------------------------------------------

    def save_run(self, report: Report | Mapping[str, Any], label: str | None = None) -> int:
        """Store one audit (report JSON, content hashes, config, findings); returns the run id."""
        data = report.to_dict() if isinstance(report, Report) else dict(report)
        with self.transaction() as conn:
            cur = conn.execute(
                "INSERT INTO runs (saved_at, generated_at, tool_version, ruleset_version, schema_version, label,"
                " config_json, report_json, digest) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (
                    _now(),
                    str(data.get("generated_at", "")),
                    str(data.get("tool_version", "")),
                    str(data.get("ruleset_version", "")),
                    str(data.get("schema_version", "")),
                    label,
                    json.dumps(data.get("config", {}), ensure_ascii=False, sort_keys=True),
                    json.dumps(data, ensure_ascii=False),
                    audit_digest(data),
                ),
            )
            run_id = int(cur.lastrowid or 0)
            for s in data.get("sources", []):
                conn.execute(
                    "INSERT INTO run_sources VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                    (run_id, s["id"], s.get("title", ""), s.get("origin", ""), s.get("content_hash", ""),
                     s.get("language"), json.dumps(s.get("scores", {})), s.get("error")),
                )
                conn.executemany(
                    'INSERT INTO run_findings (run_id, source_id, position, fingerprint, rule, severity, message,'
                    ' start, "end", excerpt) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)',
                    [
                        (run_id, s["id"], i, fingerprint(f["rule"], f["excerpt"]), f["rule"], f["severity"],
                         f["message"], f["start"], f["end"], f["excerpt"])
                        for i, f in enumerate(s.get("findings", []))
                    ],
                )
        return run_id

    def identical_run(self, report: Report | Mapping[str, Any]) -> int | None:
        """The latest saved run identical to this audit (same tool, rules, settings, texts and findings), or None."""
        data = report.to_dict() if isinstance(report, Report) else dict(report)
        row = self._conn.execute("SELECT max(id) FROM runs WHERE digest = ?", (audit_digest(data),)).fetchone()
        return None if row[0] is None else int(row[0])

    def save_run_once(self, report: Report | Mapping[str, Any], label: str | None = None) -> tuple[int, bool]:
        """Save an audit unless an identical one is saved already: (run id, whether it was newly saved)."""
        existing = self.identical_run(report)
        if existing is not None:
            return existing, False
        return self.save_run(report, label=label), True

    def runs(self) -> list[RunInfo]:
        """Every stored run, oldest first."""
        rows = self._conn.execute(
            "SELECT r.id, r.saved_at, r.generated_at, r.tool_version, r.ruleset_version, r.label,"
            " (SELECT count(*) FROM run_sources s WHERE s.run_id = r.id) AS sources,"
            " (SELECT count(*) FROM run_findings f WHERE f.run_id = r.id) AS findings"
            " FROM runs r ORDER BY r.id"
        ).fetchall()
        return [RunInfo(**dict(row)) for row in rows]

    def resolve(self, ref: str | int) -> int:
        """A run id from a number, 'latest', or 'previous' (the one before the latest)."""
        text = str(ref).strip().lower()
        ids = [r[0] for r in self._conn.execute("SELECT id FROM runs ORDER BY id").fetchall()]
        if text in ("latest", "last") and ids:
            return ids[-1]
        if text == "previous" and len(ids) >= 2:
            return ids[-2]
        if text.lstrip("-").isdigit():
            n = int(text)
            if n in ids:
                return n
        known = ", ".join(str(i) for i in ids) or "none yet"
        raise HistoryError(f"no run '{ref}' in the history (runs: {known})")

    def report_dict(self, run: str | int) -> dict[str, Any]:
        """The stored JSON report of a run."""
        run_id = self.resolve(run)
        row = self._conn.execute("SELECT report_json FROM runs WHERE id = ?", (run_id,)).fetchone()
        return dict(json.loads(row[0]))

    def run_info(self, run: str | int) -> RunInfo:
        """The summary of one run."""
        run_id = self.resolve(run)
        return next(r for r in self.runs() if r.id == run_id)

    def previous_run_of(self, run: str | int) -> int | None:
        """The latest earlier run that audited at least one of the same sources, or None."""
        run_id = self.resolve(run)
        row = self._conn.execute(
            "SELECT max(p.run_id) FROM run_sources p JOIN run_sources c ON c.source_id = p.source_id"
            " WHERE c.run_id = ? AND p.run_id < ?",
            (run_id, run_id),
        ).fetchone()
        return None if row[0] is None else int(row[0])

    # -- decisions ------------------------------------------------------------------------------

    def decide(
        self,
        source_id: str,
        finding_fingerprint: str,
        status: str,
        reason: str | None = None,
        by: str | None = None,
        run: str | int | None = None,
    ) -> Decision:
        """Record an editor's decision on a finding; the newest decision for a finding is the one that counts."""
        status = str(status).strip().lower()
        if status not in STATUSES:
            raise HistoryError(f"unknown decision {status!r}: use accepted, dismissed, fixed or open")
        reason = (reason or "").strip() or None
        if status == "dismissed" and not reason:
            raise HistoryError("a dismissed finding needs a reason, so the next reviewer knows why")
        run_id = None if run is None else self.resolve(run)
        decided_at = _now()
        with self.transaction() as conn:
            conn.execute(
                "INSERT INTO decisions (source_id, fingerprint, status, reason, decided_by, decided_at, run_id)"
                " VALUES (?, ?, ?, ?, ?, ?, ?)",
                (source_id, finding_fingerprint, status, reason, by, decided_at, run_id),
            )
        return Decision(source_id, finding_fingerprint, status, reason, by, decided_at, run_id)

    def decisions(self, source_id: str | None = None) -> dict[tuple[str, str], Decision]:
        """The current decision for every (source id, fingerprint) ever decided ('open' ones left out)."""
        sql = (
            "SELECT d.* FROM decisions d JOIN (SELECT max(id) AS id FROM decisions GROUP BY source_id, fingerprint)"
            " latest ON latest.id = d.id"
        )
        params: tuple[Any, ...] = ()
        if source_id is not None:
            sql += " WHERE d.source_id = ?"
            params = (source_id,)
        out = {}
        for row in self._conn.execute(sql, params).fetchall():
            if row["status"] == "open":
                continue
            out[(row["source_id"], row["fingerprint"])] = Decision(
                row["source_id"], row["fingerprint"], row["status"], row["reason"], row["decided_by"],
                row["decided_at"], row["run_id"],
            )
        return out

    def decisions_for_run(self, run: str | int) -> dict[tuple[str, str], Decision]:
        """The decisions that apply to a run's findings (carried over from earlier runs when text is unchanged)."""
        run_id = self.resolve(run)
        current = self.decisions()
        keys = self._conn.execute(
            "SELECT DISTINCT source_id, fingerprint FROM run_findings WHERE run_id = ?", (run_id,)
        ).fetchall()
        return {(k[0], k[1]): current[(k[0], k[1])] for k in keys if (k[0], k[1]) in current}

    def decision_log(self, source_id: str, finding_fingerprint: str) -> list[Decision]:
        """Every decision ever taken on one finding, oldest first (the audit trail)."""
        rows = self._conn.execute(
            "SELECT * FROM decisions WHERE source_id = ? AND fingerprint = ? ORDER BY id",
            (source_id, finding_fingerprint),
        ).fetchall()
        return [
            Decision(r["source_id"], r["fingerprint"], r["status"], r["reason"], r["decided_by"], r["decided_at"],
                     r["run_id"])
            for r in rows
        ]

    def review(self, run: str | int) -> Review:
        """The decisions and still-valid sign-offs that apply to a run, ready for the HTML/PDF/Markdown exports."""
        run_id = self.resolve(run)
        hashes = self._conn.execute("SELECT source_id, content_hash FROM run_sources WHERE run_id = ?",
                                    (run_id,)).fetchall()
        signoffs = {sid: s for sid, h in hashes if (s := self.current_signoff(sid, h)) is not None}
        return Review(self.decisions_for_run(run_id), signoffs)

    # -- workspaces -----------------------------------------------------------------------------

    def save_workspace(self, workspace: Workspace) -> bool:
        """Store a named workspace; False (nothing written) when the stored one is identical."""
        return save_workspace(self._conn, workspace)

    def workspace(self, name: str) -> Workspace | None:
        """The stored workspace of that name, or None."""
        return load_workspace(self._conn, name)

    def workspaces(self) -> list[WorkspaceInfo]:
        """Every saved workspace, most recently changed first."""
        return list_workspaces(self._conn)

    def delete_workspace(self, name: str) -> bool:
        """Forget a workspace; False when there was none of that name."""
        return delete_workspace(self._conn, name)

    # -- sign-offs ------------------------------------------------------------------------------

    def sign_off(
        self, run: str | int, source_id: str, name: str, on: date | str | None = None, note: str | None = None
    ) -> SignOff:
        """Record that a reviewer signed off one source as audited in a run."""
        run_id = self.resolve(run)
        name = (name or "").strip()
        if not name:
            raise HistoryError("a sign-off needs the reviewer's name")
        row = self._conn.execute(
            "SELECT content_hash FROM run_sources WHERE run_id = ? AND source_id = ?", (run_id, source_id)
        ).fetchone()
        if row is None:
            raise HistoryError(f"run {run_id} has no source {source_id!r}")
        signed_on = _as_date(on)
        with self.transaction() as conn:
            conn.execute(
                "INSERT INTO signoffs (run_id, source_id, content_hash, name, signed_on, note, recorded_at)"
                " VALUES (?, ?, ?, ?, ?, ?, ?)",
                (run_id, source_id, row[0], name, signed_on, note, _now()),
            )
        return SignOff(run_id, source_id, row[0], name, signed_on, note)

    def signoffs(self, source_id: str | None = None) -> list[SignOff]:
        """Sign-offs, oldest first, for one source or all."""
        sql = "SELECT run_id, source_id, content_hash, name, signed_on, note FROM signoffs"
        params: tuple[Any, ...] = ()
        if source_id is not None:
            sql += " WHERE source_id = ?"
            params = (source_id,)
        return [SignOff(**dict(r)) for r in self._conn.execute(sql + " ORDER BY id", params).fetchall()]

    def current_signoff(self, source_id: str, content_hash: str) -> SignOff | None:
        """The latest sign-off of a source that still holds: its text has not changed since."""
        for s in reversed(self.signoffs(source_id)):
            if s.content_hash == content_hash:
                return s
        return None


def _as_date(value: date | str | None) -> str:
    if value is None:
        return datetime.now(UTC).date().isoformat()
    if isinstance(value, date):
        return value.isoformat()
    try:
        return date.fromisoformat(str(value).strip()).isoformat()
    except ValueError:
        raise HistoryError(f"sign-off date {value!r}: use YYYY-MM-DD") from None


def describe_db_error(path: Path, exc: BaseException) -> str:
    """A one-line reason for a database that cannot be used."""
    text = str(exc)
    if "locked" in text or "busy" in text:
        return (f"the history database {path} is locked by another program (waited {LOCK_TIMEOUT_S:g} s); "
                "try again later")
    if "not a database" in text or "malformed" in text:
        return f"{path} is not a history database (not an SQLite file, or damaged)"
    if "newer than this tool" in text:
        return text.splitlines()[0]
    return f"the history database {path} cannot be used ({text.splitlines()[0] if text else type(exc).__name__})"


def open_history(path: str | Path | None = None) -> HistoryStore:
    """Open (creating on first use) the history at path, or at the default location."""
    return HistoryStore(default_path(str(path)) if path else default_path())
