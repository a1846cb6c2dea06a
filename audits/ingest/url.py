"""Fetch a page over http(s) with a timeout, a size cap, a content-type check and no private hosts."""

from __future__ import annotations

import ipaddress
import socket
import urllib.error
import urllib.request
from dataclasses import dataclass
from urllib.parse import urlparse

from audits.ingest.errors import IngestError

ALLOWED_TYPES = {
    "text/html": ".html",
    "application/xhtml+xml": ".html",
    "text/plain": ".txt",
    "text/markdown": ".md",
    "application/pdf": ".pdf",
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document": ".docx",
}
USER_AGENT = "mh-content-audit/0.1 (+content-quality audit)"


@dataclass(frozen=True)
class Fetched:
    """The body of a fetched page and the file extension its content type maps to."""

    url: str
    body: bytes
    extension: str


def check_url(url: str, allow_private: bool) -> None:
    """Refuse non-http(s) URLs and, unless allowed, hosts that resolve to private addresses."""
    parsed = urlparse(url)
    if parsed.scheme not in ("http", "https") or not parsed.hostname:
        raise IngestError("ingest.bad-url", f"Only http:// and https:// addresses can be audited, not {url!r}.")
    if allow_private:
        return
    try:
        infos = socket.getaddrinfo(parsed.hostname, parsed.port or 80, proto=socket.IPPROTO_TCP)
    except socket.gaierror:
        raise IngestError("ingest.fetch-failed", f"The host {parsed.hostname!r} could not be found.") from None
    for info in infos:
        address = ipaddress.ip_address(info[4][0])
        if address.is_private or address.is_loopback or address.is_link_local or address.is_reserved:
            raise IngestError(
                "ingest.private-address",
                f"{parsed.hostname} is a private or local address; fetching it is switched off "
                "(allow_private_urls in the config).",
            )


class _NoRedirectToPrivate(urllib.request.HTTPRedirectHandler):
    def __init__(self, allow_private: bool) -> None:
        self.allow_private = allow_private

    def redirect_request(self, req, fp, code, msg, headers, newurl):  # type: ignore[no-untyped-def]
        check_url(newurl, self.allow_private)
        return super().redirect_request(req, fp, code, msg, headers, newurl)


def fetch(url: str, *, timeout: float, max_bytes: int, allow_private: bool) -> Fetched:
    """Download a page; every failure becomes an IngestError with a plain reason."""
    check_url(url, allow_private)
    opener = urllib.request.build_opener(_NoRedirectToPrivate(allow_private))
    request = urllib.request.Request(url, headers={"User-Agent": USER_AGENT})
    try:
        with opener.open(request, timeout=timeout) as response:
            ctype = (response.headers.get_content_type() or "").lower()
            if ctype not in ALLOWED_TYPES:
                raise IngestError(
                    "ingest.unsupported-type", f"The page's content type {ctype!r} is not an article format."
                )
            length = response.headers.get("Content-Length")
            if length and length.isdigit() and int(length) > max_bytes:
                raise IngestError("ingest.too-large", _too_large(int(length), max_bytes))
            body = response.read(max_bytes + 1)
            if len(body) > max_bytes:
                raise IngestError("ingest.too-large", _too_large(len(body), max_bytes))
            return Fetched(response.geturl(), body, ALLOWED_TYPES[ctype])
    except IngestError:
        raise
    except urllib.error.HTTPError as exc:
        raise IngestError("ingest.fetch-failed", f"The server answered {exc.code} {exc.reason}.") from None
    except (urllib.error.URLError, TimeoutError, OSError) as exc:
        reason = getattr(exc, "reason", exc)
        raise IngestError("ingest.fetch-failed", f"The page could not be fetched ({reason}).") from None


def _too_large(size: int, limit: int) -> str:
    return f"The file is {size / 1e6:.1f} MB, over the {limit / 1e6:.1f} MB limit (max_file_bytes)."
