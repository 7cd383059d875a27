"""`python -m bench [flags]`: see bench/run.py."""

import sys

from bench.run import main

sys.exit(main())
