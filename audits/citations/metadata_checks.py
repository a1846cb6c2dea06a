"""Metadata consistency: affiliations, correspondence against the byline, date order, review without references.

Guidance: ICMJE recommendations on authorship and correspondence (one affiliation per author
as stated on the byline) and the JAMA benchmarks "authorship" and "currency".
"""

from __future__ import annotations

import re
from dataclasses import replace
from itertools import pairwise

from audits.citations.references import fold
from audits.model import Document, Finding, RelatedSpan, Severity, Span, make_finding

LINK_ICMJE = "https://www.icmje.org/recommendations/browse/roles-and-responsibilities/defining-the-role-of-authors-and-contributors.html"
# The order editorial dates must follow; "updated" only has to come after "published".
DATE_ORDER = ("received", "editor_assigned", "reviewed", "revised", "accepted", "published")
_INSTITUTION_WORDS = re.compile(r"\b(university|universit\w+|college|school|institute|hospital|centre|center|"
                                r"clinic|klinika|fakultet|univerzitet|institut|bolnica)\b", re.IGNORECASE)
_STOP = {"of", "the", "and", "for", "department", "dept", "usa", "uk", "school", "college", "university",
         "medicine", "faculty", "institute", "de", "la", "y", "i", "za"}


def _institution_words(affiliation: str) -> set[str]:
    words = {fold(w) for w in re.findall(r"[^\W\d_]+", affiliation)}
    return {w for w in words if w not in _STOP and len(w) > 2}


def _span(doc: Document, label: str) -> Span:
    return doc.metadata.spans.get(label) or Span(0, 0)


def _related(doc: Document, span: Span) -> RelatedSpan:
    return RelatedSpan(doc.source.id, span.start, span.end, span.of(doc.text))


def metadata_findings(doc: Document, has_references: bool, has_citations: bool) -> list[Finding]:
    """Conflicting affiliations, correspondence against the byline, dates out of order, review without references."""
    meta = doc.metadata
    findings: list[Finding] = []
    corr = meta.correspondence or ""
    corr_span = meta.spans.get("correspondence")
    if corr and corr_span is not None:
        corr_name = re.split(r",", corr, maxsplit=1)[0].strip(" *")
        byline_affiliations = [a for a in meta.affiliations if a not in corr and _INSTITUTION_WORDS.search(a)]
        corr_affiliation = ", ".join(
            p for p in re.split(r",\s*", re.split(r"E-?mail", corr, flags=re.IGNORECASE)[0])[1:] if p.strip())
        named = [a for a in meta.authors if fold(a) == fold(corr_name)]
        if meta.authors and not named and re.match(r"^[A-Z][\w.'’-]+(?: [A-Z][\w.'’-]*){1,3}$", corr_name):
            findings.append(make_finding(
                doc, "metadata.correspondence-not-author", "metadata", Severity.WARNING,
                f"The correspondence line names {corr_name}, who is not among the authors in the byline "
                f"({', '.join(meta.authors)}).", corr_span,
                "Check who the corresponding author is and make the byline and correspondence line agree.",
                LINK_ICMJE))
        if named and byline_affiliations and _INSTITUTION_WORDS.search(corr_affiliation):
            byline_words = set().union(*(_institution_words(a) for a in byline_affiliations))
            if not byline_words & _institution_words(corr_affiliation):
                finding = make_finding(
                    doc, "metadata.conflicting-affiliation", "metadata", Severity.WARNING,
                    f"{corr_name} is given two different affiliations: \"{byline_affiliations[0]}\" in the byline "
                    f"but \"{corr_affiliation}\" in the correspondence line.", corr_span,
                    "Check the author's affiliation and use the same one in the byline and the correspondence "
                    "details.", LINK_ICMJE)
                affiliation_span = meta.spans.get("affiliation")
                if affiliation_span is not None:
                    finding = replace(finding, related=(_related(doc, affiliation_span),))
                findings.append(finding)
    dated = [(label, meta.dates[label]) for label in DATE_ORDER if label in meta.dates]
    for (a, a_date), (b, b_date) in pairwise(dated):
        if b_date < a_date:
            findings.append(make_finding(
                doc, "metadata.dates-out-of-order", "metadata", Severity.WARNING,
                f"The {b.replace('_', ' ')} date ({b_date}) comes before the {a.replace('_', ' ')} date ({a_date}).",
                _span(doc, f"date:{b}"), "Check the dates: one of them is probably mistyped.", LINK_ICMJE))
    if "updated" in meta.dates and "published" in meta.dates and meta.dates["updated"] < meta.dates["published"]:
        findings.append(make_finding(
            doc, "metadata.dates-out-of-order", "metadata", Severity.WARNING,
            f"The page says it was updated ({meta.dates['updated']}) before it was published "
            f"({meta.dates['published']}).", _span(doc, "date:updated"), "Check the dates.", LINK_ICMJE))
    if meta.reviewers and not has_references and not has_citations:
        findings.append(make_finding(
            doc, "metadata.reviewed-without-references", "metadata", Severity.WARNING,
            f"The page says it was medically reviewed by {meta.reviewers[0]}, yet it cites no sources at all, "
            "so readers cannot check what the review rested on.", _span(doc, "reviewer"),
            "List the sources the reviewed content rests on.", LINK_ICMJE))
    return findings
