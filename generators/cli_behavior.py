"""`paraprep behavior-sheet`, `graph` and `visual`: offline kinds for a para's day beyond
instruction. Each makes one document per student: with --students and no --student, one for
every student in the file (the caseload), each under its code, never a name."""

from __future__ import annotations

import argparse
import time
from pathlib import Path

from generators import api, sources
from generators.cli import check_output_folder, files_summary, print_summary
from generators.domain.behavior import METHODS
from generators.domain.visual import VISUAL_TYPES
from generators.errors import InputError
from generators.models import OfflineEngine


def add_behavior_commands(commands) -> None:
    add_behavior_sheet(commands)
    add_graph(commands)
    add_visual(commands)
    add_social_story(commands)


def add_caseload_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--student", default="", help="the student's code, never a name")
    parser.add_argument(
        "--students", help="students file: check the code; without --student, one per student"
    )
    parser.add_argument("--out", default="out", help="folder for the files (default out/)")
    parser.add_argument("--json", action="store_true", help="print one JSON object")


def add_behavior_sheet(commands) -> None:
    sheet = commands.add_parser("behavior-sheet", help="make a behaviour data sheet (offline)")
    sheet.add_argument("--method", required=True, help=f"one of: {', '.join(METHODS)}")
    sheet.add_argument("--behavior", default="", help="the behaviour's short name")
    sheet.add_argument("--definition", default="", help="the operational definition, verbatim")
    sheet.add_argument("--sessions", type=int, help="rows (episodes or sessions); days for a "
                       "scatterplot")  # fmt: skip
    sheet.add_argument("--interval-seconds", type=int, help="interval length (interval, "
                       "time-sampling); slot length (scatterplot)")  # fmt: skip
    sheet.add_argument("--interval-type", default="partial", help="interval: partial or whole")
    sheet.add_argument("--start", help="observation start, e.g. 09:00")
    sheet.add_argument("--end", help="observation end, e.g. 09:30")
    add_caseload_options(sheet)
    sheet.set_defaults(handler=run_behavior_sheet)


def add_graph(commands) -> None:
    graph = commands.add_parser("graph", help="graph entered session data with its decision")
    graph.add_argument("--data", required=True, help="CSV: date (or session), value[, phase]")
    graph.add_argument("--goal", default="", help="the IEP goal, verbatim")
    graph.add_argument("--aim", type=float, help="the aim, in the data's unit (e.g. 80)")
    graph.add_argument("--baseline", type=int, help="the first N sessions are the baseline")
    graph.add_argument("--mastery", help="e.g. '80%% in 4 of 5 sessions'")
    add_caseload_options(graph)
    graph.set_defaults(handler=run_graph)


def add_visual(commands) -> None:
    visual = commands.add_parser("visual", help="make a picture schedule, first-then or token "
                                 "board (offline)")  # fmt: skip
    visual.add_argument("--type", required=True, help=f"one of: {', '.join(VISUAL_TYPES)}")
    visual.add_argument("--items", help='items in order, e.g. "Reading, Math, Lunch"')
    visual.add_argument("--tokens", type=int, default=5, help="token board: tokens (1-10)")
    visual.add_argument("--reward", help="token board: what the student works for")
    add_caseload_options(visual)
    visual.set_defaults(handler=run_visual)


def add_social_story(commands) -> None:
    story = commands.add_parser("social-story", help="make a social story template (offline)")
    story.add_argument("--topic", default="", help="the situation, e.g. 'a fire drill'")
    add_caseload_options(story)
    story.set_defaults(handler=run_social_story)


def roster_and_codes(args: argparse.Namespace) -> tuple[list, list[str]]:
    """The students file (if any) and the codes to make a document for."""
    from generators.students import load_students

    roster = load_students(args.students) if args.students else []
    if args.student.strip() or not roster:
        return roster, [args.student]
    return roster, [student.code for student in roster]


def make_all(kind: str, requests: list, args: argparse.Namespace, heading: str) -> int:
    started = time.perf_counter()
    documents, warnings, materials = [], [], []
    for request in requests:
        material = api.generate(kind, request, OfflineEngine(), progress_for(args))
        materials.append(material)
        documents.extend(api.render(material))
        warnings.extend(material.warnings)
    paths = api.write(documents, args.out)
    unique = list(dict.fromkeys(warnings))
    summary = {"kind": kind, "students": [m.student_code for m in materials],
               **files_summary(documents, paths, unique, started)}  # fmt: skip
    if kind == "graph":
        summary["decisions"] = {m.student_code: m.decision for m in materials}
        summary["files"] += write_pngs(materials, args.out)
        heading += "".join(f"\n  decision ({m.student_code}): {m.decision}" for m in materials)
    print_summary(summary, args.json, heading)
    return 0


def progress_for(args: argparse.Namespace):
    from generators.cli import progress_for as cli_progress

    return cli_progress(args)


def write_pngs(materials: list, out: str) -> list[dict]:
    """The graph as a PNG beside its DOCX, for slides, emails and the IEP software."""
    from generators.render.graph import png_name, render_png

    files = []
    for material in materials:
        path = Path(out) / png_name(material)
        path.write_bytes(render_png(material))
        files.append({"path": str(path), "role": "graph-image", "level": None})
    return files


def run_behavior_sheet(args: argparse.Namespace) -> int:
    from generators.behavior_sheet import make_request

    check_output_folder(args.out)
    roster, codes = roster_and_codes(args)
    requests = [
        make_request(
            method=args.method,
            student_code=code,
            behavior=args.behavior,
            definition=args.definition,
            rows=args.sessions,
            interval_seconds=args.interval_seconds,
            interval_type=args.interval_type,
            start=args.start,
            end=args.end,
            students=roster,
        )
        for code in codes
    ]
    return make_all("behavior-sheet", requests, args, f"Behaviour data sheet ({args.method})")


def run_graph(args: argparse.Namespace) -> int:
    from generators.progress_graph import make_request

    check_output_folder(args.out)
    if args.students and not args.student.strip():
        raise InputError("A graph is one student's data: give --student with --students.")
    roster, codes = roster_and_codes(args)
    request = make_request(
        data_text=read_csv(args.data),
        goal=args.goal,
        student_code=codes[0],
        aim=args.aim,
        baseline=args.baseline,
        mastery=args.mastery,
        students=roster,
    )
    return make_all("graph", [request], args, "Progress graph")


MAX_CSV_BYTES = 1_000_000


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


def run_visual(args: argparse.Namespace) -> int:
    from generators.visual import make_request

    check_output_folder(args.out)
    roster, codes = roster_and_codes(args)
    requests = [
        make_request(
            type=args.type,
            student_code=code,
            items=args.items,
            tokens=args.tokens,
            reward=args.reward,
            students=roster,
        )
        for code in codes
    ]
    return make_all("visual", requests, args, f"Visual support ({args.type})")


def run_social_story(args: argparse.Namespace) -> int:
    from generators.social_story import make_request

    check_output_folder(args.out)
    roster, codes = roster_and_codes(args)
    requests = [make_request(topic=args.topic, student_code=code, students=roster)
                for code in codes]  # fmt: skip
    return make_all("social-story", requests, args, "Social story")
