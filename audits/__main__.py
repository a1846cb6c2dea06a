"""python -m audits: the command-line entry."""

import sys

from audits.cli import main

if __name__ == "__main__":  # a spawned worker imports this module: it must not run the CLI again
    sys.exit(main())
