"""PDF report for printing: the HTML report with print styles, rendered by WeasyPrint.

WeasyPrint draws Serbian letters (č ć ž š đ) with the system's DejaVu fonts; charts are PNG images drawn
offline by kaleido with the system Chromium (see images.py). WeasyPrint may only read data: URIs here,
so a hostile source can never make the PDF renderer fetch anything.
"""

from __future__ import annotations

from audits.exports.facts import NO_REVIEW, Review
from audits.exports.html_export import build_html, report_figures
from audits.exports.images import render_figures
from audits.report import Report


def render_pdf(report: Report, review: Review = NO_REVIEW) -> bytes:
    """The report as PDF, with editors' decisions if given."""
    from weasyprint import HTML
    from weasyprint.urls import URLFetcher

    charts = render_figures(report_figures(report), "png", width=800, scale=2)
    page = build_html(report, charts, for_print=True, review=review)
    return HTML(string=page, url_fetcher=URLFetcher(allowed_protocols={"data"})).write_pdf()
