"""`make bench`: ParaPrep's speed, measured against a loopback model with simulated latency.

Figures, not timed tests: the harness prints a table and writes it to BENCHMARKS.md. Every
ratio is taken within one run, so a slow or busy machine moves both sides of it together.
See bench/run.py for the list of measures and how each is taken.

The stub server and the scripted responders are the tests' own, packaged in paraprep_testing/,
so the bench plays the same model the tests do rather than a copy that could drift from it.
"""
