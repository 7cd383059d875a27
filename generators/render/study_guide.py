"""Study-guide documents: the student's guide and a teacher/para page.

The guide prints the key ideas on page one, the vocabulary cards on a grid with dashed cut
lines (a picture box on every card), optional Frayer cards, the self-check, and the answers
alone on the back page, so a student can check their work without seeing the answers first.
"""

from __future__ import annotations

from docx.enum.table import WD_ROW_HEIGHT_RULE
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Inches

from generators.domain import accommodations as catalogue
from generators.domain.common import RenderedDocument
from generators.domain.levels import grade_name, level_for
from generators.domain.study_guide import Card, Frayer, StudyGuideMaterial
from generators.render.docx_base import (
    STEP_LETTERS,
    TEACHER_COPY,
    Writer,
    ledger_table,
    profile_for,
    slug,
)
from generators.textwork import clean

CARD_COLUMNS = 2
CARD_ROWS_PER_PAGE = {"standard": 3, "dyslexia-friendly": 3, "large-print": 2}
CARD_HEIGHT = {"standard": 2.55, "dyslexia-friendly": 2.55, "large-print": 3.7}  # inches
FRAYER_PER_PAGE = 2
LETTERS = "ABCD"
WRITE_MEANING = "Meaning (write it in your own words):"
WRITING_LINE = "_" * 36


def render(material: StudyGuideMaterial) -> list[RenderedDocument]:
    return [render_student(material), render_teacher(material)]


# --- Tables the writer does not make: cards with several paragraphs per cell ---


def dashed_borders(table) -> None:
    """Cut lines: every border of the grid dashed."""
    properties = table._tbl.tblPr
    borders = OxmlElement("w:tblBorders")
    for edge in ("top", "left", "bottom", "right", "insideH", "insideV"):
        element = OxmlElement(f"w:{edge}")
        element.set(qn("w:val"), "dashed")
        element.set(qn("w:sz"), "8")
        element.set(qn("w:space"), "0")
        element.set(qn("w:color"), "808080")
        borders.append(element)
    # Schema order (Word rejects a tblPr out of it): tblBorders before shd, layout, margins, look
    properties.insert_element_before(
        borders, "w:shd", "w:tblLayout", "w:tblCellMar", "w:tblLook", "w:tblCaption",
        "w:tblDescription", "w:tblPrChange",
    )  # fmt: skip


def fixed_table(writer: Writer, rows: int, widths: list[float], height: float, dashed: bool):
    table = writer.document.add_table(rows=rows, cols=len(widths))
    table.style = writer.style("Table Grid")
    table.autofit = False
    for column, width in zip(table.columns, widths, strict=True):
        column.width = Inches(width)  # the grid, which LibreOffice reads
        for cell in column.cells:  # and each cell, which Word reads
            cell.width = Inches(width)
    for row in table.rows:
        row.height = Inches(height)
        row.height_rule = WD_ROW_HEIGHT_RULE.EXACTLY
        row._tr.get_or_add_trPr().append(OxmlElement("w:cantSplit"))
    if dashed:
        dashed_borders(table)
    return table


def cell_lines(writer: Writer, cell, lines: list[tuple[str, str, bool]]) -> None:
    """Fill a cell with (text, style, bold) paragraphs."""
    first = True
    for text, style, bold in lines:
        paragraph = cell.paragraphs[0] if first else cell.add_paragraph()
        paragraph.style = writer.style(style)
        run = paragraph.add_run(clean(text))
        run.bold = bold or None
        first = False


# --- Student guide ---


class Guide:
    def __init__(self, material: StudyGuideMaterial) -> None:
        self.material = material
        self.chosen = set(material.accommodations)
        self.profile = profile_for(self.chosen)
        self.writer = Writer(self.profile, extra_spacing="extra-spacing" in self.chosen)

    def has(self, accommodation_id: str) -> bool:
        return accommodation_id in self.chosen

    def cue(self, word: str) -> str | None:
        return word if self.has("visual-supports") else None

    def build(self) -> bytes:
        writer = self.writer
        writer.label_pages(f"Study guide: {self.material.title}")
        writer.title(f"Study guide: {self.material.title}")
        writer.paragraph("Name: ____________________   Date: __________", "Small")
        self.key_ideas()
        self.cards()
        self.frayer()
        self.self_check()
        self.answers()
        writer.paragraph("", "Small")  # a document may not end on a table
        return writer.to_bytes()

    def key_ideas(self) -> None:
        self.writer.heading("Key ideas", cue=self.cue("READ"))
        terms = (
            [card.term for card in self.material.cards] if self.has("highlight-key-terms") else []
        )
        for number, idea in enumerate(self.material.key_ideas, 1):
            self.writer.highlighted(f"{number}. {idea}", terms)

    def cards(self) -> None:
        cards = list(self.material.cards)
        if not cards:
            return
        per_page = CARD_ROWS_PER_PAGE[self.profile] * CARD_COLUMNS
        for start in range(0, len(cards), per_page):
            self.writer.page_break()
            self.writer.heading("Vocabulary cards", cue=self.cue("CUT"))
            self.writer.paragraph(
                self.steps(
                    [
                        "Cut along the dashed lines.",
                        "Draw a picture for each word.",
                        "Study: look at the word, say what it means, check.",
                    ]
                )
                if start == 0
                else "Cut along the dashed lines.",
                "Directions",
            )
            self.card_grid(cards[start : start + per_page])

    def steps(self, steps: list[str]) -> str:
        return " ".join(f"{n}. {step}" for n, step in zip(STEP_LETTERS, steps, strict=False))

    def card_grid(self, cards: list[Card]) -> None:
        rows = (len(cards) + CARD_COLUMNS - 1) // CARD_COLUMNS
        table = fixed_table(self.writer, rows, [3.0, 3.0], CARD_HEIGHT[self.profile], True)
        for index, card in enumerate(cards):
            cell = table.cell(index // CARD_COLUMNS, index % CARD_COLUMNS)
            meaning = f"Meaning: {card.definition}" if card.definition else WRITE_MEANING
            lines = [(card.term, "Heading 2", True), (meaning, "Small", False)]
            if not card.definition:
                blank = 2 if self.has("larger-answer-space") else 1
                lines += [(WRITING_LINE, "Small", False)] * blank
            lines += [(f"In the text: “{card.sentence}”", "Small", False),
                      ("Picture:", "Small", True)]  # fmt: skip
            cell_lines(self.writer, cell, lines)

    def frayer(self) -> None:
        for index, card in enumerate(self.material.frayer):
            if index % FRAYER_PER_PAGE == 0:
                self.writer.page_break()
                self.writer.heading("Frayer cards", cue=self.cue("WRITE"))
                self.writer.paragraph(
                    "Fill in every empty box. Use the passage and your vocabulary cards.",
                    "Directions",
                )
            self.frayer_card(card)

    def frayer_card(self, card: Frayer) -> None:
        self.writer.heading(card.term, level=2)
        table = fixed_table(self.writer, 2, [3.0, 3.0], 1.45, False)
        boxes = [
            ("Definition", [card.definition] if card.definition else []),
            ("Characteristics", list(card.characteristics)),
            ("Examples", list(card.examples)),
            ("Non-examples", list(card.non_examples)),
        ]
        for index, (label, entries) in enumerate(boxes):
            cell = table.cell(index // 2, index % 2)
            cell_lines(self.writer, cell, [(label, "Small", True)]
                       + [(f"- {entry}", "Small", False) for entry in entries])  # fmt: skip

    def self_check(self) -> None:
        checks = self.material.self_check
        if not checks:
            return
        self.writer.page_break()
        self.writer.heading("Check yourself", cue=self.cue("WRITE"))
        self.writer.paragraph("Answer without looking. Then check the answers on the back page.",
                              "Directions")  # fmt: skip
        if self.has("word-bank"):
            self.writer.word_bank(card.term for card in self.material.cards)
        for number, check in enumerate(checks, 1):
            if self.has("breaks") and number > 1 and number % 3 == 1:
                self.writer.paragraph("Checkpoint: take a short break, then go on.", "Checkpoint")
            self.writer.numbered(number, check.question)
            if check.choices:
                for letter, choice in zip(LETTERS, check.choices, strict=False):
                    self.writer.paragraph(f"{letter}. {choice}", "Choice")
                continue
            if self.has("sentence-starters"):
                self.writer.paragraph("The passage says ...", "Starter")
            self.writer.answer_lines(4 if self.has("larger-answer-space") else 2)

    def answers(self) -> None:
        checks = self.material.self_check
        if not checks:
            return
        self.writer.page_break()
        self.writer.heading("Self-check answers (back page)")
        self.writer.paragraph("Check your answers after you finish. Fix any you missed.", "Small")
        for number, check in enumerate(checks, 1):
            letter = ""
            if check.choices and check.answer in check.choices:
                letter = f"{LETTERS[check.choices.index(check.answer)]}. "
            elif check.choices and check.answer.startswith("False"):
                letter = "B. "
            self.writer.paragraph(f"{number}. {letter}{check.answer}", "Key Answer")


def render_student(material: StudyGuideMaterial) -> RenderedDocument:
    return RenderedDocument(
        filename=f"{slug(material.title)}_study-guide_grade-{grade_name(material.level)}.docx",
        role="student",
        title=f"Study guide (grade {grade_name(material.level)})",
        level=material.level,
        data=Guide(material).build(),
    )


# --- Teacher / para page ---


def render_teacher(material: StudyGuideMaterial) -> RenderedDocument:
    writer = Writer("standard")
    writer.label_pages(TEACHER_COPY)
    writer.title(f"{material.title}: study guide")
    writer.paragraph("Teacher / para copy: how this guide was made.", "Directions")
    writer.paragraph(f"Made by: {material.engine.label}.", "Teacher Note")
    if material.source_name:
        writer.paragraph(f"Source: {material.source_name}.", "Teacher Note")
    level = level_for(material.level)
    measured = material.measured
    writer.paragraph(
        f"Level: grade {grade_name(material.level)} (F&P {level.fountas_pinnell}). Key ideas "
        + (
            "written for this level"
            if material.ideas_rewritten
            else "are the passage's own topic sentences (offline engine: not rewritten)"
        )
        + (
            f"; measured grade {measured.grade:.1f} ({measured.low:.1f}-{measured.high:.1f})."
            if measured
            else "."
        ),
        "Teacher Note",
    )
    sources = {"model": "written by the model", "glossary": "from your glossary",
               "blank": "left blank for the student (offline, no glossary entry)"}  # fmt: skip
    writer.heading("Vocabulary cards")
    writer.table(
        ["Term", "Definition", "Where it came from"],
        [[card.term, card.definition or "-", sources[card.source]] for card in material.cards],
        widths=[1.3, 3.1, 1.6],
    )
    if material.warnings:
        writer.heading("Check before you print")
        for warning in material.warnings:
            writer.paragraph(f"- {warning}", "Teacher Note")
    writer.heading("Accommodations and modifications")
    if material.ledger:
        ledger_table(writer, material.ledger)
    else:
        writer.paragraph("None requested: the guide uses the standard layout.", "Teacher Note")
    for note in catalogue.teacher_notes(material.accommodations):
        writer.paragraph(note, "Teacher Note")
    writer.paragraph("The self-check answers are on the back page of the student's guide.",
                     "Small")  # fmt: skip
    return RenderedDocument(
        filename=f"{slug(material.title)}_study-guide_teacher.docx",
        role="teacher",
        title="Study guide: teacher / para page",
        data=writer.to_bytes(),
    )
