"""first_uses looks each term up once in the joined sentences: the same uses as the sentence-by-sentence search."""

from __future__ import annotations

from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from audits.model import Span
from audits.readability.jargon import Glossary, JargonUse, first_uses, is_explained, latin_with_offsets, load_glossary

SOURCES = Path(__file__).resolve().parents[2] / "sources"


def first_uses_per_sentence(sentences: list[tuple[Span, str, bool]], lang: str, glossary: Glossary) -> list[JargonUse]:
    """The previous implementation: every term searched in every sentence until found."""
    found: dict[str, JargonUse] = {}
    for i, (span, raw, heading) in enumerate(sentences):
        text, offsets = latin_with_offsets(raw)
        for term in glossary.for_language(lang):
            if term.id in found:
                continue
            m = term.pattern.search(text)
            if m is None:
                continue
            explained = is_explained(text, m.start(), m.end(), lang)
            if not explained and heading and i + 1 < len(sentences):
                following, _ = latin_with_offsets(sentences[i + 1][1])
                again = term.pattern.search(following)
                explained = again is not None and is_explained(following, *again.span(), lang)
            end = offsets[m.end() - 1] + 1
            found[term.id] = JargonUse(term, Span(span.start + offsets[m.start()], span.start + end), explained)
    return sorted(found.values(), key=lambda u: u.span.start)


def _sentences(texts: list[str], headings: list[bool]) -> list[tuple[Span, str, bool]]:
    out, at = [], 0
    for text, heading in zip(texts, headings, strict=False):
        out.append((Span(at, at + len(text)), text, heading))
        at += len(text) + 1
    return out


WORDS = ["CBT", "cbt", "amygdala", "amygdalae", "neural", "plasticity", "neuroplasticity", "prefrontal", "cortex",
         "hippocampus", "or", "is", "a", "called", "(", ")", "-", "—", ",", ".", "the", "amigdala", "prefrontalni",
         "korteks", "odnosno", "je", "терапија", "амигдала", "\n", "brain-plasticity", "x"]


@settings(max_examples=200, deadline=None)
@given(st.lists(st.lists(st.sampled_from(WORDS), max_size=12).map(" ".join), max_size=8),
       st.lists(st.booleans(), min_size=8, max_size=8), st.sampled_from(["en", "sr"]))
def test_same_uses_as_searching_every_sentence(texts: list[str], headings: list[bool], lang: str) -> None:
    glossary = load_glossary()
    sentences = _sentences(texts, headings)
    assert first_uses(sentences, lang, glossary) == first_uses_per_sentence(sentences, lang, glossary)


def test_same_uses_on_the_seed_articles() -> None:
    glossary = load_glossary()
    checked = 0
    for path in sorted(SOURCES.glob("*.txt")):
        lines = [line for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
        sentences = _sentences(lines, [len(line) < 60 for line in lines])
        for lang in ("en", "sr"):
            expected = first_uses_per_sentence(sentences, lang, glossary)
            assert first_uses(sentences, lang, glossary) == expected
            checked += len(expected)
    assert checked > 0  # the seeds do use glossary terms
