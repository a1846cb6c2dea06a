"""Bounds on what one source may unpack into: checked before a library is given the bytes.

The size limit (max_file_bytes) applies to the file as stored; these apply to what it expands to.
A .docx is a zip of XML parts: the sum of the entries' declared sizes is a real bound (Python's
zipfile never inflates an entry past its declared size), the number of entries is bounded, and
every XML part is streamed once with entities never resolved to measure its nesting depth.
"""

from __future__ import annotations

import io
import zipfile
from dataclasses import dataclass

from audits.ingest.errors import IngestError


@dataclass(frozen=True)
class Limits:
    """Per-source bounds (see AuditConfig and docs/reliability.md)."""

    max_unpacked_bytes: int = 50_000_000
    max_archive_entries: int = 2_000
    max_xml_depth: int = 200
    max_text_chars: int = 1_500_000

    @classmethod
    def from_config(cls, config: object) -> Limits:
        """The limits named in an AuditConfig."""
        return cls(**{name: getattr(config, name) for name in cls.__dataclass_fields__})


DEFAULT = Limits()


def check_zip(raw: bytes, limits: Limits, what: str = "Word file") -> None:
    """Refuse archives with too many entries, too much unpacked data or XML nested too deeply."""
    try:
        archive = zipfile.ZipFile(io.BytesIO(raw))
    except (zipfile.BadZipFile, OSError, ValueError) as exc:
        raise IngestError("ingest.unreadable", f"The {what} is damaged ({exc}).") from None
    with archive:
        entries = archive.infolist()
        if len(entries) > limits.max_archive_entries:
            raise IngestError(
                "ingest.too-large",
                f"The {what} holds {len(entries):,} parts, over the limit of {limits.max_archive_entries:,} "
                "(max_archive_entries).",
            )
        unpacked = sum(e.file_size for e in entries)
        if unpacked > limits.max_unpacked_bytes:
            raise IngestError(
                "ingest.too-large",
                f"The {what} unpacks to {unpacked / 1e6:,.1f} MB, over the {limits.max_unpacked_bytes / 1e6:,.1f} MB "
                "limit (max_unpacked_bytes): it may be a decompression bomb.",
            )
        for entry in entries:
            if entry.filename.endswith((".xml", ".rels")):
                with archive.open(entry) as part:
                    _check_depth(part, entry.filename, limits, what)


def _check_depth(stream: io.IOBase, name: str, limits: Limits, what: str) -> None:
    from lxml import etree

    depth = 0
    try:
        # Streamed: no tree is kept, no DTD loaded, no entity resolved, nothing fetched.
        for event, element in etree.iterparse(
            stream, events=("start", "end"), resolve_entities=False, load_dtd=False, no_network=True, huge_tree=False
        ):
            if event == "start":
                depth += 1
                if depth > limits.max_xml_depth:
                    raise IngestError(
                        "ingest.too-deep",
                        f"The {what}'s part {name} nests XML more than {limits.max_xml_depth} levels deep "
                        "(max_xml_depth): it was not opened.",
                    )
            else:
                depth -= 1
                element.clear()
    except etree.XMLSyntaxError as exc:
        raise IngestError("ingest.unreadable", f"The {what}'s part {name} is not valid XML ({exc}).") from None


def check_text(text: str, limits: Limits) -> None:
    """Refuse extracted text longer than max_text_chars (it would not finish within the time budget)."""
    if len(text) > limits.max_text_chars:
        raise IngestError(
            "ingest.too-large",
            f"The source holds {len(text):,} characters of text, over the limit of {limits.max_text_chars:,} "
            "(max_text_chars): split it into smaller files.",
        )


__all__ = ["DEFAULT", "Limits", "check_text", "check_zip"]
