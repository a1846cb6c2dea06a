"""Readability on the seed articles and texts of our own: expected values, the hand check of hard
sentences, Serbian (LIX/RIX, Cyrillic = Latin), short text, targets and the score."""

from __future__ import annotations

import cyrtranslit
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from audits.analyzers.readability import ReadabilityAnalyzer, classify_sentences, grade_to_score
from audits.config import TARGET_PRESETS, AuditConfig
from tests.audits.readability_helpers import analyze_text, document
from tests.conftest import BLOG, BOOK, CLINIC, EDITORIAL, SERBIAN

HARD_RULES = ("readability.hard-sentence", "readability.very-hard-sentence")
ENGLISH_FORMULAS = {"Flesch-Kincaid grade", "SMOG", "Gunning Fog", "Coleman-Liau", "ARI", "Dale-Chall"}


def _result(seed_docs, sid, config=None):
    return ReadabilityAnalyzer().analyze(seed_docs[sid], config or AuditConfig())


# Expected figures on the seeds (counted on prose sentences, see docs/readability.md).
SEED_GRADES = {
    EDITORIAL: (18.33, {"Flesch-Kincaid grade": 17.81, "SMOG": 18.33, "Gunning Fog": 22.35, "Coleman-Liau": 20.15,
                        "ARI": 18.32, "Dale-Chall": 16.0}, 68.15),
    # The list stub "Below is a simple list that explains:" is not graded (issue 15).
    CLINIC: (16.51, {"Flesch-Kincaid grade": 15.17, "SMOG": 16.27, "Gunning Fog": 18.54, "Coleman-Liau": 18.08,
                     "ARI": 16.75, "Dale-Chall": 16.0}, 63.42),
    BLOG: (15.91, {"Flesch-Kincaid grade": 14.31, "SMOG": 15.82, "Gunning Fog": 18.65, "Coleman-Liau": 17.23,
                   "ARI": 14.80, "Dale-Chall": 16.0}, 60.80),
    BOOK: (13.38, {"Flesch-Kincaid grade": 12.23, "SMOG": 14.42, "Gunning Fog": 15.30, "Coleman-Liau": 11.88,
                   "ARI": 12.76, "Dale-Chall": 14.0}, 48.55),
}


@pytest.mark.parametrize("sid", list(SEED_GRADES))
def test_english_seed_figures(seed_docs, sid):
    grade, expected, lix = SEED_GRADES[sid]
    section = _result(seed_docs, sid).section
    assert section["grade"] == pytest.approx(grade, abs=0.01)
    assert set(section["formulas"]) == ENGLISH_FORMULAS
    assert section["formulas"] == pytest.approx(expected, abs=0.01)
    assert section["indices"]["LIX"] == pytest.approx(lix, abs=0.01)
    spread = section["spread"]
    assert spread["min"] <= spread["median"] <= spread["max"]
    assert spread["median"] == pytest.approx(grade, abs=0.01)
    assert section["calibrated"] is True and "median of six English grade formulas" in section["method"]


def test_seed_ordering_matches_what_a_reader_sees(seed_docs):
    grades = {sid: _result(seed_docs, sid).section["grade"] for sid in SEED_GRADES}
    # The journal editorial is the hardest English text, the therapist's book page the easiest.
    assert max(grades, key=grades.get) == EDITORIAL
    assert min(grades, key=grades.get) == BOOK


def test_seed_metrics_keep_their_names(seed_report):
    source = next(s for s in seed_report.sources if s.id == CLINIC)
    for name in ("readability.consensus_grade", "readability.lix", "readability.words_per_sentence",
                 "readability.long_word_share", "readability.flesch_reading_ease", "readability.smog",
                 "readability.rix", "readability.grade_spread", "readability.passive_share"):
        assert source.metric(name) is not None, name
    assert source.metric("readability.consensus_grade") == pytest.approx(16.51, abs=0.01)
    assert source.metric("readability.flesch_reading_ease") == pytest.approx(19.77, abs=0.05)


# Hand check (read by the author of this test, before running the analyzer on them): does an adult
# editor find the sentence hard for a grade-8 reader (1) or not (0)? Default target 8, so "hard"
# means the analyzer's grade is 12 or more. Sentences are named by how they begin.
HAND_CHECK = {
    CLINIC: {
        "How Does Psychotherapy Work?": 0,  # heading
        "Medically reviewed by Dr. Mark Hrymoc": 0,  # byline, not prose
        "Psychotherapy, or talk therapy, establishes": 1,
        "Psychotherapy, a nuanced and transformative": 1,
        "In this article, we explore the question": 0,
        "Psychotherapy, commonly known as talk therapy": 1,
        "So, how does psychotherapy work?": 0,
        "Below is a simple list that explains:": 0,
        "Therapists achieve this by consistently": 1,
        "They actively listen, validate": 0,
        "Trust facilitates a more open dialogue": 1,
        "Understanding the individual is vital": 1,
        "This understanding extends beyond surface-level": 1,
        "Clients are encouraged to speak openly": 0,
        "This newfound understanding empowers": 1,
        "For example, clients might learn deep breathing": 0,
        "They help clients set realistic": 0,
        "As clients embark on this journey": 1,
        "Our approach is rooted in empathy": 1,
        "Whether you are dealing with anxiety": 0,
    },
    EDITORIAL: {
        "Exploring the underlying mechanisms": 1,
        "Samuel T. Rogan": 0,  # byline
        "Department of Psychiatry": 0,  # affiliation
        "Introduction": 0,  # heading
        "Positive change is brought about": 1,
        "It has repeatedly been discovered": 1,
        "A thorough understanding of the therapeutic": 1,
        "It entails the recognition": 1,
        "Clients are prodded to consider": 1,  # rejoined across the page break by ingest
        "The goal of cognitive restructuring": 1,
        "We can learn more about how psychotherapy": 1,
        "Conclusion": 0,
        "A number of important factors": 1,
        "Clients can identify, comprehend": 1,
        "*Correspondence to:": 0,
        "Received: 24-Aug-2023": 0,  # manuscript history
        "a thorough grasp of the underlying": 0,
        "Our understanding of the therapeutic process": 1,
        "References": 0,
        "1. Mathew SJ": 0,  # reference entry
    },
}
# Where the analyzer and the hand check disagree, and why: four plain clinic sentences reach grade
# 12-14 on Flesch-Kincaid only because of everyday long words ("experiences", "anxiety",
# "psychological", "mindfulness"). Per-sentence formulas cannot tell familiar long words from rare ones.
KNOWN_DISAGREEMENTS = {
    CLINIC: {"They actively listen, validate", "Clients are encouraged to speak openly",
             "For example, clients might learn deep breathing", "Whether you are dealing with anxiety"},
    EDITORIAL: set(),
}


@pytest.mark.parametrize("sid", [CLINIC, EDITORIAL])
def test_hard_sentences_match_the_hand_check(seed_docs, sid):
    doc = seed_docs[sid]
    result = _result(seed_docs, sid)
    flagged = {(f.start, f.end) for f in result.findings if f.rule in HARD_RULES}
    disagreements = set()
    checked = 0
    for prefix, hard in HAND_CHECK[sid].items():
        matches = [s for s in doc.sentences if s.of(doc.text).startswith(prefix)]
        assert matches, prefix
        span = matches[0]
        checked += 1
        if ((span.start, span.end) in flagged) != bool(hard):
            disagreements.add(prefix)
    assert checked >= 20
    assert disagreements == KNOWN_DISAGREEMENTS[sid]
    # Clinic: precision 10/14 = 0.71, recall 10/10; editorial: 10/10 and 10/10 (docs/readability.md).


def test_hard_sentence_spans_are_whole_sentences_and_excerpts_exact(seed_docs):
    doc = seed_docs[EDITORIAL]
    result = _result(seed_docs, EDITORIAL)
    sentence_spans = {(s.start, s.end) for s in doc.sentences}
    for f in result.findings:
        assert f.excerpt == doc.text[f.start:f.end]
        if f.rule in HARD_RULES:
            assert (f.start, f.end) in sentence_spans
            assert "grade" in f.message and f.suggestion
    very = [f for f in result.findings if f.rule == "readability.very-hard-sentence"]
    assert all(f.severity.value == "warning" for f in very)


def test_reference_list_and_bylines_are_not_graded(seed_docs):
    doc = seed_docs[EDITORIAL]
    graded = {(r["start"], r["end"]) for r in _result(seed_docs, EDITORIAL).section["sentences"]}
    references = doc.text.index("\nReferences")
    assert all(start < references for start, _ in graded)
    kinds = {i.text[:12]: i for i in classify_sentences(doc)}
    assert not kinds["Received: 24"].prose and not kinds["Introductio"[:11] + "n"].prose
    assert kinds["Introduction"].heading


def test_sentences_with_numbers_and_german_nouns_are_prose():
    infos = classify_sentences(document("In 2020, 45 of 1,200 people said therapy helped them. " * 3, "en"))
    assert all(i.prose for i in infos)
    infos = classify_sentences(document("Die Therapie hilft vielen Menschen. " * 3, "de"))
    assert all(i.prose for i in infos)


def test_serbian_seed_uses_language_independent_measures_with_the_reason(seed_docs):
    result = _result(seed_docs, SERBIAN)
    section = result.section
    assert section["language"] == "sr" and section["calibrated"] is False
    assert "No readability formula is calibrated for Serbian" in section["method"]
    assert "LIX" in section["method"] and "RIX" in section["method"]
    assert not ENGLISH_FORMULAS & set(section["formulas"])  # never an English formula applied silently
    assert "Flesch Reading Ease" not in section["indices"]
    assert not any(m.name == "readability.flesch_reading_ease" for m in result.metrics)
    assert section["indices"]["LIX"] == pytest.approx(76.74, abs=0.01)
    assert section["indices"]["RIX"] == pytest.approx(14.31, abs=0.01)
    assert section["lix_band"] == "very difficult"
    assert section["grade"] == pytest.approx(18.0)
    score = result.scores["readability"]
    assert "no formula is calibrated for Serbian" in score.explanation


SERBIAN_PARAGRAPH = (
    "Centralno mesto u psihoterapijskom procesu zauzima emocionalni odnos između klijenta i terapeuta. "
    "Terapeut pomaže klijentu da osvesti maladaptivne obrasce i izgradi funkcionalne odnose u stvarnom životu. "
    "Ljudi su po prirodi sposobni da žive u harmoniji sa drugima, a njihovo učenje traje čitav život. "
    "Džepni vodič ne može da zameni razgovor sa terapeutom, ali može da pomogne."
)


def test_cyrillic_and_latin_give_identical_figures():
    cyrillic = cyrtranslit.to_cyrillic(SERBIAN_PARAGRAPH, "sr")
    assert cyrillic != SERBIAN_PARAGRAPH and "Џ" in cyrillic and "љ" in cyrillic.lower()
    latin_doc, cyr_doc = document(SERBIAN_PARAGRAPH, "sr"), document(cyrillic, "sr")
    assert cyr_doc.language.script == "cyrillic"
    config = AuditConfig()
    latin, cyr = (ReadabilityAnalyzer().analyze(d, config) for d in (latin_doc, cyr_doc))
    for key in ("grade", "formulas", "indices", "counts", "lix_band", "spread"):
        assert latin.section[key] == cyr.section[key], key
    assert [(r["grade"], r["words"], r["level"]) for r in latin.section["sentences"]] == [
        (r["grade"], r["words"], r["level"]) for r in cyr.section["sentences"]]
    assert {m.name: m.value for m in latin.metrics} == {m.name: m.value for m in cyr.metrics}
    assert [f.rule for f in latin.findings] == [f.rule for f in cyr.findings]
    assert latin.scores["readability"].value == cyr.scores["readability"].value
    assert cyr.section["transliterated"] is True
    # "Lj", "Nj" and "Dž" count as two letters in both scripts, because Cyrillic is transliterated first.
    assert latin.section["counts"]["long_words"] == 23


def test_whole_serbian_seed_in_cyrillic_gives_the_same_figures(seed_sources):
    latin_text = seed_sources[SERBIAN].text
    cyrillic_text = cyrtranslit.to_cyrillic(latin_text, "sr")
    latin, cyr = (ReadabilityAnalyzer().analyze(document(t, None), AuditConfig()) for t in (latin_text, cyrillic_text))
    assert latin.section["language"] == cyr.section["language"] == "sr"
    for key in ("grade", "formulas", "indices", "counts"):
        assert latin.section[key] == cyr.section[key], key
    assert [f.rule for f in latin.findings] == [f.rule for f in cyr.findings]
    # Messages are identical too, except that jargon messages quote the word in the text's own script.
    assert [f.message for f in latin.findings if "jargon" not in f.rule] == [
        f.message for f in cyr.findings if "jargon" not in f.rule]
    assert all("estimated from word length" in f.message for f in latin.findings if f.rule in HARD_RULES)


def test_textstat_on_serbian_depends_on_the_script_which_is_why_we_do_not_use_it(seed_sources):
    from textstat.textstat import textstatistics

    latin_text = seed_sources[SERBIAN].text
    ts = textstatistics()
    ts.set_lang("sr")
    latin_ease = ts.flesch_reading_ease(latin_text)
    cyrillic_ease = ts.flesch_reading_ease(cyrtranslit.to_cyrillic(latin_text, "sr"))
    # The same text: "easy" (about 90) in Latin script, below zero in Cyrillic, with no warning.
    assert latin_ease > 85 and cyrillic_ease < 0


def test_short_text_gets_a_finding_and_a_low_confidence_score_never_a_silent_zero():
    result = analyze_text("Therapy can help. Talk to someone you trust.", "en")
    (finding,) = [f for f in result.findings if f.rule == "readability.too-short"]
    assert "too short" in finding.message and finding.excerpt == "Therapy can help."
    score = result.scores["readability"]
    assert score.confidence == "low" and score.value is not None and score.value > 0
    assert "low confidence" in score.explanation
    assert result.section["confidence"] == "low"


def test_enough_text_is_normal_confidence(seed_docs):
    result = _result(seed_docs, BOOK)
    assert result.scores["readability"].confidence == "normal"
    assert not any(f.rule == "readability.too-short" for f in result.findings)


def test_score_formula_and_presets(seed_docs):
    grade = _result(seed_docs, BOOK).section["grade"]
    for preset, target in TARGET_PRESETS.items():
        config = AuditConfig().with_changes(target_grade=preset)
        assert config.target_grade == target
        result = _result(seed_docs, BOOK, config)
        assert result.section["target_grade"] == target
        excess = max(0.0, grade - target)
        expected = 100 - 10 * excess if excess <= 5 else 50 * 0.5 ** ((excess - 5) / 3)
        assert result.scores["readability"].value == pytest.approx(expected, abs=0.1)
    assert grade_to_score(7.0, 8.0) == 100.0 and grade_to_score(12.0, 8.0) == pytest.approx(60.0)
    assert grade_to_score(16.0, 8.0) == pytest.approx(50 * 0.5 ** 1, abs=0.1)
    # Beyond the target range grades still separate: harder always scores lower, never flat at 0.
    scores = [grade_to_score(g, 8.0) for g in (14, 16, 18, 20, 22, 26)]
    assert scores == sorted(scores, reverse=True) and len(set(scores)) == len(scores) and scores[-1] > 0
    # A stricter target flags more sentences.
    strict = _result(seed_docs, BOOK, AuditConfig().with_changes(target_grade="AMA grade 6"))
    lenient = _result(seed_docs, BOOK, AuditConfig().with_changes(target_grade="general public"))
    count = lambda r: sum(f.rule in HARD_RULES for f in r.findings)  # noqa: E731
    assert count(strict) > count(lenient)


PLAIN_TEXT = (
    "Talking with a therapist can help when life feels hard. You meet once a week. "
    "You talk about what worries you. The therapist listens and asks questions. "
    "Together you look for small steps you can take. Many people feel better after a few weeks. "
    "You can stop at any time. It is fine to ask what will happen next. "
    "Some people bring a friend to the first visit. You can also talk on the phone. "
    "If you feel unsafe, call for help right away. Help is there day and night."
)


def test_plain_text_of_our_own_is_at_target_with_no_hard_sentences():
    result = analyze_text(PLAIN_TEXT, "en")
    assert result.section["grade"] < 6
    assert result.scores["readability"].value == 100.0
    assert not [f for f in result.findings if f.rule in HARD_RULES]


def test_long_sentence_and_long_paragraph_findings():
    long_sentence = ("When you start therapy you and your therapist will talk about what brought you there, "
                     "what you hope will change, how often you can come, what it costs and what happens "
                     "if you need to stop for a while.")
    text = PLAIN_TEXT + " " + long_sentence + " " + PLAIN_TEXT
    result = analyze_text(text, "en", AuditConfig())
    (longs,) = [f for f in result.findings if f.rule == "readability.long-sentence"]
    assert longs.excerpt == long_sentence and "39 words" in longs.message
    (para,) = [f for f in result.findings if f.rule == "readability.long-paragraph"]
    assert (para.start, para.end) == (0, len(text))


def test_other_calibrated_languages_use_their_own_formulas():
    german = ("Die Therapie hilft vielen Menschen. Man spricht einmal in der Woche mit einer Therapeutin. "
              "Gemeinsam sucht man kleine Schritte, die im Alltag möglich sind. ") * 3
    section = analyze_text(german, "de").section
    assert section["calibrated"] is True
    assert set(section["formulas"]) == {"Wiener Sachtextformel"}
    assert "Flesch-Amstad reading ease" in section["indices"]
    spanish = ("La terapia ayuda a muchas personas. Se habla una vez por semana con una terapeuta. "
               "Juntos buscan pasos pequeños que sean posibles en la vida diaria. ") * 3
    section = analyze_text(spanish, "es").section
    assert "Fernández-Huerta reading ease" in section["indices"]
    assert "Szigriszt-Pazos perspicuity" in section["indices"]
    assert not ENGLISH_FORMULAS & set(section["formulas"])


def test_croatian_is_treated_like_serbian():
    section = analyze_text(SERBIAN_PARAGRAPH, "hr").section
    assert section["calibrated"] is False and "Croatian" in section["method"]


@pytest.mark.parametrize("text", ["", "   ", "!!! ???", "1 2 3 4 5", "A", "References\n1. Smith J. 2020."])
def test_odd_input_never_crashes(text):
    result = analyze_text(text, "en")
    score = result.scores["readability"]
    assert score.value is not None and 0 <= score.value <= 100
    for f in result.findings:
        assert f.excerpt == text[f.start:f.end]


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.text(alphabet=st.characters(categories=("L", "N", "P", "Z")), max_size=400), st.sampled_from(["en", "sr"]))
def test_any_text_gives_valid_results(text, lang):
    result = analyze_text(text, lang)
    score = result.scores["readability"]
    assert score.value is not None and 0 <= score.value <= 100
    for f in result.findings:
        assert 0 <= f.start <= f.end <= len(text) and f.excerpt == text[f.start:f.end]
        assert f.rule.startswith("readability.") and f.category == "readability"


def test_non_sentences_are_not_graded():
    text = (
        "Therapy works like this:\n"
        "Book your free assessment today!\n"
        "Cuijpers P, Karyotaki E. Psychotherapy for depression. World Psychiatry. 2020;19(1):92-107.\n"
        "Session\t50 minutes\t90 euros\n"
        "Psychotherapy helps many people understand their feelings and change their habits over time. "
        "Most people meet their therapist once a week. The first meeting is about what brings you."
    )
    result = analyze_text(text)
    graded = [text[r["start"]:r["end"]] for r in result.section["sentences"]]
    assert not any(g.startswith(("Therapy works", "Book your", "Cuijpers", "Session")) for g in graded)
    assert any(g.startswith("Psychotherapy helps") for g in graded)


def test_short_sentence_is_never_reported_above_grade_12():
    text = ("Dr. Konstantinopoulos-Wertheimer-Aleksandropoulos recommends psychotherapy. "
            "Psychotherapy helps many people understand their feelings and change their habits over time. "
            "Most people meet their therapist once a week. The first meeting is about what brings you.")
    result = analyze_text(text)
    for f in result.findings:
        if "hard-sentence" in f.rule and len(f.excerpt.split()) <= 8:
            grades = [float(x) for x in __import__("re").findall(r"grade (\d+)", f.message)][:1]
            assert grades and grades[0] <= 12


def test_seed_readability_scores_are_distinct_and_ranked(seed_docs):
    scores = {sid: _result(seed_docs, sid).scores["readability"].value
              for sid in (EDITORIAL, CLINIC, BLOG, BOOK, SERBIAN)}
    assert len(set(scores.values())) == 5
    assert all(0 < v < 100 for v in scores.values())
    assert scores[BOOK] > scores[BLOG] > scores[CLINIC] > scores[EDITORIAL]
