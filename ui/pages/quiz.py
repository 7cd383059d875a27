"""Leveled quiz: the same items at the levels you choose (or per student), one key, LMS export."""

from __future__ import annotations

import streamlit as st

from generators import qti, quiz
from generators.domain import accommodations as catalogue
from generators.domain.levels import MAX_GRADE, MIN_GRADE, grade_name
from generators.domain.quiz import MAX_ITEMS, MIN_ITEMS, TYPE_CODES
from generators.errors import InputError
from generators.group_packet import plan_parts
from ui import common, forms, jobs, material, passage

PAGE = "quiz"
LEVELS = list(range(MIN_GRADE, MAX_GRADE + 1))
FOR_LEVELS = material.FOR_LEVELS
TYPE_NAMES = {
    "mc": "Multiple choice",
    "tf": "True/false",
    "matching": "Matching",
    "short": "Short answer",
}


def form(audience: str, roster) -> dict:
    """The quiz's fields, each keeping its value across pages and reloads."""
    values: dict = passage.source_fields(PAGE, "Volcanoes", "Needed when you give no source text.")
    if audience == FOR_LEVELS:
        values["levels"] = forms.multiselect(
            PAGE,
            "levels",
            "Reading levels (grades): one student copy per level",
            LEVELS,
            default=[3, 6],
            format_func=grade_name,
        )
        values["accommodations"] = forms.multiselect(
            PAGE,
            "accommodations",
            "Accommodations (for every copy)",
            catalogue.ids(),
            format_func=common.accommodation_label,
        )
    else:
        values["students"], values["group"] = forms.student_picker(PAGE, roster)
        st.caption(
            "Each student gets a copy at their reading level with the accommodations "
            "on their profile; everyone takes the same items, with the same answers."
        )
    values["items"] = int(
        forms.number_input(PAGE, "items", "Items", 8, min_value=MIN_ITEMS, max_value=MAX_ITEMS)
    )
    values["types"] = forms.multiselect(
        PAGE,
        "types",
        "Item types",
        list(TYPE_CODES),
        default=list(TYPE_CODES),
        format_func=TYPE_NAMES.get,
    )
    return values  # fmt: skip


def submit(values: dict, audience: str, roster) -> None:
    source = passage.read(values, roster)
    types = ",".join(values["types"])
    if audience == FOR_LEVELS:
        request = quiz.make_request(
            **source.fields(),
            levels=values["levels"],
            items=values["items"],
            types=types,
            accommodations=values["accommodations"],
        )
        material.start(
            PAGE, request, label="Making the quiz...", warnings=source.warnings, what="the quiz"
        )
        return
    chosen = common.chosen_students(roster, values["students"], values["group"])
    if not chosen:
        raise InputError("Choose at least one student or a group.")
    plan_parts([saved.student for saved in chosen])  # a missing level fails now
    fields = {
        **source.fields(),
        "items": values["items"],
        "types": types,
    }
    material.start_for_students(
        PAGE, chosen, fields, roster=roster, label="Making the quizzes...", warnings=source.warnings
    )


def lms_downloads() -> None:
    with common.user_errors():
        show_lms_files()


def show_lms_files() -> None:
    """The QTI package and the CSV for the quiz just made (rebuilt from it, never stored)."""
    result = st.session_state.get(jobs.result_key(PAGE))
    made = getattr(result, "material", None)
    if made is None or getattr(made, "kind", None) != PAGE:
        return
    st.markdown("**For your LMS** (Canvas, Schoology): import the QTI package as a quiz.")
    columns = st.columns(2)
    for column, (name, data) in zip(columns, qti.lms_files(made).items(), strict=True):
        kind = "QTI 1.2 package" if name.endswith(".zip") else "Items and answers (CSV)"
        mime = "application/zip" if name.endswith(".zip") else "text/csv"
        column.download_button(kind, data, file_name=name, mime=mime, key=f"lms-{name}")


def estimate(values: dict, audience: str) -> None:
    passage.show_estimate(values, values["items"])


def main() -> None:
    material.audience_page(PAGE, form, submit, estimate=estimate, after=lms_downloads)


main()
