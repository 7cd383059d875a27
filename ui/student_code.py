"""Who a page makes its material for, shared by the offline behaviour, visual and story pages:
one student (a saved one, or a typed code, never a name) or several students / a group, for
which the kind's per-student copies are made through the API's caseload call."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

from generators.library import SavedStudent
from ui import common, forms, material

ONE = "One student"
MANY = "Several students or a group"


def choose_many(page: str, roster: list[SavedStudent]) -> bool:
    """One student, or several (then the caseload must not be empty); kept like every field."""
    many = forms.radio(page, "audience", "Make it for", [ONE, MANY], horizontal=True) == MANY
    if many and not roster:
        common.empty_caseload_note()
    return many


def code_field(roster: list[SavedStudent], page: str):
    """The chosen SavedStudent, or the code typed when the caseload is empty."""
    if roster:
        by_id = {saved.id: saved for saved in roster}
        chosen = forms.selectbox(page, "student", "Student", list(by_id),
                                 format_func=lambda i: by_id[i].label)  # fmt: skip
        return by_id[chosen]
    return forms.text_input(page, "code", "Student code (never the name)",
                            placeholder="e.g. Student A")  # fmt: skip


def who_fields(roster: list[SavedStudent], page: str, many: bool) -> dict:
    """The student, or the students and group picked."""
    if many:
        ids, group = forms.student_picker(page, roster)
        return {"ids": ids, "group": group}
    return {"one": code_field(roster, page)}


def start(
    page: str,
    who: Mapping[str, Any],
    fields: Mapping[str, Any],
    roster: list[SavedStudent],
    *,
    make_request: Callable[..., Any],
    label: str,
    title: Callable[[Any], str],
) -> None:
    """One request for one student, or the kind's copies for each chosen student."""
    if "ids" in who:
        chosen = common.chosen_students(roster, who["ids"], who["group"])
        material.start_for_students(page, chosen, fields, roster=roster, label=label)
        return
    saved = who["one"]
    is_saved = isinstance(saved, SavedStudent)
    request = make_request(
        student_code=saved.code if is_saved else saved,
        students=[entry.student for entry in roster],
        **fields,
    )
    material.start(page, request, label=label, student_ids=[saved.id] if is_saved else [],
                   title=title(request))  # fmt: skip
