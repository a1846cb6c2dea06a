"""CSV: a sources table and a findings table, zipped together; cells made formula-safe."""

from __future__ import annotations

import csv
import io
import zipfile
from typing import Any

from audits.exports.safety import neutralise_cell
from audits.exports.tables import findings_table, sources_table
from audits.report import Report


def table_to_csv(rows: list[dict[str, Any]]) -> bytes:
    """Rows as CSV text (UTF-8 with BOM so spreadsheet programs read the letters right)."""
    buffer = io.StringIO()
    if rows:
        writer = csv.DictWriter(buffer, fieldnames=list(rows[0]))
        writer.writeheader()
        for row in rows:
            writer.writerow({k: neutralise_cell(v) for k, v in row.items()})
    return buffer.getvalue().encode("utf-8-sig")


def render_csv(report: Report) -> bytes:
    """A zip holding sources.csv and findings.csv."""
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("sources.csv", table_to_csv(sources_table(report)))
        zf.writestr("findings.csv", table_to_csv(findings_table(report)))
    return out.getvalue()
