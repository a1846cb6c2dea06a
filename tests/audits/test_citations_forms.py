"""Citations in every common style, reference entries found by their form, and each citation linked to its
entry: numbered, author-year, narrative and follow-up mentions; English, Serbian, Croatian, Slovenian pages."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from audits.citations.collect import collect_citations
from audits.citations.consistency import in_citation_order, resolve
from audits.citations.intext import find_in_text
from audits.citations.references import parse_references
from audits.claims.extract import extract_claims
from audits.model import Source
from audits.prepare import prepare
from audits.prepare.metadata import extract_metadata
from audits.prepare.reference_shape import reference_entries, reference_extent


def links(text: str) -> dict[str, str | None]:
    """What each citation in the text (its exact words) resolves to: the entry's first author, or None."""
    refs, heading = parse_references(text)
    cites = collect_citations(text, refs, heading)
    out: dict[str, str | None] = {}
    resolutions = resolve(cites, refs, has_list=bool(refs), ordered=in_citation_order(text, refs))
    for c, res in zip(cites, resolutions, strict=True):
        words = text[c.start : c.end]
        ref = res.reference if res.status == "resolved" else None
        target = None if ref is None else ref.authors[0] if ref.authors else f"entry {ref.key}"
        out[f"{words}#{c.key}" if c.style == "numeric" else words] = target
    return out


NUMBERED = """Cognitive behavioural therapy helps adults with depression [1]. Group formats work too [2-3], and the
effect lasts a year in most trials [1,4]. Waiting lists harm people who need care now.4

References
1. Cuijpers P, Karyotaki E, Weitz E. The effects of psychotherapies for major depression in adults.
   J Affect Disord. 2014;159:118-26.
2. Okumura Y, Ichikura K. Efficacy and acceptability of group cognitive behavioral therapy for depression.
   J Affect Disord. 2014;164:155-64.
3. Huntley AL, Araya R, Salisbury C. Group psychological therapies for depression in the community.
   Br J Psychiatry. 2012;200(3):184-90.
4. Steinert C, Hofmann M, Kruse J, Leichsenring F. Relapse rates after psychotherapy for depression.
   J Affect Disord. 2014;168:107-18.
"""


def test_numbered_citations_brackets_ranges_lists_and_flattened_superscripts() -> None:
    refs, heading = parse_references(NUMBERED)
    assert heading is not None
    assert [r.number for r in refs] == [1, 2, 3, 4], "each entry split over two lines is one entry"
    assert refs[0].year == "2014" and "J Affect Disord" in refs[0].text
    got = links(NUMBERED)
    assert got["[1]#1"] == "Cuijpers"
    assert got["[2-3]#2"] == "Okumura" and got["[2-3]#3"] == "Huntley"
    assert got["[1,4]#1"] == "Cuijpers" and got["[1,4]#4"] == "Steinert"
    assert got["4#4"] == "Steinert", "'now.4' is a superscript flattened by extraction"


def test_flattened_superscript_needs_a_numbered_list() -> None:
    text = "Version 2 of the app came out.3 Nobody noticed the change at all."
    assert find_in_text(text) == []


APA_NO_HEADING = """Anxiety is common (Kessler et al., 2005; Bandelow & Michaelis, 2015), and most people never get
treatment. Hofmann and Smits (2008) found that CBT works for anxiety disorders. A 2015 review in Dialogues in
Clinical Neuroscience came to the same view. Researchers at Oxford University found something else entirely.
Bandelow (2015) also discusses medication.

Kessler, R. C., Berglund, P., Demler, O., Jin, R., Merikangas, K. R., & Walters, E. E. (2005). Lifetime
prevalence and age-of-onset distributions of DSM-IV disorders. Archives of General Psychiatry, 62(6), 593-602.
- Bandelow, B., & Michaelis, S. (2015). Epidemiology of anxiety disorders in the 21st century. Dialogues in
Clinical Neuroscience, 17(3), 327-335.
- Hofmann, S. G., & Smits, J. A. J. (2008). Cognitive-behavioral therapy for adult anxiety disorders: a
meta-analysis. Journal of Clinical Psychiatry, 69(4), 621-632.
https://doi.org/10.4088/jcp.v69n0415
"""


def test_author_year_and_narrative_citations_link_to_a_list_without_a_heading() -> None:
    refs, start = parse_references(APA_NO_HEADING)
    assert [r.authors[0] for r in refs] == ["Kessler", "Bandelow", "Hofmann"]
    assert start is not None and APA_NO_HEADING[start[0]:].startswith("Kessler")
    assert refs[2].doi == "10.4088/jcp.v69n0415", "the DOI on its own line belongs to the entry above"
    for r in refs:
        assert APA_NO_HEADING[r.start : r.end] == r.text
    got = links(APA_NO_HEADING)
    assert got["Kessler et al., 2005"] == "Kessler"
    assert got["Bandelow & Michaelis, 2015"] == "Bandelow"
    assert got["Hofmann and Smits (2008)"] == "Hofmann"
    assert got["Bandelow (2015)"] == "Bandelow"
    assert got["A 2015 review in Dialogues in\nClinical Neuroscience"] == "Bandelow"
    assert got["Researchers at Oxford University"] is None, "no entry matches: reported as unresolvable"
    assert not any(k.startswith(("Kessler, R", "Hofmann, S")) for k in got), "nothing inside an entry is a citation"


ANNOTATED = """Clinical Studies & Reviews
Here are a few peer-reviewed articles that support the benefits of gratitude journaling:
-
Emmons, R. A., & McCullough, M. E. (2003). Counting blessings versus burdens: An experimental study of gratitude
and hedonic well-being. Journal of Personality and Social Psychology, 84(2), 377-389. This study demonstrated that
gratitude journaling can increase happiness and life satisfaction.
-
Wood, A. M., Froh, J. J., & Geraghty, A. W. (2010). Gratitude and well-being: A review and theoretical integration.
Clinical Psychology Review, 30(7), 890-905.
This review argues that gratitude is strongly related to well-being across many studies.
"""


def test_annotated_entries_end_before_their_comment_which_cites_them() -> None:
    refs, _ = parse_references(ANNOTATED)
    assert [r.authors[0] for r in refs] == ["Emmons", "Wood"]
    assert refs[0].text.endswith("377-389.") and refs[1].text.endswith("890-905.")
    got = links(ANNOTATED)
    assert got == {"This study": "Emmons", "This review": "Wood"}


def test_annotation_stays_a_claim_and_the_entry_does_not() -> None:
    doc = prepare(Source("a", "a", "pasted text", "text", text=ANNOTATED), "en")
    claims = [c.text for c in extract_claims(doc)]
    assert any(c.startswith("This review argues that gratitude") for c in claims)
    assert not any("Journal of Personality" in c or "Counting blessings" in c for c in claims)


def test_reference_extent_keeps_titles_with_verbs() -> None:
    line = "Barrett, L. F. (2017). How Emotions Are Made: The Secret Life of the Brain. London: Macmillan."
    assert reference_extent(line) == len(line), "a title with a verb is not a comment on the entry"


WEB_LIST = """Talking therapies help many people with anxiety (BACP, 2018).

Australian Psychological Society (2018). Evidence-Based Psychological Interventions for Mental Disorders. 4th edn.
Available at
psychology.org.au/getmedia/evidence-based-psych-interventions.pdf.
BACP (2018). Working with Suicidal Clients in the Counselling Professions. Lutterworth: BACP. Available at
bacp.co.uk/gpia042.
——— (2020). ‘Providing help at the point of need: insights from single-session therapy’. Available at
bacp.co.uk/may-2020/providing-help/.
"""


def test_organisation_authors_ditto_dashes_and_wrapped_links() -> None:
    refs, _ = parse_references(WEB_LIST)
    assert [(r.authors[0], r.year) for r in refs] == [
        ("Australian Psychological Society", "2018"), ("BACP", "2018"), ("BACP", "2020")]
    assert "getmedia" in refs[0].text, "a link wrapped onto the next line stays in its entry"
    assert links(WEB_LIST) == {"BACP, 2018": "BACP"}


@pytest.mark.parametrize(("heading", "body", "cited"), [
    ("Literatura", "Petrović, M., i Jovanović, S. (2019). Anksioznost kod mladih. Psihologija, 52(1), 1-15.",
     "Petrović i sar. (2019)"),
    ("Izvori", "Horvat, A., Kovač, B., & Babić, I. (2020). Depresija u adolescenciji. Liječnički vjesnik, 142(3), "
     "45-52.", "(Horvat i sur., 2020)"),
    ("Viri", "Novak, M., Kranjc, T., & Zupan, A. (2021). Duševno zdravje mladostnikov. Zdravniški vestnik, 90(2), "
     "12-20.", "Novak in sod. (2021)"),
    ("Reference", "Kovačević, D., & Marić, L. (2018). Psihoterapija i anksioznost. Primenjena psihologija, 11(4), "
     "401-420.", "(Kovačević & Marić, 2018)"),
    ("Литература", "Петровић, М., & Јовановић, С. (2019). Анксиозност код младих. Психологија, 52(1), 1-15.",
     "Петровић и сар. (2019)"),
])
def test_serbian_croatian_slovenian_headings_and_et_al_forms(heading: str, body: str, cited: str) -> None:
    text = f"Istraživanje pokazuje isto, kako navode {cited}.\n\n{heading}\n\n{body}\n"
    refs, span = parse_references(text)
    assert span is not None and text[span[0] : span[1]] == heading
    assert len(refs) == 1
    got = links(text)
    assert list(got.values()) == [refs[0].authors[0]], got


def test_serbian_narrative_mention_in_a_named_journal() -> None:
    text = ("Studija objavljena u časopisu Psihologija pokazala je da terapija pomaže.\n\nLiteratura\n"
            "Petrović, M. (2019). Anksioznost kod mladih. Psihologija, 52(1), 1-15.\n")
    assert links(text) == {"Studija objavljena u časopisu Psihologija": "Petrović"}


def test_cited_dois_are_never_the_pages_own() -> None:
    blog = ("Exercise helps mild depression, as two reviews show.\n\n"
            "Cooney GM, Dwan K, Greig CA, et al. Exercise for depression. Cochrane Database Syst Rev.\n"
            "2013;(9):CD004366.\ndoi: 10.1002/14651858.CD004366.pub6\n"
            "Schuch FB, Vancampfort D, Richards J, et al. Exercise as a treatment for depression: a meta-analysis.\n"
            "J Psychiatr Res. 2016;77:42-51. https://doi.org/10.1016/j.jpsychires.2016.02.023\n")
    assert extract_metadata(blog).doi is None
    article = ("Depression in primary care\nDOI: 10.2147/PRBM.S63949\n\nBody text cites a trial [1].\n\n"
               "References\n1. Smith J. A trial. BMJ. 2001;3:1. doi: 10.1136/bmj.323.7303.1\n")
    assert extract_metadata(article).doi == "10.2147/PRBM.S63949"


def test_reference_entries_are_not_graded_as_prose() -> None:
    from audits.analyzers.readability import classify_sentences

    doc = prepare(Source("r", "r", "pasted text", "text", text=APA_NO_HEADING), "en")
    graded = [i.text for i in classify_sentences(doc) if i.prose]
    assert any(t.startswith("Hofmann and Smits (2008) found") for t in graded)
    assert not any("Archives of General Psychiatry" in t or "Lifetime\nprevalence" in t for t in graded)


_LINE = st.one_of(
    st.sampled_from([
        "References", "Literatura", "1.", "-", "Smith, J. (2019). A title. Journal of X, 3(2), 1-10.",
        "Smith J, Doe A. Therapy and change. J Psychother. 2019;12(3):45-60.", "https://doi.org/10.1037/abc",
        "This study found that therapy helps most people a lot.", "BACP (2018). Good practice. Available at",
        "——— (2020). Another one. Available at x.org/y.", "Therapy helps [1] people (Smith, 2019).",
        "and the rest of a title", "", "   ", "As Dan Smith notes, therapy helps.", "Dr. A. T. Doe wrote it.",
        "American Psychiatric Association. Diagnostic manual. Washington, DC: American Psychiatric Press 2013.",
        "Sleep problems are common in depression1,2 and at night.4", "The Smith Scale is used by BACP staff.",
    ]),
    st.text(alphabet=st.characters(codec="utf-8", exclude_categories=("Cs",)), max_size=80),
)


@settings(max_examples=300, deadline=None)
@given(st.lists(_LINE, max_size=14))
def test_entries_are_ordered_disjoint_and_nothing_inside_them_is_a_citation(lines: list[str]) -> None:
    text = "\n".join(lines)
    spans, heading = reference_entries(text)
    last = 0
    for a, b in spans:  # entries above a heading too (found by their shape), never the heading itself
        assert last <= a < b <= len(text)
        assert heading is None or b <= heading[0] or a >= heading[1]
        last = b
    refs, _ = parse_references(text)
    for r in refs:
        assert text[r.start : r.end] == r.text
    for c in find_in_text(text, numbered_list=True, entries=spans):
        assert not any(a <= c.start < b for a, b in spans)
    body_end = heading[0] if heading else len(text)
    for c in collect_citations(text, refs, heading):  # mentions of authors and organisations included
        assert 0 <= c.start < c.end <= len(text)
        assert (c.style == "narrative" and c.target is not None) or c.end <= body_end
        assert not any(a <= c.start < b for a, b in spans)


LIST = """
References
Cuijpers, P., Karyotaki, E., & Weitz, E. (2019). Psychotherapy for depression across income levels. World Psychiatry,
18(3), 276-285.
Smith, A., & Jones, B. (2021). Exercise and anxiety: a meta-analysis. Journal of Anxiety Disorders, 77, 102-110.
"""


@pytest.mark.parametrize(("sentence", "mention", "author"), [
    ("A 2019 study in World Psychiatry found benefits.", "A 2019 study in World Psychiatry", "Cuijpers"),
    ("A 2021 meta-analysis published in the Journal of Anxiety Disorders showed it.",
     "A 2021 meta-analysis published in the Journal of Anxiety Disorders", "Smith"),
    ("A 2021 review by Smith and colleagues agrees.", "A 2021 review by Smith", "Smith"),
    ("Evidence comes from a study published in 2019 in World Psychiatry.",
     "a study published in 2019 in World Psychiatry", "Cuijpers"),
    ("Researchers at Harvard University found otherwise.", "Researchers at Harvard University", None),
    ("A 2020 study in World Psychiatry found benefits.", "A 2020 study in World Psychiatry", None),
    ("Smith et al. 2021 pooled eleven trials.", "Smith et al. 2021", "Smith"),
    ("As Cuijpers et al., 2019 put it, income matters.", "Cuijpers et al., 2019", "Cuijpers"),
])
def test_narrative_mentions_resolve_by_author_year_or_venue_or_are_reported(
        sentence: str, mention: str, author: str | None) -> None:
    assert links(sentence + "\n" + LIST) == {mention: author}


def test_an_unmatched_mention_is_reported_as_not_in_the_list() -> None:
    from tests.audits.test_citations_consistency import analyze

    result = analyze("A 2020 study in World Psychiatry found benefits.\n" + LIST)
    (finding,) = [f for f in result.findings if f.rule == "citations.unresolvable"]
    assert "no entry of the reference list matches" in finding.message
    assert "A 2020 study in World Psychiatry" in finding.message


def test_a_journal_page_list_with_authors_on_bullet_lines_parses_each_entry_whole() -> None:
    text = """Depression is common worldwide.1,2

      References

      1. 1.
        • Patel V
        • Saxena S
        • et al.
        The Lancet Commission on global mental health and sustainable development.
        Lancet. 2018; 392: 1553-1598
      2. 2.
        Global, regional, and national incidence of 354 diseases, 1990–2017: a systematic analysis.
        Lancet. 2018; 392: 1789-1858
"""
    refs, heading = parse_references(text)
    assert heading is not None
    assert [(r.number, r.authors, r.year) for r in refs] == [(1, ("Patel", "Saxena"), "2018"), (2, (), "2018")]
    assert refs[0].title == "The Lancet Commission on global mental health and sustainable development"
    assert refs[0].journal == "Lancet" and refs[1].journal == "Lancet"
    assert refs[1].title.startswith("Global, regional, and national incidence")
    assert links(text) == {"1,2#1": "Patel", "1,2#2": "entry 2"}


def test_numbers_cite_the_nth_entry_of_a_list_whose_numbers_were_lost() -> None:
    text = ("Therapy helps [1], and so does exercise [2].\n\nReferences\n"
            "Cuijpers P, Karyotaki E. Psychotherapy for depression in adults. World Psychiatry. 2020;19(1):92-107.\n"
            "Schuch FB, Vancampfort D. Exercise as a treatment for depression. J Psychiatr Res. 2016;77:42-51.\n")
    assert links(text) == {"[1]#1": "Cuijpers", "[2]#2": "Schuch"}
    assert links(text.replace("[2]", "[3]")) == {"[1]#1": None, "[3]#3": None}, "a number beyond the list: not guessed"


def test_an_acronym_cites_the_organisation_entry() -> None:
    text = ("Depression affects 280 million people (WHO, 2023). NICE (2022) recommends talking therapy first.\n\n"
            "References\n"
            "World Health Organization. (2023). Depressive disorder (depression). Fact sheet. Available at who.int.\n"
            "National Institute for Health and Care Excellence (NICE) (2022). Depression in adults: treatment and "
            "management. NICE guideline NG222.\n")
    got = links(text)
    assert got["WHO, 2023"] == "World Health Organization"
    assert got["NICE (2022)"] is not None and got["NICE (2022)"].startswith("National Institute")


@pytest.mark.parametrize("after", [
    "Book your free consultation today and start feeling better.",
    "Posted in Anxiety, Depression | Tags: CBT, therapy",
    "About the author",
    "Share this article",
    "Jane Smith is a counsellor in Leeds with 15 years of experience.",
])
def test_a_line_after_an_entry_joins_it_only_when_it_continues_it(after: str) -> None:
    entry = "Cuijpers P, Karyotaki E. Psychotherapy for depression in adults. World Psychiatry. 2020;19(1):92-107."
    for text in (f"Therapy helps.\n{entry}\n{after}\n", f"Therapy helps.\n\nReferences\n{entry}\n\n{after}\n"):
        refs, _ = parse_references(text)
        assert refs and refs[0].text == entry, text


def test_numbered_links_at_the_end_are_the_notes_a_numbered_text_cites() -> None:
    text = ("Mindfulness can reduce stress for many people.[1] It also helps sleep.[2]\n"
            "1. https://www.nhs.uk/mental-health/self-help/tips-and-support/mindfulness/\n"
            "2. https://www.mind.org.uk/information-support/drugs-and-treatments/mindfulness/\n")
    refs, _ = parse_references(text)
    assert [r.number for r in refs] == [1, 2]
    assert links(text) == {"[1]#1": "entry 1", "[2]#2": "entry 2"}
    steps = ("How to get help\n1. Call 111 or visit https://111.nhs.uk for advice.\n"
             "2. Find a talking therapy service at https://www.nhs.uk/talk.\n")
    assert parse_references(steps)[0] == [], "steps with links in a text that cites nothing are not notes"


def test_a_bulleted_list_under_a_sources_heading_keeps_one_entry_per_bullet() -> None:
    text = ("Mindfulness can reduce stress for many people.\nSources:\n"
            "- Mindfulness-based therapy: a comprehensive meta-analysis (Clinical Psychology Review, 2013)\n"
            "- Meditation programs for psychological stress and well-being (JAMA Internal Medicine, 2014)\n")
    refs, heading = parse_references(text)
    assert heading is not None and [r.year for r in refs] == ["2013", "2014"]


def test_reference_entries_without_a_heading_raise_no_evidence_findings() -> None:
    from tests.audits.test_citations_consistency import analyze

    text = ("Most people with panic disorder improve with CBT (Kessler et al., 2005).\n\n"
            "Kessler, R. C., Chiu, W. T., Demler, O., & Walters, E. E. (2005). Prevalence, severity, and comorbidity "
            "of 12-month DSM-IV disorders: 26% of adults affected. Archives of General Psychiatry, 62(6), 617-627.\n")
    result = analyze(text)
    refs = result.section["references"]
    assert len(refs) == 1
    entry = (refs[0]["start"], refs[0]["end"])
    assert [c["status"] for c in result.section["in_text"]] == ["resolved"]
    flagged = [f for f in result.findings if f.rule.startswith("citations.")
               and f.rule != "citations.uncited-reference" and entry[0] <= f.start < entry[1]]
    assert flagged == []


def test_the_cite_this_article_line_gives_the_pages_own_doi() -> None:
    text = ("Loneliness and depression in older adults\n"
            "Cite this article: Smith, J., & Doe, A. (2021). Loneliness and depression in older adults. "
            "Journal of Ageing, 12(3), 45-60. https://doi.org/10.1234/joa.2021.0042\n\n"
            "Loneliness predicts depression (Cacioppo et al., 2010).\n\nReferences\n"
            "Cacioppo, J. T., Hawkley, L. C., & Thisted, R. A. (2010). Perceived social isolation makes me sad. "
            "Psychology and Aging, 25(2), 453-463. https://doi.org/10.1037/a0017216\n")
    for variant in (text, text.replace("Cite this article: ", "Cite this article\n")):  # the label on its own line
        assert extract_metadata(variant).doi == "10.1234/joa.2021.0042"
        refs, _ = parse_references(variant)
        assert [r.authors[0] for r in refs] == ["Cacioppo"], "the page's own citation line is not a cited work"


def test_an_entry_with_authors_title_and_journal_on_three_lines_is_one_entry() -> None:
    text = ("Gratitude is linked to well-being (Wood et al., 2010).\n\n"
            "Wood, A. M., Froh, J. J., & Geraghty, A. W. (2010).\n"
            "Gratitude and well-being: A review and theoretical integration.\n"
            "Clinical Psychology Review, 30(7), 890-905.\n")
    for variant in (text, text.replace("\n\nWood", "\n\nReferences\nWood")):
        refs, _ = parse_references(variant)
        assert len(refs) == 1 and refs[0].text.endswith("890-905.")
        assert refs[0].title == "Gratitude and well-being: A review and theoretical integration"
        assert links(variant) == {"Wood et al., 2010": "Wood"}


def test_serbian_croatian_slovenian_entries_without_a_heading() -> None:
    text = ("Depresija je česta (Svjetska zdravstvena organizacija, 2022), a psihoterapija pomaže "
            "(Hudolin, 1987).\n"
            "Depresija je vrlo česta bolest (2021). Liječi se psihoterapijom i lijekovima.\n\n"
            "Hudolin, V. (1987). Psihijatrija i neurologija. Zagreb: Školska knjiga.\n"
            "Svjetska zdravstvena organizacija (2022). Mentalno zdravlje: činjenice. Dostupno na:\n"
            "https://www.who.int/news-room/fact-sheets/detail/mental-health\n"
            "Nacionalni inštitut za javno zdravje (2023). Duševno zdravje otrok. Ljubljana: NIJZ.\n")
    refs, _ = parse_references(text)
    assert [(r.authors[0], r.year) for r in refs] == [
        ("Hudolin", "1987"), ("Svjetska zdravstvena organizacija", "2022"),
        ("Nacionalni inštitut za javno zdravje", "2023")]
    assert "who.int" in refs[1].text
    assert links(text) == {"Svjetska zdravstvena organizacija, 2022": "Svjetska zdravstvena organizacija",
                           "Hudolin, 1987": "Hudolin"}


ABBREVIATED = """
Mindfulness lowered anxiety, and a 2018 review in Clinical Psychology Review found the same across trials.
A 2016 study in the Journal of Psychiatric Research agrees.

1. Goldberg SB, Tucker RP. Mindfulness-based interventions for psychiatric disorders. Clin Psychol Rev. 2018;59:52-60.
2. Schuch FB, Vancampfort D. Exercise as a treatment for depression. J Psychiatr Res. 2016;77:42-51.
3. Hoge EA, Bui E. Mindfulness meditation for generalized anxiety disorder. J Clin Psychiatry. 2013;74(8):786-92.
"""


def test_a_venue_named_in_full_links_to_an_entry_that_abbreviates_its_journal() -> None:
    got = links(ABBREVIATED)
    assert got["a 2018 review in Clinical Psychology Review"] == "Goldberg"
    assert got["A 2016 study in the Journal of Psychiatric Research"] == "Schuch"


@pytest.mark.parametrize("mention", [
    "A 2018 review in Therapy Today",  # "the"/"and" in an entry never stand for a venue's word
    "A 2018 review in Clinical Oncology",  # one word abbreviated is not the whole venue
])
def test_an_abbreviation_never_matches_a_different_venue(mention: str) -> None:
    assert links(mention + " found the same.\n" + ABBREVIATED)[mention] is None


@given(st.lists(st.sampled_from(["Anxiety", "Depression", "Psychiatry", "Research", "Clinical", "Reviews",
                                 "Behaviour", "Therapy", "Journal", "Mental", "Health"]), min_size=1, max_size=4),
       st.integers(min_value=3, max_value=6))
@settings(max_examples=60, deadline=None)
def test_any_journal_name_links_to_its_own_abbreviation(words: list[str], cut: int) -> None:
    venue = " ".join(words)
    abbreviation = " ".join(w[:cut] for w in words)
    text = (f"A 2019 study in {venue} found it.\n\n"
            f"1. Novak A, Reid B. A trial of talking therapy. {abbreviation}. 2019;4:1-9.\n"
            f"2. Lee C, Park D. Another trial of talking therapy. Lancet. 2019;1:2-3.\n")
    distinctive = [w for w in words if w.lower() != "journal"]
    assert links(text) == {f"A 2019 study in {venue}": "Novak" if distinctive else None}


REGIONAL_NAMES = """Anxiety starts early in many students (Čović i Đurić, 2015; Šarić, 2018). Later work agreed
(Petrović i saradnici, 2014; Novak idr., 2017), and Croatian data too (Žigić i suradnici, 2019).
Others (e.g., van der Berg, 2011) disagree, Müller's (2010) model is older, and the manual's definition
(American Psychiatric Association [APA], 2013) changed little (APA, 2013). A review is forthcoming
(Lee, in press); some pages have no date (Mind, n.d.).

References
American Psychiatric Association. (2013). Diagnostic and statistical manual of mental disorders (5th ed.).
Čović, M., & Đurić, S. (2015). Anksioznost kod studenata. Psihologija, 48(2), 101-115.
Lee, R. (in press). A forthcoming review of anxiety treatment. Psychological Bulletin.
Mind. (n.d.). Anxiety and panic attacks. https://www.mind.org.uk/
Müller, H. (2010). Ein Modell der Angst. Göttingen: Hogrefe.
Novak, M., Horvat, A., & Zupan, T. (2017). Duševno zdravje v Sloveniji. Zdravstveno varstvo, 56(1), 20-28.
Petrović, D., Jovanović, M., & Nikolić, S. (2014). Anksioznost u Srbiji. Engrami, 36(3), 5-18.
Šarić, Ž. (2018). Tjeskoba u adolescenciji. Socijalna psihijatrija, 46(1), 20-35.
van der Berg, L. (2011). Disagreement about anxiety. Clinical Psychology Review, 31, 1-9.
Žigić, A., Horvat, B., & Kos, C. (2019). Studenti i stres. Medicina Fluminensis, 55(2), 140-150.
"""


def test_regional_and_irregular_author_forms_link_to_their_entries() -> None:
    """Surnames opening with Č, Š, Ž, Đ (Latin Extended-A), written-out "i saradnici"/"i suradnici", Slovenian
    "idr.", particles, possessives, a defined abbreviation, and undated or forthcoming works: each citation finds
    its entry."""
    refs, _ = parse_references(REGIONAL_NAMES)
    assert [r.key for r in refs] == ["American Psychiatric Association 2013", "Čović 2015", "Lee in press",
                                     "Mind n.d.", "Müller 2010", "Novak 2017", "Petrović 2014", "Šarić 2018",
                                     "van der Berg 2011", "Žigić 2019"]
    got = links(REGIONAL_NAMES)
    assert got["Čović i Đurić, 2015"] == "Čović" and got["Šarić, 2018"] == "Šarić"
    assert got["Novak idr., 2017"] == "Novak"
    assert got["Petrović i saradnici, 2014"] == "Petrović" and got["Žigić i suradnici, 2019"] == "Žigić"
    assert got["e.g., van der Berg, 2011"] == "van der Berg" and got["Müller's (2010)"] == "Müller"
    assert got["American Psychiatric Association [APA], 2013"] == got["APA, 2013"] == "American Psychiatric Association"
    assert got["Lee, in press"] == "Lee" and got["Mind, n.d."] == "Mind"


def test_a_lowercase_word_before_a_name_is_not_a_particle_author() -> None:
    """Particles open a surname only when a capitalised name follows: "(see de facto rules, 2019)" is no citation."""
    text = "Some rules changed (de facto rules, 2019). Others did not (van 2019).\n"
    assert links(text) == {}


WIKIPEDIA_LIST = """Anxiety disorders are the most common mental disorders.[1][2] About 12% of people are affected in a
year.[3] Women are affected about twice as often as men.[2]: 45 Treatment includes psychotherapy (Otte 2011).

References
^ Craske MG, Stein MB (2016). "Anxiety". Lancet. 388 (10063): 3048–3059.
^ a b Bandelow, Borwin; Michaelis, Sophie (2015). "Epidemiology of anxiety disorders in the 21st century". Dialogues in Clinical Neuroscience. 17 (3): 327–335.
^ "Anxiety disorders". NIMH. Retrieved 2019-03-22.
^ Otte C (2011). "Cognitive behavioral therapy in anxiety disorders". Dialogues in Clinical Neuroscience. 13 (4): 413–421.
"""  # noqa: E501  (an entry is one line, as a copied Wikipedia list has it)


def test_a_copied_wikipedia_list_splits_at_each_caret_and_numbers_link_in_order() -> None:
    """Wikipedia's reference lists lose their numbers when copied as text: each entry starts with "^" (and the
    letters of its back-links, "^ a b"). Each caret starts an entry, [n] is the n-th entry, and authors are read
    from Vancouver names and from "Surname, Given;" lists."""
    refs, heading = parse_references(WIKIPEDIA_LIST)
    assert heading is not None and len(refs) == 4
    assert [r.authors[:1] for r in refs] == [("Craske",), ("Bandelow",), (), ("Otte",)]
    assert not any(r.text.startswith("^") or r.text.startswith("a b") for r in refs)
    got = links(WIKIPEDIA_LIST)
    assert got["[1]#1"] == "Craske" and got["[2]#2"] == "Bandelow"
    assert str(got["[3]#3"]).startswith('entry "Anxiety disorders"')
    assert got["Otte 2011"] == "Otte"


def test_a_wikipedia_list_cut_short_still_links_its_first_notes_in_order() -> None:
    """A copy that stops inside the reference list (notes [5] and [6] cited, four entries kept): the carets show the
    list is in citation order, so [1] to [3] still link and only the notes past the cut are missing. A plain
    unnumbered list gets no such reading (test_numbers_cite_the_nth_entry_of_a_list_whose_numbers_were_lost)."""
    cut = WIKIPEDIA_LIST.replace("in a\nyear.[3]", "in a\nyear.[3][5] Many never seek help.[6]")
    got = links(cut)
    assert got["[1]#1"] == "Craske" and got["[2]#2"] == "Bandelow"
    assert str(got["[3]#3"]).startswith('entry "Anxiety disorders"')
    assert got["[5]#5"] is None and got["[6]#6"] is None
    uncareted = cut.replace("^ a b ", "").replace("^ ", "")
    assert links(uncareted)["[1]#1"] is None, "without the carets the order of the list is not known"


HARVARD_LOCATORS = """Stres utiče na zdravlje (Smith 2019: 45).
Mnogi autori se slažu (Jones, 2020a, 2020b; vidi i Brown, 2018).
Kako navode Marković i Ilić (2017: 12-14), terapija pomaže.

Literatura:
1) Brown, A. (2018). Stress and health. London: Sage.
2) Jones, B. (2020a). Stress one. Journal of Stress, 1, 1-10.
3) Jones, B. (2020b). Stress two. Journal of Stress, 2, 11-20.
4) Marković, M., Ilić, J. (2017). Psihoterapija. Beograd: Zavod.
5) Smith, J. (2019). The stress book. Oxford: OUP.
"""


def test_harvard_page_locators_and_see_also_in_serbian_link_to_their_entries() -> None:
    """Harvard's colon page locator ("Smith 2019: 45", "(2017: 12-14)") and "vidi i" (see also) before a name."""
    got = links(HARVARD_LOCATORS)
    assert got["Smith 2019: 45"] == "Smith" and got["Marković i Ilić (2017: 12-14)"] == "Marković"
    assert got["vidi i Brown, 2018"] == "Brown"
    assert links("Fewer people came (In 2019: 45).\n") == {}


GLUED = """Psychotherapy is effective for depression1 and works as well as medication for many people2,3. Combined
treatment is best for severe cases1, 4. Vitamin B12 and COVID19 are no citations, nor is www.example.com/article12.

References
1. Cuijpers P. Psychotherapies for adult depression. World Psychiatry. 2019;18(3):276-285.
2. Cipriani A. Comparative efficacy of antidepressants. Lancet. 2018;391:1357-66.
3. Smith J. Therapy outcomes. BMJ 2018;360:k1.
4. Jones K. Combined treatment. J Affect Disord. 2017;210:1-9.
"""


def test_superscripts_glued_to_their_word_link_when_the_list_is_numbered() -> None:
    """A page that lost its <sup> tags glues the note numbers to the word ("depression1", "people2,3"); with a
    numbered list they are citations, while "B12", "COVID19" and a link's digits are not."""
    got = links(GLUED)
    assert got["1#1"] == "Cuijpers" and got["2,3#2"] == "Cipriani" and got["2,3#3"] == "Smith"
    assert got["1, 4#4"] == "Jones"
    assert not any(key.startswith(("12#", "19#")) for key in got)
    assert links(GLUED.split("References")[0]) == {}  # no numbered list: the digits are left alone


CHICAGO = """Grief can last years (Smith and others, 2019). Support groups help (Brown et al, 2020), a Serbian review
agrees (Petrović i drugi, 2015).

Bibliography
Brown, Anna, Ben Green, and Carl White. 2020. Grief in adults. Journal of Loss 12 (3): 1-10.
Petrović, M., Ilić, P., & Marković, D. (2015). Tugovanje. Psihologija, 48(2), 10-20.
Smith, John. 2019. Grief: A Guide. New York: Norton.
"""


def test_authors_named_in_full_and_and_others_link_to_their_entries() -> None:
    """Chicago-style entries name authors in full ("Smith, John. 2019. Title."), and "and others" / "i drugi"
    stand for et al.: the surname before the first comma is the first author, the lone year is not the title."""
    refs, _ = parse_references(CHICAGO)
    assert [(r.authors[:1], r.year, r.title) for r in refs] == [
        (("Brown",), "2020", "Grief in adults"), (("Petrović",), "2015", "Tugovanje"),
        (("Smith",), "2019", "Grief: A Guide")]
    got = links(CHICAGO)
    assert got["Smith and others, 2019"] == "Smith" and got["Brown et al, 2020"] == "Brown"
    assert got["Petrović i drugi, 2015"] == "Petrović"


NOTES = """Loneliness raises the risk of early death by a quarter.¹ It is as harmful as smoking fifteen cigarettes a
day.² Young adults report it most often.³

Notes
1. Holt-Lunstad J, Smith TB, Baker M, Harris T, Stephenson D. Loneliness and social isolation as risk factors for mortality. Perspect Psychol Sci. 2015;10(2):227-37.
2. Holt-Lunstad J, Smith TB, Layton JB. Social relationships and mortality risk. PLoS Med. 2010;7(7):e1000316.
3. Office for National Statistics. Loneliness - What characteristics and circumstances are associated with feeling lonely? 2018.
"""  # noqa: E501  (each note is one line, as pages have them)


def test_footnote_markers_link_to_numbered_notes_that_are_references() -> None:
    """Superscripts with a Notes section are footnotes; when the notes are numbered reference entries, each marker
    links to its note, and a note in the same numbered run that ends with its year (an official report whose
    title reads like a sentence) is an entry too."""
    refs, _ = parse_references(NOTES)
    assert [r.number for r in refs] == [1, 2, 3]
    got = links(NOTES)
    assert got["¹#1"] == got["²#2"] == "Holt-Lunstad" and got["³#3"] == "Office for National Statistics"


def test_a_numbered_list_of_tips_is_not_a_reference_list() -> None:
    """A numbered run counts as notes only when one item is plainly a reference and the text cites by number."""
    # every item carries a year (a sign of a reference), none is plainly one
    text = ("Try these steps.[1]\n\n1. Sleep at least seven hours, as advised since 2015.\n"
            "2. Walk for twenty minutes a day, as many did in 2024.\n3. Talk to someone you trust, as in 2020.\n")
    refs, _ = parse_references(text)
    assert refs == []


VENUE_FIRST = """Exercise helps with mild depression: a Cochrane review (2013) pooled the trials,
and a 2016 Stanford study agreed. A recent review and a small study said the same.

References
Cooney GM, Dwan K, Greig CA, et al. Exercise for depression. Cochrane Database Syst Rev. 2013;(9):CD004366.
Smith J, Lee K. Exercise and mood in students. Stanford Medicine Reports. 2016;4:1-9.
"""


def test_a_study_named_by_its_venue_before_the_study_word_links_to_its_entry() -> None:
    """"A Cochrane review (2013)" and "a 2016 Stanford study" name the work by its venue or body placed before the
    study word; "a recent review" and "a small study" name nothing."""
    got = links(VENUE_FIRST)
    assert got["a Cochrane review (2013)"] == "Cooney" and got["a 2016 Stanford study"] == "Smith"
    assert not any("recent" in k or "small" in k for k in got)


@settings(max_examples=80, deadline=None)
@given(st.sampled_from(["B", "Hb", "COVID", "H1N", "site.com/page", "mail@site", "file_name", "a.b", "Mp"]),
       st.integers(min_value=0, max_value=999), st.sampled_from([" ", ".", ", ", ")", "\n"]))
def test_digits_glued_to_a_code_or_a_link_are_never_citations(word: str, number: int, after: str) -> None:
    """Glued note numbers need three lower-case letters right before them and no link, address or code around
    them, whatever the number and whatever follows, even on a page with a numbered list."""
    text = f"Levels of {word}{number}{after}matter.[1]\n\nReferences\n{NUMBERED.split('References')[1]}"
    glued = f"{word}{number}"
    cites = [c for c in find_in_text(text, text.index("References"), numbered_list=True)
             if text[c.start:c.end] == str(number) and text[c.start - len(word):c.end] == glued]
    assert cites == []


LINK_PAGES = Path(__file__).resolve().parents[2] / "eval" / "links" / "pages"


def _page(page_id: str) -> str:
    """A real page labelled for its citation links (eval/links; an even id: rules may be written from it)."""
    return (LINK_PAGES / f"{page_id}.txt").read_text(encoding="utf-8")


def test_a_list_printed_without_numbers_is_cited_by_its_order() -> None:
    """A patient page (kindtomyself.net) cites a bare Vancouver list by superscripts its extraction glued to the
    words ("depression1,2", "problems.1,2"); the list opens with an organisation as author, whose entry shows too
    few signs alone to be found, and leaving it out would shift every number by one."""
    text = _page("l10-en-22")
    refs, _ = parse_references(text)
    assert [r.authors[0] for r in refs] == ["American Psychiatric Association", "Tsuno", "Franzen", "Hirshkowitz"]
    found = links(text)
    assert found["1,2#1"] == "American Psychiatric Association" and found["1,2#2"] == "Tsuno"
    assert found["1,3#3"] == "Franzen" and found["4#4"] == "Hirshkowitz"
    # The same page with an author-year citation in it: its numbers are no longer read as the list's order.
    mixed = text.replace("Sleep issues are common in depression1,2", "Sleep issues are common (Tsuno, 2005)")
    assert not any(key.startswith("1,3") for key in links(mixed))


def test_glued_digits_past_the_end_of_an_unnumbered_list_are_not_citations() -> None:
    text = ("Most people need 7 to 9 hours of sleep every night4 and adults sleep less in winter.5\n\n"
            "Tsuno N, Besset A, Ritchie K. Sleep and depression. J Clin Psychiatry. 2005;66(10):1254-1269\n"
            "Franzen PL, Buysse DJ. Sleep disturbances and depression. Dialogues Clin Neurosci. 2008;10(4):473-481.\n")
    assert links(text) == {}


def test_an_entry_is_cited_by_its_first_authors_name() -> None:
    """Narrative mentions without a year: a given name or a title before the surname (a Wikipedia copy naming the
    scale's author, a therapist's post naming Dr. Dan Siegel), or an organisation that wrote the entry."""
    assert links(_page("l10-en-18"))["Stan Kutcher"].endswith("Kutcher, Stan")
    assert links(_page("l10-en-26")) == {"Dr. Dan Siegel": "Siegel"}
    assert links(_page("l10-en-10"))["U.S. Preventive Services Task Force"] == "U.S. Preventive Services Task Force"


def test_a_name_is_no_citation_when_it_is_a_title_word_or_fits_two_entries() -> None:
    kutcher = _page("l10-en-18")
    assert "The Kutcher" not in " ".join(links(kutcher)), "the scale's name is not a mention of its author"
    two = ("As Dan Siegel puts it, the mind is relational.\n\nReferences\n"
           "Siegel, D. (1999). The developing mind. New York: Guilford Press.\n"
           "Siegel, D. (2010). Mindsight: The new science of personal transformation. New York: Bantam.\n")
    assert "Dan Siegel" not in links(two), "two entries by Siegel: which one is not guessed"
    split = ("This was written by Dan\nSiegel long ago.\n\nReferences\n"
             "Siegel, D. (1999). The developing mind. New York: Guilford Press.\n")
    assert not any("Siegel" in key for key in links(split)), "a line break does not join a name"


def test_entries_behind_a_label_or_with_a_semicolon_after_the_initials_are_found() -> None:
    """Two forms from real pages: "Citation – Marks, I. M., ..." (a label and a dash before the entry, cited as
    "Marks, Matthews (1979)") and Wikipedia's "Svanborg, P; Åsberg, M (2001)." (a semicolon after the initials)."""
    marks, _ = parse_references(_page("l10-en-04"))
    assert ("Marks", "1979") in [(r.authors[0], r.year) for r in marks if r.authors]
    assert all(not r.key.startswith("Citation") for r in marks), "the label is not part of the entry's key"
    svanborg, _ = parse_references(_page("l10-en-28"))
    assert any(r.authors[:1] == ("Svanborg",) for r in svanborg)


def test_a_sentence_opening_word_before_a_name_is_not_a_given_name() -> None:
    refs = ("\n\nReferences\nSmithson, J. (1990). A study of worry. Journal of Anxiety, 3(2), 1-10.\n"
            "Brown, K. (1991). A study of sleep. Journal of Sleep, 4(1), 2-9.\n")
    assert links("As Jane Smithson wrote, worry is common." + refs) == {"Jane Smithson": "Smithson"}
    assert links("As Smithson et al. showed, worry is common." + refs) == {"Smithson": "Smithson"}
    assert links("The Smithson scale measures worry." + refs) == {}


def test_a_year_glued_to_the_comma_is_still_a_citation() -> None:
    """The space after the last author's comma is often lost ("Mermelstein,1983"); the citation is still read and
    linked, while a date that lost the same space ("January,2019") is not taken for one."""
    text = """The Perceived Stress Scale (PSS-10; Cohen, Kamarck, & Mermelstein,1983) is a popular tool for measuring
stress. Sleep was short in the second wave (Walker,2017). The sample grew (January,2019).

References
Cohen, S., Kamarck, T., & Mermelstein, R. (1983). A global measure of perceived stress. Journal of Health and
Social Behavior, 24, 385-396.
Walker, M. (2017). Why we sleep. Scribner.
"""
    found = links(text)
    assert found["Cohen, Kamarck, & Mermelstein,1983"] == "Cohen"
    assert found["Walker,2017"] == "Walker"
    assert not any("January" in k for k in found)


SCALE_PAGE = """The Perceived Stress Scale measures how unpredictable and overloaded people find their lives. It was
first tested on a national sample (Cohen & Williamson, 1988) and its ten-item form is the one most used (Lee, 2012).

Developer

Cohen, S., & Williamson, G. (1988). Perceived stress in a probability sample of the United States. In S. Spacapan & S.
Oskamp (Eds.), The social psychology of health. Newbury Park, CA: Sage.

References

Lee, E.-H. (2012). Review of the psychometric evidence of the perceived stress scale. Asian Nursing Research, 6(4),
121–127. https://doi.org/10.1016/j.anr.2012.08.004
"""


def test_an_entry_standing_above_the_reference_heading_is_found_by_its_shape_and_cited() -> None:
    """A scale's source printed under "Developer", above the page's "References": an entry by its form, so the
    citation of it resolves instead of being reported as missing from the list; the prose above stays prose."""
    refs, heading = parse_references(SCALE_PAGE)
    assert heading is not None and [(r.authors[0], r.year) for r in refs] == [("Cohen", "1988"), ("Lee", "2012")]
    assert refs[0].end < heading[0] and SCALE_PAGE[refs[0].start:].startswith("Cohen, S., & Williamson")
    assert links(SCALE_PAGE) == {"Cohen & Williamson, 1988": "Cohen", "Lee, 2012": "Lee"}


def test_a_page_of_repeated_reference_headings_is_read_without_recursing() -> None:
    """Entries above the last heading are read as on a page without one, once: thousands of "References" lines (a
    broken export) give the one entry, not a recursion error."""
    text = "References\n" * 3000 + "Smith, J. (2020). Worry in adults. Journal of Anxiety, 1(2), 3-4.\n"
    spans, heading = reference_entries(text)
    assert heading is not None and [text[a:b] for a, b in spans] == [text.splitlines()[-1]]
