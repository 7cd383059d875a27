"""Visual supports: picture schedule, first-then board, token board (offline, OpenMoji)."""

from __future__ import annotations

from functools import partial

import streamlit as st

from generators import registry, visual
from generators.domain.visual import TITLES, VISUAL_TYPES
from ui import common, material
from ui.student_code import code_field

PAGE = "visual"
KIND = registry.get(PAGE)


def form(roster) -> dict | None:
    with st.form(f"{PAGE}:form"):
        values = {"code": code_field(roster, PAGE)}
        values["type"] = st.selectbox("Support", list(VISUAL_TYPES), key=f"{PAGE}:type",
                                      format_func=lambda t: TITLES[t])  # fmt: skip
        values["items"] = st.text_input(
            "Items, in order (schedule: up to 6; first-then: 2)",
            placeholder="Reading, Math, Lunch",
            key=f"{PAGE}:items",
        )
        left, right = st.columns(2)
        values["tokens"] = int(left.number_input("Tokens", 1, 10, 5, key=f"{PAGE}:tokens"))
        values["reward"] = right.text_input("Reward (token board)", key=f"{PAGE}:reward")
        if not st.form_submit_button("Generate", type="primary"):
            return None
    return values


def submit(values: dict, roster) -> None:
    saved = values["code"]
    request = visual.make_request(
        type=values["type"],
        student_code=saved.code if hasattr(saved, "code") else saved,
        items=values["items"],
        tokens=values["tokens"],
        reward=values["reward"] or None,
        students=[entry.student for entry in roster],
    )
    material.start(PAGE, request, label="Making the support...",
                   student_ids=[saved.id] if hasattr(saved, "id") else [],
                   title=f"{TITLES[request.type]}: {request.student_code}")  # fmt: skip


def main() -> None:
    st.title(KIND.title)
    st.caption(KIND.description)
    st.caption("Pictures: OpenMoji (openmoji.org), CC BY-SA 4.0; the credit prints on each page.")
    roster = common.caseload()
    left, right = material.columns()
    with left:
        values = form(roster)
    with right:
        if values is not None:
            material.submit(PAGE, partial(submit, values, roster))
        material.show_outcome(PAGE)


main()
