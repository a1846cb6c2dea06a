"""Compare an audit of the corpus with the hand labels: precision, recall and the other figures.

Every comparison is made in the page text the labels point into: the audit's spans (in cleaned
text) are mapped back with OffsetMap. A finding is a true positive when its span overlaps a labelled
span of the same family group; a labelled span is recalled when any finding of its group overlaps it.
"""

from __future__ import annotations

import re
import statistics
import unicodedata
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from difflib import SequenceMatcher
from typing import Any

import numpy as np

from audits.evaluation.align import OffsetMap, overlaps
from audits.evaluation.labels import PUBLIC_KINDS, SALES_KINDS, ClaimPair, PageLabels
from audits.model import SourceReport
from audits.report import Report

# Which label family a finding's rule speaks for. Longest prefix wins; rules not listed are not
# promotion/evidence judgments (readability, metadata, claims, ingest) and are not scored here.
RULE_FAMILIES: tuple[tuple[str, str], ...] = (
    ("marketing.cta", "cta"),
    ("marketing.contact.phone", "contact"),
    # Prices and free offers are commercial details, not a labelled family (annotation guide: a price is
    # not a statistic nor contact): reported to the user, not scored against promotion labels.
    ("marketing.contact.price", "commercial"),
    ("marketing.contact.free-offer", "commercial"),
    ("marketing.contact.email", "contact"),
    ("marketing.contact", "contact"),
    ("marketing.self-promotion", "self-promotion"),
    ("marketing.puffery", "puffery"),
    ("marketing.guarantee.over-claims", "overclaim"),
    ("marketing.guarantee", "guarantee"),
    ("marketing.urgency", "urgency"),
    ("marketing.emotional", "emotional-hook"),
    ("marketing.statistic", "statistic"),
    ("citations.unsupported-evidence-claim", "evidence-appeal"),
    ("citations.attribution-without-source", "evidence-appeal"),
    ("citations.unsupported-health-claim", "overclaim"),
    ("citations.unsupported-statistic", "statistic"),
    ("citations.evidence-appeal", "evidence-appeal"),
    ("citations.overclaim", "overclaim"),
    # The learned sentence classifier (audits/marketing/model.py): one rule id per family.
    ("marketing.model.cta", "cta"),
    ("marketing.model.contact", "contact"),
    ("marketing.model.self-promotion", "self-promotion"),
    ("marketing.model.puffery", "puffery"),
    ("marketing.model.guarantee", "guarantee"),
    ("marketing.model.urgency", "urgency"),
    ("marketing.model.emotional-hook", "emotional-hook"),
    ("citations.model.evidence-appeal", "evidence-appeal"),
    ("citations.model.overclaim", "overclaim"),
    ("citations.model.statistic", "statistic"),
)
# Aggregate findings that restate per-phrase findings over a passage; scored by their phrases.
AGGREGATE_RULES = ("marketing.region.",)


def family_of(rule: str) -> str | None:
    """The label family a rule's findings are judged against, or None."""
    if rule.startswith(AGGREGATE_RULES):
        return None
    best = None
    for prefix, family in RULE_FAMILIES:
        if (rule == prefix or rule.startswith(prefix + ".") or rule.startswith(prefix + "-")) and (
            best is None or len(prefix) > len(best[0])
        ):
            best = (prefix, family)
    return best[1] if best else None


@dataclass
class Counts:
    """True positives counted on each side, and the totals."""

    tp_pred: int = 0
    pred: int = 0
    tp_gold: int = 0
    gold: int = 0

    def add(self, other: Counts) -> None:
        """Add another page's counts."""
        self.tp_pred += other.tp_pred
        self.pred += other.pred
        self.tp_gold += other.tp_gold
        self.gold += other.gold

    def figures(self) -> dict[str, Any]:
        """precision, recall, F1 and the counts behind them (None where undefined)."""
        p = self.tp_pred / self.pred if self.pred else None
        r = self.tp_gold / self.gold if self.gold else None
        f1 = 2 * p * r / (p + r) if p is not None and r is not None and p + r else (0.0 if p == 0 or r == 0 else None)
        rnd = lambda x: None if x is None else round(x, 3)  # noqa: E731
        return {"precision": rnd(p), "recall": rnd(r), "f1": rnd(f1), "tp": self.tp_gold, "predicted": self.pred,
                "labelled": self.gold}


BOOTSTRAP_ROUNDS = 2000
BOOTSTRAP_LEVEL = 0.90


def page_bootstrap(per_page: list[Counts], rounds: int = BOOTSTRAP_ROUNDS, seed: int = 0,
                   level: float = BOOTSTRAP_LEVEL) -> dict[str, list[float] | None]:
    """A percentile interval for precision and recall, resampling whole pages with replacement.

    Findings on one page are not independent (one site's wording repeats), so the page is the unit. With a few
    dozen labelled spans an interval is wide: it says how far a figure can move on another draw of pages like
    these, which a target should be read against. Fixed seed: the same counts give the same interval."""
    if not per_page:
        return {"precision": None, "recall": None}
    counts = np.array([[c.tp_pred, c.pred, c.tp_gold, c.gold] for c in per_page], dtype=float)
    rng = np.random.default_rng(seed)
    sums = counts[rng.integers(0, len(per_page), size=(rounds, len(per_page)))].sum(axis=1)
    tail = 100 * (1 - level) / 2
    out: dict[str, list[float] | None] = {}
    for name, num, den in (("precision", 0, 1), ("recall", 2, 3)):
        ok = sums[:, den] > 0
        if not ok.any() or counts[:, den].sum() == 0:
            out[name] = None
            continue
        ratio = sums[ok, num] / sums[ok, den]
        out[name] = [round(float(np.percentile(ratio, tail)), 3), round(float(np.percentile(ratio, 100 - tail)), 3)]
    return out


def match(pred: list[tuple[int, int]], gold: list[tuple[int, int]]) -> Counts:
    """Overlap matching of predicted and labelled spans."""
    return Counts(
        tp_pred=sum(any(overlaps(p, g) for g in gold) for p in pred),
        pred=len(pred),
        tp_gold=sum(any(overlaps(p, g) for p in pred) for g in gold),
        gold=len(gold),
    )


@dataclass
class PageAudit:
    """One page's labels beside the audit's view of it, spans mapped into the page text."""

    labels: PageLabels
    report: SourceReport
    to_page: OffsetMap
    claims: list[tuple[int, int]] = field(default_factory=list)

    def span(self, start: int, end: int) -> tuple[int, int]:
        """A cleaned-text span as a page span."""
        return self.to_page.span(start, end)


def _norm_title(text: str) -> str:
    text = unicodedata.normalize("NFKC", text).casefold()
    return " ".join(re.sub(r"[^\w\s]", " ", text).split())


def title_correct(expected: str, got: str) -> bool:
    """Same headline, up to case, punctuation and small differences (ratio >= 0.9)."""
    a, b = _norm_title(expected), _norm_title(got)
    return bool(a) and (a == b or SequenceMatcher(None, a, b).ratio() >= 0.9)


def furniture_counts(page: PageAudit) -> Counts:
    """Removed furniture against labelled furniture lines, located by text in the page."""
    text = page.labels.text
    pred = []
    cursor = 0
    for removed in page.report.source.removed:
        head = removed.text.strip().split("\n")[0][:80]
        at = text.find(head, cursor) if head else -1
        if at < 0 and head:
            at = text.find(head)
        if at >= 0:
            pred.append((at, at + len(removed.text.strip()) if "\n" in removed.text else at + len(head)))
            cursor = at + len(head)
        else:  # not found verbatim (whitespace changed): count it, unmatched
            pred.append((-2, -1))
    gold = [(f.start, f.end) for f in page.labels.furniture]
    return match(pred, gold)


def span_counts(page: PageAudit, families: Iterable[str]) -> Counts:
    """Findings of the given families against labelled spans of those families."""
    families = set(families)
    pred = [page.span(f.start, f.end) for f in page.report.findings if family_of(f.rule) in families]
    gold = [(s.start, s.end) for s in page.labels.spans if s.family in families]
    return match(pred, gold)


def false_flags_on(page: PageAudit, families: Iterable[str], flagged: Iterable[str]) -> tuple[int, int]:
    """(labelled spans of families overlapped by a finding of the flagged families, labelled spans)."""
    families, flagged = set(families), set(flagged)
    pred = [page.span(f.start, f.end) for f in page.report.findings if family_of(f.rule) in flagged]
    gold = [(s.start, s.end) for s in page.labels.spans if s.family in families]
    return sum(any(overlaps(p, g) for p in pred) for g in gold), len(gold)


def reference_counts(page: PageAudit) -> tuple[Counts, Counts]:
    """(reference entries, citation-to-entry links) against the labels."""
    entries, predicted_links, gold_links = reference_links(page)
    right, found = links_matched(predicted_links, gold_links)
    return entries, Counts(sum(right), len(predicted_links), sum(found), len(gold_links))


def links_matched(
    predicted: list[tuple[tuple[int, int], set[str | None]]], gold: list[tuple[int, int, str]]
) -> tuple[list[bool], list[bool]]:
    """For each predicted link, whether it is right; for each labelled link, whether it was found. A link agrees
    with a label when the citation spans overlap and the labelled entry is among those the citation resolves to."""
    def agree(span: tuple[int, int], targets: set[str | None], label: tuple[int, int, str]) -> bool:
        return overlaps(span, label[:2]) and label[2] in targets

    return ([any(agree(span, targets, g) for g in gold) for span, targets in predicted],
            [any(agree(span, targets, g) for span, targets in predicted) for g in gold])


def reference_links(
    page: PageAudit,
) -> tuple[Counts, list[tuple[tuple[int, int], set[str | None]]], list[tuple[int, int, str]]]:
    """Reference entries against the labels, the predicted links (a citation's page span and the labelled
    entries it resolves to) and the labelled links (start, end, entry id)."""
    section = page.report.sections.get("citations", {})
    refs = section.get("references", []) or []
    pred_refs = [(page.span(int(r["start"]), int(r["end"])), str(r.get("key"))) for r in refs]
    gold_refs = [(g.start, g.end) for g in page.labels.references]
    entries = match([s for s, _ in pred_refs], gold_refs)
    # Which labelled entry each predicted entry stands for: by the entry's start (keys such as "Smith 2019" can
    # repeat), falling back on the key for reports that do not say where the entry starts.
    at_to_gold: dict[int, str] = {}
    key_to_gold: dict[str, str] = {}
    for r, (span, key) in zip(refs, pred_refs, strict=True):
        for g in page.labels.references:
            if overlaps(span, (g.start, g.end)):
                at_to_gold.setdefault(int(r["start"]), g.extra["id"])
                key_to_gold.setdefault(key, g.extra["id"])
                break
    gold_links = [(c.start, c.end, c.extra["ref"]) for c in page.labels.citations if c.extra.get("ref")]
    # One prediction per citation span: "[1, 4]" resolves to two entries, while a label names one entry per
    # citation; the bracket is right when one of its entries is the labelled one (not a false link for the other).
    grouped: dict[tuple[int, int], set[str | None]] = defaultdict(set)
    for c in section.get("in_text", []) or []:
        if c.get("status") == "resolved" and c.get("resolved_to") is not None:
            at = c.get("resolved_at")
            target = at_to_gold.get(int(at)) if at is not None else key_to_gold.get(str(c["resolved_to"]))
            grouped[page.span(int(c["start"]), int(c["end"]))].add(target)
    return entries, list(grouped.items()), gold_links


def claim_counts(page: PageAudit) -> Counts:
    """Extracted claims against the labelled check-worthy claims."""
    return match(page.claims, [(c.start, c.end) for c in page.labels.claims])


def short_sentences_above(page: PageAudit, words: int = 8, grade: float = 12.0) -> list[str]:
    """Sentences of at most `words` words that a readability finding reports above `grade`."""
    out = []
    for f in page.report.findings:
        if not f.rule.startswith("readability.") or "hard-sentence" not in f.rule:
            continue
        n = len(f.excerpt.split())
        nums = [float(x) for x in re.findall(r"grade (\d+(?:\.\d+)?)", f.message)]
        if n <= words and nums and max(nums) > grade:
            out.append(f.excerpt)
    return out


def pair_figures(
    report: Report, pages: dict[str, PageAudit], pairs: list[ClaimPair]
) -> dict[str, Any]:
    """Same-claim and contradiction precision/recall over the labelled pairs, and cluster purity."""
    # Where each labelled claim (by page and text) sits in the predicted clusters.
    member_clusters: dict[str, list[tuple[tuple[int, int], str]]] = defaultdict(list)
    for cluster in report.claims.clusters:
        for m in cluster.members:
            if m.source in pages:
                member_clusters[m.source].append((pages[m.source].span(m.start, m.end), cluster.id))

    def clusters_of(page_id: str, text: str) -> set[str]:
        page = pages.get(page_id)
        if page is None:
            return set()
        at = page.labels.text.find(text)
        if at < 0:
            return set()
        gold = (at, at + len(text))
        return {cid for span, cid in member_clusters[page_id] if overlaps(span, gold)}

    contradictions: set[tuple[str, tuple[int, int], str, tuple[int, int]]] = set()
    for sr in report.sources:
        if sr.id not in pages:
            continue
        for f in sr.findings:
            if f.rule != "claims.contradiction":
                continue
            a = pages[sr.id].span(f.start, f.end)
            for r in f.related:
                if r.source in pages:
                    contradictions.add((sr.id, a, r.source, pages[r.source].span(r.start, r.end)))

    def contradicted(p: ClaimPair) -> bool:
        for pa, ta, pb, tb in ((p.a_page, p.a_text, p.b_page, p.b_text), (p.b_page, p.b_text, p.a_page, p.a_text)):
            sa, sb = pages[pa].labels.text.find(ta), pages[pb].labels.text.find(tb)
            ga, gb = (sa, sa + len(ta)), (sb, sb + len(tb))
            if any(x == pa and overlaps(s, ga) and y == pb and overlaps(t, gb) for x, s, y, t in contradictions):
                return True
        return False

    buckets: dict[str, Counts] = defaultdict(Counts)
    contra = Counts()
    for p in pairs:
        if p.a_page not in pages or p.b_page not in pages:
            continue
        same_pred = bool(clusters_of(p.a_page, p.a_text) & clusters_of(p.b_page, p.b_text))
        langs = sorted([pages[p.a_page].labels.group, pages[p.b_page].labels.group])
        keys = ["all", "cross-language" if p.cross_language else "within-language"]
        if p.cross_language:
            keys.append(" ↔ ".join(langs))
        gold_same = p.label == "same"
        for key in keys:
            c = buckets[key]
            c.pred += same_pred
            c.tp_pred += same_pred and gold_same
            c.gold += gold_same
            c.tp_gold += same_pred and gold_same
        c_pred = contradicted(p)
        contra.pred += c_pred
        contra.tp_pred += c_pred and p.label == "contradicting"
        contra.gold += p.label == "contradicting"
        contra.tp_gold += c_pred and p.label == "contradicting"
    # Predicted contradiction findings between two labelled claims that no pair covers are not counted:
    # only labelled pairs can be judged.
    return {
        "same_claim": {k: v.figures() for k, v in sorted(buckets.items())},
        "contradicting": contra.figures(),
        "cluster_purity": cluster_purity(pairs, clusters_of),
        "pairs": len(pairs),
    }


def cluster_purity(pairs: list[ClaimPair], clusters_of) -> dict[str, Any]:
    """Purity of predicted clusters over the labelled claim groups (components of 'same' pairs).

    For each predicted cluster holding two or more labelled claims, the share of them that belong to
    its largest labelled group; averaged over clusters weighted by those claims.
    """
    parent: dict[tuple[str, str], tuple[str, str]] = {}

    def find(x):
        parent.setdefault(x, x)
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    for p in pairs:
        a, b = (p.a_page, p.a_text), (p.b_page, p.b_text)
        find(a)
        find(b)
        if p.label == "same":
            parent[find(a)] = find(b)
    by_cluster: dict[str, list[tuple[str, str]]] = defaultdict(list)
    for claim in list(parent):
        for cid in clusters_of(*claim):
            by_cluster[cid].append(find(claim))
    total = pure = 0
    for members in by_cluster.values():
        if len(members) < 2:
            continue
        total += len(members)
        pure += Counter(members).most_common(1)[0][1]
    clusters = sum(len(m) > 1 for m in by_cluster.values())
    return {"purity": round(pure / total, 3) if total else None, "clusters": clusters, "claims": total}


def score_sanity(pages: Iterable[PageAudit]) -> dict[str, Any]:
    """Marketing and citation scores by kind of page, as an editor would rank them."""
    pages = list(pages)
    public = [p for p in pages if p.labels.kind in PUBLIC_KINDS]
    sales = [p for p in pages if p.labels.kind in SALES_KINDS]
    with_refs = [p for p in pages if p.labels.references]
    without = [p for p in pages if not p.labels.references and not p.labels.citations]

    def values(ps, name):
        return [v for p in ps if (v := p.report.score(name)) is not None]

    def med(xs):
        return round(statistics.median(xs), 1) if xs else None

    pub = values(public, "marketing")
    return {
        "marketing_public_service_max": max(pub) if pub else None,
        "marketing_public_service_median": med(pub),
        "marketing_public_service_over_10": [p.labels.id for p in public if (p.report.score("marketing") or 0) > 10],
        "marketing_sales_median": med(values(sales, "marketing")),
        "citations_with_reference_list_median": med(values(with_refs, "citations")),
        "citations_without_sources_median": med(values(without, "citations")),
        "pages": {"public": len(public), "sales": len(sales), "with_refs": len(with_refs), "without": len(without)},
    }
