"""JSON (the documented schema) and JSON Lines (one source per line, for large corpora)."""

from __future__ import annotations

import json

from audits.report import Report, source_to_dict


def render_json(report: Report) -> bytes:
    """The whole report as one JSON document."""
    return report.to_json().encode("utf-8")


def render_jsonl(report: Report) -> bytes:
    """A header line (run details and claims), then one line per source."""
    full = report.to_dict()
    header = {k: v for k, v in full.items() if k != "sources"}
    header["type"] = "report"
    lines = [json.dumps(header, ensure_ascii=False)]
    for s in report.sources:
        lines.append(json.dumps({"type": "source", **source_to_dict(s)}, ensure_ascii=False))
    return ("\n".join(lines) + "\n").encode("utf-8")
