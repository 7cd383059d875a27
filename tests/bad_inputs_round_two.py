"""Rows of docs/bad-inputs.md from the second round of attacks (issue 15): the spellings people
type, replies that are not usable, servers that stall, PDFs built to stall the reader.

Kept apart from tests/test_bad_inputs.py so each file stays short; that module builds its Case
rows from `round_two(Case)`. Own fixtures only (tests/fixtures), no shared samples.
"""

from __future__ import annotations

import json
from pathlib import Path

from pdf_bomb import operator_bomb_pdf
from small_group_stub import plan_responder
from stub_openai import Reply
from worksheet_stub import schema_name, target_grade, worksheet_responder

FIXTURES = Path(__file__).parent / "fixtures"
PASSAGE = (FIXTURES / "tide_pools.txt").read_text(encoding="utf-8")
ROSTER = """code,grade,reading_level,accommodations,goals,name,birthdate,student_id
Student A,3,2,large-print,José will find the main idea with 80% accuracy.,José Núñez-Reyes,2015-03-14,40213377
Student B,3,3,word-bank,,Will Turner,2014-11-02,
"""  # noqa: E501 - one CSV row per student reads best as it is
SECRETS = ("Nunez", "Núñez", "Reyes", "Jose", "José", "Turner", "40213377", "4021", "2015",
           "48213377", "SECRET")  # fmt: skip
NOTES = ("Jose Nunez (ID 4021-3377, born March 14, 2015) sits with Ms. Reyes; Jo\u200bsé "
         "and Will need breaks. Student ID 48213377, born 03/14/2015.")  # fmt: skip
ASSIGNMENT = """Main idea practice
Directions: José Núñez-Reyes (ID 4021 3377) and Mr. Turner read the passage, then answer.
1. What is the main idea of the passage?
2. Which detail supports the main idea?
3. Write one sentence about the ending.
"""


def put(folder: Path, name: str, data: bytes | str) -> str:
    path = folder / name
    path.write_bytes(data.encode() if isinstance(data, str) else data)
    return str(path)


def worksheet(source: str, *extra: str) -> list[str]:
    return ["worksheet", "--source", source, "--levels", "3", *extra]


def out(folder: Path) -> list[str]:
    return ["--out", str(folder / "out")]


def roster(folder: Path, text: str = ROSTER, name: str = "students.csv") -> str:
    return put(folder, name, text)


def printed_text(folder: Path) -> str:
    from docx_read import all_text, open_docx

    found = sorted((folder / "out").glob("*.docx")) if (folder / "out").is_dir() else []
    assert found, "no documents were written"
    return "\n".join(all_text(open_docx(path.read_bytes())) for path in found)


def private_everywhere(folder: Path, stub: object) -> None:
    """Nothing private on any page, nor in anything the stub model received."""
    places = [printed_text(folder)]
    if stub is not None:
        assert stub.requests, "the model was never called"
        places += [json.dumps(body, ensure_ascii=False) for body in stub.requests]
    for text in places:
        for secret in SECRETS:
            assert secret not in text, f"{secret!r} leaked"


def no_stop_at_grade_2(body: dict) -> object:
    if schema_name(body) == "Passage" and target_grade(body) == 2:
        return {"title": "Tide Pools", "paragraphs": ["Sea stars hold on and crabs hide"]}
    return worksheet_responder(body)


def too_long_at_grade_2(body: dict) -> object:
    if schema_name(body) == "Passage" and target_grade(body) == 2:
        return {"title": "Tide Pools", "paragraphs": ["Sea stars cling to rocks. " * 400]}
    return worksheet_responder(body)


def two_levels(folder: Path) -> list[str]:
    return [*worksheet(put(folder, "tide.txt", PASSAGE), "--levels", "2,5"),
            "--max-revisions", "0", "--no-answer-check", *out(folder)]  # fmt: skip


def utf16(folder: Path, encoding: str) -> list[str]:
    return [*worksheet(put(folder, "tide.txt", PASSAGE.encode(encoding))), *out(folder)]


def group_plan(folder: Path) -> list[str]:
    return ["group-plan", "--objective", "Help José Núñez find the main idea", "--subject",
            "reading", "--grade", "3", "--students", roster(folder), "--notes", NOTES,
            *out(folder)]  # fmt: skip


def data_sheet(folder: Path) -> list[str]:
    goal = "Jose Nunez (ID 4021-3377) will find the main idea with 80% accuracy."
    return ["data-sheet", "--student", "Student A", "--students", roster(folder), "--goal", goal,
            *out(folder)]  # fmt: skip


def modify(folder: Path) -> list[str]:
    return ["modify", "--assignment", put(folder, "practice.txt", ASSIGNMENT), "--student",
            "Student A", "--students", roster(folder), "--accommodations",
            "simplified-directions", *out(folder)]  # fmt: skip


def code_is_name(folder: Path, kind: str) -> list[str]:
    path = roster(folder, "code,name\nJose Nunez,José Núñez-Reyes\n")
    if kind == "data-sheet":
        return ["data-sheet", "--student", "Jose Nunez", "--students", path, "--goal",
                "Reads 60 words per minute.", *out(folder)]  # fmt: skip
    return [
        "modify",
        "--assignment",
        put(folder, "p.txt", ASSIGNMENT),
        "--student",
        "Jose Nunez",
        "--students",
        path,
        "--accommodations",
        "large-print",
        *out(folder),
    ]


def json_roster(folder: Path, value: str) -> list[str]:
    path = roster(folder, f'[{{"code": "Student A", {value}}}]', "students.json")
    return ["data-sheet", "--student", "Student A", "--students", path, "--goal",
            "Reads 60 words per minute.", *out(folder)]  # fmt: skip


def no_secret_printed(folder: Path, stub: object) -> None:
    assert "SECRET" not in printed_text(folder) and "teacher:" not in printed_text(folder)


def round_two(Case):  # the Case class of tests/test_bad_inputs.py
    portal = Reply(raw_body=b"<html><body>Log in to the school Wi-Fi</body></html>",
                   content_type="text/html")  # fmt: skip
    return [
        Case("questions-only", "Offline, a source that is only questions",
             lambda f: worksheet(put(f, "q.txt", "1. What is a tide pool?\n2. Why do sea stars "
                                 "hold on?\n3. Where do hermit crabs live?\n")),
             "no prose to level"),
        Case("table-only", "Offline, a source that is only a table (.md)",
             lambda f: worksheet(put(f, "t.md", "| Animal | Home |\n|---|---|\n| crab | shell |\n"
                                 "| sea star | rock |\n")), "no prose to level"),
        Case("ten-words", "Offline, a ten-word source",
             lambda f: worksheet(put(f, "s.txt", "Sea stars hold on to rocks. Crabs hide. Birds "
                                 "hunt.")), "too short for a worksheet"),
        Case("thirty-words", "Offline, a 30-word passage (a smaller worksheet)",
             lambda f: [*worksheet(put(f, "s.txt", " ".join(PASSAGE.split()[3:33]) + ".")),
                        *out(f)], "wrote", ok=True),
        Case("utf16-le", "UTF-16 text without a byte-order mark (little-endian)",
             lambda f: utf16(f, "utf-16-le"), "wrote", ok=True),
        Case("utf16-be", "UTF-16 text without a byte-order mark (big-endian)",
             lambda f: utf16(f, "utf-16-be"), "wrote", ok=True),
        Case("pdf-operators", "A 25 KB PDF of 6 million no-op drawing operators",
             lambda f: worksheet(put(f, "stall.pdf", operator_bomb_pdf(3, 1_000_000))),
             "too costly to read safely"),
        Case("no-final-stop", "Model passage with no full stop, every time, for one level",
             two_levels, "grade 2: not measured, failed", partial=True,
             model=no_stop_at_grade_2),
        Case("passage-too-long", "Model passage 3x longer than asked, every time, for one level",
             two_levels, "grade 2: not measured, failed", partial=True,
             model=too_long_at_grade_2),
        Case("captive-portal", "A 200 reply that is an HTML page (captive portal)",
             lambda f: worksheet(put(f, "tide.txt", PASSAGE)),
             "did not answer like an OpenAI-compatible API", model=lambda body: portal),
        Case("not-a-completion", "A 200 reply of JSON that is not a chat completion",
             lambda f: worksheet(put(f, "tide.txt", PASSAGE)),
             "did not answer like an OpenAI-compatible API",
             model=lambda body: Reply(raw_body=b'{"status": "ok"}')),
        Case("drip", "A server that sends one byte every 50 ms (PARAPREP_TIMEOUT=1)",
             lambda f: worksheet(put(f, "tide.txt", PASSAGE), "--levels", "9"),
             "did not answer within 1 s per try", env={"PARAPREP_TIMEOUT": "1"},
             model=lambda body: Reply(content={"title": "x"}, drip=0.05)),
        Case("bad-timeout", "PARAPREP_TIMEOUT that is not a number",
             lambda f: worksheet(put(f, "tide.txt", PASSAGE)), "is not a number of seconds",
             env={"PARAPREP_TIMEOUT": "soon"}, model=worksheet_responder),
        Case("credentials-in-url", "OPENAI_BASE_URL with a user name and password in it",
             lambda f: [*worksheet(put(f, "tide.txt", PASSAGE), "--max-revisions", "0"),
                        *out(f)], "made by AI model stub-model at 127.0.0.1:", ok=True,
             env={"OPENAI_BASE_URL": "{base_url}".replace("http://", "http://teacher:SECRET@")},
             model=worksheet_responder, verify=no_secret_printed),
        Case("group-plan-variants", "Names, birthdate and IDs typed in notes, in other spellings",
             group_plan, "wrote", ok=True, model=plan_responder, verify=private_everywhere),
        Case("data-sheet-variants", "A name and an ID typed into a data sheet goal", data_sheet,
             "wrote", ok=True, verify=private_everywhere),
        Case("modify-variants", "Names and an ID typed into an assignment (offline)", modify,
             "wrote", ok=True, verify=private_everywhere),
        Case("code-is-name-sheet", "Students file whose code is a name (data-sheet)",
             lambda f: code_is_name(f, "data-sheet"), "is a name, birthdate or ID"),
        Case("code-is-name-modify", "Students file whose code is a name (modify)",
             lambda f: code_is_name(f, "modify"), "is a name, birthdate or ID"),
        Case("name-as-list", "JSON students file with a name given as a list",
             lambda f: json_roster(f, '"name": ["José", "Núñez"]'), "must be text, not list"),
        Case("birthdate-as-object", "JSON students file with a birthdate given as an object",
             lambda f: json_roster(f, '"birthdate": {"y": 2015}'), "must be text, not dict"),
        Case("closed-pipe", "Output piped into a reader that stops early (`level f / head -1`)",
             lambda f: ["level", put(f, "tide.txt", PASSAGE)], "nothing more is printed",
             ok=True, closed_stdout=True),
    ]  # fmt: skip
