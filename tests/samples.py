"""The texts the tests read, kept in the repo (tests/fixtures/), resolved from this file.

Written for these tests: three passages at the length and density of a real class text (they
measure well above grade 5, so every lower level is rewritten), a grade-5 reading check on the
honeybee article, and a Word worksheet built by fixtures/make_fractions_docx.py.
"""

from __future__ import annotations

from pathlib import Path

SAMPLES = Path(__file__).resolve().parent / "fixtures"
PASSAGES = ("honeybees.txt", "water_cycle.txt", "transcontinental_railroad.txt")


def sample(name: str) -> Path:
    path = SAMPLES / name
    if not path.is_file():
        raise FileNotFoundError(f"test fixture {name} is missing from {SAMPLES}")
    return path
