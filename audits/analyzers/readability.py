"""Readability: standard formulas in the source's own language, and the sentences to fix.

Guidance: NIH and CDC recommend patient information at grade 6-8, the AMA grade 6
(Weiss, Health Literacy, AMA 2003); SMOG is the health-literacy standard (McLaughlin 1969).
English gets six US grade formulas and their median; languages with calibrated formulas get
those; languages without (Serbian, Croatian, Bosnian) get only language-independent measures
(LIX, RIX) with the reason stated, never an English formula applied silently. Every count
comes from the Document's own sentences (see audits.readability.counts for why). Serbian
Cyrillic is transliterated first, so both scripts give identical figures. Sentences get a
grade; sentences far above the target, very long sentences, long paragraphs, passive voice
(English) and glossary jargon not explained at first use become findings.
"""

from __future__ import annotations

import re
import statistics
from dataclasses import dataclass

from audits.analyzers.base import clamp, make_finding
from audits.config import AuditConfig
from audits.model import AnalysisResult, Document, Finding, Metric, Score, Severity, Span
from audits.prepare.reference_shape import looks_like_reference, reference_entries
from audits.prepare.sentences import REFERENCES_HEADING
from audits.readability import formulas, passive
from audits.readability.counts import TextCounts, count_words_in, normalise_script, words_of
from audits.readability.jargon import first_uses
from audits.readability.profiles import CALIBRATED, Figures, figures, sentence_grade

PLAIN_LANGUAGE_LINK = "https://www.nih.gov/institutes-nih/nih-office-director/office-communications-public-liaison/clear-communication/plain-language"
RULES = ("readability.hard-sentence", "readability.very-hard-sentence", "readability.long-sentence",
         "readability.long-paragraph", "readability.passive-voice", "readability.unexplained-jargon",
         "readability.too-short")
# Share of words starting with a small letter that makes a line prose; German capitalises every noun.
_PROSE_SMALL_SHARE = {"de": 0.3}
_FINAL_MARK = re.compile(r"[.!?…;]\W*$")
# Short lines that are not prose to grade: list stubs ("Therapy works like this:"), calls to action
# ("Book your free assessment today!"), table rows.
SHORT_WORDS = 8
_STUB = re.compile(r":\W{0,2}$")
_TABLE_ROW = re.compile(r"\t|\|.*\|")
# Formulas extrapolate wildly on a handful of words (one long name makes "grade 19"): a sentence of
# SHORT_WORDS words or fewer is never reported above this grade.
SHORT_SENTENCE_MAX_GRADE = 12.0
_METRIC_NAMES = {
    "Flesch-Kincaid grade": "readability.flesch_kincaid_grade",
    "SMOG": "readability.smog",
    "Gunning Fog": "readability.gunning_fog",
    "Coleman-Liau": "readability.coleman_liau",
    "ARI": "readability.ari",
    "Dale-Chall": "readability.dale_chall_grade",
}


def lix(words: int, sentences: int, long_words: int) -> float:
    """LIX = words/sentences + 100 * long words (over 6 letters)/words."""
    return formulas.lix(TextCounts(sentences=sentences, words=words, long_words=long_words))


def grade_to_score(grade: float, target: float) -> float:
    """0-100: 100 at or below the target; minus 10 points per grade for the first 5 grades above it;
    beyond that the score halves every 3 grades, so a grade-16 text still scores above a grade-22 one.
    """
    excess = max(0.0, grade - target)
    if excess <= 5.0:
        return clamp(100.0 - 10.0 * excess)
    return clamp(round(50.0 * 0.5 ** ((excess - 5.0) / 3.0), 1))


@dataclass(frozen=True)
class SentenceInfo:
    """One sentence as readability sees it: where it is, its words, and whether it is prose."""

    span: Span
    text: str
    words: list[str]
    heading: bool
    prose: bool  # counted in the formulas and graded


def classify_sentences(doc: Document) -> list[SentenceInfo]:
    """Mark headings, reference entries and non-prose lines (bylines, metadata), which formulas skip.

    A heading is a paragraph of one sentence, at most 12 words, without a final full stop.
    Non-prose: fewer than half its words (German: 30 %, numbers not counted) start with a small
    letter ("Dr. Mark Hrymoc, M.D.", "Received: 24-Aug-2023 ..."), under 3 words, a list stub
    ending in ":" or a short exclamation (a call to action) of at most 12 and 8 words, a table row,
    or a reference entry (by its shape, with or without a heading). Everything after a
    reference-list heading is skipped.
    """
    text = doc.text
    lang = doc.language.code
    references_from = len(text) + 1
    for para in doc.paragraphs:
        if REFERENCES_HEADING.match(para.of(text).strip()):
            references_from = para.start
            break
    single = {(p.start, p.end) for p in doc.paragraphs}
    entries, _ = reference_entries(text)
    out = []
    for span in doc.sentences:
        sentence = span.of(text)
        words = words_of(normalise_script(sentence, lang))
        heading = (span.start, span.end) in single and len(words) <= 12 and not _FINAL_MARK.search(sentence)
        lettered = [w for w in words if w[0].isalpha()]  # numbers neither count for nor against prose
        small = sum(1 for w in lettered if w[0].islower())
        stub = len(words) <= 12 and bool(_STUB.search(sentence))
        call = len(words) <= SHORT_WORDS and sentence.rstrip().endswith("!")
        prose = (span.start < references_from and not heading and not stub and not call and len(words) >= 3
                 and small >= _PROSE_SMALL_SHARE.get(lang, 0.5) * len(lettered)
                 and not _TABLE_ROW.search(sentence) and not looks_like_reference(sentence)
                 and not any(a < span.end and span.start < b for a, b in entries))
        out.append(SentenceInfo(span, sentence, words, heading, prose))
    return out


class ReadabilityAnalyzer:
    """Formulas per document and a grade per sentence against the target."""

    id = "readability"
    description = "Reading grade by standard formulas in the text's language, hard sentences, jargon, passive voice."
    scope = "document"

    def analyze(self, doc: Document, config: AuditConfig) -> AnalysisResult:
        """Metrics, findings and the 0-100 readability score for one document."""
        lang = doc.language.code
        infos = classify_sentences(doc)
        prose = [s for s in infos if s.prose]
        if not prose:  # only headings or fragments: measure what there is rather than nothing
            prose = [s for s in infos if s.words]
        per_sentence = [count_words_in(s.words, lang, 1) for s in prose]
        counts = sum(per_sentence, TextCounts())
        figs = figures(counts, lang, doc.language.name) if counts.words else None
        grade = figs.grade if figs else 0.0
        findings: list[Finding] = []
        rows = self._sentences(doc, prose, per_sentence, config, findings)
        findings += self._long_paragraphs(doc, config)
        passive_info = self._passive(doc, prose, findings)
        jargon_rows = self._jargon(doc, infos, findings)
        too_short = counts.words < config.min_words or counts.sentences < config.min_sentences
        if too_short:
            span = doc.sentences[0] if doc.sentences else Span(0, 0)
            findings.append(make_finding(
                doc, "readability.too-short", "readability", Severity.INFO,
                f"Only {counts.words} words in {counts.sentences} full sentences: too short for a reliable reading "
                f"grade (at least {config.min_words} words and {config.min_sentences} sentences are needed). "
                "The grade is shown but marked as low confidence.",
                span, "Judge this text by reading it, or audit it together with the rest of the page."))
        unexplained = sum(1 for r in jargon_rows if not r["explained"])
        metrics = self._metrics(counts, figs, passive_info, unexplained, rows)
        grades = dict(figs.grades) if figs else {}
        spread = _spread(grades)
        if figs is None:
            explanation = "no words to measure: nothing here is hard to read, but the score is not meaningful"
            score = Score(100.0, "low", explanation)
        else:
            explanation = (f"grade {grade:.1f} ({figs.label}) against target "
                           f"{config.target_grade:g}: 100 minus 10 points per grade above the target")
            if too_short:
                explanation += "; low confidence: text too short"
            elif not figs.calibrated:
                explanation += f"; estimated: no formula is calibrated for {doc.language.name}"
            score = Score(grade_to_score(grade, config.target_grade), "low" if too_short else "normal", explanation)
        section = {
            "language": lang,
            "method": figs.method if figs else "no full sentences to measure",
            "calibrated": lang in CALIBRATED,
            "grade": round(grade, 2),
            "target_grade": config.target_grade,
            "formulas": {k: round(v, 2) for k, v in grades.items()},
            "indices": {k: round(v, 2) for k, v in (figs.indices if figs else {}).items()},
            "spread": spread,
            "lix_band": formulas.lix_band(formulas.lix(counts)) if counts.words else None,
            "counts": counts.to_dict(),
            "script": doc.language.script,
            "transliterated": doc.language.script == "cyrillic",
            "confidence": "low" if too_short else "normal",
            "sentences": rows,
            "passive": passive_info,
            "jargon": jargon_rows,
        }
        return AnalysisResult(tuple(findings), tuple(metrics), section, {"readability": score})

    def _sentences(self, doc: Document, prose: list[SentenceInfo], per_sentence: list[TextCounts],
                   config: AuditConfig, findings: list[Finding]) -> list[dict[str, object]]:
        lang = doc.language.code
        # Uncalibrated languages: the sentence grade is an estimate from word length, and the message says so.
        how = "" if lang in CALIBRATED else " (estimated from word length)"
        hard = config.target_grade + config.hard_sentence_margin
        very_hard = config.target_grade + config.very_hard_sentence_margin
        rows = []
        for info, c in zip(prose, per_sentence, strict=True):
            g = sentence_grade(c, lang)
            if min(c.words, len(info.text.split())) <= SHORT_WORDS:  # short by either count
                g = min(g, SHORT_SENTENCE_MAX_GRADE)
            level = "very hard" if g >= very_hard else "hard" if g >= hard else "ok"
            rows.append({"start": info.span.start, "end": info.span.end, "grade": round(g, 1), "words": c.words,
                         "level": level})
            if level == "very hard":
                findings.append(make_finding(
                    doc, "readability.very-hard-sentence", "readability", Severity.WARNING,
                    f"This sentence reads at grade {g:.0f}{how}, far above the target grade {config.target_grade:g} "
                    f"({c.words} words, {c.polysyllables or c.long_words} long words).",
                    info.span, "Split it into two or three sentences and use everyday words.", PLAIN_LANGUAGE_LINK))
            elif level == "hard":
                findings.append(make_finding(
                    doc, "readability.hard-sentence", "readability", Severity.INFO,
                    f"This sentence reads at grade {g:.0f}{how}, above the target grade {config.target_grade:g}.",
                    info.span, "Shorten it or replace long words with shorter, everyday ones.", PLAIN_LANGUAGE_LINK))
            if c.words > config.long_sentence_words:
                findings.append(make_finding(
                    doc, "readability.long-sentence", "readability", Severity.INFO,
                    f"This sentence has {c.words} words; readers follow sentences of up to "
                    f"{config.long_sentence_words} words more easily.",
                    info.span, "Break it where it changes topic or lists several things.", PLAIN_LANGUAGE_LINK))
        return rows

    def _long_paragraphs(self, doc: Document, config: AuditConfig) -> list[Finding]:
        out = []
        for para in doc.paragraphs:
            n = len(words_of(para.of(doc.text)))
            if n > config.long_paragraph_words:
                out.append(make_finding(
                    doc, "readability.long-paragraph", "readability", Severity.INFO,
                    f"This paragraph has {n} words; on screen, paragraphs of up to {config.long_paragraph_words} "
                    "words are easier to take in.",
                    para, "Split it into shorter paragraphs, one idea each.", PLAIN_LANGUAGE_LINK))
        return out

    def _passive(self, doc: Document, prose: list[SentenceInfo], findings: list[Finding]) -> dict[str, object]:
        lang = doc.language.code
        if not passive.has_method(lang):
            return {"method": None, "share": None, "count": 0,
                    "reason": f"No passive-voice detector is available here for {doc.language.name}."}
        hits = 0
        for info in prose:
            spans = passive.passive_spans(info.text, info.span.start)
            hits += bool(spans)
            for span in spans:
                findings.append(make_finding(
                    doc, "readability.passive-voice", "readability", Severity.INFO,
                    "Passive voice: it hides who does what, which makes the sentence harder to follow.",
                    span, "Say who does it: 'therapists use X' rather than 'X is used'.", PLAIN_LANGUAGE_LINK))
        share = hits / len(prose) if prose else 0.0
        return {"method": passive.METHOD, "share": round(share, 3), "count": hits, "reason": None}

    def _jargon(self, doc: Document, infos: list[SentenceInfo], findings: list[Finding]) -> list[dict[str, object]]:
        lang = "sr" if doc.language.code in ("sr", "hr", "bs") else doc.language.code
        if lang not in ("en", "sr"):
            return []
        usable = [(i.span, i.text, i.heading) for i in infos if i.prose or i.heading]
        rows = []
        for use in first_uses(usable, lang):
            word = use.span.of(doc.text)
            rows.append({"term": use.term.id, "start": use.span.start, "end": use.span.end,
                         "plain": use.term.plain, "explained": use.explained})
            if not use.explained:
                findings.append(make_finding(
                    doc, "readability.unexplained-jargon", "readability", Severity.INFO,
                    f"“{word}” is a technical term many readers will not know, and it is not explained "
                    "where it first appears.",
                    use.span, f"Explain it the first time, e.g. “{word} ({use.term.plain})”, or use the plain words.",
                    "https://www.cdc.gov/ccindex/index.html"))
        return rows

    def _metrics(self, c: TextCounts, figs: Figures | None, passive_info: dict[str, object], jargon: int,
                 rows: list[dict[str, object]]) -> list[Metric]:
        words = max(c.words, 1)
        sentences = max(c.sentences, 1)
        out = [
            Metric("readability.words_per_sentence", c.words / sentences, "Words per sentence"),
            Metric("readability.lix", formulas.lix(c), "LIX"),
            Metric("readability.rix", formulas.rix(c), "RIX"),
            Metric("readability.long_word_share", c.long_words / words, "Share of long words"),
        ]
        if figs is not None:
            for label, value in figs.grades.items():
                if label in _METRIC_NAMES:
                    out.append(Metric(_METRIC_NAMES[label], value, label, "grade"))
            if "Flesch Reading Ease" in figs.indices:
                ease = figs.indices["Flesch Reading Ease"]
                out.append(Metric("readability.flesch_reading_ease", ease, "Flesch Reading Ease"))
            out.append(Metric("readability.consensus_grade", figs.grade, "Consensus grade", "grade"))
            spread = _spread(figs.grades)
            if spread["max"] is not None:
                out.append(Metric("readability.grade_spread", spread["max"] - spread["min"],
                                  "Spread between formulas", "grades"))
        else:
            out.append(Metric("readability.consensus_grade", None, "Consensus grade", "grade"))
        hard = sum(1 for r in rows if r["level"] != "ok")
        out.append(Metric("readability.hard_sentence_share", hard / len(rows) if rows else 0.0,
                          "Share of sentences above the target"))
        if passive_info.get("share") is not None:
            out.append(Metric("readability.passive_share", float(passive_info["share"]),  # type: ignore[arg-type]
                              "Share of sentences in passive voice"))
        out.append(Metric("readability.unexplained_jargon", float(jargon), "Unexplained jargon terms"))
        return out


def _spread(grades: dict[str, float]) -> dict[str, float | None]:
    if not grades:
        return {"min": None, "median": None, "max": None}
    values = list(grades.values())
    return {"min": round(min(values), 2), "median": round(statistics.median(values), 2), "max": round(max(values), 2)}


__all__ = ["RULES", "ReadabilityAnalyzer", "classify_sentences", "grade_to_score", "lix"]
