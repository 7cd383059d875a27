"""The app pages for behaviour sheets, progress graphs and visual supports (AppTest)."""

from __future__ import annotations

import pytest
from app_pages import APP, TWO_STUDENTS, downloads, find, generate, library, seed
from streamlit.testing.v1 import AppTest

PAGES = {
    "behavior-sheet": "ui/pages/behavior_sheet.py",
    "graph": "ui/pages/graph.py",
    "visual": "ui/pages/visual.py",
    "social-story": "ui/pages/social_story.py",
}


@pytest.fixture
def app(tmp_path, monkeypatch):
    monkeypatch.setenv("PARAPREP_DATA_DIR", str(tmp_path))
    at = AppTest.from_file(APP, default_timeout=60).run()
    assert not at.exception, at.exception
    return at


def test_behavior_page_makes_a_sheet_and_refuses_an_empty_definition(app):
    at = app.switch_page(PAGES["behavior-sheet"]).run()
    find(at.text_input, "Student code").input("Student A")
    find(at.text_input, "Behaviour").input("Out of seat")
    done = generate(at)
    assert any("operational definition is empty" in e.value for e in done.error)
    find(done.text_area, "Operational definition").input("Bottom off the chair for 3 seconds.")
    done = generate(done)
    assert not done.error, [e.value for e in done.error]
    assert downloads(done) == ["Download DOCX"]  # one document: no ZIP of one
    [summary] = library().packets()
    names = [d.filename for d in library().packet(summary.id).documents]
    assert summary.kind == "behavior-sheet" and names == ["behavior_abc_student-a.docx"]


def test_visual_page_refuses_a_first_then_with_one_item(app):
    at = app.switch_page(PAGES["visual"]).run()
    find(at.text_input, "Student code").input("Student A")
    find(at.selectbox, "Support").set_value("first-then")
    find(at.text_input, "Items").input("Math")
    done = generate(at)
    assert any("exactly 2 items" in e.value for e in done.error)


def test_graph_page_opens_with_its_table(app):
    at = app.switch_page(PAGES["graph"]).run()
    assert not at.exception
    assert find(at.text_area, "Goal")


def test_social_story_page_makes_a_story(app):
    at = app.switch_page(PAGES["social-story"]).run()
    find(at.text_input, "Student code").input("Student A")
    find(at.text_input, "The situation").input("a fire drill")
    done = generate(at)
    assert not done.error, [e.value for e in done.error]
    assert downloads(done), "no download offered"


def test_graph_page_reports_text_in_the_value_column(app):
    at = app.switch_page(PAGES["graph"]).run()
    find(at.text_input, "Student code").input("Student A")
    find(at.text_area, "Goal").input("Reads CVC words with 80% accuracy.")
    done = generate(at)  # the starter table has no values yet
    assert any("no sessions" in e.value or "no value" in e.value for e in done.error), [
        e.value for e in done.error
    ]


def test_visual_page_makes_a_copy_for_each_chosen_student_without_names(tmp_path, monkeypatch):
    monkeypatch.setenv("PARAPREP_DATA_DIR", str(tmp_path))
    a, b = seed(library(), *TWO_STUDENTS)
    at = AppTest.from_file(APP, default_timeout=60).run()
    at = at.switch_page(PAGES["visual"]).run()
    find(at.radio, "Make it for").set_value("Several students or a group")
    at = at.run()
    find(at.multiselect, "Students").set_value([a, b])
    find(at.selectbox, "Support").set_value("token-board")
    find(at.text_input, "Reward").input("Bubbles")
    done = generate(at)
    assert not done.error, [e.value for e in done.error]
    assert "Download all 2 documents (ZIP)" in downloads(done), downloads(done)
    [packet] = library().packets()
    assert packet.kind == "visual" and "Maria" not in packet.title
    names = sorted(d.filename for d in library().packet(packet.id).documents)
    assert names == ["token-board_student-a.docx", "token-board_student-b.docx"]


def test_several_students_picked_stay_picked_across_pages(app):
    _a, b = seed(library(), *TWO_STUDENTS)
    at = app.switch_page(PAGES["visual"]).run()
    at.radio[0].set_value("Several students or a group").run()
    find(at.multiselect, "Students").set_value([b]).run()
    at = at.switch_page("ui/pages/students.py").run().switch_page(PAGES["visual"]).run()
    assert at.radio[0].value == "Several students or a group"
    assert find(at.multiselect, "Students").value == [b]


def test_the_graph_table_aim_and_mastery_survive_another_page_and_a_reload(app):
    at = app.switch_page(PAGES["graph"]).run()
    find(at.text_input, "Student code").input("Student A")
    find(at.text_area, "Goal").input("Reads CVC words with 80% accuracy.")
    at.session_state["graph:rows"] = {  # what the table sends when cells are typed into
        "edited_rows": {i: {"date": f"9/{i + 1}", "value": 40 + 5 * i} for i in range(5)},
        "added_rows": [],
        "deleted_rows": [],
    }
    find(at.number_input, "Aim").set_value(80)
    find(at.text_input, "Mastery").input("80% in 4 of 5 sessions")
    at = at.run().switch_page("ui/pages/students.py").run().switch_page(PAGES["graph"]).run()
    assert find(at.number_input, "Aim").value == 80
    reloaded = AppTest.from_file(APP, default_timeout=60).run()  # a new session
    reloaded = reloaded.switch_page(PAGES["graph"]).run()
    assert find(reloaded.text_input, "Mastery").value == "80% in 4 of 5 sessions"
    done = generate(reloaded)
    assert not done.error, [e.value for e in done.error]
    [packet] = library().packets()
    sent = library().packet(packet.id).inputs
    assert "9/5" in str(sent) and sent.get("aim") == 80


def test_behaviour_timing_fields_show_only_for_the_methods_that_print_them(app):
    at = app.switch_page(PAGES["behavior-sheet"]).run()
    find(at.selectbox, "Method").set_value("frequency")
    at.run()
    labels = [w.label for w in at.text_input] + [w.label for w in at.number_input]
    assert not any(label.startswith(("Start", "End", "Interval")) for label in labels)
    find(at.selectbox, "Method").set_value("interval")
    at.run()
    assert find(at.number_input, "Interval (seconds)").value == 10  # the method's own default
    assert find(at.selectbox, "Interval type").value == "partial"
    find(at.text_input, "Student code").input("Student A")
    find(at.text_input, "Behaviour").input("Out of seat")
    find(at.text_area, "Operational definition").input("Bottom off the chair for 3 seconds.")
    find(at.text_input, "Start").input("09:00")
    find(at.text_input, "End").input("09:05")
    done = generate(at)
    assert not done.error, [e.value for e in done.error]
    [packet] = library().packets()
    assert packet.kind == "behavior-sheet" and "Interval" in packet.title
