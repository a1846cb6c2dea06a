"""Flat tables of a report (sources, findings) shared by the CSV and Excel exports."""

from __future__ import annotations

from typing import Any

from audits.model import SCORE_NAMES
from audits.report import Report


def sources_table(report: Report) -> list[dict[str, Any]]:
    """One row per source: identity, language, size, the four scores, finding counts, error."""
    rows = []
    for s in report.sources:
        doc = s.document
        counts = s.severity_counts()
        row: dict[str, Any] = {
            "id": s.id,
            "title": s.source.title,
            "origin": s.source.origin,
            "language": doc.language.code if doc else "",
            "words": doc.word_count if doc else 0,
            "sentences": len(doc.sentences) if doc else 0,
        }
        row.update({f"score_{name}": _round(s.score(name)) for name in SCORE_NAMES})
        row["grade"] = _round(s.metric("readability.consensus_grade"))
        row.update({f"findings_{k}": v for k, v in counts.items()})
        row["error"] = s.source.error or ""
        rows.append(row)
    return rows


def findings_table(report: Report) -> list[dict[str, Any]]:
    """One row per finding, with its source and exact span."""
    return [
        {
            "source": s.id,
            "rule": f.rule,
            "category": f.category,
            "severity": f.severity.value,
            "message": f.message,
            "start": f.start,
            "end": f.end,
            "excerpt": f.excerpt,
            "suggestion": f.suggestion or "",
            "fingerprint": f.fingerprint,  # the key the history uses for editors' decisions
        }
        for s, f in report.findings()
    ]


def _round(value: float | None) -> float | None:
    return None if value is None else round(value, 1)
