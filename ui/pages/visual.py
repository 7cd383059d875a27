"""Visual supports: picture schedule, first-then board, token board (offline, OpenMoji), for one
student or a copy for each of several."""

from __future__ import annotations

from functools import partial

import streamlit as st

from generators import registry, visual
from generators.domain.visual import TITLES, VISUAL_TYPES
from ui import common, forms, material, student_code

PAGE = "visual"
KIND = registry.get(PAGE)


def form(roster, many: bool) -> dict | None:
    with st.container():  # no st.form: fields keep their drafts through callbacks
        who = student_code.who_fields(roster, PAGE, many)
        fields = {
            "type": forms.selectbox(
                PAGE, "type", "Support", list(VISUAL_TYPES), format_func=lambda t: TITLES[t]
            ),
            "items": forms.text_input(
                PAGE,
                "items",
                "Items, in order (schedule: up to 6; first-then: 2)",
                placeholder="e.g. Reading, Math, Lunch",
            ),
        }
        left, right = st.columns(2)
        fields["tokens"] = int(
            forms.number_input(PAGE, "tokens", "Tokens", 5, where=left, min_value=1, max_value=10)
        )
        fields["reward"] = forms.text_input(PAGE, "reward", "Reward (token board)", where=right)
        if not st.button("Generate", type="primary", key=f"{PAGE}:generate"):
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
