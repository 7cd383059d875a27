"""Read DOCX bytes back the way a person would see them: text, styles, effective font sizes."""

from __future__ import annotations

import io
import re

from docx import Document
from docx.document import Document as DocxDocument
from docx.oxml.ns import qn
from docx.text.paragraph import Paragraph


def open_docx(data: bytes) -> DocxDocument:
    return Document(io.BytesIO(data))


def all_text(document: DocxDocument) -> str:
    """Body paragraphs and table cells, in order, one per line."""
    lines = [p.text for p in document.paragraphs]
    for table in document.tables:
        for row in table.rows:
            lines.extend(cell.text for cell in row.cells)
    return "\n".join(lines)


def effective_size(paragraph: Paragraph) -> float:
    """Font size in points as Word resolves it: run, then the style chain."""
    for run in paragraph.runs:
        if run.font.size is not None:
            return run.font.size.pt
    style = paragraph.style
    while style is not None:
        if style.font.size is not None:
            return style.font.size.pt
        style = style.base_style
    return 10.0  # Word's default when nothing sets a size


def effective_bold(paragraph: Paragraph) -> bool:
    style = paragraph.style
    while style is not None:
        if style.font.bold is not None:
            return style.font.bold
        style = style.base_style
    return False


def starts_page(paragraph: Paragraph) -> bool:
    """A paragraph that begins a new page, by a break before it or a break character in it."""
    xml = paragraph._element.xml
    return "<w:pageBreakBefore/>" in xml or 'w:type="page"' in xml


def page_breaks(document: DocxDocument) -> int:
    xml = document.element.body.xml
    return xml.count('w:type="page"') + xml.count("<w:pageBreakBefore/>")


def word_banks(document: DocxDocument) -> list[list[str]]:
    """The words of each word bank: a table under a "Word bank" label row, a word per cell."""
    banks = []
    for table in document.tables:
        if not table.rows[0].cells[0].text.startswith("Word bank"):
            continue
        words = [cell.text for row in table.rows[1:] for cell in row.cells if cell.text]
        banks.append(words)
    return banks


def effective_font(paragraph: Paragraph) -> str | None:
    """The font Word prints a paragraph's text in: a run's own font, else the style chain's,
    else the document defaults'. A theme attribute (w:asciiTheme) beside a font name wins over
    it, so it is returned as 'theme:<name>'."""
    candidates = [run._r.rPr for run in paragraph.runs if run.text.strip()]
    style = paragraph.style
    while style is not None:
        candidates.append(style.element.rPr)
        style = style.base_style
    defaults = paragraph.part.styles.element.find(qn("w:docDefaults"))
    if defaults is not None:
        candidates.append(defaults.find(f"{qn('w:rPrDefault')}/{qn('w:rPr')}"))
    for rpr in candidates:
        fonts = rpr.find(qn("w:rFonts")) if rpr is not None else None
        if fonts is None:
            continue
        theme = fonts.get(qn("w:asciiTheme"))
        if theme:
            return f"theme:{theme}"
        if fonts.get(qn("w:ascii")):
            return fonts.get(qn("w:ascii"))
    return None


def footer_text(document: DocxDocument) -> list[str]:
    """Each section's footer as text, with its fields written as {PAGE} and {NUMPAGES}."""
    texts = []
    for section in document.sections:
        parts = []
        for element in section.footer._element.iter(qn("w:t"), qn("w:instrText"), qn("w:tab")):
            if element.tag == qn("w:instrText"):
                parts.append("{" + element.text.strip() + "}")
            elif element.tag == qn("w:tab"):  # a tab character, not a tab stop in w:tabs
                parts.append("\t" if element.getparent().tag == qn("w:r") else "")
            else:
                parts.append(element.text or "")
        texts.append(field_free("".join(parts)))
    return texts


def field_free(text: str) -> str:
    """Drop each field's last shown value (the '1' after {PAGE}): Word recomputes it."""
    return re.sub(r"(\{[A-Z]+\})[^\s{]*", r"\1", text)
