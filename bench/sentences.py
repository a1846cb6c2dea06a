"""Sentence splitters side by side: time and boundary agreement with pysbd (the reference).

    python bench/sentences.py            # eval/pages/*.txt and the seeds, English-path pages

Candidates: pysbd alone (what prepare used before issue 18), the fast path in
audits.prepare.sentences (compiled rules for easy segments, pysbd for the rest), and sentencex.
Agreement is |A ∩ B| / |A ∪ B| over sentence spans (start, end) of every document, A being
pysbd's. Serbian/Croatian/Bosnian/Slovenian pages go to reldi-tokeniser on every path and are
counted apart. Prints a JSON line; bench/run.py includes it in its results.
"""

from __future__ import annotations

import json
import os
import sys
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent


def _pages() -> list[tuple[str, str]]:
    files = sorted((ROOT / "eval" / "pages").glob("*.txt")) + sorted((ROOT / "sources").glob("*.txt"))
    return [(p.name, p.read_text(encoding="utf-8")) for p in files]


def _sentencex_spans(text: str, lang: str) -> set[tuple[int, int]]:
    from sentencex import segment

    from audits.prepare.sentences import paragraph_spans

    spans = set()
    for para in paragraph_spans(text):
        chunk, pos = para.of(text), 0
        for sentence in segment(lang, para.of(text)):
            piece = sentence.strip()
            if not piece:
                continue
            at = chunk.find(piece, pos)
            if at < 0:
                continue
            spans.add((para.start + at, para.start + at + len(piece)))
            pos = at + len(piece)
    return spans


def compare() -> dict[str, Any]:
    """Seconds and agreement with pysbd for each candidate on the English-path pages."""
    from audits.prepare.language import detect_language
    from audits.prepare.sentences import _RELDI_LANGS, paragraph_spans, sentence_spans

    docs = []
    reldi = 0
    for name, text in _pages():
        lang = detect_language(text).code
        if lang in _RELDI_LANGS:
            reldi += 1
            continue
        docs.append((name, text, lang, paragraph_spans(text)))
    sentence_spans("Warm up. The splitters.", paragraph_spans("Warm up. The splitters."), "en", fast=False)
    reference: list[set[tuple[int, int]]] = []
    t0 = time.perf_counter()
    for _, text, lang, paras in docs:
        reference.append({(s.start, s.end) for s in sentence_spans(text, paras, lang, fast=False)})
    seconds = {"pysbd": time.perf_counter() - t0}
    found: dict[str, list[set[tuple[int, int]]]] = {"fast_path": [], "sentencex": []}
    t0 = time.perf_counter()
    for _, text, lang, paras in docs:
        found["fast_path"].append({(s.start, s.end) for s in sentence_spans(text, paras, lang)})
    seconds["fast_path"] = time.perf_counter() - t0
    try:
        _sentencex_spans("Warm up.", "en")
        t0 = time.perf_counter()
        for _, text, lang, _ in docs:
            found["sentencex"].append(_sentencex_spans(text, lang))
        seconds["sentencex"] = time.perf_counter() - t0
    except ImportError:
        del found["sentencex"]
    out: dict[str, Any] = {"documents": len(docs), "reldi_documents_unchanged": reldi,
                           "load_average": [round(x, 2) for x in os.getloadavg()], "candidates": {}}
    for name in ("pysbd", *found):
        entry: dict[str, Any] = {"seconds": round(seconds[name], 4),
                                 "speed_vs_pysbd": round(seconds["pysbd"] / seconds[name], 2)}
        if name != "pysbd":
            inter = sum(len(a & b) for a, b in zip(reference, found[name], strict=True))
            union = sum(len(a | b) for a, b in zip(reference, found[name], strict=True))
            same = sum(a == b for a, b in zip(reference, found[name], strict=True))
            entry["boundary_agreement"] = round(inter / union, 4) if union else 1.0
            entry["documents_identical"] = same
        out["candidates"][name] = entry
    return out


if __name__ == "__main__":
    sys.path.insert(0, str(ROOT))
    print(json.dumps(compare()))
