"""`paraprep`: the command line over the same API the app uses.

Every error a user can cause prints one line starting "error:" and exits non-zero; no traceback
reaches the terminal (set PARAPREP_DEBUG=1 to see one when reporting a bug).
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import time
from collections.abc import Sequence
from pathlib import Path

from generators import api, registry, sources
from generators.domain import accommodations as catalogue
from generators.domain.levels import grade_name, parse_grade, parse_levels
from generators.errors import InputError, ParaPrepError
from generators.models import ENGINES, from_env

EXIT_USAGE = 2
EXIT_FAILED = 1


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    try:
        return args.handler(args)
    except ParaPrepError as error:
        return fail(str(error), EXIT_USAGE if isinstance(error, InputError) else EXIT_FAILED)
    except KeyboardInterrupt:
        return fail("interrupted.", 130)
    except Exception as error:  # the last line of defence: a message, never a traceback
        if os.environ.get("PARAPREP_DEBUG"):
            raise
        return fail(
            f"unexpected problem ({type(error).__name__}: {error}). Nothing was lost that was "
            "already written. Run again with PARAPREP_DEBUG=1 and report the output.",
            EXIT_FAILED,
        )


def fail(message: str, code: int) -> int:
    print(f"error: {message}", file=sys.stderr)
    return code


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="paraprep",
        description="Printable, leveled, accommodated classroom materials (DOCX).",
    )
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    worksheet = commands.add_parser("worksheet", help="make a leveled worksheet packet")
    worksheet.add_argument("--topic", default="", help="what the worksheet is about")
    worksheet.add_argument("--source", help="passage file (.txt, .md, .docx, .pdf) or - for stdin")
    worksheet.add_argument(
        "--levels", required=True, help="grades, e.g. 2,5,8 (K for kindergarten)"
    )
    worksheet.add_argument("--accommodations", default="", help="ids, comma-separated")
    worksheet.add_argument("--questions", type=int, default=6, help="number of questions (3-20)")
    worksheet.add_argument("--grade", help="the class's grade, to name below-grade versions")
    worksheet.add_argument("--glossary-language", help="language for bilingual-glossary")
    worksheet.add_argument(
        "--max-revisions", type=int, default=2, help="revisions per level to reach its band (0-5)"
    )
    worksheet.add_argument(
        "--no-answer-check", action="store_true", help="skip the model's check of the questions"
    )
    worksheet.add_argument("--out", default="out", help="folder for the DOCX files (default out/)")
    add_engine_options(worksheet)
    worksheet.set_defaults(handler=run_worksheet)

    level = commands.add_parser("level", help="measure the reading level of a text")
    level.add_argument("path", help="text file (.txt, .md, .docx, .pdf) or - for stdin")
    level.add_argument("--json", action="store_true", help="print one JSON object")
    level.set_defaults(handler=run_level)

    listing = commands.add_parser("accommodations", help="list the accommodation catalogue")
    listing.add_argument("--json", action="store_true", help="print JSON")
    listing.set_defaults(handler=run_accommodations)

    evaluation = commands.add_parser(
        "eval", help="measure how well the configured model levels the built-in texts"
    )
    evaluation.add_argument("--levels", default="2,5,8", help="target grades (default 2,5,8)")
    evaluation.add_argument("--max-revisions", type=int, default=2, help="revisions per level")
    evaluation.add_argument("--limit", type=int, help="use only the first N texts")
    evaluation.add_argument("--texts", default="", help="only these texts, e.g. 01,09")
    evaluation.add_argument("--out", default="eval", help="folder for the report (default eval/)")
    add_engine_options(evaluation)
    evaluation.set_defaults(handler=run_eval)

    add_group_plan_command(commands)
    add_data_sheet_command(commands)
    add_modify_command(commands)
    from generators.cli_behavior import add_behavior_commands

    add_behavior_commands(commands)

    kinds = commands.add_parser("kinds", help="list the material kinds")
    kinds.set_defaults(handler=run_kinds)
    return parser


def add_engine_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--engine",
        choices=ENGINES,
        default=None,
        help="offline (no AI), openai (any OpenAI-compatible server), or auto (default)",
    )
    parser.add_argument("--json", action="store_true", help="print one JSON object")


def read_input(path: str) -> tuple[str, str]:
    """Read a file or stdin ('-') into text; returns (text, display name)."""
    if path == "-":
        return sources.read_text(sys.stdin.read(), name="standard input"), "standard input"
    return sources.read_source(path), Path(path).name


def progress_for(args: argparse.Namespace):
    """Progress lines go to stderr, so stdout stays one clean JSON object under --json."""
    if getattr(args, "json", False):
        return lambda _: None
    return lambda line: print(f"  {line}", file=sys.stderr)


def produce(kind: str, request, args: argparse.Namespace, model=None):
    """Generate, render and write one packet: the same three API calls for every kind."""
    model = model or from_env(args.engine)
    material = api.generate(kind, request, model, progress_for(args))
    documents = api.render(material)
    return material, documents, api.write(documents, args.out), model


def check_output_folder(path: str) -> None:
    """Fail before any model call, not after: a wrong --out must not waste a generation."""
    if Path(path).exists() and not Path(path).is_dir():
        raise InputError(f"Output path {path} is a file, not a folder: choose a folder for --out.")


def run_worksheet(args: argparse.Namespace) -> int:
    from generators.worksheet import make_request

    started = time.perf_counter()
    check_output_folder(args.out)
    source_text, source_name = read_input(args.source) if args.source else (None, None)
    request = make_request(
        topic=args.topic,
        source_text=source_text,
        source_name=source_name,
        levels=parse_levels(args.levels),
        accommodations=[a.id for a in catalogue.parse_ids(args.accommodations)],
        questions=args.questions,
        class_grade=parse_grade(args.grade) if args.grade else None,
        glossary_language=args.glossary_language,
        max_revisions=args.max_revisions,
        check_answers=not args.no_answer_check,
    )
    material, documents, paths, model = produce("worksheet", request, args)
    elapsed = time.perf_counter() - started
    if args.json:
        print(json.dumps(worksheet_summary(material, documents, paths, model, elapsed), indent=2))
    else:
        print_worksheet_summary(material, documents, paths, elapsed)
    return 0 if all(v.status != "failed" for v in material.versions) else EXIT_FAILED


def worksheet_summary(material, documents, paths, model, elapsed: float) -> dict:
    return {
        "kind": material.kind,
        "title": material.title,
        "engine": material.engine.model_dump(),
        "files": [
            {
                "path": str(path),
                "role": document.role,
                "level": document.level,
                "print_check": list(document.checks),
            }
            for document, path in zip(documents, paths, strict=True)
        ],
        "versions": [
            {
                "target": version.target,
                "measured": version.measured.grade if version.measured else None,
                "range": [version.measured.low, version.measured.high]
                if version.measured
                else None,
                "status": version.status,
                "rewritten": version.rewritten,
                "revisions": version.revisions,
                "first_measured": version.first_grade,
                "facts": list(version.facts),
                "unanswerable_questions": list(version.unanswerable),
                "warnings": list(version.warnings),
                "error": version.error,
            }
            for version in material.versions
        ],
        "ledger": [entry.model_dump() for entry in material.ledger],
        "warnings": list(material.warnings),
        "usage": model.usage.as_dict(),
        "seconds": round(elapsed, 3),
    }


def print_worksheet_summary(material, documents, paths, elapsed: float) -> None:
    print(f"{material.title} — made by {material.engine.label}")
    for version in material.versions:
        measured = (
            f"measured {version.measured.grade:.1f} "
            f"({version.measured.low:.1f}-{version.measured.high:.1f})"
            if version.measured
            else "not measured"
        )
        revised = f" after {version.revisions} revision(s)" if version.revisions else ""
        print(f"  grade {grade_name(version.target)}: {measured}, {version.status}{revised}")
    for warning in material.warnings:
        print(f"  warning: {warning}")
    for document, path in zip(documents, paths, strict=True):
        print(f"  wrote {path} ({document.role})")
        for note in document.checks:
            print(f"    print check: {note}")
    print(f"  done in {elapsed:.1f} s")


def run_level(args: argparse.Namespace) -> int:
    text, name = read_input(args.path)
    estimate = api.measure_text(text)
    if args.json:
        print(json.dumps({"source": name, **estimate.model_dump()}, indent=2))
        return 0
    print(
        f"{name}: {estimate.label()} — primary formula {estimate.primary}, {estimate.words} words"
    )
    for formula, grade in estimate.scores.items():
        print(f"  {formula}: {grade:.1f}")
    if estimate.note:
        print(f"  note: {estimate.note}")
    return 0


def run_accommodations(args: argparse.Namespace) -> int:
    if args.json:
        rows = [
            {
                "id": a.id,
                "name": a.name,
                "category": a.category.value,
                "description": a.description,
                "content": a.content_effect,
                "page": a.page_effect,
            }
            for a in catalogue.CATALOGUE
        ]
        print(json.dumps(rows, indent=2))
        return 0
    for a in catalogue.CATALOGUE:
        print(f"{a.id:<22} {a.category_label:<13} {a.description}")
        print(f"{'':<22} {'':<13} page: {a.page_effect}")
    return 0


def run_eval(args: argparse.Namespace) -> int:
    from generators import evaluate

    check_output_folder(args.out)
    if args.limit is not None and args.limit < 1:
        raise InputError("--limit must be 1 or more.")
    model = from_env(args.engine)
    report = evaluate.run_eval(
        model,
        levels=parse_levels(args.levels),
        max_revisions=args.max_revisions,
        limit=args.limit,
        only=args.texts.split(","),
        progress=progress_for(args),
    )
    paths = evaluate.write_report(report, args.out)
    if args.json:
        print(json.dumps({"files": [str(p) for p in paths],
                          "bands": evaluate.band_table(report),
                          "totals": evaluate.totals(report)}, indent=2))  # fmt: skip
    else:
        print(evaluate.to_markdown(report))
        print("\n".join(f"wrote {path}" for path in paths))
    return 0


def run_kinds(_: argparse.Namespace) -> int:
    for kind in registry.kinds():
        print(f"{kind.name:<14} {kind.title}: {kind.description}")
    return 0


# --- group-plan and data-sheet ---


def add_group_plan_command(commands) -> None:
    plan = commands.add_parser(
        "group-plan", help="make a small-group plan, para run sheet and a page per student"
    )
    plan.add_argument("--objective", default="", help="the skill or objective to teach")
    plan.add_argument("--subject", default="", help="e.g. reading, math")
    plan.add_argument("--grade", default="", help="the group's grade (K or 1-12)")
    plan.add_argument("--minutes", type=int, default=20, help="lesson length (10-90, default 20)")
    plan.add_argument("--students", help="students file (CSV or JSON): codes, levels, needs")
    plan.add_argument("--group", help="codes from the students file, comma-separated (default all)")
    plan.add_argument("--source", help="lesson text or notes file (.txt, .md, .docx, .pdf)")
    plan.add_argument("--notes", help="the teacher's lesson notes, as text")
    plan.add_argument("--standard", help="the standard, quoted as given (never invented)")
    plan.add_argument("--data-sheets", action="store_true", help="a data sheet per IEP goal")
    plan.add_argument(
        "--measure", default="prompt-level", help="data sheets: prompt-level|accuracy"
    )
    plan.add_argument("--out", default="out", help="folder for the DOCX files (default out/)")
    add_engine_options(plan)
    plan.set_defaults(handler=run_group_plan)


def add_data_sheet_command(commands) -> None:
    sheet = commands.add_parser("data-sheet", help="make an IEP progress data sheet (offline)")
    sheet.add_argument("--goal", default="", help="the IEP goal, verbatim")
    sheet.add_argument("--student", default="", help="the student's code, never a name")
    sheet.add_argument("--students", help="students file: check the code, take a goal from it")
    sheet.add_argument("--goal-index", type=int, help="with --students: which goal (1, 2, ...)")
    sheet.add_argument("--trials", type=int, default=10, help="trials per session (1-30)")
    sheet.add_argument("--sessions", type=int, default=10, help="sessions on the sheet (1-30)")
    sheet.add_argument(
        "--measure",
        default="auto",
        help="auto (chosen from the goal), accuracy, prompt-level, fluency or task-analysis",
    )
    sheet.add_argument("--steps", help="task analysis: the steps, separated by ; (in order)")
    sheet.add_argument("--mastery", help="e.g. '80%% in 4 of 5 sessions'")
    sheet.add_argument("--graph", action="store_true", help="add a blank progress graph page")
    sheet.add_argument("--out", default="out", help="folder for the DOCX file (default out/)")
    sheet.add_argument("--json", action="store_true", help="print one JSON object")
    sheet.set_defaults(handler=run_data_sheet)


def choose_group(roster: list, codes: str | None) -> list:
    """The whole file, or the codes named; a name typed in place of a code is refused."""
    from generators.data_sheet import check_code

    if not codes:
        return roster
    wanted = [check_code(code, roster).lower() for code in codes.split(",") if code.strip()]
    return [student for student in roster if student.code.lower() in wanted]


def run_group_plan(args: argparse.Namespace) -> int:
    from generators.small_group import make_request
    from generators.students import load_students

    started = time.perf_counter()
    check_output_folder(args.out)
    if not args.students:
        raise InputError("Give the group's students file with --students (CSV or JSON).")
    if not args.grade.strip():
        raise InputError("Give the group's grade with --grade (K or 1-12).")
    roster = choose_group(load_students(args.students), args.group)
    source_text, source_name = read_input(args.source) if args.source else (None, None)
    request = make_request(
        objective=args.objective,
        subject=args.subject,
        grade=parse_grade(args.grade),
        students=roster,
        minutes=args.minutes,
        notes=args.notes,
        source_text=source_text,
        source_name=source_name,
        standard=args.standard,
        data_sheets=args.data_sheets,
        data_sheet_measure=args.measure,
    )
    material, documents, paths, model = produce("group-plan", request, args)
    summary = {
        "kind": material.kind,
        "engine": material.engine.model_dump(),
        "minutes": material.minutes,
        "phases": [phase.model_dump() for phase in material.phases],
        "students": [
            {"code": plan.code, "ledger": [entry.model_dump() for entry in plan.ledger]}
            for plan in material.students
        ],
        **files_summary(documents, paths, material.warnings, started),
        "usage": model.usage.as_dict(),
    }
    print_summary(summary, args.json, f"Small-group plan — made by {material.engine.label}")
    return 0


def run_data_sheet(args: argparse.Namespace) -> int:
    from generators.data_sheet import check_code, goal_from_roster, make_request
    from generators.domain.students import find_student
    from generators.models import OfflineEngine
    from generators.students import load_students

    started = time.perf_counter()
    check_output_folder(args.out)
    roster = load_students(args.students) if args.students else []
    goal, number = args.goal, None
    if roster and not goal.strip():
        student = find_student(check_code(args.student, roster), roster)
        goal, number = goal_from_roster(student, args.goal_index)
    elif args.goal_index is not None and not roster:
        raise InputError("--goal-index needs --students (the file that lists the goals).")
    request = make_request(
        goal=goal,
        student_code=args.student,
        trials=args.trials,
        sessions=args.sessions,
        measure=args.measure,
        mastery=args.mastery,
        graph=args.graph,
        students=roster,
        goal_number=number,
        steps=args.steps,
    )
    material, documents, paths, _ = produce("data-sheet", request, args, OfflineEngine())
    summary = {
        "kind": material.kind,
        "student": material.student_code,
        "trials": material.trials,
        "sessions": material.sessions,
        "measure": material.measure,
        "measure_reason": material.measure_reason,
        "mastery": material.mastery.model_dump() if material.mastery else None,
        **files_summary(documents, paths, material.warnings, started),
    }
    why = f", because {material.measure_reason}" if material.measure_reason else ""
    heading = f"IEP data sheet for {material.student_code}: {material.measure} sheet{why}"
    print_summary(summary, args.json, heading)
    return 0


def files_summary(documents, paths, warnings, started: float) -> dict:
    return {
        "files": [
            {"path": str(path), "role": document.role, "level": document.level}
            for document, path in zip(documents, paths, strict=True)
        ],
        "checks": [note for document in documents for note in document.checks],
        "warnings": list(warnings),
        "seconds": round(time.perf_counter() - started, 3),
    }


def print_summary(summary: dict, as_json: bool, heading: str) -> None:
    if as_json:
        print(json.dumps(summary, indent=2))
        return
    print(heading)
    for warning in summary["warnings"]:
        print(f"  warning: {warning}")
    for note in summary["checks"]:
        print(f"  print check: {note}")
    for entry in summary["files"]:
        print(f"  wrote {entry['path']} ({entry['role']})")
    print(f"  done in {summary['seconds']:.1f} s")


# --- modify ---


def add_modify_command(commands) -> None:
    modify = commands.add_parser(
        "modify", help="rework an existing assignment for a student's accommodations"
    )
    modify.add_argument("--assignment", required=True, help="the assignment (.docx .pdf .txt .md)")
    modify.add_argument("--accommodations", default="", help="ids, comma-separated")
    modify.add_argument("--student", help="a student's code from --students; adds their profile")
    modify.add_argument("--students", help="students file (CSV or JSON); names never leave here")
    modify.add_argument("--key", help='answer key for multiple choice, e.g. "7:c,8:c"')
    modify.add_argument("--key-file", help="answer key file, one item:letter per line or comma")
    modify.add_argument("--keep", help="fewer-items: the item numbers to keep, e.g. 1,3,5")
    modify.add_argument("--terms", help='key terms to highlight, e.g. "equivalent, simplify"')
    modify.add_argument("--level", help="below-grade-text: target grade (default: the student's)")
    modify.add_argument("--out", default="out", help="folder for the DOCX files (default out/)")
    add_engine_options(modify)
    modify.set_defaults(handler=run_modify)


def run_modify(args: argparse.Namespace) -> int:
    from generators import assignment as assignments
    from generators.modify import make_request
    from generators.students import load_students

    started = time.perf_counter()
    check_output_folder(args.out)
    roster = load_students(args.students) if args.students else []
    assignment = assignments.load(args.assignment)
    key = ",".join(
        part
        for part in (args.key, sources.read_source(args.key_file) if args.key_file else None)
        if part
    )
    request = make_request(
        assignment,
        accommodations=[a.id for a in catalogue.parse_ids(args.accommodations)],
        student_code=args.student,
        caseload=roster,
        key_text=key or None,
        keep_text=args.keep,
        reading_level=parse_grade(args.level) if args.level else None,
        terms_text=args.terms,
    )
    material, documents, paths, model = produce("modify", request, args)
    summary = {
        "kind": material.kind,
        "title": material.title,
        "engine": material.engine.model_dump(),
        "student": material.student_code,
        "summary": assignment.summary(),
        "items": [
            {
                "original": item.number,
                "student_copy": result.number,
                "changes": list(result.changes),
            }
            for item, result in zip(assignment.items, material.items, strict=True)
        ],
        "ledger": [entry.model_dump() for entry in material.ledger],
        **files_summary(documents, paths, material.warnings, started),
        "usage": model.usage.as_dict(),
    }
    heading = [f"{material.title} — made by {material.engine.label}"]
    heading.append(f"  found: {summary['summary']}")
    for entry in material.ledger:
        state = "applied    " if entry.applied else "NOT APPLIED"
        heading.append(f"  {state} {entry.name} [{entry.category}]: {entry.detail}")
    print_summary(summary, args.json, "\n".join(heading))
    return 0


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
