"""Markdown report: summary table and findings per source; source text escaped."""

from __future__ import annotations

import re

from audits.model import SCORE_NAMES
from audits.report import Report

_MD_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+!|<>~])")


def escape_md(text: str) -> str:
    """Escape Markdown and HTML syntax so source text shows literally."""
    return _MD_SPECIAL.sub(r"\\\1", " ".join(str(text).split()))


def _fmt(value: float | None) -> str:
    return "–" if value is None else f"{value:.0f}"


def render_markdown(report: Report) -> bytes:
    """The report as Markdown."""
    lines = [
        "# Content audit report",
        "",
        f"Generated {report.generated_at} by mh-content-audit {report.tool_version}, "
        f"rule set {report.ruleset_version}; target grade {report.config.target_grade:g}; "
        f"claim matching: {report.claims.method}.",
        "",
        "| Source | Language | Words | " + " | ".join(n.replace("_", " ").title() for n in SCORE_NAMES) + " |",
        "|---|---|---|" + "---|" * len(SCORE_NAMES),
    ]
    for s in report.sources:
        lang = s.document.language.code if s.document else "–"
        words = s.document.word_count if s.document else 0
        scores = " | ".join(_fmt(s.score(n)) for n in SCORE_NAMES)
        lines.append(f"| {escape_md(s.source.title)} | {lang} | {words} | {scores} |")
    for s in report.sources:
        lines += ["", f"## {escape_md(s.source.title)}", ""]
        if s.source.error:
            lines.append(f"**Could not be read:** {escape_md(s.source.error)}")
            continue
        for f in s.findings:
            excerpt = escape_md(f.excerpt[:200])
            lines.append(f"- **{f.severity.value}** `{f.rule}`: {escape_md(f.message)} — “{excerpt}”")
    return ("\n".join(lines) + "\n").encode("utf-8")
