"""Copies for students on the caseload, from the command line and the API: one per student,
each labelled with its own code, and no real name in any file."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from docx_read import all_text, open_docx
from samples import sample

from generators import api
from generators.cli import main
from generators.students import load_students

NAMES = ("Maria", "Lopez", "Jamal", "Reed", "Ana Park", "2014-03-09")
CASELOAD = """code,name,birthdate,grade,reading_level,accommodations,goals
Student A,Maria Lopez,2014-03-09,5,3,large-print;fewer-items,Student A will read 60 words per minute.|Maria will name the main idea of a paragraph in 4 of 5 trials.
Student B,Jamal Reed,,5,5,,Student B will solve two-step word problems with 80% accuracy.
Student C,Ana Park,,5,5,chunking,
"""  # noqa: E501


@pytest.fixture
def caseload(tmp_path) -> Path:
    path = tmp_path / "caseload.csv"
    path.write_text(CASELOAD)
    return path


def run(capsys, *args: str) -> tuple[int, dict]:
    code = main([*args, "--json"])
    captured = capsys.readouterr()
    return code, json.loads(captured.out) if captured.out.strip() else {"error": captured.err}


def no_names_in(folder: Path) -> None:
    for path in folder.iterdir():
        text = all_text(open_docx(path.read_bytes())) + path.name
        for part in NAMES:
            assert part not in text, (part, path.name)


def header_text(path: Path) -> str:
    document = open_docx(path.read_bytes())
    return " ".join(p.text for s in document.sections for p in s.header.paragraphs)


def test_worksheet_makes_one_copy_per_student_from_the_command_line(caseload, tmp_path, capsys):
    out = tmp_path / "out"
    code, report = run(capsys, "worksheet", "--students", str(caseload),
                       "--source", str(sample("water_cycle.txt")), "--out", str(out))  # fmt: skip
    assert code == 0, report
    assert report["students"] == ["Student A", "Student B", "Student C"]
    copies = [f for f in report["files"] if f["role"] == "student"]
    assert [(Path(f["path"]).name.split("_")[0], f["level"]) for f in copies] == [
        ("student-a", 3), ("student-b", 5), ("student-c", 5)
    ]  # fmt: skip
    for entry in copies:  # each copy prints its own code, and only its own
        own = entry["title"].split(":")[0]
        assert header_text(Path(entry["path"])) == f"Copy for {own}"
        text = all_text(open_docx(Path(entry["path"]).read_bytes()))
        others = {"Student A", "Student B", "Student C"} - {own}
        assert not any(other in text for other in others)
    # Student C's chunking differs from Student B's needs: three teacher copies, one per need set
    assert sum(f["role"] == "teacher" for f in report["files"]) == 3
    no_names_in(out)


def test_worksheet_with_students_needs_no_levels_but_refuses_both(caseload, tmp_path, capsys):
    code = main(["worksheet", "--students", str(caseload), "--levels", "3",
                 "--source", str(sample("honeybees.txt")), "--out", str(tmp_path)])  # fmt: skip
    assert code == 2
    assert "leave out --levels" in capsys.readouterr().err
    code = main(["worksheet", "--source", str(sample("honeybees.txt")), "--out", str(tmp_path)])
    assert code == 2
    assert "Give the reading levels with --levels" in capsys.readouterr().err


def test_modify_for_a_group_of_the_caseload(caseload, tmp_path, capsys):
    out = tmp_path / "out"
    code, report = run(capsys, "modify", "--assignment", str(sample("main_idea_assignment.txt")),
                       "--students", str(caseload), "--group", "Student A,Student C",
                       "--accommodations", "extra-spacing", "--out", str(out))  # fmt: skip
    assert code == 0, report
    assert report["students"] == ["Student A", "Student C"]
    names = sorted(Path(f["path"]).name for f in report["files"])
    assert [name.split("_")[1] for name in names] == ["student-a"] * 2 + ["student-c"] * 2
    teacher_a = next(f for f in report["files"] if "student-a" in f["path"] and
                     f["role"] == "teacher")  # fmt: skip
    text = all_text(open_docx(Path(teacher_a["path"]).read_bytes()))
    assert "Large print" in text and "Extra spacing" in text  # profile plus the ones chosen
    no_names_in(out)


def test_data_sheets_for_every_goal_on_file(caseload, tmp_path, capsys):
    out = tmp_path / "out"
    code, report = run(capsys, "data-sheet", "--students", str(caseload), "--out", str(out))
    assert code == 0, report
    assert len(report["files"]) == 3  # two goals for Student A, one for Student B
    assert any("No IEP goals on file for Student C" in w for w in report["warnings"])
    sheets = "\n".join(all_text(open_docx(Path(f["path"]).read_bytes())) for f in report["files"])
    assert "Student A will name the main idea" in sheets  # the name in the goal became the code
    no_names_in(out)


def test_group_needs_a_students_file(tmp_path, capsys):
    code = main(["modify", "--assignment", str(sample("main_idea_assignment.txt")),
                 "--group", "Student A", "--out", str(tmp_path)])  # fmt: skip
    assert code == 2
    assert "--group needs --students" in capsys.readouterr().err


def test_a_name_in_the_group_is_refused(caseload, tmp_path, capsys):
    code = main(["data-sheet", "--students", str(caseload), "--group", "Maria Lopez",
                 "--out", str(tmp_path)])  # fmt: skip
    assert code == 2
    assert "is a name, birthdate or ID" in capsys.readouterr().err


def test_the_api_labels_each_copy_with_its_code(caseload):
    roster = load_students(caseload)
    packet = api.make_for_students(
        "modify",
        roster[1:],
        {"assignment": _assignment(), "accommodations": ["large-print"]},
        roster=roster,
    )
    assert packet.codes == ("Student B", "Student C")
    assert [d.title.split(":")[0] for d in packet.documents] == ["Student B"] * 2 + [
        "Student C"
    ] * 2
    assert len({d.filename for d in packet.documents}) == 4  # no two copies share a file name
    assert [r["student_code"] for r in packet.inputs["requests"]] == ["Student B", "Student C"]
    assert "caseload" not in packet.inputs["requests"][0]


def _assignment():
    from generators import assignment

    return assignment.load(sample("main_idea_assignment.txt"))
