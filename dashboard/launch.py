"""Start the dashboard with its own settings, from any folder: `python -m dashboard.launch [--host H] [--port P]`.

Streamlit reads .streamlit/config.toml only from the folder it is started in (and ~/.streamlit),
so started elsewhere it used to fall back to its defaults: all interfaces, 200 MB uploads, usage
statistics on. This launcher passes every setting of the project's config file as an explicit
flag and starts in the project folder. It binds to 127.0.0.1 unless a host is given
(`make run HOST=0.0.0.0` on a shared server, behind an authenticating proxy: docs/dashboard.md).
"""

from __future__ import annotations

import argparse
import os
import sys
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CONFIG = ROOT / ".streamlit" / "config.toml"
APP = ROOT / "dashboard" / "app.py"
DEFAULT_HOST = "127.0.0.1"


def _flag_value(value: object) -> str:
    return str(value).lower() if isinstance(value, bool) else str(value)


def config_flags(path: Path = CONFIG) -> list[str]:
    """Every setting of the project's Streamlit config as --section.key value flags."""
    data = tomllib.loads(path.read_text(encoding="utf-8"))
    flags = []
    for section, values in data.items():
        for key, value in values.items():
            flags += [f"--{section}.{key}", _flag_value(value)]
    return flags


def command(host: str = DEFAULT_HOST, port: int = 8501) -> list[str]:
    """The streamlit command line: the project's settings, then the address and port."""
    return [sys.executable, "-m", "streamlit", "run", str(APP), *config_flags(),
            "--server.address", host, "--server.port", str(port)]


def main(argv: list[str] | None = None) -> int:
    """Replace this process with the dashboard server."""
    parser = argparse.ArgumentParser(prog="python -m dashboard.launch", description=__doc__.splitlines()[0])
    parser.add_argument("--host", default=os.environ.get("HOST") or DEFAULT_HOST,
                        help="address to listen on (default 127.0.0.1: this machine only)")
    parser.add_argument("--port", type=int, default=int(os.environ.get("PORT") or 8501))
    args = parser.parse_args(argv)
    os.chdir(ROOT)  # so Streamlit also finds .streamlit/ (secrets, pages) where it expects them
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(filter(None, [str(ROOT), os.environ.get("PYTHONPATH")]))}
    cmd = command(args.host, args.port)
    os.execve(cmd[0], cmd, env)
    return 0  # not reached


if __name__ == "__main__":
    raise SystemExit(main())
