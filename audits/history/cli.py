"""`python -m audits history list | show RUN | diff RUN_A RUN_B | decide ... | sign-off ...`."""

from __future__ import annotations

import argparse
import json
import sqlite3
import sys
from collections.abc import Sequence
from pathlib import Path

from audits.config import ConfigError, load_config
from audits.diff import diff_reports
from audits.history.store import (
    STATUSES,
    HistoryError,
    HistoryStore,
    default_path,
    describe_db_error,
    fingerprint,
)
from audits.model import SCORE_NAMES
from audits.output import write_output

EXIT_OK = 0
EXIT_USAGE = 2


def build_parser() -> argparse.ArgumentParser:
    """The argument parser of the history command."""
    parser = argparse.ArgumentParser(
        prog="python -m audits history",
        description="Past audits saved with --save, editors' decisions and sign-offs. "
        "RUN is a run number, 'latest' or 'previous'.",
    )
    parser.add_argument("--db", metavar="FILE", help="history database (default: history_path from --config, "
                        "else ~/.local/share/mh-content-audit/history.sqlite)")
    parser.add_argument("--config", metavar="FILE", help="settings file whose history_path to use")
    sub = parser.add_subparsers(dest="command", required=True)
    sub.add_parser("list", help="every saved run")
    show = sub.add_parser("show", help="one run: scores and decisions, or the whole report in a format")
    show.add_argument("run", metavar="RUN")
    show.add_argument("--format", "-f", help="render the stored report (json, md, html, pdf, xlsx, csv, jsonl)")
    show.add_argument("-o", "--output", metavar="FILE", help="write here instead of stdout")
    show.add_argument("--findings", action="store_true", help="list every finding with its fingerprint and decision")
    diff = sub.add_parser("diff", help="what changed between two runs")
    diff.add_argument("run_a", metavar="RUN_A")
    diff.add_argument("run_b", metavar="RUN_B")
    diff.add_argument("--format", "-f", choices=["md", "json"], default="md")
    diff.add_argument("-o", "--output", metavar="FILE", help="write here instead of stdout")
    decide = sub.add_parser("decide", help="mark a finding accepted, dismissed (with --reason), fixed or open")
    decide.add_argument("run", metavar="RUN")
    decide.add_argument("source", metavar="SOURCE_ID")
    decide.add_argument("fingerprint", metavar="FINGERPRINT", help="as listed by `history show RUN --format json`"
                        " or `history show RUN --findings`")
    decide.add_argument("status", choices=STATUSES)
    decide.add_argument("--reason")
    decide.add_argument("--by", metavar="NAME")
    sign = sub.add_parser("sign-off", help="sign off a source as reviewed")
    sign.add_argument("run", metavar="RUN")
    sign.add_argument("source", metavar="SOURCE_ID")
    sign.add_argument("--name", required=True)
    sign.add_argument("--date", metavar="YYYY-MM-DD", help="default: today")
    sign.add_argument("--note")
    return parser


def _list(store: HistoryStore) -> str:
    runs = store.runs()
    if not runs:
        return f"No saved runs yet in {store.path}. Save one with: python -m audits PATH --save\n"
    lines = [f"{'run':>4}  {'saved (UTC)':<25}  {'sources':>7}  {'findings':>8}  label"]
    for r in runs:
        lines.append(f"{r.id:>4}  {r.saved_at:<25}  {r.sources:>7}  {r.findings:>8}  {r.label or ''}")
    return "\n".join(lines) + "\n"


def _show(store: HistoryStore, run: str, with_findings: bool) -> str:
    info = store.run_info(run)
    data = store.report_dict(info.id)
    decisions = store.decisions_for_run(info.id)
    lines = [
        f"Run {info.id}: audit of {info.generated_at}, saved {info.saved_at}"
        + (f" ({info.label})" if info.label else ""),
        f"mh-content-audit {info.tool_version}, rule set {info.ruleset_version}; "
        f"target grade {data.get('config', {}).get('target_grade')}",
        "",
        f"{'source':<45} {'lang':<4} " + " ".join(f"{n[:11]:>11}" for n in SCORE_NAMES) + "  findings  decided",
    ]
    for s in data.get("sources", []):
        scores = " ".join(f"{'–' if s['scores'].get(n) is None else format(s['scores'][n], '.0f'):>11}"
                          for n in SCORE_NAMES)
        decided = sum(1 for key in decisions if key[0] == s["id"])
        signed = store.current_signoff(s["id"], s.get("content_hash", ""))
        lines.append(f"{s['id'][:45]:<45} {s.get('language') or '–':<4} {scores}  {len(s['findings']):>8}  "
                     f"{decided:>7}" + (f"  signed off by {signed.name} on {signed.signed_on}" if signed else ""))
        if with_findings:
            for f in s["findings"]:
                fp = fingerprint(f["rule"], f["excerpt"])
                d = decisions.get((s["id"], fp))
                mark = f"[{d.status}{': ' + d.reason if d and d.reason else ''}]" if d else "[open]"
                lines.append(f"    {mark} {f['severity']} {fp[:110]}")
    return "\n".join(lines) + "\n"


def history_main(argv: Sequence[str]) -> int:
    """Run the history command; returns the exit code."""
    args = build_parser().parse_args(list(argv))
    try:
        path = Path(args.db) if args.db else default_path(load_config(args.config).history_path)
    except ConfigError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return EXIT_USAGE
    try:
        with HistoryStore(path) as store:
            if args.command == "list":
                write_output(_list(store).encode("utf-8"), None)
            elif args.command == "show":
                if args.format:
                    from audits.exports import RENDERERS
                    from audits.report_io import report_from_dict

                    if args.format not in RENDERERS:
                        raise HistoryError(f"unknown format {args.format!r}: use {', '.join(sorted(RENDERERS))}")
                    report = report_from_dict(store.report_dict(args.run))
                    render = RENDERERS[args.format].render
                    if args.format in ("html", "pdf", "md"):  # these show editors' decisions and sign-offs
                        write_output(render(report, review=store.review(args.run)), args.output)  # type: ignore[call-arg]
                    else:
                        write_output(render(report), args.output)
                else:
                    write_output(_show(store, args.run, args.findings).encode("utf-8"), args.output)
            elif args.command == "diff":
                diff = diff_reports(store.report_dict(args.run_a), store.report_dict(args.run_b))
                text = diff.to_markdown() if args.format == "md" else json.dumps(diff.to_dict(), ensure_ascii=False,
                                                                                 indent=2)
                write_output(text.encode("utf-8"), args.output)
            elif args.command == "decide":
                d = store.decide(args.source, args.fingerprint, args.status, reason=args.reason, by=args.by,
                                 run=args.run)
                print(f"{d.source_id}: {d.status} ({d.fingerprint})", file=sys.stderr)
            elif args.command == "sign-off":
                s = store.sign_off(args.run, args.source, args.name, on=args.date, note=args.note)
                print(f"{s.source_id}: signed off by {s.name} on {s.signed_on}", file=sys.stderr)
    except (HistoryError, RuntimeError) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return EXIT_USAGE
    except sqlite3.Error as exc:
        print(f"error: {describe_db_error(path, exc)}", file=sys.stderr)
        return EXIT_USAGE
    except OSError as exc:
        print(f"error: {exc.strerror or exc}: {exc.filename or ''}".rstrip(": "), file=sys.stderr)
        return EXIT_USAGE
    return EXIT_OK
