"""One realistic packet per material kind and print profile, offline and through the stub model.

The Word-readiness tests (schema, fonts, page labels) run over every kind in the registry; a
kind without an entry in CASES fails them with a message saying to add one here. Inputs are
real-length texts from tests/fixtures/ (a 290-word passage, a 9-question assignment), and each
profile's request also turns on the accommodations that add layout (word bank, lettered steps,
chunking, checkpoints, organizers), so every kind of paragraph and table gets printed.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from generators.domain import accommodations as catalogue

FIXTURES = Path(__file__).resolve().parent / "fixtures"
PASSAGE = FIXTURES / "water_cycle.txt"
ASSIGNMENT = FIXTURES / "main_idea_assignment.txt"
SESSIONS = FIXTURES / "sessions_caseload.csv"  # progress data with a student column
PROFILES = ("standard", "large-print", "dyslexia-friendly")
# Everything that changes layout but not the print profile (below-grade-text needs a model)
LAYOUT = tuple(
    a for a in catalogue.ids() if a not in ("large-print", "dyslexia-friendly", "below-grade-text")
)


def with_profile(profile: str, *, model: bool) -> tuple[str, ...]:
    extra = ("below-grade-text",) if model else ()
    return (*([] if profile == "standard" else [profile]), *LAYOUT, *extra)


@dataclass(frozen=True)
class KindCase:
    # (label, request) for each print profile the kind can print in
    requests: Callable[[bool], list[tuple[str, Any]]]  # model path? -> requests
    responder: Callable[[], Callable[[dict], Any]] | None  # the stub model; None: no model call
    # `paraprep <kind> --students FILE ...` options for copies per student (kinds that make them)
    caseload_args: tuple[str, ...] = ()


def worksheet_requests(model: bool) -> list[tuple[str, Any]]:
    from generators.worksheet import make_request

    text = PASSAGE.read_text(encoding="utf-8")

    def request(accommodations: tuple[str, ...]) -> Any:
        return make_request(
            source_text=text,
            source_name=PASSAGE.name,
            levels=(2, 5, 8),
            accommodations=accommodations,
            glossary_language="Spanish",
        )

    plain = [("standard, no accommodations", request(()))]
    return plain + [(p, request(with_profile(p, model=model))) for p in PROFILES]


def worksheet_responder() -> Callable[[dict], Any]:
    from worksheet_stub import worksheet_responder as responder

    return responder


def modify_requests(model: bool) -> list[tuple[str, Any]]:
    from generators import assignment, modify
    from generators.students import parse_students

    parsed = assignment.parse_text(ASSIGNMENT.read_text(encoding="utf-8"), ASSIGNMENT.name, "txt")
    roster = parse_students(GROUP_CSV, "test students")
    caseload = modify.make_request(parsed, student_code="Student B", caseload=roster)
    return [("caseload copy, Student B's profile", caseload)] + [
        (p, modify.make_request(parsed, accommodations=with_profile(p, model=model)))
        for p in PROFILES
    ]


def modify_responder() -> Callable[[dict], Any]:
    from modify_stub import responder

    return responder


# Four students, one per profile plus one without accommodations (codes only, as the app sends)
GROUP_CSV = (
    "code,grade,reading_level,accommodations,goals\n"
    "Student A,3,2,large-print;fewer-items;sentence-starters;word-bank;simplified-directions;"
    "chunking;breaks,Will state the main idea of a paragraph in 4 of 5 trials.\n"
    "Student B,3,3,dyslexia-friendly;word-bank;graphic-organizer;visual-supports;"
    "highlight-key-terms;larger-answer-space,\n"
    "Student C,3,4,,\n"
    "Student D,3,3,extra-spacing;simplified-directions;word-bank;read-aloud;extended-time,"
    "Will answer wh- questions with 80% accuracy.\n"
)


def group_requests(model: bool) -> list[tuple[str, Any]]:
    from generators import small_group
    from generators.students import parse_students

    request = small_group.make_request(
        objective="Find the main idea of a paragraph and two supporting details",
        subject="reading",
        grade=3,
        students=parse_students(GROUP_CSV, "test students"),
        source_text=PASSAGE.read_text(encoding="utf-8"),
        source_name=PASSAGE.name,
    )
    return [("students in all three profiles", request)]


def group_responder() -> Callable[[dict], Any]:
    from small_group_stub import plan_responder

    return plan_responder


def data_sheet_requests(model: bool) -> list[tuple[str, Any]]:
    from generators import data_sheet

    goal = (
        "Given a grade-level paragraph, Student A will state the main idea and two supporting "
        "details with no more than one verbal prompt in 4 of 5 consecutive sessions."
    )
    return [
        (
            f"standard ({measure})",
            data_sheet.make_request(
                goal=goal, student_code="Student A", trials=10, sessions=10, graph=True,
                measure=measure, mastery="80% over 4 of 5 consecutive sessions",
            ),
        )
        for measure in ("prompt-level", "accuracy")
    ] + [
        ("standard (fluency)", data_sheet.make_request(
            goal="Given a grade 2 passage, Student A will read 60 words correct per minute.",
            student_code="Student A", measure="auto", mastery="60 wcpm in 3 of 4 probes")),
        ("standard (task analysis)", data_sheet.make_request(
            goal="Student A will complete the hand-washing routine.", student_code="Student A",
            measure="auto", steps="Turn on the water; Wet hands; Get soap; Scrub for 20 "
            "seconds; Rinse; Turn off the water; Dry hands", mastery="80% in 4 of 5 sessions")),
    ]  # fmt: skip


BEHAVIOR_DEFINITION = (
    "Leaving the assigned seat or work area without permission: bottom off the chair for 3 "
    "seconds or more, or both feet outside the carpet square during group. Not counted: getting "
    "up when told to, or to use a break card."
)
BEHAVIOR_TIMING = {
    "interval": {"start": "09:00", "end": "09:15", "interval_seconds": 10},
    "time-sampling": {"start": "10:00", "end": "11:00", "interval_seconds": 60},
    "scatterplot": {"start": "08:00", "end": "15:00", "interval_seconds": 1800},
}


def behavior_requests(model: bool) -> list[tuple[str, Any]]:
    from generators.behavior_sheet import make_request
    from generators.domain.behavior import METHODS

    return [
        (f"standard ({method})", make_request(method=method, student_code="Student A",
                                              behavior="Out of seat",
                                              definition=BEHAVIOR_DEFINITION,
                                              **BEHAVIOR_TIMING.get(method, {})))
        for method in METHODS
    ]  # fmt: skip


def graph_requests(model: bool) -> list[tuple[str, Any]]:
    from generators.progress_graph import make_request

    data = "date,percent,phase\n" + "".join(
        f"2026-09-{day:02d},{value},{phase}\n"
        for day, value, phase in [(8, 20, "Baseline"), (10, 30, "Baseline"), (12, 25, "Baseline"),
                                  (15, 40, "Intervention"), (17, 55, "Intervention"),
                                  (19, 70, "Intervention"), (22, 80, "Intervention"),
                                  (24, 85, "Intervention"), (26, 90, "Intervention")]
    )  # fmt: skip
    goal = "Student A will read CVC words with 80% accuracy in 4 of 5 sessions."
    request = make_request(data_text=data, student_code="Student A", aim=80, goal=goal,
                           mastery="80% in 4 of 5 sessions")  # fmt: skip
    return [("standard", request)]


def visual_requests(model: bool) -> list[tuple[str, Any]]:
    from generators.visual import make_request

    return [
        ("standard (schedule)", make_request(type="schedule", student_code="Student A",
                                             items="Morning meeting, Reading, Wash hands, "
                                             "Lunch, Recess, Occupational therapy")),
        ("standard (first-then)", make_request(type="first-then", student_code="Student A",
                                               items="Math worksheet, iPad")),
        ("standard (token board)", make_request(type="token-board", student_code="Student A",
                                                tokens=5, reward="Legos")),
    ]  # fmt: skip


def social_story_requests(model: bool) -> list[tuple[str, Any]]:
    from generators.social_story import make_request

    return [("large print", make_request(topic="a fire drill", student_code="Student A"))]


def quiz_requests(model: bool) -> list[tuple[str, Any]]:
    from generators.quiz import make_request

    text = PASSAGE.read_text(encoding="utf-8")

    def request(accommodations: tuple[str, ...]) -> Any:
        return make_request(source_text=text, source_name=PASSAGE.name, levels=(3, 6), items=8,
                            accommodations=accommodations, class_grade=6)  # fmt: skip

    plain = [("standard, no accommodations", request(()))]
    return plain + [(p, request(with_profile(p, model=model))) for p in PROFILES]


def study_guide_requests(model: bool) -> list[tuple[str, Any]]:
    from generators.study_guide import make_request

    text = PASSAGE.read_text(encoding="utf-8")

    def request(accommodations: tuple[str, ...]) -> Any:
        return make_request(source_text=text, source_name=PASSAGE.name, level=5, terms=6,
                            frayer=2, accommodations=accommodations, class_grade=6)  # fmt: skip

    plain = [("standard, no accommodations", request(()))]
    return plain + [(p, request(with_profile(p, model=model))) for p in PROFILES]


def quiz_responder() -> Callable[[dict], Any]:
    from quiz_stub import quiz_responder as responder

    return responder


CASES: dict[str, KindCase] = {
    "worksheet": KindCase(
        worksheet_requests, worksheet_responder, ("--source", str(PASSAGE), "--questions", "6")
    ),
    "modify": KindCase(
        modify_requests,
        modify_responder,
        ("--assignment", str(ASSIGNMENT), "--accommodations", "chunking"),
    ),
    "group-plan": KindCase(
        group_requests,
        group_responder,
        (
            "--objective",
            "Find the main idea of a paragraph and two supporting details",
            "--subject",
            "reading",
            "--grade",
            "3",
            "--source",
            str(PASSAGE),
            "--data-sheets",
        ),
    ),
    "data-sheet": KindCase(data_sheet_requests, None, ("--graph",)),
    "behavior-sheet": KindCase(
        behavior_requests,
        None,
        ("--method", "abc", "--behavior", "Out of seat", "--definition", BEHAVIOR_DEFINITION),
    ),
    "graph": KindCase(
        graph_requests,
        None,
        ("--data", str(SESSIONS), "--aim", "80", "--goal", "Reads CVC words with 80% accuracy."),
    ),
    "visual": KindCase(visual_requests, None, ("--type", "first-then", "--items", "Math, iPad")),
    "social-story": KindCase(social_story_requests, None, ("--topic", "a fire drill")),
    "quiz": KindCase(quiz_requests, quiz_responder, ("--source", str(PASSAGE), "--items", "8")),
    "study-guide": KindCase(
        study_guide_requests, quiz_responder, ("--source", str(PASSAGE), "--frayer", "2")
    ),
}
