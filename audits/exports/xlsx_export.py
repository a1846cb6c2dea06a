"""Excel workbook: summary, sources and findings sheets (openpyxl); cells made formula-safe."""

from __future__ import annotations

import io
from typing import Any

from openpyxl import Workbook

from audits.exports.safety import neutralise_cell
from audits.exports.tables import findings_table, sources_table
from audits.report import Report


def _sheet(wb: Workbook, title: str, rows: list[dict[str, Any]]) -> None:
    ws = wb.create_sheet(title)
    if not rows:
        return
    ws.append(list(rows[0]))
    for row in rows:
        ws.append([neutralise_cell(v) for v in row.values()])
    ws.freeze_panes = "A2"
    ws.auto_filter.ref = ws.dimensions


def render_xlsx(report: Report) -> bytes:
    """The report as an .xlsx workbook."""
    wb = Workbook()
    summary = wb.active
    summary.title = "Summary"
    for key, value in (("Tool version", report.tool_version), ("Rule set", report.ruleset_version),
                       ("Generated", report.generated_at), ("Target grade", report.config.target_grade),
                       ("Claim matching", report.claims.method)):
        summary.append([key, value])
    _sheet(wb, "Sources", sources_table(report))
    _sheet(wb, "Findings", findings_table(report))
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()
