"""Modify an assignment: an existing worksheet or test reworked for a student's accommodations.

With students picked, each gets their own copy: their profile's accommodations (plus any chosen
here) and their reading level; without, one copy with the accommodations chosen here.
"""

from __future__ import annotations

import streamlit as st

from generators import assignment, modify, registry, sources
from generators.domain import accommodations as catalogue
from generators.domain.levels import MAX_GRADE, MIN_GRADE
from generators.errors import InputError
from ui import common, forms, jobs, material, sizes

PAGE = "modify"
KIND = registry.get(PAGE)
LEVELS = [None, *range(MIN_GRADE, MAX_GRADE + 1)]


def form(roster) -> dict:
    values: dict = {}
    values["upload"] = forms.file_uploader(
        PAGE, "upload", "The assignment: a file", common.SOURCE_TYPES, help="Word, PDF or text."
    )
    values["pasted"] = forms.text_area(
        PAGE,
        "pasted",
        "...or paste the assignment here",
        height=180,
        placeholder="e.g.\n1. Which fraction is equal to 1/2?\n   a) 2/3  b) 2/4  c) 3/5",
    )
    values["accommodations"] = forms.multiselect(
        PAGE,
        "accommodations",
        "Accommodations",
        catalogue.ids(),
        format_func=common.accommodation_label,
        help="Added to each chosen student's own accommodations.",
    )
    if roster:
        values["students"], values["group"] = forms.student_picker(PAGE, roster)
        st.caption("Each student gets a copy with their own accommodations and level.")
    else:
        values["students"], values["group"] = [], None
    values["key"] = forms.text_input(
        PAGE, "key", "Answer key for multiple choice (optional)", placeholder="e.g. 1:b, 2:a, 7:c"
    )
    left, right = st.columns(2)
    values["keep"] = forms.text_input(
        PAGE,
        "keep",
        "Fewer items: the items to keep (optional)",
        placeholder="e.g. 1, 3, 5",
        where=left,
    )
    values["terms"] = forms.text_input(
        PAGE,
        "terms",
        "Key terms to highlight (optional)",
        placeholder="e.g. equivalent, simplify",
        where=right,
    )
    values["level"] = forms.selectbox(
        PAGE,
        "level",
        "Below-grade text: rewrite passages at grade (optional)",
        LEVELS,
        format_func=common.grade_option,
        help="Defaults to each student's reading level.",
    )
    return values


def estimate(values: dict) -> None:
    model = common.model_or_none()
    if model is None or not model.info.is_ai:
        return
    copies = max(len(values["students"]) + (values["group"] is not None), 1)
    st.caption(sizes.per_copy_estimate(copies, "1 to 3 model calls", sizes.words(values["pasted"])))


def read_assignment(upload, pasted: str):
    if upload is not None:
        with st.spinner(f"Reading {upload.name}..."):
            return assignment.load_bytes(upload.getvalue(), upload.name)
    if pasted and pasted.strip():
        sizes.check_passage(pasted, "assignment")  # the word limit, before the character limit
        text = sources.read_text(pasted, "The pasted assignment")
        return assignment.parse_text(text, "pasted assignment", "text")
    raise InputError("Give the assignment: upload a file or paste its text.")


def submit(values: dict, roster) -> None:
    work_on = read_assignment(values["upload"], values["pasted"])
    chosen = common.chosen_students(roster, values["students"], values["group"])
    caseload = [saved.student for saved in roster]

    fields = {"assignment": work_on, "accommodations": values["accommodations"],
              "key_text": values["key"] or None, "keep_text": values["keep"] or None,
              "reading_level": values["level"], "terms_text": values["terms"] or None}  # fmt: skip
    if len(chosen) > 1:
        material.start_for_students(PAGE, chosen, fields, roster=roster,
                                    label="Modifying the assignment...")  # fmt: skip
        return
    code = chosen[0].code if chosen else None
    request = modify.make_request(student_code=code, caseload=caseload, **fields)
    material.start(PAGE, request, label="Modifying the assignment...",
                   student_ids=[saved.id for saved in chosen],
                   what="the modified assignment")  # fmt: skip


def main() -> None:
    st.title(KIND.title)
    st.caption(KIND.description)
    common.engine_banner(
        "It applies every change that needs no language model and marks the rest NOT APPLIED "
        "in the ledger, with the reason. Connect a model (see Settings) for the rest."
    )
    roster = common.caseload()
    jobs.adopt(PAGE)  # after a reload: the job still running, with the form it came from
    left, right = material.columns()
    with left:
        values = form(roster)
        estimate(values)
        clicked = st.button("Generate", type="primary", key=f"{PAGE}:generate")
    with right:
        if clicked:
            material.submit(PAGE, lambda: submit(values, roster))
        material.show_outcome(PAGE)


main()
