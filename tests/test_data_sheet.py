"""IEP progress data sheets: the grid's shape, the legend, the mastery line, and bad inputs."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from docx.enum.section import WD_ORIENT
from docx_read import all_text, effective_size, open_docx
from printed import needs_libreoffice, printed_pages

from generators import api, registry
from generators.cli import main
from generators.data_sheet import make_request
from generators.domain.data_sheet import PROMPT_CODES, parse_mastery
from generators.domain.students import Student
from generators.errors import InputError

GOAL = "Given a grade 2 passage, Student A will answer wh- questions with 80% accuracy."
ROSTER = [
    Student(code="Student A", goals=("Maria will read 60 words per minute.", "Second goal."),
            name="Maria Lopez", birthdate="2016-04-02", student_id="123456"),
    Student(code="Student B", name="Jamal Brown"),
]  # fmt: skip


def sheet(**options):
    request = make_request(goal=options.pop("goal", GOAL), student_code="Student A", **options)
    material = api.generate("data-sheet", request)
    documents = api.render(material)
    assert len(documents) == 1 and documents[0].role == "data-sheet"
    return material, open_docx(documents[0].data)


def rows_after_trials(mastery: bool) -> int:
    """% correct, % independent, [the mastery tally,] initials."""
    return 3 + (1 if mastery else 0)


@pytest.mark.parametrize(("trials", "sessions"), [(10, 10), (1, 1), (30, 30), (5, 12)])
def test_grid_has_a_column_per_session_and_a_row_per_trial(trials, sessions):
    _, document = sheet(trials=trials, sessions=sessions, mastery="80% in 4 of 5 sessions")
    grid = document.tables[0]
    assert len(grid.columns) == sessions + 1  # label column + one per session
    header = [cell.text for cell in grid.rows[0].cells]
    assert header == ["Session", *(str(n) for n in range(1, sessions + 1))]
    labels = [row.cells[0].text for row in grid.rows]
    assert labels[1] == "Date"
    assert [label for label in labels if label.startswith("Trial ")] == [
        f"Trial {n}" for n in range(1, trials + 1)
    ]
    assert len(grid.rows) == 2 + trials + rows_after_trials(mastery=True)
    assert labels[-4:] == ["% correct", "% independent", "80% or more? (Y/N)", "Initials"]
    assert all(cell.text == "" for row in grid.rows[1:] for cell in row.cells[1:])


def test_prompt_level_sheet_prints_every_prompt_code_and_the_goal_verbatim():
    material, document = sheet(measure="prompt-level")
    text = all_text(document)
    assert GOAL in text and "Student: Student A" in text
    legend = next(p.text for p in document.paragraphs if p.text.startswith("Prompt codes"))
    for code, meaning in PROMPT_CODES:
        assert f"{code} = {meaning.split(':')[0].lower()}" in legend
    assert "no response" in legend and "partial physical" in legend
    assert material.engine.kind == "offline"
    assert "offline engine (no AI)" in text


def test_accuracy_sheet_uses_plus_minus_marks_not_prompt_codes():
    _, document = sheet(measure="accuracy")
    text = all_text(document)
    assert "+ = correct" in text and "− = incorrect" in text
    assert not any(p.text.startswith("Prompt codes") for p in document.paragraphs)
    assert "% correct" in text and "% independent" in text


def test_sheet_is_landscape_with_a_blank_mastery_line_when_none_given():
    _, document = sheet()
    section = document.sections[0]
    assert section.orientation == WD_ORIENT.LANDSCAPE
    assert section.page_width > section.page_height
    text = all_text(document)
    assert "Mastery criterion: ____" in text
    assert len(document.tables) == 1  # no graph unless asked
    labels = [row.cells[0].text for row in document.tables[0].rows]
    assert not any("or more?" in label for label in labels)  # no tally without numbers
    assert len(document.tables[0].rows) == 2 + 10 + rows_after_trials(mastery=False)


def test_graph_page_is_a_0_to_100_grid_with_the_mastery_row_marked():
    _, document = sheet(sessions=8, mastery="80% in 4 of 5 sessions", graph=True)
    graph = document.tables[1]
    assert len(graph.columns) == 9
    labels = [row.cells[0].text for row in graph.rows]
    assert labels[0] == "Session" and labels[1] == "100%" and labels[-1] == "0%"
    assert len(labels) == 12  # header + 100, 90, ..., 0
    assert "80% mastery" in labels


# --- One printed page (landscape Letter) for the default 10 x 10 sheet ---

MASTERY = "80% in 4 of 5 sessions"
TWO_LINE_GOAL = (
    "Given a grade-level passage and a graphic organizer, Student A will identify the main idea "
    "and two supporting details with 80% accuracy in 4 of 5 trials, as measured by charted data."
)


def sheet_document(**options):
    request = make_request(goal=options.pop("goal", GOAL), student_code="Student A", **options)
    [document] = api.render(api.generate("data-sheet", request))
    return document


def body_blocks(document) -> list[str]:
    """'p' or 'tbl' for each top-level block, in page order."""
    return [child.tag.rsplit("}", 1)[-1] for child in document.element.body.iterchildren()
            if child.tag.endswith(("}p", "}tbl"))]  # fmt: skip


@pytest.mark.parametrize("measure", ["prompt-level", "accuracy"])
def test_default_sheet_is_laid_out_for_one_landscape_page(measure):
    """The cheap guard that runs everywhere (the LibreOffice tests below measure the page)."""
    _, document = sheet(mastery=MASTERY, measure=measure)
    section = document.sections[0]
    margins = (section.left_margin, section.right_margin, section.top_margin,
               section.bottom_margin)  # fmt: skip
    assert min(margin.inches for margin in margins) >= 0.5
    grid = document.tables[0]
    # Every box holds a 10 pt line in a row of a set 17 pt: an unstyled box's 12 pt line made
    # each row taller, and over 16 rows pushed the notes and initials onto a second page.
    assert {row.height.pt for row in grid.rows[1:]} == {17}
    assert {p.style.name for row in grid.rows for cell in row.cells for p in cell.paragraphs} == {
        "Small"
    }
    widths = [column.width for column in grid.columns]  # the grid LibreOffice lays out from
    usable = section.page_width - section.left_margin - section.right_margin
    assert sum(widths) <= usable and widths[0].inches >= 1.5  # labels on one line
    blocks = body_blocks(document)
    assert blocks.count("tbl") == 1
    before, after = blocks.index("tbl"), len(blocks) - blocks.index("tbl") - 1
    assert (before, after) == (5, 3)  # title, student, goal, codes, how-to | three ruled lines
    sizes = {effective_size(p) for p in document.paragraphs if p.text.strip()}
    assert min(sizes) >= 10 and max(sizes) <= 14


def test_notes_share_their_ruled_lines_with_the_mastery_decision():
    _, document = sheet()
    lines = [p for p in document.paragraphs if p.style.name == "Form Line"]
    assert [p.text for p in lines] == [
        "Notes (write the session number and date first):\tMastery met:  Yes  /  Not yet",
        "\tDate:",
        "\tChecked by:",
    ]
    assert [p.paragraph_format.keep_with_next for p in lines] == [True, True, None]


@needs_libreoffice
@pytest.mark.parametrize(
    "options",
    [
        {},
        {"mastery": MASTERY},
        {"mastery": MASTERY, "measure": "accuracy"},
        {"mastery": MASTERY, "goal": TWO_LINE_GOAL},
    ],
    ids=["default", "mastery", "mastery-accuracy", "mastery-two-line-goal"],
)
def test_default_sheet_prints_on_one_landscape_page(options):
    pages = printed_pages(sheet_document(**options))
    assert len(pages) == 1, f"the data sheet printed on {len(pages)} pages"
    assert "Initials" in pages[0] and "Checked by:" in pages[0]  # the last lines, not cut off


@needs_libreoffice
def test_the_graph_prints_on_its_own_second_page():
    pages = printed_pages(sheet_document(mastery=MASTERY, graph=True))
    assert len(pages) == 2
    assert "Checked by:" in pages[0] and "Progress graph" not in pages[0]
    assert pages[1].startswith("Progress graph") and "0%" in pages[1]


@needs_libreoffice
def test_a_large_grid_runs_on_with_its_header_repeated_and_nothing_cut():
    pages = printed_pages(sheet_document(trials=30, sessions=30, mastery=MASTERY))
    assert len(pages) > 1
    text = "\n".join(pages)
    assert re.findall(r"\bTrial (\d+)\b", text) == [str(n) for n in range(1, 31)]
    header = "Session " + " ".join(str(n) for n in range(1, 31))  # "30" in one piece
    assert all(header in page for page in pages)
    assert "Checked by:" in pages[-1]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("80% in 4 of 5 sessions", (80, 4, 5)),
        ("80% accuracy in 4 out of 5 consecutive sessions", (80, 4, 5)),
        ("90% across 3 consecutive sessions", (90, 3, 3)),
        ("100% on 2 of the last 3 probes", (100, 2, 3)),
        ("4/5 correct with one verbal prompt", None),
    ],
)
def test_mastery_criterion_is_read_or_kept_verbatim(text, expected):
    mastery = parse_mastery(text)
    assert mastery.text == text
    got = (mastery.percent, mastery.met, mastery.window) if mastery.parsed else None
    assert got == expected


def test_unparsed_criterion_is_printed_as_written_with_a_warning():
    material, document = sheet(mastery="4/5 correct with one verbal prompt")
    assert "Mastery criterion: 4/5 correct with one verbal prompt" in all_text(document)
    assert any("printed as written" in warning for warning in material.warnings)


def test_mastery_window_longer_than_the_sheet_is_warned():
    material, _ = sheet(sessions=3, mastery="80% in 4 of 5 sessions")
    assert any("longer than this sheet" in warning for warning in material.warnings)


BAD = [
    ({"trials": 0}, "0 trials per session asked for: choose from 1 to 30"),
    ({"trials": 100}, "100 trials per session asked for: choose from 1 to 30"),
    ({"sessions": 0}, "0 sessions asked for: choose from 1 to 30"),
    ({"sessions": 31}, "31 sessions asked for"),
    ({"measure": "percent"}, "Unknown measure 'percent': use accuracy"),
    ({"goal": "   "}, "The IEP goal is empty"),
    ({"goal": "x" * 601}, "over 600 characters"),
    ({"mastery": "120% in 4 of 5 sessions"}, "120% is not a percentage"),
    ({"mastery": "80% in 6 of 5 sessions"}, "6 of 5 sessions cannot happen"),
    ({"mastery": "80% in 0 of 5 sessions"}, "0 of 5 sessions cannot happen"),
    ({"student_code": ""}, "Give the student's code"),
    ({"student_code": "<b>"}, "Student code '<b>' must be"),
]


@pytest.mark.parametrize(("change", "message"), BAD)
def test_bad_inputs_get_a_specific_message(change, message):
    fields = {"goal": GOAL, "student_code": "Student A", **change}
    with pytest.raises(InputError, match=message.replace("(", r"\(")):
        make_request(**fields)


@pytest.mark.parametrize("name", ["Maria Lopez", "maria", "Lopez", "2016-04-02", "123456"])
def test_a_name_in_place_of_the_code_is_refused(name):
    with pytest.raises(InputError, match=r"use the student's code \(Student A\)"):
        make_request(goal=GOAL, student_code=name, students=ROSTER)


def test_unknown_code_with_a_roster_lists_the_codes():
    with pytest.raises(InputError, match="Codes: Student A, Student B"):
        make_request(goal=GOAL, student_code="Student Z", students=ROSTER)


def test_a_name_inside_the_goal_is_printed_as_the_code():
    request = make_request(goal=ROSTER[0].goals[0], student_code="student a", students=ROSTER)
    assert request.student_code == "Student A"
    assert request.goal == "Student A will read 60 words per minute."


def test_no_model_is_ever_called_even_when_one_is_configured(stub_env):
    stub_env.set_responder(lambda body: pytest.fail("a data sheet must not call a model"))
    material = api.generate("data-sheet", make_request(goal=GOAL, student_code="Student A"))
    api.render(material)
    assert stub_env.requests == []
    assert material.engine.kind == "offline"


def test_registry_lists_the_kind():
    assert registry.get("data-sheet").title == "IEP progress data sheet"


# --- CLI (in process: the subprocess path is covered in test_small_group) ---


def write_roster(tmp_path):
    path = tmp_path / "students.csv"
    path.write_text(
        "code,grade,goals,name,birthdate,student_id\n"
        "Student A,3,Maria will read 60 words per minute.|Answers wh- questions,Maria Lopez,"
        "2016-04-02,123456\n"
        "Student B,3,,Jamal Brown,,\n"
    )
    return path


def test_cli_takes_a_goal_from_the_students_file(tmp_path, capsys):
    roster = write_roster(tmp_path)
    code = main(["data-sheet", "--student", "Student A", "--students", str(roster),
                 "--goal-index", "1", "--trials", "8", "--sessions", "6", "--measure",
                 "accuracy", "--mastery", "80% in 4 of 5 sessions", "--graph",
                 "--out", str(tmp_path / "out"), "--json"])  # fmt: skip
    assert code == 0
    report = json.loads(capsys.readouterr().out)
    assert report["trials"] == 8 and report["sessions"] == 6
    assert report["mastery"]["percent"] == 80
    [entry] = report["files"]
    assert entry["role"] == "data-sheet" and entry["path"].endswith("_goal-1.docx")
    document = open_docx(Path(entry["path"]).read_bytes())
    text = all_text(document)
    assert "Student A will read 60 words per minute." in text
    assert "Maria" not in text and "Lopez" not in text
    assert len(document.tables[0].columns) == 7
    assert len(document.tables[0].rows) == 2 + 8 + rows_after_trials(mastery=True)


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--student", "Maria Lopez", "--goal-index", "1"], "is a name, birthdate or ID"),
        (["--student", "Student A"], "has 2 goals: choose one with --goal-index 1-2"),
        (["--student", "Student A", "--goal-index", "3"], "Goal 3 asked for"),
        (["--student", "Student B"], "Student B has no goals"),
    ],
)
def test_cli_roster_errors_are_one_line(args, message, tmp_path, capsys):
    roster = write_roster(tmp_path)
    code = main(["data-sheet", "--students", str(roster), *args, "--out", str(tmp_path)])
    err = capsys.readouterr().err
    assert code == 2
    assert err.startswith("error: ") and err.count("\n") == 1 and message in err
    assert "Traceback" not in err


def test_cli_goal_index_without_a_students_file(tmp_path, capsys):
    code = main(["data-sheet", "--goal", GOAL, "--student", "Student A", "--goal-index", "1"])
    assert code == 2
    assert "--goal-index needs --students" in capsys.readouterr().err


ROUTED = [
    ("Given a grade 2 passage, Student A will read 60 words correct per minute.", "fluency"),
    ("Student A will independently complete the 8-step hand-washing routine.", "task-analysis"),
    ("With no more than one verbal prompt, Student A will write his name.", "prompt-level"),
    ("Student A will add two-digit numbers with 80% accuracy.", "accuracy"),
    ("Student A will use a coping strategy when frustrated.", "prompt-level"),
]


@pytest.mark.parametrize(("goal", "measure"), ROUTED)
def test_auto_routes_each_goal_to_the_sheet_it_needs(goal, measure):
    material, _ = sheet(goal=goal, measure="auto")
    assert material.measure == measure and material.measure_reason


def test_measure_overrides_the_routing():
    material, _ = sheet(goal=ROUTED[0][0], measure="accuracy")
    assert material.measure == "accuracy" and material.measure_reason is None


def test_a_fluency_goal_gets_a_fluency_sheet_with_a_passage_page():
    _material, document = sheet(goal=ROUTED[0][0], measure="auto", mastery="60 wcpm by May")
    header = [cell.text for cell in document.tables[0].rows[0].cells]
    for column in ("Words read", "Errors", "Self-corrections", "Words correct per minute",
                   "Accuracy %"):  # fmt: skip
        assert column in header
    assert "Running word count" in [c.text for c in document.tables[1].rows[0].cells]
    assert "Mastery criterion: 60 wcpm by May" in all_text(document)


def test_task_analysis_has_a_row_per_step_and_an_error_code():
    steps = "Turn on the water; Wet hands; Get one pump of soap; Rinse; Dry hands"
    _material, document = sheet(goal=ROUTED[1][0], measure="auto", steps=steps)
    labels = [row.cells[0].text for row in document.tables[0].rows]
    assert labels[2:7] == ["1. Turn on the water", "2. Wet hands", "3. Get one pump of soap",
                           "4. Rinse", "5. Dry hands"]  # fmt: skip
    assert "E = error" in all_text(document)


def test_steps_without_a_task_analysis_are_refused():
    with pytest.raises(InputError, match="Steps are only for a task-analysis sheet"):
        make_request(goal=GOAL, student_code="Student A", measure="accuracy", steps="a; b")


def test_steps_given_with_auto_make_a_task_analysis():
    material, _ = sheet(goal=GOAL, measure="auto", steps="Take out the folder\nOpen it")
    assert material.measure == "task-analysis" and material.steps == ("Take out the folder",
                                                                       "Open it")  # fmt: skip
    assert material.trials == 2


@needs_libreoffice
def test_fluency_sheet_prints_the_sessions_then_the_passage_page():
    request = make_request(goal=ROUTED[0][0], student_code="Student A", measure="auto")
    [rendered] = api.render(api.generate("data-sheet", request))
    pages = [" ".join(page.split()) for page in printed_pages(rendered)]
    assert len(pages) == 2
    assert "Words correct per minute" in pages[0] and "Running word count" in pages[1]


ARRIVAL = ["Walk in and say hello", "Take off coat", "Hang coat on hook", "Open backpack",
           "Take out folder", "Put folder in the bin", "Put lunch in the cubby", "Zip backpack",
           "Hang up backpack", "Wash hands", "Dry hands with a towel", "Get name tag",
           "Check the picture schedule", "Move name to 'here'", "Choose a lunch card",
           "Sharpen two pencils", "Sit at the desk", "Start the morning page",
           "Raise hand when done", "Read a book quietly"]  # fmt: skip


@needs_libreoffice
@pytest.mark.parametrize(("count", "pages"), [(10, 1), (20, 2)])
def test_task_analysis_prints_ten_steps_on_a_page_and_runs_on_with_its_header(count, pages):
    request = make_request(goal=ROUTED[1][0], student_code="Student A", measure="task-analysis",
                           steps="; ".join(ARRIVAL[:count]),
                           mastery="80% in 4 of 5 sessions")  # fmt: skip
    [rendered] = api.render(api.generate("data-sheet", request))
    printed = [" ".join(page.split()) for page in printed_pages(rendered)]
    assert len(printed) == pages
    assert all(page.count("Session 1 2 3") == 1 for page in printed)  # the header on each page
    assert f"{count}. {ARRIVAL[count - 1]}" in " ".join(printed)


def test_the_mastery_criterion_prints_as_typed():
    """A data sheet says "4 of 5 sessions" when that is the rule: never "consecutive"."""
    request = make_request(
        goal="Given a grade 3 passage, Student A will answer 4 of 5 questions.",
        student_code="Student A",
        mastery="80% in 4 of 5 sessions",
    )
    text = all_text(open_docx(api.render(api.generate("data-sheet", request, None))[0].data))
    assert "Mastery, as written: 80% in 4 of 5 sessions." in text
    assert "consecutive" not in text
