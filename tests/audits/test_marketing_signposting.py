"""Helpline lists (audits/marketing/signposting.py): whole lines, inside the text, on any input."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from audits.marketing.signposting import in_runs, signposting_runs

PIECES = st.sampled_from([
    "Samaritans – for everyone", "Call 116 123", "Call 0800 58 58 58", "Crisis line: 988",
    "Book a session: 020 7946 0018",
    "Here are some numbers:", "If you feel suicidal, here are some numbers:", "", " ", "Contact us",
    "Therapy sessions take place in a quiet room in the city centre and last fifty minutes each week for most clients.",
])


@settings(max_examples=200, deadline=None)
@given(st.lists(PIECES | st.text(max_size=40), max_size=12))
def test_spans_are_whole_lines_inside_the_text(lines: list[str]) -> None:
    text = "\n".join(lines)
    spans = signposting_runs(text)
    starts = {0} | {i + 1 for i, ch in enumerate(text) if ch == "\n"}
    for a, b in spans:
        assert 0 <= a <= b <= len(text)
        assert a in starts and (b == len(text) or text[b] == "\n")
        assert "book" not in text[a:b].casefold()  # a booking line is never covered
    assert spans == sorted(spans)


def test_a_list_of_two_helplines_is_covered_and_a_paragraph_is_not() -> None:
    text = ("We are a small practice in the centre of town, and we have offered counselling to adults and young "
            "people for many years now.\n\nSamaritans\nCall 116 123\nSuicide prevention line\nCall 0800 068 41 41")
    spans = signposting_runs(text)
    assert in_runs(text.index("0800"), spans) and in_runs(text.index("116 123"), spans)
    assert not in_runs(text.index("small practice"), spans)
