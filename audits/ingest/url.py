"""Fetch a page over http(s): resolved once, connected to the checked address, under one deadline.

Threat model (docs/reliability.md): a user-supplied URL must never reach this machine or its
network. So the host name is resolved once, every address is checked (only globally routable
ones pass: no loopback, private, link-local, shared 100.64.0.0/10, multicast, reserved or
unspecified, IPv6 equivalents and IPv4-mapped/6to4/Teredo forms of them), and the connection goes
to the checked address itself (pinned), with the host name in the Host header and TLS SNI and
the certificate checked for the name; no second lookup can rebind it. Redirects are followed by
hand, each new location checked the same way. One deadline covers the whole fetch: a watchdog
shuts the socket when it passes, so a server sending one byte a second is cut off.
http.client is used directly because urllib resolves the name again when it connects.
"""

from __future__ import annotations

import contextlib
import http.client
import ipaddress
import socket
import ssl
import threading
import time
from dataclasses import dataclass
from urllib.parse import urljoin, urlparse

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
MAX_REDIRECTS = 5
SHARED_ADDRESS_SPACE = ipaddress.ip_network("100.64.0.0/10")  # carrier-grade NAT; cloud metadata lives here too
IPAddress = ipaddress.IPv4Address | ipaddress.IPv6Address


@dataclass(frozen=True)
class Fetched:
    """The body of a fetched page and the file extension its content type maps to."""

    url: str
    body: bytes
    extension: str


def is_public(address: IPAddress) -> bool:
    """Whether an address is globally routable (and not hiding a non-global IPv4 address)."""
    if isinstance(address, ipaddress.IPv6Address):
        embedded = address.ipv4_mapped or address.sixtofour or (address.teredo[1] if address.teredo else None)
        if embedded is not None and not is_public(embedded):
            return False
    if address.version == 4 and address in SHARED_ADDRESS_SPACE:
        return False
    return address.is_global and not (address.is_multicast or address.is_reserved or address.is_unspecified)


def _resolve(host: str, port: int) -> list[str]:
    """Every address of a host (the one lookup; tests replace it to simulate rebinding)."""
    return [info[4][0] for info in socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)]


def _parse(url: str) -> tuple[str, str, int, str]:
    try:
        parsed = urlparse(url)
    except ValueError:  # e.g. "http://[x/": found by fuzzing
        raise IngestError("ingest.bad-url", f"{url!r} is not a valid web address.") from None
    if parsed.scheme not in ("http", "https") or not parsed.hostname:
        raise IngestError("ingest.bad-url", f"Only http:// and https:// addresses can be audited, not {url!r}.")
    try:
        port = parsed.port or (443 if parsed.scheme == "https" else 80)
    except ValueError:
        raise IngestError("ingest.bad-url", f"The address {url!r} has an invalid port.") from None
    path = (parsed.path or "/") + (f"?{parsed.query}" if parsed.query else "")
    return parsed.scheme, parsed.hostname, port, path


def check_url(url: str, allow_private: bool) -> str:
    """Refuse non-http(s) URLs and non-public hosts; return the one checked address to connect to."""
    _, host, port, _ = _parse(url)
    try:
        addresses = _resolve(host, port)
    except (socket.gaierror, UnicodeError):
        raise IngestError("ingest.fetch-failed", f"The host {host!r} could not be found.") from None
    if not addresses:
        raise IngestError("ingest.fetch-failed", f"The host {host!r} could not be found.")
    if not allow_private:
        for text in addresses:
            if not is_public(ipaddress.ip_address(text.split("%", 1)[0])):
                raise IngestError(
                    "ingest.private-address",
                    f"{host} points to a private, local or reserved address ({text}); fetching it is switched off "
                    "(allow_private_urls in the config).",
                )
    return addresses[0]


class _PinnedConnection(http.client.HTTPSConnection):
    """An HTTP(S) connection to a fixed address, speaking to it under the URL's host name."""

    def __init__(self, scheme: str, host: str, port: int, address: str, timeout: float) -> None:
        super().__init__(host, port, timeout=timeout, context=ssl.create_default_context())
        self.scheme = scheme
        self.address = address
        self.default_port = 443 if scheme == "https" else 80  # "Host: name" without a default port

    def connect(self) -> None:
        self.sock = socket.create_connection((self.address, self.port), self.timeout)
        if self.scheme == "https":  # SNI and certificate check use the host name, not the address
            self.sock = self._context.wrap_socket(self.sock, server_hostname=self.host)


def fetch(url: str, *, timeout: float, max_bytes: int, allow_private: bool) -> Fetched:
    """Download a page within ``timeout`` seconds in all; every failure is an IngestError with a plain reason."""
    deadline = time.monotonic() + timeout
    for _ in range(MAX_REDIRECTS + 1):
        scheme, host, port, path = _parse(url)
        address = check_url(url, allow_private)
        remaining = deadline - time.monotonic()
        if remaining <= 0:
            raise _too_slow(timeout)
        conn = _PinnedConnection(scheme, host, port, address, remaining)
        watchdog = threading.Timer(remaining, _cut, args=(conn,))
        watchdog.daemon = True
        watchdog.start()
        try:
            conn.request("GET", path, headers={"User-Agent": USER_AGENT, "Accept-Encoding": "identity"})
            response = conn.getresponse()
            if response.status in (301, 302, 303, 307, 308) and response.getheader("Location"):
                url = urljoin(url, response.getheader("Location", ""))
                continue
            if response.status >= 400:
                raise IngestError("ingest.fetch-failed", f"The server answered {response.status} {response.reason}.")
            return Fetched(url, _body(response, max_bytes, deadline, timeout), _extension(response, max_bytes))
        except IngestError:
            raise
        except (OSError, http.client.HTTPException, ValueError) as exc:
            if time.monotonic() >= deadline:
                raise _too_slow(timeout) from None
            raise IngestError("ingest.fetch-failed", f"The page could not be fetched ({exc}).") from None
        finally:
            watchdog.cancel()
            conn.close()
    raise IngestError("ingest.fetch-failed", f"The page redirected more than {MAX_REDIRECTS} times.")


def _cut(conn: http.client.HTTPConnection) -> None:
    """The deadline passed: shut the socket, so a blocked read returns at once."""
    sock = conn.sock
    if sock is not None:
        with contextlib.suppress(OSError):
            sock.shutdown(socket.SHUT_RDWR)


def _extension(response: http.client.HTTPResponse, max_bytes: int) -> str:
    ctype = (response.headers.get_content_type() or "").lower()
    if ctype not in ALLOWED_TYPES:
        raise IngestError("ingest.unsupported-type", f"The page's content type {ctype!r} is not an article format.")
    return ALLOWED_TYPES[ctype]


def _body(response: http.client.HTTPResponse, max_bytes: int, deadline: float, timeout: float) -> bytes:
    _extension(response, max_bytes)
    length = response.getheader("Content-Length")
    if length and length.isdigit() and int(length) > max_bytes:
        raise IngestError("ingest.too-large", _too_large(int(length), max_bytes))
    chunks, size = [], 0
    while size <= max_bytes:
        if time.monotonic() >= deadline:
            raise _too_slow(timeout)
        chunk = response.read1(min(65536, max_bytes + 1 - size))
        if not chunk:
            break
        chunks.append(chunk)
        size += len(chunk)
    if time.monotonic() >= deadline:
        raise _too_slow(timeout)
    if size > max_bytes:
        raise IngestError("ingest.too-large", _too_large(size, max_bytes))
    return b"".join(chunks)


def _too_slow(timeout: float) -> IngestError:
    return IngestError(
        "ingest.fetch-timeout",
        f"The page did not arrive within {timeout:g} s (url_timeout_s); the fetch was stopped.",
    )


def _too_large(size: int, limit: int) -> str:
    return f"The file is {size / 1e6:.1f} MB, over the {limit / 1e6:.1f} MB limit (max_file_bytes)."
