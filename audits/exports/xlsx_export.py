"""Excel workbook (openpyxl): summary, sources, findings, citations and claims sheets.

Each table sheet has a bold frozen header, filters, fitted column widths and wrapped long text;
score cells are filled with the score's band (good, fair, poor, or neutral for claim overlap), the
same thresholds and colours as the dashboard and the HTML export (audits.colours). Every cell goes
through neutralise_cell, so text from a source can never run as a formula.
"""

from __future__ import annotations

import io
from collections.abc import Sequence
from typing import Any

from openpyxl import Workbook
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from audits.colours import score_band
from audits.exports.facts import citations_table, claims_table, languages, provenance, summary_rows
from audits.exports.safety import neutralise_cell
from audits.exports.tables import findings_table, sources_table
from audits.report import Report

MAX_WIDTH = 60
WRAP_COLUMNS = {"title", "origin", "message", "excerpt", "suggestion", "text", "label", "claim", "error"}
HEADER_FILL = PatternFill("solid", fgColor="DDE3EA")
# Colour scale per score column: which end is good (marketing: lower is better; claim overlap: no verdict).
SCORE_COLUMNS = {"score_readability": "readability", "score_citations": "citations",
                 "score_marketing": "marketing", "score_claim_overlap": "claim_overlap"}
SEVERITY_FILLS = {"error": "F4B6A0", "warning": "FBE3A6", "info": "D6EAF8"}


def _cell(value: Any) -> Any:
    if isinstance(value, (list, tuple, set, frozenset)):
        value = ", ".join(str(v) for v in value)
    if isinstance(value, str) and len(value) > 32_000:  # Excel's cell limit is 32,767 characters
        value = value[:32_000] + " …"
    if isinstance(value, str):  # control characters cannot be stored in a worksheet (found by fuzzing)
        value = ILLEGAL_CHARACTERS_RE.sub("\ufffd", value)
    return neutralise_cell(value)


def _fit_columns(ws: Worksheet, headers: Sequence[str]) -> None:
    for i, name in enumerate(headers, start=1):
        letter = get_column_letter(i)
        longest = max((len(str(c.value)) for c in ws[letter] if c.value is not None), default=len(name))
        ws.column_dimensions[letter].width = min(MAX_WIDTH, max(len(name) + 4, longest + 2))
        if name in WRAP_COLUMNS:
            for c in ws[letter][1:]:
                c.alignment = Alignment(wrap_text=True, vertical="top")


def _table_sheet(wb: Workbook, title: str, rows: list[dict[str, Any]], empty_note: str) -> Worksheet:
    ws = wb.create_sheet(title)
    if not rows:
        ws.append([empty_note])
        return ws
    headers = list(rows[0])
    ws.append(headers)
    for row in rows:
        ws.append([_cell(row.get(h)) for h in headers])
    for c in ws[1]:
        c.font = Font(bold=True)
        c.fill = HEADER_FILL
        c.alignment = Alignment(vertical="top", wrap_text=True)
    ws.freeze_panes = "A2"
    ws.auto_filter.ref = ws.dimensions
    _fit_columns(ws, headers)
    for i, name in enumerate(headers, start=1):
        letter = get_column_letter(i)
        if name in SCORE_COLUMNS:
            # The same bands, thresholds and colours as the dashboard and the HTML export (audits.colours).
            for c in ws[letter][1:]:
                c.number_format = "0"
                band = score_band(SCORE_COLUMNS[name], c.value if isinstance(c.value, int | float) else None)
                if band is not None:
                    c.fill = PatternFill("solid", fgColor=band.fill.lstrip("#"))
                    c.font = Font(color=band.ink.lstrip("#"))
        if name == "severity":
            for c in ws[letter][1:]:
                colour = SEVERITY_FILLS.get(str(c.value))
                if colour:
                    c.fill = PatternFill("solid", fgColor=colour)
    return ws


def _summary_sheet(wb: Workbook, report: Report) -> None:
    ws = wb.active
    ws.title = "Summary"
    ws.append(["Content audit report"])
    ws["A1"].font = Font(bold=True, size=14)
    ws.append([])
    for heading, pairs in (("How to reproduce this audit", provenance(report)), ("Corpus", summary_rows(report))):
        ws.append([heading])
        ws.cell(ws.max_row, 1).font = Font(bold=True)
        for label, value in pairs:
            ws.append([_cell(label), _cell(value)])
        ws.append([])
    ws.append(["Language of each source"])
    ws.cell(ws.max_row, 1).font = Font(bold=True)
    ws.append(["source", "language", "how it was decided"])
    for sid, code, how in languages(report):
        ws.append([_cell(sid), _cell(code), _cell(how)])
    ws.column_dimensions["A"].width = 34
    ws.column_dimensions["B"].width = 60
    ws.column_dimensions["C"].width = 70
    for row in ws.iter_rows(min_col=2, max_col=3):
        for c in row:
            c.alignment = Alignment(wrap_text=True, vertical="top")


def render_xlsx(report: Report) -> bytes:
    """The report as an .xlsx workbook."""
    wb = Workbook()
    _summary_sheet(wb, report)
    _table_sheet(wb, "Sources", sources_table(report), "No sources.")
    _table_sheet(wb, "Findings", findings_table(report), "No findings.")
    _table_sheet(wb, "Citations", citations_table(report), "No citations or reference lists were found.")
    _table_sheet(wb, "Claims", claims_table(report), f"No claims compared (method: {report.claims.method}).")
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()
