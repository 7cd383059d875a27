"""Each print profile's fonts apply, and every page says which page of which copy it is.

The fonts are the profiles' promises written out here (not read from make_templates), so a
template that drifts from them fails. A theme font attribute (w:asciiTheme) beside a font name
wins over it in Word: large-print and dyslexia-friendly headings used to print in Calibri.
"""

from __future__ import annotations

import re
import zipfile

import pytest
from docx_read import effective_font, footer_text, open_docx
from word_packets import kind_names, offline_packets

from generators.render.docx_base import TEACHER_COPY, TEMPLATES_DIR, Writer

PROMISED = {  # profile: (heading font, body font)
    "standard": ("Calibri", "Calibri"),
    "large-print": ("Arial", "Arial"),
    "dyslexia-friendly": ("Verdana", "Verdana"),
}
HEADING_STYLES = ("Title", "Heading 1", "Heading 2")
PAGE_NUMBER = "Page {PAGE} of {NUMPAGES}"
BODY_STYLES = ("Normal", "Passage", "Directions", "Question", "Choice", "Starter", "Word Bank",
               "Checkpoint", "Cue", "Teacher Note", "Key Answer", "Small")  # fmt: skip


def sample_document(profile: str):
    """Every style the renderers use, as a paragraph of realistic text."""
    writer = Writer(profile)
    writer.title("The Water Cycle")
    writer.heading("Read the passage")
    writer.heading("Key words", level=2)
    text = "Water on Earth is always moving, from the oceans to the sky and back again."
    for style in BODY_STYLES:
        writer.paragraph(text, style)
    writer.highlighted(text, ["oceans"])
    writer.table(["Word", "What it means"], [["evaporation", "water turning into a gas"]])
    writer.word_bank(["evaporation", "condenses", "groundwater"])
    return open_docx(writer.to_bytes())


@pytest.mark.parametrize("profile", PROMISED)
def test_headings_and_body_print_in_the_profiles_fonts(profile):
    heading_font, body_font = PROMISED[profile]
    document = sample_document(profile)
    seen = {}
    for paragraph in document.paragraphs:
        if not paragraph.text.strip():
            continue
        expected = heading_font if paragraph.style.name in HEADING_STYLES else body_font
        seen[paragraph.style.name] = effective_font(paragraph)
        assert seen[paragraph.style.name] == expected, (paragraph.style.name, seen)
    assert set(HEADING_STYLES) <= set(seen) and len(seen) >= 14
    cells = [p for t in document.tables for c in t._cells for p in c.paragraphs if p.text]
    assert cells and {effective_font(p) for p in cells} == {body_font}


@pytest.mark.parametrize("profile", PROMISED)
def test_no_style_names_a_theme_font(profile):
    with zipfile.ZipFile(TEMPLATES_DIR / f"{profile}.docx") as package:
        styles = package.read("word/styles.xml").decode("utf-8")
        assert "word/stylesWithEffects.xml" not in package.namelist()
    assert not re.findall(r'w:(?:ascii|hAnsi|eastAsia|cs)[Tt]heme="', styles)


@pytest.mark.parametrize("kind", kind_names())
def test_every_paragraph_of_every_document_prints_in_its_profiles_font(kind):
    for label, documents in offline_packets(kind):
        for rendered in documents:
            document = open_docx(rendered.data)
            fonts = {effective_font(p) for p in document.paragraphs if p.text.strip()}
            promised = [name for name, pair in PROMISED.items() if fonts <= set(pair)]
            assert promised, f"{kind} / {label} / {rendered.filename}: fonts {fonts}"


# --- Page labels ---


def expected_label(kind: str, rendered, document) -> re.Pattern:
    if rendered.role in ("teacher", "para"):
        return re.compile(re.escape(TEACHER_COPY))
    if rendered.role == "data-sheet":
        return re.compile(r"Student [A-Z]: IEP data sheet")
    # A student's copy: its version letter, or the student's code on a caseload copy; a
    # modified copy made for no one student carries its title
    title = re.escape(document.paragraphs[0].text)
    return re.compile(rf"Version [A-Z]|Student [A-Z]|{title}")


@pytest.mark.parametrize("kind", kind_names())
def test_every_document_labels_and_numbers_its_pages(kind):
    roles = set()
    for label, documents in offline_packets(kind):
        for rendered in documents:
            document = open_docx(rendered.data)
            roles.add(rendered.role)
            (footer,) = footer_text(document)
            assert footer.endswith("\t" + PAGE_NUMBER), (rendered.filename, footer)
            page_label = footer.removesuffix("\t" + PAGE_NUMBER)
            pattern = expected_label(kind, rendered, document)
            assert pattern.fullmatch(page_label), (kind, label, rendered.filename, page_label)
    assert roles, kind


def test_student_labels_follow_the_version_and_the_caseload_code():
    (_, worksheet), *_ = offline_packets("worksheet")
    letters = [footer_text(open_docx(d.data))[0].split("\t")[0] for d in worksheet]
    assert letters == ["Version A", "Version B", "Version C", TEACHER_COPY]
    (_, modified), *_ = offline_packets("modify")
    assert footer_text(open_docx(modified[0].data))[0].startswith("Student B\t")
    (_, group), *_ = offline_packets("group-plan")
    codes = [footer_text(open_docx(d.data))[0].split("\t")[0] for d in group if d.role == "student"]
    assert codes == ["Student A", "Student B", "Student C", "Student D"]


def test_margins_are_about_seven_tenths_of_an_inch():
    (_, documents), *_ = offline_packets("worksheet")
    for rendered in documents:
        section = open_docx(rendered.data).sections[0]
        margins = [section.left_margin, section.right_margin, section.top_margin,
                   section.bottom_margin]  # fmt: skip
        assert {round(m.inches, 2) for m in margins} == {0.7}, rendered.filename
        assert section.footer_distance.inches < 0.7  # the footer sits inside the margin
