"""Speed changes in the claims stage that must not change a result: first-letter gated rules, one reading
of each repeated candidate."""

from __future__ import annotations

import re
from pathlib import Path

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st

import audits.claims.extract as extract
from audits.claims.checkworthy import probabilities, shape_features

SOURCES = Path(__file__).resolve().parents[2] / "sources"
# The statistical cue as one pattern, as it was written before it was split into a digit and a word pattern.
_STATISTICAL = re.compile(r"(\d|\bpercent\b|\bprocen|\bone\s+in\s+\w+\b|\bsvak[aie]\s+\w+\b|"
                          r"\bhalf\b|\bpolovin|\bmajority\b|\bvećin)", re.IGNORECASE)
_PIECES = ["Therapy", " reduces", " anxiety", " in 40%", " percent", " Procenat", " one in five", " svaka druga",
           " HALF of", " polovina", " the majority", " većina", " contact us", " click here", " in this article",
           " Thank you", " our team", " effective", " leads to", " is a", " known as", " www.x.org", " a@b.cd",
           ", but", "; ", ".", "?", " ", "\n", "ſ", "İ", "K"]


def _type_before(text: str) -> str:
    for name, pattern in (("statistical", _STATISTICAL), *[(n, p) for n, p in extract._TYPES[2:]]):
        if pattern.search(text):
            return name
    return "factual"


def _judge_before(text: str, whole: bool = True) -> extract.Verdict:
    """judge with every rule searched as written (no first-letter gate) and the one-pattern statistical cue."""
    body = extract._BULLET.sub("", text.strip())
    if not body:
        return extract.Verdict(False, "empty")
    for reason, pattern in extract._RULES:
        if pattern.search(body):
            return extract.Verdict(False, reason)
    n = extract.word_count(body)
    if whole and not extract._FINAL.search(body) and n <= 12:
        return extract.Verdict(False, "heading")
    if whole and body[0].islower():
        return extract.Verdict(False, "fragment")
    if n < extract.MIN_WORDS:
        return extract.Verdict(False, "too-short")
    if not any(ch.islower() for ch in body):
        return extract.Verdict(False, "heading")
    return extract.Verdict(True, "claim", _type_before(body))


def test_the_statistical_cue_split_in_two_is_the_same_cue() -> None:
    assert [name for name, _ in extract._TYPES[:2]] == ["statistical", "statistical"]


@settings(max_examples=400, deadline=None)
@given(st.lists(st.sampled_from(_PIECES), min_size=1, max_size=14).map("".join), st.booleans())
def test_gated_rules_judge_as_the_rules_as_written(text: str, whole: bool) -> None:
    assert extract.judge(text, whole) == _judge_before(text, whole)
    assert extract.claim_type(text) == _type_before(text)


def test_gated_rules_judge_every_seed_sentence_as_before() -> None:
    lines = [line for path in sorted(SOURCES.glob("*.txt")) for line in path.read_text(encoding="utf-8").splitlines()]
    pieces = [p for line in lines for p in re.split(r"(?<=[.!?])\s+", line) if p.strip()]
    assert len(pieces) > 200
    assert [extract.judge(p) for p in pieces] == [_judge_before(p) for p in pieces]
    assert [extract.claim_type(p) for p in pieces] == [_type_before(p) for p in pieces]


def _probabilities_before(texts: list[str], vectors: np.ndarray | None) -> np.ndarray:
    """checkworthy.probabilities with the shape features read for every candidate, repeated or not."""
    from audits.claims.checkworthy import _hashed_scores, weights

    w = weights()
    shape = np.stack([shape_features(t) for t in texts])
    if vectors is not None:
        z = np.hstack([np.asarray(vectors, dtype=np.float32), shape]) @ w["coef_e5"] + float(w["bias_e5"])
    else:
        z = _hashed_scores(texts, w["coef_hash_ngrams"]) + shape @ w["coef_hash_shape"] + float(w["bias_hash"])
    return 1.0 / (1.0 + np.exp(-z))


@settings(max_examples=60, deadline=None)
@given(st.lists(st.sampled_from(["Therapy reduces anxiety by 40%.", "We offer therapy.", "Call us today!",
                                 "Studies show that sleep matters.", "Terapija pomaže.", " "]),
                min_size=1, max_size=12))
def test_repeated_candidates_are_scored_as_when_each_was_read(texts: list[str]) -> None:
    assert np.array_equal(probabilities(texts, None), _probabilities_before(texts, None))
    vectors = np.random.default_rng(len(texts)).normal(size=(len(texts), 384)).astype(np.float32)
    assert np.array_equal(probabilities(texts, vectors), _probabilities_before(texts, vectors))


def test_threads_judging_from_a_cold_cache_agree_with_one_thread() -> None:
    """The gated rule lists are built once per process (lru_cache); threads racing to build them judge alike."""
    from concurrent.futures import ThreadPoolExecutor

    lines = [line for path in sorted(SOURCES.glob("*.txt")) for line in path.read_text(encoding="utf-8").splitlines()]
    pieces = [p for line in lines for p in re.split(r"(?<=[.!?])\s+", line) if p.strip()][:400]
    expected = [_judge_before(p) for p in pieces]
    for _ in range(3):
        extract._rules.cache_clear()
        extract._types.cache_clear()
        with ThreadPoolExecutor(max_workers=8) as pool:
            results = list(pool.map(lambda _: [extract.judge(p) for p in pieces], range(8)))
        assert all(r == expected for r in results)
