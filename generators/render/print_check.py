"""The print check: the last look at every document before it is handed over.

Today's tools print "**bold**" and "$\\frac{3}{4}$" on worksheets, leave empty sections, forget
writing space, and put answers on the student page. Rendering is designed never to do these,
and this check makes sure from the saved DOCX itself, whatever its kind: markup residue is
stripped (safe), an empty section heading is removed (safe), teacher-only lines on a student copy
are removed (safe: the teacher copy holds them), and a written question without writing space is
reported (not safe to guess where space belongs).
"""

from __future__ import annotations

import io
import re

from docx import Document
from docx.table import Table
from docx.text.paragraph import Paragraph

from generators.domain.common import RenderedDocument
from generators.textwork import clean

RESIDUE = re.compile(
    r"\*\*|```|^#{1,6}\s|\$[^$\s][^$]*\$|\\(?:frac|text|times|cdot|sqrt)\b|</?[A-Za-z][A-Za-z0-9]*"
    r"(?:\s[^<>]*)?/?>|!?\[[^\]]+\]\([^)]*\)"
)
TEACHER_ONLY = re.compile(r"^\s*(Answer:|Answer key|Evidence:|Key:|Teacher / para copy)", re.I)
ANSWER_SPACE = {"Answer Line", "Starter", "Choice"}


def check(document: RenderedDocument) -> RenderedDocument:
    """Return the document, fixed where safe, with what was found in `checks`."""
    docx = Document(io.BytesIO(document.data))
    blocks = list(body_blocks(docx))
    notes = strip_residue(blocks)
    if document.role == "student":
        notes += remove_teacher_lines(blocks)
        notes += missing_writing_space(blocks)
    notes += remove_empty_sections(list(body_blocks(docx)))
    if not notes:
        return document
    buffer = io.BytesIO()
    docx.save(buffer)
    return document.model_copy(update={"data": buffer.getvalue(), "checks": tuple(notes)})


def body_blocks(docx) -> list[Paragraph | Table]:
    """Paragraphs and tables in document order."""
    body = docx.element.body
    for child in body.iterchildren():
        if child.tag.endswith("}p"):
            yield Paragraph(child, docx)
        elif child.tag.endswith("}tbl"):
            yield Table(child, docx)


def paragraphs_in(blocks: list[Paragraph | Table]) -> list[Paragraph]:
    found = []
    for block in blocks:
        if isinstance(block, Paragraph):
            found.append(block)
        else:
            for row in block.rows:
                for cell in row.cells:
                    found.extend(cell.paragraphs)
    return found


def strip_residue(blocks) -> list[str]:
    notes = []
    for paragraph in paragraphs_in(blocks):
        if not RESIDUE.search(paragraph.text):
            continue
        for run in paragraph.runs:
            run.text = clean(run.text) if RESIDUE.search(run.text) else run.text
        state = "fixed" if not RESIDUE.search(paragraph.text) else "NOT FIXED"
        notes.append(f"Markup residue {state}: “{paragraph.text[:60]}”")
    return notes


def remove_teacher_lines(blocks) -> list[str]:
    notes = []
    for paragraph in paragraphs_in(blocks):
        if TEACHER_ONLY.match(paragraph.text):
            notes.append(f"Teacher-only line removed from a student copy: “{paragraph.text[:60]}”")
            paragraph._element.getparent().remove(paragraph._element)
    return notes


def missing_writing_space(blocks) -> list[str]:
    """A question with no choices, no writing line and no blank in its text has nowhere to write."""
    notes = []
    for index, block in enumerate(blocks):
        if not isinstance(block, Paragraph) or block.style.name != "Question":
            continue
        following = blocks[index + 1] if index + 1 < len(blocks) else None
        has_space = "____" in block.text or (
            isinstance(following, Paragraph) and following.style.name in ANSWER_SPACE
        )
        if not has_space:
            notes.append(f"No writing space after: “{block.text[:60]}”")
    return notes


def remove_empty_sections(blocks) -> list[str]:
    notes = []
    for index, block in enumerate(blocks):
        if not is_heading(block):
            continue
        rest = blocks[index + 1 :]
        content = next((b for b in rest if not is_blank(b)), None)
        if content is None or (is_heading(content) and level(content) <= level(block)):
            notes.append(f"Empty section removed: “{block.text[:60]}”")
            block._element.getparent().remove(block._element)
    return notes


def is_heading(block) -> bool:
    return isinstance(block, Paragraph) and block.style.name.startswith("Heading")


def level(block: Paragraph) -> int:
    return int(block.style.name.split()[-1]) if block.style.name[-1].isdigit() else 1


def is_blank(block) -> bool:
    """An empty paragraph without a page break is layout, not content."""
    if not isinstance(block, Paragraph) or block.text.strip():
        return False
    xml = block._element.xml
    return (
        block.style.name != "Answer Line"
        and 'w:type="page"' not in xml
        and "<w:pageBreakBefore/>" not in xml
    )
