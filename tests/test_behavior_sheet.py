"""Behaviour data sheets: each method's table, the definition verbatim, one page, bad inputs."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from docx.enum.section import WD_ORIENT
from docx_read import all_text, open_docx
from printed import needs_libreoffice, printed_pages

from generators import api, registry
from generators.behavior_sheet import make_request
from generators.cli import main
from generators.domain.behavior import METHODS, ROW_LIMITS
from generators.domain.students import Student
from generators.errors import InputError

DEFINITION = (
    "Leaving the assigned seat or work area without permission: bottom off the chair for 3 "
    "seconds or more, or both feet outside the carpet square during group, during instruction "
    "or independent work. Not counted: getting up when told to, or to use a break card."
)
ROSTER = [
    Student(code="Student A", name="Maria Lopez", birthdate="2016-04-02", student_id="123456"),
    Student(code="Student B", name="Jamal Brown"),
]
TIMING = {
    "interval": {"start": "09:00", "end": "09:15", "interval_seconds": 10},
    "time-sampling": {"start": "10:00", "end": "11:00", "interval_seconds": 60},
    "scatterplot": {"start": "08:00", "end": "15:00", "interval_seconds": 1800},
}


def sheet(method: str, **options):
    fields = {"behavior": "Out of seat", "definition": DEFINITION, **TIMING.get(method, {})}
    fields.update(options)
    request = make_request(method=method, student_code="Student A", **fields)
    material = api.generate("behavior-sheet", request)
    [document] = api.render(material)
    return material, document


def table_text(document) -> str:
    docx = open_docx(document.data)
    return " ".join(cell.text for table in docx.tables for row in table.rows for cell in row.cells)


@pytest.mark.parametrize("method", METHODS)
def test_every_method_has_the_definition_verbatim_the_code_and_identity_boxes(method):
    _, document = sheet(method)
    docx = open_docx(document.data)
    text = all_text(docx) + table_text(document)
    assert DEFINITION in text
    assert "Student: Student A" in text and "Observer initials:" in text and "Date:" in text
    assert "Total" in text  # a totals / percent row or line
    section = docx.sections[0]
    assert section.orientation == WD_ORIENT.LANDSCAPE and section.page_width > section.page_height
    assert "no name on this sheet" in section.header.paragraphs[0].text
    assert section.footer.paragraphs[0].text.startswith("Student A\tPage ")


@pytest.mark.parametrize(
    ("method", "expected"),
    [
        ("abc", ["Antecedent", "Consequence", "demand placed", "transition", "denied access",
                 "attention elsewhere", "unstructured time", "redirected", "break given",
                 "ignored", "removed", "peer attention", "other:"]),
        ("frequency", ["Tally", "Rate per minute", "Minutes observed"]),
        ("duration", ["Episode start", "Episode stop", "Duration (min:sec)", "% of observed time"]),
        ("latency", ["Time cue given", "Latency (seconds)", "Average"]),
        ("scatterplot", ["Time of day", "08:00-08:30", "14:30-15:00", "Day 10", "Total per day"]),
    ],
)  # fmt: skip
def test_each_method_has_its_own_columns(method, expected):
    _, document = sheet(method)
    text = table_text(document)
    for word in expected:
        assert word in text, word


def test_partial_interval_has_a_box_per_interval_with_its_start_time():
    material, document = sheet("interval")
    assert len(material.boxes) == 90  # 15 minutes of 10-second intervals
    text = table_text(document)
    assert "From\n09:00:00" in text and "From\n09:12:30" in text and "90\n:14:50" in text
    words = all_text(open_docx(document.data))
    assert "of 90" in words and "any moment in the interval" in words


def test_whole_interval_and_time_sampling_say_how_to_score():
    _, whole = sheet("interval", interval_type="whole")
    assert "lasted the whole interval" in all_text(open_docx(whole.data))
    material, momentary = sheet("time-sampling")
    assert len(material.boxes) == 60 and material.boxes[0] == "10:00"
    assert "END of each interval" in all_text(open_docx(momentary.data))


def test_without_start_and_end_the_boxes_count_elapsed_time_with_a_warning():
    material, _ = sheet("interval", start=None, end=None, interval_seconds=15)
    assert len(material.boxes) == 40 and material.boxes[1] == "0:15"
    assert any("10 minutes" in warning for warning in material.warnings)


@needs_libreoffice
@pytest.mark.parametrize("method", METHODS)
def test_every_method_prints_on_one_landscape_page_at_its_largest(method):
    most = {"rows": ROW_LIMITS[method][1]} if method in ROW_LIMITS else {}
    if method == "interval":  # the most boxes a page takes: 90
        most = {"start": "09:00", "end": "09:15", "interval_seconds": 10}
    _, document = sheet(method, **most)
    pages = printed_pages(document)
    assert len(pages) == 1, f"{method}: {len(pages)} pages"
    assert "Operational definition" in pages[0]


BAD = [
    ({"definition": "   "}, "The operational definition is empty"),
    ({"behavior": ""}, "Name the behaviour"),
    ({"method": "tally"}, "Unknown method 'tally'"),
    ({"method": "interval", "start": "09:00", "end": "09:00"}, "is not after the start time"),
    ({"method": "interval", "start": "09:00", "end": "09:01", "interval_seconds": 120},
     "0 intervals"),
    ({"method": "interval", "start": "09:00", "end": "10:00", "interval_seconds": 10},
     "360 intervals"),
    ({"method": "interval", "interval_seconds": 0}, "choose 5 to 3600 seconds"),
    ({"method": "interval", "start": "9am"}, "Give both a start and an end time"),
    ({"method": "interval", "start": "25:00", "end": "26:00"}, "is not a time of day"),
    ({"method": "interval", "interval_type": "sometimes"}, "use partial or whole"),
    ({"method": "frequency", "rows": 0}, "choose 1 to 14"),
    ({"method": "abc", "rows": 9}, "choose 1 to 5"),
    ({"method": "scatterplot", "start": "06:00", "end": "18:00", "interval_seconds": 1800},
     "24 time slots"),
    ({"definition": "x" * 501}, "over 500 characters"),
]  # fmt: skip


@pytest.mark.parametrize(("change", "message"), BAD)
def test_bad_inputs_get_a_specific_message(change, message):
    fields = {"method": "frequency", "student_code": "Student A", "behavior": "Out of seat",
              "definition": DEFINITION, **change}  # fmt: skip
    with pytest.raises(InputError, match=message.replace("(", r"\(")):
        make_request(**fields)


@pytest.mark.parametrize("name", ["Maria Lopez", "maria", "123456", "2016-04-02"])
def test_a_name_or_id_in_place_of_the_code_is_refused(name):
    with pytest.raises(InputError, match="is a name, birthdate or ID"):
        make_request(method="abc", student_code=name, behavior="Hitting",
                     definition=DEFINITION, students=ROSTER)  # fmt: skip


def test_a_name_inside_the_definition_is_printed_as_the_code():
    request = make_request(method="frequency", student_code="Student A", behavior="Maria calls out",
                           definition="Maria Lopez calls out without raising a hand.",
                           students=ROSTER)  # fmt: skip
    [document] = api.render(api.generate("behavior-sheet", request))
    text = all_text(open_docx(document.data))
    assert "Student A calls out without raising a hand." in text
    assert "Maria" not in text and "Lopez" not in text


def test_no_model_is_ever_called_even_when_one_is_configured(stub_env):
    request = make_request(method="abc", student_code="Student A", behavior="Hitting",
                           definition=DEFINITION)  # fmt: skip
    material = api.generate("behavior-sheet", request)
    assert not material.engine.is_ai


def test_cli_makes_one_sheet_per_student_in_the_caseload(tmp_path, capsys):
    roster = tmp_path / "students.csv"
    roster.write_text("code,grade,name\nStudent A,3,Maria Lopez\nStudent B,4,Jamal Brown\n")
    code = main(["behavior-sheet", "--method", "duration", "--behavior", "Crying",
                 "--definition", "Tears and sobbing sounds for 5 seconds or more.",
                 "--students", str(roster), "--out", str(tmp_path / "out"), "--json"])  # fmt: skip
    assert code == 0
    report = json.loads(capsys.readouterr().out)
    assert report["students"] == ["Student A", "Student B"]
    names = sorted(Path(entry["path"]).name for entry in report["files"])
    assert names == ["behavior_duration_student-a.docx", "behavior_duration_student-b.docx"]
    for entry in report["files"]:
        text = all_text(open_docx(Path(entry["path"]).read_bytes()))
        assert "Maria" not in text and "Jamal" not in text


def test_cli_errors_are_one_line(tmp_path, capsys):
    code = main(["behavior-sheet", "--method", "interval", "--student", "Student A",
                 "--behavior", "Out of seat", "--definition", DEFINITION, "--start", "09:00",
                 "--end", "09:01", "--interval-seconds", "120",
                 "--out", str(tmp_path)])  # fmt: skip
    assert code == 2
    error = capsys.readouterr().err.strip().splitlines()
    assert len(error) == 1 and error[0].startswith("error: 0 intervals")


def test_registry_lists_the_new_kinds(capsys):
    names = [kind.name for kind in registry.kinds()]
    assert {"behavior-sheet", "graph", "visual"} <= set(names)
    assert main(["kinds"]) == 0
    listing = capsys.readouterr().out
    for name in ("behavior-sheet", "graph", "visual"):
        assert name in listing
