"""The extra labelled pages (eval/extra/): training data for the learned layer, never part of the evaluation."""

from __future__ import annotations

import json

from audits.evaluation.labels import EVAL_DIR, FAMILIES, load_corpus
from audits.marketing.trainingdata import EXTRA_DIR, load_extra


def test_every_extra_page_loads_with_its_quotes_found_in_the_text() -> None:
    pages = load_extra()
    assert len(pages) == len(list((EXTRA_DIR / "labels").glob("*.yaml"))) > 0
    for p in pages:
        assert p.url.startswith("http") and p.language and p.kind
        for span in p.spans:
            assert span.family in FAMILIES
            assert p.text[span.start:span.end] == span.text


def test_extra_pages_are_never_in_the_corpus_or_its_split() -> None:
    extra = {p.id for p in load_extra()}
    assert not extra & set(load_corpus())
    split = json.loads((EVAL_DIR / "split.json").read_text(encoding="utf-8"))
    ids = set(split) if isinstance(split, dict) else set()
    assert not extra & ids


def test_extra_titles_and_furniture_are_text_of_the_page() -> None:
    """The title/furniture labels (eval/extra/score_ingest.py scores ingest with them) quote the page exactly."""
    import re

    import yaml

    from audits.evaluation.labels import FURNITURE_REASONS

    for path in sorted((EXTRA_DIR / "labels").glob("*.yaml")):
        raw = yaml.safe_load(path.read_text(encoding="utf-8"))
        text = (EXTRA_DIR / "pages" / f"{path.stem}.txt").read_text(encoding="utf-8")
        lines = [line.strip() for line in text.split("\n")]
        assert "title" in raw and "furniture" in raw, path.stem
        assert raw["title"] is None or raw["title"] in text, path.stem
        for item in raw["furniture"]:
            assert item["reason"] in FURNITURE_REASONS, path.stem
            # a whole line, or the storage's date stamp at the start of the first line
            assert item["text"] in lines or (re.fullmatch(r"date [\d-]+", item["text"])
                                              and lines[0].startswith(item["text"] + " ")), (path.stem, item)


def test_score_spans_counts_as_the_evaluation_does() -> None:
    """eval/extra/score_spans.py (the held-out check for rules) agrees with the evaluation's own span counting,
    and an untitled extra page loads with an empty title instead of failing."""
    import importlib.util

    from audits.config import AuditConfig
    from audits.evaluation.labels import EVIDENCE_FAMILIES, PROMOTION_FAMILIES, load_page
    from audits.evaluation.score import PageAudit, span_counts

    spec = importlib.util.spec_from_file_location("score_spans", EXTRA_DIR / "score_spans.py")
    assert spec and spec.loader
    score_spans = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(score_spans)
    config = AuditConfig(fast=True)
    paths = sorted((EXTRA_DIR / "labels").glob("*.yaml"))
    checked = untitled = 0
    for path in paths[::15]:  # a spread of languages and kinds, quick
        page = load_page(path, EXTRA_DIR / "pages", require_title=False)
        untitled += page.title == ""
        report, to_page = score_spans.audit_page(page, config)
        figures = score_spans.page_figures(page, report, to_page)
        audit = PageAudit(page, report, to_page)
        for name, families in (("promotion", PROMOTION_FAMILIES), ("evidence", EVIDENCE_FAMILIES)):
            assert figures[name].figures() == span_counts(audit, families).figures()
            assert len(figures[f"{name}_missed"]) == figures[name].gold - figures[name].tp_gold
        checked += 1
    assert checked >= 10 and untitled >= 1


def test_extra_pages_list_their_claims_as_exact_single_line_quotes() -> None:
    """Every extra page says which of its sentences are check-worthy claims (the check-worthiness classifier's
    extra training data, `python -m audits.claims.train --extra-pages`): an empty list is an answer, a missing key
    is not; every quote is one line of the page and never both a claim and a non-claim."""
    import yaml

    pages = {p.id: p for p in load_extra()}
    for path in sorted((EXTRA_DIR / "labels").glob("*.yaml")):
        raw = yaml.safe_load(path.read_text(encoding="utf-8"))
        assert isinstance(raw.get("claims"), list) and isinstance(raw.get("not_claims"), list), path.stem
        page = pages[path.stem]
        claims = {c.text for c in page.claims}
        for item in (*page.claims, *page.not_claims):
            assert "\n" not in item.text and page.text[item.start:item.end] == item.text, (path.stem, item.text)
        assert not claims & {c.text for c in page.not_claims}, path.stem
    assert sum(len(p.claims) for p in pages.values()) > 1000


def test_second_labellers_spans_quote_their_pages() -> None:
    """eval/extra/agreement: a second labeller's spans on a sample of extra pages, each quote one line of the page
    and each family one the evaluation knows (eval/extra/agreement.py compares them with the first labeller's)."""
    import yaml

    files = sorted((EXTRA_DIR / "agreement" / "labels").glob("*.yaml"))
    assert len(files) >= 40
    for path in files:
        raw = yaml.safe_load(path.read_text(encoding="utf-8"))
        assert raw["id"] == path.stem
        text = (EXTRA_DIR / "pages" / f"{path.stem}.txt").read_text(encoding="utf-8")
        for span in raw["spans"] or []:
            assert span["family"] in FAMILIES, (path.stem, span)
            assert span["text"] in text and "\n" not in span["text"], (path.stem, span["text"][:60])


def test_second_reader_pairs_are_labelled_pairs_never_from_test() -> None:
    """eval/pair_agreement.py: every pair a second reader judged is a labelled pair (found by pages and texts),
    its label one the guide knows, and no page of the test split is in it."""
    import importlib.util

    spec = importlib.util.spec_from_file_location("pair_agreement", EVAL_DIR / "pair_agreement.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    import yaml

    split = json.loads((EVAL_DIR / "split.json").read_text(encoding="utf-8"))
    for _, second_file, first_folder in module.SAMPLES:
        first = module.first_labels(first_folder)
        items = yaml.safe_load(second_file.read_text(encoding="utf-8"))
        assert len(items) >= 80
        for item in items:
            assert module._key(item) in first
            assert item["label"] in ("same", "related", "contradicting")
            assert split.get(item["a"]["page"]) != "test" and split.get(item["b"]["page"]) != "test"


def test_second_reader_ingest_labels_quote_dev_pages_line_by_line() -> None:
    """eval/ingest_agreement.py: the second labeller's titles and furniture lines are whole lines of dev pages."""
    import yaml

    split = json.loads((EVAL_DIR / "split.json").read_text(encoding="utf-8"))
    files = sorted((EVAL_DIR / "review" / "ingest-second-labeller").glob("*.yaml"))
    assert len(files) == 40
    for path in files:
        assert split[path.stem] == "dev"
        raw = yaml.safe_load(path.read_text(encoding="utf-8"))
        lines = {" ".join(x.split()) for x in (EVAL_DIR / "pages" / f"{path.stem}.txt").read_text(
            encoding="utf-8").split("\n")}
        quotes = [str(f["text"]) for f in raw.get("furniture") or []] + ([raw["title"]] if raw.get("title") else [])
        for quote in quotes:
            assert " ".join(quote.split()) in lines, (path.stem, quote[:60])


def test_headline_pages_quote_their_titles_and_come_from_new_sites() -> None:
    """eval/titles: every labelled headline is one line of its page, and no page shares a site with the
    evaluation corpus (a shared template would leak test pages' layout into rules written from these)."""
    from urllib.parse import urlsplit

    import yaml

    from audits.evaluation.labels import FURNITURE_REASONS

    titles = EVAL_DIR / "titles"
    corpus_sites = {urlsplit(p.url).hostname.removeprefix("www.") for p in load_corpus().values()}
    files = sorted((titles / "labels").glob("*.yaml"))
    assert len(files) >= 60
    for path in files:
        raw = yaml.safe_load(path.read_text(encoding="utf-8"))
        assert raw["id"] == path.stem and raw["url"].startswith("http")
        assert (urlsplit(raw["url"]).hostname or "").removeprefix("www.") not in corpus_sites
        text = (titles / "pages" / f"{path.stem}.txt").read_text(encoding="utf-8")
        lines = {line.strip() for line in text.split("\n")}
        # the headline is one line, or the headline part of one line ("KICKER Headline", "Headline | Site")
        assert raw["title"] is None or any(raw["title"].strip() in line for line in lines), (path.stem, raw["title"])
        for item in raw.get("furniture") or []:  # pages labelled for their furniture too (t10-*): whole lines
            assert item["reason"] in FURNITURE_REASONS and item["text"].strip() in lines, (path.stem, item)


def test_link_pages_quote_their_entries_and_citations_and_come_from_new_sites() -> None:
    """eval/links: every labelled entry and citation is found in its page by the evaluation's own loader, each
    citation points to a labelled entry or to none, and no page shares a site with the evaluation corpus."""
    from urllib.parse import urlsplit

    from audits.evaluation.labels import load_page

    links = EVAL_DIR / "links"
    corpus_sites = {urlsplit(p.url).hostname.removeprefix("www.") for p in load_corpus().values()}
    files = sorted((links / "labels").glob("*.yaml"))
    assert len(files) >= 30
    for path in files:
        page = load_page(path, links / "pages", require_title=False)
        assert page.id == path.stem and page.url.startswith("http")
        assert (urlsplit(page.url).hostname or "").removeprefix("www.").rstrip(".") not in corpus_sites
        ids = {r.extra["id"] for r in page.references}
        assert len(page.references) >= 2 and page.citations, page.id
        assert all(c.extra.get("ref") in ids | {None} for c in page.citations), page.id


def test_second_reader_link_labels_quote_their_pages() -> None:
    """eval/links/agreement.py: the blind second reader's entries and citations are found in the pages they label,
    and each citation points to one of that reader's entries or to none."""
    import yaml

    from audits.evaluation.labels import locate_quotes

    links = EVAL_DIR / "links"
    files = sorted((links / "agreement").glob("*.yaml"))
    assert len(files) == 20
    for path in files:
        raw = yaml.safe_load(path.read_text(encoding="utf-8"))
        text = (links / "pages" / f"{path.stem}.txt").read_text(encoding="utf-8")
        ids = {str(d.get("id")) for d, _, _ in locate_quotes(path.stem, text, raw.get("references"))}
        refs = {d.get("ref") for d, _, _ in locate_quotes(path.stem, text, raw.get("citations"))}
        assert refs <= ids | {None}, path.stem


def test_oracle_scores_read_the_labelled_spans_and_the_kind() -> None:
    """eval/extra/oracle_scores.py scores a page's labelled promotion with the product's formula: no labelled
    promotion gives 0, and a public service's labelled promotion is damped as the analyzer damps it."""
    import dataclasses
    import importlib.util

    from audits.config import AuditConfig
    from audits.marketing.score import INSTITUTIONAL_FACTOR
    from audits.marketing.trainingdata import load_extra

    spec = importlib.util.spec_from_file_location("oracle_scores", EXTRA_DIR / "oracle_scores.py")
    assert spec and spec.loader
    oracle = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(oracle)
    typical = oracle.typical_weights(AuditConfig())
    pages = load_extra(EXTRA_DIR)
    bare = next(p for p in pages if not any(s.family in oracle.PROMOTION_FAMILIES for s in p.spans))
    assert oracle.oracle_score(bare, typical) == 0.0
    selling = next(p for p in pages if p.kind == "clinic"
                   and {s.family for s in p.spans} >= {"cta", "contact"})
    as_clinic = oracle.oracle_score(selling, typical)
    as_public = oracle.oracle_score(dataclasses.replace(selling, kind="public-service"), typical)
    assert as_clinic >= 30 and as_public <= 10 and abs(as_public - as_clinic * INSTITUTIONAL_FACTOR) <= 0.1


def test_kind_pages_are_labelled_publishers_from_new_sites() -> None:
    """eval/kinds: every page has a publisher kind the score targets speak of, one page per site, and no site of the
    evaluation corpus or of the other labelled sets (a shared site would leak its template into rules)."""
    from urllib.parse import urlsplit

    import yaml

    from audits.evaluation.labels import PUBLIC_KINDS, SALES_KINDS

    def host(url: str) -> str:
        return (urlsplit(url).hostname or "").removeprefix("www.").rstrip(".")

    kinds = EVAL_DIR / "kinds"
    others = {host(p.url) for p in load_corpus().values()}
    for folder in ("extra", "titles", "links"):
        for path in (EVAL_DIR / folder / "labels").glob("*.yaml"):
            others.add(host(yaml.safe_load(path.read_text(encoding="utf-8"))["url"]))
    files = sorted((kinds / "labels").glob("*.yaml"))
    assert len(files) >= 80
    seen: set[str] = set()
    for path in files:
        raw = yaml.safe_load(path.read_text(encoding="utf-8"))
        assert raw["id"] == path.stem and raw["kind"] in (*PUBLIC_KINDS, *SALES_KINDS), path.stem
        assert raw["language"] in ("en", "sr", "hr", "bs", "sl") and raw["script"] in ("latin", "cyrillic")
        site = host(raw["url"])
        assert site and site not in others and site not in seen, (path.stem, site)
        seen.add(site)
        assert len((kinds / "pages" / f"{path.stem}.txt").read_text(encoding="utf-8")) >= 500, path.stem
