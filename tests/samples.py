"""Where the shared sample texts live, resolved from this file (never the working directory)."""

from __future__ import annotations

from pathlib import Path

import pytest

SAMPLES = Path(__file__).resolve().parents[2] / "shared" / "samples"
PASSAGES = ("honeybees.txt", "water_cycle.txt", "transcontinental_railroad.txt")


def sample(name: str) -> Path:
    path = SAMPLES / name
    if not path.exists():
        pytest.skip(f"sample {name} not available")
    return path
