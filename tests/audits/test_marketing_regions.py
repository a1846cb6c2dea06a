"""Promotional regions on small texts of our own writing: opening, closing, inline, and none."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from audits.analyzers.marketing import MarketingAnalyzer
from audits.config import AuditConfig
from audits.marketing.rules import RuleFileError, parse_rule_text
from tests.audits.test_marketing_rules import doc_of

INFO = [
    "Anxiety is a normal response to threat, but it can become a problem when it lasts for months.",
    "Cognitive behavioural therapy teaches people to notice anxious thoughts and test them against evidence.",
    "Most courses of therapy last between eight and twenty sessions, depending on the problem.",
    "Medication can help some people, and many do best with a combination of approaches.",
    "Talking to a general practitioner is a good first step for anyone unsure where to start.",
    "Self-help books based on the same principles help some people with milder symptoms.",
]
AD = [
    "Bright Path Counseling",
    "At Bright Path Counseling, we offer individual therapy for adults and teenagers.",
    "Our experienced therapists will build a plan around you. Book your free consultation today.",
]


def regions_of(paragraphs: list[str]) -> tuple[str, list[dict]]:
    text = "\n\n".join(paragraphs)
    result = MarketingAnalyzer().analyze(doc_of(text), AuditConfig())
    return text, result.section["regions"]


def test_closing_advert_is_one_region_with_its_heading():
    text, regions = regions_of(INFO + AD)
    assert len(regions) == 1
    r = regions[0]
    assert r["label"] == "closing"
    assert text[r["start"]:r["end"]] == "\n\n".join(AD)
    assert text[r["call_to_action"]["start"]:r["call_to_action"]["end"]] == "Book your free consultation"
    assert set(r["families"]) == {"cta", "contact", "self-promotion"}


def test_opening_and_inline_adverts_are_labelled_by_position():
    _, opening = regions_of(AD[1:] + INFO)
    assert [r["label"] for r in opening] == ["opening"]
    _, inline = regions_of(INFO[:3] + AD[1:] + INFO[3:])
    assert [r["label"] for r in inline] == ["inline"]


def test_a_single_cue_or_scattered_cues_make_no_region():
    _, one = regions_of([*INFO[:3], "Our therapists can help with this.", *INFO[3:]])
    assert one == []
    _, scattered = regions_of([INFO[0], "We offer evening sessions.", *INFO[1:4], "Contact us for details.", INFO[4]])
    assert scattered == []


def test_puffery_alone_is_not_an_advertising_block():
    _, regions = regions_of([*INFO, "This groundbreaking, world-class, award-winning method is revolutionary."])
    assert regions == []


@settings(max_examples=80, deadline=None)
@given(st.text(max_size=400))
def test_any_rule_file_text_loads_or_fails_with_a_rule_file_error(text):
    try:
        parse_rule_text(text, "fuzz.yaml")
    except RuleFileError as exc:
        assert str(exc).startswith("fuzz.yaml")


@settings(max_examples=60, deadline=None)
@given(st.dictionaries(
    st.sampled_from(["id", "type", "severity", "weight", "languages", "message", "why", "tokens", "patterns",
                     "examples", "negatable", "unless", "colour"]),
    st.one_of(st.none(), st.booleans(), st.integers(-5, 20), st.text(max_size=12),
              st.lists(st.text(max_size=8), max_size=3), st.dictionaries(st.sampled_from(["flag", "pass"]),
                                                                      st.lists(st.text(max_size=8), max_size=2))),
))
def test_any_rule_mapping_loads_or_fails_naming_the_file(item):
    import yaml

    text = yaml.safe_dump({"rules": [{"id": "marketing.fuzz.rule", **item}]})
    try:
        parse_rule_text(text, "fuzz.yaml")
    except RuleFileError as exc:
        assert str(exc).startswith("fuzz.yaml: rule 1")
