"""Helpers for the readability tests: analyze a text of our own in a given language."""

from __future__ import annotations

from audits.analyzers.readability import ReadabilityAnalyzer
from audits.config import AuditConfig
from audits.model import AnalysisResult, Document, Source
from audits.prepare import prepare


def document(text: str, lang: str | None = "en", source_id: str = "sample") -> Document:
    """A prepared Document for pasted text, with the language set (None: detected)."""
    return prepare(Source(source_id, source_id, "pasted text", "text", text=text), lang)


def analyze_text(text: str, lang: str | None = "en", config: AuditConfig | None = None) -> AnalysisResult:
    """The readability result for a text of our own."""
    return ReadabilityAnalyzer().analyze(document(text, lang), config or AuditConfig())
