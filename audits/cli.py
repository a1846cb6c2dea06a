"""Command line: python -m audits PATH... [--format FMT] [-o FILE] [--config FILE].

Exit codes:
  0  the audit ran (findings or not)
  1  findings at or above --fail-on were found
  2  usage error (bad arguments, bad config file, nothing to audit)
  3  the audit ran but some sources could not be read
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path

from audits import __version__
from audits.cache import AuditCache
from audits.config import AuditConfig, ConfigError, load_config
from audits.engine import run_audit
from audits.exports import RENDERERS
from audits.ingest import ingest_paths
from audits.model import Severity
from audits.output import write_output
from audits.report import Report
from audits.stream import write_jsonl_to

EXIT_OK = 0
EXIT_FINDINGS = 1
EXIT_USAGE = 2
EXIT_UNREADABLE = 3


def build_parser() -> argparse.ArgumentParser:
    """The argument parser of the audit command."""
    parser = argparse.ArgumentParser(
        prog="python -m audits",
        description="Audit mental-health articles for readability, marketing, citations and claim overlap.",
        epilog="Exit codes: 0 audit ran, 1 findings at --fail-on level, 2 usage error, "
        "3 some sources could not be read.",
    )
    parser.add_argument("paths", nargs="+", metavar="PATH", help="files, folders (read recursively) or http(s) URLs")
    parser.add_argument("--format", "-f", choices=sorted(RENDERERS), default="json", help="report format")
    parser.add_argument("-o", "--output", metavar="FILE", help="write the report here instead of stdout")
    parser.add_argument("--config", metavar="FILE", help="settings file (.toml or .yaml)")
    parser.add_argument("--fast", action="store_true", help="lexical claim matching instead of the embedding model")
    parser.add_argument("--target-grade", type=float, metavar="GRADE", help="reading grade target (default 8)")
    parser.add_argument(
        "--language", action="append", default=[], metavar="ID=CODE",
        help="override the detected language of a source, e.g. my-article=sr",
    )
    parser.add_argument("--fail-on", choices=["info", "warning", "error"],
                        help="exit 1 when a finding of this severity or worse is found")
    parser.add_argument("--quiet", "-q", action="store_true", help="no progress bar")
    # History (issue 8): keep these together.
    parser.add_argument("--save", action="store_true",
                        help="store this audit in the history (see `python -m audits history --help`)")
    parser.add_argument("--history", metavar="FILE",
                        help="history database for --save (default: history_path from --config, "
                        "else ~/.local/share/mh-content-audit/history.sqlite)")
    parser.add_argument("--label", help="a note stored with the run, e.g. 'after revision 2'")
    # Speed and scale (audits/parallel.py, audits/cache.py, docs/performance.md).
    parser.add_argument("--jobs", "-j", type=int, default=None, metavar="N",
                        help="worker processes for the per-document stage (default: one per core)")
    parser.add_argument("--engine", choices=["local", "dask"], default=None,
                        help="local process pool (default) or Dask, for corpora beyond one machine")
    parser.add_argument("--scheduler", metavar="ADDRESS",
                        help="Dask scheduler address, e.g. tcp://10.0.0.5:8786 (default: a local cluster)")
    parser.add_argument("--cache", metavar="DIR",
                        help="keep per-source results in DIR, so unchanged sources are not audited again")
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    return parser


def _config_from(args: argparse.Namespace) -> AuditConfig:
    config = load_config(args.config)
    changes: dict[str, object] = {}
    if args.fast:
        changes["fast"] = True
    if args.target_grade is not None:
        changes["target_grade"] = args.target_grade
    if args.language:
        pairs = dict(config.language_overrides)
        for item in args.language:
            if "=" not in item:
                raise ConfigError(f"--language {item!r}: expected ID=CODE, e.g. my-article=sr")
            sid, code = item.split("=", 1)
            pairs[sid.strip()] = code.strip().lower()
        changes["language_overrides"] = pairs
    return config.with_changes(**changes) if changes else config


def _scale_options(args: argparse.Namespace, config: AuditConfig) -> dict[str, object]:
    """run_audit's jobs/engine/scheduler/cache from the flags (they never change the findings)."""
    engine = args.engine or config.engine
    jobs = args.jobs if args.jobs is not None else (config.jobs if config.jobs != 1 else 0)  # 0: one per core
    cache = AuditCache(args.cache, config.cache_entries) if args.cache else None
    return {"jobs": jobs, "engine": engine, "scheduler": args.scheduler or config.scheduler, "cache": cache}


def _progress_bar(quiet: bool):  # type: ignore[no-untyped-def]
    if quiet:
        return None, None
    from tqdm import tqdm

    bar = tqdm(total=0, unit="source", file=sys.stderr, disable=None, leave=False, desc="auditing")

    def update(stage: str, done: int, total: int) -> None:
        if bar.total != total:
            bar.reset(total=total)
        bar.set_description(stage)
        bar.n = done
        bar.refresh()

    return bar, update


def exit_code(report: Report, fail_on: str | None) -> int:
    """The documented exit code for a finished audit."""
    if fail_on:
        level = Severity.parse(fail_on).rank
        if any(f.severity.rank >= level for _, f in report.findings()):
            return EXIT_FINDINGS
    if any(not s.source.ok for s in report.sources):
        return EXIT_UNREADABLE
    return EXIT_OK


def main(argv: Sequence[str] | None = None) -> int:
    """Run the audit command; returns the exit code."""
    argv = list(sys.argv[1:] if argv is None else argv)
    if argv and argv[0] == "history":
        from audits.history.cli import history_main

        return history_main(argv[1:])
    parser = build_parser()
    args = parser.parse_args(argv)
    try:
        config = _config_from(args)
    except ConfigError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return EXIT_USAGE
    missing = [p for p in args.paths if not p.lower().startswith(("http://", "https://")) and not Path(p).exists()]
    if missing:
        print(f"error: no such file or folder: {', '.join(missing)}", file=sys.stderr)
        return EXIT_USAGE
    sources = ingest_paths(args.paths, config)
    if not sources:
        print("error: no files found to audit", file=sys.stderr)
        return EXIT_USAGE
    for s in sources:
        if not s.ok:
            print(f"{s.origin}: {s.error}", file=sys.stderr)
    bar, update = _progress_bar(args.quiet)
    try:
        report = run_audit(sources, config, progress=update, **_scale_options(args, config))
    except (ConfigError, OSError, TimeoutError) as exc:  # bad engine, unreachable scheduler
        print(f"error: {exc}", file=sys.stderr)
        return EXIT_USAGE
    finally:
        if bar is not None:
            bar.close()
    if args.format == "jsonl":  # streamed line by line: large corpora never become one string
        write_jsonl_to(report, args.output)
    else:
        write_output(RENDERERS[args.format].render(report), args.output)
    if args.save:
        from audits.history import default_path, open_history

        with open_history(args.history or default_path(config.history_path)) as store:
            run_id, new = store.save_run_once(report, label=args.label)
        print(f"saved as run {run_id} in {store.path}" if new else
              f"an identical audit is already saved as run {run_id} in {store.path}; nothing saved", file=sys.stderr)
    return exit_code(report, args.fail_on)
