"""Is this line a bibliographic reference entry? Judged by its shape, with or without a heading.

Reference entries are found by form wherever they stand (a list at the end of a blog post often
has no "References" heading), so that readability does not grade them as prose, claims are not
extracted from them, and citations can parse them. The maintained parsers of reference strings
(GROBID, AnyStyle, refextract) need a Java service, Ruby, or are GPL; a line classifier over
shape signals is enough to find entries offline, and the fields are parsed by citations.references.

Every pattern is linear: bounded repetitions only, no nested quantifiers.
"""

from __future__ import annotations

import re
from functools import lru_cache

_DOI = re.compile(r"\b10\.\d{4,9}/\S{1,200}")
_URL = re.compile(r"\bhttps?://\S{3,300}|\bwww\.\S{3,200}", re.IGNORECASE)
_YEAR_PAREN = re.compile(r"\((?:19|20)\d{2}[a-z]?(?:, [A-Z][a-z]{2,9}\.?(?: \d{1,2})?)?\)")
_YEAR_PLAIN = re.compile(r"(?:^|[\s,.;(])(?:19|20)\d{2}[a-z]?[;.,):]")
_VOLUME_PAGES = re.compile(
    r"\b\d{1,4}\s?(?:\(\d{1,4}(?:[-–]\d{1,4})?\))?\s?[:,]\s?(?:[eS]?\d{1,6})(?:\s?[-–]\s?\d{1,6})?\b"
)
_PAGES = re.compile(r"\bpp?\.\s?\d{1,5}(?:\s?[-–]\s?\d{1,5})?", re.IGNORECASE)
# "Smith, J. A.," "Smith JA," "Smith, J.," "Van der Berg, A.", "Smith J, Doe A."
_AUTHOR_START = re.compile(
    r"^(?:\[?\d{1,3}[.)\]]\s{0,3}|[-•*–]\s{0,3})?"
    r"(?:[A-ZÀ-ÖØ-ÞČĆŠŽĐ][\w'’\-]{1,30}(?: (?:van|von|de|der|den|da|del|di|la|le)){0,2}\s?,?\s"
    r"(?:[A-Z]\.?\s?){1,3}[,.&]|[A-Z][\w'’\-]{1,30},\s(?:[A-Z]\.\s?){1,3})"
)
_ET_AL = re.compile(r"\bet al\b\.?", re.IGNORECASE)
_VENUE = re.compile(
    r"\b(?:journal|J\.? [A-Z][a-z]+|Psychol\w*|Psychiatry|Lancet|BMJ|JAMA|Rev\.?|Proc\.|Press|Publishing|"
    r"In:|Eds?\.|ed\.|Retrieved from|Available (?:at|from)|Vol\.|No\.|Issue|Cochrane|PLoS|Neurosci\w*|"
    r"Clin\.?|Med\.?|Behav\w*|Ther\w*|Res\.?|Quarterly|Annual|Bulletin|Archives)\b"
)
_SENTENCE_VERB = re.compile(
    r"\b(?:is|are|was|were|has|have|can|may|will|helps?|shows?|found|suggests?|je|su|može|pokazuje|lahko)\b"
)


@lru_cache(maxsize=4096)  # the same lines are asked about by several analyzers; pure, thread-safe
def reference_signals(line: str) -> int:
    """How many independent signs of a reference entry the line shows."""
    text = line.strip()
    if len(text) < 20 or len(text) > 1200:
        return 0
    signals = 0
    signals += bool(_DOI.search(text)) * 2
    signals += bool(_URL.search(text))
    signals += bool(_YEAR_PAREN.search(text) or _YEAR_PLAIN.search(text))
    signals += bool(_VOLUME_PAGES.search(text) or _PAGES.search(text))
    signals += bool(_AUTHOR_START.match(text)) * 2
    signals += bool(_ET_AL.search(text))
    signals += bool(_VENUE.search(text))
    return signals


def looks_like_reference(line: str) -> bool:
    """Whether a line (or sentence) is a reference entry rather than prose.

    Three signals are needed (a DOI and an author list each count twice; a DOI needs two other
    signs besides), and a line that reads like a sentence about a study ("Smith et al. (2019) found
    that ...") needs a DOI or URL too.
    """
    signals = reference_signals(line)
    text = line.strip()
    has_doi = bool(_DOI.search(text))
    if signals < 3 or (has_doi and signals - 2 < 2):  # a DOI needs two other signs (a DOI in prose is not an entry)
        return False
    prose_like = bool(_SENTENCE_VERB.search(text)) and len(text.split()) > 12 and not _AUTHOR_START.match(text)
    return not prose_like or (bool(_DOI.search(text) or _URL.search(text)) and signals >= 4)
