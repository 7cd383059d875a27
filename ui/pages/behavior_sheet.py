"""Behaviour data sheet: one of seven recording methods, one landscape page (offline)."""

from __future__ import annotations

from functools import partial

import streamlit as st

from generators import behavior_sheet, registry
from generators.domain.behavior import METHOD_TITLES, METHODS
from ui import common, material
from ui.student_code import code_field

PAGE = "behavior-sheet"
KIND = registry.get(PAGE)


def form(roster) -> dict | None:
    with st.form(f"{PAGE}:form"):
        values = {"code": code_field(roster, PAGE)}
        values["method"] = st.selectbox("Method", list(METHODS), key=f"{PAGE}:method",
                                        format_func=lambda m: METHOD_TITLES[m])  # fmt: skip
        values["behavior"] = st.text_input("Behaviour (short name)", key=f"{PAGE}:behavior")
        values["definition"] = st.text_area(
            "Operational definition (printed word for word)", height=90, key=f"{PAGE}:definition"
        )
        left, right = st.columns(2)
        values["start"] = left.text_input("Start (e.g. 09:00, optional)", key=f"{PAGE}:start")
        values["end"] = right.text_input("End (e.g. 09:30, optional)", key=f"{PAGE}:end")
        values["seconds"] = int(left.number_input("Interval (seconds)", 0, 3600, 0,
                                                  key=f"{PAGE}:seconds",
                                                  help="0: the method's default"))  # fmt: skip
        values["interval_type"] = right.selectbox("Interval type", ["partial", "whole"],
                                                  key=f"{PAGE}:type")  # fmt: skip
        if not st.form_submit_button("Generate", type="primary"):
            return None
    return values


def submit(values: dict, roster) -> None:
    saved = values["code"]
    request = behavior_sheet.make_request(
        method=values["method"],
        student_code=saved.code if hasattr(saved, "code") else saved,
        behavior=values["behavior"],
        definition=values["definition"],
        interval_seconds=values["seconds"] or None,
        interval_type=values["interval_type"],
        start=values["start"] or None,
        end=values["end"] or None,
        students=[entry.student for entry in roster],
    )
    material.start(PAGE, request, label="Making the sheet...",
                   student_ids=[saved.id] if hasattr(saved, "id") else [],
                   title=f"{METHOD_TITLES[request.method]}: {request.student_code}")  # fmt: skip


def main() -> None:
    st.title(KIND.title)
    st.caption(KIND.description)
    roster = common.caseload()
    left, right = material.columns()
    with left:
        values = form(roster)
    with right:
        if values is not None:
            material.submit(PAGE, partial(submit, values, roster))
        material.show_outcome(PAGE)


main()
