"""The evaluation corpus follows its schema, its proportions and its fixed split."""

from collections import Counter

import pytest

from audits.evaluation.labels import load_corpus, load_pairs, load_split


@pytest.fixture(scope="module")
def corpus():
    return load_corpus()


def test_every_label_file_locates_its_quotes(corpus):
    # load_corpus raises LabelError on any quote that is not in its page.
    assert len(corpus) >= 90
    assert all(p.url.startswith("http") for p in corpus.values())


def test_language_proportions(corpus):
    langs = Counter(p.language for p in corpus.values())
    assert langs["en"] >= 40
    assert langs["sr"] >= 15
    assert langs["hr"] >= 10
    assert langs["bs"] >= 5
    assert langs["sl"] >= 12
    assert sum(n for code, n in langs.items() if code not in {"en", "sr", "hr", "bs", "sl"}) >= 3
    assert sum(p.script == "cyrillic" for p in corpus.values() if p.language == "sr") >= 3


def test_split_is_fixed_and_covers_every_page(corpus):
    split = load_split()
    assert set(split) == set(corpus), "every page has exactly one split"
    assert set(split.values()) == {"dev", "test"}
    assert sum(v == "test" for v in split.values()) / len(split) >= 0.35
    for group in ("English", "sr/hr/bs", "Slovenian"):
        assert any(split[p.id] == "test" for p in corpus.values() if p.group == group)


def test_claim_pairs(corpus):
    pairs = load_pairs(corpus)
    assert len(pairs) >= 400
    assert sum(p.cross_language for p in pairs) >= 100
    labels = Counter(p.label for p in pairs)
    assert labels["same"] and labels["related"]
    claims = {(pid, c.text) for pid, page in corpus.items() for c in page.claims}
    for p in pairs:
        assert p.a_page != p.b_page
        assert any(pid == p.a_page and p.a_text in text for pid, text in claims), p.a_text[:60]
        assert any(pid == p.b_page and p.b_text in text for pid, text in claims), p.b_text[:60]
