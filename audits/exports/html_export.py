"""Self-contained HTML report: inline CSS, charts embedded as data: images, no scripts, no external requests.

Every piece of source text (titles, excerpts, messages, metadata) goes through html.escape; links are
only kept when they are http(s). The PDF export renders the same page with print styles.
"""

from __future__ import annotations

from collections.abc import Sequence
from html import escape

from audits.charts import findings_chart, overlap_heatmap, readability_chart, scores_chart
from audits.colours import BANDS, SEVERITY_COLOURS, category_colour, highlight_fill, score_band, score_legend
from audits.exports.facts import (
    NO_REVIEW,
    SCORE_MEANING,
    SCORE_TITLES,
    Review,
    claims_table,
    context,
    grade,
    languages,
    ordered_findings,
    provenance,
    score_explanations,
    summary_rows,
)
from audits.exports.images import ChartImage, render_figures
from audits.model import SCORE_NAMES, Finding, SourceReport
from audits.report import Report
from audits.triage import fix_first

EXCERPT_LIMIT = 600  # characters of a flagged span shown; the JSON export has it whole

_CSS = """
:root{--ink:#1f2328;--muted:#59636e;--line:#d0d7de}
*{box-sizing:border-box}
body{font-family:'DejaVu Sans',system-ui,-apple-system,'Segoe UI',sans-serif;margin:2rem auto;max-width:68rem;
color:var(--ink);line-height:1.45;padding:0 1rem}
h1{margin-bottom:.2rem}h2{border-bottom:2px solid var(--line);padding-bottom:.2rem;margin-top:2.2rem}
h3{margin-top:1.6rem}
.muted{color:var(--muted)}
table{border-collapse:collapse;width:100%;margin:.6rem 0;font-size:.92rem}
th,td{border:1px solid var(--line);padding:.3rem .5rem;text-align:left;vertical-align:top}
th{background:#f3f5f7}
td.num{text-align:right;font-variant-numeric:tabular-nums;white-space:nowrap}
.sev{display:inline-block;min-width:4.6rem;text-align:center;border-radius:3px;padding:0 .3rem;font-size:.8rem;
font-weight:bold;color:#fff}
ol.findings{padding-left:1.4rem}ol.findings li{margin:.55rem 0;break-inside:avoid}
.excerpt{display:block;margin:.2rem 0 0 0;padding:.3rem .5rem;border-left:3px solid var(--line);background:#fafbfc;
font-size:.9rem}
mark{padding:0 .1rem;color:inherit}
.legend span{display:inline-block;margin-right:1rem}
.rule{font-family:'DejaVu Sans Mono',monospace;font-size:.8rem;color:var(--muted)}
.suggestion{font-size:.9rem}
figure{margin:1rem 0;break-inside:avoid}figure img{max-width:100%;height:auto;border:1px solid var(--line)}
.chart-missing{border:1px dashed var(--line);padding:.8rem;color:var(--muted)}
dl.kv{display:grid;grid-template-columns:max-content 1fr;gap:.15rem 1rem;margin:.4rem 0}
dl.kv dt{font-weight:bold}dl.kv dd{margin:0}
.kind-consensus{color:#0b6e4f;font-weight:bold}.kind-shared{color:#0072B2;font-weight:bold}
.kind-unique{color:var(--muted)}
.decision{font-size:.85rem;background:#eef1f4;border-radius:3px;padding:0 .3rem}
nav ul{columns:2}
table.compare th:first-child,table.compare td:first-child{width:26%}
"""

_PRINT_CSS = """
@page{size:A4;margin:16mm 14mm 18mm 14mm;
@bottom-center{content:"Content audit report · page " counter(page) " of " counter(pages);font-size:8pt;color:#59636e;
font-family:'DejaVu Sans',sans-serif}}
body{margin:0;max-width:none;font-size:9.5pt;padding:0}
h2{break-before:auto;break-after:avoid}h3{break-after:avoid}
table{font-size:8.5pt}tr,li,figure{break-inside:avoid}
table.compare{font-size:8pt}table.compare th,table.compare td{padding:.25rem .3rem}
nav{display:none}
a{color:inherit;text-decoration:none}
"""


def _colour_css() -> str:
    """Band, severity and highlight classes, all from audits/colours.py (the dashboard uses the same)."""
    bands = "".join(f".band-{b.name}{{background:{b.fill};color:{b.ink}}}" for b in BANDS.values())
    sev = "".join(f".sev-{name}{{background:{colour}}}" for name, colour in SEVERITY_COLOURS.items())
    return bands + sev


def _num(value: float | None, digits: int = 0) -> str:
    return "–" if value is None else f"{value:.{digits}f}"


def score_class(name: str, value: float | None) -> str:
    """The CSS colour class of a score cell (band-good, band-fair, band-poor, band-neutral; audits/colours.py)."""
    band = score_band(name, value)
    return "" if band is None else f"band-{band.name}"


def _score_cell(name: str, value: float | None) -> str:
    """A score cell coloured by its band, with the band's symbol and word so colour is not needed to read it."""
    band = score_band(name, value)
    if band is None:
        return "<td class='num'>–</td>"
    return (f"<td class='num band-{band.name}' data-score='{escape(name)}' data-band='{band.name}' "
            f"title='{escape(band.label)}'>{_num(value)} <span aria-hidden='true'>{band.symbol}</span></td>")


def _score_legend() -> str:
    swatches = "".join(f"<span><span class='band-{b.name}' style='padding:0 .4rem'>{b.symbol} {escape(b.label)}"
                       "</span></span>" for b in BANDS.values())
    lines = "; ".join(f"<b>{escape(title)}</b>: {escape(text)}" for title, text in score_legend())
    return f"<p class='legend muted'>{swatches}</p><p class='muted'>{lines}.</p>"


def _safe_link(url: str | None) -> str:
    if url and url.lower().startswith(("http://", "https://")):
        return f" <a href='{escape(url, quote=True)}'>why</a>"
    return ""


def _anchor(s: SourceReport) -> str:
    return "src-" + "".join(ch if ch.isalnum() or ch in "-_" else "-" for ch in s.id)


def _table(head: Sequence[str], rows: Sequence[Sequence[str]]) -> str:
    """Cells are expected escaped already (they may carry markup of our own)."""
    th = "".join(f"<th>{h}</th>" for h in head)
    body = "".join("<tr>" + "".join(rows_cell for rows_cell in row) + "</tr>" for row in rows)
    return f"<table><thead><tr>{th}</tr></thead><tbody>{body}</tbody></table>"


def _kv(pairs: Sequence[tuple[str, object]]) -> str:
    items = "".join(f"<dt>{escape(str(k))}</dt><dd>{escape(str(v))}</dd>" for k, v in pairs)
    return f"<dl class='kv'>{items}</dl>"


def _side_by_side(report: Report) -> str:
    lang = {sid: code for sid, code, _ in languages(report)}
    head = ["Source", "Lang.", "Words", "Grade", *(escape(SCORE_TITLES[n]) for n in SCORE_NAMES),
            "Findings<br><span class='muted'>error / warning / info</span>"]
    rows = []
    for s in report.sources:
        counts = {"error": 0, "warning": 0, "info": 0}
        for f in s.findings:
            counts[f.severity.value] += 1
        title = f"<a href='#{_anchor(s)}'>{escape(s.source.title)}</a>"
        if s.source.error:
            title += "<br><span class='muted'>could not be read</span>"
        cells = [f"<td>{title}</td>", f"<td>{escape(lang.get(s.id, '–'))}</td>",
                 f"<td class='num'>{s.document.word_count if s.document else 0}</td>",
                 f"<td class='num'>{_num(grade(s), 1)}</td>"]
        cells += [_score_cell(n, s.score(n)) for n in SCORE_NAMES]
        cells.append(f"<td class='num'>{counts['error']} / {counts['warning']} / {counts['info']}</td>")
        rows.append(cells)
    legend = "; ".join(f"<b>{escape(SCORE_TITLES[n])}</b>: {escape(SCORE_MEANING[n])}" for n in SCORE_NAMES)
    table = _table(head, rows).replace("<table>", "<table class='compare'>", 1)
    return table + f"<p class='muted'>Scores run from 0 to 100. {legend}.</p>" + _score_legend()


def _charts(images: Sequence[ChartImage]) -> str:
    parts = []
    for img in images:
        if img.data:
            parts.append(f"<figure><img alt='{escape(img.title, quote=True)}' src='{img.data_uri()}'></figure>")
        else:
            parts.append(f"<p class='chart-missing'>{escape(img.title)}: {escape(img.error or 'not drawn')}. "
                         "The numbers are in the tables.</p>")
    return "".join(parts)


def _finding_item(s: SourceReport, f: Finding, review: Review) -> str:
    sev = f.severity.value
    parts = [f"<li><span class='sev sev-{sev}'>{sev}</span> {escape(f.message)} "
             f"<span class='rule'>{escape(f.rule)}</span>{_safe_link(f.link)}"]
    decided = review.decision_text(s.id, f)
    if decided:
        parts.append(f" <span class='decision'>Editor: {escape(decided)}</span>")
    if f.end > f.start:
        before, span, after = context(s, f.start, f.end)
        if len(span) > EXCERPT_LIMIT:
            span = span[:EXCERPT_LIMIT].rsplit(" ", 1)[0] + " …"
            after = ""
        style = (f"background:{highlight_fill(f.category)};border-bottom:2px solid {SEVERITY_COLOURS[sev]}")
        parts.append(f"<span class='excerpt' style='border-left-color:{category_colour(f.category)}'>"
                     f"{escape(before)}<mark class='{sev}' style='{style}'>{escape(span)}</mark>"
                     f"{escape(after)}</span>")
    if f.suggestion:
        parts.append(f"<div class='suggestion'><b>What to do:</b> {escape(f.suggestion)}</div>")
    for r in f.related:
        parts.append(f"<div class='muted'>See also {escape(r.source)}: “{escape(r.excerpt[:300])}”</div>")
    parts.append("</li>")
    return "".join(parts)


def _source_section(s: SourceReport, review: Review) -> str:
    src = s.source
    parts = [f"<h3 id='{_anchor(s)}'>{escape(src.title)}</h3>"]
    facts: list[tuple[str, object]] = [("Id", src.id), ("From", src.origin)]
    if s.document is not None:
        lang = s.document.language
        facts.append(("Language", f"{lang.name} ({lang.code}){', set by the user' if lang.overridden else ''}"))
        facts.append(("Words / sentences", f"{s.document.word_count} / {len(s.document.sentences)}"))
    md = s.document.metadata if s.document else src.metadata
    if md.authors:
        facts.append(("Authors", ", ".join(md.authors)))
    if md.reviewers:
        facts.append(("Reviewed by", ", ".join(md.reviewers)))
    if md.dates:
        facts.append(("Dates", ", ".join(f"{k}: {v}" for k, v in md.dates.items())))
    if md.doi:
        facts.append(("DOI", md.doi))
    signed = review.signoff_text(s.id)
    if signed:
        facts.append(("Review", signed))
    parts.append(_kv(facts))
    if src.error:
        parts.append(f"<p><span class='sev sev-error'>error</span> Could not be read: {escape(src.error)}</p>")
        return "".join(parts)
    rows = [[f"<td>{escape(SCORE_TITLES[n])}</td>", _score_cell(n, v),
             f"<td>{escape(conf)}</td>", f"<td>{escape(expl)}</td>"] for n, v, conf, expl in score_explanations(s)]
    parts.append(_table(["Score", "Value", "Confidence", "How it was reached"], rows))
    parts.append(_fix_first(s))
    findings = ordered_findings(s)
    if findings:
        parts.append(f"<p><b>{len(findings)} findings</b>, most serious first:</p>")
        parts.append("<ol class='findings'>" + "".join(_finding_item(s, f, review) for f in findings) + "</ol>")
    else:
        parts.append("<p>No findings.</p>")
    return "".join(parts)


def _fix_first(s: SourceReport, limit: int = 8) -> str:
    """The source's fix-first list (audits/triage.py), the same ranking the dashboard shows."""
    items = fix_first(s)
    if not items:
        return "<p><b>Fix first:</b> nothing: no errors or warnings.</p>"
    rows = []
    for item in items[:limit]:
        sev = item.severity.value
        first = " ".join(item.findings[0].excerpt.split())[:160]
        rows.append(f"<li><span class='sev sev-{sev}'>{sev}</span> {escape(item.title)} "
                    f"<span class='muted'>({escape(item.tier_name)})</span>"
                    + (f"<br><span class='muted'>e.g. “{escape(first)}”</span>" if item.count > 1 else "") + "</li>")
    more = f"<p class='muted'>… and {len(items) - limit} more below.</p>" if len(items) > limit else ""
    head = f"<p><b>Fix first</b> ({len(items)} items, most urgent first):</p>"
    return f"{head}<ol class='fixfirst'>{''.join(rows)}</ol>{more}"


def _claims(report: Report) -> str:
    clusters = report.claims.clusters
    if not clusters:
        return f"<p>No claims were compared (method: {escape(report.claims.method)}).</p>"
    titles = {s.id: s.source.title for s in report.sources}
    kinds = {k: sum(1 for c in clusters if c.kind == k) for k in ("consensus", "shared", "unique")}
    parts = [f"<p>{len(clusters)} groups of claims ({kinds['consensus']} made by most sources, {kinds['shared']} "
             f"shared by two or more, {kinds['unique']} made by one source only), matched by "
             f"{escape(report.claims.method)}.</p>"]
    rows = []
    for c in clusters:
        if c.kind == "unique":
            continue
        members = "".join(f"<li><b>{escape(titles.get(m.source, m.source))}</b> ({escape(m.language)}): "
                          f"{escape(m.text)}</li>" for m in c.members)
        rows.append([f"<td class='kind-{escape(c.kind)}'>{escape(c.kind)}</td>",
                     f"<td class='num'>{len(c.sources)}</td>",
                     f"<td>{escape(c.label)}<ul>{members}</ul></td>"])
    if rows:
        parts.append(_table(["Kind", "Sources", "Claim, and how each source puts it"], rows))
    unique = [r for r in claims_table(report) if r["kind"] == "unique"]
    if unique:
        items = "".join(f"<li><b>{escape(titles.get(r['source'], r['source']))}</b>: {escape(r['claim'])}</li>"
                        for r in unique)
        parts.append(f"<h3>Claims only one source makes ({len(unique)})</h3><ul>{items}</ul>")
    return "".join(parts)


def _method(report: Report) -> str:
    lang_rows = [[f"<td>{escape(sid)}</td>", f"<td>{escape(code)}</td>", f"<td>{escape(how)}</td>"]
                 for sid, code, how in languages(report)]
    return (
        "<p>Each source was cleaned (page furniture removed), split into sentences, and checked by the rules of "
        "the rule set named below. Every finding points at the exact text it rests on. The settings below "
        "reproduce this audit.</p>"
        + _kv(provenance(report))
        + "<h3>Language of each source</h3>"
        + _table(["Source", "Language", "How it was decided"], lang_rows)
    )


def build_html(
    report: Report, charts: Sequence[ChartImage], for_print: bool = False, review: Review = NO_REVIEW
) -> str:
    """The report page as HTML text, with the given chart images."""
    css = _CSS + _colour_css() + (_PRINT_CSS if for_print else "")
    nav = "".join(f"<li><a href='#{_anchor(s)}'>{escape(s.source.title)}</a></li>" for s in report.sources)
    parts = [
        "<!doctype html><html lang='en'><head><meta charset='utf-8'>",
        "<meta name='viewport' content='width=device-width, initial-scale=1'>",
        "<meta http-equiv='Content-Security-Policy' content=\"default-src 'none'; img-src data:; "
        "style-src 'unsafe-inline'\">",
        f"<title>Content audit report – {escape(report.generated_at)}</title><style>{css}</style></head><body>",
        "<h1>Content audit report</h1>",
        f"<p class='muted'>Generated {escape(report.generated_at)} (UTC) by mh-content-audit "
        f"{escape(report.tool_version)}, rule set {escape(report.ruleset_version)}; target reading grade "
        f"{report.config.target_grade:g}.</p>",
        "<h2 id='summary'>Summary</h2>",
        _kv(summary_rows(report)),
        "<h2 id='compare'>Sources side by side</h2>",
        _side_by_side(report),
        "<h2 id='charts'>Charts</h2>",
        _charts(charts),
        "<h2 id='findings'>Findings per source</h2>",
        f"<nav><ul>{nav}</ul></nav>",
        *(_source_section(s, review) for s in report.sources),
        "<h2 id='claims'>Claims across sources</h2>",
        _claims(report),
        "<h2 id='method'>Method and thresholds</h2>",
        _method(report),
        "</body></html>",
    ]
    return "".join(parts)


def report_figures(report: Report) -> list:
    """The charts every HTML/PDF report shows, laid out for a page (legend above the plot)."""
    figures = [scores_chart(report), readability_chart(report), findings_chart(report)]
    if report.claims.source_ids:
        figures.append(overlap_heatmap(report))
    for fig in figures:
        fig.update_layout(legend={"orientation": "h", "yanchor": "bottom", "y": 1.02, "x": 0},
                          margin={"t": 110, "b": 110})
    return figures


def render_html(report: Report, review: Review = NO_REVIEW) -> bytes:
    """The report as one standalone HTML page (charts as inline SVG images), with editors' decisions if given."""
    charts = render_figures(report_figures(report), "svg", width=960)
    return build_html(report, charts, review=review).encode("utf-8")
