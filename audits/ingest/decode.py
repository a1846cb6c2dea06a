"""Bytes to text: BOMs, UTF-8, then charset-normalizer for legacy 8-bit encodings."""

from __future__ import annotations

import codecs

from charset_normalizer import from_bytes

from audits.ingest.errors import IngestError

_BOMS = (
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)


def looks_binary(raw: bytes) -> bool:
    """Whether bytes without a BOM look like a binary file rather than text."""
    head = raw[:8192]
    if not head:
        return False
    if b"\x00" in head:
        return True
    control = sum(1 for b in head if b < 32 and b not in (9, 10, 12, 13, 27))
    return control / len(head) > 0.05


def decode_bytes(raw: bytes) -> tuple[str, str]:
    """Decode text bytes and name the encoding used; raise IngestError if they are not text."""
    for bom, encoding in _BOMS:
        if raw.startswith(bom):
            try:
                return raw.decode(encoding), encoding
            except UnicodeDecodeError:
                raise IngestError("ingest.decode", f"The file starts like {encoding} text but is damaged.") from None
    if looks_binary(raw):
        raise IngestError("ingest.binary", "This is a binary file, not text: nothing could be read from it.")
    try:
        return raw.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    best = from_bytes(raw).best()
    if best is None:
        raise IngestError("ingest.decode", "The text encoding could not be recognised.")
    return str(best), best.encoding
