"""Findings speak the page's variety: ijekavian wording on Croatian and Bosnian pages, ekavian on Serbian ones."""

from __future__ import annotations

import re

import pytest

from audits.analyzers.citations import CitationsAnalyzer
from audits.analyzers.marketing import MarketingAnalyzer
from audits.citations.evidence import EvidenceRuleError, all_rules, load_lexicon
from audits.config import AuditConfig
from audits.marketing.rules import RuleFileError, load_rules, parse_rule_text
from audits.model import Source
from audits.prepare import prepare

FAST = AuditConfig(fast=True)
# A paragraph a private practice might publish, in ekavian Serbian and in its ijekavian (Croatian) form.
EKAVIAN = ("Brojna istraživanja pokazuju da psihoterapija menja život. Garantujemo uspeh lečenja. "
           "Ne čekajte, pozovite nas danas i zakažite termin.")
IJEKAVIAN = ("Brojna istraživanja pokazuju da psihoterapija mijenja život. Jamčimo uspjeh liječenja. "
             "Ne čekajte, nazovite nas danas i zakažite termin.")
# Words only the ekavian variety spells so: none may reach an editor of a Croatian or Bosnian page.
EKAVIAN_ONLY = re.compile(r"\b(čitala?c\w*|čitaoc\w*|čitaočev\w*|proveri\w*|reč\b|reči\b|uspeh\w*|leč\w*|umesto|"
                          r"delo\b|deluj\w*|delova\w*|oseć\w*|gde\b|zamen\w*|premest\w*|proceni\b|rešenj\w*|"
                          r"potiče|doživel\w*|uslove)", re.IGNORECASE)


def _findings(text: str, language: str) -> list:
    doc = prepare(Source(id="t", title="t", origin="pasted text", kind="text", text=text), language)
    return (MarketingAnalyzer().analyze(doc, FAST).findings + CitationsAnalyzer().analyze(doc, FAST).findings)


@pytest.mark.parametrize("language", ["hr", "bs"])
def test_a_croatian_or_bosnian_page_reads_ijekavian_messages(language: str) -> None:
    findings = [f for f in _findings(IJEKAVIAN, language) if f.rule.endswith(("-sr", "-hr")) or
                f.rule.startswith("citations.unsupported")]
    assert {f.rule.split(".")[1] for f in findings} >= {"guarantee", "urgency"}
    assert any(f.rule == "citations.unsupported-evidence-claim" for f in findings)
    for f in findings:
        said = f"{f.message} {f.suggestion or ''}"
        assert not EKAVIAN_ONLY.search(said), f"{f.rule} speaks ekavian on a {language} page: {said}"
    appeal = next(f for f in findings if f.rule == "citations.unsupported-evidence-claim")
    assert "čitatelj ne može provjeriti" in appeal.message


def test_a_serbian_page_keeps_the_ekavian_messages() -> None:
    findings = _findings(EKAVIAN, "sr")
    appeal = next(f for f in findings if f.rule == "citations.unsupported-evidence-claim")
    assert "čitalac ne može da je proveri" in appeal.message
    guarantee = next(f for f in findings if f.rule.startswith("marketing.guarantee"))
    assert "lečenja" in guarantee.message or "ne deluje" in (guarantee.suggestion or "")


def test_every_rule_that_runs_on_croatian_pages_has_an_ijekavian_wording_where_it_needs_one() -> None:
    """A new Serbian rule worded in ekavian must say how a Croatian or Bosnian page reads it."""
    marketing = [(r.id, r.wording("hr")) for r in load_rules() if r.applies_to("hr") and r.family != "context"]
    evidence = [(r.id, r.wording("hr")) for r in all_rules() if r.applies_to("hr") and r.kind not in
                ("source", "back-reference", "hedge")]
    assert len(marketing) > 20 and len(evidence) >= 4
    for rule_id, wording in marketing + evidence:
        said = f"{wording.message} {wording.suggestion or ''}"
        assert not EKAVIAN_ONLY.search(said), f"{rule_id}: no ijekavian wording for '{EKAVIAN_ONLY.search(said)[0]}'"


BAD = """rules:
  - id: marketing.cta.x-sr
    family: cta
    type: regex
    languages: [sr]
    message: "Poziv."
    why: "w"
    patterns: ["pozovite"]
    ijekavian: {poruka: "Poziv."}
    examples: {flag: ["pozovite nas"], pass: ["nas"]}
"""


def test_a_wrong_ijekavian_field_is_refused_with_its_place(tmp_path) -> None:
    with pytest.raises(RuleFileError, match=r"custom\.yaml: rule 1.*'ijekavian'"):
        parse_rule_text(BAD, "custom.yaml")
    lexicon = tmp_path / "evidence_custom.yaml"
    lexicon.write_text("rules:\n  - id: citations.x\n    kind: appeal\n    message: m\n    patterns: ['a']\n"
                       "    ijekavian: just a string\n", encoding="utf-8")
    with pytest.raises(EvidenceRuleError, match=r"evidence_custom\.yaml: rule 1: field 'ijekavian'"):
        load_lexicon(str(lexicon))
