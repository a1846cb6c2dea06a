"""The Report: one frozen model of an audit that every view renders, and its JSON form.

The JSON form is versioned (SCHEMA_VERSION) and described in docs/report-schema.md
and audits/schema/report.schema.json.
"""

from __future__ import annotations

import json
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from audits.config import AuditConfig
from audits.model import SCORE_NAMES, ClaimsResult, Finding, SourceReport, severity_counts

SCHEMA_VERSION = "1.0.0"
SCHEMA_FILE = Path(__file__).resolve().parent / "schema" / "report.schema.json"


@dataclass(frozen=True)
class Report:
    """Everything one audit found, for every source, plus the corpus-wide claims."""

    generated_at: str
    tool_version: str
    ruleset_version: str
    config: AuditConfig
    # A tuple, or for large audits a sequence read back from disk one source at a time (audits/spill.py).
    sources: Sequence[SourceReport]
    claims: ClaimsResult
    timings: Mapping[str, float] = field(default_factory=dict)  # seconds per stage
    schema_version: str = SCHEMA_VERSION

    def source(self, source_id: str) -> SourceReport:
        """The report of one source by id."""
        for s in self.sources:
            if s.id == source_id:
                return s
        raise KeyError(source_id)

    def findings(self) -> Iterator[tuple[SourceReport, Finding]]:
        """Every finding with the source it belongs to."""
        for s in self.sources:
            for f in s.findings:
                yield s, f

    def to_dict(self) -> dict[str, Any]:
        """The JSON form (see docs/report-schema.md)."""
        return {
            "schema_version": self.schema_version,
            "generated_at": self.generated_at,
            "tool_version": self.tool_version,
            "ruleset_version": self.ruleset_version,
            "config": self.config.to_dict(),
            "summary": summary(self),
            "sources": [source_to_dict(s) for s in self.sources],
            "claims": self.claims.to_dict(),
        }

    def to_json(self, indent: int | None = 2) -> str:
        """The JSON form as text."""
        return json.dumps(self.to_dict(), ensure_ascii=False, indent=indent)


def source_to_dict(s: SourceReport) -> dict[str, Any]:
    """JSON form of one source's results."""
    src = s.source
    doc = s.document
    out: dict[str, Any] = {
        "id": src.id,
        "origin": src.origin,
        "kind": src.kind,
        "title": src.title,
        "language": doc.language.code if doc else None,
        "language_detail": doc.language.to_dict() if doc else None,
        "encoding": src.encoding,
        "content_hash": src.content_hash,
        "word_count": doc.word_count if doc else 0,
        "sentence_count": len(doc.sentences) if doc else 0,
        "paragraph_count": len(doc.paragraphs) if doc else 0,
        "text": src.text,
        "sentences": [[sp.start, sp.end] for sp in doc.sentences] if doc else [],
        "removed": [{"text": r.text, "reason": r.reason, "line": r.line} for r in src.removed],
        "metadata": (doc.metadata if doc else src.metadata).to_dict(),
        "scores": {name: _round(s.score(name)) for name in SCORE_NAMES},
        "score_details": {
            name: {"confidence": sc.confidence, "explanation": sc.explanation} for name, sc in s.scores.items()
        },
        "metrics": {m.name: (None if m.value is None else round(float(m.value), 4)) for m in s.metrics},
        "findings": [f.to_dict() for f in s.findings],
        "error": src.error,
    }
    for section, details in s.sections.items():
        out[section] = dict(details)
    out.setdefault("readability", {})
    out.setdefault("citations", {"style": "none", "in_text": [], "references": []})
    return out


def _round(value: float | None) -> float | None:
    return None if value is None else round(float(value), 1)


def summary(report: Report) -> dict[str, Any]:
    """Corpus-level counts: sources, failures, findings by severity, languages."""
    by_severity = severity_counts(f for _, f in report.findings())
    languages: dict[str, int] = {}
    for s in report.sources:
        if s.document:
            languages[s.document.language.code] = languages.get(s.document.language.code, 0) + 1
    return {
        "sources": len(report.sources),
        "failed": sum(1 for s in report.sources if not s.source.ok),
        "findings": by_severity,
        "languages": languages,
        "claim_method": report.claims.method,
        "clusters": len(report.claims.clusters),
    }


def load_schema() -> dict[str, Any]:
    """The JSON Schema of the report."""
    return json.loads(SCHEMA_FILE.read_text(encoding="utf-8"))
