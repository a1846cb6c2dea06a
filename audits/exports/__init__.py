"""Exports: one mapping from format name to render(report) -> bytes.

The CLI's --format and the dashboard's download buttons both use RENDERERS.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from audits.exports.csv_export import render_csv
from audits.exports.html_export import render_html
from audits.exports.json_export import render_json, render_jsonl
from audits.exports.markdown_export import render_markdown
from audits.exports.pdf_export import render_pdf
from audits.exports.xlsx_export import render_xlsx
from audits.report import Report


@dataclass(frozen=True)
class Format:
    """An export format: its renderer, file extension and MIME type."""

    render: Callable[[Report], bytes]
    extension: str
    mime: str
    label: str


RENDERERS: dict[str, Format] = {
    "json": Format(render_json, "json", "application/json", "JSON"),
    "jsonl": Format(render_jsonl, "jsonl", "application/x-ndjson", "JSON Lines"),
    "csv": Format(render_csv, "zip", "application/zip", "CSV (zip: sources and findings)"),
    "xlsx": Format(render_xlsx, "xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
                   "Excel"),
    "md": Format(render_markdown, "md", "text/markdown", "Markdown"),
    "html": Format(render_html, "html", "text/html", "HTML"),
    "pdf": Format(render_pdf, "pdf", "application/pdf", "PDF"),
}

__all__ = ["RENDERERS", "Format"]
