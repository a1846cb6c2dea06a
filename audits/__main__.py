"""python -m audits: the command-line entry."""

import sys

from audits.cli import main

sys.exit(main())
