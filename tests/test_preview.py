"""The printed-page preview: PDF pages as images in the app, and how full each page prints."""

from __future__ import annotations

from app_pages import click, generate, open_page, texts
from printed import needs_libreoffice
from samples import sample

from generators import printing as preview
from generators.domain.common import RenderedDocument
from generators.render.docx_base import Writer

PNG = b"\x89PNG\r\n\x1a\n"


def document_of(paragraphs: int) -> RenderedDocument:
    writer = Writer()
    writer.title("Half a page")
    for number in range(paragraphs):
        writer.paragraph(f"Paragraph {number}: " + "words that fill the line " * 12, "Passage")
    return RenderedDocument(filename="a.docx", role="student", title="A", data=writer.to_bytes())


@needs_libreoffice
def test_page_images_are_pngs_of_the_first_pages():
    images = preview.page_images(document_of(40), pages=2)
    assert len(images) == 2 and all(image.startswith(PNG) for image in images)


@needs_libreoffice
def test_page_fill_measures_how_far_down_the_print_reaches():
    [short] = preview.to_pdfs([document_of(3)])
    [fill] = preview.page_fill(short, (1.0, 1.0))
    assert 0.1 < fill < 0.5
    [long] = preview.to_pdfs([document_of(40)])
    fills = preview.page_fill(long, (1.0, 1.0))
    assert len(fills) >= 2 and fills[0] > 0.9


def test_without_libreoffice_the_app_keeps_the_text_preview_and_says_how(monkeypatch):
    monkeypatch.setenv("PARAPREP_SOFFICE", "no-such-soffice")
    assert not preview.available()
    done = generate(find_fill(open_page()))
    shown = texts(done)
    assert "Text preview: the printed page may differ." in shown and "install LibreOffice" in shown
    assert "Honeybees" in shown
    assert not [b for b in done.button if b.label == "Show the printed pages"]


@needs_libreoffice
def test_with_libreoffice_the_app_shows_the_printed_pages():
    done = generate(find_fill(open_page()))
    assert "Text preview: the printed page may differ." not in texts(done)
    shown = click(done, "Show the printed pages")
    assert not shown.exception, shown.exception
    captions = [image.proto.imgs[0].caption for image in elements(shown.main, "Image")]
    assert captions[:2] == ["Printed page 1", "Printed page 2"]  # the first document's


def elements(node, name: str) -> list:
    """Every element of a type under `node`, however deep (AppTest lists only some kinds)."""
    found = []
    for child in getattr(node, "children", {}).values():
        if type(child).__name__ == name:
            found.append(child)
        found += elements(child, name)
    return found


def find_fill(at):
    from app_pages import find

    find(at.text_area, "...or paste").input(sample("honeybees.txt").read_text())
    find(at.multiselect, "Reading levels").set_value([3])
    return at
