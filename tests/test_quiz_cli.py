"""`paraprep quiz` and `paraprep study-guide` from the command line, offline and per student."""

from __future__ import annotations

import json
import zipfile
from pathlib import Path

import pytest
from docx_read import all_text, open_docx

from generators import qti
from generators.cli import main

FIXTURES = Path(__file__).resolve().parent / "fixtures"
VOLCANO = str(FIXTURES / "island_volcano.txt")
REEF = str(FIXTURES / "coral_reef.txt")
NAMES = ("Maria", "Lopez", "Jamal", "Reed", "2014-03-09")
CASELOAD = """code,name,birthdate,grade,reading_level,accommodations
Student A,Maria Lopez,2014-03-09,5,3,large-print;reduced-choices
Student B,Jamal Reed,,5,5,
Student C,,,5,5,
"""


@pytest.fixture
def caseload(tmp_path) -> Path:
    path = tmp_path / "caseload.csv"
    path.write_text(CASELOAD)
    return path


def run(capsys, *args: str) -> tuple[int, dict]:
    code = main([*args, "--json"])
    captured = capsys.readouterr()
    return code, json.loads(captured.out) if captured.out.strip() else {"error": captured.err}


def test_quiz_writes_a_copy_per_level_a_key_and_the_lms_files(tmp_path, capsys):
    out = tmp_path / "out"
    code, report = run(capsys, "quiz", "--source", VOLCANO, "--levels", "3,6", "--items", "8",
                       "--engine", "offline", "--qti", "--out", str(out))  # fmt: skip
    assert code == 0, report
    assert [(f["role"], f["level"]) for f in report["files"]] == [
        ("student", 3), ("student", 6), ("teacher", None),
    ]  # fmt: skip
    assert len(report["items"]) == 8 and {i["dok"] for i in report["items"]} <= {1, 2, 3}
    package, table = sorted(report["lms_files"])[::-1]
    assert package.endswith("_qti.zip") and table.endswith("_items.csv")
    data = Path(package).read_bytes()
    assert qti.check_package(data) == []
    assert "imsmanifest.xml" in zipfile.ZipFile(Path(package)).namelist()
    assert Path(table).read_text(encoding="utf-8-sig").startswith("level,number,type,dok")


def test_quiz_errors_name_the_flag(tmp_path, capsys):
    code = main(["quiz", "--source", VOLCANO, "--levels", "3", "--types", "mc,essay",
                 "--out", str(tmp_path)])  # fmt: skip
    assert code == 2
    assert "error: Unknown item type 'essay' in --types" in capsys.readouterr().err
    code = main(["quiz", "--source", VOLCANO, "--levels", "3", "--items", "50",
                 "--out", str(tmp_path)])  # fmt: skip
    assert code == 2 and "between 3 and 20 for --items" in capsys.readouterr().err
    code = main(["quiz", "--topic", "Volcanoes", "--levels", "3", "--engine", "offline",
                 "--out", str(tmp_path)])  # fmt: skip
    assert code != 0 and "give --source" in capsys.readouterr().err


def test_quiz_per_student_shares_one_key_and_keeps_names_out(caseload, tmp_path, capsys):
    out = tmp_path / "out"
    code, report = run(capsys, "quiz", "--students", str(caseload), "--source", VOLCANO,
                       "--engine", "offline", "--out", str(out))  # fmt: skip
    assert code == 0, report
    assert report["students"] == ["Student A", "Student B", "Student C"]
    copies = [f for f in report["files"] if f["role"] == "student"]
    assert [(Path(f["path"]).name.split("_")[0], f["level"]) for f in copies] == [
        ("student-a", 3), ("student-b", 5), ("student-c", 5),
    ]  # fmt: skip
    teachers = [f for f in report["files"] if f["role"] == "teacher"]
    assert len(teachers) == 2  # Student A's modifications need their own ledger
    a_copy = all_text(open_docx(Path(copies[0]["path"]).read_bytes()))
    assert not [line for line in a_copy.splitlines() if line.startswith("D. ")]  # 3 choices
    for path in out.iterdir():
        text = all_text(open_docx(path.read_bytes())) + path.name
        assert not any(name in text for name in NAMES), path.name
    code = main(["quiz", "--students", str(caseload), "--source", VOLCANO, "--qti",
                 "--out", str(out)])  # fmt: skip
    assert code == 2 and "--qti exports one quiz" in capsys.readouterr().err


def test_study_guide_from_the_command_line_with_a_glossary(tmp_path, capsys):
    glossary = tmp_path / "glossary.txt"
    glossary.write_text("polyps: Tiny soft animals that build coral.\n")
    code, report = run(capsys, "study-guide", "--source", REEF, "--level", "4", "--cards", "6",
                       "--frayer", "2", "--glossary", str(glossary), "--engine", "offline",
                       "--out", str(tmp_path / "out"))  # fmt: skip
    assert code == 0, report
    assert report["cards"][0] == {"term": "polyps", "definition": "glossary"}
    assert {card["definition"] for card in report["cards"][1:]} == {"blank"}
    assert report["frayer"] and len(report["files"]) == 2
    assert report["key_ideas_rewritten"] is False


def test_study_guide_per_student_one_generation_per_level(caseload, tmp_path, capsys):
    code, report = run(capsys, "study-guide", "--students", str(caseload), "--source", REEF,
                       "--engine", "offline", "--out", str(tmp_path / "out"))  # fmt: skip
    assert code == 0, report
    students = [f for f in report["files"] if f["role"] == "student"]
    assert [(f["level"], f["title"].split(":")[0]) for f in students] == [
        (3, "Student A"), (5, "Student B"), (5, "Student C"),
    ]  # fmt: skip
    for entry in students:
        document = open_docx(Path(entry["path"]).read_bytes())
        header = " ".join(p.text for s in document.sections for p in s.header.paragraphs)
        assert header == f"Copy for {entry['title'].split(':')[0]}"
    large = open_docx(Path(students[0]["path"]).read_bytes())
    assert large.styles["Normal"].font.size.pt == 18  # Student A's large print
    for path in (tmp_path / "out").iterdir():
        text = all_text(open_docx(path.read_bytes())) + path.name
        assert not any(name in text for name in NAMES), path.name


def test_kinds_lists_both(capsys):
    assert main(["kinds"]) == 0
    out = capsys.readouterr().out
    assert "quiz" in out and "study-guide" in out


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["quiz", "--source", "tiny.txt", "--levels", "3", "--types", "matching"],
         "No matching items could be built from this text offline"),
        (["study-guide", "--source", REEF, "--level", "3", "--glossary", "bad.txt"],
         "Line 1 of --glossary has no definition: write it as 'term: definition'."),
        (["study-guide", "--source", REEF, "--level", "3", "--cards", "3", "--frayer", "4"],
         "choose from 0 to 3 for --frayer"),
        (["study-guide", "--topic", "Coral reefs", "--level", "3"],
         "A study guide is made from a source text: give --source"),
        (["quiz", "--source", REEF, "--levels", "3", "--types", ""],
         "Choose at least one item type for --types"),
    ],
)  # fmt: skip
def test_bad_inputs_are_one_clear_line(args, message, tmp_path, capsys, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "tiny.txt").write_text(
        "Volcanoes\n\nA volcano is a mountain. Lava comes out of it when it erupts.\n"
    )
    (tmp_path / "bad.txt").write_text("polyps Tiny soft animals\n")
    code = main([*args, "--engine", "offline", "--out", str(tmp_path / "out")])
    err = capsys.readouterr().err  # progress lines, then the one error line
    errors = [line for line in err.splitlines() if line.startswith("error: ")]
    assert code == 2 and len(errors) == 1 and message in errors[0], err
    assert "Traceback" not in err


def test_a_one_sentence_text_gives_an_honest_short_quiz(tmp_path, capsys):
    (tmp_path / "short.txt").write_text("It is hot today.\n")
    code, report = run(capsys, "quiz", "--source", str(tmp_path / "short.txt"), "--levels", "3",
                       "--engine", "offline", "--out", str(tmp_path / "out"))  # fmt: skip
    assert code == 0
    assert len(report["items"]) < 8
    assert any(
        w.startswith(f"Only {len(report['items'])} of the 8 items") for w in report["warnings"]
    )
