"""Progress graphs: reading the session CSV, the lines drawn, the decision, the DOCX and PNG."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from docx_read import all_text, open_docx

from generators import api
from generators.cli import main
from generators.domain.progress import least_squares
from generators.errors import InputError
from generators.progress_graph import make_request

GOAL = "Given 10 CVC words, Student A will read them aloud with 80% accuracy in 4 of 5 sessions."
RISING = """date,percent,phase
2026-09-08,20,Baseline
2026-09-10,30,Baseline
2026-09-12,25,Baseline
2026-09-15,40,Intervention
2026-09-17,50,Intervention
2026-09-19,55,Intervention
2026-09-22,70,Intervention
2026-09-24,80,Intervention
2026-09-26,85,Intervention
2026-09-29,80,Intervention
2026-10-01,90,Intervention
"""
FLAT = "session,score\n1,30\n2,35\n3,30\n4,32\n5,31\n6,30\n"
PNG_MAGIC = b"\x89PNG\r\n\x1a\n"


def graph(data: str = RISING, **options):
    request = make_request(data_text=data, goal=GOAL, student_code="Student A", **options)
    material = api.generate("graph", request)
    [document] = api.render(material)
    return material, document


def test_mastery_met_is_read_off_the_current_phase():
    material, _ = graph(aim=80, mastery="80% in 4 of 5 sessions")
    assert material.decision == "4 of the last 5 sessions at or above 80%: mastery criterion met."
    assert material.phase_changes == [3]


def test_three_sessions_below_the_aim_line_call_for_a_change():
    material, _ = graph(FLAT, aim=80, baseline=2)
    assert material.decision == "Below the aim line for 3 sessions: consider a change."
    # The aim line runs from the baseline's median (32.5) at the last baseline session to 80.
    assert material.aim_line[1] == pytest.approx(32.5) and material.aim_line[-1] == 80


def test_too_few_sessions_in_the_phase_to_decide():
    data = "session,value,phase\n1,10,Baseline\n2,12,Baseline\n3,40,Intervention\n"
    material, _ = graph(data)
    assert material.decision.startswith("Only 1 session in this phase")
    assert material.trend is None


def test_trend_is_least_squares_over_the_current_phase():
    assert least_squares([(0, 1), (1, 3), (2, 5)]) == pytest.approx((2.0, 1.0))
    material, _ = graph(aim=80)
    assert material.trend_slope == pytest.approx(300 / 42)
    assert len(material.trend) == 8  # the intervention sessions only


def test_docx_holds_the_chart_and_the_decision_sentence():
    material, document = graph(aim=80, mastery="80% in 4 of 5 sessions")
    docx = open_docx(document.data)
    assert len(docx.inline_shapes) == 1
    [image] = [part for part in docx.part.package.parts if part.content_type == "image/png"]
    assert image.blob.startswith(PNG_MAGIC) and len(image.blob) > 20_000
    text = all_text(docx)
    assert f"Decision: {material.decision}" in text and GOAL in text


BAD = [
    ("date,value\n2026-09-08,70\n2026-09-10,seventy\n", "Row 3 of the data file: 'seventy' in "
     "the value column is not a number"),
    ("", "The data file is empty"),
    ("date,notes\n2026-09-08,good day\n", "no value column"),
    ("date,value\n", "has a header but no sessions"),
    ("date,value\n2026-09-08,\n", "Row 2 of the data file has no value"),
]  # fmt: skip


@pytest.mark.parametrize(("data", "message"), BAD)
def test_bad_data_files_get_a_specific_message(data, message):
    with pytest.raises(InputError, match=message):
        make_request(data_text=data, goal=GOAL, student_code="Student A")


@pytest.mark.parametrize(
    ("options", "message"),
    [({"aim": 120}, "a percentage aim is 0 to 100"), ({"baseline": 11}, "Baseline of 11 sessions"),
     ({"goal": " "}, "The IEP goal is empty")],
)  # fmt: skip
def test_bad_options_get_a_specific_message(options, message):
    fields = {"data_text": RISING, "goal": GOAL, "student_code": "Student A", **options}
    with pytest.raises(InputError, match=message):
        make_request(**fields)


def test_a_rate_goal_is_graphed_in_its_own_unit():
    data = "date,wcpm\n9/1,42\n9/8,45\n9/15,51\n9/22,55\n9/29,58\n"
    material, _ = graph(data, aim=60)
    assert material.unit == ""
    # No baseline: the aim line starts at the first session (42) and reaches 60 at the last.
    assert material.aim_line == pytest.approx((42, 46.5, 51, 55.5, 60))
    assert material.decision.startswith("Trend is flatter than the aim line")
    with pytest.raises(InputError, match="give aim instead, in the data's own unit"):
        make_request(data_text=data, goal=GOAL, student_code="Student A",
                     mastery="80% in 4 of 5 sessions")  # fmt: skip


def test_cli_writes_the_docx_and_the_png_and_prints_the_decision(tmp_path, capsys):
    data = tmp_path / "sessions.csv"
    data.write_text(RISING)
    code = main(["graph", "--data", str(data), "--goal", GOAL, "--student", "Student A",
                 "--aim", "80", "--mastery", "80% in 4 of 5 sessions",
                 "--out", str(tmp_path / "out"), "--json"])  # fmt: skip
    assert code == 0
    report = json.loads(capsys.readouterr().out)
    assert report["decision"].endswith("mastery criterion met.")
    paths = sorted(Path(entry["path"]).name for entry in report["files"])
    assert paths == ["graph_student-a.docx", "graph_student-a.png"]
    assert (tmp_path / "out" / "graph_student-a.png").read_bytes().startswith(PNG_MAGIC)


def test_cli_refuses_a_missing_or_wrong_data_file(tmp_path, capsys):
    assert main(["graph", "--data", str(tmp_path / "nope.csv"), "--goal", GOAL,
                 "--student", "Student A", "--out", str(tmp_path)]) == 2  # fmt: skip
    assert "Data file not found" in capsys.readouterr().err


def test_one_data_file_for_a_caseload_makes_a_graph_per_student(tmp_path, capsys):
    roster = tmp_path / "students.csv"
    roster.write_text("code,grade,name\nStudent A,3,Maria Lopez\nStudent B,4,Jamal Brown\n"
                      "Student C,4,\n")  # fmt: skip
    data = tmp_path / "sessions.csv"
    data.write_text("student,date,value\nMaria Lopez,9/1,40\nMaria Lopez,9/8,55\n"
                    "Maria Lopez,9/15,60\nStudent B,9/1,70\nStudent B,9/8,75\n"
                    "Student B,9/15,85\n")  # fmt: skip
    code = main(["graph", "--data", str(data), "--goal", GOAL, "--students", str(roster),
                 "--aim", "80", "--out", str(tmp_path / "out"), "--json"])  # fmt: skip
    assert code == 0
    report = json.loads(capsys.readouterr().out)
    assert sorted(Path(entry["path"]).name for entry in report["files"]) == [
        "graph_student-a.docx",
        "graph_student-b.docx",
    ]
    assert any("No rows for Student C" in warning for warning in report["warnings"])
    text = all_text(open_docx((tmp_path / "out" / "graph_student-a.docx").read_bytes()))
    assert "Maria" not in text and "3 sessions; last: 9/15 = 60%" in text


def test_a_student_missing_from_a_multi_student_file_is_named():
    data = "student,date,value\nStudent B,9/1,70\n"
    with pytest.raises(InputError, match="no rows for Student A \\(students in it: Student B\\)"):
        make_request(data_text=data, goal=GOAL, student_code="Student A")


def test_the_mastery_percentage_is_the_aim_when_no_aim_is_given():
    material, _ = graph(FLAT, baseline=2, mastery="80% in 4 of 5 sessions")
    assert material.aim == 80 and material.aim_line[-1] == 80
    assert material.decision == "Below the aim line for 3 sessions: consider a change."
