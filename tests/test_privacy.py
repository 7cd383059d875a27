"""Student data stays on the machine: names, birthdates and ID-like numbers never reach a model.

A caseload with real names goes through every material kind against the stub model, with those
names also typed into the free-text fields, and every request the stub received is searched.
"""

from __future__ import annotations

import json

import pytest
from modify_stub import responder as modify_responder
from samples import sample
from small_group_stub import plan_responder

from generators.cli import main

GOAL = "Maria will answer wh- questions with 80% accuracy by 06/01/2027"
CASELOAD = f"""code,grade,reading_level,accommodations,goals,name,birthdate,student_id
Student A,3,2,large-print;sentence-starters,{GOAL},Maria Lopez,2016-04-02,448812345
Student B,3,3,word-bank,,Jamal Washington,2015-11-30,448867890
Student C,3,4,,,,,
"""
PRIVATE = ["Maria", "Lopez", "Jamal", "Washington", "2016-04-02", "2015-11-30", "448812345",
           "448867890", "555-12-3456", "04/02/2016", "9876543210"]  # fmt: skip


@pytest.fixture
def caseload(tmp_path):
    path = tmp_path / "students.csv"
    path.write_text(CASELOAD)
    return str(path)


def assert_private(requests: list[dict]) -> None:
    assert requests, "the model was never called: nothing was checked"
    for body in requests:
        sent = json.dumps(body, ensure_ascii=False)
        for secret in PRIVATE:
            assert secret not in sent, f"{secret!r} reached the model"


def test_group_plan_sends_codes_only(stub_env, caseload, tmp_path):
    stub_env.set_responder(plan_responder)
    code = main(["group-plan", "--objective", "Help Maria and Jamal find the main idea",
                 "--subject", "reading", "--grade", "3", "--students", caseload,
                 "--notes", "Jamal Washington (ID 448867890, SSN 555-12-3456, born 04/02/2016) "
                 "sits by the door; call 9876543210 if Maria Lopez is absent.",
                 "--out", str(tmp_path / "out"), "--json"])  # fmt: skip
    assert code == 0
    assert_private(stub_env.requests)
    sent = json.dumps(stub_env.requests)
    assert "Student B" in sent and "[number removed]" in sent


def test_modify_sends_codes_only(stub_env, caseload, tmp_path):
    stub_env.set_responder(modify_responder)
    assignment = tmp_path / "assignment.txt"
    text = sample("main_idea_assignment.txt").read_text()
    assignment.write_text(text.replace("Directions:", "Directions for Maria Lopez (ID 448812345):"))
    code = main(["modify", "--assignment", str(assignment), "--student", "Student A",
                 "--students", caseload, "--accommodations", "simplified-directions",
                 "--engine", "openai", "--out", str(tmp_path / "out"), "--json"])  # fmt: skip
    assert code == 0
    assert_private(stub_env.requests)


def test_data_sheet_never_calls_a_model_and_prints_codes(stub_env, caseload, tmp_path, capsys):
    code = main(["data-sheet", "--student", "Student A", "--students", caseload,
                 "--goal-index", "1", "--out", str(tmp_path / "out"), "--json"])  # fmt: skip
    assert code == 0
    assert stub_env.requests == []
    from docx_read import all_text, open_docx

    report = json.loads(capsys.readouterr().out)
    with open(report["files"][0]["path"], "rb") as saved:
        text = all_text(open_docx(saved.read()))
    assert "Maria" not in text and "Student A" in text
    assert "06/01/2027" in text  # a goal's own date is printed as written: it never left here


def words_in_docx(path) -> str:
    """Every XML part of a saved DOCX (body, headers, footers), as text to search."""
    import zipfile

    with zipfile.ZipFile(path) as archive:
        return " ".join(
            archive.read(name).decode("utf-8", "replace")
            for name in archive.namelist()
            if name.endswith(".xml")
        )


OFFLINE_KINDS = {
    "behavior-sheet": ["--method", "abc", "--behavior", "Maria hits", "--definition",
                       "Maria Lopez (born 2016-04-02) strikes a peer with an open hand."],
    "visual": ["--type", "schedule", "--items", "Reading with Maria, Jamal's lunch"],
    "social-story": ["--topic", "Maria Lopez at a fire drill"],
}  # fmt: skip


@pytest.mark.parametrize("kind", OFFLINE_KINDS)
def test_offline_kinds_never_call_a_model_and_print_codes(stub_env, caseload, tmp_path, capsys,
                                                          kind):  # fmt: skip
    code = main([kind, "--student", "Student A", "--students", caseload,
                 *OFFLINE_KINDS[kind], "--out", str(tmp_path / "out"), "--json"])  # fmt: skip
    assert code == 0
    assert stub_env.requests == []
    report = json.loads(capsys.readouterr().out)
    for entry in report["files"]:
        text = words_in_docx(entry["path"])
        assert "Student A" in text
        for secret in PRIVATE:
            assert secret not in text, f"{secret!r} printed on {entry['path']}"


def test_graph_prints_codes_even_when_the_data_file_has_names(stub_env, caseload, tmp_path,
                                                              capsys):  # fmt: skip
    data = tmp_path / "sessions.csv"
    data.write_text("session,value,phase\nMaria 1,40,Baseline\n2,45,Baseline\n3,60,Maria's plan\n"
                    "4,70,Maria's plan\n5,75,Maria's plan\n")  # fmt: skip
    code = main(["graph", "--data", str(data), "--goal", GOAL, "--student", "Student A",
                 "--students", caseload, "--aim", "80", "--out", str(tmp_path / "out"),
                 "--json"])  # fmt: skip
    assert code == 0 and stub_env.requests == []
    report = json.loads(capsys.readouterr().out)
    docx = next(e["path"] for e in report["files"] if e["path"].endswith(".docx"))
    text = words_in_docx(docx)
    assert "Maria" not in text and "Lopez" not in text
    from generators import progress_graph
    from generators.students import load_students

    request = progress_graph.make_request(data_text=data.read_text(), goal=GOAL,
                                          student_code="Student A",
                                          students=load_students(caseload))  # fmt: skip
    assert request.sessions[0].label == "Student A 1"
    assert request.sessions[-1].phase == "Student A's plan"  # the PNG's labels come from these
