"""Shared fixtures: the seed corpus in sources/ and one audit of it, reused across tests."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

import pytest
from hypothesis import settings

from audits.config import AuditConfig
from audits.engine import run_audit
from audits.ingest import ingest_paths
from audits.report import Report

ROOT = Path(__file__).resolve().parent.parent
SOURCES = ROOT / "sources"

SERBIAN = "serbian-article-psychotherapy-neuroscience"
CLINIC = "la-clinic-how-psychotherapy-works"
BLOG = "pop-science-blog-why-therapy-works"
EDITORIAL = "journal-editorial-mechanisms-of-change"
BOOK = "therapist-book-page-what-is-psychotherapy"
SEED_IDS = (SERBIAN, CLINIC, BLOG, EDITORIAL, BOOK)

# Property tests check what the code does, never how fast: Hypothesis's default 200 ms per example is a timed
# assertion, and a loaded 2-core machine can miss it (a settings property failed once while an evaluation ran
# beside it, and never on rerun). Speed is measured in bench/, not asserted here.
settings.register_profile("no-deadline", deadline=None)
settings.load_profile("no-deadline")


def pytest_configure(config: pytest.Config) -> None:
    """Keep every test's audit history out of the user's own ~/.local/share."""
    os.environ["XDG_DATA_HOME"] = tempfile.mkdtemp(prefix="mh-audit-tests-")


@pytest.fixture(scope="session")
def seed_sources():
    """The five demo articles, ingested once."""
    return {s.id: s for s in ingest_paths([SOURCES], AuditConfig())}


@pytest.fixture(scope="session")
def seed_report(seed_sources) -> Report:
    """The default audit of the seed corpus (embedding model, default thresholds)."""
    return run_audit(list(seed_sources.values()), AuditConfig())


@pytest.fixture(scope="session")
def seed_docs(seed_report):
    """Prepared documents of the seed corpus, by source id."""
    return {s.id: s.document for s in seed_report.sources}
