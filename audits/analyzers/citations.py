"""Citation consistency and evidence support.

Guidance: the JAMA benchmark "attribution" (claims carry references) and the
reference-checking practice of manuscript tools (every citation resolves, every
reference is cited).
"""

from __future__ import annotations

import re

from audits.analyzers.base import clamp, make_finding
from audits.config import AuditConfig
from audits.model import AnalysisResult, Document, Metric, Score, Severity, Span

_HEADING = re.compile(r"^(references|bibliography|literature|reference list|works cited|literatura|izvori)\s*:?$",
                      re.IGNORECASE | re.MULTILINE)
_NUMERIC = re.compile(r"\[(\d+(?:\s*[-–,]\s*\d+)*)\]")
_AUTHOR_YEAR = re.compile(
    r"\(([A-Z][A-Za-z'’-]+(?: et al\.)?(?:,? (?:and|&) [A-Z][A-Za-z'’-]+)?),? (\d{4})\)"
    r"|([A-Z][A-Za-z'’-]+(?: et al\.)?(?: (?:and|&) [A-Z][A-Za-z'’-]+)?) \((\d{4})\)"
)
_NUMBERED_ENTRY = re.compile(r"^\s*\[?(\d+)[.\]]\s+(.+)$", re.MULTILINE)
_EVIDENCE = re.compile(
    r"\b(studies (show|suggest|indicate|have shown)|research (shows|proves|suggests)|numerous studies|"
    r"well[- ]documented|backed by science|experts agree|scientifically proven|istraživanja (pokazuju|su pokazala)|"
    r"ispitivanja su pokazala)\b",
    re.IGNORECASE,
)


def _expand(keys: str) -> list[str]:
    out: list[str] = []
    for part in re.split(r"\s*,\s*", keys):
        if re.search(r"[-–]", part):
            a, b = (int(x) for x in re.split(r"\s*[-–]\s*", part))
            out.extend(str(n) for n in range(a, b + 1))
        elif part:
            out.append(part)
    return out


class CitationsAnalyzer:
    """In-text citations against the reference list; evidence claims without support."""

    id = "citations"
    description = "In-text citations against the reference list, and evidence claims without support."
    scope = "document"

    def analyze(self, doc: Document, config: AuditConfig) -> AnalysisResult:
        """Findings for unresolved, uncited and unsupported citations; a 0-100 citation score."""
        text = doc.text
        heading = _HEADING.search(text)
        body_end = heading.start() if heading else len(text)
        references = []
        if heading:
            for m in _NUMBERED_ENTRY.finditer(text, heading.end()):
                references.append({"key": m.group(1), "text": m.group(2).strip(), "start": m.start(2), "end": m.end(2)})
        in_text = []
        for m in _NUMERIC.finditer(text, 0, body_end):
            for key in _expand(m.group(1)):
                in_text.append({"key": key, "start": m.start(), "end": m.end(), "style": "numeric"})
        for m in _AUTHOR_YEAR.finditer(text, 0, body_end):
            author = m.group(1) or m.group(3)
            year = m.group(2) or m.group(4)
            in_text.append({"key": f"{author} {year}", "start": m.start(), "end": m.end(), "style": "author-year"})
        styles = {c["style"] for c in in_text}
        style = "none" if not styles else styles.pop() if len(styles) == 1 else "mixed"
        findings = []
        ref_keys = {r["key"] for r in references}
        cited = {c["key"] for c in in_text}
        for c in in_text:
            span = Span(c["start"], c["end"])
            if c["style"] == "numeric" and c["key"] not in ref_keys:
                findings.append(make_finding(doc, "citations.missing-reference", "citations", Severity.ERROR,
                                             f"Citation [{c['key']}] has no entry in the reference list.", span))
            elif c["style"] == "author-year" and not references:
                findings.append(make_finding(doc, "citations.unresolvable", "citations", Severity.WARNING,
                                             f"{c['key']} is cited, but the text has no reference list to find it in.",
                                             span, "Add a reference list with the full source."))
        for r in references:
            if r["key"] not in cited:
                findings.append(make_finding(doc, "citations.uncited-reference", "citations", Severity.WARNING,
                                             f"Reference {r['key']} is never cited in the text.",
                                             Span(r["start"], r["end"])))
        evidence = 0
        supported = 0
        for span in doc.sentences:
            sentence = span.of(text)
            if _EVIDENCE.search(sentence):
                evidence += 1
                has_citation = any(span.start <= c["start"] <= span.end + 2 for c in in_text)
                if has_citation:
                    supported += 1
                else:
                    findings.append(make_finding(
                        doc, "citations.unsupported-evidence-claim", "citations", Severity.WARNING,
                        "This sentence appeals to research but cites no source.", span,
                        "Cite the studies meant, or soften the claim."))
        errors = sum(1 for f in findings if f.severity is Severity.ERROR)
        warnings = sum(1 for f in findings if f.severity is Severity.WARNING)
        support = supported / evidence if evidence else (1.0 if in_text else 0.5)
        value = clamp(100.0 * support - 15 * errors - 8 * warnings)
        score = Score(value, "normal",
                      f"{supported}/{evidence} evidence appeals supported, {errors} errors, {warnings} warnings")
        section = {"style": style, "in_text": in_text,
                   "references": [{"key": r["key"], "text": r["text"]} for r in references]}
        metrics = (Metric("citations.in_text", float(len(in_text)), "In-text citations"),
                   Metric("citations.references", float(len(references)), "Reference list entries"),
                   Metric("citations.evidence_appeals", float(evidence), "Appeals to evidence"))
        return AnalysisResult(tuple(findings), metrics, section, {"citations": score})
