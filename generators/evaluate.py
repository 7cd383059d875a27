"""`paraprep eval`: how well does the configured model level passages? Measured, not hoped.

Runs the built-in set of source texts (generators/eval_texts/, several subjects, grades 3-10)
through the real leveled-worksheet path at several target levels, and reports per grade band the
share of versions within ±1 grade before and after revision, facts dropped and added,
questions the passage could not support, schema failures, calls, tokens and wall time. A school
can run it against its own model to see what it is getting.
"""

from __future__ import annotations

import csv
import io
import json
import time
from collections.abc import Callable, Iterable
from dataclasses import asdict, dataclass
from pathlib import Path

from generators import api, quiz_eval
from generators.domain.levels import grade_name
from generators.errors import InputError, ParaPrepError
from generators.models.base import Model
from generators.textwork import split_title
from generators.worksheet import make_request

TEXTS_DIR = Path(__file__).resolve().parent / "eval_texts"
BANDS = (("K-3", 0, 3), ("4-5", 4, 5), ("6-8", 6, 8), ("9-12", 9, 12))
DEFAULT_LEVELS = (2, 5, 8)


@dataclass(frozen=True)
class EvalText:
    file: str
    subject: str
    source_grade: int
    title: str

    def read(self) -> str:
        return (TEXTS_DIR / self.file).read_text(encoding="utf-8")


@dataclass(frozen=True)
class Row:
    """One version of one text at one target level."""

    text: str
    subject: str
    source_grade: int
    target: int
    band: str
    status: str
    rewritten: bool
    first_grade: float | None
    final_grade: float | None
    in_band_before: bool
    in_band_after: bool
    revisions: int
    dropped_facts: int
    added_facts: int
    unanswerable: int
    error: str


@dataclass(frozen=True)
class PacketCost:
    text: str
    calls: int
    prompt_tokens: int
    completion_tokens: int
    schema_failures: int
    seconds: float
    error: str


@dataclass(frozen=True)
class Report:
    engine: str
    levels: tuple[int, ...]
    max_revisions: int
    rows: tuple[Row, ...]
    packets: tuple[PacketCost, ...]
    quiz: tuple = ()  # quiz_eval.QuizRow per text and level, when the quiz was evaluated


def load_texts(limit: int | None = None, only: Iterable[str] = ()) -> list[EvalText]:
    """The built-in texts, optionally only those whose file name starts with one of `only`."""
    index = json.loads((TEXTS_DIR / "index.json").read_text(encoding="utf-8"))
    texts = [EvalText(**{k: entry[k] for k in ("file", "subject", "source_grade", "title")})
             for entry in index]  # fmt: skip
    prefixes = tuple(p.strip() for p in only if p.strip())
    if prefixes:
        texts = [text for text in texts if text.file.startswith(prefixes)]
        if not texts:
            raise InputError(f"No built-in text matches {', '.join(prefixes)}: use 01 to 12.")
    return texts[:limit] if limit else texts


def band_of(grade: int) -> str:
    return next(name for name, low, high in BANDS if low <= grade <= high)


def run_eval(
    model: Model,
    *,
    levels: Iterable[int] = DEFAULT_LEVELS,
    max_revisions: int = 2,
    limit: int | None = None,
    only: Iterable[str] = (),
    progress: Callable[[str], None] = lambda _: None,
    quiz: bool = False,
) -> Report:
    levels = tuple(sorted(set(levels)))
    rows: list[Row] = []
    packets: list[PacketCost] = []
    quiz_rows: list = []
    for text in load_texts(limit, only):
        progress(f"{text.file}: grades {', '.join(grade_name(g) for g in levels)}")
        new_rows, cost = evaluate_text(text, model, levels, max_revisions)
        rows += new_rows
        packets.append(cost)
        if quiz:
            progress(f"{text.file}: quiz")
            quiz_rows += quiz_eval.evaluate_quiz(text.file, text.title, text.read(), model, levels)
    return Report(model.info.label, levels, max_revisions, tuple(rows), tuple(packets),
                  tuple(quiz_rows))  # fmt: skip


def evaluate_text(
    text: EvalText, model: Model, levels: tuple[int, ...], max_revisions: int
) -> tuple[list[Row], PacketCost]:
    before = model.usage.as_dict()
    started = time.perf_counter()
    body = "\n\n".join(split_title(text.read())[1])
    request = make_request(
        topic=text.title, source_text=body, levels=levels, max_revisions=max_revisions
    )
    try:
        material = api.generate("worksheet", request, model)
        error = ""
    except ParaPrepError as failure:  # a whole packet failing is a finding, not a crash
        material, error = None, str(failure)
    seconds = time.perf_counter() - started
    after = model.usage.as_dict()
    cost = PacketCost(
        text=text.file,
        calls=after["calls"] - before["calls"],
        prompt_tokens=after["prompt_tokens"] - before["prompt_tokens"],
        completion_tokens=after["completion_tokens"] - before["completion_tokens"],
        schema_failures=after["schema_failures"] - before["schema_failures"],
        seconds=round(seconds, 3),
        error=error,
    )
    if material is None:
        return [failed_row(text, target, error) for target in levels], cost
    return [to_row(text, version) for version in material.versions], cost


def to_row(text: EvalText, version) -> Row:
    final = version.measured.grade if version.measured else None
    return Row(
        text=text.file,
        subject=text.subject,
        source_grade=text.source_grade,
        target=version.target,
        band=band_of(version.target),
        status=version.status,
        rewritten=version.rewritten,
        first_grade=version.first_grade,
        final_grade=final,
        in_band_before=within(version.first_grade, version.target),
        in_band_after=version.status == "in-band",
        revisions=version.revisions,
        dropped_facts=len(version.dropped_facts),
        added_facts=len(version.added_facts),
        unanswerable=len(version.unanswerable),
        error=version.error or "",
    )


def failed_row(text: EvalText, target: int, error: str) -> Row:
    return Row(text.file, text.subject, text.source_grade, target, band_of(target), "failed",
               False, None, None, False, False, 0, 0, 0, 0, error)  # fmt: skip


def within(grade: float | None, target: int) -> bool:
    return grade is not None and abs(grade - target) <= 1


# --- Report ---


def share(count: int, total: int) -> str:
    return f"{100 * count / total:.0f}% ({count}/{total})" if total else "-"


def band_table(report: Report) -> list[dict[str, str]]:
    table = []
    for name, _, _ in BANDS:
        rows = [row for row in report.rows if row.band == name]
        if not rows:
            continue
        table.append(
            {
                "Band": name,
                "Versions": str(len(rows)),
                "Within ±1 before revision": share(sum(r.in_band_before for r in rows), len(rows)),
                "Within ±1 after revision": share(sum(r.in_band_after for r in rows), len(rows)),
                "Revisions": str(sum(r.revisions for r in rows)),
                "Facts dropped": str(sum(r.dropped_facts for r in rows)),
                "Facts added": str(sum(r.added_facts for r in rows)),
                "Unanswerable questions": str(sum(r.unanswerable for r in rows)),
                "Failed": str(sum(r.status == "failed" for r in rows)),
            }
        )
    return table


def totals(report: Report) -> dict[str, str]:
    packets = report.packets
    return {
        "Packets": str(len(packets)),
        "Failed packets": str(sum(bool(p.error) for p in packets)),
        "Model calls": str(sum(p.calls for p in packets)),
        "Prompt tokens": str(sum(p.prompt_tokens for p in packets)),
        "Completion tokens": str(sum(p.completion_tokens for p in packets)),
        "Schema failures": str(sum(p.schema_failures for p in packets)),
        "Wall time (s)": f"{sum(p.seconds for p in packets):.1f}",
    }


def markdown_table(rows: list[dict[str, str]]) -> str:
    if not rows:
        return "(no rows)\n"
    header = list(rows[0])
    lines = ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
    lines += ["| " + " | ".join(row[key] for key in header) + " |" for row in rows]
    return "\n".join(lines) + "\n"


def to_markdown(report: Report) -> str:
    levels = ", ".join(grade_name(g) for g in report.levels)
    summary = markdown_table([totals(report)])
    return (
        "# ParaPrep leveling evaluation\n\n"
        f"Engine: {report.engine}. Target grades: {levels}. "
        f"Revisions allowed per version: {report.max_revisions}.\n\n"
        "## By target grade band\n\n" + markdown_table(band_table(report)) + "\n"
        "## Cost\n\n" + summary + "\n"
        "In band = the measured grade is within ±1 of the target, on the one scale every copy "
        "uses (generators/readability.py: Spache and New Dale-Chall blended by where the text "
        "is, whatever the target). Facts = numbers "
        "and proper names of the source missing from, or invented in, the final version.\n"
    ) + quiz_section(report)


def quiz_section(report: Report) -> str:
    if not report.quiz:
        return ""
    table = markdown_table(quiz_eval.quiz_table(list(report.quiz)))
    return "\n## Quiz: items answerable per level, one correct choice\n\n" + table


def to_csv(report: Report) -> str:
    buffer = io.StringIO()
    fields = list(Row.__dataclass_fields__)
    writer = csv.DictWriter(buffer, fieldnames=fields)
    writer.writeheader()
    for row in report.rows:
        writer.writerow(asdict(row))
    return buffer.getvalue()


def write_report(report: Report, out_dir: str | Path) -> list[Path]:
    directory = Path(out_dir)
    if directory.exists() and not directory.is_dir():
        raise InputError(f"Output path {directory} is a file, not a folder.")
    directory.mkdir(parents=True, exist_ok=True)
    markdown, table = directory / "eval_report.md", directory / "eval_report.csv"
    markdown.write_text(to_markdown(report), encoding="utf-8")
    table.write_text(to_csv(report), encoding="utf-8")
    return [markdown, table]
