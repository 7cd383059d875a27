"""A thin writer over python-docx: open a profile's template, add paragraphs by style name.

Layout lives in templates/*.docx as named styles; this module never sets a font. Numbers are
written as text ("3.") rather than with Word's "List Number", whose single counter runs across
the whole document instead of restarting per section.
"""

from __future__ import annotations

import io
import re
import string
from collections.abc import Iterable
from pathlib import Path

from docx import Document
from docx.document import Document as DocxDocument
from docx.shared import Inches, Pt
from docx.text.paragraph import Paragraph

from generators.render import page_setup, tables
from generators.textwork import clean, whole_word

STEP_LETTERS = string.ascii_lowercase
TEACHER_COPY = "Teacher / para copy — do not hand out"  # the page label on every adult's copy
TEMPLATES_DIR = Path(__file__).resolve().parent.parent.parent / "templates"
PROFILES = ("standard", "large-print", "dyslexia-friendly")


def profile_for(accommodation_ids: Iterable[str]) -> str:
    """Large print wins over dyslexia-friendly: it is already sans-serif, left aligned, larger."""
    chosen = set(accommodation_ids)
    if "large-print" in chosen:
        return "large-print"
    if "dyslexia-friendly" in chosen:
        return "dyslexia-friendly"
    return "standard"


class Writer:
    def __init__(self, profile: str = "standard", *, extra_spacing: bool = False) -> None:
        self.profile = profile
        self.document: DocxDocument = Document(str(TEMPLATES_DIR / f"{profile}.docx"))
        self._styles: dict[str, object] = {}
        self._style_ids: dict[str, str | None] = {}
        self._break_before_next = False
        self.page_label = ""
        page_setup.set_margins(self.document.sections[0])
        if extra_spacing:
            self._widen_spacing()

    def _widen_spacing(self) -> None:
        """Extra spacing is a style change, made once on the styles the text uses."""
        for name in ("Normal", "Passage", "Question", "Choice", "Directions"):
            style = self.document.styles[name]
            style.paragraph_format.line_spacing = 2.0
        self.document.styles["Question"].paragraph_format.space_before = Pt(20)

    def style(self, name: str):
        """The style object for a name, looked up once: python-docx otherwise scans every style
        in the template for each paragraph, which was most of the render time."""
        if name not in self._styles:
            self._styles[name] = self.document.styles[name]
        return self._styles[name]

    def set_style(self, paragraph: Paragraph, name: str) -> None:
        """Give a paragraph a style by its id, looked up once. Assigning a style object still
        makes python-docx scan every style for the default one, which was most of the time a
        table with many cells took to render."""
        if name not in self._style_ids:
            style = self.style(name)
            default = self.document.styles.default(style.type)
            self._style_ids[name] = None if style == default else style.style_id
        style_id = self._style_ids[name]
        if style_id is not None:
            paragraph._p.get_or_add_pPr().style = style_id
        elif paragraph._p.pPr is not None:
            paragraph._p.pPr.style = None

    def paragraph(self, text: str = "", style: str = "Normal") -> Paragraph:
        return self._add(clean(text), style)

    def _add(self, text: str, style: str) -> Paragraph:
        """Every paragraph comes through here, so a pending page break lands on it."""
        paragraph = self.document.add_paragraph(text)
        self.set_style(paragraph, style)
        if self._break_before_next:
            paragraph.paragraph_format.page_break_before = True
            self._break_before_next = False
        return paragraph

    def title(self, text: str) -> Paragraph:
        return self.paragraph(text, "Title")

    def heading(self, text: str, level: int = 1, cue: str | None = None) -> Paragraph:
        """A section heading; with a visual cue, the action word stands first in capitals."""
        label = f"{cue}: {text}" if cue else text
        return self.paragraph(label, f"Heading {level}")

    def highlighted(self, text: str, terms: Iterable[str], style: str = "Passage") -> Paragraph:
        """A paragraph with each key term in the 'Key Term' character style."""
        paragraph = self._add("", style)
        text = clean(text)
        terms = sorted({term for term in terms if term}, key=len, reverse=True)
        if not terms:
            paragraph.add_run(text)
            return paragraph
        pattern = re.compile("|".join(whole_word(term).pattern for term in terms), re.IGNORECASE)
        position = 0
        for match in pattern.finditer(text):
            paragraph.add_run(text[position : match.start()])
            paragraph.add_run(match.group(0), style=self.style("Key Term"))
            position = match.end()
        paragraph.add_run(text[position:])
        return paragraph

    def numbered(self, number: int, text: str, style: str = "Question") -> Paragraph:
        return self.paragraph(f"{number}. {text}", style)

    def answer_lines(self, count: int) -> None:
        for _ in range(count):
            self._add("", "Answer Line")

    def page_break(self) -> None:
        """Start the next paragraph on a new page.

        Set on that paragraph (page break before) rather than written as a break character in a
        paragraph of its own: such a paragraph, landing at the top of a full page, printed as a
        blank page; and a break with nothing after it no longer adds an empty last page.
        """
        self._break_before_next = True

    def table(
        self,
        header: list[str],
        rows: list[list[str]],
        *,
        min_height: float = 0,
        widths: list[float] | None = None,
        **sizing,
    ) -> None:
        """A grid sized to its content by `tables.add_table` (`sizing`: style, min_share,
        writing); `min_height` in points leaves writing room in each body row, and `widths`
        (inches) fixes the proportions instead."""
        if self._break_before_next:
            self._add("", "Small")  # a table cannot carry the break itself
        tables.add_table(
            self, header, rows, min_height=min_height, widths=widths, clean=clean, **sizing
        )
        self.document.add_paragraph()

    def even_widths(self, columns: int) -> list[float]:
        """Columns sharing the full text width: without widths, LibreOffice prints a table at
        about half the page, with cramped columns."""
        section = self.document.sections[-1]
        usable = section.page_width - section.left_margin - section.right_margin
        return [usable / Inches(1) / columns] * columns

    def label_pages(self, label: str) -> None:
        """What every page's footer says beside "Page X of Y": the version letter or student
        code on a student's pages, TEACHER_COPY on an adult's, so a shuffled packet sorts
        back. Every renderer calls this; the page numbers come without it."""
        self.page_label = clean(label)

    def steps(self, steps: Iterable[str], terms: Iterable[str] = ()) -> None:
        """Step-by-step directions, lettered (a., b., c.) so they never share a number with
        the questions below them."""
        for letter, step in zip(STEP_LETTERS, steps, strict=False):
            self.highlighted(f"{letter}. {step}", list(terms), "Directions")

    def word_bank(self, words: Iterable[str], label: str = "Word bank") -> None:
        """The words each in a box of their own, under a label, in one boxed table."""
        if self._break_before_next:
            self._add("", "Small")  # a table cannot carry the break itself
        page_setup.word_bank_table(self, [clean(word) for word in words], clean(label))

    def to_bytes(self) -> bytes:
        """Page furniture and the end of the page flow are settled here, once, so every kind's
        documents get them."""
        page_setup.finish(self.document, self.page_label)
        buffer = io.BytesIO()
        self.document.save(buffer)
        return buffer.getvalue()


SLUG_CHARS = 48


def slug(text: str, limit: int = SLUG_CHARS) -> str:
    """A safe, readable file-name stem of whole words (a name cut mid-word reads as a typo)."""
    words = re.findall(r"[A-Za-z0-9]+", text.lower())
    stem = "-".join(words)
    if len(stem) > limit:
        cut = stem[: limit + 1]
        stem = cut[: cut.rfind("-")] if "-" in cut else stem[:limit]
    return stem or "worksheet"


LEDGER_HEADER = ["Accommodation", "Category", "Applied", "What was done"]


def ledger_row(entry) -> list[str]:
    """One accommodation as a ledger row (LEDGER_HEADER's columns)."""
    applied = ("Yes" if entry.applied else "NOT APPLIED") + ("" if entry.requested else " (auto)")
    return [entry.name, entry.category, applied, entry.detail]


def ledger_table(writer: Writer, entries: Iterable) -> None:
    """The accommodation ledger, the same on every teacher copy: one row per accommodation,
    NOT APPLIED spelled out, modifications labelled by their category, implied ones marked."""
    writer.table(LEDGER_HEADER, [ledger_row(entry) for entry in entries])
