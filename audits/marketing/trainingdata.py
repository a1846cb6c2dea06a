"""The learned layer's training sentences: dev pages, extra labelled pages, and the rules' own examples.

Extra pages (``eval/extra/pages/<id>.txt`` and ``eval/extra/labels/<id>.yaml``) are real public pages
labelled by hand for training only, by the same norms as the corpus (docs/annotation-guide.md); the
evaluator's corpus and its dev/test split never read that folder. Their label files carry id, url,
language, kind and spans (exhaustive per family); everything else is optional. Sentences are aligned
to spans exactly as for dev: a sentence is positive for a family when a labelled span of the family
overlaps it.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from audits.marketing.model import EVIDENCE, PROMOTION, classifiable

FAMILIES = PROMOTION + EVIDENCE
EXTRA_DIR = Path(__file__).resolve().parents[2] / "eval" / "extra"


@dataclass
class Row:
    """One classifiable sentence of a labelled page, with the context the analyzers judge it in."""

    page: str
    group: str  # language group: English, sr/hr/bs, Slovenian, other
    text: str
    span: tuple[int, int]  # in the labelled page's text
    index: int  # sentence index in the audited document
    families: set[str] = field(default_factory=set)
    supported: bool = False
    hedged: bool = False
    skipped: bool = False
    institutional: bool = False
    signposted: bool = False  # inside a list of helplines (audits.marketing.signposting)


def load_extra(extra_dir: Path = EXTRA_DIR) -> list[Any]:
    """The extra labelled pages as PageLabels (an unreadable or mis-quoted label file is an error; an extra page
    may have no headline, ``title: null``)."""
    from audits.evaluation.labels import load_page

    return [load_page(path, extra_dir / "pages", require_title=False)
            for path in sorted((extra_dir / "labels").glob("*.yaml"))]


def page_rows(audits: dict[str, Any]) -> list[Row]:
    """One row per classifiable sentence of the audited labelled pages (evaluation PageAudit objects)."""
    from audits.citations.collect import collect_citations
    from audits.citations.evidence import all_rules, sentence_context
    from audits.citations.references import parse_references
    from audits.evaluation.align import overlaps
    from audits.marketing.signposting import in_runs, signposting_runs

    rows = []
    for pid, a in sorted(audits.items()):
        doc = a.report.document
        if doc is None:
            continue
        refs, heading = parse_references(doc.text)
        body_end = heading[0] if heading else len(doc.text)
        citations = collect_citations(doc.text, refs, heading)  # as the citations analyzer reads them
        context = sentence_context(doc, citations, all_rules(), body_end)
        supported, hedged, skipped = context.supported, context.hedged, context.skipped
        institutional = bool(a.report.sections.get("marketing", {}).get("institutional"))
        signposted = signposting_runs(doc.text)
        for i, s in enumerate(doc.sentences):
            text = s.of(doc.text)
            if not classifiable(text):
                continue
            span = a.span(s.start, s.end)
            fams = {g.family for g in a.labels.spans if overlaps(span, (g.start, g.end))} & set(FAMILIES)
            rows.append(Row(pid, a.labels.group, text, span, i, fams, i in supported, i in hedged, i in skipped,
                            institutional, in_runs(s.start, signposted)))
    return rows


def rule_rows() -> list[Row]:
    """The rules' own examples and the hand-written hard negatives: must-flag ones positive for the
    rule's family, must-pass ones negative."""
    from audits.citations.evidence import KIND_FAMILY, all_rules
    from audits.evaluation.score import family_of
    from audits.marketing.rules import load_rules

    # An attribution rule's examples are a named speaker's words: not an unsupported appeal to learn from.
    kind_family = {kind: family for kind, family in KIND_FAMILY.items() if kind != "attribution"}
    pairs: list[tuple[str, set[str]]] = []
    for rule in load_rules():
        fam = family_of(rule.id)
        pairs += [(t, {fam} if fam in FAMILIES else set()) for t in rule.examples.flag]
        pairs += [(t, set()) for t in rule.examples.pass_]
    for rule in all_rules():
        fam = kind_family.get(rule.kind)
        pairs += [(t, {fam} if fam else set()) for t in rule.flag_examples]
        pairs += [(t, set()) for t in rule.pass_examples]
    pairs += hand_examples()
    return [Row("rules", "", t, (0, 0), -1, fams) for t, fams in pairs]


HAND_EXAMPLES = Path(__file__).resolve().parent / "examples.yaml"


def hand_examples(path: Path = HAND_EXAMPLES) -> list[tuple[str, set[str]]]:
    """Hand-written training sentences (examples.yaml): a family's positives and hard negatives."""
    if not path.exists():
        return []
    raw = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    out: list[tuple[str, set[str]]] = []
    for family, texts in (raw.get("positive") or {}).items():
        if family not in FAMILIES:
            raise ValueError(f"{path.name}: unknown family {family!r}")
        out += [(t, {family}) for t in texts]
    for _, texts in (raw.get("negative") or {}).items():
        out += [(t, set()) for t in texts]
    return out
