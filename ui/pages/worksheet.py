"""Leveled worksheet: one passage at the levels you choose, or a copy for each student you pick."""

from __future__ import annotations

import streamlit as st

from generators import group_packet, registry, worksheet
from generators.domain import accommodations as catalogue
from generators.domain.levels import MAX_GRADE, MIN_GRADE, grade_name
from generators.domain.students import redact
from generators.domain.worksheet import MAX_QUESTIONS, MIN_QUESTIONS
from generators.errors import InputError
from ui import common, material

PAGE = "worksheet"
KIND = registry.get(PAGE)
LEVELS = list(range(MIN_GRADE, MAX_GRADE + 1))
FOR_LEVELS = "Reading levels I choose"
FOR_STUDENTS = "Students on my caseload"


def form(audience: str, roster) -> dict | None:
    with st.form("worksheet"):
        topic = st.text_input(
            "Topic",
            placeholder="The water cycle",
            help="Needed when you give no source text: a model then writes an original passage.",
        )
        upload = st.file_uploader("Source passage: a file", type=common.SOURCE_TYPES)
        pasted = st.text_area(
            "...or paste the passage here", height=180, placeholder="Paste a passage of 100+ words"
        )
        values: dict = {"topic": topic, "upload": upload, "pasted": pasted}
        if audience == FOR_LEVELS:
            values["levels"] = st.multiselect(
                "Reading levels (grades): one student copy per level",
                LEVELS,
                default=[3, 5],
                format_func=grade_name,
            )
            values["accommodations"] = st.multiselect(
                "Accommodations (for every copy)",
                catalogue.ids(),
                format_func=common.accommodation_label,
            )
            values["class_grade"] = st.selectbox(
                "Class grade (optional)",
                [None, *LEVELS],
                format_func=common.grade_option,
                help="Versions written below the class grade are recorded as a modification.",
            )
        else:
            values["students"], values["group"] = common.student_picker(roster, PAGE)
            st.caption(
                "Each student gets a copy at their reading level with the accommodations on "
                "their profile; students with the same needs share documents."
            )
        values["questions"] = int(
            st.number_input("Questions", min_value=MIN_QUESTIONS, max_value=MAX_QUESTIONS, value=6)
        )
        values["language"] = st.text_input(
            "Glossary language (only for the bilingual glossary)", placeholder="Spanish"
        )
        if not st.form_submit_button("Generate", type="primary"):
            return None
    return values


def submit(values: dict, audience: str, roster) -> None:
    students = [saved.student for saved in roster]
    topic = redact(values["topic"], students)
    warnings = ["A student's name in the topic was replaced by their code."] * (
        topic != values["topic"]
    )
    source_text, source_name = common.read_source(values["upload"], values["pasted"])
    if audience == FOR_LEVELS:
        request = worksheet.make_request(
            topic=topic,
            source_text=source_text,
            source_name=source_name,
            levels=values["levels"],
            accommodations=values["accommodations"],
            questions=values["questions"],
            class_grade=values["class_grade"],
            glossary_language=values["language"],
        )
        material.start(PAGE, request, label="Making the worksheet...", warnings=warnings)
        return
    chosen = common.chosen_students(roster, values["students"], values["group"])
    if not chosen:
        raise InputError("Choose at least one student or a group.")
    group_packet.plan_parts([saved.student for saved in chosen])  # a missing level fails now
    fields = {"topic": topic, "source_text": source_text, "source_name": source_name,
              "questions": values["questions"],
              "glossary_language": values["language"]}  # fmt: skip
    material.start_for_students(PAGE, chosen, fields, roster=roster,
                                label="Making the worksheets...", warnings=warnings)  # fmt: skip


def main() -> None:
    st.title(KIND.title)
    st.caption(KIND.description)
    common.engine_banner()
    roster = common.caseload()
    left, right = material.columns()
    with left:
        audience = st.radio("Make it for", [FOR_LEVELS, FOR_STUDENTS], horizontal=True)
        if audience == FOR_STUDENTS and not roster:
            common.empty_caseload_note()
        values = form(audience, roster)
    with right:
        if values is not None:
            material.submit(PAGE, lambda: submit(values, audience, roster))
        material.show_outcome(PAGE)


main()
