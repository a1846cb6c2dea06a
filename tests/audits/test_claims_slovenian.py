"""Slovenian and Serbian claims meet English ones; Slovenian has its own reference mean (issue 14)."""

from __future__ import annotations

import numpy as np

from audits.claims.cluster import centre_by_language
from audits.claims.reference import labelled_sentences, reference_for
from audits.embeddings import embed
from tests.audits.claims_data import DATA, rows

ENGLISH = [
    "Anxiety is the body's natural response to stress.",
    "Cognitive behavioural therapy is an effective treatment for panic disorder.",
    "Regular physical exercise reduces symptoms of mild depression.",
    "Sleep problems are common in people with generalised anxiety disorder.",
]
# The same four claims in Slovenian, written for this test.
SLOVENIAN = [
    "Anksioznost je naraven odziv telesa na stres.",
    "Kognitivno-vedenjska terapija je učinkovito zdravljenje panične motnje.",
    "Redna telesna dejavnost zmanjšuje simptome blage depresije.",
    "Pri ljudeh z generalizirano anksiozno motnjo so težave s spanjem pogoste.",
]
# And in Serbian.
SERBIAN = [
    "Anksioznost je prirodna reakcija organizma na stres.",
    "Kognitivno-bihejvioralna terapija je delotvoran tretman paničnog poremećaja.",
    "Redovna fizička aktivnost smanjuje simptome blage depresije.",
    "Problemi sa spavanjem su česti kod ljudi sa generalizovanim anksioznim poremećajem.",
]
# Same topic as the first English claim (anxiety), another claim (how common anxiety disorders are).
TOPIC_ONLY = "Anksiozne motnje so najpogostejše duševne motnje med odraslimi."


def _english_claims() -> list[str]:
    """Labelled English claims of tests/data: other claims on the same subjects, in the way."""
    return [r[3] for r in rows("claims_extraction.tsv") if r[0] == "en" and r[1] == "1"][:30]


def _english_sentences() -> list[str]:
    """Every labelled English sentence of tests/data (claims and non-claims)."""
    return [r[3] for name in ("claims_extraction.tsv", "claims_extraction_heldout.tsv") for r in rows(name)
            if r[0] == "en"]


def test_slovenian_has_its_own_reference_mean() -> None:
    assert len(labelled_sentences(DATA)["sl"]) >= 50
    sl, en, sr = reference_for("sl"), reference_for("en"), reference_for("sr")
    assert not np.allclose(sl, en) and not np.allclose(sl, sr)


def test_each_slovenian_claim_finds_its_english_translation_first() -> None:
    """Among 85 English sentences on the same subjects ("Regular physical exercise lowers the risk of
    depression" among them), each Slovenian claim's closest one is its translation: a cross-language
    link needs mutual nearest neighbours."""
    english = ENGLISH + _english_sentences()
    vectors, used = embed(english + SLOVENIAN, "e5-small")
    assert used == "e5-small"
    centred = centre_by_language(vectors, ["en"] * len(english) + ["sl"] * len(SLOVENIAN))
    sims = centred[len(english):] @ centred[: len(english)].T
    assert [int(row.argmax()) for row in sims] == list(range(len(SLOVENIAN)))


def test_slovenian_and_serbian_pages_join_an_english_page_on_the_same_claims_not_on_the_topic() -> None:
    from audits.analyzers.claims import ClaimsAnalyzer
    from audits.config import AuditConfig
    from audits.model import ClaimCluster, Source
    from audits.prepare import prepare

    fill = _english_claims()
    pages = [("en", ENGLISH, "en"), ("sl", [*SLOVENIAN, TOPIC_ONLY], "sl"), ("sr", SERBIAN, "sr")]
    pages += [(f"other-{i}", fill[i::3], "en") for i in range(3)]
    docs = [prepare(Source(id=sid, title=sid, origin="pasted text", kind="text", text="\n".join(lines)), lang)
            for sid, lines, lang in pages]
    clusters = ClaimsAnalyzer().analyze_corpus(docs, AuditConfig()).claims.clusters
    assert clusters and all(c.members for c in clusters)

    def cluster_of(text: str) -> ClaimCluster:
        return next(c for c in clusters if any(m.text == text for m in c.members))

    for en, sl, sr in zip(ENGLISH, SLOVENIAN, SERBIAN, strict=True):
        assert any(m.text == en for m in cluster_of(sl).members), sl
        assert any(m.text == en for m in cluster_of(sr).members), sr
    alone = cluster_of(TOPIC_ONLY)
    assert not any(m.text == ENGLISH[0] for m in alone.members)
    assert {m.source for m in alone.members} == {"sl"}
