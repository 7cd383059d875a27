"""Leveled worksheet documents: a student copy per level and one teacher/para copy.

Every document comes from the same WorksheetMaterial. Student copies never hold answers, the
level, or teacher notes (a student should not read "grade 2" on their sheet); the teacher copy
maps each version letter to its target and measured level.
"""

from __future__ import annotations

import string

from generators import readability, textwork
from generators.domain import accommodations as catalogue
from generators.domain.common import RenderedDocument
from generators.domain.levels import grade_name, level_for
from generators.domain.worksheet import Question, Version, WorksheetMaterial
from generators.render.docx_base import TEACHER_COPY, Writer, ledger_table, profile_for, slug
from generators.render.flow import kept_together
from generators.textwork import sentence_with

WRITTEN_LINES = {"short_answer": 3, "text_evidence": 4}
CHUNK_PARAGRAPHS = 2
CHUNK_QUESTIONS = 3
NOTES_SHARE = 0.55  # an organizer's writing column: at least this share of the width
LETTERS = string.ascii_uppercase


def render(material: WorksheetMaterial) -> list[RenderedDocument]:
    """A copy per version, or per student when the packet names them (`copies_for`), then the
    teacher copy."""
    usable = [(i, v) for i, v in enumerate(material.versions) if v.status != "failed"]
    if material.copies_for:
        by_level = {version.target: (index, version) for index, version in usable}
        documents = [
            render_student(material, *by_level[level], code=code)
            for code, level in material.copies_for
            if level in by_level
        ]
    else:
        documents = [render_student(material, index, version) for index, version in usable]
    documents.append(render_teacher(material))
    return documents


def version_letter(index: int, material: WorksheetMaterial | None = None) -> str:
    """A version's letter: the packet's own (one letter per reading level across a caseload
    packet), else by position."""
    letters = getattr(material, "version_letters", ())  # the quiz's material has none
    if index < len(letters):
        return letters[index]
    return LETTERS[index % len(LETTERS)]


def copies_for(material) -> tuple[tuple[str, int], ...]:
    """The students the copies are printed for (the quiz shares this module's teacher tables)."""
    return getattr(material, "copies_for", ())


def codes_at(material: WorksheetMaterial, level: int) -> list[str]:
    return [code for code, at in copies_for(material) if at == level]


# --- Student copy ---


class StudentCopy:
    """Writes one student copy; accommodations decide layout, never content."""

    def __init__(
        self, material: WorksheetMaterial, index: int, version: Version, code: str | None = None
    ) -> None:
        self.material = material
        self.version = version
        self.code = code
        self.letter = version_letter(index, material)
        self.chosen = set(material.accommodations)
        self.writer = Writer(profile_for(self.chosen), extra_spacing="extra-spacing" in self.chosen)

    def has(self, accommodation_id: str) -> bool:
        return accommodation_id in self.chosen

    def cue(self, word: str) -> str | None:
        return word if self.has("visual-supports") else None

    def build(self) -> bytes:
        writer = self.writer
        writer.label_pages(f"{self.code}   Version {self.letter}" if self.code
                           else f"Version {self.letter}")  # fmt: skip
        writer.title(self.material.title)
        who = f"{self.code}   " if self.code else ""
        writer.paragraph(f"Name: ____________________   {who}Date: __________   "
                         f"Version {self.letter}", "Small")  # fmt: skip
        self.directions()
        self.passage()
        self.checkpoint()
        self.vocabulary()
        self.organizer()
        self.questions()
        self.cloze()
        return writer.to_bytes()

    def directions(self) -> None:
        self.writer.heading("Directions")
        if self.has("simplified-directions"):
            self.writer.steps(["Read the passage.", "Answer each question.", "Check your work."])
        else:
            self.writer.paragraph(
                "Read the passage carefully. Then answer the questions. Use details from the "
                "passage in your written answers.",
                "Directions",
            )

    def passage(self) -> None:
        self.writer.heading("Read the passage", cue=self.cue("READ"))
        terms = (
            [entry.term for entry in self.material.vocabulary]
            if self.has("highlight-key-terms")
            else []
        )
        for number, paragraph in enumerate(self.version.paragraphs):
            if self.has("chunking") and number and number % CHUNK_PARAGRAPHS == 0:
                self.writer.page_break()
            self.writer.highlighted(paragraph, terms)

    def checkpoint(self) -> None:
        """A break checkpoint between sections, and a page break where work is chunked."""
        if self.has("breaks"):
            self.writer.paragraph("Checkpoint: take a short break, then go on.", "Checkpoint")
        if self.has("chunking"):
            self.writer.page_break()

    def vocabulary(self) -> None:
        entries = self.material.vocabulary
        if not entries:
            return
        if all(entry.definition for entry in entries):
            self.writer.heading("Key words", cue=self.cue("READ"))
            translated = any(entry.translation for entry in entries)
            header = ["Word", "What it means"]
            if translated:
                header.append(self.material.glossary_language or "Translation")
            rows = [
                [entry.term, entry.definition] + ([entry.translation or ""] if translated else [])
                for entry in entries
            ]
            self.writer.table(header, rows)
            return
        # Offline: no definitions to give, so the student works the meaning out from context.
        self.writer.heading("Word study", cue=self.cue("WRITE"))
        self.writer.paragraph(
            "Find each word in the passage. Write what you think it means.", "Directions"
        )
        for number, entry in enumerate(entries, 1):
            with kept_together(self.writer):
                self.writer.numbered(number, entry.term)
                self.writer.answer_lines(self.lines(1))
        self.checkpoint()

    def organizer(self) -> None:
        if not self.material.organizer:
            return
        self.writer.heading("Organize your thinking", cue=self.cue("WRITE"))
        rows = [[f"{row.label}: {row.prompt}", ""] for row in self.material.organizer]
        self.writer.table(
            ["Part", "My notes"],
            rows,
            min_height=48 if self.lines(1) > 1 else 32,
            writing=(1,),
            min_share={1: NOTES_SHARE},
        )
        self.checkpoint()

    def questions(self) -> None:
        self.writer.heading("Questions", cue=self.cue("CIRCLE" if self.all_choice() else "WRITE"))
        if self.has("word-bank") and self.material.word_bank and not self.all_choice():
            self.writer.word_bank(self.material.word_bank)
        for number, question in enumerate(self.material.questions, 1):
            if self.has("chunking") and number > 1 and (number - 1) % CHUNK_QUESTIONS == 0:
                self.writer.page_break()
            self.question(number, question)

    def all_choice(self) -> bool:
        return all(q.kind == "multiple_choice" for q in self.material.questions)

    def question(self, number: int, question: Question) -> None:
        """Stem, choices, starter and writing lines print on one page (see render/flow.py)."""
        with kept_together(self.writer):
            self.question_block(number, question)

    def question_block(self, number: int, question: Question) -> None:
        self.writer.numbered(number, question.prompt)
        if question.kind == "multiple_choice":
            for letter, choice in zip(LETTERS, question.choices, strict=False):
                self.writer.paragraph(f"{letter}. {choice}", "Choice")
            return
        if self.has("sentence-starters") and question.starter:
            self.writer.paragraph(question.starter, "Starter")
        self.writer.answer_lines(self.lines(WRITTEN_LINES[question.kind]))

    def cloze(self) -> None:
        items = self.material.cloze
        if not items:
            return
        self.checkpoint()
        self.writer.heading("Fill in the blank", cue=self.cue("WRITE"))
        self.writer.paragraph("Use a word from the word bank to complete each sentence.",
                              "Directions")  # fmt: skip
        self.writer.word_bank(sorted({item.answer for item in items}))
        for number, item in enumerate(items, 1):
            self.writer.numbered(number, item.text)

    def lines(self, count: int) -> int:
        return count * 2 if self.has("larger-answer-space") else count


def render_student(
    material: WorksheetMaterial, index: int, version: Version, code: str | None = None
) -> RenderedDocument:
    """One student copy; with a code, that student's own (their code on it and in its name)."""
    data = StudentCopy(material, index, version, code).build()
    grade = grade_name(version.target)
    title = f"Student copy, version {version_letter(index, material)} (grade {grade})"
    return RenderedDocument(
        filename=(f"{slug(code)}_" if code else "")
        + f"{slug(material.title)}_grade-{grade}_student.docx",
        role="student",
        title=f"{code}: {title}" if code else title,
        level=version.target,
        data=data,
    )


# --- Teacher / para copy ---


def render_teacher(material: WorksheetMaterial) -> RenderedDocument:
    writer = Writer("standard")
    writer.label_pages(TEACHER_COPY)
    writer.title(material.title)
    writer.paragraph("Teacher / para copy: contains the answer key. Do not hand out.",
                     "Directions")  # fmt: skip
    write_engine(writer, material)
    write_versions(writer, material)
    write_warnings(writer, material)
    write_ledger(writer, material)
    write_notes(writer, material)
    write_key(writer, material)
    return RenderedDocument(
        filename=f"{slug(material.title)}_teacher.docx",
        role="teacher",
        title="Teacher / para copy with answer key",
        data=writer.to_bytes(),
    )


def write_engine(writer: Writer, material: WorksheetMaterial) -> None:
    writer.paragraph(f"Made by: {material.engine.label}.", "Teacher Note")
    if material.source_name:
        writer.paragraph(f"Source: {material.source_name}.", "Teacher Note")
    if not material.engine.is_ai:
        writer.paragraph(
            "The offline engine does not rewrite text: every version holds the source passage "
            "as written. The questions, word study and fill-in-the-blank items were built from "
            "the text without AI.",
            "Teacher Note",
        )


def write_versions(writer: Writer, material: WorksheetMaterial) -> None:
    writer.heading("Versions and measured reading levels")
    rows = []
    for index, version in enumerate(material.versions):
        level = level_for(version.target)
        measured = version.measured
        rows.append(
            [
                version_letter(index, material),
                f"Grade {grade_name(version.target)} (F&P {level.fountas_pinnell})",
                f"{measured.grade:.1f} ({measured.low:.1f}-{measured.high:.1f})"
                if measured
                else "-",
                status_text(version),
                "rewritten" if version.rewritten else "as written",
                *students_cell(material, version),
            ]
        )
    header = ["Version", "Target", "Measured grade (range)", "Status", "Passage"]
    if copies_for(material):  # which student got which version, by code
        header.append("Students")
    writer.table(header, rows)
    writer.paragraph(
        f"{readability.SCALE_NOTE} Formulas are estimates: read the passage before you use it.",
        "Small",
    )


def students_cell(material: WorksheetMaterial, version: Version) -> list[str]:
    """The codes that got this version, as a cell, when the packet names its students."""
    if not copies_for(material):
        return []
    return [", ".join(codes_at(material, version.target)) or "-"]


def status_text(version: Version) -> str:
    if version.status == "failed":
        return f"FAILED: {version.error}"
    status = "In band" if version.status == "in-band" else "OUT OF BAND"
    if version.revisions:
        first = f"{version.first_grade:.1f}" if version.first_grade is not None else "-"
        status += f" after {textwork.plural(version.revisions, 'revision')}, first measured {first}"
    if version.facts:
        status += "; FACTS CHANGED (see below)"
    if version.unanswerable:
        status += f"; check {textwork.numbered('question', version.unanswerable)}"
    return status


def write_warnings(writer: Writer, material: WorksheetMaterial) -> None:
    if not material.warnings:
        return
    writer.heading("Check before you print")
    for warning in material.warnings:
        writer.paragraph(f"- {warning}", "Teacher Note")


def write_ledger(writer: Writer, material: WorksheetMaterial) -> None:
    writer.heading("Accommodations and modifications")
    if not material.ledger:
        writer.paragraph("None requested: student copies use the standard layout.",
                         "Teacher Note")  # fmt: skip
        return
    ledger_table(writer, material.ledger)


def write_notes(writer: Writer, material: WorksheetMaterial) -> None:
    notes = catalogue.teacher_notes(material.accommodations)
    if not notes:
        return
    writer.heading("For the adult working with the student")
    for note in notes:
        writer.paragraph(note, "Teacher Note")


def write_key(writer: Writer, material: WorksheetMaterial) -> None:
    writer.heading("Answer key")
    writer.paragraph("One key serves every version: all versions share the same questions.",
                     "Small")  # fmt: skip
    for number, question in enumerate(material.questions, 1):
        writer.numbered(number, question.prompt)
        if question.kind == "multiple_choice" and question.correct_choice is not None:
            letter = LETTERS[question.correct_choice]
            writer.paragraph(f"Answer: {letter}. {question.choices[question.correct_choice]}",
                             "Key Answer")  # fmt: skip
        else:
            writer.paragraph(f"Answer: {question.answer}", "Key Answer")
        if question.evidence:
            writer.paragraph(f"Evidence: “{question.evidence}”", "Teacher Note")
    if material.cloze:
        writer.heading("Fill in the blank", level=2)
        for number, item in enumerate(material.cloze, 1):
            writer.numbered(number, item.answer, "Key Answer")
    write_vocabulary_key(writer, material)


def write_vocabulary_key(writer: Writer, material: WorksheetMaterial) -> None:
    if not material.vocabulary or all(entry.definition for entry in material.vocabulary):
        return
    writer.heading("Word study", level=2)
    writer.paragraph(
        "Accept any meaning that fits the sentence where the word appears (offline engine: "
        "no dictionary definitions are given).",
        "Small",
    )
    paragraphs = list(material.versions[0].paragraphs) if material.versions else []
    for number, entry in enumerate(material.vocabulary, 1):
        writer.numbered(number, entry.term, "Key Answer")
        context = sentence_with(entry.term, paragraphs)
        if context:
            writer.paragraph(f"In the passage: “{context}”", "Teacher Note")
