"""Markdown report: provenance, summary, side-by-side table, findings per source, claims, method.

All source text goes through escape_md, so titles and excerpts show literally (no HTML, links or
formatting can be smuggled in from a source).
"""

from __future__ import annotations

import re

from audits.exports.facts import (
    NO_REVIEW,
    SCORE_MEANING,
    SCORE_TITLES,
    Review,
    context,
    grade,
    languages,
    ordered_findings,
    provenance,
    score_explanations,
    summary_rows,
)
from audits.model import SCORE_NAMES
from audits.report import Report

_MD_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+!|<>~&])")
EXCERPT_LIMIT = 400


def escape_md(text: str) -> str:
    """Escape Markdown and HTML syntax so source text shows literally (whitespace collapsed to one line)."""
    return _MD_SPECIAL.sub(r"\\\1", " ".join(str(text).split()))


def _fmt(value: float | None, digits: int = 0) -> str:
    return "–" if value is None else f"{value:.{digits}f}"


def _kv_table(pairs: list[tuple[str, object]]) -> list[str]:
    return ["| | |", "|---|---|", *(f"| {escape_md(str(k))} | {escape_md(str(v))} |" for k, v in pairs)]


def render_markdown(report: Report, review: Review = NO_REVIEW) -> bytes:
    """The report as Markdown, with editors' decisions if given."""
    lines = [
        "# Content audit report",
        "",
        f"Generated {report.generated_at} by mh-content-audit {report.tool_version}, "
        f"rule set {report.ruleset_version}; target grade {report.config.target_grade:g}; "
        f"claim matching: {report.claims.method}.",
        "",
        "## Summary",
        "",
        *_kv_table(list(summary_rows(report))),
        "",
        "## Sources side by side",
        "",
        "| Source | Language | Words | Grade | " + " | ".join(SCORE_TITLES[n] for n in SCORE_NAMES)
        + " | Findings (error / warning / info) |",
        "|---|---|---|---|" + "---|" * len(SCORE_NAMES) + "---|",
    ]
    lang = {sid: code for sid, code, _ in languages(report)}
    for s in report.sources:
        words = s.document.word_count if s.document else 0
        scores = " | ".join(_fmt(s.score(n)) for n in SCORE_NAMES)
        counts = {k: sum(1 for f in s.findings if f.severity.value == k) for k in ("error", "warning", "info")}
        lines.append(f"| {escape_md(s.source.title)} | {escape_md(lang.get(s.id, '–'))} | {words} | "
                     f"{_fmt(grade(s), 1)} | {scores} | {counts['error']} / {counts['warning']} / {counts['info']} |")
    lines += ["", "Scores run from 0 to 100. " + "; ".join(f"{SCORE_TITLES[n]}: {SCORE_MEANING[n]}"
                                                          for n in SCORE_NAMES) + "."]
    lines += ["", "## Findings per source"]
    for s in report.sources:
        lines += ["", f"### {escape_md(s.source.title)}", "", f"Id `{s.id}`, from {escape_md(s.source.origin)}."]
        signed = review.signoff_text(s.id)
        if signed:
            lines[-1] += f" {escape_md(signed)}."
        if s.source.error:
            lines += ["", f"**Could not be read:** {escape_md(s.source.error)}"]
            continue
        lines += ["", "| Score | Value | Confidence | How it was reached |", "|---|---|---|---|"]
        lines += [f"| {SCORE_TITLES[n]} | {_fmt(v)} | {escape_md(c)} | {escape_md(e)} |"
                  for n, v, c, e in score_explanations(s)]
        lines.append("")
        findings = ordered_findings(s)
        if not findings:
            lines.append("No findings.")
        for i, f in enumerate(findings, start=1):
            item = f"{i}. **{f.severity.value}** {escape_md(f.message)} (`{f.rule.replace('`', '')}`)"
            decided = review.decision_text(s.id, f)
            if decided:
                item += f" — editor: {escape_md(decided)}"
            if f.end > f.start:
                before, span, after = context(s, f.start, f.end, width=60)
                if len(span) > EXCERPT_LIMIT:
                    span, after = span[:EXCERPT_LIMIT] + " …", ""
                item += f"  \n   > {escape_md(before)} **{escape_md(span)}** {escape_md(after)}"
            if f.suggestion:
                item += f"  \n   What to do: {escape_md(f.suggestion)}"
            lines.append(item)
    lines += ["", "## Claims across sources", ""]
    clusters = [c for c in report.claims.clusters if c.kind != "unique"]
    unique = len(report.claims.clusters) - len(clusters)
    lines.append(f"{len(report.claims.clusters)} groups of claims ({unique} made by one source only), "
                 f"matched by {report.claims.method}.")
    for c in clusters:
        lines += ["", f"- **{c.kind}** ({len(c.sources)} sources): {escape_md(c.label)}"]
        lines += [f"  - {escape_md(m.source)} ({escape_md(m.language)}): {escape_md(m.text)}" for m in c.members]
    lines += ["", "## Method and thresholds", "", *_kv_table(list(provenance(report))), "",
              "| Source | Language | How it was decided |", "|---|---|---|"]
    lines += [f"| {escape_md(sid)} | {escape_md(code)} | {escape_md(how)} |" for sid, code, how in languages(report)]
    return ("\n".join(lines) + "\n").encode("utf-8")
