"""Social story: a first-person template with labelled blanks for one situation (offline)."""

from __future__ import annotations

from functools import partial

import streamlit as st

from generators import registry, social_story
from ui import common, material
from ui.student_code import code_field

PAGE = "social-story"
KIND = registry.get(PAGE)


def form(roster) -> dict | None:
    with st.form(f"{PAGE}:form"):
        values = {"code": code_field(roster, PAGE)}
        values["topic"] = st.text_input("The situation", placeholder="a fire drill",
                                        key=f"{PAGE}:topic")  # fmt: skip
        if not st.form_submit_button("Generate", type="primary"):
            return None
    return values


def submit(values: dict, roster) -> None:
    saved = values["code"]
    request = social_story.make_request(
        topic=values["topic"],
        student_code=saved.code if hasattr(saved, "code") else saved,
        students=[entry.student for entry in roster],
    )
    material.start(PAGE, request, label="Making the story...",
                   student_ids=[saved.id] if hasattr(saved, "id") else [],
                   title=f"Social story: {request.topic}, {request.student_code}")  # fmt: skip


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
