"""The fix-first ranking on the seed corpus plus a clinic page with a money-back promise."""

from __future__ import annotations

from pathlib import Path

import pytest

from audits.config import AuditConfig
from audits.engine import run_audit
from audits.ingest import ingest_text
from audits.model import Severity
from audits.triage import fix_first, most_to_fix, summary, tier_of, triage
from tests.conftest import BLOG, CLINIC, EDITORIAL

CLINIC_PAGE = Path(__file__).resolve().parents[1] / "data" / "clinic_money_back.txt"
UPLOAD_ID = "anxiety-treatment-at-calm-harbor-clinic"


@pytest.fixture(scope="module")
def with_upload(seed_sources):
    """The seed corpus plus the clinic page with a money-back guarantee (fast claim matching)."""
    page = ingest_text("Anxiety Treatment at Calm Harbor Clinic", CLINIC_PAGE.read_text(encoding="utf-8"),
                       AuditConfig())
    return run_audit([*seed_sources.values(), page], AuditConfig(fast=True))


def test_the_money_back_promise_is_an_error_and_comes_first(with_upload) -> None:
    page = with_upload.source(UPLOAD_ID)
    first = fix_first(page)[0]
    assert first.severity is Severity.ERROR
    assert first.rule == "marketing.guarantee.guarantees"
    assert "money-back guarantee" in first.findings[0].excerpt.lower()
    assert summary(page).startswith("1 must-fix error")


def test_most_to_fix_names_the_clinic_page_not_the_long_editorial(with_upload) -> None:
    # The editorial has more warnings (its very hard sentences), but no promise a reader could be harmed by.
    editorial, page = with_upload.source(EDITORIAL), with_upload.source(UPLOAD_ID)
    assert editorial.severity_counts()["warning"] > page.severity_counts()["warning"]
    assert most_to_fix(with_upload.sources).id == UPLOAD_ID


def test_on_the_seeds_alone_the_blog_with_over_claims_is_most_to_fix(with_upload) -> None:
    seeds = [s for s in with_upload.sources if s.id != UPLOAD_ID]
    assert most_to_fix(seeds).id == BLOG
    assert fix_first(with_upload.source(BLOG))[0].tier_name == "safety"


def test_repetitive_findings_are_one_item_ranked_by_grade(with_upload) -> None:
    clinic = with_upload.source(CLINIC)
    items = triage(clinic)
    hard = next(i for i in items if i.rule == "readability.very-hard-sentence")
    raw = [f for f in clinic.findings if f.rule == "readability.very-hard-sentence"]
    assert hard.count == len(raw) > 10
    assert hard.title == f"{len(raw)} sentences far above the target grade"
    grades = [g for g in hard.grades if g is not None]
    assert grades == sorted(grades, reverse=True) and len(grades) == hard.count
    # every finding appears in exactly one item
    assert sorted(f.start for i in items for f in i.findings) == sorted(f.start for f in clinic.findings)
    # one rule, one item
    assert len({i.rule for i in items}) == len(items)


def test_readability_comes_after_trust_and_promotion(with_upload) -> None:
    for s in with_upload.sources:
        tiers = [i.tier for i in fix_first(s) if i.severity is not Severity.ERROR]
        assert tiers == sorted(tiers), s.id


def test_tiers_of_known_rules() -> None:
    assert tier_of("marketing.guarantee.guarantees") == 0
    assert tier_of("marketing.guarantee.refund") == 0
    assert tier_of("citations.unsupported-health-claim") == 1
    assert tier_of("marketing.guarantee.over-claims") == 1
    assert tier_of("citations.missing-reference") == 2
    assert tier_of("marketing.cta.contact") == 3
    assert tier_of("readability.long-sentence") == 4
    assert tier_of("ingest.empty") == 5


def test_a_message_with_braces_never_breaks_the_grouping() -> None:
    from audits.model import Finding, Severity
    from audits.triage import _item

    fs = [Finding("marketing.puffery.hype", "marketing", Severity.INFO, "Praise: “{best}” {0}", i, i + 3, "abc")
          for i in (0, 10)]
    assert _item("marketing.puffery.hype", fs, ()).title.startswith("2 × Praise: “{best}”")


def test_learned_findings_are_grouped_under_their_family_not_the_first_message(seed_sources) -> None:
    """Each learned finding's message carries its own confidence and closest example; a group of them is
    named by what they are, so the heading does not repeat one finding's confidence as everyone's.
    The findings are the model's own (its message and severity) on sentences of the pop-science blog, so the
    test holds whatever the shipped weights add on the demo pages."""
    from audits.marketing.model import Prediction
    from audits.model import Finding, Severity
    from audits.triage import _item

    doc = run_audit([seed_sources[BLOG]], AuditConfig(fast=True)).sources[0].document
    findings = []
    for index, probability in ((2, 0.83), (5, 0.41), (9, 0.66)):
        sentence = doc.sentences[index]
        p = Prediction("overclaim", index, probability, "Therapy rewires your brain for good.")
        findings.append(Finding("citations.model.overclaim", "citations", Severity(p.severity), p.message(),
                                sentence.start, sentence.end, doc.text[sentence.start:sentence.end]))
    item = _item("citations.model.overclaim", findings, ())
    assert item.title.startswith("3 sentences the learned model reads as ")
    assert "confidence" not in item.title
    assert all("confidence" in f.message for f in item.findings)
    assert {f.severity for f in item.findings} == {Severity.ERROR, Severity.WARNING}  # milder below 0.5
