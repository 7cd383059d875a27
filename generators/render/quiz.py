"""Quiz documents: a student copy per level and one teacher/para copy with the key.

Student copies carry a score box and each item's points, never answers, DOK or the level. The
teacher copy holds the one key every copy shares: for each item the answer, a short rationale,
the source sentence that supports it, its depth of knowledge and its type.
"""

from __future__ import annotations

import string

from generators.domain.common import RenderedDocument
from generators.domain.levels import grade_name
from generators.domain.quiz import KIND_LABELS, QuizCopy, QuizItem, QuizMaterial, Wording
from generators.render.docx_base import TEACHER_COPY, Writer, profile_for, slug
from generators.render.worksheet import (
    version_letter,
    write_ledger,
    write_notes,
    write_versions,
    write_warnings,
)

LETTERS = string.ascii_uppercase
SHORT_LINES = 3
CHUNK_ITEMS = 3
SECTIONS = {
    "multiple_choice": ("Multiple choice", "CIRCLE", "Circle the letter of the best answer."),
    "true_false": ("True or false", "CIRCLE", "Circle True or False for each sentence."),
    "matching": ("Matching", "MATCH", "Write the letter of the word on the line."),
    "short_answer": ("Short answer", "WRITE", "Answer in one or two sentences. Use the text."),
}
STARTERS = {
    "short_answer": "The passage says ...",
}


def render(material: QuizMaterial) -> list[RenderedDocument]:
    documents = [
        render_student(material, index, copy)
        for index, copy in enumerate(material.copies)
        if copy.version.status != "failed"
    ]
    documents.append(render_teacher(material))
    return documents


def points_label(points: int) -> str:
    return f"({points} point{'s' if points != 1 else ''})"


def match_letters(item: QuizItem) -> list[str]:
    """The terms as the student sees them: in alphabetical order, so their order gives nothing
    away about the sentences'."""
    return sorted(pair.term for pair in item.pairs)


def match_key(item: QuizItem) -> str:
    terms = match_letters(item)
    return ", ".join(
        f"{number}-{LETTERS[terms.index(pair.term)]} ({pair.term})"
        for number, pair in enumerate(item.pairs, 1)
    )


# --- Student copy ---


class StudentCopy:
    """Writes one student copy; accommodations decide layout, never content."""

    def __init__(self, material: QuizMaterial, index: int, copy: QuizCopy) -> None:
        self.material = material
        self.copy = copy
        self.letter = version_letter(index)
        self.chosen = set(material.accommodations)
        self.writer = Writer(profile_for(self.chosen), extra_spacing="extra-spacing" in self.chosen)

    def has(self, accommodation_id: str) -> bool:
        return accommodation_id in self.chosen

    def cue(self, word: str) -> str | None:
        return word if self.has("visual-supports") else None

    def build(self) -> bytes:
        writer = self.writer
        writer.label_pages(f"Version {self.letter}")
        writer.title(self.material.title)
        writer.paragraph(f"Name: ____________________   Date: __________   Version {self.letter}",
                         "Small")  # fmt: skip
        writer.table(["Score", f"________ out of {self.material.total_points} points"], [],
                     widths=[1.2, 3.0])  # fmt: skip
        self.directions()
        self.passage()
        self.items()
        return writer.to_bytes()

    def directions(self) -> None:
        self.writer.heading("Directions")
        if self.has("simplified-directions"):
            self.writer.steps(["Read the passage.", "Answer each question.", "Check your answers."])
        else:
            self.writer.paragraph(
                "Read the passage. Then answer every question. You may look back at the passage.",
                "Directions",
            )

    def passage(self) -> None:
        self.writer.heading("Read the passage", cue=self.cue("READ"))
        terms = self.material.terms if self.has("highlight-key-terms") else ()
        for number, paragraph in enumerate(self.copy.version.paragraphs):
            if self.has("chunking") and number and number % 2 == 0:
                self.writer.page_break()
            self.writer.highlighted(paragraph, terms)
        if self.has("breaks"):
            self.writer.paragraph("Checkpoint: take a short break, then go on.", "Checkpoint")
        if self.has("chunking"):
            self.writer.page_break()

    def items(self) -> None:
        section = None
        for number, (item, words) in enumerate(
            zip(self.material.items, self.copy.wording, strict=True), 1
        ):
            if self.has("chunking") and number > 1 and (number - 1) % CHUNK_ITEMS == 0:
                self.writer.page_break()
            if item.kind != section:
                if section and self.has("breaks"):
                    self.writer.paragraph("Checkpoint: take a short break, then go on.",
                                          "Checkpoint")  # fmt: skip
                self.section(item.kind)
                section = item.kind
            self.item(number, item, words)

    def section(self, kind: str) -> None:
        """A section's heading, directions and word list stay with its first item."""
        title, cue, directions = SECTIONS[kind]
        lines = [self.writer.heading(title, cue=self.cue(cue))]
        lines.append(self.writer.paragraph(directions, "Directions"))
        if kind == "matching":
            for item in self.material.items:
                if item.kind == "matching":
                    words = "   ".join(
                        f"{LETTERS[i]}. {t}" for i, t in enumerate(match_letters(item))
                    )
                    lines.append(self.writer.paragraph(f"Words: {words}", "Word Bank"))
        for line in lines:
            line.paragraph_format.keep_with_next = True
        if kind == "short_answer" and self.has("word-bank") and self.material.terms:
            self.writer.word_bank(self.material.terms)  # a word to a box, kept with the heading

    def item(self, number: int, item: QuizItem, words: Wording) -> None:
        """One item, its question kept on the page with its choices (never split from them)."""
        stem = self.writer.numbered(number, f"{words.stem} {points_label(item.points)}")
        stem.paragraph_format.keep_with_next = True
        lines = []
        if item.kind in ("multiple_choice", "true_false"):
            for letter, choice in zip(LETTERS, words.choices, strict=False):
                lines.append(self.writer.paragraph(f"{letter}. {choice}", "Choice"))
        elif item.kind == "matching":
            for part, description in enumerate(words.descriptions, 1):
                lines.append(self.writer.paragraph(f"{part}) ______  {description}", "Choice"))
        else:
            if self.has("sentence-starters"):
                starter = self.writer.paragraph(STARTERS["short_answer"], "Starter")
                starter.paragraph_format.keep_with_next = True
            self.writer.answer_lines(SHORT_LINES * (2 if self.has("larger-answer-space") else 1))
        for line in lines[:-1]:
            line.paragraph_format.keep_with_next = True


def render_student(material: QuizMaterial, index: int, copy: QuizCopy) -> RenderedDocument:
    data = StudentCopy(material, index, copy).build()
    return RenderedDocument(
        filename=f"{slug(material.title)}_quiz_grade-{grade_name(copy.target)}_student.docx",
        role="student",
        title=f"Quiz, version {version_letter(index)} (grade {grade_name(copy.target)})",
        level=copy.target,
        data=data,
    )


# --- Teacher / para copy ---


def render_teacher(material: QuizMaterial) -> RenderedDocument:
    writer = Writer("standard")
    writer.label_pages(TEACHER_COPY)
    writer.title(f"{material.title}: quiz")
    writer.paragraph("Teacher / para copy: contains the answer key. Do not hand out.",
                     "Directions")  # fmt: skip
    write_engine(writer, material)
    write_versions(writer, material)
    write_warnings(writer, material)
    write_ledger(writer, material)
    write_notes(writer, material)
    write_key(writer, material)
    return RenderedDocument(
        filename=f"{slug(material.title)}_quiz_teacher.docx",
        role="teacher",
        title="Quiz: teacher / para copy with answer key",
        data=writer.to_bytes(),
    )


def write_engine(writer: Writer, material: QuizMaterial) -> None:
    writer.paragraph(f"Made by: {material.engine.label}.", "Teacher Note")
    if material.source_name:
        writer.paragraph(f"Source: {material.source_name}.", "Teacher Note")
    if not material.engine.is_ai:
        writer.paragraph(
            "Offline engine (no AI): every copy holds the source passage as written and the same "
            "items in the same words. The items were built from the passage's own sentences: "
            "fill-in-the-word choices, true/false statements (false ones change one stated "
            "fact), and key words matched with their sentences.",
            "Teacher Note",
        )
    elif any(copy.reworded for copy in material.copies):
        writer.paragraph(
            "Each copy words the items for its reading level; the answers and the letters of the "
            "correct choices are the same on every copy.",
            "Teacher Note",
        )


def write_key(writer: Writer, material: QuizMaterial) -> None:
    writer.heading("Answer key")
    writer.paragraph(
        f"One key serves every copy. Total: {material.total_points} points. DOK = depth of "
        "knowledge (1 recall, 2 skill or concept, 3 reasoning).",
        "Small",
    )
    rows = [
        [str(number), KIND_LABELS[item.kind], str(item.dok), key_answer(item), str(item.points)]
        for number, item in enumerate(material.items, 1)
    ]
    writer.table(["#", "Type", "DOK", "Answer", "Points"], rows,
                 widths=[0.35, 1.3, 0.45, 3.4, 0.5])  # fmt: skip
    writer.heading("Why, and where in the passage", level=2)
    for number, item in enumerate(material.items, 1):
        writer.numbered(number, item.rationale, "Key Answer")
        if item.source_sentence:
            writer.paragraph(f"Source: “{item.source_sentence}”", "Teacher Note")


def key_answer(item: QuizItem) -> str:
    if item.correct_choice is not None and item.choices:
        return f"{LETTERS[item.correct_choice]}. {item.choices[item.correct_choice]}"
    if item.kind == "matching":
        return match_key(item)
    return item.answer
