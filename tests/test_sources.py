"""Tests for generators.sources: every file is built inside its test, so each case says exactly
what it feeds the reader, and every refusal is checked for the words the user needs to see."""

from __future__ import annotations

import io
import os
import random
import time
import zipfile
from collections.abc import Callable
from pathlib import Path

import docx
import pytest
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls
from docx.table import Table
from docx.text.paragraph import Paragraph
from pypdf import PdfReader, PdfWriter
from pypdf.errors import DependencyError

from generators import sources
from generators.errors import ParaPrepError, SourceError
from generators.sources import (
    SUPPORTED_SUFFIXES,
    Limits,
    clean_text,
    docx_paragraph_text,
    docx_table_rows,
    iter_docx_blocks,
    open_docx_safely,
    read_source,
    read_source_bytes,
    read_text,
    strip_markdown,
)

SAMPLES = Path(__file__).resolve().parent / "fixtures"  # the tests' own texts
MB = 1024 * 1024


# ---------------------------------------------------------------------------------------------
# Helpers


def refused(call: Callable[[], object], *words: str) -> str:
    """Assert that `call` raises SourceError naming every word, on one line; return the text."""
    with pytest.raises(SourceError) as caught:
        call()
    message = str(caught.value)
    assert "\n" not in message, message
    for word in words:
        assert word.lower() in message.lower(), f"{word!r} not in {message!r}"
    return message


def write(tmp_path: Path, name: str, data: bytes) -> Path:
    path = tmp_path / name
    path.write_bytes(data)
    return path


def docx_bytes(build: Callable[[docx.document.Document], None]) -> bytes:
    document = docx.Document()
    build(document)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def simple_docx() -> bytes:
    return docx_bytes(lambda document: document.add_paragraph("A short passage about bees."))


def rezip(
    data: bytes, replace: dict[str, bytes] | None = None, add: dict[str, bytes] | None = None
) -> bytes:
    """Copy a zip, swapping or adding parts, as an attacker (or a broken tool) would."""
    replace, add = replace or {}, add or {}
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as source, zipfile.ZipFile(out, "w") as target:
        for entry in source.infolist():
            content = replace.get(entry.filename, source.read(entry))
            target.writestr(entry.filename, content, compress_type=zipfile.ZIP_DEFLATED)
        for filename, content in add.items():
            target.writestr(filename, content, compress_type=zipfile.ZIP_DEFLATED)
    return out.getvalue()


def patch_central_record(data: bytes, filename: str, offset: int, value: bytes) -> bytes:
    """Overwrite a field of one central-directory record (8: flags, 24: uncompressed size)."""
    position = 0
    while True:
        position = data.index(b"PK\x01\x02", position)
        name_length = int.from_bytes(data[position + 28 : position + 30], "little")
        if data[position + 46 : position + 46 + name_length] == filename.encode():
            break
        position += 4
    start = position + offset
    return data[:start] + value + data[start + len(value) :]


def content_types_with(data: bytes, extra: str) -> bytes:
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        types = archive.read("[Content_Types].xml").decode()
    return types.replace("<Default ", extra + "<Default ", 1).encode()


def minimal_pdf(*page_texts: str) -> bytes:
    """Write a tiny PDF by hand with a Helvetica text stream per page and a correct xref."""
    kids = " ".join(f"{4 + 2 * i} 0 R" for i in range(len(page_texts)))
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        f"<< /Type /Pages /Kids [{kids}] /Count {len(page_texts)} >>".encode(),
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]
    for index, text in enumerate(page_texts):
        stream = f"BT /F1 12 Tf 72 720 Td ({text}) Tj ET".encode()
        objects.append(
            b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] "
            b"/Resources << /Font << /F1 3 0 R >> >> /Contents %d 0 R >>" % (5 + 2 * index)
        )
        objects.append(b"<< /Length %d >>\nstream\n%s\nendstream" % (len(stream), stream))
    pdf = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, 1):
        offsets.append(len(pdf))
        pdf += b"%d 0 obj\n%s\nendobj\n" % (number, body)
    xref = len(pdf)
    pdf += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    pdf += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    pdf += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (
        len(objects) + 1,
        xref,
    )
    return bytes(pdf)


def resaved_pdf(data: bytes, user_password: str | None = None, owner_password: str = "") -> bytes:
    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(data)))
    if user_password is not None:
        writer.encrypt(user_password, owner_password or None)
    buffer = io.BytesIO()
    writer.write(buffer)
    return buffer.getvalue()


# ---------------------------------------------------------------------------------------------
# Public surface


def test_limits_and_suffixes_are_as_documented() -> None:
    limits = Limits()
    assert limits.max_file_bytes == 10 * MB
    assert limits.max_text_chars == 200_000
    assert limits.max_zip_entries == 2_000
    assert limits.max_zip_uncompressed_bytes == 50 * MB
    assert limits.max_zip_ratio == 100.0
    assert limits.max_pdf_pages == 50
    assert SUPPORTED_SUFFIXES == (".txt", ".md", ".docx", ".pdf")
    assert issubclass(SourceError, ParaPrepError)


# ---------------------------------------------------------------------------------------------
# clean_text and read_text


def test_clean_text_removes_what_word_cannot_hold() -> None:
    raw = "Bees\x00 make\x07 honey\x1b.\x7f\x9b \ud800Alone \udfffhere\ufffe."
    assert clean_text(raw) == "Bees make honey. Alone here."


def test_clean_text_rejoins_surrogate_pairs_and_normalises_to_nfc() -> None:
    assert clean_text("bee \ud83d\udc1d") == "bee \U0001f41d"
    assert clean_text("cafe\u0301") == "caf\u00e9"


def test_clean_text_normalises_line_breaks_and_blank_lines() -> None:
    raw = "\ufeffTitle   \r\n\r\n\r\n\r\nOne\rTwo\vThree\fFour\u2029Five\t\n\n\n"
    assert clean_text(raw) == "Title\n\nOne\nTwo\nThree\n\nFour\n\nFive"


def test_clean_text_keeps_tabs_inside_lines_and_single_blank_lines() -> None:
    assert clean_text("a\tb\n\nc") == "a\tb\n\nc"


def test_read_text_cleans_control_characters_and_lone_surrogates() -> None:
    assert read_text("Hello\x00 \ud800world\x01!  \n", name="pasted text") == "Hello world!"


def test_read_text_refuses_empty_and_whitespace_only_text() -> None:
    refused(lambda: read_text("", name="pasted text"), "pasted text is empty")
    refused(lambda: read_text(" \n\t\r\n \x00 ", name="standard input"), "standard input is empty")


def test_read_text_refuses_binary_looking_text() -> None:
    refused(lambda: read_text("\x01\x02\x03\x04abc" * 20, name="stdin"), "stdin", "binary")


def test_read_text_refuses_too_much_text_with_the_figures() -> None:
    message = refused(lambda: read_text("word " * 300, limits=Limits(max_text_chars=1000)), "text")
    assert "1,499" in message and "1,000" in message


# ---------------------------------------------------------------------------------------------
# strip_markdown


def test_strip_markdown_removes_headings_emphasis_links_and_images() -> None:
    markdown = (
        "# How Bees Work #\n\n"
        "Bees make **honey**, _wax_ and ***royal jelly***; see [the guide](https://x.org/a_(b))"
        " and ![a bee](bee.png) [a reference][1] <https://bees.example>.\n\n"
        "[1]: https://example.org/ref\n"
        "Setext heading\n==============\n"
    )
    assert strip_markdown(markdown).strip().split("\n") == [
        "How Bees Work",
        "",
        "Bees make honey, wax and royal jelly; see the guide and  a reference "
        "https://bees.example.",
        "",
        "Setext heading",
    ]


def test_strip_markdown_removes_code_fences_and_their_code() -> None:
    markdown = "Before\n\n```python\nprint('x')\n```\n\n~~~~\nmore code\n~~~~\nAfter `inline` code"
    assert clean_text(strip_markdown(markdown)) == "Before\n\nAfter inline code"


def test_strip_markdown_keeps_text_after_an_unclosed_fence() -> None:
    assert clean_text(strip_markdown("Intro\n```\nThe rest of the passage.")) == (
        "Intro\n\nThe rest of the passage."
    )


def test_strip_markdown_removes_bullets_quotes_and_rules_but_keeps_numbers() -> None:
    markdown = (
        "- first\n* second\n+ [x] done\n  - nested\n1. Question one\n2) Question two\n"
        "> quoted **words**\n> ## Quoted heading\n\n---\n* * *\n"
    )
    assert clean_text(strip_markdown(markdown)).split("\n") == [
        "first",
        "second",
        "done",
        "nested",
        "1. Question one",
        "2) Question two",
        "quoted words",
        "Quoted heading",
    ]


def test_strip_markdown_leaves_answer_blanks_arithmetic_and_identifiers_alone() -> None:
    text = "2/5 = __/10 and 4/12 = 1/__\nName: ________  Date: ______\n2 * 3 * 4 = 24, snake_case"
    assert strip_markdown(text) == text


def test_strip_markdown_honours_escapes_tables_comments_and_strikethrough() -> None:
    markdown = "\\*not emphasis\\* ~~gone~~<!-- hidden -->\n| a | b |\n|---|:-:|\n| 1 | 2 |"
    assert strip_markdown(markdown) == "*not emphasis* gone\na | b\n1 | 2"


# ---------------------------------------------------------------------------------------------
# Plain text and Markdown files


def test_reads_utf8_text(tmp_path: Path) -> None:
    path = write(tmp_path, "bees.txt", "Café — naïve bees “buzz”.\r\n\r\nSecond.".encode())
    assert read_source(path) == "Café — naïve bees “buzz”.\n\nSecond."


def test_reads_utf8_with_bom_without_keeping_the_bom(tmp_path: Path) -> None:
    path = write(tmp_path, "bom.txt", "\ufeffÉcole".encode("utf-8"))
    assert path.read_bytes().startswith(b"\xef\xbb\xbf")
    assert read_source(path) == "École"


def test_reads_utf16_with_bom(tmp_path: Path) -> None:
    path = write(tmp_path, "notepad.txt", "Unicode from Notepad: ñ".encode("utf-16"))
    assert read_source(path) == "Unicode from Notepad: ñ"


def test_falls_back_to_windows_1252(tmp_path: Path) -> None:
    path = write(tmp_path, "old.txt", "Caf\xe9 \u201cquoted\u201d \u2014 50\u20ac".encode("cp1252"))
    assert read_source(path) == "Café “quoted” — 50€"


def test_refuses_text_in_an_unknown_encoding(tmp_path: Path) -> None:
    path = write(tmp_path, "shiftjis.txt", b"abc \x81\x40 \x90\x9d def")
    refused(lambda: read_source(path), "shiftjis.txt", "encoding", "UTF-8")


def test_refuses_random_bytes_as_binary(tmp_path: Path) -> None:
    data = random.Random(7).randbytes(4096) + b"\x00"
    path = write(tmp_path, "noise.txt", data)
    refused(lambda: read_source(path), "noise.txt", "looks like a binary file, not text")


def test_refuses_control_heavy_bytes_without_nul_as_binary(tmp_path: Path) -> None:
    path = write(tmp_path, "controls.md", b"\x01\x02\x03\x04\x05 text " * 50)
    refused(lambda: read_source(path), "controls.md", "binary")


@pytest.mark.parametrize(("data", "hint"), [(simple_docx(), "Word"), (minimal_pdf("Hello"), "PDF")])
def test_refuses_documents_renamed_txt_with_a_hint(tmp_path: Path, data: bytes, hint: str) -> None:
    path = write(tmp_path, "renamed.txt", data)
    refused(lambda: read_source(path), "renamed.txt", "binary", hint)


def test_reads_markdown_as_plain_prose(tmp_path: Path) -> None:
    markdown = (
        "# The Water Cycle\n\nWater **evaporates** from [oceans](https://w.example/oceans).\n\n"
        "![diagram](cycle.png)\n\n```\nnot prose\n```\n\n- Clouds form\n- Rain falls\n"
    )
    path = write(tmp_path, "water.md", markdown.encode())
    assert read_source(path) == (
        "The Water Cycle\n\nWater evaporates from oceans.\n\nClouds form\nRain falls"
    )


def test_far_too_long_markdown_is_refused_before_stripping(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def no_stripping(text: str) -> str:
        raise AssertionError("the Markdown was stripped")

    monkeypatch.setattr(sources.markdown, "strip_markdown", no_stripping)
    path = write(tmp_path, "long.md", b"**word** " * 300)
    message = refused(lambda: read_source(path, Limits(max_text_chars=1000)), "long.md")
    assert "2,699 characters" in message and "1,000" in message


@pytest.mark.parametrize("unit", ["**a ", "[", "_a _", "~~a ", "<http://", "<!--"])
def test_strip_markdown_stays_fast_on_hostile_lines(unit: str) -> None:
    started = time.perf_counter()
    strip_markdown(unit * (100_000 // len(unit)))
    assert time.perf_counter() - started < 3.0


def test_markdown_with_only_markup_is_empty(tmp_path: Path) -> None:
    path = write(tmp_path, "pictures.md", b"![one](a.png)\n\n```\ncode\n```\n---\n")
    refused(lambda: read_source(path), "pictures.md", "is empty")


# ---------------------------------------------------------------------------------------------
# Files on disk: existence, type and size


def test_missing_file(tmp_path: Path) -> None:
    message = refused(lambda: read_source(tmp_path / "nowhere" / "missing.txt"))
    assert message.startswith("File not found: missing.txt")


def test_directory(tmp_path: Path) -> None:
    folder = tmp_path / "passages.txt"
    folder.mkdir()
    refused(lambda: read_source(folder), "passages.txt", "folder")


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs named pipes")
def test_pipe_is_refused_without_being_read(tmp_path: Path) -> None:
    pipe = tmp_path / "pipe.txt"
    os.mkfifo(pipe)
    refused(lambda: read_source(pipe), "pipe.txt", "not a regular file")


@pytest.mark.parametrize("name", ["lesson.doc", "notes.rtf", "README"])
def test_unsupported_suffix_lists_the_supported_ones(tmp_path: Path, name: str) -> None:
    path = write(tmp_path, name, b"text")
    refused(lambda: read_source(path), name, ".txt", ".md", ".docx", ".pdf")
    refused(lambda: read_source_bytes(b"text", name), name, ".txt", ".md", ".docx", ".pdf")


def test_suffix_is_case_insensitive(tmp_path: Path) -> None:
    assert read_source(write(tmp_path, "LOUD.TXT", b"Quiet text.")) == "Quiet text."


@pytest.mark.parametrize("suffix", SUPPORTED_SUFFIXES)
def test_empty_file(tmp_path: Path, suffix: str) -> None:
    path = write(tmp_path, "blank" + suffix, b"")
    refused(lambda: read_source(path), "blank" + suffix, "is empty")


def test_whitespace_only_file(tmp_path: Path) -> None:
    path = write(tmp_path, "spaces.txt", b" \r\n\t\n   \n")
    refused(lambda: read_source(path), "spaces.txt is empty")


def test_oversize_file_is_refused_before_it_is_read(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = write(tmp_path, "huge.txt", b"a" * 4096)

    def no_reading(*args: object, **kwargs: object) -> None:
        raise AssertionError("the file was opened")

    monkeypatch.setattr(sources.common, "open", no_reading, raising=False)
    refused(
        lambda: read_source(path, Limits(max_file_bytes=1024)), "huge.txt", "too large", "4.0 KB"
    )


def test_oversize_bytes_are_refused() -> None:
    refused(
        lambda: read_source_bytes(b"a" * 2000, "big.txt", Limits(max_file_bytes=1000)), "big.txt"
    )


def test_too_much_extracted_text_gives_the_figures(tmp_path: Path) -> None:
    path = write(tmp_path, "long.txt", b"word " * 1000)
    message = refused(lambda: read_source(path, Limits(max_text_chars=500)), "long.txt")
    assert "4,999 characters" in message and "500" in message


def test_upload_names_are_reduced_to_the_base_name() -> None:
    refused(
        lambda: read_source_bytes(b"", "C:\\Users\\ms.k\\Desktop\\quiz.txt"), "quiz.txt is empty"
    )
    assert read_source_bytes(b"Uploaded text", "/tmp/up/quiz.txt") == "Uploaded text"


def test_file_names_with_line_breaks_stay_on_one_line() -> None:
    refused(lambda: read_source_bytes(b"", "evil\nname.txt"), "evil name.txt")


# ---------------------------------------------------------------------------------------------
# Word documents


def test_docx_paragraphs_and_tables_come_in_document_order(tmp_path: Path) -> None:
    def build(document: docx.document.Document) -> None:
        document.add_heading("Honeybees", level=1)
        document.add_paragraph("Bees collect nectar.")
        document.add_paragraph("")
        table = document.add_table(rows=2, cols=2)
        for row, (left, right) in zip(
            table.rows, [("Word", "Meaning"), ("nectar", "")], strict=True
        ):
            row.cells[0].text, row.cells[1].text = left, right
        document.add_paragraph("After the table.")

    path = write(tmp_path, "bees.docx", docx_bytes(build))
    assert read_source(path) == (
        "Honeybees\n\nBees collect nectar.\n\nWord | Meaning\n\nnectar\n\nAfter the table."
    )


def test_docx_merged_cells_appear_once_and_long_cells_are_spread_out() -> None:
    def build(document: docx.document.Document) -> None:
        table = document.add_table(rows=2, cols=2)
        merged = table.cell(0, 0).merge(table.cell(0, 1))
        merged.text = "Title across"
        table.cell(1, 0).text = "First paragraph."
        table.cell(1, 0).add_paragraph("Second paragraph.")
        table.cell(1, 1).text = "Side note."

    text = read_source_bytes(docx_bytes(build), "layout.docx")
    assert text == "Title across\n\nFirst paragraph.\n\nSecond paragraph.\n\nSide note."


def test_docx_reads_content_controls_and_tracked_changes() -> None:
    def build(document: docx.document.Document) -> None:
        document.add_paragraph("Before")
        after = document.add_paragraph("After")
        after._p.addprevious(
            parse_xml(
                f"<w:sdt {nsdecls('w')}><w:sdtContent><w:p><w:r><w:t>In a control</w:t></w:r>"
                "</w:p></w:sdtContent></w:sdt>"
            )
        )
        after._p.addprevious(
            parse_xml(
                f"<w:p {nsdecls('w')}><w:r><w:t xml:space='preserve'>Kept </w:t></w:r>"
                "<w:ins w:id='1' w:author='T'><w:r><w:t>inserted</w:t></w:r></w:ins>"
                "<w:del w:id='2' w:author='T'><w:r><w:delText>deleted</w:delText></w:r></w:del>"
                "<w:r><w:tab/><w:t>tabbed</w:t><w:br/><w:t>broken</w:t></w:r></w:p>"
            )
        )

    text = read_source_bytes(docx_bytes(build), "changes.docx")
    assert text == "Before\n\nIn a control\n\nKept inserted\ttabbed\nbroken\n\nAfter"


def test_docx_rows_inside_content_controls_are_read() -> None:
    def build(document: docx.document.Document) -> None:
        table = document.add_table(rows=2, cols=2)
        for row, words in zip(table.rows, [("Term", "Score"), ("Fractions", "8")], strict=True):
            row.cells[0].text, row.cells[1].text = words
        second_row = table.rows[1]._tr
        wrapper = parse_xml(f"<w:sdt {nsdecls('w')}><w:sdtContent/></w:sdt>")
        second_row.addprevious(wrapper)
        wrapper[0].append(second_row)

    data = docx_bytes(build)
    assert read_source_bytes(data, "rows.docx") == "Term | Score\n\nFractions | 8"
    table = next(iter_docx_blocks(open_docx_safely(data, "rows.docx")))
    assert isinstance(table, Table)
    assert docx_table_rows(table) == [["Term", "Score"], ["Fractions", "8"]]


def test_docx_helpers_expose_blocks_for_the_assignment_parser() -> None:
    def build(document: docx.document.Document) -> None:
        document.add_paragraph("Question 1")
        table = document.add_table(rows=1, cols=2)
        table.cell(0, 0).merge(table.cell(0, 1)).text = "Merged"
        document.add_paragraph("Question 2")

    document = open_docx_safely(docx_bytes(build), "parser.docx")
    blocks = list(iter_docx_blocks(document))
    assert [type(block) for block in blocks] == [Paragraph, Table, Paragraph]
    assert docx_paragraph_text(blocks[0]) == "Question 1"
    assert docx_table_rows(blocks[1]) == [["Merged"]]


def test_docx_with_only_empty_paragraphs_is_empty() -> None:
    data = docx_bytes(lambda document: document.add_paragraph("   "))
    refused(lambda: read_source_bytes(data, "blank.docx"), "blank.docx is empty")


def test_docx_bytes_and_path_agree(tmp_path: Path) -> None:
    data = simple_docx()
    assert read_source(write(tmp_path, "same.docx", data)) == read_source_bytes(data, "same.docx")


def docx_with_image(content: bytes) -> bytes:
    """A valid .docx whose document links to `content` as a PNG, so python-docx would load it."""
    data = simple_docx()
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        rels = archive.read("word/_rels/document.xml.rels")
    rels = rels.replace(
        b"</Relationships>",
        b'<Relationship Id="rIdBomb" Target="media/zeros.png" Type="http://schemas.openxmlformats'
        b'.org/officeDocument/2006/relationships/image"/></Relationships>',
    )
    types = content_types_with(data, '<Default Extension="png" ContentType="image/png"/>')
    return rezip(
        data,
        replace={"word/_rels/document.xml.rels": rels, "[Content_Types].xml": types},
        add={"word/media/zeros.png": content},
    )


@pytest.fixture(scope="module")
def zip_bomb() -> bytes:
    """A valid .docx linking to 60 MB of zeros that deflate to about 60 KB."""
    return docx_with_image(bytes(60 * MB))


def test_zip_bomb_is_refused_by_its_total_size(zip_bomb: bytes) -> None:
    assert len(zip_bomb) < 200 * 1024
    refused(
        lambda: read_source_bytes(zip_bomb, "bomb.docx"),
        "bomb.docx would unpack to 60.",
        "the limit is 50.0 MB",
    )
    refused(lambda: open_docx_safely(zip_bomb, "bomb.docx"), "bomb.docx", "not opened")


def test_zip_bomb_is_refused_by_its_ratio_even_under_the_size_limit() -> None:
    data = docx_with_image(bytes(5 * MB))
    refused(lambda: read_source_bytes(data, "bomb.docx"), "bomb.docx", "zeros.png", "zip bomb")


def test_small_parts_may_compress_well() -> None:
    data = docx_with_image(bytes(512 * 1024))
    assert read_source_bytes(data, "padded.docx") == "A short passage about bees."


def test_too_many_zip_entries() -> None:
    data = rezip(simple_docx(), add={f"customXml/extra{i}.xml": b"<a/>" for i in range(20)})
    message = refused(
        lambda: read_source_bytes(data, "crowded.docx", Limits(max_zip_entries=30)),
        "crowded.docx",
        "too many parts",
    )
    assert "37" in message and "30" in message


BILLION_LAUGHS = (
    b'<?xml version="1.0"?>\n<!DOCTYPE lolz [\n <!ENTITY lol "lol">\n'
    b' <!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">\n'
    b' <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">\n]>\n'
    b'<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">'
    b"<w:body><w:p><w:r><w:t>&lol3;</w:t></w:r></w:p></w:body></w:document>"
)
EXTERNAL_ENTITY = (
    b'<?xml version="1.0"?>\n<!DOCTYPE doc [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>\n'
    b'<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">'
    b"<w:body><w:p><w:r><w:t>&xxe;</w:t></w:r></w:p></w:body></w:document>"
)


@pytest.mark.parametrize("document_xml", [BILLION_LAUGHS, EXTERNAL_ENTITY], ids=["laughs", "xxe"])
def test_docx_with_a_dtd_is_refused(document_xml: bytes) -> None:
    data = rezip(simple_docx(), replace={"word/document.xml": document_xml})
    refused(lambda: read_source_bytes(data, "evil.docx"), "evil.docx", "DOCTYPE", "not opened")


def test_dtd_is_found_in_utf16_and_in_any_xml_part() -> None:
    utf16 = EXTERNAL_ENTITY.decode().replace('version="1.0"', 'version="1.0" encoding="UTF-16"')
    data = rezip(simple_docx(), replace={"word/document.xml": utf16.encode("utf-16")})
    refused(lambda: read_source_bytes(data, "wide.docx"), "wide.docx", "DOCTYPE")
    data = rezip(simple_docx(), replace={"word/styles.xml": BILLION_LAUGHS})
    refused(lambda: read_source_bytes(data, "styled.docx"), "word/styles.xml", "DOCTYPE")


def test_svg_image_with_a_doctype_is_not_mistaken_for_an_attack() -> None:
    data = simple_docx()
    svg = b'<?xml version="1.0"?><!DOCTYPE svg PUBLIC "-//W3C//DTD SVG 1.1//EN" "x.dtd"><svg/>'
    data = rezip(
        data,
        replace={
            "[Content_Types].xml": content_types_with(
                data, '<Default Extension="svg" ContentType="image/svg+xml"/>'
            )
        },
        add={"word/media/icon.svg": svg},
    )
    assert read_source_bytes(data, "icon.docx") == "A short passage about bees."


def test_truncated_docx_is_damaged(tmp_path: Path) -> None:
    data = simple_docx()
    path = write(tmp_path, "half.docx", data[: len(data) // 2])
    refused(lambda: read_source(path), "half.docx", "damaged or incomplete", "save it again")


def test_entry_lying_about_its_size_is_damaged() -> None:
    data = patch_central_record(simple_docx(), "word/document.xml", 24, (100).to_bytes(4, "little"))
    refused(lambda: read_source_bytes(data, "liar.docx"), "liar.docx", "damaged")


def test_encrypted_zip_entries_are_refused() -> None:
    data = patch_central_record(simple_docx(), "word/document.xml", 8, (1).to_bytes(2, "little"))
    refused(lambda: read_source_bytes(data, "locked.docx"), "locked.docx", "password")


def test_binary_renamed_docx(tmp_path: Path) -> None:
    path = write(tmp_path, "honeybees.docx", b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 8)
    message = refused(lambda: read_source(path), "honeybees.docx", "not a Word document")
    assert message == (
        "honeybees.docx is not a Word document (it may be renamed or damaged): "
        "save it again as .docx, or paste the text into a .txt file."
    )


def test_old_doc_or_protected_docx_is_explained() -> None:
    data = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(1024)
    refused(lambda: read_source_bytes(data, "old.docx"), "old.docx", ".doc", "password")


def test_zip_without_a_word_document() -> None:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("notes.txt", "hello")
    refused(
        lambda: read_source_bytes(buffer.getvalue(), "notes.docx"),
        "notes.docx",
        "word/document.xml",
    )


def test_template_renamed_docx_is_not_a_word_document() -> None:
    data = simple_docx()
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        types = archive.read("[Content_Types].xml")
    types = types.replace(b"document.main+xml", b"template.main+xml")
    data = rezip(data, replace={"[Content_Types].xml": types})
    refused(lambda: read_source_bytes(data, "lesson.docx"), "lesson.docx", "not a Word document")


# ---------------------------------------------------------------------------------------------
# PDF


def test_reads_pdf_text_with_pages_as_paragraphs(tmp_path: Path) -> None:
    path = write(tmp_path, "two.pdf", minimal_pdf("Hello bees", "Second page"))
    assert read_source(path) == "Hello bees\n\nSecond page"


def test_reads_pdf_resaved_by_pypdf() -> None:
    assert read_source_bytes(resaved_pdf(minimal_pdf("Resaved")), "resaved.pdf") == "Resaved"


def test_password_protected_pdf(tmp_path: Path) -> None:
    path = write(tmp_path, "locked.pdf", resaved_pdf(minimal_pdf("Secret"), user_password="pw"))
    refused(lambda: read_source(path), "locked.pdf", "password-protected", "paste the text")


def test_pdf_with_only_an_owner_password_opens() -> None:
    data = resaved_pdf(minimal_pdf("Open to read"), user_password="", owner_password="owner")
    assert PdfReader(io.BytesIO(data)).is_encrypted
    assert read_source_bytes(data, "restricted.pdf") == "Open to read"


def test_pdf_encryption_needing_missing_crypto_support(monkeypatch: pytest.MonkeyPatch) -> None:
    def needs_aes(*args: object, **kwargs: object) -> None:
        raise DependencyError("cryptography>=3.1 is required for AES algorithm")

    monkeypatch.setattr(sources.pdf, "PdfReader", needs_aes)
    refused(lambda: read_source_bytes(minimal_pdf("x"), "aes.pdf"), "aes.pdf", "password-protected")


def test_scanned_pdf_without_text_layer() -> None:
    writer = PdfWriter()
    writer.add_blank_page(612, 792)
    buffer = io.BytesIO()
    writer.write(buffer)
    refused(
        lambda: read_source_bytes(buffer.getvalue(), "scan.pdf"), "scan.pdf", "no text layer", "OCR"
    )


def test_pdf_with_too_many_pages() -> None:
    data = minimal_pdf("One", "Two", "Three")
    message = refused(
        lambda: read_source_bytes(data, "book.pdf", Limits(max_pdf_pages=2)), "book.pdf", "3 pages"
    )
    assert "limit is 2" in message


def test_pdf_with_too_much_text() -> None:
    data = minimal_pdf("A" * 60, "B" * 60, "C" * 60)
    refused(
        lambda: read_source_bytes(data, "wordy.pdf", Limits(max_text_chars=100)),
        "wordy.pdf",
        "too much text",
    )


@pytest.mark.parametrize(
    "data",
    [minimal_pdf("Hello")[:60], b"%PDF-1.4\nnothing useful here\n%%EOF\n"],
    ids=["truncated", "garbage"],
)
def test_broken_pdf(data: bytes) -> None:
    refused(lambda: read_source_bytes(data, "broken.pdf"), "broken.pdf", "damaged PDF")


def test_renamed_file_is_not_a_pdf() -> None:
    refused(
        lambda: read_source_bytes(b"Just some text", "notes.pdf"), "notes.pdf", "not a PDF file"
    )


def test_unexpected_pdf_failure_becomes_a_clear_error(monkeypatch: pytest.MonkeyPatch) -> None:
    def crash(*args: object, **kwargs: object) -> None:
        raise RecursionError("maximum recursion depth exceeded")

    monkeypatch.setattr(sources.pdf, "PdfReader", crash)
    refused(lambda: read_source_bytes(minimal_pdf("x"), "odd.pdf"), "odd.pdf", "could not be read")


# ---------------------------------------------------------------------------------------------
# The shared sample files


def sample(name: str) -> Path:
    path = SAMPLES / name
    if not path.is_file():
        pytest.skip(f"sample {name} is not present")
    return path


@pytest.mark.parametrize(
    ("name", "opening"),
    [("honeybees.txt", "How Honeybees Make Honey\n\n"), ("water_cycle.txt", "")],
)
def test_sample_passages(name: str, opening: str) -> None:
    text = read_source(sample(name))
    assert text.startswith(opening) and len(text.split()) > 100
    assert "\n\n\n" not in text and text == text.strip()


def test_sample_assignment_docx_keeps_questions_before_the_score_table() -> None:
    text = read_source(sample("fractions_assignment.docx"))
    assert text.startswith("Fractions Practice")
    order = ["Part A", "1. Which fraction", "Part C", "10. Use words", "Score | ___ / 10"]
    positions = [text.index(marker) for marker in order]
    assert positions == sorted(positions)
    assert text.endswith("Teacher comment")


def aes_pdf(user_password: str) -> bytes:
    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(minimal_pdf("Bees make honey."))))
    writer.encrypt(user_password, "owner-secret", algorithm="AES-256")
    buffer = io.BytesIO()
    writer.write(buffer)
    return buffer.getvalue()


def test_aes_secured_pdf_without_an_open_password_is_read() -> None:
    """Publishers' "secured" PDFs use AES with no password to open: they must just work."""
    assert read_source_bytes(aes_pdf(""), "secured.pdf") == "Bees make honey."


def test_aes_pdf_with_an_open_password_is_refused_clearly() -> None:
    refused(lambda: read_source_bytes(aes_pdf("user"), "locked.pdf"), "locked.pdf", "password")
