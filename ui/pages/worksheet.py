"""Leveled worksheet: one passage at the levels you choose, or a copy for each student you pick."""

from __future__ import annotations

import streamlit as st

from generators import group_packet, worksheet
from generators.domain import accommodations as catalogue
from generators.domain.levels import MAX_GRADE, MIN_GRADE, grade_name
from generators.domain.worksheet import MAX_QUESTIONS, MIN_QUESTIONS
from generators.errors import InputError
from ui import common, forms, jobs, material, passage, sizes

PAGE = "worksheet"
LEVELS = list(range(MIN_GRADE, MAX_GRADE + 1))
FOR_LEVELS = material.FOR_LEVELS


def form(audience: str, roster) -> dict:
    """The worksheet's fields, each keeping its value across pages and reloads."""
    values: dict = passage.source_fields(
        PAGE,
        "The water cycle",
        "Needed when you give no source text: a model then writes an original passage.",
    )
    if audience == FOR_LEVELS:
        values["levels"] = forms.multiselect(
            PAGE,
            "levels",
            "Reading levels (grades): one student copy per level",
            LEVELS,
            default=[3, 5],
            format_func=grade_name,
        )
        values["accommodations"] = forms.multiselect(
            PAGE,
            "accommodations",
            "Accommodations (for every copy)",
            catalogue.ids(),
            format_func=common.accommodation_label,
        )
        values["class_grade"] = forms.selectbox(
            PAGE,
            "class_grade",
            "Class grade (optional)",
            [None, *LEVELS],
            format_func=common.grade_option,
            help="Versions written below the class grade are recorded as a modification.",
        )
    else:
        values["students"], values["group"] = forms.student_picker(PAGE, roster)
        st.caption(
            "Each student gets a copy at their reading level with the accommodations on "
            "their profile; students with the same needs share documents."
        )
    values["questions"] = int(
        forms.number_input(
            PAGE,
            "questions",
            "Questions",
            6,
            min_value=MIN_QUESTIONS,
            max_value=MAX_QUESTIONS,
        )
    )
    values["language"] = forms.text_input(
        PAGE,
        "language",
        "Glossary language (only for the bilingual glossary)",
        placeholder="e.g. Spanish",
    )
    return values


def estimate(values: dict, audience: str) -> None:
    passage.show_estimate(values, values["questions"])


def submit(values: dict, audience: str, roster) -> None:
    source = passage.read(values, roster)
    if audience == FOR_LEVELS:
        request = worksheet.make_request(
            **source.fields(),
            levels=values["levels"],
            accommodations=values["accommodations"],
            questions=values["questions"],
            class_grade=values["class_grade"],
            glossary_language=values["language"],
        )
        material.start(
            PAGE,
            request,
            label="Making the worksheet...",
            warnings=source.warnings,
            what="the worksheet",
        )
        return
    chosen = common.chosen_students(roster, values["students"], values["group"])
    if not chosen:
        raise InputError("Choose at least one student or a group.")
    group_packet.plan_parts([saved.student for saved in chosen])  # a missing level fails now
    fields = {**source.fields(), "questions": values["questions"],
              "glossary_language": values["language"]}  # fmt: skip
    material.start_for_students(PAGE, chosen, fields, roster=roster,
                                label="Making the worksheets...",
                                warnings=source.warnings)  # fmt: skip


SHORT_WORDS = 100  # below this the offline engine has little to build activities from


def short_text_note() -> None:
    """Why a short passage made fewer activities (the offline engine builds from the text)."""
    result = st.session_state.get(jobs.result_key(PAGE))
    made = getattr(result, "material", None)
    if made is None or getattr(made, "kind", "") != "worksheet" or made.engine.is_ai:
        return
    count = sizes.words(made.request.source_text)
    if not count or count >= SHORT_WORDS:
        return
    asked, got = made.request.questions, len(made.questions)
    questions = f"{got} of the {asked} questions asked" if got < asked else f"{got} questions"
    made_list = ", ".join(
        [questions]
        + [
            forms.plural(n, one)
            for n, one in (
                (len(made.cloze), "fill-in-the-blank sentence"),
                (len(made.vocabulary), "vocabulary word"),
            )
        ]
    )
    st.info(
        f"This passage is short ({forms.plural(count, 'word')}), so the worksheet has fewer "
        f"activities: {made_list}. The offline engine builds every activity from the passage "
        f"itself and asks nothing the passage does not answer. A passage of {SHORT_WORDS} words "
        "or more, or a model connected in Settings, gives the full set."
    )


def main() -> None:
    material.audience_page(PAGE, form, submit, estimate=estimate, lead=short_text_note)


main()
