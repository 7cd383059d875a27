"""Small-group plans: timing that adds up, per-student copies, privacy, offline and model paths."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from docx_read import all_text, effective_size, open_docx, word_banks
from printed import needs_libreoffice, printed_pages
from small_group_stub import MISCONCEPTIONS, codes_and_levels, plan_reply, plan_responder
from stub_openai import Reply

from generators import api, registry, small_group
from generators.cli import main
from generators.domain.small_group import (
    MAX_MINUTES,
    MIN_MINUTES,
    content_model,
    exit_ticket_minutes,
    split_minutes,
)
from generators.domain.students import Student
from generators.errors import InputError, ModelError
from generators.models import OfflineEngine, from_env

PRIVATE = ("Maria", "Lopez", "Jamal", "Brown", "2016-04-02", "123456", "99887766")

GROUP = [
    Student(code="Student A", grade=3, reading_level=2,
            accommodations=("large-print", "fewer-items"),
            goals=("Maria will answer wh- questions with 80% accuracy.", "Reads 60 wcpm."),
            name="Maria Lopez", birthdate="2016-04-02", student_id="123456"),
    Student(code="Student B", grade=3, reading_level=3,
            accommodations=("sentence-starters", "word-bank", "read-aloud"),
            name="Jamal Brown", student_id="99887766"),
    Student(code="Student C", grade=3, reading_level=4),
]  # fmt: skip


def request_for(students=GROUP, **options):
    fields = {"objective": "Find the main idea of a paragraph", "subject": "reading", "grade": 3,
              "students": students, **options}  # fmt: skip
    return small_group.make_request(**fields)


def documents_by_role(documents):
    found: dict[str, list] = {}
    for document in documents:
        found.setdefault(document.role, []).append(document)
    return found


def table_with(document, first_header: str):
    for table in document.tables:
        if table.rows[0].cells[0].text == first_header:
            return table
    raise AssertionError(f"no table headed {first_header!r}")


def column(table, index: int) -> list[str]:
    return [row.cells[index].text for row in table.rows[1:]]


def student_page(documents, code: str):
    [page] = [d for d in documents if d.role == "student" and d.title.endswith(code)]
    return open_docx(page.data)


# --- Timing: computed, never asked of a model ---


@pytest.mark.parametrize("minutes", range(MIN_MINUTES, MAX_MINUTES + 1))
def test_phases_add_up_exactly_for_every_allowed_length(minutes):
    phases = split_minutes(minutes)
    assert [p.name for p in phases] == ["Warm-up", "I do", "We do", "You do"]
    assert sum(p.minutes for p in phases) == minutes
    assert all(p.minutes >= 1 for p in phases)
    assert [p.start for p in phases] == [0, *(p.end for p in phases[:-1])]
    assert phases[-1].end == minutes
    assert 1 <= exit_ticket_minutes(phases[-1].minutes) < phases[-1].minutes


def test_twenty_minutes_split():
    assert [p.minutes for p in split_minutes(20)] == [3, 5, 6, 6]


# --- Offline engine ---


def offline_packet(**options):
    material = api.generate("group-plan", request_for(**options), OfflineEngine())
    return material, api.render(material)


def test_offline_plan_fills_what_the_inputs_determine_and_labels_the_rest():
    material, documents = offline_packet(minutes=25)
    roles = documents_by_role(documents)
    assert [len(roles[r]) for r in ("teacher", "para", "student")] == [1, 1, 3]
    plan = open_docx(roles["teacher"][0].data)
    text = all_text(plan)
    assert "Made by the offline engine (no AI)" in text
    timing = table_with(plan, "Part")
    minutes = column(timing, 1)
    assert column(timing, 0)[-1] == "Total" and minutes[-1] == "25"
    assert sum(int(m) for m in minutes[:-1]) == 25
    misconceptions = table_with(plan, "#")
    assert column(misconceptions, 1) == [
        f"Misconception {n}: ______________________ (write before the lesson)" for n in (1, 2, 3)
    ]
    assert all(cell.startswith("Adult move: ____") for cell in column(misconceptions, 3))
    sort = table_with(plan, "Sort")
    assert column(sort, 0) == ["Got it", "Almost", "Re-teach"]
    assert all(column(sort, 1)) and all(column(sort, 2))
    [data] = [t for t in plan.tables if t.rows[0].cells[1].text.startswith("Mid check")]
    assert column(data, 0) == ["Student A", "Student B", "Student C"]
    assert "Decision rule: If all 3 students get it right" in text
    assert "Exit-ticket item on the hardest case: ____" in text
    assert material.content is None and material.engine.kind == "offline"
    assert "Standard" not in text  # none given, none shown
    assert not [document.checks for document in documents if document.checks]  # print check


def test_offline_student_pages_have_labelled_blanks_not_invented_items():
    _, documents = offline_packet()
    text = all_text(student_page(documents, "Student C"))
    assert text.count("Practice item: ______________________ (the adult writes it") == 4
    assert "Exit-ticket item: ______________________ (the adult writes it" in text
    fewer = all_text(student_page(documents, "Student A"))
    assert fewer.count("Practice item: ____") == 3  # fewer-items


def test_offline_key_words_come_from_the_source_text():
    source = Path(__file__).resolve().parent / "fixtures" / "honeybees.txt"
    material, documents = offline_packet(source_text=source.read_text(), source_name="bees.txt")
    assert material.key_words and all(
        word.lower() in source.read_text().lower() for word in material.key_words
    )
    (bank,) = word_banks(student_page(documents, "Student B"))
    assert bank == list(material.key_words)  # one word to a cell


# --- Each student's own copy ---


def body_sizes(document) -> set[float]:
    styles = {"Passage", "Question", "Directions", "Starter"}
    return {effective_size(p) for p in document.paragraphs if p.style.name in styles}


@pytest.mark.parametrize("engine", ["offline", "model"])
def test_each_students_accommodations_are_on_their_own_copy_only(engine, stub_env):
    stub_env.set_responder(plan_responder)
    model = OfflineEngine() if engine == "offline" else from_env()
    documents = api.render(api.generate("group-plan", request_for(), model))
    page_a = student_page(documents, "Student A")
    page_b = student_page(documents, "Student B")
    page_c = student_page(documents, "Student C")
    assert min(body_sizes(page_a)) >= 18  # large print
    assert max(body_sizes(page_b)) < 18 and max(body_sizes(page_c)) < 18
    starters = {code: [p for p in page.paragraphs if p.style.name == "Starter"]
                for code, page in (("A", page_a), ("B", page_b), ("C", page_c))}  # fmt: skip
    assert len(starters["B"]) == 5  # four practice items and the exit ticket
    assert starters["A"] == [] and starters["C"] == []
    assert len(word_banks(page_b)) == 1
    assert not word_banks(page_c)
    for code, page in (("Student A", page_a), ("Student B", page_b), ("Student C", page_c)):
        assert all_text(page).count(code) == 2  # top of the page and the exit ticket
        assert not any(p.text.startswith("Answer:") for p in page.paragraphs)


def test_the_plan_records_each_students_ledger_with_modifications_marked():
    """One row per student, each accommodation with its category; what was done is spelled
    out where the demand changed (the rest shows on the student's own page)."""
    _, documents = offline_packet()
    plan = open_docx(documents_by_role(documents)["teacher"][0].data)
    [table] = [t for t in plan.tables if t.rows[0].cells[1].text.startswith("Accommodations")]
    rows = dict(zip(column(table, 0), column(table, 1), strict=True))
    assert list(rows) == ["Student A (grade 2)", "Student B (grade 3)", "Student C (grade 4)"]
    needs_a = rows["Student A (grade 2)"]
    assert needs_a.startswith("Large print (presentation); Fewer items: MODIFICATION: ")
    assert rows["Student B (grade 3)"].startswith("Read aloud (presentation); Sentence starters")
    assert "Word bank: NOT APPLIED (response): Not filled" in rows["Student B (grade 3)"]
    assert rows["Student C (grade 4)"] == "None listed: standard page."


# --- The model path: one call, validated, private ---


def model_packet(stub, **options):
    stub.set_responder(plan_responder)
    model = from_env()
    material = api.generate("group-plan", request_for(**options), model)
    return material, api.render(material), model


def test_model_plan_takes_one_call_and_shows_three_misconceptions_with_moves(stub_env):
    _, documents, model = model_packet(stub_env)
    assert model.usage.as_dict()["calls"] == 1 and len(stub_env.requests) == 1
    assert stub_env.requests[0]["response_format"]["json_schema"]["name"] == "PlanContent"
    plan = open_docx(documents_by_role(documents)["teacher"][0].data)
    misconceptions = table_with(plan, "#")
    assert len(misconceptions.rows) - 1 >= 3
    assert column(misconceptions, 3) == [item["adult_move"] for item in MISCONCEPTIONS]
    timing = table_with(plan, "Part")
    assert sum(int(m) for m in column(timing, 1)[:-1]) == 20 == int(column(timing, 1)[-1])
    assert "Made by: AI model stub-model" in all_text(plan)
    assert column(table_with(plan, "Sort"), 1) == [
        "States the unstated main idea in a sentence.",
        "Names the topic or one detail only.",
        "Copies a sentence that is not the main idea.",
    ]
    run_sheet = all_text(open_docx(documents_by_role(documents)["para"][0].data))
    assert "I read the paragraph once all the way through." in run_sheet
    assert "Point to the first and last sentence." in run_sheet


def test_each_student_gets_practice_at_their_own_level(stub_env):
    material, documents, _ = model_packet(stub_env)
    text_c = all_text(student_page(documents, "Student C"))
    assert text_c.count("(grade 4 text)") == 4 and "(grade 2 text)" not in text_c
    text_a = all_text(student_page(documents, "Student A"))
    assert text_a.count("(grade 2 text)") == 3  # fewer-items keeps three, the hardest last
    assert "Paragraph 4 (grade 2 text)" in text_a
    [plan_a] = [p for p in material.students if p.code == "Student A"]
    auto = [e for e in plan_a.ledger if not e.requested]
    assert [(e.id, e.category) for e in auto] == [("below-grade-text", "MODIFICATION")]


def test_requests_never_carry_names_birthdates_or_ids(stub_env):
    _, documents, _ = model_packet(
        stub_env,
        objective="Help Maria and Jamal find the main idea",
        notes="maria LOPEZ reads slowly; Jamal Brown (ID 99887766) needs the word bank.",
        source_text="A paragraph about bees. Maria likes bees.",
        source_name="bees.txt",
    )
    sent = json.dumps(stub_env.requests)
    for term in PRIVATE:
        assert term.lower() not in sent.lower(), term
    user = stub_env.requests[0]["messages"][-1]["content"]
    assert "Help Student A and Student B find the main idea" in user
    assert "Student A reads slowly; Student B (ID Student B)" in user
    assert "untrusted data" in user and "<source>" in user
    for document in documents:
        text = all_text(open_docx(document.data))
        assert not any(term.lower() in text.lower() for term in PRIVATE), document.filename
    plan = all_text(open_docx(documents_by_role(documents)["teacher"][0].data))
    assert "Student A reads slowly; Student B (ID Student B) needs the word bank." in plan


def test_no_standard_given_means_none_is_shown_or_invented(stub_env):
    _, documents, _ = model_packet(stub_env)
    assert (
        "No standard was given: do not name or invent"
        in (stub_env.requests[0]["messages"][-1]["content"])
    )
    plan = open_docx(documents_by_role(documents)["teacher"][0].data)
    text = all_text(plan)
    assert "Standard" not in text and not re.search(r"CCSS|\b[A-Z]{1,3}\.\d\.\d", text)


def test_a_given_standard_is_quoted_as_given(stub_env):
    standard = "CCSS.ELA-LITERACY.RI.3.2 Determine the main idea of a text."
    _, documents, _ = model_packet(stub_env, standard=standard)
    plan = open_docx(documents_by_role(documents)["teacher"][0].data)
    assert f"Standard: {standard}" in [p.text for p in plan.paragraphs]


def test_an_invented_standard_code_is_sent_back_to_the_model(stub_env):
    pairs = [("Student A", "2"), ("Student B", "3"), ("Student C", "4")]
    invented = plan_reply(pairs, objective="Students meet RL.3.2 by stating the main idea.")
    stub_env.enqueue(invented, plan_reply(pairs))
    material = api.generate("group-plan", request_for(), from_env())
    assert len(stub_env.requests) == 2
    assert "do not name any standard" in stub_env.requests[1]["messages"][-1]["content"]
    assert "RL.3.2" not in material.content.objective


def test_a_reply_missing_a_students_practice_is_re_asked_then_refused(stub_env):
    stub_env.set_responder(lambda body: plan_reply([("Student A", "2"), ("Student B", "3")]))
    model = from_env()
    with pytest.raises(ModelError, match="did not fit the expected form"):
        api.generate("group-plan", request_for(), model)
    assert len(stub_env.requests) == 1 + model.validation_retries
    for body in stub_env.requests[1:]:
        assert "missing: Student C" in body["messages"][-1]["content"]


def test_fewer_than_three_misconceptions_is_re_asked(stub_env):
    pairs = [("Student A", "2"), ("Student B", "3"), ("Student C", "4")]
    stub_env.enqueue(plan_reply(pairs, misconceptions=MISCONCEPTIONS[:2]), plan_reply(pairs))
    material = api.generate("group-plan", request_for(), from_env())
    assert len(material.content.misconceptions) == 3
    assert "at least 3 misconceptions" in stub_env.requests[1]["messages"][-1]["content"]


def test_a_run_sheet_script_too_long_for_one_page_is_re_asked(stub_env):
    pairs = [("Student A", "2"), ("Student B", "3"), ("Student C", "4")]
    long_script = [f"Step {n}." for n in range(1, 12)]
    stub_env.enqueue(plan_reply(pairs, i_do_script=long_script), plan_reply(pairs))
    material = api.generate("group-plan", request_for(), from_env())
    documents = api.render(material)
    assert len(material.content.i_do_script) == 3
    assert "i_do_script: at most 6 short lines" in stub_env.requests[1]["messages"][-1]["content"]
    assert not [document.checks for document in documents if document.checks]


def test_model_markup_is_cleaned_before_printing(stub_env):
    pairs = [("Student A", "2"), ("Student B", "3"), ("Student C", "4")]
    stub_env.enqueue(plan_reply(pairs, student_goal="**I can** find the *main idea*."))
    material = api.generate("group-plan", request_for(), from_env())
    assert material.content.student_goal == "I can find the main idea."


def test_content_model_checks_codes_only_per_request():
    reply = plan_reply([("Student A", "2")])
    content_model(("Student A",), None).model_validate(reply)
    with pytest.raises(ValueError, match="missing: Student B"):
        content_model(("Student A", "Student B"), None).model_validate(reply)
    assert content_model(("Student A",), None).__name__ == "PlanContent"


# --- The para run sheet: one printed page ---

# The largest group, with the most reminders a para has to read: the run sheet's worst case.
SIX_NEEDS = [("large-print", "sentence-starters"), ("word-bank", "read-aloud", "extended-time"),
             (), ("chunking", "fewer-items", "graphic-organizer", "breaks"),
             ("below-grade-text", "sentence-starters", "word-bank", "read-aloud"),
             ("large-print",)]  # fmt: skip
SIX_STUDENTS = [
    Student(code=f"Student {letter}", grade=3, reading_level=2 + index % 3, accommodations=needs)
    for index, (letter, needs) in enumerate(zip("ABCDEF", SIX_NEEDS, strict=True))
]
# A longer reply, within what the prompt asks for (3 to 6 script lines, 3 to 5 prompts).
LONGER_SCRIPTS = {
    "i_do_script": ["I read the paragraph out loud, all the way through.",
                    "I ask: what is each sentence about? I point to the details.",
                    "I look for what all the details have in common.",
                    "I say the main idea in my own words: bees work as a team.",
                    "I check: does every detail tell more about my main idea?"],
    "we_do_script": ["Read paragraph two together, one sentence each.",
                     "Each student points to one detail and says it.",
                     "Ask: what do these details have in common?",
                     "Together, say the main idea in one sentence.",
                     "Check it against each detail, one by one."],
}  # fmt: skip
# Body paragraphs plus, per table row, its tallest cell in paragraphs: about the printed lines
# before wrapping. The 6-student sheets below count 28-30 and print on one page in LibreOffice
# (the longer script with about two lines to spare); the stacked layout that printed on two
# pages counted 34-38.
RUN_SHEET_LINE_BUDGET = 32


def run_sheet(stub, engine: str, **reply):
    stub.set_responder(lambda body: plan_reply(codes_and_levels(body), **reply))
    model = OfflineEngine() if engine == "offline" else from_env()
    material = api.generate("group-plan", request_for(students=SIX_STUDENTS), model)
    [document] = documents_by_role(api.render(material))["para"]
    return material, document


def planned_lines(document) -> int:
    rows = [max(len(cell.paragraphs) for cell in row.cells)
            for table in document.tables for row in table.rows]  # fmt: skip
    return len(document.paragraphs) + sum(rows)


def every_paragraph(document):
    yield from document.paragraphs
    for table in document.tables:
        for row in table.rows:
            for cell in row.cells:
                yield from cell.paragraphs


@pytest.mark.parametrize("engine", ["offline", "model"])
def test_run_sheet_is_laid_out_for_one_page(engine, stub_env):
    """The cheap guard that runs everywhere: the LibreOffice test below measures the page."""
    _, document = run_sheet(stub_env, engine)
    sheet = open_docx(document.data)
    section = sheet.sections[0]
    assert (section.page_width.inches, section.page_height.inches) == (8.5, 11)
    margins = (section.left_margin, section.right_margin, section.top_margin,
               section.bottom_margin)  # fmt: skip
    assert min(margin.inches for margin in margins) >= 0.5
    assert planned_lines(sheet) <= RUN_SHEET_LINE_BUDGET
    headings = [p for p in sheet.paragraphs if p.style.name.startswith(("Heading", "Title"))]
    assert [p.text for p in headings] == ["Run sheet: 20 minutes"]  # parts named in tables
    sizes = {effective_size(p) for p in every_paragraph(sheet) if p.text.strip()}
    assert min(sizes) >= 10 and max(sizes) <= 14  # readable while teaching, nothing oversized
    assert len(sheet.tables) == 3


def test_run_sheet_keeps_everything_the_para_reads_from(stub_env):
    material, document = run_sheet(stub_env, "model")
    sheet = open_docx(document.data)
    text = all_text(sheet)
    content = material.content
    for line in [*content.i_do_script, *content.we_do_script, *content.prompts]:
        assert line in text
    assert f"Ask: {content.mid_check.question}" in text
    assert "If 5 or more of the 6 get it right: go on to You do." in text
    assert "Model one more paragraph, thinking aloud." in text  # if not yet
    clock = table_with(sheet, "Part")
    assert [cell.text for cell in clock.rows[0].cells] == ["Part", "Warm-up", "I do", "We do",
                                                           "You do"]  # fmt: skip
    assert [cell.text for cell in clock.rows[1].cells] == [
        "Clock", "0-3 (3 min)", "3-8 (5 min)", "8-14 (6 min)", "14-20 (6 min)"]  # fmt: skip
    labelled = table_with(sheet, "Sort")
    rows = {row.cells[0].text: row.cells[1].text for row in labelled.rows}
    assert rows["Got it"] == content.exit_ticket.got_it
    assert rows["Almost"] == content.exit_ticket.almost
    assert rows["Re-teach"] == content.exit_ticket.reteach
    assert rows["Student A"] == (  # below their grade, so practice at their level (auto)
        "large-print page; point to the sentence starters; text at their reading level "
        "(MODIFICATION)."
    )
    assert rows["Student C"] == "no special needs listed."
    assert "fewer items (MODIFICATION)" in rows["Student D"]
    assert [code for code in rows if code.startswith("Student ")] == [
        f"Student {letter}" for letter in "ABCDEF"]  # fmt: skip
    assert "Made by AI model stub-model" in text


def test_offline_run_sheet_leaves_ruled_lines_to_write_the_script_on(stub_env):
    _, document = run_sheet(stub_env, "offline")
    sheet = open_docx(document.data)
    cells = [p for p in every_paragraph(sheet) if p.style.name == "Form Line"]
    ladder = ["2. Point to (gestural):", "3. Say a hint (verbal):", "4. Show how (model):"]
    script = ["1.", "2.", "3."]  # I do, then We do
    assert [p.text for p in cells] == [*script, *script, *ladder, "Ask:", ""]
    text = all_text(sheet)  # each group of lines says what goes there and when
    for what in ("what you say, step by step", "what you do together, step by step",
                 "steps 2-4", "the check question"):  # fmt: skip
        assert f"Write before the lesson: {what}." in text
    assert "Made by ParaPrep offline engine (no AI)." in text


@needs_libreoffice
@pytest.mark.parametrize(
    ("engine", "reply"),
    [("offline", {}), ("model", {}), ("model", LONGER_SCRIPTS)],
    ids=["offline", "model", "model-longer-script"],
)
def test_run_sheet_prints_on_one_page(engine, reply, stub_env):
    _, document = run_sheet(stub_env, engine, **reply)
    pages = printed_pages(document)
    assert len(pages) == 1, f"the run sheet printed on {len(pages)} pages"
    assert "Student F" in pages[0] and "Made by" in pages[0]  # the last lines, not cut off


# --- Data sheets attached to a plan ---


def test_data_sheets_are_attached_one_per_goal(stub_env):
    _, documents, _ = model_packet(stub_env, data_sheets=True, data_sheet_measure="accuracy")
    sheets = documents_by_role(documents)["data-sheet"]
    assert [d.filename for d in sheets] == [
        "data-sheet_student-a_goal-1.docx",
        "data-sheet_student-a_goal-2.docx",
    ]
    first = open_docx(sheets[0].data)
    assert "Student A will answer wh- questions with 80% accuracy." in all_text(first)
    assert len(first.tables[0].columns) == 11 and len(first.tables[0].rows) == 2 + 10 + 3
    assert len(stub_env.requests) == 1  # data sheets never call the model


def test_each_attached_data_sheet_records_what_its_goal_asks_by_default(stub_env):
    """A wh- questions goal at 80% accuracy and a words-per-minute goal: one sheet each, the
    first counting + / -, the second words correct per minute (the reason printed on each)."""
    material, documents, _ = model_packet(stub_env, data_sheets=True)
    assert [sheet.measure for sheet in material.data_sheets] == ["accuracy", "fluency"]
    sheets = documents_by_role(documents)["data-sheet"]
    assert "wcpm" in all_text(open_docx(sheets[1].data)).lower()


# --- Bad inputs ---

SIX = [Student(code=f"S{n}") for n in range(1, 8)]

BAD = [
    ({"minutes": 0}, "0 minutes given: a small-group lesson is 10 to 90 minutes."),
    ({"minutes": 500}, "500 minutes given: a small-group lesson is 10 to 90 minutes."),
    ({"students": []}, "0 students given: a small group is 1 to 6 students"),
    ({"students": SIX}, "7 students given: a small group is 1 to 6 students"),
    ({"objective": "  "}, "The objective is empty"),
    ({"subject": ""}, "The subject is empty"),
    ({"grade": 14}, "Reading level 14 is out of range"),
    ({"students": [Student(code="Maria", name="Maria Lopez")]},
     "Student code 'Maria' is a student's name"),
    ({"students": [Student(code="A"), Student(code="Lopez"), Student(code="B", name="Ann Lopez")]},
     "Student code 'Lopez' is a student's name"),
    ({"notes": "x" * 4001}, "The notes is over 4000 characters"),
    ({"data_sheet_measure": "percent"}, "Unknown measure 'percent'"),
]  # fmt: skip


@pytest.mark.parametrize(("change", "message"), BAD)
def test_bad_inputs_get_a_specific_message(change, message):
    with pytest.raises(InputError, match=message.replace("(", r"\(")):
        request_for(**change)


def test_registry_lists_the_kind():
    assert registry.get("group-plan").title == "Small-group plan"
    assert {"group-plan", "data-sheet"} <= {kind.name for kind in registry.kinds()}


# --- CLI ---

CSV = """code,grade,reading_level,accommodations,goals,name,birthdate,student_id
Student A,3,2,large-print;fewer-items,Maria will answer wh- questions.,Maria Lopez,2016-04-02,123456
Student B,3,3,sentence-starters;word-bank,,Jamal Brown,,99887766
Student C,3,4,,,,,
"""


def run(args, env=None):
    environment = {k: v for k, v in os.environ.items() if not k.startswith(("OPENAI", "PARAPREP"))}
    environment.update(env or {})
    return subprocess.run([sys.executable, "-m", "generators.cli", *args], capture_output=True,
                          text=True, env=environment, timeout=120)  # fmt: skip


def test_cli_kinds_lists_both_new_kinds():
    result = run(["kinds"])
    assert result.returncode == 0
    assert "group-plan" in result.stdout and "data-sheet" in result.stdout


def test_cli_group_plan_against_the_stub_never_sends_names(stub, tmp_path):
    roster = tmp_path / "students.csv"
    roster.write_text(CSV)
    stub.set_responder(plan_responder)
    env = {"OPENAI_API_KEY": "k", "OPENAI_BASE_URL": stub.base_url, "PARAPREP_MODEL": "stub-model"}
    result = run(["group-plan", "--objective", "Maria finds the main idea", "--subject", "reading",
                  "--grade", "3", "--minutes", "30", "--students", str(roster),
                  "--notes", "Jamal needs the word bank; Lopez reads slowly.", "--data-sheets",
                  "--out", str(tmp_path / "out"), "--json"], env=env)  # fmt: skip
    assert result.returncode == 0, result.stderr
    report = json.loads(result.stdout)
    assert report["engine"]["kind"] == "model" and report["usage"]["calls"] == 1
    assert sum(phase["minutes"] for phase in report["phases"]) == 30
    assert [f["role"] for f in report["files"]] == (
        ["teacher", "para", "student", "student", "student", "data-sheet"]
    )
    assert all(Path(f["path"]).is_file() for f in report["files"])
    sent = json.dumps(stub.requests)
    assert len(stub.requests) == 1
    assert not any(term.lower() in sent.lower() for term in PRIVATE)
    assert len(report["warnings"]) == 2  # names replaced in the objective and the notes


def test_cli_group_plan_offline_with_a_group_of_codes(tmp_path, capsys):
    roster = tmp_path / "students.csv"
    roster.write_text(CSV)
    code = main(["group-plan", "--objective", "Add fractions", "--subject", "math", "--grade",
                 "4", "--students", str(roster), "--group", "Student B,student c",
                 "--engine", "offline", "--out", str(tmp_path / "out"), "--json"])  # fmt: skip
    assert code == 0
    report = json.loads(capsys.readouterr().out)
    assert [s["code"] for s in report["students"]] == ["Student B", "Student C"]
    assert report["engine"]["kind"] == "offline" and report["usage"]["calls"] == 0


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--minutes", "500"], "500 minutes given"),
        (["--minutes", "0"], "0 minutes given"),
        (["--group", "Maria"], "'Maria' is a name, birthdate or ID"),
        (["--objective", ""], "The objective is empty"),
        (["--grade", ""], "Give the group's grade"),
        (["--students", "missing.csv"], "Students file not found"),
        (["--source", "missing.txt"], "not found"),
    ],
)
def test_cli_group_plan_errors_are_one_line(args, message, tmp_path, capsys):
    roster = tmp_path / "students.csv"
    roster.write_text(CSV)
    base = {"--objective": "Main idea", "--subject": "reading", "--grade": "3",
            "--students": str(roster), "--engine": "offline", "--out": str(tmp_path)}  # fmt: skip
    for flag, value in zip(args[::2], args[1::2], strict=True):
        base[flag] = value
    code = main(["group-plan", *(item for pair in base.items() for item in pair)])
    err = capsys.readouterr().err
    assert code != 0 and err.startswith("error: ") and err.count("\n") == 1
    assert message in err and "Traceback" not in err


def test_cli_too_many_students_needs_a_group(tmp_path):
    roster = tmp_path / "students.csv"
    roster.write_text("code\n" + "\n".join(f"S{n}" for n in range(1, 8)) + "\n")
    result = run(["group-plan", "--objective", "Main idea", "--subject", "reading", "--grade",
                  "3", "--students", str(roster), "--out", str(tmp_path)])  # fmt: skip
    assert result.returncode == 2
    assert result.stderr.startswith("error: 7 students given") and "--group" in result.stderr
    assert "Traceback" not in result.stderr and result.stderr.count("\n") == 1


def test_stub_model_failure_is_one_line(stub, tmp_path, capsys, monkeypatch):
    monkeypatch.setenv("OPENAI_API_KEY", "k")
    monkeypatch.setenv("OPENAI_BASE_URL", stub.base_url)
    stub.enqueue(Reply(status=400), Reply(status=400))
    roster = tmp_path / "students.csv"
    roster.write_text(CSV)
    code = main(["group-plan", "--objective", "Main idea", "--subject", "reading", "--grade", "3",
                 "--students", str(roster), "--out", str(tmp_path / "out")])  # fmt: skip
    err = capsys.readouterr().err
    assert code == 1 and err.count("error:") == 1 and "Traceback" not in err
    assert err.splitlines()[-1].startswith("error: The model server rejected the request")
    assert not (tmp_path / "out").exists()


def test_run_sheet_lines_are_kept_short_enough_to_read_aloud():
    """The prompt asks for what the validator enforces, and a long line goes back to the model."""
    from pydantic import ValidationError

    from generators import prompts
    from generators.domain.small_group import MAX_SCRIPT_WORDS, PlanContent

    assert f"at most {MAX_SCRIPT_WORDS} words" in prompts.render("small_group.system.j2")
    reply = plan_reply([("Student A", "3")])
    reply["i_do_script"] = [*reply["i_do_script"][:1], " ".join(["word"] * (MAX_SCRIPT_WORDS + 1))]
    with pytest.raises(ValidationError, match=f"line 2 is over {MAX_SCRIPT_WORDS} words"):
        PlanContent.model_validate(reply)


@pytest.mark.parametrize(
    ("field", "most", "prompt_says"),
    [
        (("exit_ticket", "got_it"), 20, "each at most 20 words"),
        (("exit_ticket", "reteach"), 20, "each at most 20 words"),
        (("mid_check", "if_not_yet"), 30, "at most 30 words each"),
        (("student_goal",), 20, "understands, at most 20 words"),
    ],
)
def test_every_run_sheet_text_has_a_cap_the_prompt_states(field, most, prompt_says):
    """The run sheet fits one page by design: what it prints is capped, asked for in the
    prompt with the same number, and a reply over it goes back to the model (never cut)."""
    from pydantic import ValidationError

    from generators import prompts
    from generators.domain.small_group import PlanContent

    assert prompt_says in prompts.render("small_group.system.j2")
    reply = plan_reply([("Student A", "3")])
    target = reply
    for key in field[:-1]:
        target = target[key]
    target[field[-1]] = " ".join(["word"] * most)
    PlanContent.model_validate(reply)  # at the cap: accepted
    target[field[-1]] += " more"
    with pytest.raises(ValidationError, match=f"{'.'.join(field)} is over {most} words"):
        PlanContent.model_validate(reply)


def test_scripts_and_prompts_are_capped_at_what_the_prompt_asks():
    from pydantic import ValidationError

    from generators import prompts
    from generators.domain.small_group import RUN_SHEET_LISTS, PlanContent

    text = " ".join(prompts.render("small_group.system.j2").split())
    for asked in ("i_do_script: the adult's modelling, as 3 to 6 short lines",
                  "we_do_script: 3 to 6 guided", "prompts: 3 to 5 things"):  # fmt: skip
        assert asked in text
    assert RUN_SHEET_LISTS == {"i_do_script": 6, "we_do_script": 6, "prompts": 5}
    reply = plan_reply([("Student A", "3")])
    reply["prompts"] = [f"Hint {n}." for n in range(1, 7)]
    with pytest.raises(ValidationError, match="prompts: at most 5 short lines"):
        PlanContent.model_validate(reply)
