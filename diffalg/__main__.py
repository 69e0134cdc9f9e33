"""Run the command line with ``python -m diffalg``."""

from diffalg.cli.main import entry

entry()
