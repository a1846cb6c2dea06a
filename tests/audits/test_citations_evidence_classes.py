"""Evidence classes of the fourth lexicon pass, on sentences quoted from real pages (the even-numbered extra
pages, eval/extra/pages, which the rules may be written from): what an editor expects flagged is flagged with
the right kind, and hedges, named sources and sourced statements are not."""

from __future__ import annotations

import pytest

from audits.analyzers.citations import CitationsAnalyzer
from audits.config import AuditConfig
from audits.model import Source
from audits.prepare import prepare

KIND = {"citations.unsupported-evidence-claim": "appeal", "citations.unsupported-health-claim": "over-claim",
        "citations.unsupported-statistic": "statistic"}


def kinds(text: str, language: str) -> set[str]:
    """The unsupported-evidence kinds the citations analyzer reports on a text (fast mode)."""
    doc = prepare(Source(id="t", title="t", origin="pasted text", kind="text", text=text), language)
    return {KIND[f.rule] for f in CitationsAnalyzer().analyze(doc, AuditConfig(fast=True)).findings if f.rule in KIND}


@pytest.mark.parametrize(("sentence", "language", "kind"), [
    # appeals: a research noun and a finding verb in any tense, with adverbs between
    ("Over the past two decades, research has consistently demonstrated that the use of ketamine in lower, "
     "non-anesthetic doses markedly improves depression, often in a single treatment session.", "en", "appeal"),
    ("Neuroscience confirms that the brain can change.", "en", "appeal"),
    ("EMDR therapy for children has also demonstrated significant benefits.", "en", "appeal"),
    ("Znanstvena istraživanja jasno pokazuju da psihološka podrška ima mjerljiv učinak na zdravlje mozga i tijela.",
     "hr", "appeal"),
    ("Iako susret preko ekrana nije isti kao kada postoji pravi „ljudski kontakt - licem u lice“, u praksi se pokazalo "
     "da online psihoterapija može biti jako delotvorna, a u izvesnim situacijama i vrlo praktična.", "sr", "appeal"),
    ("Čeprav so številne raziskave pokazale, da obstajajo psihološke in socialne težave, ki vplivajo na zdravje "
     "študentov, le-ti sebe dojemajo kot zdravo populacijo.", "sl", "appeal"),
    # vague quantities of research and unnamed authority
    ("Na temo učinkovitosti transakcijske analize je cela vrsta študij.", "sl", "appeal"),
    ("U području posttraumatskih opterećenja EMDR je danas spada u metode za koje postoji najveći broj istraživanja "
     "u pogledu učinkovitosti na različitim populacijama.", "hr", "appeal"),
    # over-claims: superlative, intensified or total efficacy stated as fact
    ("Eye movement desensitization and reprocessing (EMDR) is a method that is the gold standard of trauma recovery.",
     "en", "over-claim"),
    ("Many people experience a complete resolution (remission) of their symptoms.", "en", "over-claim"),
    ("Drug abuse, obviously, is an overwhelming disease, one that can only be defeated with an overwhelming "
     "response.", "en", "over-claim"),
    ("Coaching eases anxiety by teaching the individual new coping skills and ways to identify maladaptive thoughts "
     "and replace them with healthier life strategies.", "en", "over-claim"),
    ("With compassion and consistency, anxious thought patterns can be rewired into calm and confidence.", "en",
     "over-claim"),
    ("KBT je decenijama zlatni standard u lečenju depresije.", "sr", "over-claim"),
    ("Ova metoda je posebno efikasna u tretiranju trauma, ali se takođe koristi kod anksioznosti, paničnih napada, "
     "fobija, niskog samopouzdanja i drugih emocionalnih poteškoća.", "sr", "over-claim"),
    ("Danas se EMDR koristi širom svijeta za brzo i učinkovito procesuiranje traumatskih sjećanja, uz smanjenje "
     "simptoma kao što su anksioznost, stres i depresija.", "hr", "over-claim"),
    ("Če jo izvaja ustrezno usposobljen terapevt, je varna, učinkovita in nadvse koristna.", "sl", "over-claim"),
    ("Meditacija zelo pomaga, ker umiri um, prav tako pomagata usmerjena pozornost oziroma čuječnost.", "sl",
     "over-claim"),
    # statistics: counts in words, fractions of a group, rankings of burden
    ("Half or more of the couples I see have attempted couples therapy at least once (some multiple times) before "
     "coming to see me.", "en", "statistic"),
    ("The global statistics echo similar patterns, with anxiety disorders ranking as the sixth-largest contributor "
     "to non-fatal health loss.", "en", "statistic"),
    ("Milioni ljudi širom sveta doživljavaju napade panike, a dobar deo njih upravo u ovom trenutku traži odgovore "
     "na isto pitanje.", "sr", "statistic"),
])
def test_each_class_is_found_on_real_sentences(sentence: str, language: str, kind: str) -> None:
    assert kind in kinds(sentence, language)


@pytest.mark.parametrize(("sentence", "language"), [
    # hedged: a tentative claim is not an over-claim (a dev page's sentence, and hedged forms of the quoted ones)
    ("Second, in some individuals, psychotherapy continues to be the only solution.", "en"),
    ("With EMDR some clients may notice a reduction in symptoms in the first session.", "en"),
    ("Ova metoda može biti posebno efikasna kod nekih ljudi.", "sr"),
    ("Meditacija je lahko zelo učinkovita pri nekaterih ljudeh.", "sl"),
    # plain description of a treatment, a session or an opinion: nothing to source
    ("Psihoterapija pomaže da se na konstruktivniji način nosimo sa svakodnevnim stresom.", "hr"),
    ("In the first session we talk about what brings you here.", "en"),
    ("Ništa ga ne olakšava to što mnogi smatraju da danas svako može da postane psihoterapeut.", "sr"),
    ("This guide is about what that research actually shows.", "en"),
    # a goal or an idiom is not a statistic
    ("We are making steady progress toward the 95% goal by 2022.", "en"),
    ("It’s not a mental illness per se, we are just not 100% fit and healthy mentally.", "en"),
])
def test_hedges_descriptions_and_idioms_are_not_flagged(sentence: str, language: str) -> None:
    assert not kinds(sentence, language)


@pytest.mark.parametrize(("text", "language"), [
    # named, findable sources make the same kinds of sentence supported
    ("NICE recommends CBT, and clinical trials have established that it is safe and effective for depression.", "en"),
    ("A 2021 meta-analysis in JAMA Psychiatry found that therapy is as effective as medication.", "en"),
    ("Prema podacima Svjetske zdravstvene organizacije, milioni ljudi pate od depresije.", "hr"),
    ("Po podatkih NIJZ so številne raziskave pokazale, da je vsak šesti mladostnik osamljen.", "sl"),
    # a citation marker in the sentence
    ("Research has consistently demonstrated that exercise lifts mood (Smith, 2019).\n\n"
     "References\nSmith, J. (2019). Exercise and mood. BMJ, 1, 2.\n", "en"),
])
def test_named_sources_and_citations_support_the_same_classes(text: str, language: str) -> None:
    assert not kinds(text, language)


def test_cyrillic_serbian_gets_the_same_classes() -> None:
    assert "over-claim" in kinds("КБТ је деценијама златни стандард у лечењу депресије.", "sr")
    assert "appeal" in kinds("У пракси се показало да онлајн психотерапија може бити јако делотворна.", "sr")
