"""What every human-readable export states: provenance, thresholds, citations and claims as rows.

Plain data (strings and numbers), no formatting: the HTML, PDF, Markdown and Excel renderers lay it out.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from audits.model import SCORE_INFO, SCORE_NAMES, Finding, SourceReport
from audits.report import Report, summary

SCORE_TITLES = {name: info.title for name, info in SCORE_INFO.items()}
SCORE_MEANING = {
    "readability": "higher = easier to read (100: at or below the target grade)",
    "marketing": "higher = more promotional",
    "citations": "higher = evidence claims better supported by working citations",
    "claim_overlap": "higher = more of the source's claims also made by other sources",
}
SEVERITY_ORDER = {"error": 0, "warning": 1, "info": 2}


def provenance(report: Report) -> list[tuple[str, str]]:
    """What is needed to reproduce the audit: versions, time, method and every threshold."""
    c = report.config
    threshold = report.claims.details.get("threshold", c.similarity_threshold)
    used = report.claims.details.get("thresholds", {})
    if used.get("kind") == "match probability":  # the pair scorer decided: its thresholds, not a similarity
        pairs = ", ".join(f"{k} {v:g}" for k, v in used.get("by_language_pair", {}).items())
        matching = f"{report.claims.method}, pair scorer (match probability needed: {pairs})"
    else:
        matching = report.claims.method + ("" if threshold is None else f", similarity threshold {threshold}")
    rows = [
        ("Tool", f"mh-content-audit {report.tool_version}"),
        ("Rule set", report.ruleset_version),
        ("Report schema", report.schema_version),
        ("Generated (UTC)", report.generated_at),
        ("Claim matching", matching),
        ("Target reading grade", f"{c.target_grade:g}"),
        ("Hard sentence", f"{c.hard_sentence_margin:g} grades above target; very hard: "
                          f"{c.very_hard_sentence_margin:g} above"),
        ("Long sentence / paragraph", f"{c.long_sentence_words} / {c.long_paragraph_words} words"),
        ("Too short to score", f"under {c.min_words} words or {c.min_sentences} sentences"),
        ("Switched-off rules", ", ".join(sorted(c.disabled_rules)) or "none"),
        ("Rule weights changed", ", ".join(f"{k}={v:g}" for k, v in c.rule_weights) or "none"),
        ("Extra rule files", ", ".join(c.rule_files) or "none"),
        ("Language overrides", ", ".join(f"{k}={v}" for k, v in c.language_overrides) or "none"),
    ]
    return rows


def languages(report: Report) -> list[tuple[str, str, str]]:
    """(source id, language code, how it was decided) for every source."""
    out = []
    for s in report.sources:
        if s.document is None:
            out.append((s.id, "–", "not read"))
        else:
            lang = s.document.language
            how = lang.method or ""
            if lang.overridden:
                how = "set by the user"
            out.append((s.id, lang.code, f"{lang.name}, {lang.confidence:.0%} confidence; {how}".rstrip("; ")))
    return out


def summary_rows(report: Report) -> list[tuple[str, Any]]:
    """Corpus-level counts as label/value pairs."""
    s = summary(report)
    return [
        ("Sources", s["sources"]),
        ("Could not be read", s["failed"]),
        ("Findings: errors", s["findings"]["error"]),
        ("Findings: warnings", s["findings"]["warning"]),
        ("Findings: info", s["findings"]["info"]),
        ("Languages", ", ".join(f"{k} ({v})" for k, v in sorted(s["languages"].items())) or "–"),
        ("Claim clusters", s["clusters"]),
    ]


def grade(s: SourceReport) -> float | None:
    """The source's consensus reading grade, if measured."""
    return s.metric("readability.consensus_grade")


def score_explanations(s: SourceReport) -> list[tuple[str, float | None, str, str]]:
    """(score name, value, confidence, explanation) for the four scores of a source."""
    out = []
    for name in SCORE_NAMES:
        sc = s.scores.get(name)
        out.append((name, s.score(name), sc.confidence if sc else "low", sc.explanation if sc else ""))
    return out


def ordered_findings(s: SourceReport) -> list[Any]:
    """A source's findings, errors first, then by position in the text."""
    return sorted(s.findings, key=lambda f: (SEVERITY_ORDER.get(f.severity.value, 3), f.start, f.rule))


def context(s: SourceReport, start: int, end: int, width: int = 90) -> tuple[str, str, str]:
    """(text before, the span, text after) around a span, cut at word boundaries, whitespace collapsed."""
    text = s.source.text
    before = text[max(0, start - width) : start]
    after = text[end : end + width]
    if start - width > 0 and " " in before:
        before = "…" + before.split(" ", 1)[1]
    if end + width < len(text) and " " in after:
        after = after.rsplit(" ", 1)[0] + "…"
    return " ".join(before.split(" ")), text[start:end], after


def citations_table(report: Report) -> list[dict[str, Any]]:
    """One row per in-text citation and per reference-list entry, with the citation style found."""
    rows: list[dict[str, Any]] = []
    for s in report.sources:
        section = s.sections.get("citations", {})
        style = section.get("style", "none")
        text = s.source.text
        for c in section.get("in_text", []) or []:
            start, end = int(c.get("start", 0)), int(c.get("end", 0))
            rows.append({"source": s.id, "style": style, "kind": "in-text", "key": str(c.get("key", "")),
                         "text": text[start:end], "start": start, "end": end})
        for r in section.get("references", []) or []:
            rows.append({"source": s.id, "style": style, "kind": "reference", "key": str(r.get("key", "")),
                         "text": str(r.get("text", "")), "start": None, "end": None})
    return rows


def claims_table(report: Report) -> list[dict[str, Any]]:
    """One row per claim: its cluster (label, kind, how many sources) and the source that makes it."""
    rows = []
    for c in report.claims.clusters:
        for m in c.members:
            rows.append({"cluster": c.id, "kind": c.kind, "sources_in_cluster": len(c.sources), "label": c.label,
                         "source": m.source, "language": m.language, "claim": m.text, "start": m.start,
                         "end": m.end})
    return rows


@dataclass(frozen=True)
class Review:
    """Editors' decisions and sign-offs to show next to the findings (from the history), all optional."""

    decisions: Mapping[tuple[str, str], Any] = field(default_factory=dict)  # (source, fingerprint) -> Decision
    signoffs: Mapping[str, Any] = field(default_factory=dict)  # source id -> SignOff

    def decision_text(self, source_id: str, finding: Finding) -> str | None:
        """'dismissed: reason (Ana, 2026-11-23)' for a decided finding, else None."""
        d = self.decisions.get((source_id, finding.fingerprint))
        if d is None:
            return None
        who = ", ".join(x for x in (d.decided_by, str(d.decided_at)[:10]) if x)
        return f"{d.status}{': ' + d.reason if d.reason else ''}" + (f" ({who})" if who else "")

    def signoff_text(self, source_id: str) -> str | None:
        """'Signed off by NAME on DATE' when the source has a sign-off that still holds."""
        s = self.signoffs.get(source_id)
        return None if s is None else f"Signed off by {s.name} on {s.signed_on}"


NO_REVIEW = Review()
