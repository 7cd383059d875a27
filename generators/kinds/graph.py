"""The progress graph as a material kind: one student's entered sessions, drawn offline, with
the decision a team reads off it. The DOCX holds the chart; the PNG is saved beside it."""

from __future__ import annotations

import argparse
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

from generators import progress_graph, sources
from generators.domain.progress import ProgressRequest
from generators.domain.students import Student
from generators.errors import InputError
from generators.kinds._cli import files_summary, standard_report
from generators.registry import CommandLine, Copy, Made, MaterialKind
from generators.render import graph as graph_render

MAX_CSV_BYTES = 1_000_000


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--data", required=True, help="CSV: date (or session), value[, phase]")
    parser.add_argument("--goal", default="", help="the IEP goal, verbatim")
    parser.add_argument("--student", default="", help="the student's code, never a name")
    parser.add_argument("--aim", type=float, help="the aim, in the data's unit (e.g. 80)")
    parser.add_argument("--baseline", type=int, help="the first N sessions are the baseline")
    parser.add_argument("--mastery", help="e.g. '80%% in 4 of 5 sessions'")


def read_csv(path: str) -> str:
    """A session CSV, checked like any text file (size first, then encoding, binary, empty)."""
    location = Path(path)
    if location.suffix.lower() not in (".csv", ".txt"):
        raise InputError(f"{location.name}: give the session data as a .csv file (date,value).")
    if not location.is_file():
        raise InputError(f"Data file not found: {path}. Check the file's name and folder.")
    if location.stat().st_size > MAX_CSV_BYTES:
        raise InputError(f"{location.name} is over 1 MB: is it the session data for one goal?")
    data = location.read_bytes()
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        text = data.decode("cp1252", errors="replace")  # a CSV saved by Excel on Windows
    return sources.read_text(text, location.name)


def make_request(args: argparse.Namespace, roster: list[Student]) -> ProgressRequest:
    return progress_graph.make_request(
        data_text=read_csv(args.data),
        goal=args.goal,
        student_code=args.student,
        aim=args.aim,
        baseline=args.baseline,
        mastery=args.mastery,
        students=roster,
    )


SETTINGS = ("goal", "aim", "baseline", "mastery")


def copy_fields(args: argparse.Namespace) -> dict:
    return {"data_text": read_csv(args.data), **{name: getattr(args, name) for name in SETTINGS}}


def copies(
    students: Sequence[Student], fields: Mapping[str, Any], roster: Sequence[Student]
) -> list[Copy]:
    """A graph for each chosen student with rows in a data file that has a student column."""
    text = fields["data_text"]
    present = progress_graph.students_in(text, roster)
    if present is None:
        raise InputError(
            "To graph several students from one data file, give it a student column "
            "(student,date,value); a file without one is one student's data."
        )
    settings = {name: fields.get(name) for name in SETTINGS}
    made = []
    for student in students:
        if student.code.lower() not in present:
            made.append(Copy((student.code,), note=f"No rows for {student.code} in the data file."))
            continue
        request = progress_graph.make_request(data_text=text, student_code=student.code,
                                              students=roster, **settings)  # fmt: skip
        made.append(Copy((student.code,), request))
    return made


def write_png(made: Made) -> dict:
    """The chart as a PNG beside its DOCX (for slides, emails, IEP software). Written here
    because the shared write step handles DOCX documents only."""
    material = made.material
    path = Path(made.paths[0]).with_name(graph_render.png_name(material))
    path.write_bytes(graph_render.render_png(material))
    return {"path": str(path), "role": "graph-image", "level": None}


def summarize(made: Made) -> dict:
    material = made.material
    summary = {
        "kind": material.kind,
        "student": material.student_code,
        "sessions": len(material.sessions),
        "decision": material.decision,
        **files_summary(made, material.warnings),
    }
    summary["files"].append(write_png(made))
    return summary


def report(made: Made, summary: dict) -> list[str]:
    material = made.material
    lines = standard_report(f"Progress graph for {material.student_code}", summary)
    return [lines[0], f"  decision: {material.decision}", *lines[1:]]


KIND = MaterialKind(
    name="graph",
    title="Progress graph",
    description="Entered session data as a line graph with phase, aim and trend lines, and the "
    "decision it shows (offline).",
    request_model=ProgressRequest,
    generate=progress_graph.generate,
    render=graph_render.render,
    roles=("graph",),
    uses_model=False,
    cli=CommandLine(
        help="graph entered session data, with its decision (offline)",
        add_arguments=add_arguments,
        make_request=make_request,
        summarize=summarize,
        report=report,
        copy_fields=copy_fields,
        per_student=lambda args: not args.student.strip(),
    ),
    copies=copies,
    order=55,
)
