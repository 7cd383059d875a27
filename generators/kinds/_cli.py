"""Helpers the kinds' command lines share: reading an input file or stdin, choosing a group
from a students file, and the files/warnings part of every summary."""

from __future__ import annotations

import sys
from collections.abc import Sequence
from pathlib import Path

from generators import sources
from generators.domain.students import Student
from generators.registry import Made


def read_input(path: str) -> tuple[str, str]:
    """Read a file or stdin ('-') into text; returns (text, display name)."""
    if path == "-":
        return sources.read_text(sys.stdin.read(), name="standard input"), "standard input"
    return sources.read_source(path), Path(path).name


def read_optional(path: str | None) -> tuple[str | None, str | None]:
    return read_input(path) if path else (None, None)


def choose_group(roster: Sequence[Student], codes: str | None) -> list[Student]:
    """The whole file, or the codes named; a name typed in place of a code is refused."""
    from generators.data_sheet import check_code

    if not codes:
        return list(roster)
    wanted = [check_code(code, list(roster)).lower() for code in codes.split(",") if code.strip()]
    return [student for student in roster if student.code.lower() in wanted]


def files_summary(made: Made, warnings: Sequence[str]) -> dict:
    return {
        "files": [
            {"path": str(path), "role": document.role, "level": document.level}
            for document, path in zip(made.documents, made.paths, strict=True)
        ],
        "checks": [note for document in made.documents for note in document.checks],
        "warnings": list(warnings),
        "seconds": round(made.elapsed, 3),
    }


def standard_report(heading: str, summary: dict) -> list[str]:
    """Heading, warnings, print checks, files written, time: the lines most kinds print."""
    lines = [heading]
    lines += [f"  warning: {warning}" for warning in summary["warnings"]]
    lines += [f"  print check: {note}" for note in summary["checks"]]
    lines += [f"  wrote {entry['path']} ({entry['role']})" for entry in summary["files"]]
    lines.append(f"  done in {summary['seconds']:.1f} s")
    return lines
