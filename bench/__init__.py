"""`make bench`: ParaPrep's speed, measured against a loopback model with simulated latency.

Figures, not timed tests: the harness prints a table and writes it to BENCHMARKS.md. Every
ratio is taken within one run, so a slow or busy machine moves both sides of it together.
See bench/run.py for the list of measures and how each is taken.
"""

import sys
from pathlib import Path

# The stub server and the scripted models live with the tests; the bench plays the same model
# the tests do, rather than a second copy that could drift from it.
TESTS_DIR = str(Path(__file__).resolve().parents[1] / "tests")
if TESTS_DIR not in sys.path:
    sys.path.append(TESTS_DIR)
