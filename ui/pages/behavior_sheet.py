"""Behaviour data sheet: one of seven recording methods, one landscape page (offline), for one
student or a copy for each of several."""

from __future__ import annotations

from functools import partial

import streamlit as st

from generators import behavior_sheet, registry
from generators.domain.behavior import (
    DEFAULT_INTERVAL_SECONDS,
    METHOD_TITLES,
    METHODS,
    MIN_INTERVAL_SECONDS,
)
from ui import common, forms, material, student_code

PAGE = "behavior-sheet"
TIMED = behavior_sheet.TIMED  # the methods whose sheets print times and intervals
INTERVAL_TYPES = {
    "partial": "Partial interval: it happened at any time in the interval",
    "whole": "Whole interval: it lasted the whole interval",
}
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
        fields.update(timing_fields(fields["method"]))
        if not st.button("Generate", type="primary", key=f"{PAGE}:generate"):
            return None
    return {"who": who, "fields": fields}


def timing_fields(method: str) -> dict:
    """Observation times and interval length, shown only for the methods that print them."""
    if method not in TIMED:
        return {}
    left, right = st.columns(2)
    start = forms.text_input(PAGE, "start", "Start (optional)", where=left,
                             placeholder="e.g. 09:00")  # fmt: skip
    end = forms.text_input(PAGE, "end", "End (optional)", where=right, placeholder="e.g. 09:30")
    seconds = forms.number_input(
        PAGE,
        f"seconds:{method}",  # each method keeps its own
        "Interval (seconds)",
        DEFAULT_INTERVAL_SECONDS[method],
        where=left,
        min_value=MIN_INTERVAL_SECONDS,
        max_value=3600,
    )
    timing = {"start": start or None, "end": end or None, "interval_seconds": int(seconds)}
    if method == "interval":
        timing["interval_type"] = forms.selectbox(
            PAGE, "interval_type", "Interval type", list(INTERVAL_TYPES), where=right,
            format_func=INTERVAL_TYPES.get,
        )  # fmt: skip
    return timing


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
