"""Study guide: key ideas, cut-out vocabulary cards, Frayer cards and a self-check."""

from __future__ import annotations

import streamlit as st

from generators import registry, study_guide
from generators.domain import accommodations as catalogue
from generators.domain.levels import MAX_GRADE, MIN_GRADE, grade_name
from generators.domain.students import redact_for_model  # the topic is sent to a model
from generators.domain.study_guide import MAX_FRAYER, MAX_TERMS, MIN_TERMS
from generators.errors import InputError
from generators.group_packet import plan_parts
from ui import common, forms, jobs, material, sizes

PAGE = "study-guide"
KIND = registry.get(PAGE)
LEVELS = list(range(MIN_GRADE, MAX_GRADE + 1))
FOR_LEVEL = "A reading level I choose"
FOR_STUDENTS = "Students on my caseload"


def form(audience: str, roster) -> dict:
    """The study guide's fields, each keeping its value across pages and reloads."""
    values: dict = {}
    values["topic"] = forms.text_input(PAGE, "topic", "Topic", placeholder="e.g. Coral reefs")
    values["upload"] = forms.file_uploader(
        PAGE, "upload", "Source passage: a file", common.SOURCE_TYPES
    )
    values["pasted"] = forms.text_area(
        PAGE,
        "pasted",
        "...or paste the passage here",
        height=160,
        placeholder=f"e.g. a passage of 100 to {sizes.MAX_PASSAGE_WORDS:,} words",
    )
    if audience == FOR_LEVEL:
        values["level"] = forms.selectbox(
            PAGE, "level", "Reading level (grade)", LEVELS, default=4, format_func=grade_name
        )
        values["accommodations"] = forms.multiselect(
            PAGE,
            "accommodations",
            "Accommodations",
            catalogue.ids(),
            format_func=common.accommodation_label,
        )
    else:
        values["students"], values["group"] = forms.student_picker(PAGE, roster)
        st.caption(
            "Each student gets a guide at their reading level with the accommodations "
            "on their profile."
        )
    values["terms"] = int(
        forms.number_input(
            PAGE, "terms", "Vocabulary cards", 6, min_value=MIN_TERMS, max_value=MAX_TERMS
        )
    )
    values["frayer"] = int(
        forms.number_input(
            PAGE, "frayer", "Frayer cards (hardest terms)", 0, min_value=0, max_value=MAX_FRAYER
        )
    )
    values["glossary"] = forms.text_area(
        PAGE,
        "glossary",
        "Glossary (optional): one 'term: definition' per line",
        height=100,
        placeholder="e.g. polyp: a tiny animal with a soft body",
        help="Without a model, cards use these definitions; other cards leave a labelled "
        "blank for the student to write the meaning.",
    )
    return values  # fmt: skip


def submit(values: dict, audience: str, roster) -> None:
    topic = redact_for_model(values["topic"], [saved.student for saved in roster])
    warnings = ["A student's name in the topic was replaced by their code."] * (
        topic != values["topic"]
    )
    source_text, source_name = common.read_source(values["upload"], values["pasted"])
    sizes.check_passage(source_text)
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
        material.start(
            PAGE, request, label="Making the study guide...", warnings=warnings,
            what="the study guide",
        )  # fmt: skip
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
    jobs.adopt(PAGE)  # after a reload: the job still running, with the form it came from
    left, right = material.columns()
    with left:
        audience = forms.radio(
            PAGE, "audience", "Make it for", [FOR_LEVEL, FOR_STUDENTS], horizontal=True
        )
        if audience == FOR_STUDENTS and not roster:
            common.empty_caseload_note()
        values = form(audience, roster)
        model = common.model_or_none()
        if model is not None and model.info.is_ai:
            copies = 1 if audience == FOR_LEVEL else max(len(values["students"]), 1)
            words = sizes.words(values["pasted"])
            st.caption(sizes.per_copy_estimate(copies, "1 or 2 model calls", words))
        clicked = st.button("Generate", type="primary", key=f"{PAGE}:generate")
    with right:
        if clicked:
            material.submit(PAGE, lambda: submit(values, audience, roster))
        material.show_outcome(PAGE)


main()
