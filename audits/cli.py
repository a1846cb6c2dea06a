"""Command line: python -m audits PATH... [--format FMT] [-o FILE] [--config FILE].

Exit codes:
  0  the audit ran (findings or not)
  1  findings at or above --fail-on were found
  2  usage error (bad arguments, bad config file, nothing to audit)
  3  the audit ran but some sources could not be read (or ran out of their time budget)
  4  the report was written but the run could not be saved to the history (--save)
  5  an unexpected internal failure (one line on stderr; please report it)
  130 interrupted (Ctrl-C)
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path

from audits import __version__
from audits.cache import AuditCache
from audits.config import PUBLISHERS, AuditConfig, ConfigError, load_config
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
EXIT_NOT_SAVED = 4
EXIT_INTERNAL = 5
EXIT_INTERRUPTED = 130


def build_parser() -> argparse.ArgumentParser:
    """The argument parser of the audit command."""
    parser = argparse.ArgumentParser(
        prog="python -m audits",
        description="Audit mental-health articles for readability, marketing, citations and claim overlap.",
        epilog="Exit codes: 0 audit ran, 1 findings at --fail-on level, 2 usage error, "
        "3 some sources could not be read, 4 report written but not saved to the history, 5 internal failure.",
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
    parser.add_argument(
        "--publisher", action="append", default=[], metavar="ID=public|private",
        help="say who publishes a source, where its text does not show it: public (a public service or charity, "
             "whose contact lines are information) or private (a private provider), e.g. nhs-page=public",
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
        changes["language_overrides"] = _source_values(
            config.language_overrides, args.language, lambda sid, code: True,
            "--language {!r}: expected ID=CODE, e.g. my-article=sr")
    if args.publisher:
        changes["publisher_overrides"] = _source_values(
            config.publisher_overrides, args.publisher, lambda sid, kind: bool(sid) and kind in PUBLISHERS,
            "--publisher {!r}: expected ID=public or ID=private, e.g. nhs-page=public")
    return config.with_changes(**changes) if changes else config


def _source_values(start: tuple[tuple[str, str], ...], items: list[str], valid: Callable[[str, str], bool],
                   error: str) -> dict[str, str]:
    """Per-source settings from ID=VALUE flags (the value lower-cased) over those of the config file."""
    pairs = dict(start)
    for item in items:
        sid, sep, value = item.partition("=")
        sid, value = sid.strip(), value.strip().lower()
        if not sep or not valid(sid, value):
            raise ConfigError(error.format(item))
        pairs[sid] = value
    return pairs


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
    """Run the audit command; returns the exit code. Never a traceback: every failure is one line."""
    try:
        return _main(list(sys.argv[1:] if argv is None else argv))
    except KeyboardInterrupt:
        print("error: interrupted", file=sys.stderr)
        return EXIT_INTERRUPTED
    except Exception as exc:  # the last guard: one line, a documented code
        first = str(exc).splitlines()[0] if str(exc) else ""
        print(f"error: unexpected failure ({type(exc).__name__}: {first}); please report it", file=sys.stderr)
        return EXIT_INTERNAL


def _check_output(output: str | None) -> str | None:
    """Why the report could not be written to ``output``, checked before the audit runs."""
    if not output:
        return None
    target = Path(output)
    if target.is_dir():
        return f"-o {output}: is a folder; name a file"
    if not target.parent.is_dir():
        return f"-o {output}: the folder {target.parent} does not exist"
    return None


@contextmanager
def _captured_stderr() -> Iterator[list[str]]:
    """Collect what libraries and their child processes (the chart browser) print on stderr."""
    lines: list[str] = []
    sys.stderr.flush()
    saved = os.dup(2)
    with tempfile.TemporaryFile() as tmp:
        os.dup2(tmp.fileno(), 2)
        try:
            yield lines
        finally:
            sys.stderr.flush()
            os.dup2(saved, 2)
            os.close(saved)
            tmp.seek(0)
            lines.extend(tmp.read().decode("utf-8", "replace").splitlines())


def _render(report: Report, fmt: str) -> bytes:
    if fmt not in ("html", "pdf", "xlsx", "md"):
        return RENDERERS[fmt].render(report)
    with _captured_stderr() as noise:
        data = RENDERERS[fmt].render(report)
    if any(line.strip() for line in noise):
        print("warning: the chart renderer reported a problem; charts may be missing from the report", file=sys.stderr)
    return data


def _main(argv: list[str]) -> int:
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
    problem = _check_output(args.output)
    if problem:
        print(f"error: {problem}", file=sys.stderr)
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
    try:
        if args.format == "jsonl":  # streamed line by line: large corpora never become one string
            write_jsonl_to(report, args.output)
        else:
            write_output(_render(report, args.format), args.output)
    except OSError as exc:
        print(f"error: the report could not be written ({exc.strerror or exc})", file=sys.stderr)
        return EXIT_USAGE
    if args.save:
        saved = _save(report, args, config)
        if saved is not None:
            print(f"error: the report was written, but the run was NOT saved to the history: {saved}", file=sys.stderr)
            return EXIT_NOT_SAVED
    return exit_code(report, args.fail_on)


def _save(report: Report, args: argparse.Namespace, config: AuditConfig) -> str | None:
    """Save the run; None when saved, else the one-line reason it was not."""
    import sqlite3

    from audits.history import default_path, open_history
    from audits.history.store import HistoryError, describe_db_error

    path = Path(args.history or default_path(config.history_path))
    try:
        with open_history(path) as store:
            run_id, new = store.save_run_once(report, label=args.label)
    except (sqlite3.Error, RuntimeError) as exc:
        return describe_db_error(path, exc)
    except (HistoryError, OSError) as exc:
        return str(exc).splitlines()[0] if str(exc) else type(exc).__name__
    print(f"saved as run {run_id} in {store.path}" if new else
          f"an identical audit is already saved as run {run_id} in {store.path}; nothing saved", file=sys.stderr)
    return None
