"""JSON Lines written incrementally: one source at a time, so a 10,000-source report is never
held as one big string or one big dict (the output is byte-for-byte that of the jsonl export)."""

from __future__ import annotations

import json
import sys
from dataclasses import replace
from pathlib import Path
from typing import BinaryIO

from audits.report import Report, source_to_dict, summary


def write_jsonl(report: Report, out: BinaryIO) -> int:
    """Write a header line (run details, summary, claims), then one line per source; returns lines written."""
    header = replace(report, sources=()).to_dict()  # everything but the sources...
    header["summary"] = summary(report)  # ...with the summary of the whole corpus
    header.pop("sources", None)
    header["type"] = "report"
    out.write((json.dumps(header, ensure_ascii=False) + "\n").encode("utf-8"))
    for s in report.sources:
        line = json.dumps({"type": "source", **source_to_dict(s)}, ensure_ascii=False)
        out.write((line + "\n").encode("utf-8"))
    return 1 + len(report.sources)


def write_jsonl_to(report: Report, output: str | None) -> int:
    """Stream the JSON Lines report to a file, or to stdout when output is None."""
    if output:
        with Path(output).open("wb") as fh:
            return write_jsonl(report, fh)
    lines = write_jsonl(report, sys.stdout.buffer)
    sys.stdout.flush()
    return lines


__all__ = ["write_jsonl", "write_jsonl_to"]
