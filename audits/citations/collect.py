"""Every citation of a text against its reference list, as the citations analyzer and the tests read them.

One place decides which kinds of citation a page can hold: numbers only where a list can be cited by number (a
numbered list, or a list without numbers that no author-year citation cites, whose order the numbers follow),
superscripts as footnote markers where notes stand without a reference list, mentions right after an entry, and a
first author or an organisation named in the text.
"""

from __future__ import annotations

from audits.citations.intext import (
    InTextCitation,
    cites_list_by_order,
    find_in_text,
    follow_up_mentions,
    has_notes_heading,
    named_author_mentions,
    within_list,
)
from audits.citations.references import Reference


def collect_citations(text: str, refs: list[Reference], heading: tuple[int, int] | None) -> list[InTextCitation]:
    """The text's citations in text order (``refs`` and ``heading`` from parse_references)."""
    body_end = heading[0] if heading else len(text)
    numbered = any(r.number is not None for r in refs)
    footnotes = heading is None and has_notes_heading(text)
    spans = [(r.start, r.end) for r in refs]
    citations = find_in_text(text, body_end, numbered_list=numbered, footnotes=footnotes, entries=spans)
    if not numbered and not footnotes and cites_list_by_order(citations, len(refs)):
        # The superscripts flattened into the text ("depression1,2", "sleep.1") the first reading left out.
        seen = {(c.start, c.end) for c in citations}
        more = [c for c in find_in_text(text, body_end, numbered_list=True, entries=spans)
                if (c.start, c.end) not in seen]
        citations += within_list(more, len(refs))
    taken = [(c.start, c.end) for c in citations]
    citations += [c for c in follow_up_mentions(text, [(r.key, r.start, r.end) for r in refs])
                  if not any(a < c.end and c.start < b for a, b in taken)]
    citations += named_author_mentions(text, body_end, [(r.key, r.start, r.end, r.authors) for r in refs],
                                       [(c.start, c.end) for c in citations])
    citations.sort(key=lambda c: (c.start, c.end))
    return citations
