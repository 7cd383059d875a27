"""The benchmark harness in smoke mode (tiny numbers, no latency): every row, every figure a number.

Not a timed test: nothing here asserts on speed (the figures of a smoke run mean nothing); it
proves `make bench` still runs end to end as the code changes under it.
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

import pytest

from generators import registry

# bench/ is not an installed package: `make bench` runs it from the repository root.
ROOT = str(Path(__file__).resolve().parents[1])
if ROOT not in sys.path:
    sys.path.insert(0, ROOT)

from bench import cases  # noqa: E402
from bench.run import main  # noqa: E402

NUMBER = re.compile(r"^-?\d[\d,]*(\.\d+)?( ?(ms|s|x|%|calls|tokens|requests))?$")
EXCUSED = ("not measured", "not yet present")  # an n/a must say why

WORKSHEET_ROWS = [
    "packet wall ÷ slowest call",
    "packet wall ÷ longest call chain",
    "ParaPrep's own time in a packet",
    "one call at a time ÷ slowest call",
    "speed-up over one call at a time",
    "prompt chars in a prefix shared within the packet",
    "prompt chars in system prompts",
    "calls, default request",
    "prompt tokens, default request",
    "completion tokens, default request",
    "calls, revise off",
    "completion tokens, revise on",
    "1 at once: median packet wall",
    "2 at once: median packet wall",
    "peak model requests in flight (2 at once)",
    "worksheet student copy (standard), p95",
    "worksheet teacher copy (all accommodations), p95",
    "3-level worksheet, all documents (API)",
    "CLI end to end",
    "rerun without generating (offline engine), p95",
    "rerun without generating (model configured), p95",
    "Generate → first progress line (offline engine, first click in the process)",
    "Generate → first progress line (model configured, click 2)",
]


def table_rows(markdown: str) -> dict[str, list[str]]:
    """Measure name -> cells, for every data row of every section table."""
    rows = {}
    for line in markdown.splitlines():
        if not line.startswith("| ") or line.startswith(("| Measure", "|---")):
            continue
        cells = [cell.strip() for cell in line.strip("|").split(" | ")]
        rows[f"{len(rows)}:{cells[0]}"] = cells
    return rows


@pytest.fixture(scope="module")
def report(tmp_path_factory) -> str:
    output = tmp_path_factory.mktemp("bench") / "BENCHMARKS.md"
    assert main(["--smoke", "--output", str(output)]) == 0
    return output.read_text(encoding="utf-8")


def test_smoke_run_writes_every_row(report):
    measures = [cells[0] for cells in table_rows(report).values()]
    for expected in WORKSHEET_ROWS:
        assert any(m.startswith(expected) for m in measures), f"missing row: {expected}"
    if any(kind.name == "group-plan" for kind in registry.kinds()):
        assert "group-plan plan (standard), p95" in measures
    assert "SMOKE RUN" in report and "Machine:" in report and "Flags: `--smoke`" in report


def test_every_figure_is_a_number_or_says_why_not(report):
    rows = table_rows(report)
    assert len(rows) >= len(WORKSHEET_ROWS)
    for measure, result, _goal, _met, note in rows.values():
        if result == "n/a":
            assert note.startswith(EXCUSED) or any(e in note for e in EXCUSED), measure
        else:
            assert NUMBER.match(result), f"{measure}: {result!r} is not a figure"


def test_rows_with_a_goal_say_whether_it_was_met(report):
    for measure, result, goal, met, _note in table_rows(report).values():
        if goal and result != "n/a":
            assert met in ("yes", "**NO**"), measure


def test_bench_reads_the_repos_own_fixtures():
    # `make bench` must run from a clean clone, where ../shared/samples may not exist.
    assert cases.SOURCE.is_file() and cases.ASSIGNMENT.is_file()
    repo = Path(cases.__file__).resolve().parents[1]
    assert Path(cases.SOURCE).resolve().is_relative_to(repo / "tests" / "fixtures")
