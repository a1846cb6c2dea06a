"""Diff of two audits: scores up/down, findings new/resolved/unchanged, claims added/dropped."""

from __future__ import annotations

import copy
import json

from hypothesis import given, settings
from hypothesis import strategies as st

from audits.diff import diff_reports
from tests.conftest import CLINIC, SEED_IDS


def _finding(rule: str, excerpt: str, severity: str = "warning") -> dict:
    return {"rule": rule, "category": rule.split(".")[0], "severity": severity, "message": f"msg {rule}",
            "start": 0, "end": len(excerpt), "excerpt": excerpt}


def _report(findings: list[dict], scores: dict, claims: list[str], content_hash: str = "a") -> dict:
    return {
        "generated_at": "2026-11-01T10:00:00+00:00",
        "sources": [{"id": "draft", "title": "Draft <b>", "content_hash": content_hash, "scores": scores,
                     "findings": findings}],
        "claims": {"clusters": [{"id": f"c{i}", "members": [{"source": "draft", "text": t}]}
                                for i, t in enumerate(claims)]},
    }


def test_labelled_revision() -> None:
    old = _report(
        [_finding("marketing.call-to-action", "Call us today"), _finding("marketing.guarantee", "guaranteed results"),
         _finding("readability.hard-sentence", "A  long\nsentence.")],
        {"readability": 40.0, "marketing": 60.0, "citations": 50.0, "claim_overlap": 20.0},
        ["Therapy changes the brain.", "CBT works for anxiety."],
    )
    new = _report(
        [_finding("readability.hard-sentence", "A long sentence."),  # same text, whitespace differs
         _finding("citations.unsupported-evidence-claim", "Studies show")],
        {"readability": 55.0, "marketing": 20.0, "citations": 45.0, "claim_overlap": 20.2},
        ["CBT works for anxiety.", "Sleep matters."],
        content_hash="b",
    )
    d = diff_reports(old, new)
    assert d.counts() == {"new": 1, "resolved": 2, "unchanged": 1, "claims_added": 1, "claims_dropped": 1,
                          "scores_better": 2, "scores_worse": 1}
    assert {f.rule for f in d.findings_with("resolved")} == {"marketing.call-to-action", "marketing.guarantee"}
    assert [f.rule for f in d.findings_with("new")] == ["citations.unsupported-evidence-claim"]
    by_score = {s.score: s for s in d.scores}
    assert by_score["readability"].verdict == "better" and by_score["readability"].delta == 15.0
    assert by_score["marketing"].direction == "down" and by_score["marketing"].verdict == "better"
    assert by_score["citations"].verdict == "worse"
    assert by_score["claim_overlap"].direction == "same"
    assert [c.text for c in d.claims_with("added")] == ["Sleep matters."]
    assert [c.text for c in d.claims_with("dropped")] == ["Therapy changes the brain."]
    assert d.sources_changed == ("draft",)
    md = d.to_markdown()
    assert "1 new, 2 resolved, 1 unchanged" in md
    assert "Draft \\<b\\>" in md and "<b>" not in md
    assert json.loads(json.dumps(d.to_dict()))["counts"]["resolved"] == 2


def test_repeated_phrase_counts_as_multiset() -> None:
    scores = {"readability": 50.0, "marketing": 50.0, "citations": 50.0, "claim_overlap": 0.0}
    old = _report([_finding("marketing.call-to-action", "Book now")] * 2, scores, [])
    new = _report([_finding("marketing.call-to-action", "Book now")], scores, [])
    d = diff_reports(old, new)
    assert d.counts()["unchanged"] == 1 and d.counts()["resolved"] == 1


def test_sources_added_and_removed() -> None:
    scores = {"readability": 50.0, "marketing": 50.0, "citations": 50.0, "claim_overlap": 0.0}
    old = _report([], scores, [])
    new = copy.deepcopy(old)
    new["sources"][0]["id"] = "other"
    d = diff_reports(old, new)
    assert d.sources_added == ("other",) and d.sources_removed == ("draft",) and d.scores == ()


def test_seed_report_against_itself_changes_nothing(seed_report) -> None:
    d = diff_reports(seed_report, seed_report.to_dict())
    n = d.counts()
    assert n["new"] == n["resolved"] == n["claims_added"] == n["claims_dropped"] == 0
    assert n["unchanged"] == sum(len(s.findings) for s in seed_report.sources)
    assert {s.source for s in d.scores} == set(SEED_IDS)
    assert all(s.verdict == "unchanged" for s in d.scores)
    clinic_marketing = next(s for s in d.scores if s.source == CLINIC and s.score == "marketing")
    assert clinic_marketing.old == seed_report.source(CLINIC).score("marketing")


_rules = st.sampled_from(["marketing.cta", "readability.hard-sentence", "citations.missing-reference"])
_excerpts = st.text(alphabet="ab čć \n", max_size=8)
_findings = st.lists(st.builds(_finding, _rules, _excerpts), max_size=12)
_scores = st.fixed_dictionaries({k: st.one_of(st.none(), st.floats(0, 100)) for k in
                                 ("readability", "marketing", "citations", "claim_overlap")})


@settings(max_examples=150, deadline=None)
@given(_findings, _findings, _scores, _scores, st.lists(st.text(max_size=10), max_size=5),
       st.lists(st.text(max_size=10), max_size=5))
def test_diff_accounts_for_every_finding(old_f, new_f, old_s, new_s, old_c, new_c) -> None:
    d = diff_reports(_report(old_f, old_s, old_c), _report(new_f, new_s, new_c))
    n = d.counts()
    assert n["new"] + n["unchanged"] == len(new_f)
    assert n["resolved"] + n["unchanged"] == len(old_f)
    assert all(s.verdict in ("better", "worse", "unchanged", "changed") for s in d.scores)
    d.to_markdown()
    json.dumps(d.to_dict())
    same = diff_reports(_report(new_f, new_s, new_c), _report(new_f, new_s, new_c)).counts()
    assert same["new"] == same["resolved"] == same["claims_added"] == same["claims_dropped"] == 0
