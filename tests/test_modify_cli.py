"""`paraprep modify` end to end: real files in, DOCX out, one clear line for every bad input."""

from __future__ import annotations

import io
import json
import os
import random
import subprocess
import sys
import zipfile
from pathlib import Path

import docx
import pytest
from docx_read import all_text, open_docx
from modify_stub import responder
from pypdf import PdfWriter
from samples import sample

from generators import sources
from generators.cli import main

FRACTIONS = "fractions_assignment.docx"
MAIN_IDEA = "main_idea_assignment.txt"


def run(capsys, *args: str) -> tuple[int, str, str]:
    code = main(["modify", *args])
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def test_human_output_says_what_was_found_and_every_ledger_line(capsys, tmp_path):
    code, out, _ = run(
        capsys, "--assignment", str(sample(MAIN_IDEA)), "--out", str(tmp_path),
        "--accommodations", "large-print,chunking,reduced-choices,sentence-starters",
        "--key", "7:c",
    )  # fmt: skip
    assert code == 0
    lines = out.splitlines()
    assert lines[0] == (
        "Reading Check: Main Idea and Details (Grade 5) — made by ParaPrep offline engine (no AI)"
    )
    assert "  found: no sections, 10 items, 2 multiple choice" in lines
    assert any(line.startswith("  applied     Large print [presentation]") for line in lines)
    assert any(line.startswith("  applied     Reduced answer choices [MODIFICATION]: Item 7")
               for line in lines)  # fmt: skip
    assert any(line.startswith("  NOT APPLIED Reduced answer choices [MODIFICATION]: Not applied "
                               "to item 8") for line in lines)  # fmt: skip
    assert any(line.startswith("  NOT APPLIED Sentence starters [response]") for line in lines)
    assert sorted(p.name for p in tmp_path.iterdir()) == [
        "reading-check-main-idea-and-details-grade-5_modified_student.docx",
        "reading-check-main-idea-and-details-grade-5_modified_teacher.docx",
    ]


def test_json_lists_files_summary_ledger_warnings_and_usage(capsys, tmp_path):
    key = tmp_path / "key.txt"
    key.write_text("1: b\n2: a\n")
    code, out, _ = run(
        capsys, "--assignment", str(sample(FRACTIONS)), "--out", str(tmp_path / "out"),
        "--accommodations", "reduced-choices,fewer-items", "--key-file", str(key),
        "--keep", "1,2,3,5,8", "--json",
    )  # fmt: skip
    assert code == 0
    report = json.loads(out)
    assert report["summary"] == "3 sections, 10 items, 2 multiple choice, 1 table"
    assert [f["role"] for f in report["files"]] == ["student", "teacher"]
    assert all(Path(f["path"]).is_file() for f in report["files"])
    assert [(e["id"], e["applied"], e["category"]) for e in report["ledger"]] == [
        ("reduced-choices", True, "MODIFICATION"),
        ("fewer-items", True, "MODIFICATION"),
    ]
    assert [i["student_copy"] for i in report["items"]] == (
        ["1", "2", "3", None, "4", None, None, "5", None, None]
    )
    assert report["usage"]["calls"] == 0 and report["engine"]["kind"] == "offline"
    assert isinstance(report["warnings"], list)
    student = open_docx(Path(report["files"][0]["path"]).read_bytes())
    assert "(c) 2/6" in all_text(student) and "(d) 6/12" not in all_text(student)


def test_against_the_stub_with_a_students_file(capsys, tmp_path, stub_env):
    stub_env.set_responder(responder)
    students = tmp_path / "students.csv"
    students.write_text(
        "code,grade,reading_level,accommodations,name,birthdate,student_id\n"
        "Student A,4,3,large-print;sentence-starters;reduced-choices,Maya Okafor,2015-02-01,"
        "ID-4471\n"
    )
    code, out, _ = run(
        capsys, "--assignment", str(sample(FRACTIONS)), "--out", str(tmp_path / "out"),
        "--accommodations", "chunking", "--student", "Student A", "--students", str(students),
        "--json",
    )  # fmt: skip
    assert code == 0, out
    report = json.loads(out)
    assert report["engine"]["kind"] == "model" and report["student"] == "Student A"
    assert report["usage"]["calls"] == 1
    assert {e["id"] for e in report["ledger"]} == {
        "large-print", "chunking", "sentence-starters", "reduced-choices",
    }  # fmt: skip
    assert all(e["applied"] for e in report["ledger"])
    sent = json.dumps(stub_env.requests)
    for private in ("Maya", "Okafor", "2015-02-01", "ID-4471"):
        assert private not in sent
    assert "student-a" in report["files"][0]["path"]


def test_the_installed_command_runs(tmp_path):
    environment = {k: v for k, v in os.environ.items() if not k.startswith(("OPENAI", "PARAPREP"))}
    result = subprocess.run(
        [sys.executable, "-m", "generators.cli", "modify", "--assignment", str(sample(FRACTIONS)),
         "--accommodations", "large-print,chunking", "--out", str(tmp_path)],
        capture_output=True, text=True, env=environment, timeout=120,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    assert "found: 3 sections, 10 items, 2 multiple choice, 1 table" in result.stdout
    assert "Found 3 sections" in result.stderr  # progress goes to stderr


# --- Every bad input: one line starting "error:", nothing written, nothing opened past limits ---


def word_file() -> bytes:
    document = docx.Document()
    document.add_paragraph("1. What is 2 + 2?")
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def repacked(data: bytes, replace: dict[str, bytes] | None = None, add=None) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as source, zipfile.ZipFile(out, "w") as target:
        for entry in source.infolist():
            content = (replace or {}).get(entry.filename, source.read(entry))
            target.writestr(entry.filename, content, compress_type=zipfile.ZIP_DEFLATED)
        for name, content in (add or {}).items():
            target.writestr(name, content, compress_type=zipfile.ZIP_DEFLATED)
    return out.getvalue()


def zip_bomb() -> bytes:
    """5 MB of zeros packed into a few KB inside an otherwise valid .docx."""
    return repacked(word_file(), add={"word/media/zeros.bin": bytes(5 * 1024 * 1024)})


def entity_attack() -> bytes:
    laughs = (
        b'<?xml version="1.0"?>\n<!DOCTYPE lolz [<!ENTITY lol "lol">'
        b'<!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">]>'
        b'<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">'
        b"<w:body><w:p><w:r><w:t>1. &lol2;</w:t></w:r></w:p></w:body></w:document>"
    )
    return repacked(word_file(), replace={"word/document.xml": laughs})


def encrypted_pdf() -> bytes:
    writer = PdfWriter()
    writer.add_blank_page(612, 792)
    writer.encrypt("secret")
    buffer = io.BytesIO()
    writer.write(buffer)
    return buffer.getvalue()


BAD_FILES = {
    "zip bomb": ("bomb.docx", zip_bomb, ("bomb.docx", "zip bomb", "not opened")),
    "entity attack": ("evil.docx", entity_attack, ("evil.docx", "ENTITY", "not opened")),
    "truncated": (
        "half.docx",
        lambda: sample(FRACTIONS).read_bytes()[:15000],
        ("half.docx", "damaged or incomplete"),
    ),
    "binary renamed": (
        "photo.docx",
        lambda: random.Random(5).randbytes(4096),
        ("photo.docx", "not a Word document"),
    ),
    "encrypted pdf": ("locked.pdf", encrypted_pdf, ("locked.pdf", "password-protected")),
    "empty": ("empty.txt", lambda: b"", ("empty.txt", "is empty")),
    "no items": ("notes.txt", lambda: b"Bees make honey.", ("notes.txt", "no numbered items")),
}


@pytest.mark.parametrize("case", BAD_FILES, ids=list(BAD_FILES))
def test_bad_files_get_one_clear_line(case, capsys, tmp_path, monkeypatch):
    name, build, words = BAD_FILES[case]
    path = tmp_path / name
    path.write_bytes(build())

    def never(*args, **kwargs):
        raise AssertionError("python-docx opened a file that should have been refused")

    if case in ("zip bomb", "entity attack"):
        monkeypatch.setattr(sources.docx, "Document", never)
    out = tmp_path / "out"
    code, stdout, err = run(capsys, "--assignment", str(path), "--accommodations", "large-print",
                            "--out", str(out))  # fmt: skip
    assert code == 1 and stdout == ""
    assert err.startswith("error: ") and err.count("\n") == 1, err
    for word in words:
        assert word.lower() in err.lower(), (word, err)
    assert "Traceback" not in err and not out.exists()


@pytest.mark.parametrize(
    ("args", "words"),
    [
        (["--accommodations", "large-print", "--keep", "1,2"], "add fewer-items"),
        (["--accommodations", "reduced-choices", "--key", "7:z"], "not understood"),
        (["--accommodations", "huge-print"], "Unknown accommodation 'huge-print'"),
        (["--accommodations", "large-print", "--student", "Student A"], "needs --students"),
        (["--accommodations", "below-grade-text", "--level", "14"], "out of range"),
        ([], "at least one accommodation"),
    ],
)
def test_bad_requests_get_one_clear_line(args, words, capsys, tmp_path):
    code, _, err = run(capsys, "--assignment", str(sample(MAIN_IDEA)),
                       "--out", str(tmp_path / "out"), *args)  # fmt: skip
    assert code == 2 and err.startswith("error: ") and words in err and err.count("\n") == 1
    assert not (tmp_path / "out").exists()
