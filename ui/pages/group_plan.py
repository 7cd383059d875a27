"""Small-group plan: a teacher/para plan, a para run sheet and a page per student, timed."""

from __future__ import annotations

import streamlit as st

from generators import registry, small_group
from generators.domain.data_sheet import MEASURES
from generators.domain.levels import MAX_GRADE, MIN_GRADE, grade_name
from generators.domain.small_group import (
    DEFAULT_MINUTES,
    MAX_MINUTES,
    MAX_STUDENTS,
    MIN_MINUTES,
)
from generators.errors import InputError
from ui import common, material

PAGE = "group-plan"
KIND = registry.get(PAGE)
LEVELS = list(range(MIN_GRADE, MAX_GRADE + 1))
MEASURE_LABELS = {
    "prompt-level": "Prompt level (I, G, V, M, PP, FP, NR)",
    "accuracy": "Accuracy (+ / -)",
}


def form(roster) -> dict | None:
    with st.form(PAGE):
        values: dict = {}
        values["students"], values["group"] = common.student_picker(roster, PAGE)
        st.caption(f"A small group is 1 to {MAX_STUDENTS} students.")
        values["objective"] = st.text_input(
            "Objective: what students will do",
            placeholder="find the main idea of a paragraph and two supporting details",
        )
        left, middle, right = st.columns(3)
        values["subject"] = left.text_input("Subject", placeholder="reading")
        values["grade"] = middle.selectbox(
            "Grade", LEVELS, index=3, format_func=grade_name, help="The group's class grade."
        )
        values["minutes"] = int(
            right.number_input(
                "Minutes", min_value=MIN_MINUTES, max_value=MAX_MINUTES, value=DEFAULT_MINUTES
            )
        )
        values["standard"] = st.text_input(
            "Standard (optional, printed as you write it)", placeholder="RI.3.2"
        )
        values["notes"] = st.text_area("Your lesson notes (optional)", height=100)
        values["upload"] = st.file_uploader(
            "Lesson text (optional): a file", type=common.SOURCE_TYPES
        )
        values["pasted"] = st.text_area("...or paste the lesson text here", height=100)
        values["data_sheets"] = st.checkbox("Add an IEP data sheet for each student's goals")
        values["measure"] = st.selectbox(
            "Data sheets record",
            list(MEASURES),
            index=MEASURES.index("prompt-level"),
            format_func=lambda m: MEASURE_LABELS.get(m, m),
        )
        if not st.form_submit_button("Generate", type="primary"):
            return None
    return values


def submit(values: dict, roster) -> None:
    chosen = common.chosen_students(roster, values["students"], values["group"])
    if not chosen:
        raise InputError("Choose the students in the group (or a saved group).")
    source_text, source_name = common.read_source(values["upload"], values["pasted"])
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
        title=f"{request.subject.capitalize()}: {request.objective[:80]} ({codes})",
    )


def main() -> None:
    st.title(KIND.title)
    st.caption(KIND.description)
    common.engine_banner(
        "It builds the plan's structure, timing and student pages, and leaves labelled blanks "
        "for what only a model or you can write. Connect a model (see Settings) to fill them."
    )
    roster = common.caseload()
    left, right = material.columns()
    with left:
        if not roster:
            common.empty_caseload_note()
        values = form(roster)
    with right:
        if values is not None:
            material.submit(PAGE, lambda: submit(values, roster))
        material.show_outcome(PAGE)


main()
