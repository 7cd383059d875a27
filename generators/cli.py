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
    model = from_env(args.engine)
    progress = (lambda _: None) if args.json else (lambda line: print(f"  {line}", file=sys.stderr))
    material = api.generate("worksheet", request, model, progress)
    documents = api.render(material)
    paths = api.write(documents, args.out)
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
    progress = (lambda _: None) if args.json else (lambda line: print(f"  {line}", file=sys.stderr))
    report = evaluate.run_eval(
        model,
        levels=parse_levels(args.levels),
        max_revisions=args.max_revisions,
        limit=args.limit,
        only=args.texts.split(","),
        progress=progress,
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
