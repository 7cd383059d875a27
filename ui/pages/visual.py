"""Visual supports: picture schedule, first-then board, token board (offline, OpenMoji), for one
student or a copy for each of several."""

from __future__ import annotations

from functools import partial

import streamlit as st

from generators import registry, visual
from generators.domain.visual import TITLES, VISUAL_TYPES
from ui import common, material, student_code

PAGE = "visual"
KIND = registry.get(PAGE)


def form(roster, many: bool) -> dict | None:
    with st.form(f"{PAGE}:form"):
        who = student_code.who_fields(roster, PAGE, many)
        fields = {
            "type": st.selectbox(
                "Support", list(VISUAL_TYPES), key=f"{PAGE}:type", format_func=lambda t: TITLES[t]
            ),
            "items": st.text_input(
                "Items, in order (schedule: up to 6; first-then: 2)",
                placeholder="Reading, Math, Lunch",
                key=f"{PAGE}:items",
            ),
        }
        left, right = st.columns(2)
        fields["tokens"] = int(left.number_input("Tokens", 1, 10, 5, key=f"{PAGE}:tokens"))
        fields["reward"] = right.text_input("Reward (token board)", key=f"{PAGE}:reward")
        if not st.form_submit_button("Generate", type="primary"):
            return None
    fields["reward"] = fields["reward"] or None
    return {"who": who, "fields": fields}


def submit(values: dict, roster) -> None:
    student_code.start(
        PAGE, values["who"], values["fields"], roster,
        make_request=visual.make_request,
        label="Making the support...",
        title=lambda request: f"{TITLES[request.type]}: {request.student_code}",
    )  # fmt: skip


def main() -> None:
    st.title(KIND.title)
    st.caption(KIND.description)
    st.caption("Pictures: OpenMoji (openmoji.org), CC BY-SA 4.0; the credit prints on each page.")
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
