"""Reference-list parser: Vancouver, APA, Harvard and organisation entries; headings; DOIs."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from audits.citations.references import doi_is_valid, find_heading, parse_entry, parse_references

ENTRIES = [
    ("Mathew SJ, Wilkinson ST, Altinay M et al. Electroconvulsive therapy (ECT) vs. Ketamine in patients with "
     "Treatment-resistant Depression: The ELEKT-D study protocol. *Contemp Clin Trials*. 2019;77:19-26.",
     ("Mathew", "Wilkinson", "Altinay"), "2019",
     "Electroconvulsive therapy (ECT) vs. Ketamine in patients with Treatment-resistant Depression: The ELEKT-D "
     "study protocol", "Contemp Clin Trials"),
    ("Castrén E, Hen R. Neuronal plasticity and antidepressant actions. Trends Neurosci. 2013;36(5):259-67.",
     ("Castrén", "Hen"), "2013", "Neuronal plasticity and antidepressant actions", "Trends Neurosci"),
    ("Van der Berg AB, Jones C. A trial of talking therapy. Lancet. 2010;1:2.",
     ("Van der Berg", "Jones"), "2010", "A trial of talking therapy", "Lancet"),
    ("Nguyen, T., & Reid, K. L. (2018). Therapeutic alliance and outcome in psychotherapy. Journal of Counseling "
     "Psychology, 65(3), 1–10. https://doi.org/10.1037/cou0000001",
     ("Nguyen", "Reid"), "2018", "Therapeutic alliance and outcome in psychotherapy",
     "Journal of Counseling Psychology"),
    ("Wampold, B. E. (2015). How important are the common factors in psychotherapy? An update. World Psychiatry, "
     "14(3), 270–277.",
     ("Wampold",), "2015", "How important are the common factors in psychotherapy? An update", "World Psychiatry"),
    ("Sperry, L., & Carlson, J. (2013). How master therapists work. Routledge.",
     ("Sperry", "Carlson"), "2013", "How master therapists work", "Routledge"),
    ("National Institute of Mental Health. (2023). Psychotherapies. NIMH.",
     ("National Institute of Mental Health",), "2023", "Psychotherapies", "NIMH"),
    ("Wampold, B.E. 2015. The great psychotherapy debate. Routledge.",
     ("Wampold",), "2015", "The great psychotherapy debate", None),
]


@pytest.mark.parametrize(("entry", "authors", "year", "title", "journal"), ENTRIES)
def test_entry_formats(entry: str, authors: tuple[str, ...], year: str, title: str, journal: str | None) -> None:
    parsed = parse_entry(entry)
    assert parsed["authors"] == authors
    assert parsed["year"] == year
    assert parsed["title"] == title
    if journal is not None:
        assert parsed["journal"] == journal


@pytest.mark.parametrize("heading", ["References", "REFERENCES", "Bibliography", "Literature", "Reference list",
                                     "Literatura", "Izvori", "References:"])
def test_headings(heading: str) -> None:
    text = f"Body [1].\n\n{heading}\n\n1. Smith J. A title here. BMJ. 2001;3:1."
    refs, span = parse_references(text)
    assert span is not None and text[span[0] : span[1]].strip() == heading
    assert [r.key for r in refs] == ["1"]
    assert text[refs[0].start : refs[0].end] == refs[0].text


def test_no_heading_means_no_list() -> None:
    assert parse_references("We read many references in this field.\n1. One thing.") == ([], None)
    assert find_heading("references are good") is None


def test_numbered_forms_and_dois() -> None:
    text = ("Body.\nReferences\n[1] Smith J. First title. BMJ. 2001;3:1. doi:10.1136/bmj.323.7303.1\n"
            "2) Jones K. Second title. Lancet. 2002;4:2. doi: 10.12/bad\n")
    refs, _ = parse_references(text)
    assert [r.number for r in refs] == [1, 2]
    assert refs[0].doi == "10.1136/bmj.323.7303.1" and refs[0].doi_valid is True
    assert refs[1].doi == "10.12/bad" and refs[1].doi_valid is False
    assert text[refs[1].doi_span[0] : refs[1].doi_span[1]] == "10.12/bad"


@pytest.mark.parametrize(("doi", "ok"), [
    ("10.35841/aacpcp-7.3.148", True), ("10.1016/j.cct.2019.01.001", True), ("10.12/bad", False),
    ("10.1000/", False), ("1o.1000/x", False),
])
def test_doi_validity(doi: str, ok: bool) -> None:
    assert doi_is_valid(doi) is ok


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=400))
def test_reference_parser_never_raises(text: str) -> None:
    refs, heading = parse_references("References\n" + text)
    full = "References\n" + text
    for r in refs:
        assert 0 <= r.start <= r.end <= len(full)
        assert full[r.start : r.end] == r.text
    assert heading is not None


def test_reference_list_without_a_heading_is_found_by_its_shape() -> None:
    text = (
        "Therapy helps many people with depression, and a 2020 review in World Psychiatry says so.\n"
        "Most people improve within a few months of weekly sessions.\n"
        "Cuijpers P, Karyotaki E. Psychotherapy for depression in adults. World Psychiatry. 2020;19(1):92-107.\n"
        "Hofmann, S. G., Asnaani, A., & Vonk, I. J. (2012). The efficacy of cognitive behavioral therapy. "
        "Cognitive Therapy and Research, 36(5), 427-440.\n"
        "https://doi.org/10.1007/s10608-012-9476-1\n"
    )
    refs, start = parse_references(text)
    assert [r.authors[0] for r in refs] == ["Cuijpers", "Hofmann"]
    assert refs[1].doi == "10.1007/s10608-012-9476-1", "a lone DOI line joins the entry above it"
    assert start is not None and text[start[0]:].startswith("Cuijpers")
    for r in refs:
        assert text[r.start:r.end] == r.text, "an entry split across lines keeps its exact span"


def test_an_entry_cut_short_after_its_author_list_and_title_is_still_an_entry() -> None:
    """A page cut off mid-list ends on an entry with no year or journal yet: a list of several authors in a citation
    style's form followed by a title is an entry; the same list on its own (a tool's authors) is not."""
    text = (
        "Bibliographic reference of the original questionnaire\n\n"
        "Derogatis LR, Lipman RS, Rickels K, Uhlenhuth EH, Covi L. The Hopkins Symptom Checklist (HSCL): a self-report "
        "symptom inventory. Behav Sci. 1974 Jan;19(1):1-15\n\n"
        "Jacobs D, Garcia CR, Rickels K, & Preucel RW. A prospective study on the psychological effects of therapeutic "
        "abortion. Obstetrics and"
    )
    refs, _ = parse_references(text)
    assert [r.text.split(",")[0] for r in refs] == ["Derogatis LR", "Jacobs D"]
    assert refs[1].text.endswith("Obstetrics and"), "the cut entry is not prose: it is left out of the claims"
    alone = ("Author of tool:\n\nMeyer, T. J., Miller, M. L., Metzger, R. L., & Borkovec, T. D.\n\n"
             "The questionnaire is short.\n")
    assert parse_references(alone)[0] == []


def test_prose_with_a_doi_is_not_a_reference_entry() -> None:
    refs, _ = parse_references("Published 2023, DOI: 10.35841/aacpcp-7.3.148. See also our notes for the data.\n")
    assert refs == []


def test_narrative_citation_resolves_to_the_matching_entry() -> None:
    from audits.citations.consistency import resolve
    from audits.citations.intext import find_in_text

    text = (
        "A 2020 review in World Psychiatry found that psychotherapy helps adults with depression.\n"
        "Researchers at Stanford University found something else entirely.\n"
        "Cuijpers P, Karyotaki E. Psychotherapy for depression in adults. World Psychiatry. 2020;19(1):92-107.\n"
    )
    refs, start = parse_references(text)
    cites = find_in_text(text, start[0] if start else None)
    statuses = {c.key: r.status for c, r in zip(cites, resolve(cites, refs, has_list=True), strict=True)}
    assert statuses == {"World Psychiatry 2020": "resolved", "Stanford University": "unresolvable"}
