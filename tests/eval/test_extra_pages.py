"""The extra labelled pages (eval/extra/): training data for the learned layer, never part of the evaluation."""

from __future__ import annotations

import json

from audits.evaluation.labels import EVAL_DIR, FAMILIES, load_corpus
from audits.marketing.trainingdata import EXTRA_DIR, load_extra


def test_every_extra_page_loads_with_its_quotes_found_in_the_text() -> None:
    pages = load_extra()
    assert len(pages) == len(list((EXTRA_DIR / "labels").glob("*.yaml"))) > 0
    for p in pages:
        assert p.url.startswith("http") and p.language and p.kind
        for span in p.spans:
            assert span.family in FAMILIES
            assert p.text[span.start:span.end] == span.text


def test_extra_pages_are_never_in_the_corpus_or_its_split() -> None:
    extra = {p.id for p in load_extra()}
    assert not extra & set(load_corpus())
    split = json.loads((EVAL_DIR / "split.json").read_text(encoding="utf-8"))
    ids = set(split) if isinstance(split, dict) else set()
    assert not extra & ids


def test_extra_titles_and_furniture_are_text_of_the_page() -> None:
    """The title/furniture labels (eval/extra/score_ingest.py scores ingest with them) quote the page exactly."""
    import re

    import yaml

    from audits.evaluation.labels import FURNITURE_REASONS

    for path in sorted((EXTRA_DIR / "labels").glob("*.yaml")):
        raw = yaml.safe_load(path.read_text(encoding="utf-8"))
        text = (EXTRA_DIR / "pages" / f"{path.stem}.txt").read_text(encoding="utf-8")
        lines = [line.strip() for line in text.split("\n")]
        assert "title" in raw and "furniture" in raw, path.stem
        assert raw["title"] is None or raw["title"] in text, path.stem
        for item in raw["furniture"]:
            assert item["reason"] in FURNITURE_REASONS, path.stem
            # a whole line, or the storage's date stamp at the start of the first line
            assert item["text"] in lines or (re.fullmatch(r"date [\d-]+", item["text"])
                                              and lines[0].startswith(item["text"] + " ")), (path.stem, item)
