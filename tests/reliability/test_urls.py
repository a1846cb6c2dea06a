"""URLs cannot be turned inward or held open (issue 17), tested offline.

A resolver that rebinds (the name resolution is replaced), the shared range 100.64.0.0/10 directly
and through a redirect, and a local slow server on 127.0.0.1 (loopback allowed for that test only).
"""

from __future__ import annotations

import ipaddress
import socket
import threading
import time
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from audits.config import AuditConfig
from audits.ingest import ingest_url
from audits.ingest import url as url_module

STRICT = AuditConfig(url_timeout_s=2)
ARTICLE = b"<html><body><p>" + b"Therapy helps many people who worry. " * 20 + b"</p></body></html>"


@pytest.mark.parametrize("address", [
    "127.0.0.1", "10.1.2.3", "172.16.0.1", "192.168.1.1", "169.254.169.254", "100.64.0.1", "100.100.100.200",
    "100.127.255.254", "0.0.0.0", "224.0.0.1", "240.0.0.1", "255.255.255.255", "::1", "::", "fe80::1", "fc00::1",
    "ff02::1", "::ffff:127.0.0.1", "::ffff:100.64.0.1", "::ffff:169.254.169.254", "2002:7f00:1::1", "64:ff9b::a00:1",
])
def test_every_non_global_address_is_refused(address: str) -> None:
    assert not url_module.is_public(ipaddress.ip_address(address))


@pytest.mark.parametrize("address", ["93.184.216.34", "8.8.8.8", "2606:4700:4700::1111", "100.128.0.1"])
def test_public_addresses_pass(address: str) -> None:
    assert url_module.is_public(ipaddress.ip_address(address))


def test_a_rebinding_resolver_cannot_reach_loopback(monkeypatch) -> None:
    """First answer public, later answers loopback: the connection goes to the address that was checked."""
    answers = iter([["93.184.216.34"], ["127.0.0.1"], ["127.0.0.1"]])
    lookups, connected = [], []
    monkeypatch.setattr(url_module, "_resolve", lambda host, port: lookups.append(host) or next(answers))

    def connect(address, timeout=None, *args):  # type: ignore[no-untyped-def]
        connected.append(address)
        raise ConnectionRefusedError("offline test")

    monkeypatch.setattr(url_module.socket, "create_connection", connect)
    source = ingest_url("http://rebind.example/article", STRICT)
    assert lookups == ["rebind.example"]  # resolved once
    assert connected == [("93.184.216.34", 80)]  # and connected to the checked address, never 127.0.0.1
    assert source.error_rule == "ingest.fetch-failed"


def test_a_name_resolving_to_shared_address_space_is_refused(monkeypatch) -> None:
    monkeypatch.setattr(url_module, "_resolve", lambda host, port: ["100.100.100.200"])
    source = ingest_url("http://metadata.example/latest/meta-data/", STRICT)
    assert source.error_rule == "ingest.private-address" and "100.100.100.200" in (source.error or "")
    direct = ingest_url("http://100.64.0.1/", STRICT)
    assert direct.error_rule == "ingest.private-address"


def test_any_non_global_answer_refuses_the_host(monkeypatch) -> None:
    monkeypatch.setattr(url_module, "_resolve", lambda host, port: ["93.184.216.34", "::ffff:10.0.0.1"])
    assert ingest_url("http://mixed.example/", STRICT).error_rule == "ingest.private-address"


class _Handler(BaseHTTPRequestHandler):
    def log_message(self, *args) -> None:  # type: ignore[no-untyped-def]
        pass

    def do_GET(self) -> None:
        if self.path == "/redirect-inward":
            self.send_response(302)
            self.send_header("Location", "http://100.64.0.1/latest/meta-data/")
            self.end_headers()
        elif self.path == "/slow-headers":
            self.wfile.write(b"HTTP/1.1 200 OK\r\n")
            for _ in range(200):  # one byte at a time, far beyond the deadline
                self.wfile.write(b"X")
                self.wfile.flush()
                time.sleep(0.1)
        elif self.path == "/slow-body":
            self.send_response(200)
            self.send_header("Content-Type", "text/html")
            self.send_header("Content-Length", str(len(ARTICLE)))
            self.end_headers()
            for byte in ARTICLE:
                self.wfile.write(bytes([byte]))
                self.wfile.flush()
                time.sleep(0.1)
        else:
            self.send_response(200)
            self.send_header("Content-Type", "text/html")
            self.send_header("Content-Length", str(len(ARTICLE)))
            self.end_headers()
            self.wfile.write(ARTICLE)


@pytest.fixture()
def local_server() -> Iterator[str]:
    server = ThreadingHTTPServer(("127.0.0.1", 0), _Handler)
    server.daemon_threads = True
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()


def test_a_redirect_into_shared_address_space_is_refused(local_server: str, monkeypatch) -> None:
    """A public-looking host (really the local server) redirects to 100.64.0.1: refused after the redirect."""
    port = int(local_server.rsplit(":", 1)[1])
    fake_dns = {"public.example": ["93.184.216.34"]}
    monkeypatch.setattr(url_module, "_resolve", lambda host, p: fake_dns.get(host, [host]))
    real = socket.create_connection
    monkeypatch.setattr(url_module.socket, "create_connection",
                        lambda address, timeout=None, *a: real(("127.0.0.1", port), timeout))
    source = ingest_url(f"http://public.example:{port}/redirect-inward", STRICT)
    assert source.error_rule == "ingest.private-address" and "100.64.0.1" in (source.error or "")


def test_the_local_server_is_refused_unless_loopback_is_allowed(local_server: str) -> None:
    assert ingest_url(f"{local_server}/article", STRICT).error_rule == "ingest.private-address"
    allowed = ingest_url(f"{local_server}/article", AuditConfig(url_timeout_s=5, allow_private_urls=True))
    assert allowed.ok and "Therapy helps" in allowed.text


@pytest.mark.parametrize("path", ["/slow-headers", "/slow-body"])
def test_a_slow_server_is_cut_off_at_the_deadline(local_server: str, path: str) -> None:
    config = AuditConfig(url_timeout_s=1, allow_private_urls=True)  # loopback allowed for this test only
    source = ingest_url(f"{local_server}{path}", config)
    assert source.error_rule == "ingest.fetch-timeout"
    assert "did not arrive within 1 s" in (source.error or "")
