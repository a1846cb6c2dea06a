"""Guard for speed work: the fast-mode report of every seed, dev page and extra page, to compare before/after.

    python bench/report_guard.py dump before.json        # on the code before the change
    python bench/report_guard.py dump after.json         # on the code after it
    python bench/report_guard.py compare before.json after.json
    python bench/report_guard.py dump --corpus 200 --corpus 800 before.json   # also whole bench corpora

Each page is audited alone (``run_audit([source], AuditConfig(fast=True))``) and its ``report.to_dict()``
minus ``generated_at`` is stored. Test pages are never read. A speed change must leave every report equal.
``--corpus N`` also audits bench/run.py's synthetic corpus of N documents as one audit (``--jobs 2``), so
the corpus-wide claims stage is checked at a size where it takes its large-corpus paths (reduced TF-IDF,
blocked neighbour search), which a single page never reaches. ``--default-mode`` dumps default-mode reports
(the model on; slower: ``--no-extra`` keeps to the seeds and dev pages).
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def pages(extra: bool = True) -> list[Path]:
    """The seeds, the dev pages of eval/split.json and eval/extra/pages (never a test page)."""
    from audits.evaluation.labels import load_split

    dev = [ROOT / "eval" / "pages" / f"{pid}.txt" for pid, split in sorted(load_split().items()) if split == "dev"]
    more = sorted((ROOT / "eval" / "extra" / "pages").glob("*.txt")) if extra else []
    return [*sorted((ROOT / "sources").glob("*.txt")), *dev, *more]


def _corpus_report(n: int, fast: bool = True) -> str:
    """The report of bench/run.py's synthetic corpus of n documents, audited as one corpus."""
    import tempfile

    from audits.config import AuditConfig
    from audits.engine import run_audit
    from audits.ingest import ingest_paths
    from bench.run import make_corpus

    config = AuditConfig(fast=fast)
    with tempfile.TemporaryDirectory() as tmp:
        make_corpus(n, Path(tmp))
        report = run_audit(ingest_paths([tmp], config), config, jobs=2).to_dict()
    report.pop("generated_at", None)
    report.pop("timings", None)
    return json.dumps(report, sort_keys=True, default=str).replace(tmp, "<corpus>")


def dump(out: Path, corpora: list[int] | None = None, default_mode: bool = False, extra: bool = True) -> int:
    from audits.config import AuditConfig
    from audits.engine import run_audit
    from audits.ingest import ingest_bytes

    config = AuditConfig(fast=not default_mode)
    reports = {f"bench-corpus-{n}": _corpus_report(n, fast=not default_mode) for n in corpora or ()}
    for path in pages(extra):
        source = ingest_bytes(path.name, path.read_bytes(), config, origin=str(path.relative_to(ROOT)))
        report = run_audit([source], config).to_dict()
        report.pop("generated_at", None)
        reports[str(path.relative_to(ROOT))] = json.dumps(report, sort_keys=True, default=str)
    out.write_text(json.dumps(reports), encoding="utf-8")
    print(f"{len(reports)} pages dumped to {out}")
    return 0


def compare(before: Path, after: Path) -> int:
    a = json.loads(before.read_text(encoding="utf-8"))
    b = json.loads(after.read_text(encoding="utf-8"))
    differ = sorted(k for k in a.keys() | b.keys() if a.get(k) != b.get(k))
    for key in differ[:20]:
        print("differs:", key)
    print(f"{len(differ)} of {len(a.keys() | b.keys())} pages differ")
    return 1 if differ else 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    sub = parser.add_subparsers(dest="command", required=True)
    dumper = sub.add_parser("dump")
    dumper.add_argument("out", type=Path)
    dumper.add_argument("--corpus", type=int, action="append", help="also audit a bench corpus of this many documents")
    dumper.add_argument("--default-mode", action="store_true", help="audit in default mode (the model on), not --fast")
    dumper.add_argument("--no-extra", action="store_true", help="leave out eval/extra/pages (seeds and dev only)")
    cmp = sub.add_parser("compare")
    cmp.add_argument("before", type=Path)
    cmp.add_argument("after", type=Path)
    args = parser.parse_args(argv)
    if args.command == "dump":
        return dump(args.out, args.corpus, args.default_mode, not args.no_extra)
    return compare(args.before, args.after)


if __name__ == "__main__":
    sys.path.insert(0, str(ROOT))
    sys.exit(main())
