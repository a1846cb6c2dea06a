"""Plain text in any common encoding."""

from __future__ import annotations

from audits.ingest.decode import decode_with_warnings
from audits.ingest.limits import DEFAULT, Limits
from audits.ingest.readers.base import Extracted


def read_txt(raw: bytes, limits: Limits = DEFAULT) -> Extracted:
    """Plain text in any common encoding."""
    text, encoding, warnings = decode_with_warnings(raw)
    return Extracted(text, encoding, warnings=warnings)
