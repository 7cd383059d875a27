"""Behaviour data sheet: one of seven recording methods, one landscape page (offline), for one
student or a copy for each of several."""

from __future__ import annotations

from functools import partial

import streamlit as st

from generators import behavior_sheet, registry
from generators.domain.behavior import METHOD_TITLES, METHODS
from ui import common, forms, material, student_code

PAGE = "behavior-sheet"
KIND = registry.get(PAGE)


def form(roster, many: bool) -> dict | None:
    with st.container():  # no st.form: fields keep their drafts through callbacks
        who = student_code.who_fields(roster, PAGE, many)
        fields = {
            "method": forms.selectbox(
                PAGE, "method", "Method", list(METHODS), format_func=lambda m: METHOD_TITLES[m]
            ),
            "behavior": forms.text_input(
                PAGE, "behavior", "Behaviour (short name)", placeholder="e.g. Calling out"
            ),
            "definition": forms.text_area(
                PAGE,
                "definition",
                "Operational definition (printed word for word)",
                height=90,
                placeholder="e.g. Says an answer or comment aloud without raising a hand and "
                "being called on.",
            ),
        }
        left, right = st.columns(2)
        fields["start"] = forms.text_input(
            PAGE, "start", "Start (e.g. 09:00, optional)", where=left
        )
        fields["end"] = forms.text_input(PAGE, "end", "End (e.g. 09:30, optional)", where=right)
        seconds = int(
            forms.number_input(
                PAGE,
                "seconds",
                "Interval (seconds)",
                0,
                where=left,
                min_value=0,
                max_value=3600,
                help="0: the method's default",
            )
        )
        fields["interval_type"] = forms.selectbox(
            PAGE, "interval_type", "Interval type", ["partial", "whole"], where=right
        )
        if not st.button("Generate", type="primary", key=f"{PAGE}:generate"):
            return None
    fields["interval_seconds"] = seconds or None
    fields["start"], fields["end"] = fields["start"] or None, fields["end"] or None
    return {"who": who, "fields": fields}


def submit(values: dict, roster) -> None:
    student_code.start(
        PAGE, values["who"], values["fields"], roster,
        make_request=behavior_sheet.make_request,
        label="Making the sheet...",
        title=lambda request: f"{METHOD_TITLES[request.method]}: {request.student_code}",
    )  # fmt: skip


def main() -> None:
    st.title(KIND.title)
    st.caption(KIND.description)
    roster = common.caseload()
    left, right = material.columns()
    with left:
        many = student_code.choose_many(PAGE, roster)
        values = form(roster, many)
    with right:
        if values is not None:
            material.submit(PAGE, partial(submit, values, roster))
        material.show_outcome(PAGE)


main()
