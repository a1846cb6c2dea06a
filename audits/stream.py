"""JSON Lines written incrementally: one source at a time, so a 10,000-source report is never
held as one big string or one big dict (the output is byte-for-byte that of the jsonl export)."""

from __future__ import annotations

import json
import sys
import uuid
from collections.abc import Iterator, Sequence
from dataclasses import replace
from pathlib import Path
from typing import BinaryIO

from audits.report import Report, source_to_dict, summary


def write_jsonl(report: Report, out: BinaryIO) -> int:
    """Write a header line (run details, summary, claims), then one line per source; returns lines written.

    The header's claim clusters and source x source matrix (100 million cells at 10,000 sources)
    are written piece by piece, and the sources are read one at a time (a spilled report keeps
    them on disk: audits/spill.py).
    """
    claims = report.claims
    light = replace(report, sources=(), claims=replace(claims, clusters=(), overlap=()))
    header = light.to_dict()  # everything but the sources, the clusters and the matrix...
    header["summary"] = summary(report)  # ...with the summary of the whole corpus
    header.pop("sources", None)
    header["type"] = "report"
    mark = f"\x00{uuid.uuid4().hex}\x00"
    header["claims"]["clusters"] = mark + "c"
    header["claims"]["overlap"]["matrix"] = mark + "m"
    text = json.dumps(header, ensure_ascii=False)
    head, rest = text.split(json.dumps(mark + "c"), 1)
    middle, tail = rest.split(json.dumps(mark + "m"), 1)
    out.write(head.encode("utf-8"))
    _write_list(out, (json.dumps(c.to_dict(), ensure_ascii=False) for c in claims.clusters))
    out.write(middle.encode("utf-8"))
    _write_list(out, (json.dumps(rounded_row(row)) for row in claims.overlap))
    out.write((tail + "\n").encode("utf-8"))
    lines = 1
    for s in report.sources:
        line = json.dumps({"type": "source", **source_to_dict(s)}, ensure_ascii=False)
        out.write((line + "\n").encode("utf-8"))
        lines += 1
    return lines


def _write_list(out: BinaryIO, items: Iterator[str]) -> None:
    """A JSON list written item by item, exactly as json.dumps writes it whole."""
    out.write(b"[")
    for i, item in enumerate(items):
        out.write(((", " if i else "") + item).encode("utf-8"))
    out.write(b"]")


def rounded_row(row: Sequence[float]) -> list[float]:
    """[round(v, 4) for v in row], rounding each distinct value once (a matrix row has few)."""
    import numpy as np  # only when there is a matrix to write (one-file runs start faster)

    values = np.asarray(row, dtype=np.float64)
    if values.size == 0:
        return []
    bits = values.view(np.int64)  # distinct by bit pattern: 0.0 and -0.0 stay apart
    distinct = np.unique(bits)
    rounded = np.asarray([round(v, 4) for v in distinct.view(np.float64).tolist()], dtype=np.float64)
    return rounded[np.searchsorted(distinct, bits)].tolist()


def write_jsonl_to(report: Report, output: str | None) -> int:
    """Stream the JSON Lines report to a file, or to stdout when output is None."""
    if output:
        with Path(output).open("wb") as fh:
            return write_jsonl(report, fh)
    lines = write_jsonl(report, sys.stdout.buffer)
    sys.stdout.flush()
    return lines


__all__ = ["rounded_row", "write_jsonl", "write_jsonl_to"]
