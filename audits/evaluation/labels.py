"""The evaluation corpus's hand labels: load, validate and locate them in the page text.

The schema is documented in docs/annotation-guide.md. Every quoted text must be an exact
substring of the page; a label that cannot be found is an error, never silently dropped.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

PROMOTION_FAMILIES = ("cta", "contact", "self-promotion", "puffery", "guarantee", "urgency", "emotional-hook")
EVIDENCE_FAMILIES = ("evidence-appeal", "overclaim", "statistic")
OTHER_FAMILIES = ("attribution", "crisis-line")
FAMILIES = PROMOTION_FAMILIES + EVIDENCE_FAMILIES + OTHER_FAMILIES
KINDS = (
    "clinic", "therapist", "coach", "public-service", "charity", "blog", "news",
    "journal", "book", "directory", "qa", "forum",
)
FURNITURE_REASONS = (
    "breadcrumb", "navigation", "toc", "share", "caption", "comments", "related", "cookie",
    "footer", "date-line", "duplicate-heading", "widget", "ad",
)
PAIR_LABELS = ("same", "related", "contradicting")
LANGUAGE_GROUPS = {"en": "English", "sr": "sr/hr/bs", "hr": "sr/hr/bs", "bs": "sr/hr/bs", "sl": "Slovenian"}

EVAL_DIR = Path(__file__).resolve().parents[2] / "eval"


SALES_KINDS = ("clinic", "therapist", "coach")  # a provider selling its own services
PUBLIC_KINDS = ("public-service", "charity")  # a public body or charity describing itself


def language_group(language: str) -> str:
    """The reporting group of a language code: English, sr/hr/bs, Slovenian or other."""
    return LANGUAGE_GROUPS.get(language, "other")


@dataclass(frozen=True)
class Located:
    """A labelled piece of text and where it stands in the page: [start, end)."""

    text: str
    start: int
    end: int
    family: str = ""
    extra: dict[str, Any] = field(default_factory=dict)


@dataclass(frozen=True)
class PageLabels:
    """One page's text and its labels, every quote located."""

    id: str
    text: str
    url: str
    retrieved: str
    licence: str
    language: str
    script: str
    language_uncertain: bool
    kind: str
    title: str
    furniture: tuple[Located, ...]
    spans: tuple[Located, ...]
    references: tuple[Located, ...]
    citations: tuple[Located, ...]
    own_doi: str | None
    claims: tuple[Located, ...]
    not_claims: tuple[Located, ...]

    @property
    def group(self) -> str:
        """English, sr/hr/bs, Slovenian or other."""
        return language_group(self.language)


class LabelError(ValueError):
    """A label file that does not follow the schema or quotes text the page does not hold."""


def _locate(page_id: str, text: str, quote: str, used: dict[str, int]) -> tuple[int, int]:
    """Where quote stands in text; repeated quotes take successive occurrences."""
    if not isinstance(quote, str) or not quote.strip():
        raise LabelError(f"{page_id}: empty quote")
    quote = quote.strip()
    start_from = used.get(quote, 0)
    i = text.find(quote, start_from)
    if i < 0:
        i = text.find(quote)  # a repeated label for the same occurrence
    if i < 0:
        raise LabelError(f"{page_id}: quote not found in the page: {quote[:80]!r}")
    used[quote] = i + 1
    return i, i + len(quote)


def locate_quotes(page_id: str, text: str, raw: list[Any] | None, key: str = "text") -> list[tuple[dict, int, int]]:
    out = []
    used: dict[str, int] = {}
    for item in raw or []:
        d = {key: item} if isinstance(item, str) else dict(item)
        s, e = _locate(page_id, text, d.get(key, ""), used)
        out.append((d, s, e))
    return out


def extra_number(page_id: str) -> int:
    """The number at the end of an extra page's id (eval/extra: `en-coach-x07` -> 7)."""
    found = re.search(r"x(\d+)$", page_id)
    if not found:
        raise ValueError(f"not an extra page id: {page_id}")
    return int(found.group(1))


def is_extra_page(page_id: str) -> bool:
    """An extra page (eval/extra: `en-coach-x07`) rather than a page of the evaluation corpus."""
    return re.search(r"-x\d+$", page_id) is not None


def half_of(page_id: str) -> str:
    """"even" or "odd", by the number ending a page id (eval/extra, eval/titles, eval/links): rules and models are
    written from the even half, the odd half is held out."""
    found = re.search(r"(\d+)$", page_id)
    if not found:
        raise ValueError(f"no number at the end of {page_id!r}")
    return "odd" if int(found.group(1)) % 2 else "even"


def extra_held_out(page_id: str) -> bool:
    """Whether an extra page is in the held-out half (odd numbers): rules and models are developed on the even
    half, and only the odd half's summary figures are looked at."""
    return extra_number(page_id) % 2 == 1


def load_page(label_path: Path, pages_dir: Path | None = None, require_title: bool = True) -> PageLabels:
    """Read and validate one label file together with its page text.

    ``require_title=False`` accepts ``title: null`` (extra pages whose excerpt holds no headline; title "").
    """
    raw = yaml.safe_load(label_path.read_text(encoding="utf-8"))
    if not isinstance(raw, dict) or "id" not in raw:
        raise LabelError(f"{label_path.name}: not a label mapping with an id")
    page_id = str(raw["id"])
    if page_id != label_path.stem:
        raise LabelError(f"{label_path.name}: id {page_id!r} does not match the file name")
    pages_dir = pages_dir or label_path.parent.parent / "pages"
    text = (pages_dir / f"{page_id}.txt").read_text(encoding="utf-8")
    if not require_title and raw.get("title") is None:
        raw["title"] = ""
    for key in ("url", "language", "kind", "title"):
        if not raw.get(key) and not (key == "title" and not require_title):
            raise LabelError(f"{page_id}: missing {key}")
    if raw["kind"] not in KINDS:
        raise LabelError(f"{page_id}: unknown kind {raw['kind']!r}")
    furniture = []
    for d, s, e in locate_quotes(page_id, text, raw.get("furniture")):
        if d.get("reason") not in FURNITURE_REASONS:
            raise LabelError(f"{page_id}: unknown furniture reason {d.get('reason')!r}")
        furniture.append(Located(text[s:e], s, e, d["reason"]))
    spans = []
    for d, s, e in locate_quotes(page_id, text, raw.get("spans")):
        if d.get("family") not in FAMILIES:
            raise LabelError(f"{page_id}: unknown span family {d.get('family')!r}")
        spans.append(Located(text[s:e], s, e, d["family"]))
    references = []
    ref_ids = set()
    for d, s, e in locate_quotes(page_id, text, raw.get("references")):
        rid = str(d.get("id") or f"r{len(references) + 1}")
        ref_ids.add(rid)
        references.append(Located(text[s:e], s, e, "reference", {"id": rid}))
    citations = []
    for d, s, e in locate_quotes(page_id, text, raw.get("citations")):
        ref = d.get("ref")
        if ref is not None and str(ref) not in ref_ids:
            raise LabelError(f"{page_id}: citation points to unknown reference {ref!r}")
        citations.append(Located(text[s:e], s, e, "citation", {"ref": None if ref is None else str(ref)}))
    claims = [Located(text[s:e], s, e, "claim") for d, s, e in locate_quotes(page_id, text, raw.get("claims"))]
    not_claims = [
        Located(text[s:e], s, e, "not-claim", {"why": d.get("why", "")})
        for d, s, e in locate_quotes(page_id, text, raw.get("not_claims"))
    ]
    return PageLabels(
        id=page_id,
        text=text,
        url=str(raw["url"]),
        retrieved=str(raw.get("retrieved", "")),
        licence=str(raw.get("licence", "")),
        language=str(raw["language"]),
        script=str(raw.get("script", "latin")),
        language_uncertain=bool(raw.get("language_uncertain", False)),
        kind=str(raw["kind"]),
        title=str(raw["title"]),
        furniture=tuple(furniture),
        spans=tuple(spans),
        references=tuple(references),
        citations=tuple(citations),
        own_doi=raw.get("own_doi"),
        claims=tuple(claims),
        not_claims=tuple(not_claims),
    )


def load_corpus(eval_dir: Path = EVAL_DIR) -> dict[str, PageLabels]:
    """Every labelled page of the corpus, by id."""
    pages = {}
    for path in sorted((eval_dir / "labels").glob("*.yaml")):
        page = load_page(path, eval_dir / "pages")
        pages[page.id] = page
    return pages


@dataclass(frozen=True)
class ClaimPair:
    """Two labelled claims from different pages and how they relate."""

    a_page: str
    a_text: str
    b_page: str
    b_text: str
    label: str
    cross_language: bool


def load_pairs(pages: dict[str, PageLabels], eval_dir: Path = EVAL_DIR) -> list[ClaimPair]:
    """The labelled claim pairs (every eval/pairs/*.yaml), each quote checked against its page."""
    items = []
    for path in sorted((eval_dir / "pairs").glob("*.yaml")):
        items.extend((f"{path.name}: pair {n + 1}", item)
                     for n, item in enumerate(yaml.safe_load(path.read_text(encoding="utf-8")) or []))
    out = []
    for n, item in items:
        a, b, label = item["a"], item["b"], item["label"]
        if label not in PAIR_LABELS:
            raise LabelError(f"{n}: unknown label {label!r}")
        for side in (a, b):
            if side["page"] not in pages:
                raise LabelError(f"{n}: unknown page {side['page']!r}")
            if side["text"].strip() not in pages[side["page"]].text:
                raise LabelError(f"{n}: quote not in {side['page']}: {side['text'][:60]!r}")
        out.append(ClaimPair(
            a["page"], a["text"].strip(), b["page"], b["text"].strip(), label,
            pages[a["page"]].language != pages[b["page"]].language,
        ))
    return out


def load_split(eval_dir: Path = EVAL_DIR) -> dict[str, str]:
    """page id -> "dev" or "test"."""
    path = eval_dir / "split.json"
    return json.loads(path.read_text(encoding="utf-8")) if path.exists() else {}
