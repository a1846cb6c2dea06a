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
