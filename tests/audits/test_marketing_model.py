"""The learned layer: shipped weights, calibrated output, explanations, gating by mode and by its CV result."""

from __future__ import annotations

import json

import pytest

from audits.analyzers.citations import CitationsAnalyzer
from audits.analyzers.marketing import MarketingAnalyzer
from audits.config import AuditConfig
from audits.evaluation.score import family_of
from audits.marketing import model
from tests.audits.test_marketing_rules import doc_of

PITCH = ("Ready to finally feel like yourself again? Book your free consultation with our caring team today. "
         "Our remarkably powerful method works fast.")


def test_weights_are_small_files_with_their_provenance() -> None:
    assert model.WEIGHTS.stat().st_size < 500_000
    meta = json.loads(model.META.read_text(encoding="utf-8"))
    assert "test split never read" in meta["training"]["source"]
    assert meta["rebuild"].startswith("python -m audits.marketing.train")
    assert set(meta["enabled"]) == {"promotion", "evidence"}
    for family, m in meta["families"].items():
        assert family in model.PROMOTION + model.EVIDENCE
        assert 0.0 < m["threshold"] < 1.0 and m["positives"] >= 5 and m["examples"]


def test_every_model_rule_id_maps_to_its_label_family() -> None:
    for family in model.PROMOTION:
        assert family_of(f"marketing.model.{family}") == family
    for family in model.EVIDENCE:
        assert family_of(f"citations.model.{family}") == family


def test_calibrated_probabilities_rank_a_call_to_action_above_a_neutral_sentence() -> None:
    models = model.load_models()
    cta = models["cta"]
    from audits.embeddings import embed_e5

    vecs = embed_e5(["Book your free consultation with us today.", "Anxiety is a natural response to danger."])
    high, low = cta.probabilities(vecs)
    assert 0.0 <= low < high <= 1.0
    assert cta.closest(vecs[0]) in cta.texts


def test_predictions_explain_themselves() -> None:
    models = {"cta": model.load_models()["cta"]}
    # threshold 0: every classifiable sentence comes back, with its probability and closest example
    lowered = {"cta": model.FamilyModel(**{**models["cta"].__dict__, "threshold": 0.0})}
    preds = model.predict(["Book your free consultation with us today.", "Ok."], ("cta",), lowered)
    assert [p.index for p in preds] == [0]  # "Ok." is too short to classify
    (p,) = preds
    assert p.family == "cta" and p.severity == "warning"
    text = p.message()
    assert "call to action" in text and "confidence" in text and p.closest in text


@pytest.mark.parametrize("analyzer", [MarketingAnalyzer(), CitationsAnalyzer()], ids=["marketing", "citations"])
def test_fast_mode_never_runs_the_model(analyzer, monkeypatch) -> None:
    monkeypatch.setattr(model, "enabled", lambda group: True)
    result = analyzer.analyze(doc_of(PITCH), AuditConfig(fast=True))
    assert not [f for f in result.findings if ".model." in f.rule]


def test_enabled_model_adds_findings_with_the_same_contract(monkeypatch) -> None:
    monkeypatch.setattr(model, "enabled", lambda group: True)
    lowered = {f: model.FamilyModel(**{**m.__dict__, "threshold": 0.0}) for f, m in model.load_models().items()}
    monkeypatch.setattr(model, "load_models", lambda: lowered)
    doc = doc_of(PITCH)
    result = MarketingAnalyzer().analyze(doc, AuditConfig())
    learned = [f for f in result.findings if f.rule.startswith("marketing.model.")]
    assert learned, "a threshold of 0 must let the model report"
    for f in learned:
        assert doc.text[f.start:f.end] == f.excerpt and "closest labelled example" in f.message
        assert f.suggestion and f.severity.value in ("error", "warning", "info")
    switched_off = AuditConfig(disabled_rules=frozenset({"marketing.model"}))
    assert not [f for f in MarketingAnalyzer().analyze(doc, switched_off).findings if ".model." in f.rule]


def test_crisis_lines_are_never_a_model_call_to_action() -> None:
    assert model.is_crisis("If you are in crisis, call 116 123 any time.")
    assert model.is_crisis("Pokličite Zaupni telefon Samarijan.")
    assert not model.is_crisis("Call us today to book your session.")
