"""What prints, through LibreOffice with Carlito and Caladea: labels, fonts, lines, page ends.

Each test converts all its documents in one LibreOffice run (own profile directory), since a
start costs seconds. The page-end tests sweep a document across a page boundary (one more row
or line at a time), so one of them lands exactly where a blank last page or a one-line last page
used to print; each has a structural twin in test_word_page_flow.py that always runs.
"""

from __future__ import annotations

import functools
import re
import statistics
import subprocess
from pathlib import Path

import pytest
from kind_cases import PASSAGE
from printed import needs_libreoffice
from pypdf import PdfReader
from word_packets import kind_names, offline_packets

from generators import delivery
from generators.render.docx_base import TEACHER_COPY, Writer

pytestmark = needs_libreoffice
FOOTER = re.compile(r"Page (\d+) of (\d+)\s*$")
DRAWN = "[lines or boxes, no text]"


def print_all(documents: dict[str, bytes], folder: Path) -> dict[str, list[str]]:
    """name -> text of each printed page, for every document, in one LibreOffice run."""
    sources = []
    for name, data in documents.items():
        path = folder / f"{name}.docx"
        path.write_bytes(data)
        sources.append(str(path))
    command = [delivery.pdf_converter(), f"-env:UserInstallation={(folder / 'lo').as_uri()}",
               "--headless", "--norestore", "--convert-to", "pdf", "--outdir", str(folder),
               *sources]  # fmt: skip
    subprocess.run(command, capture_output=True, timeout=300, check=False)
    return {name: pages(folder / f"{name}.pdf") for name in documents}


def pages(pdf: Path) -> list[str]:
    """Each page's text; a page that draws lines (writing lines, a table) but holds no text
    besides its footer gets a DRAWN line, so it does not count as blank."""
    assert pdf.is_file(), f"LibreOffice did not print {pdf.name}"
    texts = []
    for page in PdfReader(pdf).pages:
        text = page.extract_text()
        if not content_lines(text) and drawn_shapes(page) > 0:
            text = DRAWN + "\n" + text
        texts.append(text)
    return texts


def drawn_shapes(page) -> int:
    """Lines and rectangles drawn on a page, less the page-size clip LibreOffice starts with."""
    data = page.get_contents().get_data()
    return len(re.findall(rb"\s(?:re|l)\s", data)) - 1


def pdf_fonts(pdf: Path) -> set[str]:
    fonts = set()
    for page in PdfReader(pdf).pages:
        for font in (page["/Resources"].get("/Font") or {}).values():
            fonts.add(str(font.get_object()["/BaseFont"]).split("+")[-1])
    return fonts


def content_lines(page: str) -> list[str]:
    """A printed page's lines without its footer line (label and "Page X of Y")."""
    return [line for line in page.splitlines() if line.strip() and not FOOTER.search(line)]


# --- Real packets ---


PROFILE_OF: dict[str, str] = {}  # worksheet student copies: name -> print profile
PRINTED_PROFILES = ("standard, no accommodations", "large-print", "dyslexia-friendly")


@functools.cache
def real_documents() -> dict[str, tuple[str, bytes]]:
    """name -> (expected page label, DOCX): every registered kind's first packet, and the
    worksheet in all three profiles."""
    chosen = {}
    for kind in kind_names():
        packets = offline_packets(kind)
        wanted = [p for p in packets if kind == "worksheet" and p[0] in PRINTED_PROFILES]
        for label, documents in wanted or packets[:1]:
            for index, document in enumerate(documents):
                name = f"{kind}-{len(chosen)}-{index}"
                chosen[name] = (page_label(document), document.data)
                if kind == "worksheet" and document.role == "student":
                    PROFILE_OF[name] = label
    return chosen


def page_label(document) -> str:
    from docx_read import footer_text, open_docx

    return footer_text(open_docx(document.data))[0].split("\t")[0]


@pytest.fixture(scope="module")
def printed_real(tmp_path_factory) -> tuple[dict[str, list[str]], Path]:
    folder = tmp_path_factory.mktemp("word-printed")
    documents = {name: data for name, (_, data) in real_documents().items()}
    return print_all(documents, folder), folder


def test_every_printed_page_shows_its_label_and_its_number(printed_real):
    printed, _ = printed_real
    labels = {name: label for name, (label, _) in real_documents().items()}
    assert len(printed) >= 20
    for name, texts in printed.items():
        for number, text in enumerate(texts, 1):
            footer = [line for line in text.splitlines() if FOOTER.search(line)]
            assert footer, f"{name} page {number}: no page number in {text[-200:]!r}"
            assert f"Page {number} of {len(texts)}" in footer[-1], (name, footer)
            # pypdf may run the label and the number together: compare without spaces
            assert labels[name].replace(" ", "") in footer[-1].replace(" ", ""), (name, footer)
    assert any(TEACHER_COPY.replace(" ", "") in t[0].replace(" ", "") for t in printed.values())


def test_no_printed_page_is_blank_and_no_last_page_holds_one_line(printed_real):
    printed, _ = printed_real
    for name, texts in printed.items():
        for number, text in enumerate(texts, 1):
            assert content_lines(text), f"{name}: page {number} prints only its footer"
        if len(texts) > 1:
            assert len(content_lines(texts[-1])) > 1, (name, texts[-1])


def test_the_standard_profile_prints_in_carlito_not_dejavu(printed_real):
    """Calibri's metric twin must be installed (CI installs it), or page counts are not Word's."""
    _, folder = printed_real
    standard = next(n for n, (label, _) in real_documents().items() if label == TEACHER_COPY)
    fonts = pdf_fonts(folder / f"{standard}.pdf")
    assert any(font.startswith("Carlito") for font in fonts), (
        f"printed in {fonts}: install fonts-crosextra-carlito and fonts-crosextra-caladea"
    )
    assert not any(font.startswith("DejaVu") for font in fonts), fonts


def passage_line_lengths(texts: list[str]) -> list[int]:
    """Lengths of the printed lines of the passage's running text (not headings or items)."""
    passage = " ".join(PASSAGE.read_text(encoding="utf-8").split())
    lines = [line.strip() for text in texts for line in content_lines(text)]
    return [len(line) for line in lines if len(line) > 25 and line in passage]


def test_large_print_and_dyslexia_friendly_lines_stay_readable(printed_real):
    """0.7 in margins keep big type readable: measured here, large print runs about 47
    characters a line (median) and dyslexia-friendly about 68, within the 60-70 the British
    Dyslexia Association asks for. (The standard profile's 12 pt lines run to about 100, as
    Word's own 6.5 in at 11 pt does.)"""
    printed, _ = printed_real
    measured = {}
    for name, texts in printed.items():
        profile = PROFILE_OF.get(name)
        if profile in ("large-print", "dyslexia-friendly"):
            lengths = passage_line_lengths(texts)
            assert len(lengths) >= 10, (name, lengths)
            measured[name] = (profile, max(lengths), statistics.median(lengths))
    assert {profile for profile, _, _ in measured.values()} == {"large-print",
                                                                "dyslexia-friendly"}  # fmt: skip
    for name, (profile, longest, median) in measured.items():
        assert 40 <= median <= 70 and longest <= 80, (name, profile, longest, median)


# --- Page ends swept across a page boundary ---


PROSE = PASSAGE.read_text(encoding="utf-8").split("\n", 1)[1]  # without its title
SENTENCES = [s.strip() + "." for s in PROSE.split(".") if len(s) > 40]
TABLE_ROWS = 20


def closing_table(row_height: float) -> bytes:
    """A teacher copy ending in its item-by-item table, as the modified copy can."""
    writer = Writer("standard")
    writer.label_pages(TEACHER_COPY)
    writer.title("The Water Cycle: item by item")
    body = [[str(n), SENTENCES[n % len(SENTENCES)][:60]] for n in range(1, TABLE_ROWS + 1)]
    writer.table(["Item", "On the student copy"], body, min_height=row_height, widths=[0.8, 6.3])
    return writer.to_bytes()


def closing_key(lines: int) -> bytes:
    """A teacher copy ending in a key of one-line answers and one note."""
    writer = Writer("standard")
    writer.label_pages(TEACHER_COPY)
    writer.title("The Water Cycle: answer key")
    for number in range(1, lines + 1):
        words = SENTENCES[number % len(SENTENCES)].split()[:9]
        writer.paragraph(f"{number}. {' '.join(words)}", "Key Answer")
    writer.paragraph(f"In the passage: “{SENTENCES[0]}”", "Teacher Note")
    return writer.to_bytes()


def test_a_closing_table_never_leaves_a_blank_last_page(tmp_path):
    # Each half point of row height moves the table's end 10 points down the page: the sweep
    # passes the page's foot in steps smaller than the closing paragraph's height.
    heights = [28 + step / 2 for step in range(16)]
    documents = {f"table-{height}": closing_table(height) for height in heights}
    printed = print_all(documents, tmp_path)
    assert {len(texts) for texts in printed.values()} == {1, 2}  # the sweep crosses a page
    for name, texts in printed.items():
        assert content_lines(texts[-1]), f"{name}: the last page prints only its footer"


def test_a_last_page_never_holds_a_single_line(tmp_path):
    documents = {f"key-{lines}": closing_key(lines) for lines in range(24, 31)}
    printed = print_all(documents, tmp_path)
    assert {len(texts) for texts in printed.values()} == {1, 2}
    for name, texts in printed.items():
        assert len(content_lines(texts[-1])) >= 3, (name, texts[-1])
