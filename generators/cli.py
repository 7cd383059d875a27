"""`paraprep`: the command line over the same API the app uses.

Every error a user can cause prints one line starting "error:" and exits non-zero; no traceback
reaches the terminal (set PARAPREP_DEBUG=1 to see one when reporting a bug).
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import sys
import time
from collections.abc import Sequence
from functools import partial
from pathlib import Path

from generators import api, registry, sources
from generators.domain import accommodations as catalogue
from generators.domain.levels import parse_levels
from generators.errors import InputError, ParaPrepError
from generators.kinds import _cli
from generators.models import ENGINES, OfflineEngine, from_env, stopping
from generators.registry import Made, MaterialKind
from generators.students import load_students

EXIT_USAGE = 2
EXIT_FAILED = 1


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    try:
        with stopping.stop_on_interrupt():  # Ctrl-C cancels model calls and exits within 2 s
            return args.handler(args)
    except KeyboardInterrupt:
        stopping.announce()
        return 130
    except BrokenPipeError:  # `paraprep level f | head -1`: the reader left, nothing is wrong
        return quiet_broken_pipe()
    except ParaPrepError as error:
        if stopping.is_stopped():
            stopping.announce()
            return 130
        message = error.render(flags_of(parser, args.command))
        return fail(message, EXIT_USAGE if isinstance(error, InputError) else EXIT_FAILED)
    except Exception as error:  # the last line of defence: a message, never a traceback
        if os.environ.get("PARAPREP_DEBUG"):
            raise
        return fail(
            f"unexpected problem ({type(error).__name__}: {error}). Nothing was lost that was "
            "already written. Run again with PARAPREP_DEBUG=1 and report the output.",
            EXIT_FAILED,
        )
    finally:
        stopping.resume()


def quiet_broken_pipe() -> int:
    """Point stdout at devnull so Python's own flush at exit does not complain again."""
    with contextlib.suppress(OSError, ValueError):
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
    return 0


def flags_of(parser: argparse.ArgumentParser, command: str):
    """An error's field as this command's flag (field "goal_index" -> --goal-index), when the
    command has that flag; otherwise the error names the field in words."""
    commands = next(a for a in parser._actions if isinstance(a, argparse._SubParsersAction))
    flags = {
        action.dest: action.option_strings[-1]
        for action in commands.choices[command]._actions
        if action.option_strings
    }
    return flags.get


def fail(message: str, code: int) -> int:
    print(f"error: {message}", file=sys.stderr)
    return code


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="paraprep",
        description="Printable, leveled, accommodated classroom materials (DOCX).",
    )
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    for kind in registry.kinds():
        if kind.cli is not None:
            add_kind_command(commands, kind)

    level = commands.add_parser("level", help="measure the reading level of texts")
    level.add_argument(
        "paths", nargs="+", metavar="PATH",
        help="text files (.txt, .md, .docx, .pdf), folders of them, or - for stdin",
    )  # fmt: skip
    level.add_argument("--json", action="store_true", help="print a JSON list, one object a file")
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

    kinds = commands.add_parser("kinds", help="list the material kinds")
    kinds.set_defaults(handler=run_kinds)
    return parser


def add_kind_command(commands, kind: MaterialKind) -> None:
    """`paraprep <kind>`: the kind's own arguments plus the ones every kind shares."""
    sub = commands.add_parser(kind.name, help=kind.cli.help)
    kind.cli.add_arguments(sub)
    if kind.makes_copies:
        sub.add_argument("--students", help="students file (CSV or JSON); names never leave here")
        sub.add_argument("--group", help="codes from the students file, comma-separated")
    sub.add_argument("--out", default="out", help="folder for the DOCX files (default out/)")
    if kind.uses_model:
        add_engine_options(sub)
    else:
        sub.add_argument("--json", action="store_true", help="print one JSON object")
    sub.set_defaults(handler=partial(run_kind, kind))


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
    return _cli.read_input(path)


def progress_for(args: argparse.Namespace):
    """Progress lines go to stderr, so stdout stays one clean JSON object under --json."""
    if getattr(args, "json", False):
        return lambda _: None
    return lambda line: print(f"  {line}", file=sys.stderr)


def model_for(kind: MaterialKind, args: argparse.Namespace):
    return from_env(args.engine) if kind.uses_model else OfflineEngine()


def check_output_folder(path: str) -> None:
    """Fail before any model call, not after: a wrong --out must not waste a generation."""
    if Path(path).exists() and not Path(path).is_dir():
        raise InputError(f"Output path {path} is a file, not a folder: choose a folder for --out.")


def run_kind(kind: MaterialKind, args: argparse.Namespace) -> int:
    """Request, generate, render, write, summarise: the same API calls for every kind."""
    started = time.perf_counter()
    check_output_folder(args.out)
    students_file = getattr(args, "students", None)
    if getattr(args, "group", None) and not students_file:
        raise InputError("--group needs --students (the file that lists the students).")
    roster = load_students(students_file) if students_file else []
    if roster and kind.cli.copy_fields is not None and kind.cli.per_student(args):
        return run_caseload(kind, args, roster, started)
    request = kind.cli.make_request(args, roster)
    model = model_for(kind, args)
    material = api.generate(kind.name, request, model, progress_for(args))
    documents = api.render(material)
    paths = api.write(documents, args.out)
    made = Made(material, documents, paths, model, started)
    summary = kind.cli.summarize(made)
    if args.json:
        print(json.dumps(summary, indent=2))
    else:
        print("\n".join(kind.cli.report(made, summary)))
    return 0 if kind.cli.succeeded(material) else EXIT_FAILED


def run_caseload(kind: MaterialKind, args: argparse.Namespace, roster: list, started) -> int:
    """--students without one student: a copy for each student in the file (or --group)."""
    fields = kind.cli.copy_fields(args)
    chosen = _cli.choose_group(roster, args.group)
    model = model_for(kind, args)
    packet = api.make_for_students(
        kind.name, chosen, fields, roster=roster, model=model, progress=progress_for(args)
    )
    paths = api.write(packet.documents, args.out)
    summary = {
        "kind": kind.name,
        "title": packet.title,
        "students": list(packet.codes),
        "engine": packet.materials[0].engine.model_dump(),
        "files": [
            {
                "path": str(path),
                "role": document.role,
                "level": document.level,
                "title": document.title,
            }
            for document, path in zip(packet.documents, paths, strict=True)
        ],
        "checks": [note for document in packet.documents for note in document.checks],
        "warnings": list(packet.warnings),
        "usage": model.usage.as_dict(),
        "seconds": round(time.perf_counter() - started, 3),
    }
    if args.json:
        print(json.dumps(summary, indent=2))
    else:
        heading = f"{packet.title} — made by {packet.materials[0].engine.label}"
        print("\n".join(_cli.standard_report(heading, summary)))
    return 0


def run_level(args: argparse.Namespace) -> int:
    """Measure one text (details) or many (a table, or --json a list in the order given)."""
    paths = level_paths(args.paths)
    if len(paths) == 1 and not args.json:
        text, name = read_input(paths[0])
        print_level_details(name, api.measure_text(text))
        return 0
    rows = [level_row(path) for path in paths]
    if args.json:
        print(json.dumps(rows, indent=2))
    else:
        print_level_table(rows)
    return EXIT_FAILED if any(row["grade"] is None for row in rows) else 0


def level_paths(given: list[str]) -> list[str]:
    """Files as given; a folder stands for its readable files, sorted by name."""
    paths: list[str] = []
    for path in given:
        folder = Path(path)
        if path != "-" and folder.is_dir():
            found = sorted(
                str(p) for p in folder.iterdir() if p.suffix.lower() in sources.SUPPORTED_SUFFIXES
            )
            if not found:
                raise InputError(f"{path} holds no .txt, .md, .docx or .pdf file to measure.")
            paths += found
        else:
            paths.append(path)
    return paths


def level_row(path: str) -> dict:
    """One file's measurement; a file that cannot be measured gets a note, not a traceback."""
    try:
        text, _ = read_input(path)
        estimate = api.measure_text(text)
    except ParaPrepError as error:
        return {"path": path, "grade": None, "low": None, "high": None, "scores": {},
                "words": 0, "note": str(error)}  # fmt: skip
    return {
        "path": path,
        "grade": estimate.grade,
        "low": estimate.low,
        "high": estimate.high,
        "scores": estimate.scores,
        "words": estimate.words,
        "note": estimate.note,
    }


def print_level_details(name: str, estimate) -> None:
    print(f"{name}: {estimate.label()} — {estimate.primary}, {estimate.words} words")
    for formula, grade in estimate.scores.items():
        print(f"  {formula}: {grade:.1f}")
    if estimate.note:
        print(f"  note: {estimate.note}")


def print_level_table(rows: list[dict]) -> None:
    width = max(len(row["path"]) for row in rows)
    print(f"{'file':<{width}}  grade  range      words  note")
    for row in rows:
        if row["grade"] is None:
            print(f"{row['path']:<{width}}  {'-':>5}  {'-':<9}  {'-':>5}  {row['note']}")
            continue
        span = f"{row['low']:.1f}-{row['high']:.1f}"
        note = row["note"] or ""
        print(f"{row['path']:<{width}}  {row['grade']:>5.1f}  {span:<9}  {row['words']:>5}  {note}")


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


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
