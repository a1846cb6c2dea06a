"""Bytes to text: BOMs, UTF-8, then charset-normalizer for legacy 8-bit encodings."""

from __future__ import annotations

import codecs
import re

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


def _wide_encoding(raw: bytes) -> str | None:
    """UTF-32 or UTF-16 without a byte-order mark, told by where the zero bytes sit."""
    head = raw[:8192]
    if len(head) < 4:
        return None

    def zero_share(start: int, step: int) -> float:
        column = head[start::step]
        return column.count(0) / max(1, len(column))

    if len(raw) % 4 == 0:
        if zero_share(2, 4) > 0.9 and zero_share(3, 4) > 0.9 and zero_share(0, 4) < 0.5:
            return "utf-32-le"
        if zero_share(0, 4) > 0.9 and zero_share(1, 4) > 0.9 and zero_share(3, 4) < 0.5:
            return "utf-32-be"
    if len(raw) % 2 == 0:
        if zero_share(1, 2) > 0.3 and zero_share(0, 2) < 0.05:
            return "utf-16-le"
        if zero_share(0, 2) > 0.3 and zero_share(1, 2) < 0.05:
            return "utf-16-be"
    return None


def decode_bytes(raw: bytes) -> tuple[str, str]:
    """Decode text bytes and name the encoding used; raise IngestError if they are not text."""
    text, encoding, _ = decode_with_warnings(raw)
    return text, encoding


MIXED_SUGGESTION = "Save the file as UTF-8 in your editor and audit it again."
MIXED_WARNING = (
    "ingest.mixed-encoding",
    "Parts of this file use different text encodings (UTF-8 and {legacy}); each line was read in the encoding "
    "that fits it, but check accented letters for garbling and save the file as UTF-8.",
)
# A valid multi-byte UTF-8 sequence (used to tell UTF-8 lines inside a legacy-encoded file).
_UTF8_SEQ = re.compile(rb"[\xc2-\xdf][\x80-\xbf]|[\xe0-\xef][\x80-\xbf]{2}|[\xf0-\xf4][\x80-\xbf]{3}")


def decode_with_warnings(raw: bytes) -> tuple[str, str, tuple[tuple[str, str], ...]]:
    """Decode text bytes: (text, encoding, warnings as (rule, message)); IngestError if not text."""
    for bom, encoding in _BOMS:
        if raw.startswith(bom):
            try:
                return raw.decode(encoding), encoding, ()
            except UnicodeDecodeError:
                raise IngestError("ingest.decode", f"The file starts like {encoding} text but is damaged.") from None
    wide = _wide_encoding(raw)
    if wide is not None:
        try:
            return raw.decode(wide), wide, ()
        except UnicodeDecodeError:
            pass
    if looks_binary(raw):
        raise IngestError("ingest.binary", "This is a binary file, not text: nothing could be read from it.")
    try:
        return raw.decode("utf-8"), "utf-8", ()
    except UnicodeDecodeError:
        pass
    if _UTF8_SEQ.search(raw):  # some lines are valid UTF-8, others not: a file of mixed encodings
        return _mixed(raw)
    best = from_bytes(raw).best()
    if best is None:
        raise IngestError("ingest.decode", "The text encoding could not be recognised.")
    return str(best), best.encoding, ()


def _mixed(raw: bytes) -> tuple[str, str, tuple[tuple[str, str], ...]]:
    rows = raw.split(b"\n")
    legacy_rows = []
    for row in rows:
        try:
            row.decode("utf-8")
        except UnicodeDecodeError:
            legacy_rows.append(row)
    best = from_bytes(b"\n".join(legacy_rows)).best()
    legacy = best.encoding if best is not None else "cp1252"
    lines = []
    for line in rows:
        try:
            lines.append(line.decode("utf-8"))
        except UnicodeDecodeError:
            lines.append(line.decode(legacy, errors="replace"))
    rule, message = MIXED_WARNING
    return "\n".join(lines), f"utf-8+{legacy}", ((rule, message.format(legacy=legacy)),)
