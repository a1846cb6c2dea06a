"""Plain text in any common encoding."""

from __future__ import annotations

from audits.ingest.decode import decode_bytes
from audits.ingest.readers.base import Extracted


def read_txt(raw: bytes) -> Extracted:
    """Plain text in any common encoding."""
    text, encoding = decode_bytes(raw)
    return Extracted(text, encoding)
