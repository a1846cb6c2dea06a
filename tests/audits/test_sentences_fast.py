"""The English fast path of the sentence splitter gives exactly pysbd's boundaries (issue 18)."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from audits.prepare.sentences import _easy_segments, paragraph_spans, sentence_spans
from tests.conftest import SEED_IDS, SERBIAN


def _both(text: str, lang: str = "en") -> tuple[list[str], list[str]]:
    paras = paragraph_spans(text)
    slow = [s.of(text) for s in sentence_spans(text, paras, lang, fast=False)]
    fast = [s.of(text) for s in sentence_spans(text, paras, lang)]
    return slow, fast


@pytest.mark.parametrize("source_id", SEED_IDS)
def test_seed_sentences_identical_to_pysbd(seed_sources, source_id: str) -> None:
    lang = "sr" if source_id == SERBIAN else "en"
    slow, fast = _both(seed_sources[source_id].text, lang)
    assert fast == slow
    assert len(fast) > 10


def test_easy_paragraph_never_reaches_pysbd() -> None:
    text = "Therapy helps many people. It takes time [2]. Results vary between clients!"
    assert [hard for *_, hard in _easy_segments(text)] == [False, False, False]
    assert [text[a:b].strip() for a, b, _ in _easy_segments(text)] == [
        "Therapy helps many people.", "It takes time [2].", "Results vary between clients!"]


@pytest.mark.parametrize("text", [
    "Medically reviewed by Dr. Mark Hrymoc, M.D. on Monday. Patel et al. found an effect, e.g. in adults.",
    "The methods are covered later (see pg. 40). It works. Really? Yes.",
    "An estimated 19.1% of U.S. adults had it. Most recovered. Some did not.",
    'He said, "I am a failure." Therapy helps. She asked, “How are you really doing?” Nobody knew.',
    "It was 2 a.m. and nobody slept. The end... Or not. Wait etc. The rest.",
    "1. Cognitive therapy works. 2. Exposure works too. See www.example.com. Thanks.",
    "Smith J. Therapy. J Psychol. 2020;1(2):3-4. Later work agreed (Jones, 2021). Fine.",
])
def test_hard_cases_identical_to_pysbd(text: str) -> None:
    slow, fast = _both(text)
    assert fast == slow


WORDS = st.sampled_from(["therapy", "helps", "the", "client", "Dr.", "e.g.", "U.S.", "a.m.", "3.5", "(CBT)",
                         "[1]", "“quoted", "words”", '"so', 'true"', "et", "al.", "Smith", "I", "no.", "etc.",
                         "fig.", "vs.", "St.", "well-being", "client’s", "…", "1.", "2)", "—", "Mr."])
ENDS = st.sampled_from([".", "!", "?", "", ".”", '."', "?”", " [2].", "..."])


@settings(max_examples=150, deadline=None)
@given(st.lists(st.tuples(st.lists(WORDS, min_size=1, max_size=8), ENDS,
                          st.sampled_from(["The", "It", "A", "we", "Therapy", "In", "(", "“", "1"])),
                min_size=1, max_size=6))
def test_random_paragraphs_identical_to_pysbd(sentences) -> None:
    text = " ".join(f"{start} {' '.join(words)}{end}" for words, end, start in sentences)
    slow, fast = _both(text)
    assert fast == slow
