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
