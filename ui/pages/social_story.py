"""Social story: a first-person template with labelled blanks for one situation (offline), for
one student or a copy for each of several."""

from __future__ import annotations

from functools import partial

import streamlit as st

from generators import registry, social_story
from ui import common, forms, material, student_code

PAGE = "social-story"
KIND = registry.get(PAGE)


def form(roster, many: bool) -> dict | None:
    with st.container():  # no st.form: fields keep their drafts through callbacks
        who = student_code.who_fields(roster, PAGE, many)
        fields = {
            "topic": forms.text_input(
                PAGE,
                "topic",
                "The situation",
                placeholder="e.g. a fire drill",
                help="A few words naming it, as in 'Sometimes at school there is ...': a fire "
                "drill, a substitute teacher, lunch in the cafeteria.",
            )
        }
        if not st.button("Generate", type="primary", key=f"{PAGE}:generate"):
            return None
    return {"who": who, "fields": fields}


def submit(values: dict, roster) -> None:
    student_code.start(
        PAGE, values["who"], values["fields"], roster,
        make_request=social_story.make_request,
        label="Making the story...",
        title=lambda request: f"Social story: {request.topic}, {request.student_code}",
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
