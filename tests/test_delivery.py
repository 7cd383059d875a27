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


# --- Safe writes ---

WRITE_UNDER_LIMIT = """
import resource, signal, sys
from pathlib import Path
from generators import delivery
signal.signal(signal.SIGXFSZ, signal.SIG_IGN)  # a write over the limit fails with EFBIG
resource.setrlimit(resource.RLIMIT_FSIZE, (4096, 4096))
try:
    delivery.write_file(Path(sys.argv[1]), b"new" * 100_000)
except OSError as error:
    print(error.errno)
"""


def test_a_write_over_the_file_size_limit_leaves_the_earlier_file_intact(tmp_path):
    """A real failed write (the file size limit, as a full disk would), in a child process."""
    import errno
    import subprocess
    import sys

    target = tmp_path / "plan.docx"
    target.write_bytes(b"the earlier good copy")
    result = subprocess.run(
        [sys.executable, "-c", WRITE_UNDER_LIMIT, str(target)],
        capture_output=True, text=True, cwd=Path(__file__).resolve().parent.parent, check=True,
    )  # fmt: skip
    assert result.stdout.strip() == str(errno.EFBIG)
    assert target.read_bytes() == b"the earlier good copy"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["plan.docx"]  # no partial left


def test_an_interrupted_write_removes_its_partial_file(tmp_path, monkeypatch):
    target = tmp_path / "plan.docx"
    target.write_bytes(b"good")

    def interrupted(_):
        raise KeyboardInterrupt

    monkeypatch.setattr(os, "fsync", interrupted)
    with pytest.raises(KeyboardInterrupt):
        delivery.write_file(target, b"half")
    assert target.read_bytes() == b"good"
    assert [p.name for p in tmp_path.iterdir()] == ["plan.docx"]


def test_a_symlink_at_the_output_path_is_replaced_not_followed(tmp_path):
    elsewhere = tmp_path / "elsewhere.txt"
    elsewhere.write_bytes(b"not yours to overwrite")
    out = tmp_path / "out"
    out.mkdir()
    (out / "a.docx").symlink_to(elsewhere)
    from generators import api

    [path] = api.write([document(b"the document")], out)
    assert elsewhere.read_bytes() == b"not yours to overwrite"
    assert not path.is_symlink() and path.read_bytes() == b"the document"
    assert stat.S_IMODE(path.stat().st_mode) == 0o600  # codes and work: the owner's only


def test_file_names_stay_unique_whatever_the_codes_slug_to(tmp_path):
    from generators import api, small_group
    from generators.domain.students import Student
    from generators.models import OfflineEngine

    students = [Student(code="Student-A", grade=3), Student(code="student_a", grade=3)]
    request = small_group.make_request(objective="Find the main idea", subject="reading",
                                       grade=3, students=students)  # fmt: skip
    documents = api.render(api.generate("group-plan", request, OfflineEngine()))
    names = [d.filename for d in documents]
    assert len({name.casefold() for name in names}) == len(names)
    pages = [d for d in documents if d.role == "student"]
    assert [d.title for d in pages] == ["Student page, Student-A", "Student page, student_a"]
    paths = api.write(documents, tmp_path)
    assert len(list(tmp_path.iterdir())) == len(documents) == len(paths)
    same = [document(b"1", "Title.docx"), document(b"2", "title.docx")]
    assert [d.filename for d in delivery.unique_filenames(same)] == ["Title.docx", "title-2.docx"]
