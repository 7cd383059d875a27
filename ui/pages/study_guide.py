"""Study guide: key ideas, cut-out vocabulary cards, Frayer cards and a self-check."""

from __future__ import annotations

import streamlit as st

from generators import study_guide
from generators.domain import accommodations as catalogue
from generators.domain.levels import MAX_GRADE, MIN_GRADE, grade_name
from generators.domain.study_guide import MAX_FRAYER, MAX_TERMS, MIN_TERMS
from generators.errors import InputError
from generators.group_packet import plan_parts
from ui import common, forms, material, passage, sizes

PAGE = "study-guide"
LEVELS = list(range(MIN_GRADE, MAX_GRADE + 1))
FOR_LEVEL = "A reading level I choose"


def form(audience: str, roster) -> dict:
    """The study guide's fields, each keeping its value across pages and reloads."""
    values: dict = passage.source_fields(PAGE, "Coral reefs")
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
    source = passage.read(values, roster)
    glossary = values["glossary"].strip() or None
    if audience == FOR_LEVEL:
        request = study_guide.make_request(
            **source.fields(),
            level=values["level"],
            terms=values["terms"],
            frayer=values["frayer"],
            glossary_text=glossary,
            accommodations=values["accommodations"],
        )
        material.start(
            PAGE, request, label="Making the study guide...", warnings=source.warnings,
            what="the study guide",
        )  # fmt: skip
        return
    chosen = common.chosen_students(roster, values["students"], values["group"])
    if not chosen:
        raise InputError("Choose at least one student or a group.")
    plan_parts([saved.student for saved in chosen])  # a missing level fails now
    fields = {
        **source.fields(),
        "terms": values["terms"],
        "frayer": values["frayer"],
        "glossary_text": glossary,
    }
    material.start_for_students(
        PAGE,
        chosen,
        fields,
        roster=roster,
        label="Making the study guides...",
        warnings=source.warnings,
    )


def estimate(values: dict, audience: str) -> None:
    model = common.model_or_none()
    if model is None or not model.info.is_ai:
        return
    copies = 1 if audience == FOR_LEVEL else max(len(values["students"]), 1)
    words = sizes.words(values["pasted"])
    st.caption(sizes.per_copy_estimate(copies, "1 or 2 model calls", words))


def main() -> None:
    material.audience_page(
        PAGE, form, submit, audiences=(FOR_LEVEL, material.FOR_STUDENTS), estimate=estimate
    )


main()
