"""IEP progress data sheet: a trial-by-trial grid for a goal, for one student or a whole group.

Made offline (everything on the sheet follows from its inputs), so no model is ever asked.
"""

from __future__ import annotations

from functools import partial

import streamlit as st

from generators import data_sheet, registry
from generators.domain.data_sheet import (
    AUTO,
    DEFAULT_SESSIONS,
    DEFAULT_TRIALS,
    MAX_SESSIONS,
    MAX_TRIALS,
    MEASURES,
    MIN_SESSIONS,
    MIN_TRIALS,
)
from generators.errors import InputError
from generators.library import SavedStudent
from ui import common, material

PAGE = "data-sheet"
KIND = registry.get(PAGE)
ONE = "One student"
GROUP = "A group: a sheet for each goal of each student"
TYPED = -1  # "type the goal below" among a student's goals
MEASURE_LABELS = {
    AUTO: "Chosen from the goal's wording (the reason is printed)",
    "prompt-level": "Prompt level (I, G, V, M, PP, FP, E, NR)",
    "accuracy": "Accuracy (+ / -)",
    "fluency": "Fluency (words correct per minute, errors, self-corrections)",
    "task-analysis": "Task analysis (one row per step)",
}
MEASURE_CHOICES = [AUTO, *MEASURES]


def settings_fields() -> dict:
    left, middle = st.columns(2)
    values = {
        "trials": int(
            left.number_input(
                "Trials per session", MIN_TRIALS, MAX_TRIALS, DEFAULT_TRIALS, key=f"{PAGE}:trials"
            )
        ),
        "sessions": int(
            middle.number_input(
                "Sessions on the sheet",
                MIN_SESSIONS,
                MAX_SESSIONS,
                DEFAULT_SESSIONS,
                key=f"{PAGE}:sessions",
            )
        ),
        "measure": st.selectbox(
            "Record in each trial box",
            MEASURE_CHOICES,
            index=0,
            format_func=lambda m: MEASURE_LABELS.get(m, m),
            key=f"{PAGE}:measure",
        ),
    }
    values["steps"] = st.text_area(
        "Task-analysis steps (optional, one per line)", height=80, key=f"{PAGE}:steps"
    )
    values["mastery"] = st.text_input(
        "Mastery criterion (optional)", placeholder="80% in 4 of 5 sessions", key=f"{PAGE}:mastery"
    )
    values["graph"] = st.checkbox("Add a blank progress graph page", key=f"{PAGE}:graph")
    return values


def one_student_form(roster: list[SavedStudent]) -> dict | None:
    by_id = {saved.id: saved for saved in roster}
    student_id = None
    if roster:
        student_id = st.selectbox(
            "Student", list(by_id), format_func=lambda i: by_id[i].label, key=f"{PAGE}:student"
        )
    saved = by_id.get(student_id)
    goals = list(saved.student.goals) if saved else []
    with st.form(f"{PAGE}:one"):
        values: dict = {"saved": saved}
        if saved is None:
            values["code"] = st.text_input("Student code (never the name)", placeholder="Student A")
        options = [*range(len(goals)), TYPED]
        values["goal_index"] = st.radio(
            "IEP goal",
            options,
            format_func=lambda i: "Type the goal below" if i == TYPED else goals[i],
            key=f"{PAGE}:goal:{student_id}",
        )
        values["goal"] = st.text_area(
            "Goal, as written in the IEP", height=90, key=f"{PAGE}:typed-goal"
        )
        values.update(settings_fields())
        if not st.form_submit_button("Generate", type="primary"):
            return None
    return values


def group_form(roster: list[SavedStudent]) -> dict | None:
    with st.form(f"{PAGE}:group"):
        values: dict = {}
        values["students"], values["group"] = common.student_picker(roster, PAGE)
        st.caption("One sheet for every IEP goal on each chosen student's profile.")
        values.update(settings_fields())
        if not st.form_submit_button("Generate", type="primary"):
            return None
    return values


def submit_one(values: dict, roster: list[SavedStudent]) -> None:
    saved: SavedStudent | None = values["saved"]
    students = [entry.student for entry in roster]
    index = values["goal_index"]
    goal = values["goal"] if index == TYPED else saved.student.goals[index]
    request = data_sheet.make_request(
        goal=goal,
        student_code=saved.code if saved else values.get("code", ""),
        trials=values["trials"],
        sessions=values["sessions"],
        measure=values["measure"],
        mastery=values["mastery"],
        graph=values["graph"],
        students=students,
        goal_number=None if index == TYPED else index + 1,
        steps=values["steps"] or None,
    )
    material.start(
        PAGE,
        request,
        label="Making the data sheet...",
        student_ids=[saved.id] if saved else [],
        title=f"Data sheet: {request.student_code}, {request.goal[:60]}",
    )


def submit_group(values: dict, roster: list[SavedStudent]) -> None:
    chosen = common.chosen_students(roster, values["students"], values["group"])
    if not chosen:
        raise InputError("Choose at least one student or a group.")
    fields = {name: values[name] for name in ("trials", "sessions", "measure", "mastery", "graph")}
    material.start_for_students(PAGE, chosen, fields, roster=roster,
                                label="Making the data sheets...")  # fmt: skip


def main() -> None:
    st.title(KIND.title)
    st.caption(KIND.description)
    roster = common.caseload()
    left, right = material.columns()
    with left:
        mode = st.radio("Make it for", [ONE, GROUP], horizontal=True, key=f"{PAGE}:mode")
        if mode == GROUP:
            if not roster:
                common.empty_caseload_note()
            values = group_form(roster)
            action = partial(submit_group, values, roster)
        else:
            if not roster:
                st.caption("Tip: students saved on the Students page bring their IEP goals here.")
            values = one_student_form(roster)
            action = partial(submit_one, values, roster)
    with right:
        if values is not None:
            material.submit(PAGE, action)
        material.show_outcome(PAGE)


main()
