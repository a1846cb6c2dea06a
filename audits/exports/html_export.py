"""Self-contained HTML report: inline CSS, no external requests; all source text escaped."""

from __future__ import annotations

from html import escape

from audits.model import SCORE_NAMES
from audits.report import Report

_CSS = """
body{font-family:system-ui,-apple-system,'Segoe UI',sans-serif;margin:2rem auto;max-width:60rem;color:#222}
table{border-collapse:collapse;width:100%}th,td{border:1px solid #ccc;padding:.3rem .5rem;text-align:left}
th{background:#f2f2f2}.error{color:#b2182b}.warning{color:#a35c00}.info{color:#2166ac}
"""


def _fmt(value: float | None) -> str:
    return "–" if value is None else f"{value:.0f}"


def render_html(report: Report) -> bytes:
    """The report as one standalone HTML page."""
    rows = []
    for s in report.sources:
        lang = s.document.language.code if s.document else "–"
        cells = "".join(f"<td>{_fmt(s.score(n))}</td>" for n in SCORE_NAMES)
        rows.append(f"<tr><td>{escape(s.source.title)}</td><td>{escape(lang)}</td>{cells}</tr>")
    head = "".join(f"<th>{escape(n.replace('_', ' ').title())}</th>" for n in SCORE_NAMES)
    parts = [
        "<!doctype html><html lang='en'><head><meta charset='utf-8'><title>Content audit report</title>",
        f"<style>{_CSS}</style></head><body><h1>Content audit report</h1>",
        f"<p>Generated {escape(report.generated_at)} by mh-content-audit {escape(report.tool_version)}, "
        f"rule set {escape(report.ruleset_version)}; target grade {report.config.target_grade:g}.</p>",
        f"<table><tr><th>Source</th><th>Language</th>{head}</tr>{''.join(rows)}</table>",
    ]
    for s in report.sources:
        parts.append(f"<h2>{escape(s.source.title)}</h2>")
        if s.source.error:
            parts.append(f"<p class='error'>Could not be read: {escape(s.source.error)}</p>")
            continue
        items = "".join(
            f"<li><span class='{f.severity.value}'>{f.severity.value}</span> <code>{escape(f.rule)}</code>: "
            f"{escape(f.message)}<br><q>{escape(f.excerpt[:300])}</q></li>"
            for f in s.findings
        )
        parts.append(f"<ul>{items}</ul>")
    parts.append("</body></html>")
    return "".join(parts).encode("utf-8")
