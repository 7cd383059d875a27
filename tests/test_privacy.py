"""Student data stays on the machine: names, birthdates and ID-like numbers never reach a model.

A caseload with real names goes through every material kind against the stub model, with those
names also typed into the free-text fields, and every request the stub received is searched.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from modify_stub import responder as modify_responder
from samples import sample
from small_group_stub import plan_responder

from generators import api
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


# --- The variant corpus: names, dates and IDs as people actually type them ---
#
# Every spelling below goes through every registered kind's model path (the loopback stub) and
# its documents; none may reach either. Each kind has an adapter that puts free text where a
# user of that kind types it; a kind with no adapter fails `test_every_kind_has_a_corpus_path`.

ROSTER_CSV = """code,grade,reading_level,accommodations,goals,name,birthdate,student_id
Student A,3,2,large-print,Reads 60 wcpm,José Núñez-Reyes,2015-03-14,40213377
Student B,3,3,word-bank,Answers wh- questions,Will Turner,2014-11-02,48213377
Student C,3,3,,Reads 50 wcpm,Mary-Kate O'Brien,2016-07-09,S-55123
Student D,3,4,,Writes a paragraph,Grace Nakamura-Lee,03/25/2015,7741 0092
"""
ZW, NBSP, CURLY = "\u200b", "\u00a0", "\u2019"


def name_variants() -> list[str]:
    """Each a spelling someone has typed: folded, one part, initials, pasted characters."""
    return [
        "José Núñez-Reyes", "Jose Nunez-Reyes", "Jose Nunez", "JOSE NUNEZ", "jose nunez reyes",
        "José Núñez–Reyes", "José Núñez—Reyes", "José Núñez Reyes", "Nunez-Reyes", "Núñez",
        "Nunez", "Reyes", "Ms. Reyes", "Mr. Nunez", "José", "Jose", "jose", "Jo" + ZW + "sé",
        "Jos" + ZW + "e Nu" + ZW + "nez", "Jose\u0301 Nun\u0303ez", "J. Reyes", "J Reyes",
        "J.N. Reyes", "J. Núñez-Reyes", "Reyes, José", "Reyes, Jose", f"José{NBSP}Núñez",
        "Ｊｏｓｅ", "Nuñez", "Jose\u00adNunez",
        "Will Turner", "will turner", "WILL TURNER", "Turner", "Mr. Turner", "W. Turner",
        "Turner, Will", f"Will{NBSP}Turner", "Tur" + ZW + "ner", "Will's", "Mr. Will",
        "Mary-Kate O'Brien", "Mary-Kate O\u2019Brien", "Mary Kate OBrien", "Mary-Kate",
        "Mary Kate", "Mary", "Kate", "O'Brien", f"O{CURLY}Brien", "O\u2018Brien", "OBrien",
        "O Brien", "o'brien", "M. O'Brien", "M.K. O'Brien", "MARY-KATE", "mary-kate", "Mary‑Kate",
        "Grace Nakamura-Lee", "Nakamura-Lee", "Nakamura", "Ms. Nakamura", "G. Nakamura",
        "G. Nakamura-Lee", "Grace Nakamura", "Nakamura, Grace", "Mrs. Lee", "Grace Lee",
        "NAKAMURA", "nakamura lee", "Naka" + ZW + "mura",
    ]  # fmt: skip


def date_variants() -> list[str]:
    """The caseload's birthdates in every format, and other birth-year dates."""
    forms = []
    for y, m, d, month in ((2015, 3, 14, "March"), (2014, 11, 2, "November"),
                           (2016, 7, 9, "July"), (2015, 3, 25, "March")):  # fmt: skip
        short = str(y)[2:]
        forms += [
            f"{y}-{m:02}-{d:02}", f"{y}/{m:02}/{d:02}", f"{y}.{m}.{d}", f"{m}/{d}/{y}",
            f"{m:02}/{d:02}/{y}", f"{m}/{d}/{short}", f"{d:02}.{m:02}.{y}", f"{d}.{m}.{y}",
            f"{d:02}-{m:02}-{y}", f"{d}/{m}/{y}", f"{month} {d}, {y}", f"{d} {month} {y}",
            f"{month[:3]}. {d}, {y}", f"{d}th of {month} {y}", f"{month} {d}th, {y}",
            f"{month.upper()} {d} {y}", f"{m:02}{d:02}{y}", f"{month} {d}, '{short}",
            f"{d} {month[:3]} {y}", f"{month} {d} {y}",
        ]  # fmt: skip
    return [*forms, "born 6/1/2012", "DOB: 01.02.2013"]


def id_variants() -> list[str]:
    return [
        "40213377", "4021-3377", "4021 3377", "40 21 33 77", "402.133.77", "40-213-377",
        "4-0-2-1-3-3-7-7", "48213377", "4821-3377", "482 133 77", "S-55123", "S55123",
        "s-55123", "55123", "7741 0092", "77410092", "7741-0092", "555-12-3456", "987654321",
        "(555) 123-4567",
    ]  # fmt: skip


def pasted_variants() -> list[str]:
    """Every full name as it arrives from other programs: decomposed accents, zero-width
    characters, possessives with either apostrophe, titles, shouting."""
    import unicodedata

    forms = []
    for name in ("José Núñez-Reyes", "Will Turner", "Mary-Kate O'Brien", "Grace Nakamura-Lee"):
        first, surname = name.split(" ", 1)
        forms += [
            unicodedata.normalize("NFD", name), name[0] + ZW + name[1:], f"{name}'s",
            f"{name}{CURLY}s", f"Dr. {surname}", f"Miss {surname}", surname.upper(),
            f"{first}{ZW} {surname}", f"{first}\t{surname}", f"{first[0]}.{surname}",
        ]  # fmt: skip
    return forms


# Bare numbers nobody labelled as an ID: on the printed copy of an assignment the teacher
# supplied, these are content ("Write 987654321 in words"); they are still never sent.
CONTENT_NUMBERS = ("987654321",)


def corpus() -> list[str]:
    return list(dict.fromkeys([*name_variants(), *pasted_variants(), *date_variants(),
                               *id_variants()]))  # fmt: skip


def carry(variant: str) -> str:
    """One variant in a sentence a teacher would write (not at its start: see used_as_name)."""
    return f"Please seat {variant} near the door."


def chunks(items: list[str], size: int = 12) -> list[list[str]]:
    return [items[i : i + size] for i in range(0, len(items), size)]


def roster():
    from generators.students import parse_students

    return parse_students(ROSTER_CSV, "students.csv")


def leaks(text: str, variants: list[str]) -> list[str]:
    """Variants still present in text, as typed (in their sentence) or folded."""
    from generators.domain.redaction import fold_text

    folded = fold_text(text)
    found = []
    for variant in variants:
        sentence = carry(variant)
        if sentence in text or fold_text(sentence) in folded:
            found.append(variant)
    for secret in ("Nunez", "Reyes", "Turner", "OBrien", "O'Brien", "Nakamura", "40213377",
                   "4021-3377", "48213377", "55123", "7741", "2015-03-14", "March 14"):  # fmt: skip
        if secret.lower() in folded.lower():
            found.append(secret)
    return found


def worksheet_path(text: str, students, model) -> object:
    """The worksheet has no roster: the app replaces names in the topic before the request."""
    from generators import worksheet
    from generators.domain.students import redact_for_model

    topic = redact_for_model(text, students)
    request = worksheet.make_request(topic=topic, levels=[3], max_revisions=0, check_answers=False)
    return api.generate("worksheet", request, model)


def group_plan_path(text: str, students, model) -> object:
    from generators import small_group

    request = small_group.make_request(
        objective="Find the main idea of a paragraph", subject="reading", grade=3,
        students=students, notes=text,
    )  # fmt: skip
    return api.generate("group-plan", request, model)


def modify_path(text: str, students, model) -> object:
    from generators import assignment, modify

    found = assignment.parse_text(
        f"Main idea practice\nDirections: {text}\n1. What is the main idea of the story?\n"
        "2. Which detail supports the main idea?\n3. Write one sentence about the ending.\n",
        "practice.txt", "txt",
    )  # fmt: skip
    request = modify.make_request(found, accommodations=["simplified-directions"],
                                  student_code="Student A", caseload=students)  # fmt: skip
    return api.generate("modify", request, model)


def data_sheet_path(text: str, students, model) -> object:
    from generators import data_sheet

    goal = f"Student A will find the main idea with 80% accuracy. {text}"
    request = data_sheet.make_request(goal=goal[:1500], student_code="Student A",
                                      students=students)  # fmt: skip
    return api.generate("data-sheet", request, model)


def copies_path(kind: str, **fields):
    """Kinds that make a copy per student: the typed topic goes through the caseload path."""

    def path(text: str, students, model) -> list:
        packet = api.make_for_students(kind, students[:2], {"topic": text, **fields},
                                       roster=students, model=model)  # fmt: skip
        return list(packet.documents)

    return path


def typed_variants(text: str) -> list[str]:
    """The variants back out of their sentences, for fields that hold a few words each."""
    import re

    return re.findall(r"Please seat (.+?) near the door\.", text)


def sentence_batches(text: str, limit: int = 450) -> list[str]:
    """The sentences in batches under a field's length limit, never cut inside a variant."""
    batches, current = [], ""
    for variant in typed_variants(text):
        sentence = f"Please seat {variant} near the door."
        if current and len(current) + len(sentence) + 1 > limit:
            batches.append(current)
            current = ""
        current = f"{current} {sentence}".strip()
    return [*batches, current] if current else batches


def behavior_sheet_path(text: str, students, model) -> list:
    from generators import behavior_sheet

    documents = []
    for batch in sentence_batches(text):
        request = behavior_sheet.make_request(method="frequency", student_code="Student A",
                                              behavior="Calling out", definition=batch,
                                              students=students)  # fmt: skip
        documents += api.render(api.generate("behavior-sheet", request, model))
    return documents


def graph_path(text: str, students, model) -> list:
    import csv
    import io

    from generators import progress_graph

    rows = io.StringIO()
    writer = csv.writer(rows)
    writer.writerow(["date", "value"])
    writer.writerows([variant, 50 + n] for n, variant in enumerate(typed_variants(text)))
    request = progress_graph.make_request(data_text=rows.getvalue(), goal=text[:600],
                                          student_code="Student A", aim=80,
                                          students=students)  # fmt: skip
    material = api.generate("graph", request, model)
    return api.render(material)


def visual_path(text: str, students, model) -> list:
    from generators import visual

    variants = typed_variants(text)
    documents = []
    for start in range(0, len(variants), 6):
        items = "; ".join(
            v.replace(",", " ").replace(";", " ") for v in variants[start : start + 6]
        )
        request = visual.make_request(type="schedule", student_code="Student A", items=items,
                                      students=students)  # fmt: skip
        documents += api.render(api.generate("visual", request, model))
    return documents


def social_story_path(text: str, students, model) -> list:
    from generators import social_story

    documents = []
    for variant in typed_variants(text):
        topic = f"lunch with {variant}"[:60]
        request = social_story.make_request(topic=topic, student_code="Student A",
                                            students=students)  # fmt: skip
        documents += api.render(api.generate("social-story", request, model))
    return documents


WATER_CYCLE = Path(__file__).parent / "fixtures" / "water_cycle.txt"
CORPUS_PATHS = {
    "worksheet": worksheet_path,
    "group-plan": group_plan_path,
    "modify": modify_path,
    "data-sheet": data_sheet_path,
    "quiz": copies_path("quiz", items=8, max_revisions=0, check_answers=False),
    "study-guide": copies_path("study-guide", source_text=WATER_CYCLE.read_text()),
    "behavior-sheet": behavior_sheet_path,
    "graph": graph_path,
    "visual": visual_path,
    "social-story": social_story_path,
}


def corpus_responder(body: dict) -> object:
    from quiz_stub import quiz_responder
    from worksheet_stub import worksheet_responder

    name = body["response_format"]["json_schema"]["name"]
    if name == "PlanContent":
        return plan_responder(body)
    if name in ("ModifyPlan", "RewrittenText"):
        return modify_responder(body)
    if name in ("QuizCore", "LevelWording", "QuizCheck", "StudyGuideCore"):
        return quiz_responder(body)
    return worksheet_responder(body)


def test_corpus_has_at_least_two_hundred_spellings():
    assert len(set(corpus())) >= 200


def test_every_kind_has_a_corpus_path():
    from generators import registry

    missing = [kind.name for kind in registry.kinds() if kind.name not in CORPUS_PATHS]
    assert not missing, f"add a privacy corpus path for: {', '.join(missing)}"


@pytest.mark.parametrize("kind", sorted(CORPUS_PATHS))
def test_no_variant_reaches_the_model_or_a_document(kind, stub_env):
    from docx_read import all_text, open_docx

    from generators.models import from_env

    stub_env.set_responder(corpus_responder)
    students, model = roster(), from_env()
    printed = []
    for group in chunks(corpus()):
        made = CORPUS_PATHS[kind](" ".join(carry(v) for v in group), students, model)
        for document in made if isinstance(made, list) else api.render(made):
            text = all_text(open_docx(document.data))
            printed.append(text)
            shown = [v for v in group if kind != "modify" or v not in CONTENT_NUMBERS]
            assert not leaks(text, shown), f"{kind}: printed {leaks(text, shown)}"
    from generators import registry

    if registry.get(kind).uses_model:  # offline kinds (data sheets...) never call a model
        assert stub_env.requests, "the model was never called: nothing was checked"
    else:
        assert not stub_env.requests, f"{kind} is offline but called the model"
    for body in stub_env.requests:
        sent = json.dumps(body, ensure_ascii=False)
        assert not leaks(sent, corpus()), f"{kind}: sent {leaks(sent, corpus())}"
    if kind in ("group-plan", "modify", "data-sheet", "behavior-sheet", "graph", "visual",
                "social-story"):  # they print the typed text itself  # fmt: skip
        assert any("Student A" in text for text in printed), "the names were not replaced"


# --- The rules, one sentence each ---

RULES = [
    ("Will will read. We will see.", "Student B will read. We will see."),  # a name, a verb
    ("Ask Will to read; Mr. Turner agrees.", "Ask Student B to read; Mr. Student B agrees."),
    ("Grace. Amazing grace is a song.", "Grace. Amazing grace is a song."),  # sentence start
    ("Ask Grace Nakamura-Lee.", "Ask Student D."),
    ("In May 2027 we park by the park.", None),  # a month, a verb, a noun
    ("Jose Nunez and Ms. Reyes", "Student A and Ms. Student A"),
    ("Jo\u200bsé’s turn", "Student A’s turn"),
    ("M.K. O’Brien and OBrien", "Student C and Student C"),
    ("ID 4021-3377, born 14.03.2015", "ID Student A, born [date removed]"),
    ("Test on 06/01/2027.", None),  # printed: a deadline stays
    (
        "Will: needs breaks.\nGrace: sits near the door.",
        "Student B: needs breaks.\nStudent D: sits near the door.",
    ),
]


@pytest.mark.parametrize(("text", "printed"), RULES)
def test_redaction_rules(text, printed):
    from generators.domain.students import redact

    assert redact(text, roster()) == (printed or text)


def test_a_code_that_is_a_name_is_refused_by_every_kind():
    from generators.errors import InputError
    from generators.students import parse_students

    for code in ("Jose Nunez", "Nunez", "40213377", "JOSE NUNEZ-REYES", "Reyes"):
        with pytest.raises(InputError, match=r"is (a|the student's own) name, (birthdate or )?ID"):
            parse_students(f"code,name,student_id\n{code},José Núñez-Reyes,40213377\n")


def test_a_name_that_is_not_text_is_refused():
    from generators.errors import InputError
    from generators.students import parse_students

    with pytest.raises(InputError, match="must be text, not list"):
        parse_students('[{"code": "Student A", "name": ["José", "Núñez"]}]')
    assert parse_students('[{"code": "A", "student_id": 40213377}]')[0].student_id == "40213377"


# --- Source passages: the caseload's names out, the passage's own people and numbers kept ---

GENERIC_ONLY = {"born 6/1/2012", "DOB: 01.02.2013", "555-12-3456", "987654321", "(555) 123-4567"}

PASSAGE_RULES = [
    ("Please seat Jose near the door.", "Please seat Student A near the door."),
    ("Then Grace read it aloud.", "Then Student D read it aloud."),
    ("Ask Will Turner and Ms. Reyes.", "Ask Student B and Ms. Student A."),
    ("Grace Hopper wrote the first compiler.", None),  # another person with a student's name
    ("In 1969 the poet Mary Oliver lived near Lake Turner.", None),
    ("Her ID is 4021-3377, born 2015-03-14.", "Her ID is Student A, born [date removed]."),
    ("About 2,400 soldiers crossed on December 25, 1776; 40213377 is not a year.", None),
]


@pytest.mark.parametrize(("text", "kept"), PASSAGE_RULES)
def test_passage_redaction_rules(text, kept):
    """A published passage keeps its own people and numbers; only the caseload's go."""
    from generators.domain.students import redact_passage

    expected = kept or text
    if text.startswith("About"):  # a caseload ID is still an ID inside a passage
        expected = text.replace("40213377", "Student A")
    assert redact_passage(text, roster()) == expected


@pytest.mark.parametrize("kind", ["worksheet", "quiz", "study-guide"])
def test_no_variant_in_a_source_passage_reaches_the_model_or_a_document(kind, stub_env):
    """The passage the copies are made from carries every caseload spelling; none is sent."""
    from docx_read import all_text, open_docx

    from generators.models import from_env

    stub_env.set_responder(corpus_responder)
    students, model = roster(), from_env()
    variants = [v for v in corpus() if v not in GENERIC_ONLY]
    fields = {"topic": "The water cycle", "source_text": WATER_CYCLE.read_text() + "\n\n"
              + " ".join(carry(v) for v in variants)}  # fmt: skip
    if kind == "quiz":
        fields.update(items=8, max_revisions=0, check_answers=False)
    packet = api.make_for_students(kind, students[:2], fields, roster=students, model=model)
    assert "A student's name in the source passage was replaced by their code." in packet.warnings
    for document in packet.documents:
        text = all_text(open_docx(document.data))
        assert not leaks(text, variants), f"{kind}: printed {leaks(text, variants)}"
    assert stub_env.requests, "the model was never called: nothing was checked"
    for body in stub_env.requests:
        sent = json.dumps(body, ensure_ascii=False)
        assert not leaks(sent, variants), f"{kind}: sent {leaks(sent, variants)}"
