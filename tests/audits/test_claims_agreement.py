"""Agreement inside clusters: negation and hedge/booster cues, as claims.* findings with both spans."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from audits.analyzers.claims import ClaimsAnalyzer
from audits.claims.agreement import compare, disagreements, opposite, stance
from audits.config import AuditConfig
from audits.model import Source
from audits.prepare import prepare
from tests.audits.claims_data import precision_recall, rows


def test_cue_precision_and_recall_on_labelled_pairs() -> None:
    data = rows("claims_cues.tsv")
    assert len(data) >= 40
    predicted = [compare(a, la, b, lb) or "none" for la, lb, _, a, b in data]
    gold = [expected for _, _, expected, _, _ in data]
    for kind in ("negation", "hedge"):
        precision, recall = precision_recall([p == kind for p in predicted], [g == kind for g in gold])
        # Measured: negation P 1.00 R 0.56, hedge P 1.00 R 1.00. A denial counts only when it bears on a word the
        # other claim states (session 16); the five written Serbian-English denials share no word that comes back
        # unchanged ("Terapija ne menja mozak" / "Therapy changes the brain") and are no longer raised. On the real
        # labelled pairs every cross-language candidate was a false alarm (test_real_pairs_... below).
        floor = {"negation": (0.9, 0.55), "hedge": (0.9, 0.85)}[kind]
        assert precision >= floor[0] and recall >= floor[1], (kind, precision, recall)


def test_the_issue_examples() -> None:
    # A scope or hedge ("sometimes") is a difference in certainty, never a contradiction (issue 14).
    assert compare("Therapy always works.", "en", "Sometimes therapy doesn't work.", "en") == "hedge"
    assert compare("Therapy always works.", "en", "Therapy doesn't work.", "en") == "negation"
    assert compare("What works for one person may not work for another.", "en", "Therapy works.", "en") is None
    assert compare("Exercise reduces anxiety.", "en", "Exercise increases anxiety.", "en") == "negation"
    # The verdict does not depend on which claim comes first.
    a, b = "Regular exercise in the evening reduces anxiety.", "Exercise increases anxiety in some adults."
    assert compare(a, "en", b, "en") == compare(b, "en", a, "en")
    assert compare("Mechanisms are not fully understood.", "en", "It literally rewires the brain.", "en") == "hedge"
    assert compare("Mehanizmi nisu potpuno razjašnjeni.", "sr", "Therapy literally rewires the brain.", "en") == "hedge"
    assert compare("Therapy reduces anxiety.", "en", "Terapija smanjuje anksioznost.", "sr") is None


def test_scope_is_not_certainty() -> None:
    # The demo's only certainty note paired a quantifier with an ability modal: neither is a certainty cue.
    assert compare("Whether it's CBT or humanistic therapy, all forms of psychotherapy share a common goal.", "en",
                   "Clients can identify and regulate their feelings through emotional processing.", "en") is None
    assert stance("Svi oblici psihoterapije imaju isti cilj.", "sr").certainty == "plain"
    assert stance("Every client is different.", "en").certainty == "plain"
    assert compare("Therapy always works.", "en", "Therapy can help some people.", "en") == "hedge"


def test_contrasts_and_hedged_negations_are_not_denials() -> None:
    assert not stance("It is the therapist and not the treatment that matters.", "en").negated
    assert not stance("Promene nisu vidljive samo u ponašanju, već i u mozgu.", "sr").negated
    assert not stance("The mechanisms are not fully understood.", "en").negated
    assert stance("The mechanisms are not fully understood.", "en").certainty == "hedged"
    assert stance("Lekovi nikada nisu potrebni.", "sr").negated  # negative concord: one denial


def test_disagreements_skip_pairs_from_the_same_source() -> None:
    texts = ["Therapy always works.", "Therapy does not always work.", "Therapy does not work."]
    found = disagreements(texts, ["en"] * 3, ["a", "a", "b"])
    # "not always" is a hedge: only "always works" and "does not work" take opposite positions.
    assert [(d.kind, d.first, d.second) for d in found] == [("negation", 2, 0)]


def test_contradiction_finding_points_at_both_sources() -> None:
    a = "Psychotherapy helps most people with depression recover within a year of treatment."
    b = "Psychotherapy does not help most people with depression recover within a year of treatment."
    docs = [
        prepare(Source(id=sid, title=title, origin="pasted text", kind="text", text=text), "en")
        for sid, title, text in (("a", "Source A", a), ("b", "Source B", b))
    ]
    result = ClaimsAnalyzer().analyze_corpus(docs, AuditConfig())
    assert len(result.claims.clusters) == 1
    finding = next(iter(result.per_source["b"].findings))
    assert finding.rule == "claims.contradiction" and finding.category == "claims"
    assert finding.excerpt == b and "Source A" in finding.message
    assert finding.related[0].source == "a" and finding.related[0].excerpt == a
    assert not result.per_source["a"].findings


def test_seed_findings_have_valid_related_spans(seed_report) -> None:
    texts = {s.id: s.source.text for s in seed_report.sources}
    claims_findings = [(s, f) for s, f in seed_report.findings() if f.category == "claims"]
    for s, f in claims_findings:
        assert f.rule in ("claims.contradiction", "claims.certainty-mismatch")
        assert s.source.text[f.start : f.end] == f.excerpt
        for r in f.related:
            assert r.source != s.id and texts[r.source][r.start : r.end] == r.excerpt


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=200), st.text(max_size=200), st.sampled_from(["en", "sr", "hr", "bs", "sl", "de", ""]),
       st.sampled_from(["en", "sr", "sl", "es"]))
def test_cue_detection_never_crashes(a: str, b: str, lang: str, other: str) -> None:
    result = compare(a, lang, b, other)
    assert result == compare(b, other, a, lang)  # the verdict does not depend on the order
    assert result in (None, "negation", "hedge")
    s = stance(a, lang)
    assert s.certainty in ("hedged", "boosted", "plain")


def _pairwise(texts: list[str], languages: list[str], sources: list[str]) -> list[tuple[str, int, int]]:
    """Every pair from different sources, judged one by one (the definition the buckets must keep)."""
    out = []
    for i in range(len(texts)):
        for j in range(i + 1, len(texts)):
            if sources[i] == sources[j]:
                continue
            a, b = stance(texts[i], languages[i]), stance(texts[j], languages[j])
            if opposite(texts[i], languages[i], texts[j], languages[j]):
                out.append(("negation", *((i, j) if a.negated or not b.negated else (j, i))))
            elif {a.certainty, b.certainty} == {"hedged", "boosted"}:
                out.append(("hedge", *((i, j) if a.certainty == "boosted" else (j, i))))
    return out


CLUSTER_SENTENCES = [
    "Therapy reduces anxiety.", "Therapy does not reduce anxiety.", "Therapy may reduce anxiety.",
    "Therapy clearly reduces anxiety.", "Therapy increases anxiety.", "Terapija smanjuje anksioznost.",
    "Terapija ne smanjuje anksioznost.", "Terapija možda smanjuje anksioznost.", "Therapy always works.",
]


@settings(max_examples=120, deadline=None)
@given(st.lists(st.tuples(st.sampled_from(CLUSTER_SENTENCES), st.sampled_from("ABC")), min_size=0, max_size=14))
def test_bucketed_disagreements_equal_the_pairwise_definition(members: list[tuple[str, str]]) -> None:
    texts = [t for t, _ in members]
    languages = ["sr" if "Terapija" in t else "en" for t in texts]
    sources = [s for _, s in members]
    found = [(d.kind, d.first, d.second) for d in disagreements(texts, languages, sources)]
    assert found == _pairwise(texts, languages, sources)


def test_many_copies_of_two_positions_pair_up_across_sources() -> None:
    texts = ["Therapy reduces anxiety."] * 30 + ["Therapy does not reduce anxiety."] * 20
    sources = [f"s{i % 7}" for i in range(50)]
    found = disagreements(texts, ["en"] * 50, sources)
    assert [(d.kind, d.first, d.second) for d in found] == _pairwise(texts, ["en"] * 50, sources)
    assert len(found) == sum(sources[i] != sources[j] for i in range(30) for j in range(30, 50))


def test_a_negation_word_is_not_a_contradiction_unless_it_denies_what_the_other_states() -> None:
    # Real dev-page sentences: the denials bear on "guarantees" and "everyone", which the other never states.
    assert compare("Of course there are no guarantees, and counselling is not for everyone.", "en",
                   "The majority of students who have used the service say that counselling is very supportive.",
                   "en") is None
    assert compare("Psychotherapy helps most people with depression.", "en",
                   "Psychotherapy does not help most people with depression.", "en") == "negation"
    # Across languages only a word that comes back unchanged (a name, an acronym) can show what is denied.
    assert compare("Terapeut ne koristi EMDR kod dece.", "sr", "The therapist uses EMDR with children.",
                   "en") == "negation"
    # A topic word every such claim shares ("mental") is not enough.
    assert compare("It’s not a mental illness per se, we are just not 100% fit and healthy mentally.", "en",
                   "That’s California’s mental health system.", "en") is None
    assert compare("Therapy does not treat anxiety.", "en", "Therapy treats anxiety.", "en") == "negation"
    assert compare("Exercise reduces anxiety.", "en", "Exercise increases sleep quality.", "en") is None
    assert compare("Exercise reduces anxiety.", "en", "Exercise increases anxiety.", "en") == "negation"


def test_there_is_no_doubt_is_a_booster_not_a_denial() -> None:
    s = stance("There is no doubt that anxiety is a major problem in the workplace.", "en")
    assert not s.negated and s.certainty == "boosted"
    assert not stance("Nema sumnje da terapija pomaže.", "hr").negated


def test_slovenian_and_ijekavian_cues() -> None:
    assert compare("Psihoterapija pomaga pri depresiji.", "sl", "Psihoterapija ne pomaga pri depresiji.", "sl") \
        == "negation"
    # A Slovenian hedge is a hedge: never a contradiction (before session 16 Slovenian got the English lists).
    assert stance("Psihoterapija lahko pomaga nekaterim ljudem.", "sl").certainty == "hedged"
    assert compare("Psihoterapija lahko pomaga nekaterim ljudem.", "sl", "Psihoterapija ne pomaga.", "sl") != "negation"
    assert stance("Terapija uvijek pomaže.", "hr").certainty == "boosted"
    assert stance("Terapija vjerojatno pomaže.", "hr").certainty == "hedged"
    assert stance("Nitko ne zna zašto.", "hr").negated
    # Serbian Cyrillic is read as Latin: the same cues, the same verdicts.
    assert stance("Терапија можда помаже.", "sr").certainty == "hedged"
    assert compare("Терапија не мења мозак.", "sr", "Terapija menja mozak.", "sr") == "negation"


def test_languages_without_cue_lists_get_no_cues() -> None:
    # English lists on Spanish text took "no" for an English denial.
    assert stance("No es cierto que la terapia funcione siempre.", "es") == stance("", "es")
    assert compare("La terapia funciona.", "es", "La terapia no funciona.", "es") is None


def test_real_pairs_are_rarely_called_opposite() -> None:
    """The dev split's labelled claim pairs (eval/pairs; never a test pair): how many that are not contradictions
    are called opposite. Measured: 2 (33 before a denial had to bear on what the other states)."""
    from audits.evaluation.labels import load_corpus, load_pairs, load_split

    split = load_split()
    pages = load_corpus()
    pairs = [p for p in load_pairs(pages) if split[p.a_page] == split[p.b_page] == "dev"]
    wrong = [p for p in pairs if p.label != "contradicting"
             and compare(p.a_text, pages[p.a_page].language, p.b_text, pages[p.b_page].language) == "negation"]
    assert len(pairs) > 200
    assert len(wrong) <= 4, [(p.a_text[:60], p.b_text[:60]) for p in wrong]
