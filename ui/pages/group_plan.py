"""Small-group plan: a teacher/para plan, a para run sheet and a page per student, timed."""

from __future__ import annotations

from collections import Counter
from textwrap import shorten

import streamlit as st

from generators import registry, small_group
from generators.domain.data_sheet import AUTO, MEASURES
from generators.domain.levels import MAX_GRADE, MIN_GRADE, grade_name
from generators.domain.small_group import (
    DEFAULT_MINUTES,
    MAX_MINUTES,
    MAX_STUDENTS,
    MIN_MINUTES,
)
from generators.errors import InputError
from ui import common, forms, jobs, material, sizes, wording

PAGE = "group-plan"
KIND = registry.get(PAGE)
LEVELS = list(range(MIN_GRADE, MAX_GRADE + 1))


def group_grade(roster, picked: list[int], group: int | None) -> int | None:
    """The class grade most of the chosen students are in (None when no one has one)."""
    grades = [saved.student.grade for saved in common.chosen_students(roster, picked, group)]
    grades = [grade for grade in grades if grade is not None]
    return Counter(grades).most_common(1)[0][0] if grades else None


def default_grade_from_group(roster, picked: list[int], group: int | None) -> None:
    """When the chosen students change, the grade follows them (it can still be changed)."""
    choice, last = (tuple(picked), group), st.session_state.get(f"{PAGE}:graded-for")
    st.session_state[f"{PAGE}:graded-for"] = choice
    if last is None or last == choice:  # a new session keeps the grade its draft had
        return
    grade = group_grade(roster, picked, group)
    if grade is not None and grade in LEVELS:
        forms.fill(PAGE, {"grade": grade})


def form(roster) -> dict:
    values: dict = {}
    values["students"], values["group"] = forms.student_picker(PAGE, roster)
    default_grade_from_group(roster, values["students"], values["group"])
    st.caption(f"A small group is 1 to {MAX_STUDENTS} students.")
    values["objective"] = forms.text_input(
        PAGE,
        "objective",
        "Objective: what students will do",
        placeholder="e.g. find the main idea and two details",
    )
    left, middle, right = st.columns(3)
    values["subject"] = forms.text_input(
        PAGE, "subject", "Subject", placeholder="e.g. reading", where=left
    )
    values["grade"] = forms.selectbox(
        PAGE,
        "grade",
        "Grade",
        LEVELS,
        default=3,
        format_func=grade_name,
        help="The group's class grade: set from the chosen students, change it if you need.",
        where=middle,
    )
    values["minutes"] = int(
        forms.number_input(
            PAGE,
            "minutes",
            "Minutes",
            DEFAULT_MINUTES,
            min_value=MIN_MINUTES,
            max_value=MAX_MINUTES,
            where=right,
        )
    )
    values["standard"] = forms.text_input(
        PAGE,
        "standard",
        "Standard (optional, printed as you write it)",
        placeholder="e.g. RI.3.2",
    )
    values["notes"] = forms.text_area(PAGE, "notes", "Your lesson notes (optional)", height=100)
    values["upload"] = forms.file_uploader(
        PAGE, "upload", "Lesson text (optional): a file", common.SOURCE_TYPES
    )
    values["pasted"] = forms.text_area(
        PAGE, "pasted", "...or paste the lesson text here", height=100
    )
    values["data_sheets"] = forms.checkbox(
        PAGE, "data_sheets", "Add an IEP data sheet for each student's goals"
    )
    values["measure"] = forms.selectbox(
        PAGE,
        "measure",
        "Data sheets record",
        [AUTO, *MEASURES],
        default=AUTO,
        format_func=wording.MEASURE_LABELS.get,
        help="Each goal's own sheet: a fluency goal gets a fluency sheet, a goal with steps a "
        "task analysis.",
    )
    return values


def submit(values: dict, roster) -> None:
    chosen = common.chosen_students(roster, values["students"], values["group"])
    if not chosen:
        raise InputError("Choose the students in the group (or a saved group).")
    source_text, source_name = common.read_source(values["upload"], values["pasted"])
    sizes.check_passage(source_text, "lesson text")
    request = small_group.make_request(
        objective=values["objective"],
        subject=values["subject"],
        grade=values["grade"],
        students=[saved.student for saved in chosen],
        minutes=values["minutes"],
        notes=values["notes"],
        source_text=source_text,
        source_name=source_name,
        standard=values["standard"],
        data_sheets=values["data_sheets"],
        data_sheet_measure=values["measure"],
    )
    codes = ", ".join(saved.code for saved in chosen)
    material.start(
        PAGE,
        request,
        label="Making the small-group plan...",
        student_ids=[saved.id for saved in chosen],
        warnings=request.warnings,
        title=f"{request.subject.capitalize()}: {short(request.objective)} ({codes})",
        what="the small-group plan",
    )


def main() -> None:
    st.title(KIND.title)
    st.caption(KIND.description)
    common.engine_banner(
        "It builds the plan's structure, timing and student pages, and leaves labelled blanks "
        "for what only a model or you can write. Connect a model (see Settings) to fill them."
    )
    roster = common.caseload()
    jobs.adopt(PAGE)  # after a reload: the job still running, with the form it came from
    left, right = material.columns()
    with left:
        if not roster:
            common.empty_caseload_note()
        values = form(roster)
        model = common.model_or_none()
        if model is not None and model.info.is_ai:
            st.caption(
                sizes.per_copy_estimate(1, "1 model call", sizes.words(values["pasted"])).replace(
                    "for each of 1 copy", "for the plan"
                )
            )
        clicked = st.button("Generate", type="primary", key=f"{PAGE}:generate")
    with right:
        if clicked:
            material.submit(PAGE, lambda: submit(values, roster))
        material.show_outcome(PAGE)


def short(text: str) -> str:
    """Whole words in a title: one cut mid-word reads as a typo."""
    return shorten(text, 80, placeholder=" …")


main()
