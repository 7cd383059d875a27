"""The print check on saved DOCX: residue stripped, teacher lines and empty sections removed,
missing writing space reported; and model output full of markup comes out clean."""

from __future__ import annotations

from docx_read import all_text, open_docx
from samples import sample
from worksheet_stub import CORE, schema_name, worksheet_responder

from generators import api
from generators.domain.common import RenderedDocument
from generators.models import from_env
from generators.render.docx_base import Writer
from generators.render.print_check import check
from generators.worksheet import make_request


def raw_document(role: str = "student") -> RenderedDocument:
    """Write straight through python-docx, skipping the cleaning the renderers do."""
    writer = Writer()
    add = writer.document.add_paragraph
    add("Worksheet", style="Title")
    add("Questions", style="Heading 1")
    add("1. What is **evaporation**? See [this page](http://example.com)", style="Question")
    writer.answer_lines(2)
    add("2. Solve $\\frac{3}{4}$ of 8.", style="Question")
    add("Answer: B. Energy from the Sun", style="Key Answer")
    add("Empty part", style="Heading 1")
    add("Last part", style="Heading 1")
    add("Write a sentence.", style="Normal")
    return RenderedDocument(filename="x.docx", role=role, title="x", data=writer.to_bytes())


def test_problems_are_fixed_where_safe_and_reported():
    checked = check(raw_document())
    text = all_text(open_docx(checked.data))
    assert "**" not in text and "](http" not in text and "\\frac" not in text
    assert "What is evaporation? See this page" in text and "Solve 3/4 of 8." in text
    assert "Answer: B" not in text
    assert "Empty part" not in text and "Last part" in text
    notes = "\n".join(checked.checks)
    assert notes.count("Markup residue fixed") == 2
    assert "Teacher-only line removed" in notes
    assert "Empty section removed: “Empty part”" in notes
    assert "No writing space after: “2. Solve" in notes


def test_teacher_copies_keep_their_answers():
    checked = check(raw_document(role="teacher"))
    assert "Answer: B. Energy from the Sun" in all_text(open_docx(checked.data))
    assert not any("writing space" in note for note in checked.checks)


def test_a_clean_document_passes_untouched():
    document = RenderedDocument(
        filename="x.docx", role="student", title="x", data=Writer().to_bytes()
    )
    assert check(document) is document


def test_model_markup_never_reaches_a_page(stub_env):
    marked = {**CORE, "title": "**The** Water Cycle"}
    marked["vocabulary"] = [
        {**entry, "definition": f"*{entry['definition']}* ![icon](x.png)"}
        for entry in CORE["vocabulary"]
    ]

    def responder(body):
        if schema_name(body) == "WorksheetCore":
            return marked
        reply = worksheet_responder(body)
        if schema_name(body) == "Passage":
            reply = {
                **reply,
                "paragraphs": ["## " + reply["paragraphs"][0], *reply["paragraphs"][1:]],
            }
        return reply

    stub_env.set_responder(responder)
    request = make_request(source_text=sample("water_cycle.txt").read_text(), levels=[5])
    material = api.generate("worksheet", request, from_env())
    for document in api.render(material):
        text = all_text(open_docx(document.data))
        for residue in ("**", "![", "](", "##", "*When"):
            assert residue not in text, (document.filename, residue)
    assert material.title == "The Water Cycle"
