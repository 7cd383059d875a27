"""Behaviour data sheet: one of seven recording methods, one landscape page (offline), for one
student or a copy for each of several."""

from __future__ import annotations

from functools import partial

import streamlit as st

from generators import behavior_sheet, registry
from generators.domain.behavior import METHOD_TITLES, METHODS
from ui import common, material, student_code

PAGE = "behavior-sheet"
KIND = registry.get(PAGE)


def form(roster, many: bool) -> dict | None:
    with st.form(f"{PAGE}:form"):
        who = student_code.who_fields(roster, PAGE, many)
        fields = {
            "method": st.selectbox(
                "Method",
                list(METHODS),
                key=f"{PAGE}:method",
                format_func=lambda m: METHOD_TITLES[m],
            ),
            "behavior": st.text_input("Behaviour (short name)", key=f"{PAGE}:behavior"),
            "definition": st.text_area(
                "Operational definition (printed word for word)",
                height=90,
                key=f"{PAGE}:definition",
            ),
        }
        left, right = st.columns(2)
        fields["start"] = left.text_input("Start (e.g. 09:00, optional)", key=f"{PAGE}:start")
        fields["end"] = right.text_input("End (e.g. 09:30, optional)", key=f"{PAGE}:end")
        seconds = int(left.number_input("Interval (seconds)", 0, 3600, 0, key=f"{PAGE}:seconds",
                                        help="0: the method's default"))  # fmt: skip
        fields["interval_type"] = right.selectbox("Interval type", ["partial", "whole"],
                                                  key=f"{PAGE}:type")  # fmt: skip
        if not st.form_submit_button("Generate", type="primary"):
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
