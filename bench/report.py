"""The benchmark table: rows with a value, a goal and a note; printed and written as Markdown."""

from __future__ import annotations

import datetime as dt
import os
import platform
import statistics
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class Row:
    """One measured figure. `value` None means not measured, and `note` must say why."""

    section: str
    measure: str
    value: float | None
    unit: str = ""
    goal: float | None = None  # an upper bound: met when value <= goal
    note: str = ""

    @property
    def met(self) -> bool | None:
        if self.goal is None or self.value is None:
            return None
        return self.value <= self.goal

    def cells(self) -> list[str]:
        goal = f"≤ {format_value(self.goal, self.unit)}" if self.goal is not None else ""
        met = {True: "yes", False: "**NO**", None: ""}[self.met]
        return [self.measure, format_value(self.value, self.unit), goal, met, self.note]


HEADER = ["Measure", "Result", "Goal", "Met", "How / notes"]


def format_value(value: float | None, unit: str) -> str:
    if value is None:
        return "n/a"
    if unit == "ms":
        return f"{value:.0f} ms" if value >= 10 else f"{value:.1f} ms"
    if unit == "s":
        return f"{value:.2f} s"
    if unit == "x":
        return f"{value:.2f}x"
    if unit == "%":
        return f"{value:.0f}%"
    if unit in ("calls", "tokens", "requests"):
        return f"{value:,.0f} {unit}"
    return f"{value:g} {unit}".strip()


def percentile(values: Sequence[float], share: float) -> float:
    """Nearest-rank percentile: p95 of 30 samples is the 29th smallest, an observed value."""
    ordered = sorted(values)
    rank = max(1, min(len(ordered), round(share * len(ordered) + 0.5)))
    return ordered[rank - 1]


def median(values: Iterable[float]) -> float:
    return statistics.median(list(values))


# --- Output ---


def text_table(rows: Sequence[Row]) -> str:
    """A plain table for the terminal, grouped by section."""
    widths = [28, 12, 10, 6]
    lines = []
    for section in sections(rows):
        lines.append(f"\n== {section} ==")
        for row in (r for r in rows if r.section == section):
            cells = row.cells()
            met = cells[3].replace("**", "")
            lines.append(
                f"  {cells[0]:<{widths[0]}} {cells[1]:>{widths[1]}} {cells[2]:>{widths[2]}} "
                f"{met:<{widths[3]}} {cells[4]}"
            )
    return "\n".join(lines)


def markdown_table(rows: Sequence[Row]) -> str:
    lines = []
    for section in sections(rows):
        lines += [f"### {section}", "", "| " + " | ".join(HEADER) + " |", "|---|---:|---:|---|---|"]
        for row in (r for r in rows if r.section == section):
            lines.append("| " + " | ".join(escape(cell) for cell in row.cells()) + " |")
        lines.append("")
    return "\n".join(lines)


def escape(cell: str) -> str:
    return cell.replace("|", "\\|").replace("\n", " ")


def sections(rows: Sequence[Row]) -> list[str]:
    return list(dict.fromkeys(row.section for row in rows))


def document(
    rows: Sequence[Row], flags: str, elapsed: float, notes: Sequence[str], load: str
) -> str:
    goals = [row for row in rows if row.met is not None]
    missed = [row for row in goals if not row.met]
    summary = f"{len(goals) - len(missed)} of {len(goals)} goals met" + (
        f"; missed: {', '.join(f'{r.section}: {r.measure}' for r in missed)}." if missed else "."
    )
    smoke = flags == "--smoke"
    parts = [
        "# Benchmarks"
        + (" (SMOKE RUN: checks the harness; the figures mean nothing)" if smoke else ""),
        "",
        "Written by `make bench` (bench/run.py); do not edit by hand, run it again. Model calls go "
        "to the loopback stub (tests/stub_openai.py) with simulated latency, so the figures "
        "measure ParaPrep, not a provider.",
        "",
        f"- Date: {dt.datetime.now(dt.UTC).strftime('%Y-%m-%d %H:%M UTC')}",
        f"- Machine: {machine()}",
        f"- Load average (1, 5, 15 min) at start and end: {load}",
        f"- Python: {platform.python_implementation()} {platform.python_version()}",
        f"- Flags: `{flags}`",
        f"- Whole run: {elapsed:.0f} s",
        f"- Summary: {summary}",
        "",
        markdown_table(rows),
    ]
    if notes:
        parts += ["## Notes", "", *[f"- {note}" for note in notes], ""]
    return "\n".join(parts)


def load_average() -> str:
    try:
        return ", ".join(f"{value:.2f}" for value in os.getloadavg())
    except OSError:
        return "unknown"


def machine() -> str:
    return (
        f"{platform.system()} {platform.release()} {platform.machine()}, {cpu_model()}, "
        f"{os.cpu_count()} logical CPUs, {memory_gib():.1f} GiB RAM"
    )


def cpu_model() -> str:
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or "unknown CPU"


def memory_gib() -> float:
    try:
        for line in Path("/proc/meminfo").read_text().splitlines():
            if line.startswith("MemTotal:"):
                return int(line.split()[1]) / 1024 / 1024
    except (OSError, ValueError, IndexError):
        pass
    return 0.0
