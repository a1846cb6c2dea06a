"""The four JAMA benchmarks for health information on the web, as a checklist with evidence.

Silberg WM, Lundberg GD, Musacchio RA. Assessing, controlling, and assuring the quality
of medical information on the Internet. JAMA 1997;277(15):1244-5: authorship (authors,
affiliations, credentials), attribution (references and sources), disclosure (ownership,
sponsorship, advertising, conflicts of interest) and currency (dates posted and updated).
"""

from __future__ import annotations

import re
from typing import Any

from audits.model import Document

LINK = "https://jamanetwork.com/journals/jama/article-abstract/415408"
_DISCLOSURE = re.compile(
    r"\b(conflicts? of interest|competing interests?|disclosures?|funding|funded by|sponsored by|sponsorship|"
    r"financial (support|relationships?)|advertis\w+|affiliate links?|paid partnership|"
    r"sukob interesa|finansiran\w*|sponzor\w*|izjava o)\b",
    re.IGNORECASE,
)


def jama_checklist(doc: Document, n_references: int, n_citations: int, n_unresolved: int) -> dict[str, Any]:
    """Each benchmark: met (bool) and the evidence found, or what is missing, in words."""
    meta = doc.metadata
    if meta.authors:
        extra = f"; affiliation: {meta.affiliations[0]}" if meta.affiliations else "; no affiliation or credentials"
        authorship = {"met": True, "evidence": f"Author named: {', '.join(meta.authors)}{extra}."}
    elif meta.reviewers:
        authorship = {"met": False, "evidence": f"No author named; only a reviewer ({', '.join(meta.reviewers)})."}
    else:
        authorship = {"met": False, "evidence": "No author named."}
    if n_references and n_unresolved == 0:
        attribution = {"met": True, "evidence": f"{n_references} references; all {n_citations} in-text citations "
                                                "resolve to the list."}
    elif n_references:
        attribution = {"met": False, "evidence": f"{n_references} references, but {n_unresolved} of {n_citations} "
                                                 "citations do not resolve."}
    elif n_citations:
        attribution = {"met": False, "evidence": f"{n_citations} citations in the text, but no reference list."}
    else:
        attribution = {"met": False, "evidence": "No references or sources given."}
    m = _DISCLOSURE.search(doc.text)
    if m:
        line_start = doc.text.rfind("\n", 0, m.start()) + 1
        line_end = doc.text.find("\n", m.end())
        line = doc.text[line_start : line_end if line_end >= 0 else len(doc.text)].strip()
        disclosure = {"met": True, "evidence": f"Disclosure statement: \"{line[:160]}\"."}
    else:
        disclosure = {"met": False, "evidence": "No statement of ownership, funding, sponsorship or conflicts of "
                                                "interest."}
    if meta.dates:
        listed = ", ".join(f"{k.replace('_', ' ')} {v}" for k, v in meta.dates.items())
        currency = {"met": True, "evidence": f"Dates given: {listed}."}
    else:
        currency = {"met": False, "evidence": "No publication or update date."}
    return {"authorship": authorship, "attribution": attribution, "disclosure": disclosure, "currency": currency}
