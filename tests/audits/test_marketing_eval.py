"""Precision and recall per family on labelled sentences of our own writing (English and Serbian)."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from audits.marketing.matching import find_matches
from audits.marketing.rules import load_rules

DATA = Path(__file__).resolve().parent.parent / "data"
FAMILIES = ("cta", "contact", "self-promotion", "puffery", "guarantee", "urgency", "emotional")
FLOOR = 0.85


def evaluate(name: str) -> dict[str, tuple[int, int, int]]:
    """(true positives, false positives, false negatives) per family over one labelled file."""
    rules = load_rules()
    sentences = yaml.safe_load((DATA / name).read_text(encoding="utf-8"))["sentences"]
    counts = {f: [0, 0, 0] for f in FAMILIES}
    for s in sentences:
        predicted = {m.rule.family for m in find_matches(s["text"], rules, s["lang"])}
        allowed = {s["label"], *s.get("also", [])}  # sentences that truly carry a second cue
        for f in FAMILIES:
            if f == s["label"]:
                counts[f][0 if f in predicted else 2] += 1
            elif f in predicted and f not in allowed:
                counts[f][1] += 1
    return {f: (tp, fp, fn) for f, (tp, fp, fn) in counts.items()}


def precision_recall(tp: int, fp: int, fn: int) -> tuple[float, float]:
    """Precision and recall, 1.0 when there is nothing to get wrong."""
    return (tp / (tp + fp) if tp + fp else 1.0, tp / (tp + fn) if tp + fn else 1.0)


def test_labelled_set_is_big_enough_and_bilingual():
    sentences = yaml.safe_load((DATA / "marketing_labelled.yaml").read_text(encoding="utf-8"))["sentences"]
    assert len(sentences) >= 60
    assert {s["lang"] for s in sentences} == {"en", "sr"}
    labels = {s["label"] for s in sentences}
    assert labels == {*FAMILIES, "neutral"}
    serbian = {s["label"] for s in sentences if s["lang"] == "sr"}
    assert serbian == labels  # every family has Serbian sentences too


@pytest.mark.parametrize("family", FAMILIES)
def test_precision_and_recall_per_family(family):
    tp, fp, fn = evaluate("marketing_labelled.yaml")[family]
    precision, recall = precision_recall(tp, fp, fn)
    print(f"{family}: P={precision:.2f} R={recall:.2f} (tp={tp} fp={fp} fn={fn})")
    assert tp >= 5
    assert precision >= FLOOR, f"{family} precision {precision:.2f}"
    assert recall >= FLOOR, f"{family} recall {recall:.2f}"


def test_held_out_sentences_micro_average():
    """Sentences written after tuning and never tuned on: the honest estimate (see docs/marketing.md)."""
    counts = evaluate("marketing_heldout.yaml")
    tp = sum(c[0] for c in counts.values())
    fp = sum(c[1] for c in counts.values())
    fn = sum(c[2] for c in counts.values())
    precision, recall = precision_recall(tp, fp, fn)
    print(f"held-out micro: P={precision:.2f} R={recall:.2f} (tp={tp} fp={fp} fn={fn})")
    assert (tp, fp, fn) == (23, 2, 4)  # measured once (24, 2, 3); one miss added by issue 13, see docs/marketing.md
    assert precision >= FLOOR and recall >= FLOOR


def test_serbian_sentences_written_in_cyrillic_give_the_same_families():
    import cyrtranslit

    rules = load_rules()
    sentences = yaml.safe_load((DATA / "marketing_labelled.yaml").read_text(encoding="utf-8"))["sentences"]
    serbian = [s["text"] for s in sentences if s["lang"] == "sr"]
    assert len(serbian) >= 20
    for latin in serbian:
        cyrillic = cyrtranslit.to_cyrillic(latin, "sr")
        assert cyrillic != latin
        expected = sorted(m.rule.id for m in find_matches(latin, rules, "sr"))
        assert sorted(m.rule.id for m in find_matches(cyrillic, rules, "sr")) == expected, latin
