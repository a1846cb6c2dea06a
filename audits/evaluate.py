"""`python -m audits.evaluate`: audit the hand-labelled corpus in eval/ and print the accuracy table.

    python -m audits.evaluate                 # dev and test, default and fast mode; writes eval/results.json
    python -m audits.evaluate --split test --mode default --out -
    python -m audits.evaluate manifest        # rebuild eval/manifest.csv from the label files
    python -m audits.evaluate check           # validate every label file and the pairs

Exit codes: 0 done, 2 bad arguments or labels that do not follow docs/annotation-guide.md.
"""

from __future__ import annotations

import argparse
import csv
import io
import json
import sys
from pathlib import Path
from typing import Any

from audits.evaluation.labels import EVAL_DIR, LabelError, load_corpus, load_pairs

SECTIONS = ("English", "sr/hr/bs", "Slovenian", "other")


def _address(figures: dict | None) -> str:
    """The marketing targets with pages read from their web addresses (audits.evaluation.run.address_scores)."""
    if not figures:
        return "–"
    return f"{figures['public_max']} ({figures['public_over_10']} of {figures['public']}) / {figures['sales_median']}"


def _f(x: Any) -> str:
    return "  –  " if x is None else f"{x:5.2f}" if isinstance(x, float) else f"{x!s:>5}"


def _range(interval: list[float] | None) -> str:
    """An interval as "0.25–0.77", or "–" when there is none."""
    return "–" if not interval else f"{interval[0]:.2f}–{interval[1]:.2f}"


def _span(interval: list[float] | None) -> str:
    return " –" if not interval else f" [{_range(interval)}]"


def prf_row(name: str, fig: dict[str, Any]) -> str:
    """One row: P, R and F1 with the counts behind them, and the 90 % page-resampling interval when there is one."""
    interval = fig.get("interval") or {}
    line = (f"  {name:<34} P {_f(fig.get('precision'))}  R {_f(fig.get('recall'))}  F1 {_f(fig.get('f1'))}"
            f"   (labelled {fig.get('labelled', 0)}, predicted {fig.get('predicted', 0)})")
    if interval.get("precision") or interval.get("recall"):
        line += f"   90% P{_span(interval.get('precision'))} R{_span(interval.get('recall'))}"
    return line


def format_table(results: dict[str, Any]) -> str:
    """The figures as the plain-text table `make eval` prints."""
    out = [f"Evaluation corpus: {results['pages']} pages, {results['pairs']} labelled claim pairs"]
    for mode, splits in results["modes"].items():
        for split, r in splits.items():
            out.append("")
            out.append(f"== {split} split, {mode} mode: {r['pages']} pages, audited in {r['seconds']} s ==")
            for family_group in ("promotion", "evidence"):
                out.append(f"{'Promotion (7 families)' if family_group == 'promotion' else 'Unsupported evidence'}:")
                for key in ("all", *SECTIONS):
                    if key in r[family_group]:
                        out.append(prf_row(key, r[family_group][key]))
            out.append("Per family (all languages):")
            for fam, fig in r["families"].items():
                out.append(prf_row(fam, fig))
            a, n = r["attribution_flagged_as_unsupported"]
            c, m = r["crisis_line_flagged_as_promotion"]
            out.append(f"  named attributions flagged as unsupported: {a} of {n}; crisis lines flagged as promotion: "
                       f"{c} of {m}")
            lang = r["language"]
            out.append(f"Language: accuracy {_f(lang['accuracy'])} over {lang['pages']} pages; within sr/hr/bs "
                       f"{_f(lang['within_sr_hr_bs'])}; Serbian {_f(lang['serbian'])}")
            for gold, row in lang["confusion"].items():
                out.append(f"  labelled {gold}: " + ", ".join(f"{k} {v}" for k, v in sorted(row.items())))
            out.append(prf_row("Furniture lines", r["furniture"]))
            out.append(f"  Titles right: {_f(r['title_accuracy'])} (over the {r['titles_measured']} pages whose text "
                       "prints the headline as one)")
            out.append(prf_row("Reference entries", r["references"]))
            out.append(prf_row("Citation → entry links", r["citation_links"]))
            out.append(f"  Own DOI confused with a cited one: {len(r['own_doi_confused'])} pages")
            out.append("Claims (check-worthy extraction):")
            for key in ("all", *SECTIONS):
                if key in r["claims"]:
                    out.append(prf_row(key, r["claims"][key]))
            pairs = r["pairs"]
            out.append(f"Claim pairs ({pairs['pairs']} in this split): same claim at the operating threshold")
            for key, fig in pairs["same_claim"].items():
                out.append(prf_row(key, fig))
            out.append(prf_row("contradicting", pairs["contradicting"]))
            pur = pairs["cluster_purity"]
            out.append(f"  Cluster purity {_f(pur['purity'])} over {pur['clusters']} clusters ({pur['claims']} claims)")
            s = r["scores"]
            out.append(
                f"Scores: marketing of public-service/charity pages max {_f(s['marketing_public_service_max'])}, "
                f"median {_f(s['marketing_public_service_median'])}; clinic/therapist/coach median "
                f"{_f(s['marketing_sales_median'])}")
            if s.get("marketing_from_address"):
                out.append(f"  read from their web addresses: public max (over 10) / clinic median "
                           f"{_address(s['marketing_from_address'])}")
            out.append(f"  citations: pages with reference lists median {_f(s['citations_with_reference_list_median'])}"
                       f"; pages with no source median {_f(s['citations_without_sources_median'])}")
            out.append(f"Short sentences (≤ 8 words) reported above grade 12: {r['short_sentences_above_grade_12']}")
    return "\n".join(out)


def _cell(fig: dict[str, Any] | None) -> str:
    if not fig or (fig.get("labelled", 0) == 0 and fig.get("predicted", 0) == 0):
        return "–"
    p, r = fig.get("precision"), fig.get("recall")
    show = lambda x: "–" if x is None else f"{x:.2f}"  # noqa: E731
    return f"{show(p)} / {show(r)} ({fig.get('labelled', 0)})"


def intervals_markdown(results: dict[str, Any], split: str, modes: list[str]) -> list[str]:
    """The headline figures' 90 % intervals from resampling pages (audits.evaluation.score.page_bootstrap)."""
    def cell(fig: dict[str, Any] | None) -> str:
        interval = (fig or {}).get("interval") or {}
        if not interval.get("precision") and not interval.get("recall"):
            return "–"
        return f"{_range(interval.get('precision'))} / {_range(interval.get('recall'))}"

    rows = []
    for group, title in (("promotion", "Promotion"), ("evidence", "Unsupported evidence"),
                         ("claims", "Claim extraction")):
        for key in ("English", "sr/hr/bs", "Slovenian", "all"):
            rows.append((f"{title}: {key}", [cell(results["modes"][m][split][group].get(key)) for m in modes]))
    rows.append(("Furniture lines", [cell(results["modes"][m][split]["furniture"]) for m in modes]))
    out = [f"| {split} split, 90 % interval (resampling pages) | "
           + " | ".join(f"{m} mode: P / R" for m in modes) + " |", "|---|" + "---|" * len(modes)]
    out += [f"| {label} | " + " | ".join(cells) + " |" for label, cells in rows]
    return [*out, ""]


def format_markdown(results: dict[str, Any], split: str = "test") -> str:
    """The docs/evaluation.md tables for one split: default and fast mode side by side."""
    modes = [m for m in ("default", "fast") if split in results["modes"].get(m, {})]
    rows: list[tuple[str, list[str]]] = []

    def add(label: str, pick) -> None:
        rows.append((label, [pick(results["modes"][m][split]) for m in modes]))

    for group, title in (("promotion", "Promotion"), ("evidence", "Unsupported evidence")):
        for key in ("English", "sr/hr/bs", "Slovenian", "other", "all"):
            add(f"{title}: {key}", lambda r, g=group, k=key: _cell(r[g].get(k)))
    add("Furniture lines", lambda r: _cell(r["furniture"]))
    add("Reference entries", lambda r: _cell(r["references"]))
    add("Citation → entry links", lambda r: _cell(r["citation_links"]))
    for key in ("English", "sr/hr/bs", "Slovenian", "other", "all"):
        add(f"Claim extraction: {key}", lambda r, k=key: _cell(r["claims"].get(k)))
    same_keys = sorted({k for m in modes for k in results["modes"][m][split]["pairs"]["same_claim"]})
    for key in same_keys:
        add(f"Same-claim pairs: {key}", lambda r, k=key: _cell(r["pairs"]["same_claim"].get(k)))
    add("Contradicting pairs", lambda r: _cell(r["pairs"]["contradicting"]))
    lines = [f"| {split} split | " + " | ".join(f"{m} mode: P / R (labelled)" for m in modes) + " |",
             "|---|" + "---|" * len(modes)]
    lines += [f"| {label} | " + " | ".join(cells) + " |" for label, cells in rows]
    lines.append("")
    single = [
        ("Language ID accuracy", lambda r: f"{r['language']['accuracy']:.2f} ({r['language']['pages']} pages)"),
        ("Language ID within sr/hr/bs", lambda r: f"{r['language']['within_sr_hr_bs']}"),
        ("Titles right (pages whose text prints the headline)",
         lambda r: f"{r['title_accuracy']} ({r['titles_measured']} pages)"),
        ("Own DOI confused with a cited one", lambda r: f"{len(r['own_doi_confused'])} pages"),
        ("Cluster purity", lambda r: f"{r['pairs']['cluster_purity']['purity']} "
                                     f"({r['pairs']['cluster_purity']['clusters']} clusters)"),
        ("Marketing, public-service/charity pages: max / median",
         lambda r: f"{r['scores']['marketing_public_service_max']} / {r['scores']['marketing_public_service_median']}"),
        ("Marketing, clinic/therapist/coach pages: median", lambda r: f"{r['scores']['marketing_sales_median']}"),
        ("Marketing, pages read from their web address: public max (over 10) / clinic median",
         lambda r: _address(r["scores"].get("marketing_from_address"))),
        ("Citations, pages with a reference list / with no source: median",
         lambda r: f"{r['scores']['citations_with_reference_list_median']} / "
                   f"{r['scores']['citations_without_sources_median']}"),
        ("Sentences of ≤ 8 words reported above grade 12", lambda r: f"{r['short_sentences_above_grade_12']}"),
        ("Named attributions flagged as unsupported",
         lambda r: "{} of {}".format(*r["attribution_flagged_as_unsupported"])),
        ("Crisis lines flagged as promotion", lambda r: "{} of {}".format(*r["crisis_line_flagged_as_promotion"])),
    ]
    lines += intervals_markdown(results, split, modes)
    lines += ["| measure | " + " | ".join(f"{m} mode" for m in modes) + " |", "|---|" + "---|" * len(modes)]
    lines += [f"| {label} | " + " | ".join(pick(results["modes"][m][split]) for m in modes) + " |"
              for label, pick in single]
    return "\n".join(lines)


def write_manifest(eval_dir: Path) -> Path:
    """eval/manifest.csv from the label files (one row per page)."""
    pages = load_corpus(eval_dir)
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\n")
    w.writerow(["id", "url", "retrieved", "language", "script", "kind", "chars", "licence"])
    for p in pages.values():
        w.writerow([p.id, p.url, p.retrieved, p.language, p.script, p.kind, len(p.text), p.licence])
    path = eval_dir / "manifest.csv"
    path.write_text(buf.getvalue(), encoding="utf-8")
    return path


def main(argv: list[str] | None = None) -> int:
    """Run the evaluation, or one of its housekeeping commands."""
    parser = argparse.ArgumentParser(prog="python -m audits.evaluate", description=__doc__.splitlines()[0])
    parser.add_argument("command", nargs="?", default="run", choices=("run", "manifest", "check"))
    parser.add_argument("--split", action="append", choices=("dev", "test"), help="default: both")
    parser.add_argument("--mode", action="append", choices=("default", "fast"), help="default: both")
    parser.add_argument("--eval-dir", type=Path, default=EVAL_DIR)
    parser.add_argument("--out", default=None, help="results file (default eval/results.json; - for none)")
    parser.add_argument("--markdown", action="store_true", help="also print the docs/evaluation.md tables")
    args = parser.parse_args(argv)
    try:
        if args.command == "manifest":
            print(write_manifest(args.eval_dir))
            return 0
        if args.command == "check":
            pages = load_corpus(args.eval_dir)
            pairs = load_pairs(pages, args.eval_dir)
            print(f"{len(pages)} pages and {len(pairs)} pairs follow the schema")
            return 0
        from audits.evaluation.run import evaluate

        results = evaluate(args.eval_dir, modes=args.mode or ("default", "fast"), splits=args.split or ("dev", "test"))
    except LabelError as exc:
        print(f"evaluate: {exc}", file=sys.stderr)
        return 2
    print(format_table(results))
    if args.markdown:
        for split in args.split or ("dev", "test"):
            print("\n" + format_markdown(results, split))
    out = args.out or str(args.eval_dir / "results.json")
    if out != "-":
        Path(out).write_text(json.dumps(results, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
        print(f"\nwrote {out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
