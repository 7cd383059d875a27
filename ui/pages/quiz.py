"""Leveled quiz: the same items at the levels you choose (or per student), one key, LMS export."""

from __future__ import annotations

import streamlit as st

from generators import qti, quiz, registry
from generators.domain import accommodations as catalogue
from generators.domain.levels import MAX_GRADE, MIN_GRADE, grade_name
from generators.domain.quiz import MAX_ITEMS, MIN_ITEMS, TYPE_CODES
from generators.domain.students import redact_for_model  # the topic is sent to a model
from generators.errors import InputError
from generators.group_packet import plan_parts
from ui import common, forms, jobs, material, sizes

PAGE = "quiz"
KIND = registry.get(PAGE)
LEVELS = list(range(MIN_GRADE, MAX_GRADE + 1))
FOR_LEVELS = "Reading levels I choose"
FOR_STUDENTS = "Students on my caseload"
TYPE_NAMES = {
    "mc": "Multiple choice",
    "tf": "True/false",
    "matching": "Matching",
    "short": "Short answer",
}


def form(audience: str, roster) -> dict:
    """The quiz's fields, each keeping its value across pages and reloads."""
    values: dict = {}
    values["topic"] = forms.text_input(
        PAGE,
        "topic",
        "Topic",
        placeholder="e.g. Volcanoes",
        help="Needed when you give no source text.",
    )
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
            "on their profile; everyone takes the same items, one key."
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
    topic = redact_for_model(values["topic"], [saved.student for saved in roster])
    warnings = ["A student's name in the topic was replaced by their code."] * (
        topic != values["topic"]
    )
    source_text, source_name = common.read_source(values["upload"], values["pasted"])
    sizes.check_passage(source_text)
    types = ",".join(values["types"])
    if audience == FOR_LEVELS:
        request = quiz.make_request(
            topic=topic,
            source_text=source_text,
            source_name=source_name,
            levels=values["levels"],
            items=values["items"],
            types=types,
            accommodations=values["accommodations"],
        )
        material.start(
            PAGE, request, label="Making the quiz...", warnings=warnings, what="the quiz"
        )
        return
    chosen = common.chosen_students(roster, values["students"], values["group"])
    if not chosen:
        raise InputError("Choose at least one student or a group.")
    plan_parts([saved.student for saved in chosen])  # a missing level fails now
    fields = {
        "topic": topic,
        "source_text": source_text,
        "source_name": source_name,
        "items": values["items"],
        "types": types,
    }
    material.start_for_students(
        PAGE, chosen, fields, roster=roster, label="Making the quizzes...", warnings=warnings
    )


def lms_downloads() -> None:
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


def main() -> None:
    st.title(KIND.title)
    st.caption(KIND.description)
    common.engine_banner()
    roster = common.caseload()
    jobs.adopt(PAGE)  # after a reload: the job still running, with the form it came from
    left, right = material.columns()
    with left:
        audience = forms.radio(
            PAGE, "audience", "Make it for", [FOR_LEVELS, FOR_STUDENTS], horizontal=True
        )
        if audience == FOR_STUDENTS and not roster:
            common.empty_caseload_note()
        values = form(audience, roster)
        model = common.model_or_none()
        if model is not None and model.info.is_ai:
            levels = len(values.get("levels") or []) if audience == FOR_LEVELS else 2
            words = sizes.words(values["pasted"])
            st.caption(sizes.worksheet_estimate(words, levels, values["items"]))
        clicked = st.button("Generate", type="primary", key=f"{PAGE}:generate")
    with right:
        if clicked:
            material.submit(PAGE, lambda: submit(values, audience, roster))
        material.show_outcome(PAGE)
        with common.user_errors():
            lms_downloads()


main()
