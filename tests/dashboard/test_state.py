"""Settings in the page address: read back exactly, and any junk is ignored with a note, never a crash."""

from __future__ import annotations

import pytest
from hypothesis import example, given
from hypothesis import strategies as st

from audits.config import AuditConfig
from dashboard.state import PARAMS, Settings, settings_from_dict, settings_from_params, settings_to_dict


def test_defaults_need_no_parameters() -> None:
    assert Settings().to_params() == {}
    assert Settings().config() == AuditConfig()


def test_a_shared_link_reproduces_the_settings() -> None:
    settings = Settings(target_grade=6.0, hard_sentence_margin=3.0, long_sentence_words=25, similarity_threshold=0.4,
                        fast=True, disabled_rules=frozenset({"marketing", "citations.unresolvable"}))
    params = settings.to_params()
    assert params["target"] == "AMA grade 6"
    assert params["off"] == "citations.unresolvable,marketing"
    again, problems = settings_from_params(params)
    assert again == settings and problems == []
    config = again.config()
    assert config.target_grade == 6.0 and config.fast and not config.rule_enabled("marketing.puffery")


def test_bad_values_are_named_and_ignored() -> None:
    settings, problems = settings_from_params({"target": "99", "sim": "2", "long": "many", "hard": "2"})
    assert settings.target_grade == 8.0 and settings.similarity_threshold is None
    assert settings.long_sentence_words == 30 and settings.hard_sentence_margin == 2.0
    assert len(problems) == 3 and any("target=99" in p for p in problems)
    settings, problems = settings_from_params({"hard": "nan", "target": "inf", "long": "-3"})
    assert settings == Settings() and len(problems) == 3


NUMBERISH = st.one_of(st.text(max_size=30), st.floats().map(str), st.integers(-1000, 1000).map(str),
                      st.sampled_from(["nan", "inf", "-inf", "1e309", "auto", "AMA grade 6", "1", "0"]))


@given(st.dictionaries(st.sampled_from([*PARAMS, "source", "x"]), NUMBERISH, max_size=8))
@example({"target": "", "hard": "", "sim": ".1000001"})  # once read back as 0.1
def test_any_address_gives_a_usable_config(params: dict[str, str]) -> None:
    settings, problems = settings_from_params(params)
    config = settings.config()
    assert 0 < config.target_grade <= 20
    assert len(problems) <= len(params)
    assert settings_from_params(settings.to_params())[0] == settings


@pytest.mark.parametrize(("setter", "param", "field", "lookup", "first", "second", "both", "bad"), [
    ("with_language", "lang", "language_overrides", "language_for", ("a-page", "sr"), ("b-page", "hr"),
     "a-page:sr,b-page:hr", "nonsense"),
    ("with_publisher", "pub", "publisher_overrides", "publisher_for", ("nhs-page", "public"), ("clinic", "private"),
     "clinic:private,nhs-page:public", "nhs-page:government"),
])
def test_per_source_settings_travel_in_the_address_and_the_workspace(
        setter: str, param: str, field: str, lookup: str, first: tuple[str, str], second: tuple[str, str], both: str,
        bad: str) -> None:
    """A source's language or publisher, set by the user: in the address, back, in the workspace and in the config;
    cleared with None; a value that is not one is ignored with a note."""
    settings = getattr(getattr(Settings(), setter)(*first), setter)(*second)
    assert settings.to_params() == {param: both}
    back, problems = settings_from_params(settings.to_params())
    assert back == settings and not problems
    assert settings_from_dict(settings_to_dict(settings)) == settings
    assert getattr(settings.config(), lookup)(first[0]) == first[1]
    assert getattr(settings, setter)(first[0], None).to_params() == {param: ":".join(second)}
    ignored, problems = settings_from_params({param: bad})
    assert getattr(ignored, field) == ()
    assert problems == [f"The link's setting {param}={bad} is not valid and was ignored."]
