"""Marketing rules as data: every rule's examples, validation errors, custom files, switches and weights."""

from __future__ import annotations

from pathlib import Path

import pytest

from audits.analyzers.marketing import CLOSING_BOOST, MarketingAnalyzer
from audits.config import AuditConfig, load_config
from audits.marketing.matching import find_matches
from audits.marketing.rules import RuleFileError, builtin_rule_files, load_rules, parse_rule_text, rule_catalog
from audits.model import Source
from audits.prepare import prepare

RULES = load_rules()
FAMILIES = {"cta", "contact", "self-promotion", "puffery", "guarantee", "urgency", "emotional"}


def _lang(rule) -> str:
    return "en" if "any" in rule.languages or "en" in rule.languages else sorted(rule.languages)[0]


def doc_of(text: str, language: str = "en"):
    """A prepared document from a string, language fixed."""
    return prepare(Source(id="t", title="t", origin="pasted text", kind="text", text=text), language)


def test_every_family_has_rules_and_serbian_covers_calls_to_action_and_contacts():
    families = {r.family for r in RULES}
    assert families == set(FAMILIES) | {"context"}  # context: page signals (public service, charity)
    for language in ("sr", "sl"):
        assert {"cta", "contact", "guarantee", "puffery", "self-promotion"} <= {
            r.family for r in RULES if r.applies_to(language) or "any" in r.languages}
    assert len(builtin_rule_files()) == len(FAMILIES) + 1


@pytest.mark.parametrize("rule", RULES, ids=lambda r: r.id)
def test_rule_flags_its_must_flag_examples(rule):
    assert rule.examples.flag, f"{rule.id} has no must-flag example"
    for text in rule.examples.flag:
        hits = [text[m.start:m.end] for m in find_matches(text, [rule], _lang(rule))]
        assert hits, f"{rule.id} missed its example: {text!r}"


@pytest.mark.parametrize("rule", RULES, ids=lambda r: r.id)
def test_rule_leaves_its_must_pass_examples_alone(rule):
    assert rule.examples.pass_, f"{rule.id} has no must-not-flag example"
    for text in rule.examples.pass_:
        hits = [text[m.start:m.end] for m in find_matches(text, [rule], _lang(rule))]
        assert hits == [], f"{rule.id} wrongly flagged {hits} in {text!r}"


GOOD_RULE = """
rules:
  - id: marketing.house.banned-claim
    type: lexicon
    severity: error
    weight: 4
    message: "Our house style bans this claim."
    why: "House rule 12."
    tokens: [instant calm]
    examples: {flag: ["Feel instant calm."], pass: ["Calm comes slowly."]}
"""


@pytest.mark.parametrize(
    ("broken", "field"),
    [
        (GOOD_RULE.replace("    examples: {flag: [\"Feel instant calm.\"], pass: [\"Calm comes slowly.\"]}\n", ""),
         "'examples'"),
        (GOOD_RULE.replace("pass: [\"Calm comes slowly.\"]", "pass: []"), "'examples'"),
        (GOOD_RULE.replace("severity: error", "severity: loud"), "'severity'"),
        (GOOD_RULE.replace("weight: 4", "weight: heavy"), "'weight'"),
        (GOOD_RULE.replace("type: lexicon", "type: fuzzy"), "'type'"),
        (GOOD_RULE.replace("    why: \"House rule 12.\"\n", ""), "'why'"),
        (GOOD_RULE.replace("marketing.house.banned-claim", "marketing.Banned Claim"), "'id'"),
        (GOOD_RULE.replace("type: lexicon", "type: regex").replace("tokens: [instant calm]", "patterns: ['(unclosed']"),
         "'patterns'"),
        (GOOD_RULE.replace("    tokens: [instant calm]\n", ""), "'tokens'"),
        (GOOD_RULE.replace("weight: 4", "weight: 4\n    colour: red"), "'colour'"),
        (GOOD_RULE + GOOD_RULE.replace("rules:\n", ""), "'id'"),
        ("rules: nothing", "'rules'"),
        ("rules: [unclosed", "not valid YAML"),
    ],
)
def test_bad_rule_file_names_file_and_field(tmp_path, broken, field):
    path = tmp_path / "house-rules.yaml"
    path.write_text(broken, encoding="utf-8")
    config = AuditConfig(rule_files=(str(path),))
    with pytest.raises(RuleFileError) as err:
        load_rules(config.rule_files)
    assert str(path) in str(err.value)
    assert field in str(err.value)


def test_missing_rule_file_is_a_clear_error(tmp_path):
    with pytest.raises(RuleFileError, match="cannot read rule file"):
        load_rules([tmp_path / "nope.yaml"])


def test_bad_rule_file_becomes_an_error_finding_not_a_crash(tmp_path, seed_sources):
    from audits.engine import run_audit

    path = tmp_path / "bad.yaml"
    path.write_text(GOOD_RULE.replace("severity: error", "severity: loud"), encoding="utf-8")
    report = run_audit([seed_sources["la-clinic-how-psychotherapy-works"]], AuditConfig(rule_files=(str(path),)))
    failed = [f for f in report.sources[0].findings if f.rule == "marketing.failed"]
    assert len(failed) == 1 and "bad.yaml" in failed[0].message and "'severity'" in failed[0].message


def test_custom_rule_file_from_config_is_merged_and_resolved_relative_to_config(tmp_path):
    rules_dir = tmp_path / "house"
    rules_dir.mkdir()
    (rules_dir / "banned.yaml").write_text(GOOD_RULE, encoding="utf-8")
    cfg_path = tmp_path / "audit.toml"
    cfg_path.write_text('[audit]\nrule_files = ["house/banned.yaml"]\n', encoding="utf-8")
    config = load_config(cfg_path)
    result = MarketingAnalyzer().analyze(doc_of("Try our app for instant calm. Contact us today."), config)
    rules = [f.rule for f in result.findings]
    assert "marketing.house.banned-claim" in rules  # the custom rule
    assert "marketing.cta.contact" in rules  # built-in rules still run
    custom = next(f for f in result.findings if f.rule == "marketing.house.banned-claim")
    assert custom.severity.value == "error" and custom.excerpt == "instant calm"


def test_custom_rule_with_builtin_id_replaces_it(tmp_path):
    path = tmp_path / "override.yaml"
    path.write_text(GOOD_RULE.replace("marketing.house.banned-claim", "marketing.cta.contact"), encoding="utf-8")
    rules = {r.id: r for r in load_rules([path])}
    assert rules["marketing.cta.contact"].message == "Our house style bans this claim."
    assert len(rules) == len(RULES)


HOUSE_RULES = """
defaults:
  severity: warning
  why: "House style."
  unless: ["crisis", "helplines?"]
rules:
  - id: marketing.cta.replaces
    type: regex
    message: "An invitation."
    patterns: ["call us"]
    unless: ["refunds?"]
    examples: {flag: ["Call us today."], pass: ["Call us about refunds."]}
  - id: marketing.cta.adds
    type: regex
    message: "An invitation."
    patterns: ["call us"]
    unless_also: ["refunds?"]
    examples: {flag: ["Call us today."], pass: ["Call us about refunds."]}
"""


def test_unless_replaces_the_files_cancelling_words_and_unless_also_adds_to_them():
    rules = {r.id: r for r in parse_rule_text(HOUSE_RULES, "house.yaml")}
    crisis = "If you are in crisis, call us on the helpline."
    refund = "Call us about refunds."

    def flags(rule_id: str, text: str) -> bool:
        return bool(find_matches(text, [rules[rule_id]], "en"))

    assert flags("marketing.cta.replaces", crisis) and not flags("marketing.cta.replaces", refund)
    assert not flags("marketing.cta.adds", crisis) and not flags("marketing.cta.adds", refund)
    assert flags("marketing.cta.adds", "Call us today to book.")


def test_other_analyzers_rules_in_a_shared_file_are_left_to_them():
    text = GOOD_RULE + """  - id: citations.house.no-wikipedia
    whatever: the citations analyzer reads this one
"""
    assert [r.id for r in parse_rule_text(text, "shared.yaml")] == ["marketing.house.banned-claim"]


CLINIC_TAIL = (
    "Therapy helps many people with anxiety.\n\n"
    "At the Harbor Counseling Center, we listen. Our experienced therapists offer a free consultation. "
    "Contact us today or call (310) 555-0142."
)


def test_disabled_rule_and_family_are_skipped_and_not_scored():
    analyzer = MarketingAnalyzer()
    full = analyzer.analyze(doc_of(CLINIC_TAIL), AuditConfig())
    assert {"marketing.cta.contact", "marketing.contact.phone", "marketing.contact.free-offer"} <= {
        f.rule for f in full.findings}
    no_rule = analyzer.analyze(doc_of(CLINIC_TAIL), AuditConfig(disabled_rules=frozenset({"marketing.cta.contact"})))
    assert "marketing.cta.contact" not in {f.rule for f in no_rule.findings}
    no_family = analyzer.analyze(doc_of(CLINIC_TAIL), AuditConfig(disabled_rules=frozenset({"marketing.contact"})))
    assert not [f for f in no_family.findings if f.rule.startswith("marketing.contact.")]

    def density(result) -> float:
        return next(m.value for m in result.metrics if m.name == "marketing.weighted_density")

    assert density(no_family) < density(full)


def test_weights_by_rule_and_family_change_the_density():
    analyzer = MarketingAnalyzer()

    def density(config: AuditConfig) -> float:
        result = analyzer.analyze(doc_of(CLINIC_TAIL), config)
        return next(m.value for m in result.metrics if m.name == "marketing.weighted_density")

    base = density(AuditConfig())
    # the whole tail is a closing call-to-action region, where every cue weighs CLOSING_BOOST times more
    assert density(AuditConfig(rule_weights=(("marketing.cta.contact", 0.0),))) == pytest.approx(
        base - 3.0 * CLOSING_BOOST)
    # a family weight applies to every rule of the family; a rule weight beats it
    both = AuditConfig(rule_weights=(("marketing.contact", 0.0), ("marketing.contact.phone", 3.0)))
    assert density(both) == pytest.approx(base - 3.0 * CLOSING_BOOST)  # only free-offer (3) lost


def test_catalog_lists_every_rule_with_its_state():
    config = AuditConfig(disabled_rules=frozenset({"marketing.puffery"}),
                         rule_weights=(("marketing.cta.booking", 5.0),))
    catalog = {row["id"]: row for row in rule_catalog(config)}
    assert set(catalog) == {r.id for r in RULES}
    assert catalog["marketing.puffery.superlatives"]["enabled"] is False
    assert catalog["marketing.cta.booking"]["weight"] == 5.0
    assert catalog["marketing.cta.booking"]["default_weight"] == 3.0


def test_builtin_rule_files_live_next_to_the_code():
    for path in builtin_rule_files():
        assert Path(path).name.startswith("marketing-") and Path(path).suffix == ".yaml"


def test_a_fallback_rule_speaks_only_where_no_specific_rule_of_its_family_matched():
    """The broad imperative call-to-action rule yields to a specific one in the same sentence, and otherwise
    reports the whole invitation (session 21)."""
    text = ("Explore our programs for teens and young adults, built around small groups. "
            "Contact us today to book a visit.")
    found = {(m.rule.id, text[m.start:m.end]) for m in find_matches(text, RULES, "en")}
    assert ("marketing.cta.imperative",
            "Explore our programs for teens and young adults, built around small groups") in found
    ids_second = {rule for rule, span in found if "Contact" in span or "book" in span}
    assert "marketing.cta.contact" in ids_second and "marketing.cta.imperative" not in ids_second
    broad = next(r for r in RULES if r.id == "marketing.cta.imperative")
    assert broad.fallback and not next(r for r in RULES if r.id == "marketing.cta.contact").fallback


def test_fallback_must_be_true_or_false():
    text = """
rules:
  - id: marketing.house.broad
    type: lexicon
    fallback: sometimes
    message: m
    why: w
    tokens: [quick fix]
    examples: {flag: ["a quick fix"], pass: ["slow"]}
"""
    with pytest.raises(RuleFileError, match="fallback"):
        parse_rule_text(text, "house.yaml")
