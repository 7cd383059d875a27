"""What is benchmarked for each material kind: one `KindCase` entry per kind.

A new kind is benchmarked by adding one entry to `CASES`: how to build its benchmark request,
the stub responder that plays the model for it, and which documents to time when rendering.
Entries whose kind is not registered (yet) are reported as such rather than skipped silently.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from generators import api, registry
from generators.domain import accommodations as catalogue

DATA = Path(__file__).resolve().parents[1] / "tests" / "fixtures"
# The tests' own fixtures, so `make bench` works from a clean clone. The passage measures far
# from grades 2, 5 and 8, so every level of the worksheet is rewritten.
SOURCE = DATA / "water_cycle.txt"
ASSIGNMENT = DATA / "main_idea_assignment.txt"
LEVELS = (2, 5, 8)

Timed = tuple[str, Callable[[], object]]  # (document label, render it once)


@dataclass(frozen=True)
class KindCase:
    kind: str  # the registry name
    packet: str  # what one benchmark packet is, e.g. "3-level worksheet"
    request: Callable[[], Any]  # the benchmark packet's request
    # The stub responder playing the model; None when the kind makes no model call, or when
    # there is no scripted model for it yet (then `model_note` says so in the table)
    responder: Callable[[], Callable[[dict], Any]] | None
    model_note: str = ""
    # (label, request) pairs whose materials are rendered for the DOCX timings
    render_requests: Callable[[], list[tuple[str, Any]]] = lambda: []
    documents: Callable[[Any], list[Timed]] = field(
        default=lambda material: all_documents(material)
    )
    # Revise loop: a request with at most n revisions per level, or None when the kind has none
    with_revisions: Callable[[Any, int], Any] | None = None
    # A responder whose first drafts miss (so the revise loop has work), or None
    missed_drafts: Callable[[], Callable[[dict], Any]] | None = None
    # Further packets for the ratio: (label, request) pairs, e.g. with an optional step off
    variants: Callable[[], list[tuple[str, Any]]] = lambda: []

    @property
    def registered(self) -> bool:
        return any(kind.name == self.kind for kind in registry.kinds())


def all_documents(material: Any) -> list[Timed]:
    """Fallback for a kind without per-document hooks: time its whole render."""
    return [("all documents", lambda: api.render(material))]


# --- Leveled worksheet ---


def worksheet_request(**extra: Any) -> Any:
    from generators.sources import read_source
    from generators.worksheet import make_request

    return make_request(
        source_text=read_source(SOURCE), source_name=SOURCE.name, levels=LEVELS, **extra
    )


def worksheet_render_requests() -> list[tuple[str, Any]]:
    """The plain packet, and the heaviest layout: every accommodation in the catalogue."""
    every = worksheet_request(
        accommodations=catalogue.ids(), glossary_language="Spanish", class_grade=5
    )
    return [("standard", worksheet_request()), ("all accommodations", every)]


def worksheet_documents(material: Any) -> list[Timed]:
    from generators.render import worksheet as render

    first = next(i for i, v in enumerate(material.versions) if v.status != "failed")
    return [
        ("student copy", lambda: render.render_student(material, first, material.versions[first])),
        ("teacher copy", lambda: render.render_teacher(material)),
    ]


def worksheet_responder() -> Callable[[dict], Any]:
    from paraprep_testing.worksheet_stub import worksheet_responder as responder

    return responder


def worksheet_with_revisions(request: Any, revisions: int) -> Any | None:
    """The revise loop's budget, when the request has one (issue 3); else None."""
    if "max_revisions" not in type(request).model_fields:
        return None
    return request.model_copy(update={"max_revisions": revisions})


def worksheet_missed_drafts() -> Callable[[dict], Any]:
    """A model whose first rewrite of every level hands back the source as written (grade 9+,
    out of band at 2, 5 and 8) and whose revision (its prompt holds the <draft>) gets it right."""
    from generators import textwork
    from generators.sources import read_source

    responder = worksheet_responder()
    title, paragraphs = textwork.split_title(read_source(SOURCE))

    def answer(body: dict) -> Any:
        asks_passage = body["response_format"]["json_schema"]["name"] == "Passage"
        if asks_passage and "<draft>" not in body["messages"][-1]["content"]:
            return {"title": title or "The Water Cycle", "paragraphs": paragraphs}
        return responder(body)

    return answer


def worksheet_variants() -> list[tuple[str, Any]]:
    """The packet without the per-level answer check, when the request can turn it off."""
    request = worksheet_request()
    if "check_answers" not in type(request).model_fields:
        return []
    return [("answer check off", request.model_copy(update={"check_answers": False}))]


CASES: list[KindCase] = [
    KindCase(
        kind="worksheet",
        packet="3-level worksheet (grades 2, 5, 8)",
        request=worksheet_request,
        responder=worksheet_responder,
        render_requests=worksheet_render_requests,
        documents=worksheet_documents,
        with_revisions=worksheet_with_revisions,
        missed_drafts=worksheet_missed_drafts,
        variants=worksheet_variants,
    ),
]


# --- Small-group plan ---

# Four students as a teacher's students file would list them (codes only; names stay local).
GROUP_CSV = """code,grade,reading_level,accommodations,goals
Student A,3,2,large-print;fewer-items,Will state the main idea of a paragraph in 4 of 5 trials.
Student B,3,3,sentence-starters;word-bank;read-aloud,
Student C,3,4,,
Student D,3,3,chunking;extended-time,Will answer wh- questions with 80% accuracy.
"""


def group_request() -> Any:
    from generators import small_group
    from generators.sources import read_source
    from generators.students import parse_students

    return small_group.make_request(
        objective="Find the main idea of a paragraph and two supporting details",
        subject="reading",
        grade=3,
        students=parse_students(GROUP_CSV, "bench students"),
        source_text=read_source(SOURCE),
        source_name=SOURCE.name,
    )


def group_responder() -> Callable[[dict], Any]:
    from paraprep_testing.small_group_stub import plan_responder

    return plan_responder


def group_documents(material: Any) -> list[Timed]:
    from generators.render import small_group as render

    return [
        ("plan", lambda: render.render_plan(material)),
        ("run sheet", lambda: render.render_run_sheet(material)),
        ("student page", lambda: render.render_student(material, material.students[0])),
    ]


# --- IEP progress data sheet (no model) ---


def data_sheet_request() -> Any:
    from generators import data_sheet

    return data_sheet.make_request(
        goal="Student A will state the main idea of a paragraph in 4 of 5 trials.",
        student_code="Student A",
        trials=10,
        sessions=10,
        graph=True,
    )


def data_sheet_documents(material: Any) -> list[Timed]:
    from generators.render import data_sheet as render

    return [("data sheet (10 sessions, graph)", lambda: render.render_data_sheet(material))]


# --- Modify an assignment ---


def modify_request() -> Any:
    from generators import assignment, modify

    every = [a for a in catalogue.ids() if a != "below-grade-text"]  # that one needs a model
    parsed = assignment.parse_text(ASSIGNMENT.read_text(encoding="utf-8"), ASSIGNMENT.name, "txt")
    return modify.make_request(parsed, accommodations=every)


def modify_responder() -> Callable[[dict], Any]:
    from paraprep_testing.modify_stub import responder

    return responder


def modify_documents(material: Any) -> list[Timed]:
    from generators.render import modify as render

    return [
        ("student copy", lambda: render.StudentCopy(material).build()),
        ("teacher copy", lambda: render.TeacherCopy(material).build()),
    ]


CASES += [
    KindCase(
        kind="group-plan",
        packet="small-group plan, 4 students",
        request=group_request,
        responder=group_responder,
        documents=group_documents,
    ),
    KindCase(
        kind="data-sheet",
        packet="IEP data sheet",
        request=data_sheet_request,
        responder=None,  # makes no model call
        documents=data_sheet_documents,
    ),
    KindCase(
        kind="modify",
        packet="modified assignment, every accommodation",
        request=modify_request,
        responder=modify_responder,
        documents=modify_documents,
    ),
]


def available() -> list[KindCase]:
    return [case for case in CASES if case.registered]


def missing() -> list[KindCase]:
    return [case for case in CASES if not case.registered]
