"""The caseload: students (pseudonymous code, levels, accommodations, IEP goals) and groups.

A real name is optional and stays on this computer: it is shown on these pages for the adult's
own convenience, and never printed on a document or sent to a model (materials carry codes).
"""

from __future__ import annotations

import streamlit as st

from generators import students as students_file
from generators.domain import accommodations as catalogue
from generators.domain.levels import MAX_GRADE, MIN_GRADE
from generators.domain.students import Student
from generators.errors import InputError
from generators.library import SavedStudent, make_student
from ui import common, forms, notes

GRADES = [None, *range(MIN_GRADE, MAX_GRADE + 1)]
NEW = 0  # the "add a new student" choice in the editor


def caseload_table(roster: list[SavedStudent]) -> None:
    if not roster:
        st.info(
            "No students yet. Add each student with a code such as Student A: the code is what "
            "appears on documents. A real name is optional and never leaves this computer."
        )
        return
    notes.table(
        [
            {
                "Code": saved.code,
                "Name (only on this computer)": saved.student.name or "",
                "Grade": common.grade_option(saved.student.grade),
                "Reading level": common.grade_option(saved.student.reading_level),
                "Accommodations": ", ".join(
                    catalogue.get(i).name for i in saved.student.accommodations
                ),
                "IEP goals": len(saved.student.goals),
            }
            for saved in roster
        ],
        "Code",
    )


def form_page(saved: SavedStudent | None) -> str:
    """The draft an add or an edit keeps what was typed in, across pages and reloads."""
    return f"students:{saved.id if saved else 'new'}"


def student_form(saved: SavedStudent | None) -> Student | None:
    """Add (saved is None) or edit one student; returns the checked Student when pressed."""
    page = form_page(saved)
    current = saved.student if saved else Student(code="Student A")
    left, right = st.columns(2)
    code = forms.text_input(
        page,
        "code",
        "Code (printed on documents)",
        saved.code if saved else "",
        where=left,
        placeholder="e.g. Student A",
        help="A pseudonym, not the student's name: letters, digits, spaces, . _ -",
    )
    name = forms.text_input(
        page,
        "name",
        "Real name (optional, stays on this computer)",
        current.name or "",
        where=right,
        help="Shown only on these pages. Never printed on a document, never sent to a model.",
    )
    grade = forms.selectbox(
        page, "grade", "Grade", GRADES, current.grade, where=left, format_func=common.grade_option
    )
    level = forms.selectbox(
        page,
        "reading_level",
        "Reading level (grade)",
        GRADES,
        current.reading_level,
        where=right,
        format_func=common.grade_option,
        help="Their copy of a leveled worksheet is written at this level.",
    )
    needs = forms.multiselect(
        page,
        "accommodations",
        "Accommodations (from the IEP)",
        catalogue.ids(),
        list(current.accommodations) if saved else [],
        format_func=common.accommodation_label,
    )
    goals = forms.text_area(
        page,
        "goals",
        "IEP goals, one per line",
        "\n".join(current.goals) if saved else "",
        help="Copied onto data sheets as written; names in a goal are replaced by the code.",
    )
    label = f"Save {saved.code}" if saved else "Add student"
    save, discard = st.columns([1, 2])
    if saved is not None and forms.draft(page):
        discard.caption("Changes kept from earlier, not saved yet.")
        if discard.button("Discard the changes", key=f"{page}:discard"):
            forms.forget(page)
            st.rerun()
    if not save.button(label, type="primary", key=f"{page}:save"):
        return None
    return make_student(
        code=code,
        name=name,
        grade=grade,
        reading_level=level,
        accommodations=needs,
        goals=goals,
    )


def students_section(roster: list[SavedStudent]) -> None:
    lib = common.library()
    by_id = {saved.id: saved for saved in roster}
    if st.session_state.pop("students:reset", False):
        forms.fill("students", {"choice": NEW})  # back to "add", before the widget exists
    choice = forms.selectbox(
        "students",
        "choice",
        "Add or edit",
        [NEW, *by_id],
        NEW,
        format_func=lambda i: "Add a new student" if i == NEW else f"Edit {by_id[i].label}",
    )
    saved = by_id.get(choice)
    with common.user_errors():
        student = student_form(saved)
        if student is not None:
            if saved is None:
                lib.add_student(student)
                st.session_state["students:notice"] = f"Added {student.code}."
            else:
                lib.update_student(saved.id, student)
                st.session_state["students:notice"] = f"Saved {student.code}."
            forms.forget(form_page(saved))  # the next add starts empty; an edit shows the saved
            st.rerun()
    if saved is not None:
        delete_student(saved)


def delete_student(saved: SavedStudent) -> None:
    lib = common.library()
    packets = lib.packets_for_student(saved.id)
    with st.expander(f"Delete {saved.code}"):
        st.write(
            f"Deletes {saved.code} everywhere: their details, their place in groups, and the "
            f"{forms.plural(packets, 'packet')} in the Library made for them (a packet made "
            "for a group they were in goes too, with the other students' copies). This cannot "
            "be undone."
        )
        sure = st.checkbox(f"Yes, delete {saved.code} and their data", key=f"sure:{saved.id}")
        if st.button("Delete student", disabled=not sure, key=f"delete:{saved.id}"):
            with common.user_errors():
                gone = lib.delete_student(saved.id)
                forget_results()
                forms.forget(form_page(saved))  # an unsaved edit may hold their name
                st.session_state["students:notice"] = (
                    f"Deleted {saved.code} and {forms.plural(gone, 'packet')} made for them."
                )
                st.session_state["students:reset"] = True
                st.rerun()


def forget_results() -> None:
    """Results on the material pages may show a deleted student's copies: drop them too."""
    for key in list(st.session_state):
        if str(key).startswith(("result:", "error:")):
            del st.session_state[key]


def groups_section(roster: list[SavedStudent]) -> None:
    lib = common.library()
    st.subheader("Groups")
    groups = lib.groups()
    by_id = {saved.id: saved for saved in roster}
    for group in groups:
        members = ", ".join(by_id[i].label for i in group.student_ids if i in by_id) or "nobody"
        st.markdown(f"**{common.escape(group.name)}**: {common.escape(members)}")
    if not roster:
        st.caption("Add students first, then put them in groups.")
        return
    names = {group.id: group.name for group in groups}
    if st.session_state.pop("groups:reset", False):
        forms.fill("groups", {"choice": NEW})
    choice = forms.selectbox(
        "groups",
        "choice",
        "Add or edit a group",
        [NEW, *names],
        NEW,
        format_func=lambda i: "Add a new group" if i == NEW else f"Edit {names[i]}",
    )
    group = next((g for g in groups if g.id == choice), None)
    page = f"groups:{choice or 'new'}"
    name = forms.text_input(
        page, "name", "Group name", group.name if group else "", placeholder="e.g. Reading group 1"
    )
    members = forms.multiselect(
        page,
        "members",
        "Students in the group",
        list(by_id),
        [i for i in group.student_ids if i in by_id] if group else [],
        format_func=lambda i: by_id[i].label,
    )
    if st.button("Save group" if group else "Add group", key=f"{page}:save"):
        with common.user_errors():
            lib.save_group(name, members, group.id if group else None)
            forms.forget(page)
            st.session_state["students:notice"] = f"Saved the group {' '.join(name.split())}."
            st.rerun()
    if group is not None and st.button(f"Delete the group {group.name}", key="groups:delete"):
        with common.user_errors():
            lib.delete_group(group.id)
            forms.forget(page)
            st.session_state["students:notice"] = (
                f"Deleted the group {group.name} (its students stay on the caseload)."
            )
            st.session_state["groups:reset"] = True
            st.rerun()


def import_section() -> None:
    with st.expander("Add students from a file (CSV or JSON)"):
        st.caption(
            "A spreadsheet saved as CSV, one student per row, with the columns: code (required), "
            "grade, reading_level, accommodations (short names separated by ';', e.g. "
            "large-print;word-bank), goals (separated by '|'), name."
        )
        upload = st.file_uploader("Students file", type=["csv", "json"], key="students:file")
        if upload is not None and st.button("Add these students", key="students:import"):
            with common.user_errors():
                text = upload.getvalue().decode("utf-8-sig", errors="replace")
                parsed = students_file.parse_students(text, upload.name)
                lib = common.library()
                taken = {saved.code.lower() for saved in lib.students()}
                clash = [s.code for s in parsed if s.code.lower() in taken]
                if clash:
                    raise InputError(f"Already on the caseload: {', '.join(clash)}. Nothing added.")
                for student in parsed:
                    lib.add_student(
                        make_student(
                            code=student.code,
                            name=student.name,
                            grade=student.grade,
                            reading_level=student.reading_level,
                            accommodations=student.accommodations,
                            goals=student.goals,
                        )
                    )
                st.session_state["students:notice"] = (
                    f"Added {forms.plural(len(parsed), 'student')}."
                )
                st.rerun()


def main() -> None:
    st.title("Students")
    st.caption(
        "Your caseload, stored on this computer. Documents and models only ever see the code."
    )
    notice = st.session_state.pop("students:notice", None)
    if notice:
        st.success(notice)
    try:
        roster = common.caseload()
    except Exception as error:
        st.error(common.message_for(error))
        return
    caseload_table(roster)
    students_section(roster)
    import_section()
    st.divider()
    groups_section(roster)


main()
