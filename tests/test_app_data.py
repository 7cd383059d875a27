"""The Students, Library and Settings pages, driven by AppTest."""

from __future__ import annotations

import io
import json
import zipfile

from app_pages import (
    TWO_STUDENTS,
    click,
    downloads,
    errors,
    find,
    generate,
    go,
    library,
    open_page,
    seed,
    texts,
)
from samples import sample
from stub_openai import Reply

from generators import api, worksheet

# --- Students ---


def add_student(at, code: str, name: str = "", level: int | None = 3, needs=()):
    find(at.text_input, "Code").input(code)
    find(at.text_input, "Real name").input(name)
    find(at.selectbox, "Reading level").set_value(level)
    find(at.multiselect, "Accommodations").set_value(list(needs))
    find(at.text_area, "IEP goals").input("Reads 90 words a minute\nAnswers 4 of 5 questions")
    return click(at, "Add student")


def test_an_empty_caseload_explains_codes_and_names():
    at = open_page("students")
    assert "No students yet" in texts(at) and "never leaves this computer" in texts(at)


def test_adding_two_students_then_a_group():
    at = open_page("students")
    at = add_student(at, "Student A", "Maria Lopez", 3, ["large-print"])
    assert "Added Student A." in texts(at) and not errors(at)
    at = add_student(at, "Student B", "", 5, ["word-bank"])
    table = at.table[0].value
    assert list(table.index) == ["Student A", "Student B"]
    assert list(table["Name (only on this computer)"]) == ["Maria Lopez", ""]
    saved = library().students()
    assert saved[0].student.accommodations == ("large-print",)
    assert saved[1].student.goals == ("Reads 90 words a minute", "Answers 4 of 5 questions")
    find(at.text_input, "Group name").input("Reading group 1")
    find(at.multiselect, "Students in the group").set_value([s.id for s in saved])
    at = click(at, "Add group")
    assert not errors(at)
    [group] = library().groups()
    assert group.name == "Reading group 1" and len(group.student_ids) == 2


def test_a_duplicate_code_and_a_name_as_code_are_refused_and_keep_the_form():
    seed(library(), {"code": "Student A"})
    at = add_student(open_page("students"), "student a")
    assert "already exists" in errors(at)[0]
    assert find(at.text_input, "Code").value == "student a"  # what was typed is kept
    at = add_student(at, "Maria", "Maria Lopez")
    assert "is the student's name" in errors(at)[0]
    assert len(library().students()) == 1


def test_editing_a_student():
    [a] = seed(library(), {"code": "Student A", "reading_level": 3})
    at = open_page("students")
    find(at.selectbox, "Add or edit").set_value(a)
    at.run()
    find(at.selectbox, "Reading level").set_value(4)
    at = click(at, "Save Student A")
    assert "Saved Student A." in texts(at)
    assert library().student(a).student.reading_level == 4


def test_a_half_typed_student_survives_another_page_and_a_reload():
    at = open_page("students")
    find(at.text_input, "Code").input("Student C")
    find(at.text_input, "Real name").input("Ana Ruiz")
    find(at.selectbox, "Reading level").set_value(2)
    at.run()
    at = go(go(at, "worksheet"), "students")
    assert find(at.text_input, "Code").value == "Student C"
    assert find(at.text_input, "Real name").value == "Ana Ruiz"
    reloaded = open_page("students")  # a reload is a new session: the draft comes back
    assert find(reloaded.text_input, "Code").value == "Student C"
    assert find(reloaded.selectbox, "Reading level").value == 2
    reloaded = click(reloaded, "Add student")
    assert "Added Student C." in texts(reloaded)
    assert find(reloaded.text_input, "Code").value == ""  # the next add starts empty
    assert find(open_page("students").text_input, "Real name").value == ""


def test_an_unsaved_edit_is_kept_until_saved_or_discarded():
    [a] = seed(library(), {"code": "Student A", "reading_level": 3})
    at = open_page("students")
    find(at.selectbox, "Add or edit").set_value(a)
    at.run()
    find(at.selectbox, "Reading level").set_value(5)
    at.run()
    at = go(go(at, "library"), "students")
    assert find(at.selectbox, "Add or edit").value == a
    assert find(at.selectbox, "Reading level").value == 5
    assert "not saved yet" in texts(at)
    assert library().student(a).student.reading_level == 3
    at = click(at, "Discard the changes")
    assert find(at.selectbox, "Reading level").value == 3
    assert "not saved yet" not in texts(at)


def test_a_half_made_group_survives_another_page():
    _a, b = seed(library(), *TWO_STUDENTS)
    at = open_page("students")
    find(at.text_input, "Group name").input("Math group")
    find(at.multiselect, "Students in the group").set_value([b])
    at.run()
    at = go(go(at, "worksheet"), "students")
    assert find(at.text_input, "Group name").value == "Math group"
    assert find(at.multiselect, "Students in the group").value == [b]
    at = click(at, "Add group")
    [group] = library().groups()
    assert group.name == "Math group" and group.student_ids == (b,)
    assert find(at.text_input, "Group name").value == ""


def make_packet_for(student_ids):
    request = worksheet.make_request(source_text=sample("water_cycle.txt").read_text(), levels=[3])
    material = api.generate("worksheet", request)
    return library().save_packet(
        kind="worksheet", title="For them", documents=api.render(material), student_ids=student_ids
    )


def test_deleting_a_student_needs_a_tick_and_takes_their_packets():
    a, b = seed(library(), *TWO_STUDENTS)
    library().save_group("G", [a, b])
    make_packet_for([a])
    kept = make_packet_for([b])
    at = open_page("students")
    find(at.selectbox, "Add or edit").set_value(a)
    at.run()
    assert "the 1 packet in the Library made for them" in texts(at)
    assert find(at.button, "Delete student").disabled
    find(at.checkbox, "Yes, delete Student A").check()
    at.run()
    at = click(at, "Delete student")
    assert "Deleted Student A and 1 packet made for them." in texts(at)
    assert find(at.selectbox, "Add or edit").value == 0  # back to "Add a new student"
    assert "Maria" not in texts(at) and "Maria" not in str(
        find(at.selectbox, "Add or edit").options
    )
    assert [s.code for s in library().students()] == ["Student B"]
    assert [p.id for p in library().packets()] == [kept]
    assert library().groups()[0].student_ids == (b,)


def test_importing_a_students_file():
    at = open_page("students")
    csv = "code,reading_level,accommodations,goals\nStudent A,3,large-print;word-bank,Goal one\n"
    csv += "Student B,K,,\n"
    find(at.file_uploader, "Students file").set_value(("caseload.csv", csv.encode(), "text/csv"))
    at.run()
    at = click(at, "Add these students")
    assert "Added 2 students." in texts(at)
    assert [s.student.reading_level for s in library().students()] == [3, 0]
    at = click(at, "Add these students")
    assert "Already on the caseload: Student A, Student B" in errors(at)[0]


# --- Library ---


def test_an_empty_library_says_how_it_fills():
    assert "Nothing here yet" in texts(open_page("library"))


def test_a_packet_made_on_the_worksheet_page_is_found_renamed_and_deleted():
    at = open_page()
    find(at.text_area, "...or paste").input(sample("water_cycle.txt").read_text())
    at = generate(at)
    at = go(at, "library")
    assert at.table[0].value.shape[0] == 1
    assert "Download all 3 documents (ZIP)" in downloads(at)  # downloadable again
    assert "The water on our planet is never still" in texts(at)  # with its preview
    asked = next(t.value for t in at.table if t.value.index.name == "Field")  # in words
    assert asked.loc["Levels", "Value"] == "3, 5" and "Class grade" not in asked.index
    assert list(at.table[0].value.index) == ["#1"] and at.table[0].value.index.name == "Packet"
    find(at.text_input, "New title").input("Water cycle, grades 3 and 5")
    at = click(at, "Rename")
    assert "Renamed." in texts(at)
    assert library().packets()[0].title == "Water cycle, grades 3 and 5"
    find(at.checkbox, "Yes, delete this packet").check()
    at.run()
    at = click(at, "Delete packet")
    assert "Deleted packet #1." in texts(at) and library().packets() == []


def test_the_library_filters_by_kind_and_search():
    a, _ = seed(library(), *TWO_STUDENTS)
    make_packet_for([a])
    library().save_packet(kind="data-sheet", title="Sheets", documents=library().packet(
        1).documents[:1])  # fmt: skip
    at = open_page("library")
    assert at.table[0].value.shape[0] == 2
    find(at.selectbox, "Kind").set_value("data-sheet")
    at.run()
    assert list(at.table[0].value["Title"]) == ["Sheets"]
    find(at.selectbox, "Kind").set_value("all")
    find(at.text_input, "Search").input("student a")
    at.run()
    assert list(at.table[0].value["Title"]) == ["For them"]
    find(at.text_input, "Search").input("nothing like this")
    assert "No packet matches." in texts(at.run())


# --- Settings ---


def test_settings_show_the_engine_and_where_data_lives(tmp_path):
    at = open_page("settings")
    shown = texts(at)
    assert "In use: **ParaPrep offline engine \\(no AI\\)**" in shown
    assert library().location in [code.value for code in at.code]
    assert "usage statistics: off" in shown and "Listening on 127.0.0.1 only" in shown


def test_test_connection_without_a_model_is_a_neutral_note():
    at = click(open_page("settings"), "Test connection")
    assert not errors(at) and not at.warning
    assert "nothing to test: the offline engine (no AI) works without one" in at.info[-1].value


def test_test_connection_against_the_stub(stub_env):
    at = click(open_page("settings"), "Test connection")
    assert not errors(at)
    assert "the model 'stub-model' is available" in at.success[0].value
    assert "In use: **AI model stub\\-model" in texts(at)


def test_test_connection_failure_is_a_message(stub_env, monkeypatch):
    monkeypatch.setenv("OPENAI_BASE_URL", stub_env.base_url.removesuffix("/v1") + "/nope")
    stub_env.set_responder(lambda body: Reply(status=500))
    at = click(open_page("settings"), "Test connection")
    assert "no /models endpoint" in errors(at)[0]


def test_delete_all_data_needs_the_word():
    seed(library(), *TWO_STUDENTS)
    at = open_page("settings")
    find(at.text_input, "Type DELETE").input("delete")
    at = click(at, "Delete all data")
    assert "Nothing deleted" in errors(at)[0] and len(library().students()) == 2
    find(at.text_input, "Type DELETE").input("DELETE")
    at = click(at, "Delete all data")
    assert "All data deleted." in texts(at)
    assert library().counts() == {"students": 0, "groups": 0, "packets": 0, "documents": 0}


def test_the_export_behind_the_button_holds_the_caseload():
    """AppTest cannot read a download's bytes: the button calls Library.export_zip, read here."""
    seed(library(), *TWO_STUDENTS)
    at = open_page("settings")
    assert "Export all data (ZIP)" in downloads(at)
    data = json.loads(zipfile.ZipFile(io.BytesIO(library().export_zip())).read("data.json"))
    assert [s["code"] for s in data["students"]] == ["Student A", "Student B"]


def test_a_database_that_cannot_be_opened_is_one_message(monkeypatch):
    monkeypatch.setenv("PARAPREP_DATABASE_URL", "not a database url")
    for page in ("worksheet", "students", "library", "settings"):
        at = open_page(page)
        assert any("PARAPREP_DATABASE_URL is not a database URL" in e for e in errors(at)), page
