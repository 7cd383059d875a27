"""Study guide: key ideas, cut-out vocabulary cards, Frayer cards and a self-check."""

from __future__ import annotations

import streamlit as st

from generators import registry, study_guide
from generators.domain import accommodations as catalogue
from generators.domain.levels import MAX_GRADE, MIN_GRADE, grade_name
from generators.domain.students import redact
from generators.domain.study_guide import MAX_FRAYER, MAX_TERMS, MIN_TERMS
from generators.errors import InputError
from generators.group_packet import plan_parts
from ui import common, material

PAGE = "study-guide"
KIND = registry.get(PAGE)
LEVELS = list(range(MIN_GRADE, MAX_GRADE + 1))
FOR_LEVEL = "A reading level I choose"
FOR_STUDENTS = "Students on my caseload"


def form(audience: str, roster) -> dict | None:
    with st.form("study-guide"):
        topic = st.text_input("Topic", placeholder="Coral reefs")
        upload = st.file_uploader("Source passage: a file", type=common.SOURCE_TYPES)
        pasted = st.text_area(
            "...or paste the passage here", height=160, placeholder="Paste a passage of 100+ words"
        )
        values: dict = {"topic": topic, "upload": upload, "pasted": pasted}
        if audience == FOR_LEVEL:
            values["level"] = st.selectbox(
                "Reading level (grade)", LEVELS, index=4, format_func=grade_name
            )
            values["accommodations"] = st.multiselect(
                "Accommodations", catalogue.ids(), format_func=common.accommodation_label
            )
        else:
            values["students"], values["group"] = common.student_picker(roster, PAGE)
            st.caption(
                "Each student gets a guide at their reading level with the accommodations "
                "on their profile."
            )
        values["terms"] = int(
            st.number_input("Vocabulary cards", min_value=MIN_TERMS, max_value=MAX_TERMS, value=6)
        )
        values["frayer"] = int(
            st.number_input(
                "Frayer cards (hardest terms)", min_value=0, max_value=MAX_FRAYER, value=0
            )
        )
        values["glossary"] = st.text_area(
            "Glossary (optional): one 'term: definition' per line",
            height=100,
            help="Without a model, cards use these definitions; other cards leave a labelled "
            "blank for the student to write the meaning.",
        )
        if not st.form_submit_button("Generate", type="primary"):
            return None
    return values


def submit(values: dict, audience: str, roster) -> None:
    topic = redact(values["topic"], [saved.student for saved in roster])
    warnings = ["A student's name in the topic was replaced by their code."] * (
        topic != values["topic"]
    )
    source_text, source_name = common.read_source(values["upload"], values["pasted"])
    glossary = values["glossary"].strip() or None
    if audience == FOR_LEVEL:
        request = study_guide.make_request(
            topic=topic,
            source_text=source_text,
            source_name=source_name,
            level=values["level"],
            terms=values["terms"],
            frayer=values["frayer"],
            glossary_text=glossary,
            accommodations=values["accommodations"],
        )
        material.start(PAGE, request, label="Making the study guide...", warnings=warnings)
        return
    chosen = common.chosen_students(roster, values["students"], values["group"])
    if not chosen:
        raise InputError("Choose at least one student or a group.")
    plan_parts([saved.student for saved in chosen])  # a missing level fails now
    fields = {
        "topic": topic,
        "source_text": source_text,
        "source_name": source_name,
        "terms": values["terms"],
        "frayer": values["frayer"],
        "glossary_text": glossary,
    }
    material.start_for_students(
        PAGE, chosen, fields, roster=roster, label="Making the study guides...", warnings=warnings
    )


def main() -> None:
    st.title(KIND.title)
    st.caption(KIND.description)
    common.engine_banner()
    roster = common.caseload()
    left, right = material.columns()
    with left:
        audience = st.radio("Make it for", [FOR_LEVEL, FOR_STUDENTS], horizontal=True)
        if audience == FOR_STUDENTS and not roster:
            common.empty_caseload_note()
        values = form(audience, roster)
    with right:
        if values is not None:
            material.submit(PAGE, lambda: submit(values, audience, roster))
        material.show_outcome(PAGE)


main()
