"""The code's shape: the layers in .importlinter hold (also run by `make lint`), and no module
grows past 600 lines (one concept per module)."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
MAX_LINES = 600
MODULES = [
    *sorted(
        p.relative_to(ROOT).as_posix()
        for f in ("generators", "ui")
        for p in (ROOT / f).rglob("*.py")
    ),
    "app.py",
]
# Owned by other work in progress; each is being split along its concepts.
BEING_SPLIT = {
    "generators/items.py": "the quiz's item bank, to be split by the quiz work",
}


@pytest.mark.parametrize(
    "module",
    [
        pytest.param(m, marks=pytest.mark.xfail(reason=BEING_SPLIT[m])) if m in BEING_SPLIT else m
        for m in MODULES
    ],
)
def test_no_module_is_over_600_lines(module):
    lines = len((ROOT / module).read_text().splitlines())
    assert lines <= MAX_LINES, f"{module} has {lines} lines: split it along its concepts"


def test_the_import_contracts_hold():
    lint = Path(sys.executable).parent / "lint-imports"
    if not lint.exists() and not shutil.which("lint-imports"):
        pytest.skip("import-linter is not installed (pip install -e '.[dev]')")
    result = subprocess.run(
        [str(lint) if lint.exists() else "lint-imports", "--no-cache"],
        cwd=ROOT, capture_output=True, text=True, timeout=300,
    )  # fmt: skip
    assert result.returncode == 0, result.stdout[-3000:]
    assert "BROKEN" not in result.stdout and result.stdout.count("KEPT") == 4
