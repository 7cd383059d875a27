"""The MaterialKind contract: a kind defined here, in this test only, reaches the command line,
the app's page list and the library without an edit to any shared module; the built-in kinds
keep the contract too (keys match module and page names, every kind has its page)."""

from __future__ import annotations

import csv
import io
import json
from dataclasses import replace
from pathlib import Path

import pytest
from app_pages import APP
from docx import Document
from docx_read import all_text, open_docx
from streamlit.testing.v1 import AppTest

from generators import api, registry
from generators.cli import main
from generators.domain.common import OFFLINE_ENGINE, EngineInfo, Frozen, RenderedDocument
from generators.domain.students import Student
from generators.errors import InputError
from generators.kinds._cli import files_summary, standard_report
from generators.library import Library
from generators.registry import CommandLine, Copy, MaterialKind
from ui import common

ROOT = Path(__file__).resolve().parents[1]


# --- The toy kind: a vocabulary cue card, one word per card ---


class CueCardRequest(Frozen):
    kind: str = "cue-card"
    word: str
    student_code: str | None = None


class CueCard(Frozen):
    kind: str = "cue-card"
    title: str
    word: str
    student_code: str | None = None
    engine: EngineInfo = OFFLINE_ENGINE
    warnings: tuple[str, ...] = ()


def make_card_request(word: str, student_code: str | None = None) -> CueCardRequest:
    if not word.strip():
        raise InputError("Give the word for the cue card.")
    return CueCardRequest(word=word.strip(), student_code=student_code)


def generate_card(request: CueCardRequest, model, progress) -> CueCard:
    progress(f"Cue card for {request.word}")
    return CueCard(title=f"Cue card: {request.word}", word=request.word,
                   student_code=request.student_code)  # fmt: skip


def render_card(card: CueCard) -> list[RenderedDocument]:
    document = Document()
    document.add_heading(card.title, level=1)
    document.add_paragraph(f"Say it, spell it, use it: {card.word}.")
    if card.student_code:
        document.add_paragraph(f"For {card.student_code}")
    buffer = io.BytesIO()
    document.save(buffer)
    return [RenderedDocument(filename=f"cue-card_{card.word}.docx", role="cue-card",
                             title=card.title, data=buffer.getvalue())]  # fmt: skip


def add_card_arguments(parser) -> None:
    parser.add_argument("--word", default="", help="the word on the card")


def card_copies(students, fields, _roster) -> list[Copy]:
    return [Copy((s.code,), make_card_request(fields["word"], s.code)) for s in students]


def toy_kind(page: str | None) -> MaterialKind:
    return MaterialKind(
        name="cue-card",
        title="Vocabulary cue card",
        description="One word, said, spelled and used.",
        request_model=CueCardRequest,
        generate=generate_card,
        render=render_card,
        roles=("cue-card",),
        uses_model=False,
        cli=CommandLine(
            help="make a vocabulary cue card",
            add_arguments=add_card_arguments,
            make_request=lambda args, _roster: make_card_request(args.word),
            summarize=lambda made: {
                "word": made.material.word,
                **files_summary(made, made.material.warnings),
            },
            report=lambda made, summary: standard_report(made.material.title, summary),
            copy_fields=lambda args: {"word": args.word},
        ),
        page=page,
        levels=lambda card: [{"target": 2, "measured": None, "status": "as asked"}],
        copies=card_copies,
    )


PAGE_SCRIPT = """
import streamlit as st
from generators import registry
st.title(registry.get("cue-card").title)
"""


@pytest.fixture
def toy(tmp_path):
    page = tmp_path / "cue_card.py"
    page.write_text(PAGE_SCRIPT)
    kind = toy_kind(str(page))
    registry.register(kind)
    yield kind
    registry.unregister(kind.name)


def write_caseload(folder: Path) -> Path:
    path = folder / "caseload.csv"
    with path.open("w", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(["code", "name", "grade", "reading_level"])
        writer.writerow(["Student A", "Maria Lopez", "4", "3"])
        writer.writerow(["Student B", "Jamal Reed", "4", "5"])
    return path


def test_the_toy_kind_is_a_command(toy, tmp_path, capsys):
    assert main(["kinds"]) == 0
    assert "cue-card" in capsys.readouterr().out
    assert main(["cue-card", "--word", "erosion", "--out", str(tmp_path), "--json"]) == 0
    report = json.loads(capsys.readouterr().out)
    assert report["word"] == "erosion"
    [entry] = report["files"]
    assert entry["role"] == "cue-card"
    assert "erosion" in all_text(open_docx(Path(entry["path"]).read_bytes()))
    assert main(["cue-card", "--word", " ", "--out", str(tmp_path)]) == 2
    assert "Give the word for the cue card." in capsys.readouterr().err


def test_the_toy_kind_makes_a_copy_per_student_from_the_command_line(toy, tmp_path, capsys):
    out = tmp_path / "out"
    caseload = write_caseload(tmp_path)
    assert main(["cue-card", "--word", "delta", "--students", str(caseload), "--group",
                 "Student B", "--out", str(out), "--json"]) == 0  # fmt: skip
    report = json.loads(capsys.readouterr().out)
    assert report["students"] == ["Student B"]
    [entry] = report["files"]
    assert Path(entry["path"]).name == "student-b_cue-card_delta.docx"
    text = all_text(open_docx(Path(entry["path"]).read_bytes()))
    assert "For Student B" in text and "Jamal" not in text and "Student A" not in text


def test_the_toy_kind_is_in_the_app(toy):
    assert common.MATERIAL_PAGES["cue-card"] == toy.page_script
    at = AppTest.from_file(APP, default_timeout=60).run()
    assert not at.exception
    at.switch_page(toy.page_script).run()
    assert not at.exception, at.exception
    assert at.title[0].value == "Vocabulary cue card"


def test_the_toy_kind_is_kept_in_the_library(toy, tmp_path):
    card = api.generate("cue-card", make_card_request("magma"))
    documents = api.render(card)
    library = Library(f"sqlite:///{tmp_path / 'library.sqlite3'}")
    packet_id = library.save_packet(kind="cue-card", title=card.title, documents=documents,
                                    levels=api.levels_of(card))  # fmt: skip
    packet = library.packet(packet_id)
    assert packet.summary.levels == ({"target": 2, "measured": None, "status": "as asked"},)
    assert [document.role for document in packet.documents] == ["cue-card"]
    assert registry.get(packet.summary.kind).title == "Vocabulary cue card"
    library.close()


def test_a_document_role_the_kind_did_not_declare_is_refused(toy):
    registry.unregister("cue-card")
    registry.register(replace(toy, roles=("flash-card",)))  # declares another role
    with pytest.raises(ValueError, match="rendered a 'cue-card' document"):
        api.render(api.generate("cue-card", make_card_request("magma")))


def test_a_kind_without_a_page_is_named_not_silently_dropped(tmp_path):
    registry.register(toy_kind(str(tmp_path / "missing_page.py")))
    try:
        assert "cue-card" not in common.MATERIAL_PAGES
        at = AppTest.from_file(APP, default_timeout=60).run()
        at.switch_page("ui/pages/settings.py").run()
        assert any("Vocabulary cue card" in caption.value for caption in at.caption)
    finally:
        registry.unregister("cue-card")


# --- The built-in kinds keep the same contract ---


@pytest.mark.parametrize("kind", registry.kinds(), ids=lambda kind: kind.name)
def test_kind_keys_match_module_and_page_names(kind):
    assert (ROOT / "generators" / "kinds" / f"{kind.module_name}.py").is_file()
    assert kind.page_script == f"ui/pages/{kind.module_name}.py"
    assert (ROOT / kind.page_script).is_file()
    assert common.MATERIAL_PAGES[kind.name] == kind.page_script
    assert kind.cli is not None and kind.makes_copies


def test_the_order_of_the_menu():
    assert [kind.name for kind in registry.kinds()][:4] == [
        "worksheet", "group-plan", "modify", "data-sheet"
    ]  # fmt: skip


def test_two_kinds_cannot_share_a_key():
    with pytest.raises(ValueError, match="Two material kinds"):
        registry.register(replace(registry.get("modify"), title="Another"))


def test_an_unknown_kind_names_the_known_ones():
    with pytest.raises(InputError, match="Known kinds: worksheet"):
        registry.get("poster")


def test_copies_need_a_student():
    with pytest.raises(InputError, match="Choose at least one student"):
        api.make_for_students("modify", [], {})


def test_a_kind_without_copies_says_so(toy):
    registry.unregister("cue-card")
    registry.register(replace(toy, copies=None))
    with pytest.raises(InputError, match="not made per student"):
        api.make_for_students("cue-card", [Student(code="Student A")], {"word": "x"})
