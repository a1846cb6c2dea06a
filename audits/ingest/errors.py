"""The one error type readers raise; ingest turns it into a Source with an error."""

from __future__ import annotations


class IngestError(Exception):
    """A source that cannot be read, with the ingest rule id and a message for people."""

    def __init__(self, rule: str, message: str) -> None:
        super().__init__(message)
        self.rule = rule
        self.message = message
