"""Run the benchmarks: ``python -m benchmarks [--quick] [--output-dir DIR]``."""

import sys

from benchmarks.run import main

sys.exit(main())
