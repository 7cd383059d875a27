"""The small-group plan, IEP data sheet and modify pages, driven by AppTest."""

from __future__ import annotations

import json

from app_pages import (
    TWO_STUDENTS,
    downloads,
    errors,
    find,
    generate,
    library,
    open_page,
    seed,
    texts,
)
from docx_read import all_text, open_docx
from modify_stub import responder as modify_responder
from samples import sample
from small_group_stub import plan_responder
from stub_openai import Reply

GROUP_OBJECTIVE = "find the main idea of a paragraph and two supporting details"


# --- Small-group plan ---


def plan_form(at, ids, objective=GROUP_OBJECTIVE, subject="reading"):
    find(at.multiselect, "Students").set_value(ids)
    find(at.text_input, "Objective").input(objective)
    find(at.text_input, "Subject").input(subject)
    find(at.text_area, "...or paste the lesson").input(sample("honeybees.txt").read_text())
    return at


def test_group_plan_without_a_caseload_says_what_to_do():
    at = open_page("group-plan")
    assert "Your caseload is empty" in texts(at)
    done = generate(at)
    assert "Choose the students in the group" in errors(done)[0]


def test_group_plan_offline():
    ids = seed(library(), *TWO_STUDENTS)
    at = plan_form(open_page("group-plan"), ids)
    find(at.checkbox, "Add an IEP data sheet").check()
    done = generate(at)
    assert not errors(done)
    [summary] = library().packets()
    assert summary.kind == "group-plan" and summary.students == ("Student A", "Student B")
    roles = [d.role for d in library().packet(summary.id).documents]
    assert roles.count("student") == 2 and "data-sheet" in roles
    assert downloads(done)[0] == f"Download all {len(roles)} documents (ZIP)"


def test_group_plan_missing_objective_is_a_clear_message():
    ids = seed(library(), *TWO_STUDENTS)
    done = generate(plan_form(open_page("group-plan"), ids, objective=" "))
    assert "The objective is empty" in errors(done)[0]


def test_group_plan_with_the_stub_model_sends_no_names(stub_env):
    stub_env.set_responder(plan_responder)
    ids = seed(library(), *TWO_STUDENTS)
    done = generate(plan_form(open_page("group-plan"), ids, objective="Maria finds the main idea"))
    assert not errors(done)
    assert "stub-model" in library().packets()[0].engine
    sent = json.dumps(stub_env.requests)
    assert stub_env.requests and "Maria" not in sent and "Lopez" not in sent
    inputs = json.dumps(library().packet(1).inputs)
    assert "Maria" not in inputs  # the name was replaced by the code in the request itself


def test_group_plan_model_failure_is_a_message(stub_env):
    stub_env.set_responder(lambda body: Reply(status=401, content="no"))
    ids = seed(library(), *TWO_STUDENTS)
    done = generate(plan_form(open_page("group-plan"), ids))
    assert "refused the API key" in errors(done)[0]
    assert library().packets() == []


# --- IEP data sheet ---


def test_data_sheet_for_a_typed_code_without_a_caseload():
    at = open_page("data-sheet")
    find(at.text_input, "Student code").input("Student Q")
    find(at.text_area, "Goal, as written").input("Reads 90 words a minute with 2 errors or fewer")
    find(at.text_input, "Mastery").input("80% in 4 of 5 sessions")
    done = generate(at)
    assert not errors(done)
    [summary] = library().packets()
    [sheet] = library().packet(summary.id).documents
    assert sheet.role == "data-sheet"
    assert "Reads 90 words a minute" in all_text(open_docx(sheet.data))


def test_data_sheet_takes_a_goal_from_the_students_profile():
    _, b = seed(library(), *TWO_STUDENTS)
    at = open_page("data-sheet")
    find(at.selectbox, "Student").set_value(b)
    at.run()
    find(at.radio, "IEP goal").set_value(1)
    done = generate(at)
    assert not errors(done)
    [sheet] = library().packet(1).documents
    assert "Writes a 3-sentence summary" in all_text(open_docx(sheet.data))
    assert library().packets()[0].students == ("Student B",)


def test_data_sheet_missing_goal_and_name_as_code_are_messages():
    at = open_page("data-sheet")
    find(at.text_input, "Student code").input("Student Q")
    assert "The IEP goal is empty" in errors(generate(at))[0]
    seed(library(), *TWO_STUDENTS)
    at = open_page("data-sheet")
    find(at.text_area, "Goal, as written").input("Maria reads 90 words a minute")
    done = generate(at)
    sheet = library().packet(library().packets()[0].id).documents[0]
    assert "Maria" not in all_text(open_docx(sheet.data))  # replaced by the code
    assert not errors(done)


def test_data_sheets_for_a_group_one_per_goal():
    lib = library()
    a, b = seed(lib, *TWO_STUDENTS)
    group = lib.save_group("G", [a, b])
    at = open_page("data-sheet")
    at.radio[0].set_value("A group: a sheet for each goal of each student").run()
    find(at.selectbox, "...and/or a group").set_value(group)
    done = generate(at)
    assert not errors(done)
    assert downloads(done)[0] == "Download all 3 documents (ZIP)"  # 1 goal + 2 goals


def test_data_sheets_need_no_model_even_when_the_model_fails(stub_env):
    stub_env.set_responder(lambda body: Reply(status=500))
    at = open_page("data-sheet")
    find(at.text_input, "Student code").input("Student Q")
    find(at.text_area, "Goal, as written").input("Reads 90 words a minute")
    done = generate(at)
    assert not errors(done) and stub_env.calls == 0


# --- Modify an assignment ---


def modify_form(at, accommodations=("large-print", "chunking")):
    find(at.text_area, "...or paste the assignment").input(
        sample("main_idea_assignment.txt").read_text()
    )
    find(at.multiselect, "Accommodations").set_value(list(accommodations))
    return at


def test_modify_offline_with_chosen_accommodations():
    done = generate(modify_form(open_page("modify")))
    assert not errors(done)
    [summary] = library().packets()
    documents = library().packet(summary.id).documents
    assert [d.role for d in documents] == ["student", "teacher"]
    assert open_docx(documents[0].data).styles["Normal"].font.size.pt >= 18


def test_modify_without_an_assignment_or_accommodations_says_so():
    done = generate(open_page("modify"))
    assert "Give the assignment" in errors(done)[0]
    done = generate(modify_form(open_page("modify"), accommodations=()))
    assert "Choose at least one accommodation" in errors(done)[0]


def test_modify_a_copy_for_each_student_with_their_profile():
    ids = seed(library(), *TWO_STUDENTS)
    at = modify_form(open_page("modify"), accommodations=())
    find(at.multiselect, "Students").set_value(ids)
    done = generate(at)
    assert not errors(done)
    [summary] = library().packets()
    documents = library().packet(summary.id).documents
    assert len(documents) == 4 and summary.students == ("Student A", "Student B")
    assert documents[0].title.startswith("Student A:")
    assert "Maria" not in json.dumps(library().packet(summary.id).inputs)


def test_modify_with_the_stub_model(stub_env):
    stub_env.set_responder(modify_responder)
    done = generate(modify_form(open_page("modify"), ("simplified-directions", "large-print")))
    assert not errors(done) and stub_env.requests
    assert "stub-model" in library().packets()[0].engine


def test_modify_model_failure_is_a_warning_and_the_rest_is_still_made(stub_env):
    stub_env.set_responder(lambda body: Reply(status=401, content="no"))
    done = generate(modify_form(open_page("modify"), ("simplified-directions",)))
    assert not errors(done)
    shown = [warning.value for warning in done.warning]
    assert "NOT APPLIED: 1 accommodation" in shown[0] and "Simplified directions" in shown[0]
    assert "refused the API key" in shown[1] and "OPENAI_API_KEY" not in texts(done)
    assert "check the API key in Settings" in shown[1]
    assert "was asked but failed" in texts(done)  # the caption says why no AI made it
    assert len(downloads(done)) == 3  # the ZIP and both copies, made without the model's part
