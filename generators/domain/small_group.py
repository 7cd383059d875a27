"""The small-group plan: its request, the timing, what a model writes, and the material.

The timing is arithmetic, so it is computed here from the minutes and never asked of a model:
warm-up, I do and we do take fixed shares and you do (with the exit ticket) takes the rest, so
the phases always add up to exactly the time given. A model only writes the content (objective
wording, scripts, misconceptions, practice); validators below hold it to the plan's shape, and a
validator's message goes back to the model once.
"""

from __future__ import annotations

import re
from typing import ClassVar, Literal

from pydantic import BaseModel, Field, model_validator

from generators.domain.common import EngineInfo, Frozen, LedgerEntry
from generators.domain.data_sheet import DataSheetMaterial, Measure
from generators.domain.students import Student

MIN_MINUTES, MAX_MINUTES, DEFAULT_MINUTES = 10, 90, 20
MIN_STUDENTS, MAX_STUDENTS = 1, 6
PRACTICE_ITEMS = 4
MIN_MISCONCEPTIONS = 3
MAX_OBJECTIVE_CHARS = 300
MAX_NOTES_CHARS = 4000
MAX_STANDARD_CHARS = 300
MAX_SUBJECT_CHARS = 40

PhaseName = Literal["Warm-up", "I do", "We do", "You do"]
# Shares of the lesson; "You do" (practice, then the exit ticket) takes what is left.
PHASE_SHARES: tuple[tuple[PhaseName, float], ...] = (
    ("Warm-up", 0.15),
    ("I do", 0.25),
    ("We do", 0.30),
)
SORT = ("Got it", "Almost", "Re-teach")
# The run sheet is one printed page for up to six students, at 10 pt: what it prints is capped
# here and asked for in prompts/small_group.system.j2 with the same numbers, never cut when
# rendered. Measured through LibreOffice (tests/test_print_budgets.py) with every cap at its limit.
MAX_SCRIPT_WORDS = 20  # per line: what a para can glance at and say while teaching
RUN_SHEET_LISTS = {"i_do_script": 6, "we_do_script": 6, "prompts": 5}  # most lines in each
MAX_SCRIPT_LINES = max(RUN_SHEET_LISTS.values())
MAX_SORT_WORDS = 20  # each exit-ticket pile's description (got_it, almost, reteach)
MAX_CHECK_WORDS = 30  # the mid-lesson check question and its if_not_yet
MAX_GOAL_WORDS = 20  # student_goal, the run sheet's first line


class Phase(Frozen):
    name: PhaseName
    start: int  # minutes from the start of the lesson
    minutes: int

    @property
    def end(self) -> int:
        return self.start + self.minutes


def half_up(value: float) -> int:
    """Round .5 up: Python's round() rounds halves to even, which would make 2.5 minutes 2."""
    return int(value + 0.5)


def split_minutes(minutes: int) -> tuple[Phase, ...]:
    """Warm-up, I do, we do, you do; every phase at least a minute, the total exactly `minutes`."""
    phases: list[Phase] = []
    start = 0
    for name, share in PHASE_SHARES:
        length = max(1, half_up(minutes * share))
        phases.append(Phase(name=name, start=start, minutes=length))
        start += length
    phases.append(Phase(name="You do", start=start, minutes=minutes - start))
    if phases[-1].minutes < 1 or sum(p.minutes for p in phases) != minutes:
        raise ValueError(f"cannot split {minutes} minutes into four phases")
    return tuple(phases)


def exit_ticket_minutes(you_do: int) -> int:
    """The exit ticket's part of you do: a third of it, 1 to 5 minutes."""
    return max(1, min(5, you_do // 3))


def mid_check_threshold(group_size: int) -> int:
    """How many must get the mid-lesson check right to move on: 80% of the group, rounded up."""
    return max(1, -(-group_size * 4 // 5))


# --- What a model writes. Strict JSON schema: every field required. ---

_STANDARD_CODE = re.compile(
    r"\b(?:CCSS|Common Core|TEKS|NGSS|SOL|B\.E\.S\.T\.)\b"
    r"|\b[A-Z]{1,4}\.(?:K|\d{1,2})\.\d{1,2}[a-z]?\b"  # RL.3.1, RF.2.3b
    r"|\b(?:K|\d{1,2})\.[A-Z]{1,4}(?:\.[A-Z])?\.\d{1,2}[a-z]?\b"  # 3.OA.A.1, K.CC.4
)


class Misconception(BaseModel):
    misconception: str = Field(description="What a student wrongly thinks or does.")
    looks_like: str = Field(description="What the adult will see or hear when it happens.")
    adult_move: str = Field(description="What the adult does or says about it, in plain words.")


class PracticeItem(BaseModel):
    prompt: str = Field(description="The practice item as the student reads it.")
    answer: str = Field(description="The answer for the adult's key.")
    starter: str = Field(description="A sentence starter that does not give the answer away.")


class StudentPractice(BaseModel):
    student_code: str = Field(description="The student's code exactly as given, e.g. Student A.")
    items: list[PracticeItem]


class MidCheck(BaseModel):
    question: str = Field(description="One quick question every student answers mid-lesson.")
    answer: str
    if_not_yet: str = Field(description="What the adult does when too few get it right.")


class ExitTicket(BaseModel):
    question: str = Field(description="One item on the hardest case of today's skill.")
    answer: str
    starter: str = Field(description="A sentence starter that does not give the answer away.")
    got_it: str = Field(description="What a Got it answer looks like.")
    almost: str = Field(description="What an Almost answer looks like (the usual slip).")
    reteach: str = Field(description="What a Re-teach answer looks like.")


class PlanContent(BaseModel):
    """One call writes the whole plan's content; the timing is never the model's to choose."""

    objective: str = Field(description="The objective, measurable: what students do, how well.")
    student_goal: str = Field(description="The objective for students: 'I can ...'.")
    prerequisite: str = Field(description="The skill students need before this lesson.")
    materials: list[str]
    warm_up: str = Field(description="What the group does in the warm-up.")
    i_do_script: list[str] = Field(description="What the adult says and does to model, in order.")
    we_do_script: list[str] = Field(description="Guided practice steps the adult leads, in order.")
    you_do: str = Field(description="What students do on their own pages.")
    prompts: list[str] = Field(description="Prompts for a stuck student, least help first.")
    misconceptions: list[Misconception]
    look_fors: list[str] = Field(description="What the adult watches for while students work.")
    mid_check: MidCheck
    exit_ticket: ExitTicket
    word_bank: list[str] = Field(description="3-8 key words students may need.")
    next_steps: list[str] = Field(description="Regrouping and what to teach next.")
    practice: list[StudentPractice]

    # Set per request on a subclass (see `content_model`); the base class checks shape only.
    expected_codes: ClassVar[tuple[str, ...]] = ()
    items_per_student: ClassVar[int] = PRACTICE_ITEMS
    allowed_standard: ClassVar[str | None] = None

    @model_validator(mode="after")
    def check_shape(self) -> PlanContent:
        if len(self.misconceptions) < MIN_MISCONCEPTIONS:
            raise ValueError(
                f"give at least {MIN_MISCONCEPTIONS} misconceptions, each with an adult_move"
            )
        for number, item in enumerate(self.misconceptions, 1):
            if not (item.misconception.strip() and item.adult_move.strip()):
                raise ValueError(f"misconception {number} needs its text and an adult_move")
        for name in ("i_do_script", "we_do_script", "prompts", "look_fors", "materials"):
            lines = [line for line in getattr(self, name) if line.strip()]
            if not lines:
                raise ValueError(f"{name} must not be empty")
            most = RUN_SHEET_LISTS.get(name)
            if most and len(lines) > most:
                raise ValueError(f"{name}: at most {most} short lines (the run sheet is one page)")
            long = [n for n, line in enumerate(lines, 1) if len(line.split()) > MAX_SCRIPT_WORDS]
            if name in RUN_SHEET_LISTS and long:
                raise ValueError(
                    f"{name}: line {long[0]} is over {MAX_SCRIPT_WORDS} words; split or shorten "
                    "it (the para reads it aloud while teaching)"
                )
        if not self.exit_ticket.question.strip():
            raise ValueError("exit_ticket.question must hold the hardest-case item")
        too_long = over_word_caps(self)
        if too_long:
            raise ValueError(f"{too_long}: shorten it (the run sheet is one page)")
        return self

    @model_validator(mode="after")
    def check_request_fit(self) -> PlanContent:
        """Per-request checks: every student's practice present, and no invented standard."""
        if not self.expected_codes:
            return self
        given = [entry.student_code.strip() for entry in self.practice]
        missing = [code for code in self.expected_codes if code not in given]
        extra = [code for code in given if code not in self.expected_codes]
        if missing or extra or len(given) != len(set(given)):
            raise ValueError(
                "practice must hold exactly one entry per student code "
                f"({', '.join(self.expected_codes)}); missing: {', '.join(missing) or 'none'}; "
                f"unexpected or repeated: {', '.join(extra) or 'none'}"
            )
        for entry in self.practice:
            if len(entry.items) != self.items_per_student:
                raise ValueError(
                    f"practice for {entry.student_code}: give exactly "
                    f"{self.items_per_student} items"
                )
        invented = invented_standard(self, self.allowed_standard)
        if invented:
            raise ValueError(
                f"do not name any standard or standard code ({invented}): "
                + ("only the one the teacher gave" if self.allowed_standard else "none was given")
            )
        return self


def over_word_caps(content: PlanContent) -> str | None:
    """The first run-sheet text longer than its cap, named with its cap, or None."""
    ticket, check = content.exit_ticket, content.mid_check
    capped = [
        ("student_goal", content.student_goal, MAX_GOAL_WORDS),
        ("exit_ticket.got_it", ticket.got_it, MAX_SORT_WORDS),
        ("exit_ticket.almost", ticket.almost, MAX_SORT_WORDS),
        ("exit_ticket.reteach", ticket.reteach, MAX_SORT_WORDS),
        ("mid_check.question", check.question, MAX_CHECK_WORDS),
        ("mid_check.if_not_yet", check.if_not_yet, MAX_CHECK_WORDS),
    ]
    for name, text, most in capped:
        if len(text.split()) > most:
            return f"{name} is over {most} words"
    return None


def invented_standard(content: BaseModel, allowed: str | None) -> str | None:
    """A standard code the model wrote that the teacher did not give, or None."""
    text = content.model_dump_json()
    for match in _STANDARD_CODE.finditer(text):
        if not (allowed and match.group(0).lower() in allowed.lower()):
            return match.group(0)
    return None


def content_model(
    codes: tuple[str, ...], standard: str | None, items: int = PRACTICE_ITEMS
) -> type[PlanContent]:
    """The output model for one request. Same name and schema as PlanContent; its validators
    also know the group's codes and whether a standard was given, so a reply missing a student
    or inventing a standard code is sent back to the model with the reason."""
    return type(
        "PlanContent",
        (PlanContent,),
        {
            "__module__": __name__,
            "expected_codes": codes,
            "allowed_standard": standard,
            "items_per_student": items,
        },
    )


# --- Request and material ---


class SmallGroupRequest(Frozen):
    """Built by `generators.small_group.make_request`; free text is already redacted."""

    objective: str
    subject: str
    grade: int
    students: tuple[Student, ...]
    minutes: int = DEFAULT_MINUTES
    notes: str | None = None
    source_text: str | None = None
    source_name: str | None = None
    standard: str | None = None
    data_sheets: bool = False
    data_sheet_measure: Measure | Literal["auto"] = "auto"  # auto: from each goal's wording
    warnings: tuple[str, ...] = ()


class StudentPlan(Frozen):
    """One student's part of the plan: their code, needs, ledger and own practice items."""

    code: str
    reading_level: int  # the level their practice is written at
    accommodations: tuple[str, ...]
    ledger: tuple[LedgerEntry, ...]
    practice: tuple[PracticeItem, ...] = ()  # empty offline: the page has labelled blanks
    practice_count: int  # items (or blanks) on their page, after fewer-items


class SmallGroupMaterial(Frozen):
    kind: Literal["group-plan"] = "group-plan"
    objective: str  # as the teacher gave it (redacted)
    subject: str
    grade: int
    minutes: int
    standard: str | None
    source_name: str | None
    notes: str | None = None  # the teacher's own notes (redacted), shown on the plan only
    engine: EngineInfo
    phases: tuple[Phase, ...]
    exit_minutes: int
    mid_check_threshold: int
    content: PlanContent | None  # None from the offline engine: the documents show blanks
    key_words: tuple[str, ...] = ()  # the model's word bank, or words from the source offline
    students: tuple[StudentPlan, ...]
    data_sheets: tuple[DataSheetMaterial, ...] = ()
    warnings: tuple[str, ...] = ()

    @model_validator(mode="after")
    def check_timing(self) -> SmallGroupMaterial:
        total = sum(phase.minutes for phase in self.phases)
        if total != self.minutes:
            raise ValueError(f"phases add up to {total} minutes, not {self.minutes}")
        if self.exit_minutes >= self.phases[-1].minutes and self.phases[-1].minutes > 1:
            raise ValueError("the exit ticket must leave time for practice in you do")
        return self
