"""PDF report for printing: the HTML report rendered by WeasyPrint (Serbian letters included)."""

from __future__ import annotations

from audits.exports.html_export import render_html
from audits.report import Report


def render_pdf(report: Report) -> bytes:
    """The report as PDF."""
    from weasyprint import HTML

    return HTML(string=render_html(report).decode("utf-8")).write_pdf()
