"""Exports: one mapping from format name to render(report) -> bytes.

The CLI's --format and the dashboard's download buttons both use RENDERERS. Each renderer's module
is imported when that format is first rendered (issue 18: openpyxl, plotly and weasyprint cost the
JSON command line a quarter of a second of start-up otherwise).
"""

from __future__ import annotations

import importlib
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from audits.report import Report


@dataclass(frozen=True)
class Format:
    """An export format: its renderer ("module:function", imported on first use), extension and MIME type."""

    renderer: str
    extension: str
    mime: str
    label: str

    def render(self, report: Report, **options: Any) -> bytes:
        """The report in this format (options go to the renderer, e.g. ``review=``)."""
        module, name = self.renderer.split(":")
        return getattr(importlib.import_module(module), name)(report, **options)


RENDERERS: dict[str, Format] = {
    "json": Format("audits.exports.json_export:render_json", "json", "application/json", "JSON"),
    "jsonl": Format("audits.exports.json_export:render_jsonl", "jsonl", "application/x-ndjson", "JSON Lines"),
    "csv": Format("audits.exports.csv_export:render_csv", "zip", "application/zip", "CSV (zip: sources and findings)"),
    "xlsx": Format("audits.exports.xlsx_export:render_xlsx", "xlsx",
                   "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "Excel"),
    "md": Format("audits.exports.markdown_export:render_markdown", "md", "text/markdown", "Markdown"),
    "html": Format("audits.exports.html_export:render_html", "html", "text/html", "HTML"),
    "pdf": Format("audits.exports.pdf_export:render_pdf", "pdf", "application/pdf", "PDF"),
}

__all__ = ["RENDERERS", "Format"]
