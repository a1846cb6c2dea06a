"""Marketing content: calls to action, contact and prices, self-promotion, puffery, guarantees,
urgency and emotional hooks, single cues and whole promotional blocks.

Guidance: HONcode principle 8 and the JAMA benchmarks (advertising separated from content,
disclosure of commercial interest); Sumner et al., BMJ 2014 on exaggeration in health press
releases; Wikipedia's "words to watch" on puffery; the US FTC's guidance on health claims.
Rules are data (audits/rules/marketing-*.yaml plus the config's rule_files), validated at load.
"""

from __future__ import annotations

import bisect
import statistics
from collections import Counter
from collections.abc import Iterable
from urllib.parse import urlsplit

from audits.analyzers.base import make_finding
from audits.config import AuditConfig
from audits.marketing import active_rules, find_matches, find_regions, marketing_score, model, weight_of
from audits.marketing import publisher as publisher_model
from audits.marketing.matching import Match, sentence_bounds
from audits.marketing.rules import Rule, RuleFileError, load_rules
from audits.marketing.signposting import in_runs, signposting_runs
from audits.model import AnalysisResult, Document, Finding, Metric, Score, Span

REGION_RULE = "marketing.region.promotional-block"
CONTEXT_FAMILY = "context"  # page-context rules (marketing-context.yaml): signals, never findings
INSTITUTIONAL_CUES = 2  # distinct institutional phrases that make a page a public service or charity
SALES_RULES = ("marketing.contact.price", "marketing.guarantee")  # a page that sells is never institutional
PRICE_RULE = "marketing.contact.price"
PUBLIC_FUNDING = "marketing.context.public-funding"  # amounts on such a page are co-payments, not prices
# An amount in the same sentence as a donation, a grant, a fine or a book's publisher is not the
# provider's fee: it neither vetoes the institutional test nor counts as an institutional cue.
NOT_A_FEE = "marketing.context.not-a-fee"
PRIVATE = "marketing.context.private-provider"  # "a premium service", "our fees": never institutional
# Context rules that are signals about other matches (a veto, an amount that is no fee, public funding), not cues:
# each is deduplicated only against itself, so a cue on the same words cannot hide it (matching.dedupe).
SIGNALS = frozenset({PRIVATE, NOT_A_FEE, PUBLIC_FUNDING})
# A host in a public body's own zone (".gov", ".nhs.uk", ".ac.uk", "gov.si"): read on the address only, and enough
# on its own (docs/scores.md); in the text such a domain is a link to someone else's page.
PUBLIC_ADDRESS = "marketing.context.public-address"
NOT_CUES = SIGNALS | {PUBLIC_ADDRESS}  # context rules that never count as an institutional cue of the address
# A public service describing what it offers ("our services"), reassuring its readers ("you don't have
# to face it alone"), saying how to reach it ("Click HERE to Self-Refer", "please email us") and that it is free
# (free at the point of use, not a sales lure) is information, not selling (LABELLING.md); its booking numbers
# stay contact details.
INSTITUTIONAL_SILENT = ("marketing.self-promotion", "marketing.emotional", "marketing.cta",
                        "marketing.contact.free-offer")
MODEL_PREFIX = "marketing.model."  # learned-layer findings: marketing.model.<label family>
CLOSING_BOOST = 1.5  # cues in a closing (or call-to-action) region weigh this much more in the score
SIGNPOSTED = model.SIGNPOSTED  # families a crisis or helpline context cancels
FAMILIES = ("cta", "contact", "self-promotion", "puffery", "guarantee", "urgency", "emotional")

__all__ = ["REGION_RULE", "MarketingAnalyzer", "RuleFileError", "family_weights", "load_rules", "rule_family"]


class MarketingAnalyzer:
    """Finds promotional cues and blocks, and scores how promotional a text is."""

    id = "marketing"
    description = "Calls to action, contact details and prices, self-promotion, puffery, guarantees, urgency."
    scope = "document"

    def analyze(self, doc: Document, config: AuditConfig) -> AnalysisResult:
        """Findings for each cue and each promotional region; score from cue density and region share."""
        rules = active_rules(config)
        weights = {r.id: weight_of(r, config) for r in rules}
        # The public-address rule reads the page's address, never its text (public_address).
        all_matches = find_matches(doc.text, [r for r in rules if r.id != PUBLIC_ADDRESS], doc.language.code,
                                   apart=SIGNALS)
        context = [m for m in all_matches if m.rule.family == CONTEXT_FAMILY]
        matches = [m for m in all_matches if m.rule.family != CONTEXT_FAMILY]
        address = address_cues(doc.source.origin, rules, doc.language.code)
        public_host = public_address(doc.source.origin, rules, doc.language.code)
        # Whether the page sells (a price, a refund, a guarantee, a private provider's statement), decided once: such a
        # page is never a public service or charity describing itself, whatever its phrases or the page model say.
        sold = sells(doc.text, context, matches)
        # The institutional phrases, read once: two (or a public body's own address) show a public service or charity.
        phrases, evidence = institutional_evidence(doc.text, context, sold, address, public_host=public_host)
        shown = phrases if evidence >= INSTITUTIONAL_CUES else ()
        # The user may say who publishes the source where the text does not show it (a public page with none of
        # the institutional phrases, a private clinic quoting the NHS): their word decides.
        publisher = config.publisher_for(doc.source.id)
        # Default mode, where neither the rules nor the user decided: the learned page model reads the page once. One
        # institutional phrase is enough when the model is sure the page is a public service's or charity's; otherwise
        # a page that merely reads like one is named as such for the user to confirm, and its score is not changed.
        # With no phrase at all, a page that sells nothing is one when the model is surer still (CONFIRMS_NO_PHRASE).
        confirmed_by_model = reads_public = None
        if not shown and publisher is None and not config.fast:
            reading = publisher_model.read_page(doc.sentence_texts())
            if evidence >= 1:
                confirmed_by_model = reading.confirms_one_phrase()
            elif not sold:
                confirmed_by_model = reading.confirms_no_phrase()
            if confirmed_by_model is not None:
                shown = phrases
            else:
                reads_public = reading.reads_as_public()
        institutional = publisher == "public" or ((bool(shown) or confirmed_by_model is not None)
                                                  and publisher != "private")
        shown = shown if institutional else ()
        if institutional:  # "At Samaritans, we…", "our service" on a charity page is information
            matches = [m for m in matches if not m.rule.id.startswith(INSTITUTIONAL_SILENT)]
        # A corresponding author's address (found by the metadata step) is not an advertisement.
        correspondence = doc.metadata.spans.get("correspondence")
        if correspondence is not None:
            matches = [m for m in matches if not (m.rule.family == "contact"
                                                  and correspondence.contains(Span(m.start, m.end)))]
        # Numbers in a list of helplines are safety information, whatever their own line says.
        signposted = signposting_runs(doc.text)
        matches = [m for m in matches if not (m.rule.family in SIGNPOSTED and in_runs(m.start, signposted))]
        matches, learned, learned_cues = with_model(doc, matches, institutional, config, signposted)
        language = doc.language.code
        findings: list[Finding] = [
            make_finding(doc, m.rule.id, "marketing", m.rule.severity, wording.message, Span(m.start, m.end),
                         suggestion=wording.suggestion, link=m.rule.link)
            for m in matches
            for wording in (m.rule.wording(language),)
        ]
        findings += learned
        regions = find_regions(doc.text, doc.paragraphs, matches, weights)
        for region in regions:
            if not config.rule_enabled(REGION_RULE):
                break
            names = ", ".join(region.families)
            findings.append(make_finding(
                doc, REGION_RULE, "marketing", "warning",
                f"This {region.label} block reads as an advertisement for the publisher's own services "
                f"({len([m for m in matches if region.start <= m.start < region.end])} promotional cues: {names}).",
                Span(region.start, region.end),
                suggestion="Separate the advertisement from the article (a labelled box or a separate page), "
                           "or say plainly that the publisher offers these services.",
                link="https://www.hon.ch/cgi-bin/HONcode/principles.pl?English",
            ))
        closing = [r for r in regions if r.label == "closing" or r.call_to_action is not None]
        weighted = sum(weights[m.rule.id] * (CLOSING_BOOST if any(r.start <= m.start < r.end for r in closing) else 1.0)
                       for m in matches)
        # A learned finding counts as a cue of its family, weighted by the model's confidence.
        typical = family_weights(rules, weights)
        weighted += sum(p * typical.get(rule_family(f), 1.0) for f, p in learned_cues)
        region_words = sum(r.words for r in regions)
        score = marketing_score(weighted, doc.word_count, region_words, institutional,
                                {m.rule.family for m in matches}
                                | {rule_family(f) for f, p in learned_cues if p >= model.CONFIDENT},
                                shown[:INSTITUTIONAL_SHOWN], publisher, reads_public, confirmed_by_model)
        confidence = "low" if doc.word_count < config.min_words else "normal"
        by_family = Counter(m.rule.family for m in matches)
        metrics = [
            Metric("marketing.weighted_density", score.density, "Weighted promotional cues per 100 words"),
            Metric("marketing.cues", float(len(matches)), "Promotional cues"),
            Metric("marketing.region_share", score.region_share, "Share of words in promotional regions"),
            Metric("marketing.regions", float(len(regions)), "Promotional regions"),
        ]
        metrics += [Metric(f"marketing.cues.{f}", float(by_family.get(f, 0)), f"Cues: {f}") for f in FAMILIES]
        section = {
            "regions": [r.to_dict(doc.text) for r in regions],
            "families": {f: by_family.get(f, 0) for f in sorted(set(FAMILIES) | set(by_family))},
            "rules_applied": len(rules),
            "weighted_cues": round(weighted, 2),
            "region_share": round(score.region_share, 4),
            "institutional": institutional,
            "institutional_cues": list(shown),
            "publisher_set_by_user": publisher,
            "reads_as_public": reads_public,
            "institutional_confirmed_by_model": confirmed_by_model,
            "learned": len(learned_cues),
        }
        return AnalysisResult(tuple(findings), tuple(metrics), section,
                              {"marketing": Score(score.value, confidence, score.explanation())})


def address_cues(origin: str, rules: Iterable[Rule], language: str) -> set[str]:
    """The institutional cues in the address a page was read from ("www.nhs.uk", "www.gov.si"): the same context
    rules as the text's, run on the host name of an http(s) origin. A public body's own domain says who publishes
    the page as plainly as its name in the text does; a file or pasted text has no address and adds nothing."""
    if not origin.startswith(("http://", "https://")):
        return set()
    host = urlsplit(origin).hostname or ""
    if not host:
        return set()
    rules = [r for r in rules if r.family == CONTEXT_FAMILY and r.id not in NOT_CUES]
    return {"address: " + host[m.start:m.end].casefold() for m in find_matches(host, rules, language)}


def public_address(origin: str, rules: Iterable[Rule], language: str) -> str | None:
    """The host name of an http(s) origin in a public body's own zone ("talkingtherapies.cnwl.nhs.uk",
    "health.maryland.gov", "www.usp.ac.fj"; rule marketing.context.public-address), or None. Only a public body
    can publish there, so the address alone says who publishes the page (a price or a guarantee still vetoes)."""
    if not origin.startswith(("http://", "https://")):
        return None
    host = (urlsplit(origin).hostname or "").casefold()
    rules = [r for r in rules if r.id == PUBLIC_ADDRESS]
    return host if host and rules and find_matches(host, rules, language) else None


INSTITUTIONAL_SHOWN = 4  # cue phrases the score's explanation names


def institutional_evidence(text: str, context: list[Match], sold: bool, address: set[str] = frozenset(),
                           public_host: str | None = None) -> tuple[tuple[str, ...], int]:
    """The distinct institutional phrases of a page describing itself as a public service or charity, in the order
    they first appear (the address's last), and how many cues they count for (a known name used twice counts as two;
    ``public_host``, a public body's own domain read by public_address, is enough on its own); ((), 0) when the page
    ``sold`` (``sells``: a private provider's veto or a sale rules it out). INSTITUTIONAL_CUES of them show such a
    page."""
    if sold:
        return (), 0
    context = [m for m in context if m.rule.id != NOT_A_FEE]
    phrases = list(dict.fromkeys([*(text[m.start:m.end].casefold() for m in sorted(context, key=lambda m: m.start)),
                                  *sorted(address), *([f"address: {public_host}"] if public_host else [])]))
    names = [m for m in context if m.rule.id.endswith("-names")]
    evidence = len(phrases) + (len(names) >= 2)  # a known name used twice counts as two cues
    evidence += INSTITUTIONAL_CUES if public_host else 0
    return tuple(phrases), evidence


def sells(text: str, context: list[Match], cues: list[Match]) -> bool:
    """Whether the page shows a private, fee-charging provider ("our fees", "a premium service") or sells: a price,
    a refund or a guarantee. Such a page is never taken for a public service or charity describing itself. A public
    body stating what its co-funding covers, or an amount beside a donation or a grant, is not a sale."""
    if any(m.rule.id == PRIVATE for m in context):
        return True
    not_fee = [m for m in context if m.rule.id == NOT_A_FEE]
    publicly_funded = any(m.rule.id == PUBLIC_FUNDING for m in context)
    return any(m.rule.id.startswith(SALES_RULES)
               and not (m.rule.id.startswith(PRICE_RULE) and (publicly_funded or _beside(text, m, not_fee)))
               for m in cues)


def _beside(text: str, match: Match, others: list[Match]) -> bool:
    """Whether one of ``others`` lies in the sentence (or line) holding ``match``."""
    left, right = sentence_bounds(text, match.start, match.end)
    return any(left <= o.start and o.end <= right for o in others)


def family_weights(rules: Iterable[Rule], weights: dict[str, float]) -> dict[str, float]:
    """A family's typical cue weight (the median over its active rules): what a learned finding of the
    family weighs in the score at full confidence."""
    by_family: dict[str, list[float]] = {}
    for r in rules:
        by_family.setdefault(r.family, []).append(weights[r.id])
    return {f: statistics.median(ws) for f, ws in by_family.items()}


def with_model(doc: Document, matches: list[Match], institutional: bool, config: AuditConfig,
               signposted: list[tuple[int, int]] | None = None,
               ) -> tuple[list[Match], list[Finding], list[tuple[str, float]]]:
    """The learned layer (default mode, where shipped enabled for the page's language), joined with the
    rules by ``model.combine``: weak cues (info) in sentences the model finds no promotion in are dropped,
    and sentences no cue covers that the model scores high become findings. Also returns each reported
    learned finding's (label family, probability), for the score."""
    if config.fast or not model.enabled("promotion", doc.language.code):
        return matches, [], []
    sentences = doc.sentence_texts()
    models = model.load_models()
    probs, vecs = model.sentence_probabilities(sentences, model.PROMOTION, models)
    starts = [s.start for s in doc.sentences]
    hits = [(bisect.bisect_right(starts, m.start) - 1,
             m.rule.severity.value == "info" and _label_family(m.rule.family) in models) for m in matches]

    def allowed(i: int, family: str) -> bool:
        return model.promotion_allowed(family, sentences[i], in_runs(starts[i], signposted or []), institutional)

    keep, added = model.combine(probs, hits, model.policy("promotion"), allowed)
    out = model.added_findings(doc, added, vecs, models, MODEL_PREFIX, "marketing", config.rule_enabled)
    cues = [(f, p) for _, f, p in added if config.rule_enabled(MODEL_PREFIX + f)]
    return [m for m, k in zip(matches, keep, strict=True) if k], out, cues


# The rule files call one family "emotional"; the labels and the model call it "emotional-hook".
_TO_LABEL = {"emotional": "emotional-hook"}
_TO_RULE = {v: k for k, v in _TO_LABEL.items()}


def _label_family(rule_family: str) -> str:
    return _TO_LABEL.get(rule_family, rule_family)


def rule_family(label_family: str) -> str:
    """The rule files' name of a label family ("emotional-hook" -> "emotional")."""
    return _TO_RULE.get(label_family, label_family)
