"""The evaluation's own arithmetic: offset mapping, span matching, floors."""

from hypothesis import given
from hypothesis import strategies as st

from audits.evaluation.align import OffsetMap
from audits.evaluation.floors import breaches
from audits.evaluation.score import family_of, match, title_correct

LINES = st.lists(st.text(alphabet="abc čž.\t", min_size=1, max_size=30), min_size=1, max_size=12)


@given(LINES, st.data())
def test_offsets_of_kept_text_map_to_the_same_characters(lines, data):
    keep = data.draw(st.lists(st.booleans(), min_size=len(lines), max_size=len(lines)))
    page = "\n".join(lines)
    cleaned = "\n".join(line for line, k in zip(lines, keep, strict=True) if k)
    mapping = OffsetMap(cleaned, page)
    for i, ch in enumerate(cleaned):
        if not ch.isspace():  # spans start and end on text; whitespace-only lines are dropped by ingest
            assert page[mapping(i)] == ch
    for i in range(len(cleaned) + 1):
        assert 0 <= mapping(i) <= len(page)


def test_match_counts_each_side():
    c = match(pred=[(0, 5), (10, 12), (40, 50)], gold=[(3, 8), (11, 20), (30, 35)])
    assert (c.tp_pred, c.pred, c.tp_gold, c.gold) == (2, 3, 2, 3)
    fig = c.figures()
    assert fig["precision"] == round(2 / 3, 3) and fig["recall"] == round(2 / 3, 3)


def test_rule_families():
    assert family_of("marketing.cta.booking-sr") == "cta"
    assert family_of("marketing.guarantee.over-claims") == "overclaim"
    assert family_of("marketing.guarantee.guarantees") == "guarantee"
    assert family_of("marketing.region.promotional-block") is None
    assert family_of("readability.hard-sentence") is None


def test_titles_compare_loosely_but_not_blindly():
    assert title_correct("Anxiety: what helps?", "anxiety – what helps")
    assert not title_correct("Anxiety: what helps?", "Home / Conditions / Anxiety")


def test_floors_report_a_drop_beyond_tolerance():
    limits = {"floors": {"promotion.all.precision": 0.8}, "ceilings": {"short": 0}}
    assert not breaches({"promotion": {"all": {"precision": 0.78}}, "short": 0}, limits)
    broken = breaches({"promotion": {"all": {"precision": 0.7}}, "short": 2}, limits)
    assert len(broken) == 2


def _link_page(in_text, refs, citations, labelled_refs):
    from types import SimpleNamespace

    from audits.evaluation.align import OffsetMap
    from audits.evaluation.labels import Located
    from audits.evaluation.score import PageAudit

    text = ("Therapy helps [1, 4]. Smith (2019) agrees.\n1. Smith J. First. BMJ. 2019;1:1.\n"
            "2. Smith J. Second. BMJ. 2019;2:2.\n4. Doe A. Third. Lancet. 2020;3:3.\n")
    gold_refs = tuple(Located(text[s:e], s, e, "reference", {"id": rid}) for rid, s, e in labelled_refs(text))
    gold_cites = tuple(Located(text[s:e], s, e, "citation", {"ref": ref}) for ref, s, e in citations(text))
    labels = SimpleNamespace(references=gold_refs, citations=gold_cites)
    report = SimpleNamespace(sections={"citations": {"references": refs(text), "in_text": in_text(text)}})
    return PageAudit(labels, report, OffsetMap(text, text))


def _at(text, words, nth=0):
    start = -1
    for _ in range(nth + 1):
        start = text.index(words, start + 1)
    return start, start + len(words)


def test_a_bracket_of_two_entries_is_one_link_right_when_the_labelled_entry_is_among_them():
    """A label names one entry per citation; "[1, 4]" resolving to both entries is not a false link."""
    from audits.evaluation.score import reference_counts

    def refs(t):
        return [{"key": k, "start": _at(t, w)[0], "end": _at(t, w)[1]} for k, w in
                (("1", "Smith J. First"), ("2", "Smith J. Second"), ("4", "Doe A. Third"))]

    def in_text(t):
        s, e = _at(t, "[1, 4]")
        return [{"key": k, "start": s, "end": e, "status": "resolved", "resolved_to": k, "resolved_at": at}
                for k, at in (("1", _at(t, "Smith J. First")[0]), ("4", _at(t, "Doe A. Third")[0]))]

    page = _link_page(in_text, refs, lambda t: [("r4", *_at(t, "[1, 4]"))],
                      lambda t: [("r1", *_at(t, "Smith J. First")), ("r4", *_at(t, "Doe A. Third"))])
    _, links = reference_counts(page)
    assert (links.tp_pred, links.pred, links.tp_gold, links.gold) == (1, 1, 1, 1)


def test_links_follow_the_entry_not_its_key_when_two_entries_share_a_key():
    """Two entries keyed "Smith 2019": the link is judged by the entry it resolved to (its start)."""
    from audits.evaluation.score import reference_counts

    def refs(t):
        return [{"key": "Smith 2019", "start": _at(t, w)[0], "end": _at(t, w)[1]}
                for w in ("Smith J. First", "Smith J. Second")]

    def in_text(t):
        s, e = _at(t, "Smith (2019)")
        return [{"key": "Smith 2019", "start": s, "end": e, "status": "resolved", "resolved_to": "Smith 2019",
                 "resolved_at": _at(t, "Smith J. Second")[0]}]

    page = _link_page(in_text, refs, lambda t: [("r2", *_at(t, "Smith (2019)"))],
                      lambda t: [("r1", *_at(t, "Smith J. First")), ("r2", *_at(t, "Smith J. Second"))])
    _, links = reference_counts(page)
    assert (links.tp_pred, links.tp_gold) == (1, 1)
    wrong = _link_page(lambda t: [{**in_text(t)[0], "resolved_at": _at(t, "Smith J. First")[0]}], refs,
                       lambda t: [("r2", *_at(t, "Smith (2019)"))],
                       lambda t: [("r1", *_at(t, "Smith J. First")), ("r2", *_at(t, "Smith J. Second"))])
    _, links = reference_counts(wrong)
    assert (links.tp_pred, links.tp_gold) == (0, 0), "a link to the other Smith 2019 entry is wrong"


def test_page_bootstrap_interval_holds_the_figure_and_narrows_with_more_pages() -> None:
    """An editor reads a target against the interval: it must contain the measured figure, shrink as the pages
    grow, be the same on every run, and be absent when nothing was predicted or labelled."""
    from audits.evaluation.score import Counts, page_bootstrap

    # Pages like real ones: a few findings each, some right (precision 0.6, recall 0.5 overall).
    few = [Counts(3, 5, 2, 4), Counts(0, 2, 0, 1), Counts(3, 3, 3, 5), Counts(0, 0, 0, 2)]
    total = Counts()
    for c in few:
        total.add(c)
    small = page_bootstrap(few)
    assert small["precision"][0] <= total.figures()["precision"] <= small["precision"][1]
    assert small["recall"][0] <= total.figures()["recall"] <= small["recall"][1]
    large = page_bootstrap(few * 25)  # the same kind of pages, 25 times as many
    assert large["precision"][1] - large["precision"][0] < small["precision"][1] - small["precision"][0]
    assert large["recall"][1] - large["recall"][0] < small["recall"][1] - small["recall"][0]
    assert page_bootstrap(few) == small
    assert page_bootstrap([Counts(0, 0, 0, 3)]) == {"precision": None, "recall": [0.0, 0.0]}
    assert page_bootstrap([]) == {"precision": None, "recall": None}


def test_a_title_is_measured_only_where_the_page_prints_it_as_a_headline() -> None:
    """A dev page whose excerpt has no headline is labelled from its URL slug ("Anxiety Treatment"); those words
    inside a paragraph do not make the page one whose headline the tool could have found."""
    from pathlib import Path

    from audits.evaluation.labels import load_page
    from audits.evaluation.run import headline_in

    root = Path(__file__).resolve().parents[2] / "eval"
    slug = load_page(root / "labels" / "en-clinic-01.yaml")
    assert slug.title.casefold() in " ".join(slug.text.casefold().split())
    assert not headline_in(slug.title, slug.text)
    printed = load_page(root / "labels" / "en-blog-43.yaml")
    assert headline_in(printed.title, printed.text)
    wrapped = "Menu\n\nPsychotherapies for PTSD: what do they\nhave in common?\n\nA long paragraph follows here."
    assert headline_in("Psychotherapies for PTSD: what do they have in common?", wrapped)
    assert not headline_in("", wrapped)


def test_the_address_row_reads_each_page_from_its_web_address() -> None:
    """The same public-service text scores as a public service from a public body's domain and as a seller from a
    clinic's: the row measures what a user who gives the tool URLs sees."""
    import dataclasses

    from audits.config import AuditConfig
    from audits.evaluation.labels import load_corpus
    from audits.evaluation.run import address_scores

    page = load_corpus()["en-public-service-33"]  # an NHS talking-therapies page (dev)
    text = ("Feeling low?\n\nCall 0300 123 4567 to book an appointment with one of our counsellors.\n\n"
            "We offer cognitive behavioural therapy in person or by video call, and you can talk to us today.")
    public = dataclasses.replace(page, text=text, url="https://talkingtherapies.cnwl.nhs.uk/contact")
    clinic = dataclasses.replace(page, text=text, url="https://www.calm-minds-clinic.com/contact", kind="clinic")
    figures = address_scores([public, clinic], AuditConfig(fast=True))
    assert figures["public"] == 1 and figures["sales"] == 1
    assert figures["public_max"] <= 10 < figures["sales_median"]
