"""Readability: standard formulas in the source's language, and the sentences to fix.

Guidance: NIH and CDC recommend patient information at grade 6-8, the AMA grade 6.
English uses textstat's formulas; languages without calibrated formulas
(Serbian, Croatian, Bosnian) get only language-independent measures (LIX, RIX).
"""

from __future__ import annotations

import statistics
from functools import cache

from textstat.textstat import textstatistics

from audits.analyzers.base import clamp, make_finding
from audits.config import AuditConfig
from audits.model import AnalysisResult, Document, Metric, Score, Severity
from audits.prepare.sentences import count_words

ENGLISH_GRADE_FORMULAS = {
    "flesch_kincaid_grade": "Flesch-Kincaid grade",
    "smog_index": "SMOG",
    "gunning_fog": "Gunning Fog",
    "coleman_liau_index": "Coleman-Liau",
    "automated_readability_index": "ARI",
}


@cache
def _stats(lang: str) -> textstatistics:
    # One textstat instance per language: set_lang is instance state, never shared across languages.
    ts = textstatistics()
    ts.set_lang(lang)
    ts.set_rounding_points(None)
    return ts


def lix(words: int, sentences: int, long_words: int) -> float:
    """LIX = words/sentences + 100 * long words (over 6 letters)/words."""
    return words / max(sentences, 1) + 100.0 * long_words / max(words, 1)


def lix_to_grade(value: float) -> float:
    """Approximate school grade for a LIX value (Anderson 1983: grade ~ (LIX - 10) / 3)."""
    return max(0.0, (value - 10.0) / 3.0)


def grade_to_score(grade: float, target: float) -> float:
    """0-100: 100 at or below the target grade, minus 10 points per grade above it."""
    return clamp(100.0 - 10.0 * max(0.0, grade - target))


class ReadabilityAnalyzer:
    """Formulas per document and a grade per sentence against the target."""

    id = "readability"
    description = "Reading grade by standard formulas, hard sentences, against a plain-language target."
    scope = "document"

    def analyze(self, doc: Document, config: AuditConfig) -> AnalysisResult:
        """Metrics, sentence findings and the 0-100 readability score for one document."""
        text = doc.text
        words = doc.word_count
        sentences = max(len(doc.sentences), 1)
        tokens = [w for s in doc.sentence_texts() for w in s.split()]
        long_words = sum(1 for w in tokens if len(w.strip(".,;:!?\"'()[]„“”’")) > 6)
        lix_value = lix(words, sentences, long_words)
        metrics = [
            Metric("readability.words_per_sentence", words / sentences, "Words per sentence"),
            Metric("readability.lix", lix_value, "LIX"),
            Metric("readability.long_word_share", long_words / max(words, 1), "Share of long words"),
        ]
        formulas: dict[str, float] = {}
        if doc.language.code == "en":
            ts = _stats("en")
            for fn, label in ENGLISH_GRADE_FORMULAS.items():
                formulas[label] = float(getattr(ts, fn)(text))
            metrics.append(Metric("readability.flesch_reading_ease", float(ts.flesch_reading_ease(text)),
                                  "Flesch Reading Ease"))
            grade = statistics.median(formulas.values())
            method = "median of English grade formulas (textstat)"
        else:
            grade = lix_to_grade(lix_value)
            method = (f"No readability formula is calibrated for {doc.language.name}: "
                      "grade estimated from LIX, which does not depend on the language.")
        for label, value in formulas.items():
            metrics.append(Metric(f"readability.{label.lower().replace(' ', '_').replace('-', '_')}", value, label))
        metrics.append(Metric("readability.consensus_grade", grade, "Consensus grade"))
        findings = []
        hard = config.target_grade + config.hard_sentence_margin
        very_hard = config.target_grade + config.very_hard_sentence_margin
        sentence_rows = []
        for span in doc.sentences:
            sentence = span.of(text)
            n = count_words(sentence)
            if n < 3:
                continue
            if doc.language.code == "en":
                s_grade = float(_stats("en").flesch_kincaid_grade(sentence))
            else:
                s_long = sum(1 for w in sentence.split() if len(w.strip(".,;:!?\"'()")) > 6)
                s_grade = lix_to_grade(lix(n, 1, s_long))
            sentence_rows.append({"start": span.start, "end": span.end, "grade": round(s_grade, 1), "words": n})
            if s_grade >= very_hard:
                findings.append(make_finding(
                    doc, "readability.very-hard-sentence", "readability", Severity.WARNING,
                    f"This sentence reads at grade {s_grade:.0f}, far above the target grade "
                    f"{config.target_grade:g}.", span, "Split it into shorter sentences and use everyday words."))
            elif s_grade >= hard:
                findings.append(make_finding(
                    doc, "readability.hard-sentence", "readability", Severity.INFO,
                    f"This sentence reads at grade {s_grade:.0f}, above the target grade {config.target_grade:g}.",
                    span, "Shorten it or replace long words."))
        low_confidence = words < config.min_words or len(doc.sentences) < config.min_sentences
        if low_confidence and doc.sentences:
            findings.append(make_finding(
                doc, "readability.too-short", "readability", Severity.INFO,
                f"Only {words} words in {len(doc.sentences)} sentences: too short for a reliable reading grade.",
                doc.sentences[0]))
        score = Score(
            grade_to_score(grade, config.target_grade),
            "low" if low_confidence else "normal",
            f"grade {grade:.1f} against target {config.target_grade:g}: 100 minus 10 per grade above target",
        )
        section = {
            "language": doc.language.code,
            "method": method,
            "grade": round(grade, 2),
            "target_grade": config.target_grade,
            "formulas": {k: round(v, 2) for k, v in formulas.items()},
            "sentences": sentence_rows,
        }
        return AnalysisResult(tuple(findings), tuple(metrics), section, {"readability": score})
