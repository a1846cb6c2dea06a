"""Evidence lexicons: every rule's own examples, a labelled set with precision/recall, support nearby."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from audits.citations.evidence import RULE_FILES, EvidenceRuleError, all_rules, load_lexicon
from tests.audits.test_citations_consistency import analyze

DATA = Path(__file__).resolve().parent.parent / "data" / "citations_evidence.yaml"
RULES = all_rules()


@pytest.mark.parametrize("rule", RULES, ids=lambda r: f"{r.id}-{r.languages[0]}")
def test_every_rule_has_examples_and_they_behave(rule) -> None:
    assert rule.flag_examples and rule.pass_examples, f"{rule.id} needs examples that must and must not match"
    for example in rule.flag_examples:
        assert rule.matches(example), f"{rule.id} should match: {example}"
    for example in rule.pass_examples:
        assert not rule.matches(example), f"{rule.id} should not match: {example}"


def test_lexicon_files_ship_english_and_serbian() -> None:
    languages = {lang for path in RULE_FILES for r in load_lexicon(path) for lang in r.languages}
    assert {"en", "sr", "sl"} <= languages


def test_bad_lexicon_is_rejected_with_its_name(tmp_path: Path) -> None:
    bad = tmp_path / "evidence_bad.yaml"
    bad.write_text("rules:\n  - id: citations.x\n    kind: rumour\n    message: m\n    patterns: ['a']\n")
    with pytest.raises(EvidenceRuleError, match=r"evidence_bad\.yaml: rule 1: kind"):
        load_lexicon(str(bad))


@pytest.mark.parametrize(("filename", "language", "min_recall"), [
    # Measured (docs/citations.md): English P 1.00 R 0.94 (17/18); Serbian P 1.00 R 0.83 (10/12).
    ("citations_evidence.yaml", "en", 0.94),
    ("citations_evidence_sr.yaml", "sr", 0.83),
])
def test_appeal_precision_and_recall_on_labelled_sentences(filename: str, language: str, min_recall: float) -> None:
    data = yaml.safe_load((DATA.parent / filename).read_text(encoding="utf-8"))
    appeal_rules = [r for r in RULES if r.kind == "appeal" and language in r.languages]
    tp = fp = fn = 0
    for item in data["sentences"]:
        hit = any(r.pattern.search(item["text"]) for r in appeal_rules)
        tp += hit and item["appeal"]
        fp += hit and not item["appeal"]
        fn += (not hit) and item["appeal"]
    assert len(data["sentences"]) >= 20
    precision, recall = tp / (tp + fp), tp / (tp + fn)
    assert precision == 1.0
    assert recall >= min_recall


def test_appeal_with_a_citation_is_supported() -> None:
    text = ("Studies show that therapy helps most people (Lee, 2005). Numerous studies confirm it. "
            "Research proves it works.\n\nReferences\nLee, A. (2005). Talking therapy. BMJ, 1, 2.\n")
    result = analyze(text)
    unsupported = [f.excerpt for f in result.findings if f.rule == "citations.unsupported-evidence-claim"]
    assert unsupported == ["Numerous studies confirm it.", "Research proves it works."]
    assert [e["supported"] for e in result.section["evidence"]] == [True, False, False]


def test_citation_in_the_next_sentence_counts_as_support() -> None:
    text = "Decades of research agree on one thing. As Lambert (2013) shows, the alliance matters."
    result = analyze(text)
    assert not [f for f in result.findings if f.rule == "citations.unsupported-evidence-claim"]


def test_health_claims_and_attributions() -> None:
    text = ("Therapy increases serotonin in the brain. It rewires the brain. Most people feel better. "
            "According to Carl Rogers, empathy heals. According to the therapist, sessions last an hour.")
    result = analyze(text)
    health = [f.excerpt for f in result.findings if f.rule == "citations.unsupported-health-claim"]
    attribution = [f for f in result.findings if f.rule == "citations.attribution-without-source"]
    assert health == ["Therapy increases serotonin in the brain.", "It rewires the brain."]
    assert [f.excerpt for f in attribution] == ["According to Carl Rogers, empathy heals."]
    assert attribution[0].severity.value == "info"


def test_statistics_need_a_source_and_a_named_body_or_back_reference_is_one() -> None:
    text = ("Anxiety affects one in five adults every year. "
            "The 2023 national survey by the Ministry of Health found that 40% of young people waited too long.\n\n"
            "A CQC survey of 14,000 people was published this week. "
            "42% of people said their mental health got worse. The annual survey also found gaps in care.")
    found = [f.excerpt for f in analyze(text).findings if f.rule == "citations.unsupported-statistic"]
    assert found == ["Anxiety affects one in five adults every year."]


def test_a_figure_from_another_unnamed_study_is_not_carried_by_a_source_named_before_it() -> None:
    """A body named in one sentence does not source the figures of "another study" after it, in English, Serbian and
    Slovenian; a survey named once still sources the figures reported from it."""
    english = ("The American Psychiatric Association and the WHO recognise EMDR as an effective treatment. "
               "One study reported that 77% of combat veterans were free of PTSD after 12 sessions. "
               "The survey also found that 42% of people waited too long.")
    found = [f.excerpt for f in analyze(english).findings if f.rule == "citations.unsupported-statistic"]
    assert found == ["One study reported that 77% of combat veterans were free of PTSD after 12 sessions."]
    serbian = ("Prema podacima Instituta Batut, depresija je česta. "
               "Jedna studija je pokazala da 40% pacijenata nema simptome posle deset seansi.")
    assert "citations.unsupported-statistic" in {f.rule for f in analyze(serbian, language="sr").findings}
    slovenian = ("Po podatkih NIJZ je depresija pogosta. "
                 "Ena študija je pokazala, da 40 % bolnikov po desetih srečanjih nima simptomov.")
    assert "citations.unsupported-statistic" in {f.rule for f in analyze(slovenian, language="sl").findings}
    named = "The 2023 national survey by the Ministry of Health was published today. 42% of people waited too long."
    assert not [f for f in analyze(named).findings if f.rule == "citations.unsupported-statistic"]


def test_a_study_named_by_its_institution_supports_what_the_researchers_found_later() -> None:
    """A news report: once "researchers from Rutgers University" names the study, "the researchers found" refers
    back to it; the same report with no institution named leaves the researchers' claims unsupported."""
    body = ("For the study, researchers from Rutgers University recruited 66 young adults with depression. "
            "They were split into two groups for eight weeks.\n\n"
            "In the end, the researchers found that exercise had no effect on reward processing. "
            "Those with high reward processing were 45% more likely to respond to exercise. "
            "The researchers warn that the results are preliminary.")
    named = analyze(body).findings
    assert not [f for f in named if f.rule.startswith("citations.unsupported")]
    vague = analyze(body.replace("researchers from Rutgers University", "a team")).findings
    assert {f.rule for f in vague} >= {"citations.unsupported-evidence-claim", "citations.unsupported-statistic"}


def test_appeals_are_found_by_their_shape_not_one_phrase() -> None:
    """Any body of evidence that shows, demonstrates, establishes... in any tense is an appeal; an embedded
    question ("ask what research supports it") and a paper's own findings are not."""
    text = ("Clinical research demonstrates that recovery needs rest and a change of place. "
            "Over two decades, research has consistently demonstrated that ketamine lifts depression. "
            "Large randomized trials have now established that it is safe. "
            "Ask your clinician what research supports the treatment they offer. "
            "Our findings show a small effect in older adults.")
    found = [f.excerpt for f in analyze(text).findings if f.rule == "citations.unsupported-evidence-claim"]
    assert found == ["Clinical research demonstrates that recovery needs rest and a change of place.",
                     "Over two decades, research has consistently demonstrated that ketamine lifts depression.",
                     "Large randomized trials have now established that it is safe."]


@pytest.mark.parametrize(("language", "example", "named"), [
    ("en", "Studies published in journals such as The Lancet and JAMA Psychiatry confirm that therapy works.",
     "A 2021 meta-analysis in JAMA Psychiatry found that therapy works."),
    ("hr", "Studije objavljene u časopisima poput The Lancet Psychiatry i JAMA Network Open potvrđuju da "
           "psihoterapija smanjuje simptome depresije.",
     "Prema podacima Svjetske zdravstvene organizacije iz 2022. godine, 5% odraslih ima depresiju."),
    ("sl", "Študije, objavljene v revijah, kot sta Lancet in JAMA, kažejo, da terapija zmanjša depresijo.",
     "Meta-analiza 47 študij, objavljenih v Journal of Psychosomatic Research, je pokazala, da joga pomaga."),
])
def test_a_journal_named_only_as_an_example_names_no_study(language: str, example: str, named: str) -> None:
    """"Studies in journals such as the Lancet" points at no study a reader could find: an unsupported appeal. One
    study with its journal (or a named body's data) is a source."""
    def unsupported(text: str) -> list[str]:
        return [f.excerpt for f in analyze(text, language=language).findings
                if f.rule == "citations.unsupported-evidence-claim"]

    assert unsupported(example) == [example]
    assert unsupported(named) == []


def test_hedged_sentences_are_not_overclaims_and_strong_ones_are_errors() -> None:
    text = ("Therapy physically rewires your brain, full stop. "
            "Research suggests therapy may help some people, and results differ from person to person. "
            "The effect is every bit as strong as medication.")
    result = analyze(text)
    strong = [f for f in result.findings if f.rule == "citations.unsupported-health-claim"]
    assert [f.excerpt for f in strong] == ["Therapy physically rewires your brain, full stop.",
                                          "The effect is every bit as strong as medication."]
    assert {f.severity.value for f in strong} == {"error"}


def test_slovenian_and_cyrillic_serbian_appeals_are_found() -> None:
    from audits.analyzers.citations import CitationsAnalyzer
    from audits.config import AuditConfig
    from audits.model import Source
    from audits.prepare import prepare

    def rules_for(text: str, language: str) -> list[str]:
        doc = prepare(Source(id="t", title="t", origin="pasted text", kind="text", text=text), language)
        return [f.rule for f in CitationsAnalyzer().analyze(doc, AuditConfig(fast=True)).findings]

    assert "citations.unsupported-evidence-claim" in rules_for(
        "Študije dokazujejo, da psihoterapija pomaga pri tesnobi. Metoda je znanstveno dokazana.", "sl")
    assert "citations.unsupported-evidence-claim" in rules_for(
        "Истраживања показују да психотерапија помаже код анксиозности.", "sr")
    assert "citations.unsupported-statistic" in rules_for("Анксиозност погађа сваку четврту особу у Србији.", "sr")
    # a named, findable body is attribution, not an unsupported appeal
    assert not rules_for("Prema podacima Svjetske zdravstvene organizacije iz 2022. godine, 5% odraslih ima depresiju.",
                         "hr")


def test_figures_in_a_list_under_a_named_survey_are_sourced_and_a_list_under_nothing_is_not() -> None:
    """A named survey introduces a bullet list of its figures: every item is sourced by it, however long the list;
    the same list under a sentence that names nothing is flagged item by item, and a paragraph after the list is not
    carried by the survey."""
    items = ("\n\n  • 65% of adults have had a mental health problem.\n"
             "  • More than a quarter, 26%, had panic attacks.\n  • 42% of adults had had depression.\n"
             "  • Young people were hit hardest. A whopping 70% of 18-34s had struggled.\n"
             "  • 68% of people aged 35-54 said the same.\n  • 58% of the over 55s had suffered too.\n")
    named = "According to a survey by the Mental Health Foundation, here are some figures for you." + items
    found = [f.excerpt for f in analyze(named).findings if f.rule == "citations.unsupported-statistic"]
    assert found == []
    unnamed = "Here are some scary figures for you." + items
    assert len([f for f in analyze(unnamed).findings if f.rule == "citations.unsupported-statistic"]) == 6
    after = named + "\nAfter the list, a new paragraph.\n\nIn the rest of Europe 30% of people wait a year for care.\n"
    flagged = [f.excerpt for f in analyze(after).findings if f.rule == "citations.unsupported-statistic"]
    assert flagged == ["In the rest of Europe 30% of people wait a year for care."]


def test_a_named_speaker_sources_their_figures_but_not_their_appeal_to_research() -> None:
    """News reports a named speaker's figure: attribution, not an unsupported statistic (English, Slovenian). An appeal
    to unnamed research in the speaker's mouth is still an appeal: the speaker is not the research."""
    figure = "Lucy Evans, the service's clinical lead, said about 30 per cent of calls went unanswered last winter."
    assert not [f for f in analyze(figure).findings if f.rule == "citations.unsupported-statistic"]
    appeal = "Lucy Evans, the service's clinical lead, said research shows that therapy works for most people."
    assert "citations.unsupported-evidence-claim" in {f.rule for f in analyze(appeal).findings}
    slovenian = "Vsak peti otrok potrebuje pomoč, je povedala psihologinja Ana Novak."
    assert not [f for f in analyze(slovenian, language="sl").findings if f.rule == "citations.unsupported-statistic"]
    unnamed = "Vsak peti otrok potrebuje pomoč, pravijo strokovnjaki."
    assert "citations.unsupported-statistic" in {f.rule for f in analyze(unnamed, language="sl").findings}


def test_a_finding_whose_study_is_named_in_the_next_sentence_is_attributed() -> None:
    """News gives the finding first and names its study next ("In a new study, scientists show …" / "For the study,
    researchers from Rutgers University …"): attributed, not unsupported. A next sentence that names a body but does
    not refer back to the study does not source it."""
    news = ("Now, in a new study, scientists show that people with specific brain signals are likely to benefit from "
            "exercise. For the study, researchers from Rutgers University in New Jersey recruited 66 adults.")
    assert "citations.unsupported-evidence-claim" not in {f.rule for f in analyze(news).findings}
    unrelated = ("Now, in a new study, scientists show that people with specific brain signals are likely to benefit "
                 "from exercise. Researchers from Rutgers University run a clinic for adults.")
    assert "citations.unsupported-evidence-claim" in {f.rule for f in analyze(unrelated).findings}


def test_the_learned_layer_is_held_to_what_the_rules_count_as_attributed() -> None:
    """The learned layer may add an unsupported-evidence finding only where the rules' context allows it: a named
    speaker's figure, or a finding whose study the next sentence names, is attributed for the learned layer too
    (a learned 'statistic without a source' on "…, je povedala psihologinja Ana Novak" would contradict the rules)."""
    from audits.citations.collect import collect_citations
    from audits.citations.evidence import sentence_context
    from audits.model import Source
    from audits.prepare import prepare

    def context(text: str, language: str):
        doc = prepare(Source(id="t", title="t", origin="test", kind="text", text=text), language)
        return sentence_context(doc, collect_citations(doc.text, [], None), RULES, len(doc.text))

    ctx = context("Vsak peti otrok potrebuje pomoč, je povedala psihologinja Ana Novak. Vreme je lepo.", "sl")
    assert not ctx.allows(0, "statistic") and not ctx.allows(0, "overclaim")
    assert ctx.allows(0, "evidence-appeal")  # the speaker is not the research
    ctx = context("Vsak peti otrok potrebuje pomoč, pravijo strokovnjaki.", "sl")
    assert ctx.allows(0, "statistic")  # unnamed experts source nothing
    # Through the join the learned layer uses: a sure statistic is added to the unnamed experts' figure only.
    from audits.marketing.model import Policy, combine

    sure = {0: {"statistic": 0.99}}
    assert combine(sure, [], Policy(add=0.5, veto=0.0), ctx.allows)[1] == [(0, "statistic", 0.99)]
    spoken = context("Vsak peti otrok potrebuje pomoč, je povedala psihologinja Ana Novak.", "sl")
    assert combine(sure, [], Policy(add=0.5, veto=0.0), spoken.allows)[1] == []
    news = ("Now, in a new study, scientists show that people with specific brain signals are likely to benefit from "
            "exercise. For the study, researchers from Rutgers University in New Jersey recruited 66 adults.")
    ctx = context(news, "en")
    assert not ctx.allows(0, "evidence-appeal") and not ctx.allows(0, "statistic")
