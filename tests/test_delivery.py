"""Previews, ZIPs and PDFs of finished documents."""

from __future__ import annotations

import io
import os
import stat
import zipfile
from pathlib import Path

import pytest

from generators import delivery
from generators.delivery import ConversionError
from generators.domain.common import RenderedDocument
from generators.render.docx_base import Writer

MARKUP = "**bold** [link](https://x.test) :red[red] $x^2$ <b>b</b> # not a heading `code`"


def document(data: bytes, name: str = "a.docx") -> RenderedDocument:
    return RenderedDocument(filename=name, role="student", title=name, data=data)


def docx_with_markup() -> bytes:
    """python-docx directly: the Writer would clean the markup away before it got here."""
    writer = Writer()
    writer.document.add_paragraph("The Title", style="Title")
    writer.document.add_paragraph(MARKUP, style="Passage")
    writer.document.add_paragraph("1. A question?", style="Question")
    writer.document.add_paragraph("", style="Answer Line")
    writer.document.add_paragraph("", style="Answer Line")
    table = writer.document.add_table(rows=2, cols=2)
    table.cell(0, 0).text, table.cell(0, 1).text = "Word", "Meaning | pipe"
    table.cell(1, 0).text, table.cell(1, 1).text = "*cycle*", "again and again"
    return writer.to_bytes()


def test_every_punctuation_mark_is_escaped():
    assert delivery.escape_markdown("a*b_c[d](e) #1 $x$ :red[y]") == (
        "a\\*b\\_c\\[d\\]\\(e\\) \\#1 \\$x\\$ \\:red\\[y\\]"
    )
    assert delivery.escape_markdown("plain words 42") == "plain words 42"


def test_the_preview_keeps_structure_and_neutralises_markup():
    preview = delivery.preview_markdown(docx_with_markup())
    lines = preview.split("\n\n")
    assert lines[0] == "### The Title"
    assert lines[1] == delivery.escape_markdown(MARKUP)  # shown as typed, restyles nothing
    assert lines[2] == "1\\. A question\\?"  # not turned into a list
    assert lines[3].startswith("\\_\\_\\_") and not lines[4].startswith("\\_")  # one line shown
    assert (
        "| Word | Meaning \\| pipe |" in preview and "| \\*cycle\\* | again and again |" in preview
    )


def test_preview_text_reads_paragraphs_and_cells_in_order():
    text = delivery.preview_text(docx_with_markup())
    assert text.index("The Title") < text.index("A question") < text.index("Meaning | pipe")


def test_a_zip_holds_every_document_and_never_drops_a_repeated_name():
    documents = [document(b"one"), document(b"two"), document(b"three", "b.docx")]
    archive = zipfile.ZipFile(io.BytesIO(delivery.zip_documents(documents)))
    assert archive.namelist() == ["a.docx", "a-2.docx", "b.docx"]
    assert [archive.read(name) for name in archive.namelist()] == [b"one", b"two", b"three"]
    assert delivery.zip_name("The Water Cycle: grade 3!") == "the-water-cycle-grade-3.zip"


def test_pdf_without_libreoffice_says_what_to_do(monkeypatch):
    monkeypatch.setenv("PATH", "/nonexistent")
    monkeypatch.delenv("PARAPREP_SOFFICE", raising=False)
    assert delivery.pdf_converter() is None
    with pytest.raises(ConversionError, match="LibreOffice, which is not installed"):
        delivery.to_pdf(document(b"x"))


def fake_soffice(folder: Path, body: str) -> Path:
    """A stand-in with LibreOffice's command line, to test the call without installing it."""
    script = folder / "soffice"
    script.write_text("#!/bin/sh\n" + body)
    script.chmod(script.stat().st_mode | stat.S_IEXEC)
    return script


CONVERT = """
out=""; src=""
while [ $# -gt 0 ]; do
  case "$1" in --outdir) out="$2"; shift;; *.docx) src="$1";; esac; shift
done
mkdir -p "$out"; printf '%%PDF-1.4 from %s' "$(basename "$src")" > "$out/document.pdf"
"""


@pytest.fixture
def soffice_dir(tmp_path, monkeypatch) -> Path:
    monkeypatch.setenv("PATH", f"{tmp_path}{os.pathsep}{os.environ['PATH']}")
    monkeypatch.delenv("PARAPREP_SOFFICE", raising=False)
    return tmp_path


def test_pdf_conversion_calls_libreoffice_headless_and_returns_its_pdf(soffice_dir):
    fake_soffice(soffice_dir, CONVERT)
    assert delivery.pdf_converter() == str(soffice_dir / "soffice")
    assert delivery.to_pdf(document(b"docx")) == b"%PDF-1.4 from document.docx"
    assert delivery.pdf_name("x_teacher.docx") == "x_teacher.pdf"


def test_a_failed_conversion_is_a_message(soffice_dir):
    fake_soffice(soffice_dir, "exit 1\n")
    with pytest.raises(ConversionError, match=r"could not convert a\.docx"):
        delivery.to_pdf(document(b"docx"))


def test_a_hung_conversion_times_out(soffice_dir):
    fake_soffice(soffice_dir, "sleep 5\n")
    with pytest.raises(ConversionError, match="took over 0 s"):
        delivery.to_pdf(document(b"docx"), timeout=0.3)
