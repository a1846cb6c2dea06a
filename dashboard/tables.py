"""Tables the pages show, built from a Report: presentation only, no analysis.

Pure functions (no Streamlit), so they are tested directly and reused by every page.
Sections written by the analyzers are read with .get(), as their details grow over time.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import replace
from typing import Any

import pandas as pd

from audits.colours import BANDS, band_name, direction_text
from audits.model import SCORE_INFO, SCORE_NAMES, ClaimCluster, Finding, SourceReport
from audits.report import Report
from audits.triage import fix_first, urgency

SCORE_TITLES = {name: info.title for name, info in SCORE_INFO.items()}
SCORE_HELP = {
    "readability": "0–100, higher = easier to read. 100 at or below the target grade, 10 points less per grade above.",
    "marketing": "0–100, higher = more promotional (calls to action, puffery, guarantees). Lower is better.",
    "citations": "0–100, higher = better supported: evidence claims cite sources and citations resolve.",
    "claim_overlap": "0–100, share of this source's check-worthy claims that at least one other source also "
                     "makes (in a group where every claim matches every other one).",
}
HIGHER_IS_BETTER = {name: info.better != "down" for name, info in SCORE_INFO.items()}
# Cell colours come from the engine's one colour system (audits/colours.py), shared with the exports.
BAND_COLOURS = {name: b.fill for name, b in BANDS.items()}
JAMA_ITEMS = ("authorship", "attribution", "disclosure", "currency")
# What the Overview shows first at 1400 px, and what its column chooser adds.
OVERVIEW_PRIMARY = ["Source", "Language", *(SCORE_INFO[n].title for n in SCORE_NAMES), "Fix first"]
OVERVIEW_SECONDARY = ["Words", "Grade", "Target", "Errors", "Warnings", "Info",
                      *(f"JAMA {k}" for k in JAMA_ITEMS)]


def band(score: str, value: float | None) -> str | None:
    """good, fair, poor or neutral for a score value (None when there is no value); see audits/colours.py."""
    return band_name(score, value)


def _round(value: float | None, digits: int = 0) -> float | None:
    return None if value is None else round(float(value), digits)


def jama(s: SourceReport) -> dict[str, bool | None]:
    """The JAMA benchmark items met (True), missed (False) or not checked (None)."""
    items = s.sections.get("citations", {}).get("jama") or {}
    out: dict[str, bool | None] = {}
    for item in JAMA_ITEMS:
        entry = items.get(item)
        out[item] = None if not isinstance(entry, Mapping) else bool(entry.get("met"))
    return out


def tick(value: bool | None) -> str:
    """✓, ✗ or – for a yes/no/unknown value."""
    return "–" if value is None else "✓" if value else "✗"


def grade(s: SourceReport) -> float | None:
    """The source's reading grade."""
    value = s.sections.get("readability", {}).get("grade")
    if value is None:
        value = s.metric("readability.consensus_grade")
    return _round(value, 1)


def overview_frame(report: Report) -> pd.DataFrame:
    """One row per source: scores, reading grade against the target, findings by severity, JAMA ticks."""
    rows = []
    ranked = sorted((s for s in report.sources if s.source.ok), key=lambda s: (*urgency(s), s.source.title))
    rank = {s.id: i for i, s in enumerate(ranked, start=1)}
    for s in report.sources:
        doc = s.document
        counts = s.severity_counts()
        checks = jama(s)
        row: dict[str, Any] = {
            "id": s.id,
            "Source": s.source.title,
            "Language": doc.language.name if doc else "not read",
            "Words": doc.word_count if doc else 0,
        }
        row.update({SCORE_TITLES[n]: _round(s.score(n)) for n in SCORE_NAMES})
        row["Fix first"] = len(fix_first(s)) if s.source.ok else 0
        row["Grade"] = grade(s)
        row["Target"] = report.config.target_grade
        row.update({"Errors": counts["error"], "Warnings": counts["warning"], "Info": counts["info"]})
        row.update({f"JAMA {k}": tick(v) for k, v in checks.items()})
        row["Problem"] = s.source.error or ""
        row["Urgency"] = rank.get(s.id, len(rank) + 1)  # 1 = most to fix (audits/triage.py)
        rows.append(row)
    return pd.DataFrame(rows)


def findings_frame(findings: Sequence[Finding], numbers: Sequence[int] | None = None) -> pd.DataFrame:
    """Findings as a table: number, severity, category, message, suggestion, rule and the text flagged."""
    numbers = list(numbers) if numbers is not None else list(range(1, len(findings) + 1))
    rows = [
        {
            "#": num,
            "Severity": f.severity.value,
            "Category": f.category,
            "Message": f.message,
            "Suggestion": f.suggestion or "",
            "Rule": f.rule,
            "Text": " ".join(f.excerpt.split())[:200],
            "Start": f.start,
        }
        for f, num in zip(findings, numbers, strict=False)
    ]
    cols = ["#", "Severity", "Category", "Message", "Suggestion", "Rule", "Text", "Start"]
    return pd.DataFrame(rows, columns=cols)


def formulas_frame(section: Mapping[str, Any]) -> pd.DataFrame:
    """Every readability formula's grade, with the spread (lowest, highest, range) below."""
    formulas = section.get("formulas") or {}
    rows = [{"Formula": name, "Grade": _round(v, 1)} for name, v in formulas.items() if isinstance(v, int | float)]
    values = [r["Grade"] for r in rows if r["Grade"] is not None]
    if values:
        rows += [
            {"Formula": "Lowest", "Grade": min(values)},
            {"Formula": "Highest", "Grade": max(values)},
            {"Formula": "Spread (highest − lowest)", "Grade": round(max(values) - min(values), 1)},
        ]
    return pd.DataFrame(rows, columns=["Formula", "Grade"])


def sentences_frame(section: Mapping[str, Any], text: str) -> pd.DataFrame:
    """Each sentence's reading grade and word count, hardest first."""
    rows = []
    for i, sent in enumerate(section.get("sentences") or [], start=1):
        start, end = int(sent.get("start", 0)), int(sent.get("end", 0))
        rows.append({
            "#": i,
            "Grade": _round(sent.get("grade"), 1),
            "Words": sent.get("words"),
            "Sentence": " ".join(text[start:end].split())[:240],
        })
    frame = pd.DataFrame(rows, columns=["#", "Grade", "Words", "Sentence"])
    return frame.sort_values("Grade", ascending=False, na_position="last") if len(frame) else frame


def citations_frames(section: Mapping[str, Any], text: str) -> tuple[pd.DataFrame, pd.DataFrame]:
    """In-text citations with the reference each resolves to, and references with whether they are cited."""
    refs = [r for r in section.get("references") or [] if isinstance(r, Mapping)]
    by_key = {str(r.get("key")): r for r in refs}
    by_start = {r.get("start"): r for r in refs if r.get("start") is not None}
    cites = [c for c in section.get("in_text") or [] if isinstance(c, Mapping)]

    def entry(c: Mapping[str, Any]) -> Mapping[str, Any] | None:
        # The entry the engine resolved the citation to ("Patel et al. 2018" -> entry "Patel 2018"); older
        # reports without `resolved_at` / `resolved_to` are matched by key.
        if "status" in c and c.get("status") != "resolved":
            return None
        if c.get("resolved_at") is not None and c.get("resolved_at") in by_start:
            return by_start[c.get("resolved_at")]
        return by_key.get(str(c.get("resolved_to") or c.get("key")))

    matched = [entry(c) for c in cites]
    cited = {id(r) for r in matched if r is not None}
    in_text = pd.DataFrame(
        [
            {
                "Citation": text[int(c.get("start", 0)) : int(c.get("end", 0))] or str(c.get("key")),
                "Key": str(c.get("key")),
                "Resolves to": str(r.get("text", "")) if r is not None else "",
                "Status": "✓ matched" if r is not None else "✗ no matching reference",
            }
            for c, r in zip(cites, matched, strict=True)
        ],
        columns=["Citation", "Key", "Resolves to", "Status"],
    )
    references = pd.DataFrame(
        [
            {
                "Key": str(r.get("key")),
                "Reference": str(r.get("text", "")),
                "Status": "✓ cited" if id(r) in cited else "✗ never cited in the text",
            }
            for r in refs
        ],
        columns=["Key", "Reference", "Status"],
    )
    return in_text, references


def metadata_frame(s: SourceReport) -> pd.DataFrame:
    """What the text states about itself: authors, reviewers, dates, DOI."""
    meta = s.document.metadata if s.document else s.source.metadata
    rows = [
        ("Title", meta.title),
        ("Authors", ", ".join(meta.authors)),
        ("Reviewed by", ", ".join(meta.reviewers)),
        ("Affiliations", "; ".join(meta.affiliations)),
        *((f"Date ({label})", value) for label, value in meta.dates.items()),
        ("DOI", meta.doi),
        ("Contact", ", ".join(meta.emails)),
        ("Correspondence", meta.correspondence),
    ]
    return pd.DataFrame(
        [{"Item": k, "Found": v if v else "not stated"} for k, v in rows], columns=["Item", "Found"]
    )


def regions_frame(s: SourceReport) -> pd.DataFrame:
    """The promotional regions the marketing check marked, with their text."""
    text = s.source.text
    rows = []
    for r in s.sections.get("marketing", {}).get("regions") or []:
        if not isinstance(r, Mapping):
            continue
        start, end = int(r.get("start", 0)), int(r.get("end", 0))
        rows.append({
            "Kind": str(r.get("label", "promotional")).replace("-", " "),
            "Text": " ".join(text[start:end].split())[:300],
            "Start": start,
        })
    return pd.DataFrame(rows, columns=["Kind", "Text", "Start"])


def cluster_frame(clusters: Sequence[ClaimCluster], titles: Mapping[str, str]) -> pd.DataFrame:
    """Claim clusters, most widely shared first."""
    ordered = sorted(clusters, key=lambda c: (-len(c.sources), -len(c.members), c.id))
    rows = [
        {
            "Cluster": c.id,
            "Claim": c.label,
            "Kind": c.kind,
            "Sources": len(c.sources),
            "Claims": len(c.members),
            "Languages": ", ".join(sorted({m.language for m in c.members})),
            "Made by": ", ".join(titles.get(sid, sid) for sid in c.sources),
        }
        for c in ordered
    ]
    return pd.DataFrame(rows, columns=["Cluster", "Claim", "Kind", "Sources", "Claims", "Languages", "Made by"])


def filter_clusters(
    clusters: Sequence[ClaimCluster], sources: Sequence[str] = (), kinds: Sequence[str] = ()
) -> list[ClaimCluster]:
    """Clusters made by any of the given sources and of the given kinds (empty = no filter)."""
    return [
        c
        for c in clusters
        if (not sources or set(c.sources) & set(sources)) and (not kinds or c.kind in kinds)
    ]


def compare_claims(clusters: Sequence[ClaimCluster], a: str, b: str) -> dict[str, list[ClaimCluster]]:
    """Clusters both sources make, and those only A or only B makes."""
    out: dict[str, list[ClaimCluster]] = {"shared": [], "only_a": [], "only_b": []}
    for c in clusters:
        has_a, has_b = a in c.sources, b in c.sources
        if has_a and has_b:
            out["shared"].append(c)
        elif has_a:
            out["only_a"].append(c)
        elif has_b:
            out["only_b"].append(c)
    return out


def member_text(cluster: ClaimCluster, source: str) -> str:
    """The first sentence by which a source makes a cluster's claim."""
    return next((m.text for m in cluster.members if m.source == source), cluster.label)


def score_difference_frame(a: SourceReport, b: SourceReport) -> pd.DataFrame:
    """The four scores and reading grade of two sources side by side, with B − A."""
    rows = []
    for name in SCORE_NAMES:
        va, vb = _round(a.score(name)), _round(b.score(name))
        diff = None if va is None or vb is None else vb - va
        rows.append({"Score": SCORE_TITLES[name], "A": va, "B": vb, "B − A": diff,
                     "Direction": direction_text(name)})
    ga, gb = grade(a), grade(b)
    rows.append({"Score": "Reading grade", "A": ga, "B": gb,
                 "B − A": None if ga is None or gb is None else round(gb - ga, 1), "Direction": "lower is easier"})
    fa, fb = len(a.findings), len(b.findings)
    rows.append({"Score": "Findings", "A": fa, "B": fb, "B − A": fb - fa, "Direction": "fewer is better"})
    return pd.DataFrame(rows, columns=["Score", "A", "B", "B − A", "Direction"])


def contradictions(report: Report) -> list[tuple[SourceReport, Finding]]:
    """Claims findings that point at a span of another source (possible disagreements, differing
    hedges); problems inside one source are not disagreements between sources."""
    out = []
    for s, f in report.findings():
        others = tuple(r for r in f.related if r.source != s.id)
        if f.rule.startswith("claims.") and others:
            out.append((s, replace(f, related=others)))
    return out
