"""Small-group plans: a teacher/para plan, a para run sheet and one page per student.

With a model: ONE structured call writes all the content (scripts, misconceptions, exit ticket,
each student's practice at their reading level), so a packet costs one round-trip. Offline: the
same structure with everything the inputs determine filled in, and labelled blanks for what only
a model or the teacher can write. Either way the timing is computed, never written by a model,
and accommodations are applied per student from the catalogue.

Privacy: the model sees `Student.for_model()` views only, and every free text (objective,
subject, notes, source, standard) is redacted against the roster before it goes anywhere.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Iterable

from pydantic import BaseModel, ValidationError

from generators import data_sheet, prompts, textwork
from generators.domain import accommodations as catalogue
from generators.domain.common import OFFLINE_ENGINE, EngineInfo, LedgerEntry, ledger_entry
from generators.domain.data_sheet import DataSheetMaterial, check_measure
from generators.domain.levels import grade_name, level_for, writing_guide
from generators.domain.small_group import (
    DEFAULT_MINUTES,
    MAX_MINUTES,
    MAX_NOTES_CHARS,
    MAX_OBJECTIVE_CHARS,
    MAX_STANDARD_CHARS,
    MAX_STUDENTS,
    MAX_SUBJECT_CHARS,
    MIN_MINUTES,
    MIN_STUDENTS,
    PRACTICE_ITEMS,
    PlanContent,
    PracticeItem,
    SmallGroupMaterial,
    SmallGroupRequest,
    StudentPlan,
    StudentPractice,
    content_model,
    exit_ticket_minutes,
    mid_check_threshold,
    split_minutes,
)
from generators.domain.students import Student, redact, redact_for_model
from generators.errors import FIELD, InputError, ModelError
from generators.models.base import Model

Progress = Callable[[str], None]
OFFLINE_KEY_WORDS = 6


def ignore_progress(_: str) -> None:
    """Default progress sink for callers that do not show progress."""


# --- Request ---


def make_request(
    *,
    objective: str,
    subject: str,
    grade: int,
    students: Iterable[Student],
    minutes: int = DEFAULT_MINUTES,
    notes: str | None = None,
    source_text: str | None = None,
    source_name: str | None = None,
    standard: str | None = None,
    data_sheets: bool = False,
    data_sheet_measure: str = "auto",
) -> SmallGroupRequest:
    """Validate what a user typed; names typed into free text are replaced by codes here, so
    neither a prompt nor a printed page can carry them."""
    group = check_group(list(students))
    objective = required_text(objective, "objective", MAX_OBJECTIVE_CHARS, "e.g. 'find the main "
                              "idea of a paragraph and two supporting details'")  # fmt: skip
    subject = required_text(subject, "subject", MAX_SUBJECT_CHARS, "e.g. reading or math")
    level_for(grade)
    if not isinstance(minutes, int) or not MIN_MINUTES <= minutes <= MAX_MINUTES:
        raise InputError(
            f"{minutes} minutes given: a small-group lesson is {MIN_MINUTES} to {MAX_MINUTES} "
            "minutes."
        )
    notes = optional_text(notes, "notes", MAX_NOTES_CHARS)
    standard = optional_text(standard, "standard", MAX_STANDARD_CHARS)
    source = source_text.strip() if source_text and source_text.strip() else None
    fields = {"objective": objective, "subject": subject, "notes": notes,
              "source text": source, "standard": standard}  # fmt: skip
    redacted = {name: redact(text, group) if text else text for name, text in fields.items()}
    warnings = tuple(
        f"A student's name, birthdate or ID in the {name} was replaced by their code."
        for name, text in fields.items()
        if text and redacted[name] != text
    )
    return SmallGroupRequest(
        objective=redacted["objective"],
        subject=redacted["subject"],
        grade=grade,
        students=tuple(group),
        minutes=minutes,
        notes=redacted["notes"],
        source_text=redacted["source text"],
        source_name=redact(source_name, group) if source_name else None,
        standard=redacted["standard"],
        data_sheets=data_sheets,
        data_sheet_measure=check_measure(data_sheet_measure),
        warnings=warnings,
    )


def check_group(students: list[Student]) -> list[Student]:
    if not MIN_STUDENTS <= len(students) <= MAX_STUDENTS:
        raise InputError(
            f"{len(students)} students given: a small group is {MIN_STUDENTS} to {MAX_STUDENTS} "
            f"students (typically 3-6). Choose the group with {FIELD}.",
            field="group",
        )
    codes = [student.code.lower() for student in students]
    if len(set(codes)) != len(codes):
        raise InputError("Each student in the group needs a different code.")
    names = {
        part.lower()
        for student in students
        if student.name
        for part in [student.name, *student.name.split()]
    }
    for student in students:
        if student.code.lower() in names:
            raise InputError(
                f"Student code '{student.code}' is a student's name: use a pseudonym such as "
                "'Student A' in the code column (the name column stays on this machine)."
            )
    return students


def required_text(text: str, what: str, limit: int, example: str) -> str:
    value = " ".join((text or "").split())
    if not value:
        raise InputError(f"The {what} is empty: give one, {example}.")
    if len(value) > limit:
        raise InputError(f"The {what} is over {limit} characters: shorten it.")
    return value


def optional_text(text: str | None, what: str, limit: int) -> str | None:
    value = (text or "").strip()
    if len(value) > limit:
        raise InputError(f"The {what} is over {limit} characters: shorten it.")
    return value or None


# --- Generation ---


def generate(
    request: SmallGroupRequest, model: Model, progress: Progress = ignore_progress
) -> SmallGroupMaterial:
    content = None
    if model.info.is_ai:
        progress(f"Writing the plan for {len(request.students)} students (one model call)")
        codes = tuple(student.code for student in request.students)
        output = content_model(codes, request.standard)
        content = clean_content(model.generate(plan_messages(request), output))
    else:
        progress("Offline engine (no AI): timing, group and accommodations filled in; "
                 "blanks left for the content")  # fmt: skip
    return assemble(request, model.info if model.info.is_ai else OFFLINE_ENGINE, content)


def assemble(
    request: SmallGroupRequest, engine: EngineInfo, content: PlanContent | None
) -> SmallGroupMaterial:
    phases = split_minutes(request.minutes)
    key_words = key_words_for(request, content)
    by_code = {entry.student_code.strip(): entry for entry in content.practice} if content else {}
    students = tuple(
        student_plan(request, student, by_code.get(student.code), engine.is_ai, key_words)
        for student in request.students
    )
    sheets = attached_data_sheets(request) if request.data_sheets else ()
    warnings = list(request.warnings)
    if request.data_sheets and not sheets:
        warnings.append("Data sheets were asked for, but no student in the group has a goal.")
    return SmallGroupMaterial(
        objective=request.objective,
        subject=request.subject,
        grade=request.grade,
        minutes=request.minutes,
        standard=request.standard,
        source_name=request.source_name,
        notes=request.notes,
        engine=engine,
        phases=phases,
        exit_minutes=exit_ticket_minutes(phases[-1].minutes),
        mid_check_threshold=mid_check_threshold(len(students)),
        content=content,
        key_words=key_words,
        students=students,
        data_sheets=sheets,
        warnings=tuple(warnings),
    )


def key_words_for(request: SmallGroupRequest, content: PlanContent | None) -> tuple[str, ...]:
    """The model's word bank; offline, the source's rarest words (found, not invented)."""
    if content is not None:
        return tuple(dict.fromkeys(word for word in content.word_bank if word))
    if request.source_text:
        paragraphs = textwork.split_paragraphs(request.source_text)
        return tuple(textwork.rare_words(paragraphs, OFFLINE_KEY_WORDS))
    return ()


def student_plan(
    request: SmallGroupRequest,
    student: Student,
    practice: StudentPractice | None,
    is_ai: bool,
    key_words: tuple[str, ...],
) -> StudentPlan:
    chosen = set(student.accommodations)
    items = tuple(practice.items) if practice else ()
    count = fewer_items_count(PRACTICE_ITEMS) if "fewer-items" in chosen else PRACTICE_ITEMS
    level = student.reading_level if student.reading_level is not None else request.grade
    plan = StudentPlan(
        code=student.code,
        reading_level=level,
        accommodations=student.accommodations,
        ledger=(),
        practice=keep_items(items, count),
        practice_count=count,
    )
    ledger = build_ledger(request, plan, is_ai, bool(key_words))
    return plan.model_copy(update={"ledger": tuple(ledger)})


def fewer_items_count(total: int) -> int:
    """About two thirds of the items, at least two (the exit ticket is always kept)."""
    return max(2, math.ceil(total * 2 / 3))


def keep_items(items: tuple[PracticeItem, ...], count: int) -> tuple[PracticeItem, ...]:
    """Keep the first items and always the last, which the prompt asks to be the hardest."""
    if len(items) <= count:
        return items
    return (*items[: count - 1], items[-1])


def attached_data_sheets(request: SmallGroupRequest) -> tuple[DataSheetMaterial, ...]:
    """One data sheet per IEP goal per student, from the same roster (names already refused)."""
    sheets = []
    for student in request.students:
        for number, goal in enumerate(student.goals, 1):
            sheet_request = data_sheet.make_request(
                goal=goal,
                student_code=student.code,
                measure=request.data_sheet_measure,
                students=request.students,
                goal_number=number,
            )
            sheets.append(data_sheet.generate(sheet_request))
    return tuple(sheets)


# --- The ledger: what was done on each student's own copy, or why not. ---


def build_ledger(
    request: SmallGroupRequest, plan: StudentPlan, is_ai: bool, has_words: bool
) -> list[LedgerEntry]:
    entries = [
        ledger_entry(accommodation, *apply_note(accommodation.id, request, plan, is_ai, has_words))
        for accommodation in catalogue.resolve(plan.accommodations)
    ]
    below = is_ai and plan.reading_level < request.grade
    if below and "below-grade-text" not in plan.accommodations:
        entry = ledger_entry(
            catalogue.get("below-grade-text"),
            True,
            f"Not requested, recorded because this student's practice is written at their "
            f"reading level (grade {grade_name(plan.reading_level)}), below the group's grade "
            f"{grade_name(request.grade)}: for grade-level work that is a modification.",
        )
        entries.append(entry.model_copy(update={"requested": False}))
    return entries


def apply_note(
    accommodation_id: str,
    request: SmallGroupRequest,
    plan: StudentPlan,
    is_ai: bool,
    has_words: bool,
) -> tuple[bool, str]:
    """Say exactly what was done on this student's copy for one accommodation, or why not."""
    chosen = set(plan.accommodations)
    level = grade_name(plan.reading_level)
    words = "the model's word bank" if is_ai else "key words found in the source text"
    notes: dict[str, tuple[bool, str]] = {
        "large-print": (True, "Their page is printed in large print (18 pt bold)."),
        "dyslexia-friendly": (True, "Sans-serif, left aligned, no italics, 1.5 spacing"
                              + (" (within large print)." if "large-print" in chosen else ".")),
        "extra-spacing": (True, "Double line spacing on their page."),
        "chunking": (True, "Two practice items per page; the exit ticket on its own page."),
        "simplified-directions": (True, "Directions as short numbered steps; same task."),
        "read-aloud": (True, "The adult reads the directions, items and exit ticket aloud "
                       "(on the run sheet); not the answers."),
        "highlight-key-terms": (
            (True, f"Key words ({words}) printed in bold"
             + (" wherever they appear in the practice and exit ticket." if is_ai else
                " in a 'key words' line at the top of their page."))
            if has_words else
            (False, "Not applied: the offline engine has no key words without a source text. "
             "Underline them by hand.")
        ),
        "visual-supports": (True, "An action cue (READ, WRITE) heads each section. No pictures "
                            "are added: add them by hand if the IEP needs them."),
        "bilingual-glossary": (False, "Not applied: the students file gives no home language. "
                               "Add translations by hand."),
        "graphic-organizer": (True, "A 'think it through' organizer before the exit ticket."),
        "larger-answer-space": (True, "Twice the writing lines after every item."),
        "sentence-starters": (True, "A starter at the start of each answer space"
                              + (" that does not give the answer away." if is_ai else
                                 " (general starters from the offline engine).")),
        "word-bank": (
            (True, f"Word bank of {words} on their page.") if has_words else
            (False, "Not filled: the offline engine has no key words without a source text; a "
             "labelled blank word-bank box is printed for the adult to fill in.")
        ),
        "extended-time": (True, "Allow 1.5x for practice and the exit ticket (on the run sheet)."),
        "breaks": (True, "A break checkpoint before the exit ticket on their page."),
        "small-group-setting": (True, f"{catalogue.ALREADY_MET} this lesson is taught "
                                "in a small group."),
        "reduced-choices": (False, "Not applied: the practice and exit ticket have no "
                            "multiple-choice items."),
        "fewer-items": (True, f"{plan.practice_count} of {PRACTICE_ITEMS} practice items on "
                        "their page, the hardest kept; the exit ticket is kept, so the "
                        "objective is still assessed."),
        "below-grade-text": (
            (False, "Not applied: the offline engine (no AI) writes no practice text; write the "
             "items at a lower level by hand.") if not is_ai else
            (True, f"Practice written at their reading level, grade {level}, below the group's "
             f"grade {grade_name(request.grade)}.") if plan.reading_level < request.grade else
            (False, f"Not needed: their reading level (grade {level}) is not below the group's "
             "grade, so nothing easier was written. Add a lower reading_level to apply it.")
        ),
    }  # fmt: skip
    return notes[accommodation_id]


# --- Messages to the model ---


def plan_messages(request: SmallGroupRequest):
    """Only redacted text and `for_model()` views reach the prompt (redacted again, in case a
    request was built by hand rather than through make_request)."""
    roster = request.students

    def safe(text: str | None) -> str | None:
        return redact_for_model(text, roster) if text else text

    phases = split_minutes(request.minutes)
    materials = []
    if request.notes:
        materials.append(f"Teacher's lesson notes:\n{safe(request.notes)}")
    if request.source_text:
        materials.append(f"Lesson text:\n{safe(request.source_text)}")  # no file name: it
        # could hold a name that redaction's word boundaries miss (maria_notes.txt)
    return prompts.messages(
        "small_group",
        objective=safe(request.objective),
        subject=safe(request.subject),
        grade=grade_name(request.grade),
        minutes=request.minutes,
        phases=[(phase.name, phase.minutes) for phase in phases],
        exit_minutes=exit_ticket_minutes(phases[-1].minutes),
        standard=safe(request.standard),
        students=[student_line(student, request.grade) for student in roster],
        items=PRACTICE_ITEMS,
        source=prompts.delimit("\n\n".join(materials)) if materials else None,
    )


def student_line(student: Student, grade: int) -> dict:
    """The model's view of one student, with the level to write their practice at."""
    view = student.for_model()
    level = student.reading_level if student.reading_level is not None else grade
    return {
        "code": view["code"],
        "level": grade_name(level),
        "guide": writing_guide(level).words_per_sentence
        + " words per sentence; "
        + writing_guide(level).vocabulary,
        "accommodations": ", ".join(view["accommodations"]) or "none",
    }


# --- Cleaning every model string before it can reach a page ---


def clean_content(content: PlanContent) -> PlanContent:
    """Strip markup and control characters from every string, keeping the validated shape."""
    data = clean_value(content.model_dump())
    try:
        return PlanContent.model_validate(data)
    except ValidationError as error:
        raise ModelError(
            "The model's plan was left with empty parts once markup was removed "
            f"({error.errors()[0]['msg'].removeprefix('Value error, ')}). Try again."
        ) from error


def clean_value(value):
    if isinstance(value, str):
        return textwork.clean(value)
    if isinstance(value, list):
        return [clean_value(item) for item in value]
    if isinstance(value, dict):
        return {key: clean_value(item) for key, item in value.items()}
    if isinstance(value, BaseModel):
        return clean_value(value.model_dump())
    return value
