"""The dashboard's tables on the seed corpus: values an editor would check."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from audits.model import ClaimCluster, ClaimMember
from dashboard.tables import (
    band,
    citations_frames,
    cluster_frame,
    compare_claims,
    filter_clusters,
    formulas_frame,
    overview_frame,
    score_difference_frame,
)
from tests.conftest import BLOG, BOOK, EDITORIAL, SEED_IDS, SERBIAN


def test_overview_has_one_row_per_source_with_scores(seed_report) -> None:
    frame = overview_frame(seed_report).set_index("id")
    assert set(frame.index) == set(SEED_IDS)
    assert frame.loc[SERBIAN, "Language"] == "Serbian"
    assert frame.loc[EDITORIAL, "Citations"] == round(seed_report.source(EDITORIAL).score("citations"))
    assert frame.loc[BLOG, "Citations"] == 0
    assert (frame["Target"] == 8.0).all()
    assert frame.loc[EDITORIAL, "Grade"] > 12  # a journal editorial is far above the plain-language target
    for col in ("Readability", "Marketing", "Citations", "Claim overlap"):
        assert frame[col].between(0, 100).all()


def test_editorial_citations_all_resolve(seed_report) -> None:
    s = seed_report.source(EDITORIAL)
    in_text, refs = citations_frames(s.sections["citations"], s.source.text)
    assert list(in_text["Citation"]) == ["[1]", "[2]", "[3]", "[4]", "[5]"]
    assert in_text["Status"].str.startswith("✓").all()
    assert len(refs) >= 5


def test_unmatched_citations_are_marked() -> None:
    text = "As shown [1] and [3]. References\n1. A paper.\n2. Another."
    section = {"in_text": [{"key": "1", "start": 9, "end": 12}, {"key": "3", "start": 17, "end": 20}],
               "references": [{"key": "1", "text": "A paper."}, {"key": "2", "text": "Another."}]}
    in_text, refs = citations_frames(section, text)
    assert list(in_text["Status"]) == ["✓ matched", "✗ no matching reference"]
    assert list(refs["Status"]) == ["✓ cited", "✗ never cited in the text"]


def test_formulas_with_spread(seed_report) -> None:
    frame = formulas_frame(seed_report.source(BOOK).sections["readability"]).set_index("Formula")["Grade"]
    assert frame["Spread (highest − lowest)"] == round(frame["Highest"] - frame["Lowest"], 1)
    assert formulas_frame({}).empty


def test_bands_follow_each_score_direction() -> None:
    assert band("readability", 90) == "good" and band("readability", 10) == "poor"
    assert band("marketing", 90) == "poor" and band("marketing", 5) == "good"
    assert band("citations", 50) == "fair"
    assert band("claim_overlap", None) is None


def test_score_difference(seed_report) -> None:
    frame = score_difference_frame(seed_report.source(EDITORIAL), seed_report.source(BLOG)).set_index("Score")
    editorial, blog = (seed_report.source(sid).score("citations") for sid in (EDITORIAL, BLOG))
    assert frame.loc["Citations", "B − A"] == round(blog - editorial) < 0
    assert frame.loc["Marketing", "Direction"] == "lower is better"


def member(source: str, i: int) -> ClaimMember:
    return ClaimMember(source, f"claim {i}", 0, 5, "en")


clusters_strategy = st.lists(
    st.lists(st.sampled_from("abcd"), min_size=1, max_size=4).map(tuple), max_size=12
).map(lambda groups: [
    ClaimCluster(f"c{i}", f"claim {i}", tuple(member(s, i) for s in g), "shared" if len(set(g)) > 1 else "unique")
    for i, g in enumerate(groups)
])


@given(clusters_strategy, st.sampled_from("abcd"), st.sampled_from("abcd"))
def test_compare_partitions_the_clusters_of_a_and_b(clusters, a, b) -> None:
    groups = compare_claims(clusters, a, b)
    involved = [c for c in clusters if a in c.sources or b in c.sources]
    assert sorted(c.id for g in groups.values() for c in g) == sorted(c.id for c in involved)
    assert all(b not in c.sources for c in groups["only_a"])
    if a == b:
        assert not groups["only_a"] and not groups["only_b"]


@given(clusters_strategy, st.lists(st.sampled_from("abcd"), max_size=2), st.lists(st.sampled_from(["shared",
                                                                                                    "unique"])))
def test_filters_only_remove(clusters, sources, kinds) -> None:
    kept = filter_clusters(clusters, sources, kinds)
    assert all(c in clusters for c in kept)
    assert all(not sources or set(c.sources) & set(sources) for c in kept)
    frame = cluster_frame(kept, {})
    assert list(frame["Sources"]) == sorted(frame["Sources"], reverse=True)


def test_author_year_and_narrative_citations_show_the_entry_they_resolve_to() -> None:
    from audits.citations.consistency import resolve
    from audits.citations.intext import find_in_text
    from audits.citations.references import parse_references

    text = ("Therapy helps (Patel et al., 2018), as a 2019 review in World Psychiatry agrees.\n\nReferences\n"
            "Patel, V., Saxena, S., & Lund, C. (2018). Global mental health. The Lancet, 392, 1553-1598.\n"
            "Cuijpers, P. (2019). Psychotherapy for depression. World Psychiatry, 18(3), 276-285.\n"
            "Unused, U. (2001). Never cited. Journal of Nothing, 1, 1-2.\n")
    refs, heading = parse_references(text)
    cites = find_in_text(text, heading[0])
    section = {"in_text": [{**c.to_dict(), "status": r.status,
                            "resolved_to": r.reference.key if r.reference else None,
                            "resolved_at": r.reference.start if r.reference else None}
                           for c, r in zip(cites, resolve(cites, refs, has_list=True), strict=True)],
               "references": [r.to_dict() for r in refs]}
    in_text, table = citations_frames(section, text)
    assert list(in_text["Status"]) == ["✓ matched", "✓ matched"]
    assert in_text["Resolves to"].iloc[0].startswith("Patel, V.")
    assert in_text["Resolves to"].iloc[1].startswith("Cuijpers, P.")
    assert list(table["Status"]) == ["✓ cited", "✓ cited", "✗ never cited in the text"]
