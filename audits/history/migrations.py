"""Versioned schema migrations of the history database (PRAGMA user_version holds the version)."""

from __future__ import annotations

import sqlite3

# Each entry moves the database from version i to i + 1. Never edit a released entry: append a new one.
MIGRATIONS: tuple[str, ...] = (
    # 1: runs with their report, sources with content hashes, findings, decisions, sign-offs.
    """
    CREATE TABLE runs (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        saved_at TEXT NOT NULL,
        generated_at TEXT NOT NULL,
        tool_version TEXT NOT NULL,
        ruleset_version TEXT NOT NULL,
        schema_version TEXT NOT NULL,
        label TEXT,
        config_json TEXT NOT NULL,
        report_json TEXT NOT NULL
    );
    CREATE TABLE run_sources (
        run_id INTEGER NOT NULL REFERENCES runs(id) ON DELETE CASCADE,
        source_id TEXT NOT NULL,
        title TEXT NOT NULL,
        origin TEXT NOT NULL,
        content_hash TEXT NOT NULL,
        language TEXT,
        scores_json TEXT NOT NULL,
        error TEXT,
        PRIMARY KEY (run_id, source_id)
    );
    CREATE TABLE run_findings (
        run_id INTEGER NOT NULL REFERENCES runs(id) ON DELETE CASCADE,
        source_id TEXT NOT NULL,
        position INTEGER NOT NULL,
        fingerprint TEXT NOT NULL,
        rule TEXT NOT NULL,
        severity TEXT NOT NULL,
        message TEXT NOT NULL,
        start INTEGER NOT NULL,
        "end" INTEGER NOT NULL,
        excerpt TEXT NOT NULL,
        PRIMARY KEY (run_id, source_id, position)
    );
    CREATE INDEX run_findings_fingerprint ON run_findings (source_id, fingerprint);
    CREATE TABLE decisions (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        source_id TEXT NOT NULL,
        fingerprint TEXT NOT NULL,
        status TEXT NOT NULL CHECK (status IN ('accepted', 'dismissed', 'fixed', 'open')),
        reason TEXT,
        decided_by TEXT,
        decided_at TEXT NOT NULL,
        run_id INTEGER REFERENCES runs(id) ON DELETE SET NULL,
        CHECK (status <> 'dismissed' OR (reason IS NOT NULL AND trim(reason) <> ''))
    );
    CREATE INDEX decisions_key ON decisions (source_id, fingerprint, id);
    CREATE TABLE signoffs (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        run_id INTEGER NOT NULL REFERENCES runs(id) ON DELETE CASCADE,
        source_id TEXT NOT NULL,
        content_hash TEXT NOT NULL,
        name TEXT NOT NULL CHECK (trim(name) <> ''),
        signed_on TEXT NOT NULL,
        note TEXT,
        recorded_at TEXT NOT NULL
    );
    CREATE INDEX signoffs_source ON signoffs (source_id, id);
    """,
    # 2: named workspaces (the dashboard's sources and settings), and a digest per run so an identical
    # audit is saved once.
    """
    CREATE TABLE workspaces (
        name TEXT PRIMARY KEY CHECK (trim(name) <> ''),
        state_json TEXT NOT NULL,
        digest TEXT NOT NULL,
        sources INTEGER NOT NULL,
        updated_at TEXT NOT NULL
    );
    ALTER TABLE runs ADD COLUMN digest TEXT;
    CREATE INDEX runs_digest ON runs (digest);
    """,
)

SCHEMA_VERSION = len(MIGRATIONS)


def migrate(conn: sqlite3.Connection) -> int:
    """Bring the database up to SCHEMA_VERSION, one committed step at a time; returns the version."""
    version = conn.execute("PRAGMA user_version").fetchone()[0]
    if version > SCHEMA_VERSION:
        raise RuntimeError(
            f"history database is at schema version {version}, newer than this tool ({SCHEMA_VERSION}): "
            "update mh-content-audit"
        )
    for target in range(version + 1, SCHEMA_VERSION + 1):
        # executescript commits first; wrap each step in its own transaction so a crash leaves no half step.
        conn.executescript(f"BEGIN IMMEDIATE;\n{MIGRATIONS[target - 1]}\nPRAGMA user_version = {target};\nCOMMIT;")
    return SCHEMA_VERSION
