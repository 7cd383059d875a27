"""IEP progress data sheet: a trial-by-trial grid for a goal, for one student or a whole group.

Made offline (everything on the sheet follows from its inputs), so no model is ever asked.
"""

from __future__ import annotations

from functools import partial
from textwrap import shorten  # whole words: a title cut inside '80%' misleads

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
from ui import common, forms, jobs, material, wording

PAGE = "data-sheet"
KIND = registry.get(PAGE)
ONE = "One student"
GROUP = "A group: a sheet for each goal of each student"
TYPED = -1  # "type the goal below" among a student's goals
MEASURE_LABELS = wording.MEASURE_LABELS
MEASURE_CHOICES = [AUTO, *MEASURES]


def settings_fields() -> dict:
    left, middle = st.columns(2)
    values = {
        "trials": int(
            forms.number_input(
                PAGE, "trials", "Trials per session", DEFAULT_TRIALS,
                min_value=MIN_TRIALS, max_value=MAX_TRIALS, where=left,
            )
        ),
        "sessions": int(
            forms.number_input(
                PAGE, "sessions", "Sessions on the sheet", DEFAULT_SESSIONS,
                min_value=MIN_SESSIONS, max_value=MAX_SESSIONS, where=middle,
            )
        ),
        "measure": forms.selectbox(
            PAGE, "measure", "Record in each trial box", MEASURE_CHOICES,
            default=AUTO, format_func=lambda m: MEASURE_LABELS.get(m, m),
        ),
    }  # fmt: skip
    values["steps"] = forms.text_area(
        PAGE, "steps", "Task-analysis steps (optional, one per line)", height=80
    )
    values["mastery"] = forms.text_input(
        PAGE,
        "mastery",
        "Mastery criterion (optional, printed as you write it)",
        placeholder="e.g. 80% in 4 of 5 sessions",
    )
    values["graph"] = forms.checkbox(PAGE, "graph", "Add a blank progress graph page")
    return values


def one_student_form(roster: list[SavedStudent]) -> dict:
    by_id = {saved.id: saved for saved in roster}
    student_id = None
    if roster:
        student_id = forms.selectbox(
            PAGE, "student", "Student", list(by_id), format_func=lambda i: by_id[i].label
        )
    saved = by_id.get(student_id)
    goals = list(saved.student.goals) if saved else []
    values: dict = {"saved": saved}
    if saved is None:
        values["code"] = forms.text_input(
            PAGE, "code", "Student code (never the name)", placeholder="e.g. Student A"
        )
    options = [*range(len(goals)), TYPED]
    values["goal_index"] = forms.radio(
        PAGE,
        f"goal:{student_id}",
        "IEP goal",
        options,
        format_func=lambda i: "Type the goal below" if i == TYPED else goals[i],
    )
    values["goal"] = forms.text_area(PAGE, "typed-goal", "Goal, as written in the IEP", height=90)
    values.update(settings_fields())
    return values


def group_form(roster: list[SavedStudent]) -> dict:
    values: dict = {}
    values["students"], values["group"] = forms.student_picker(PAGE, roster)
    st.caption("One sheet for every IEP goal on each chosen student's profile.")
    values.update(settings_fields())
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
        title=f"Data sheet: {request.student_code}, {shorten(request.goal, 70, placeholder=' …')}",
        what="the data sheet",
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
    jobs.adopt(PAGE)  # after a reload: the job still running, with the form it came from
    left, right = material.columns()
    with left:
        mode = forms.radio(PAGE, "mode", "Make it for", [ONE, GROUP], horizontal=True)
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
        clicked = st.button("Generate", type="primary", key=f"{PAGE}:generate")
    with right:
        if clicked:
            material.submit(PAGE, action)
        material.show_outcome(PAGE)


main()
