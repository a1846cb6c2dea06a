"""Read a Report back from its JSON form (e.g. a run stored in the history), so every export can render it.

Paragraph offsets are recomputed from the text (the same splitter as prepare); metric labels and stage
timings are not part of the JSON form and come back empty.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import fields
from typing import Any

from audits.config import AuditConfig, from_mapping
from audits.model import (
    ClaimCluster,
    ClaimMember,
    ClaimsResult,
    Document,
    Finding,
    Language,
    Metadata,
    Metric,
    RelatedSpan,
    Removed,
    Score,
    Severity,
    Source,
    SourceReport,
    Span,
)
from audits.prepare.sentences import paragraph_spans
from audits.report import SCHEMA_VERSION, Report

_SOURCE_KEYS = {
    "id", "origin", "kind", "title", "language", "language_detail", "encoding", "content_hash", "word_count",
    "sentence_count", "paragraph_count", "text", "sentences", "removed", "metadata", "scores", "score_details",
    "metrics", "findings", "error",
}


_CONFIG_KEYS = {f.name for f in fields(AuditConfig)}


def _finding(d: Mapping[str, Any]) -> Finding:
    return Finding(
        rule=d["rule"], category=d["category"], severity=Severity.parse(d["severity"]), message=d["message"],
        start=int(d["start"]), end=int(d["end"]), excerpt=d["excerpt"], suggestion=d.get("suggestion"),
        link=d.get("link"),
        related=tuple(RelatedSpan(r["source"], int(r["start"]), int(r["end"]), r.get("excerpt", ""))
                      for r in d.get("related", [])),
    )


def _metadata(d: Mapping[str, Any] | None) -> Metadata:
    d = d or {}
    return Metadata(
        title=d.get("title"), authors=tuple(d.get("authors", ())), reviewers=tuple(d.get("reviewers", ())),
        affiliations=tuple(d.get("affiliations", ())), dates=dict(d.get("dates", {})), doi=d.get("doi"),
        emails=tuple(d.get("emails", ())), correspondence=d.get("correspondence"),
    )


def source_from_dict(d: Mapping[str, Any]) -> SourceReport:
    """One source's results from its JSON form."""
    metadata = _metadata(d.get("metadata"))
    source = Source(
        id=d["id"], title=d.get("title", d["id"]), origin=d.get("origin", ""), kind=d.get("kind", "text"),
        text=d.get("text", ""), encoding=d.get("encoding"),
        removed=tuple(Removed(r["text"], r["reason"], int(r["line"])) for r in d.get("removed", [])),
        metadata=metadata, content_hash=d.get("content_hash", ""), error=d.get("error"),
    )
    document = None
    detail = d.get("language_detail")
    if source.error is None and detail:
        language = Language(
            code=detail["code"], name=detail.get("name", detail["code"]), confidence=float(detail["confidence"]),
            family=detail.get("family"), script=detail.get("script", "latin"), method=detail.get("method", ""),
            overridden=bool(detail.get("overridden", False)),
        )
        document = Document(
            source=source, language=language, sentences=tuple(Span(a, b) for a, b in d.get("sentences", [])),
            paragraphs=tuple(paragraph_spans(source.text)), metadata=metadata, word_count=int(d.get("word_count", 0)),
        )
    details = d.get("score_details", {})
    scores = {
        name: Score(value, details.get(name, {}).get("confidence", "normal"),
                    details.get(name, {}).get("explanation", ""))
        for name, value in d.get("scores", {}).items()
        if value is not None or name in details
    }
    metrics = tuple(Metric(name, value) for name, value in d.get("metrics", {}).items())
    sections = {k: dict(v) for k, v in d.items() if k not in _SOURCE_KEYS and isinstance(v, Mapping)}
    return SourceReport(source, document, tuple(_finding(f) for f in d.get("findings", [])), metrics, scores,
                        sections)


def claims_from_dict(d: Mapping[str, Any] | None) -> ClaimsResult:
    """The claim clusters and overlap from their JSON form."""
    d = d or {}
    clusters = tuple(
        ClaimCluster(
            id=c["id"], label=c.get("label", ""), kind=c.get("kind", "unique"),
            members=tuple(ClaimMember(m["source"], m["text"], int(m["start"]), int(m["end"]), m.get("language", ""),
                                      m.get("type", ""))
                          for m in c.get("members", [])),
        )
        for c in d.get("clusters", [])
    )
    overlap = d.get("overlap", {})
    details = {k: v for k, v in d.items() if k not in ("method", "clusters", "overlap")}
    return ClaimsResult(
        method=d.get("method", "none"), clusters=clusters, source_ids=tuple(overlap.get("sources", ())),
        overlap=tuple(tuple(float(v) for v in row) for row in overlap.get("matrix", ())), details=details,
    )


def report_from_dict(data: Mapping[str, Any]) -> Report:
    """A Report rebuilt from its JSON form (docs/report-schema.md)."""
    return Report(
        generated_at=data["generated_at"],
        tool_version=data.get("tool_version", ""),
        ruleset_version=data.get("ruleset_version", ""),
        # Settings this version does not know (from a newer or older tool) are left out rather than refused.
        config=from_mapping({k: v for k, v in dict(data.get("config", {})).items() if k in _CONFIG_KEYS},
                            origin="stored report"),
        sources=tuple(source_from_dict(s) for s in data.get("sources", [])),
        claims=claims_from_dict(data.get("claims")),
        schema_version=data.get("schema_version", SCHEMA_VERSION),
    )
