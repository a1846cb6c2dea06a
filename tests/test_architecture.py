"""The shape of the house: which packages may import which (checked on the source, not by convention)."""

from __future__ import annotations

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DOMAIN = ("readability", "marketing", "citations", "claims")
NOT_FROM_DOMAIN = ("audits.analyzers", "audits.exports", "audits.history", "dashboard", "streamlit")


def _imports(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    found: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found.update(a.name for a in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            found.add(node.module)
    return found


def _violations(folder: Path, banned: tuple[str, ...]) -> list[str]:
    return [f"{p.relative_to(ROOT)} imports {name}" for p in sorted(folder.rglob("*.py")) for name in _imports(p)
            if any(name == b or name.startswith(b + ".") for b in banned)]


def test_domain_packages_never_import_analyzers_exports_history_or_the_ui() -> None:
    problems = [v for pkg in DOMAIN for v in _violations(ROOT / "audits" / pkg, NOT_FROM_DOMAIN)]
    assert not problems, problems


def test_ingest_never_judges() -> None:
    judging = ("audits.analyzers", "audits.marketing", "audits.citations", "audits.claims", "audits.readability",
               "audits.exports", "audits.history", "dashboard", "streamlit")
    assert not _violations(ROOT / "audits" / "ingest", judging)


def test_the_engine_never_imports_the_dashboard() -> None:
    assert not _violations(ROOT / "audits", ("dashboard", "streamlit"))
