"""Phone numbers matched line by line are those libphonenumber finds in the whole text."""

from __future__ import annotations

from pathlib import Path

import phonenumbers
from hypothesis import given, settings
from hypothesis import strategies as st

from audits.marketing.matching import PHONE_REGIONS, find_matches, phone_lines
from audits.marketing.rules import load_rules

ROOT = Path(__file__).resolve().parents[2]
NUMBERS = ["(212) 555-0187", "020 7946 0018", "+381 11 123 4567", "011/3234-567", "+385 1 4567 890",
           "033 123 456", "+386 1 234 56 78", "800-273-8255", "0800 1111", "2019;176(9):1234-1245",
           "10.1037/0003-066X.59.1.1", "pp. 123-145", "12:30", "1/2/2020", "+44 20 7946 0958 ext. 12"]
GLUE = [" ", "\n", "\n\n", "tel. ", "Call ", "abc", ":", "x", "-", ". ", "\t", "(", ")", "/", "9", "—"]


def _whole_text(text: str) -> list[tuple[int, int]]:
    """The previous implementation: every region's matcher over the whole text."""
    found = []
    for region in PHONE_REGIONS:
        found += [(m.start, m.end) for m in
                  phonenumbers.PhoneNumberMatcher(text, region, leniency=phonenumbers.Leniency.VALID)]
    return found


def _by_lines(text: str) -> list[tuple[int, int]]:
    found = []
    for region in PHONE_REGIONS:
        for offset, line in phone_lines(text):
            found += [(offset + m.start, offset + m.end) for m in
                      phonenumbers.PhoneNumberMatcher(line, region, leniency=phonenumbers.Leniency.VALID)]
    return found


@settings(max_examples=200, deadline=None)
@given(st.lists(st.one_of(st.sampled_from(NUMBERS), st.sampled_from(GLUE)), min_size=1, max_size=14))
def test_numbers_in_any_context_are_found_as_in_the_whole_text(pieces: list[str]) -> None:
    text = "".join(pieces)
    assert _by_lines(text) == _whole_text(text)


def test_seed_and_eval_pages_give_the_same_numbers() -> None:
    paths = [*sorted((ROOT / "sources").glob("*.txt")), *sorted((ROOT / "eval" / "extra" / "pages").glob("*.txt"))]
    found = 0
    for path in paths:
        text = path.read_text(encoding="utf-8")
        expected = _whole_text(text)
        assert _by_lines(text) == expected, path.name
        found += len(expected)
    assert found > 0  # the pages do hold phone numbers


def test_a_page_lists_its_contact_numbers() -> None:
    text = "Book a session today.\n\nCall us on 020 7946 0018 or (212) 555-0187.\nSee Smith (2019), pp. 123-145.\n"
    rules = [r for r in load_rules() if r.type == "phone"]
    spans = [text[m.start:m.end] for m in find_matches(text, rules, "en")]
    assert spans == ["020 7946 0018", "(212) 555-0187"]
