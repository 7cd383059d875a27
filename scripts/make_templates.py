"""Build templates/*.docx: the named styles every ParaPrep document is rendered with.

Styles belong in the starting document (python-docx fails mid-render on a missing style), and
the render code only ever names them. Run `python scripts/make_templates.py` after changing a
profile here; the .docx files are committed so rendering never depends on this script.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from docx import Document
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Pt, RGBColor

TEMPLATES = Path(__file__).resolve().parent.parent / "templates"


@dataclass(frozen=True)
class Profile:
    name: str
    font: str
    size: float
    bold: bool
    line_spacing: float
    heading_font: str


PROFILES = (
    Profile("standard", "Calibri", 12, False, 1.15, "Calibri"),
    Profile("large-print", "Arial", 18, True, 1.5, "Arial"),
    Profile("dyslexia-friendly", "Verdana", 14, False, 1.5, "Verdana"),
)

# The page label ("Page 2 of 5", version or student code): small, except in large print, where
# the student must be able to read it too.
FOOTER_SIZE = {"standard": 9, "large-print": 14, "dyslexia-friendly": 11}

# name, base, size relative to body, bold, space before, space after
PARAGRAPH_STYLES = (
    ("Passage", "Normal", 0, None, 0, 10),
    ("Directions", "Normal", 0, True, 4, 8),
    ("Question", "Normal", 0, None, 10, 4),
    ("Choice", "Normal", 0, None, 0, 2),
    ("Answer Line", "Normal", 0, None, 16, 0),
    ("Form Line", "Normal", 0, None, 4, 0),  # a ruled line on a dense form (the IEP data sheet)
    ("Script Line", "Normal", -1, None, 0, 3),  # one line of a list in a dense table (run sheet)
    ("Starter", "Normal", 0, None, 6, 0),
    ("Word Bank", "Normal", 0, True, 6, 6),
    ("Checkpoint", "Normal", 0, True, 12, 12),
    ("Cue", "Normal", -2, True, 0, 0),
    ("Teacher Note", "Normal", -1, None, 2, 4),
    ("Key Answer", "Normal", 0, None, 0, 6),
    ("Small", "Normal", -2, None, 0, 2),
)


# What may follow w:pBdr inside w:pPr (ECMA-376 Part 1, 17.3.1.26): Word rejects a pPr whose
# children are out of this order, where LibreOffice draws them anyway.
AFTER_PBDR = (
    "w:shd", "w:tabs", "w:suppressAutoHyphens", "w:kinsoku", "w:wordWrap", "w:overflowPunct",
    "w:topLinePunct", "w:autoSpaceDE", "w:autoSpaceDN", "w:bidi", "w:adjustRightInd",
    "w:snapToGrid", "w:spacing", "w:ind", "w:contextualSpacing", "w:mirrorIndents",
    "w:suppressOverlap", "w:jc", "w:textDirection", "w:textAlignment", "w:textboxTightWrap",
    "w:outlineLvl", "w:divId", "w:cnfStyle", "w:rPr", "w:sectPr", "w:pPrChange",
)  # fmt: skip
THEME_FONT_ATTRIBUTES = tuple(
    qn(f"w:{name}") for name in ("asciiTheme", "hAnsiTheme", "eastAsiaTheme", "cstheme")
)


def set_font(style, font: str) -> None:
    style.font.name = font
    set_explicit_fonts(style.element.get_or_add_rPr(), font)


def set_explicit_fonts(rpr, font: str) -> None:
    """The profile's font on every script, with no theme attribute: a theme attribute
    (`w:asciiTheme`) wins over the explicit font beside it, so headings printed in the theme's
    Calibri/Cambria instead of the large-print or dyslexia-friendly font."""
    fonts = rpr.find(qn("w:rFonts"))
    if fonts is None:
        fonts = OxmlElement("w:rFonts")
        rpr.insert(0, fonts)  # rFonts comes first in w:rPr
    for attribute in THEME_FONT_ATTRIBUTES:
        fonts.attrib.pop(attribute, None)
    for attribute in ("w:ascii", "w:hAnsi", "w:cs", "w:eastAsia"):
        fonts.set(qn(attribute), font)


def remove_theme_fonts(document, profile: Profile) -> None:
    """Every style (and the document defaults) that names a theme font gets the profile's font
    instead: the heading font where the theme's heading ("major") font was meant."""
    styles = document.styles.element
    for fonts in styles.iter(qn("w:rFonts")):
        themed = [fonts.get(attribute) or "" for attribute in THEME_FONT_ATTRIBUTES]
        if not any(themed):
            continue
        heading = any(value.startswith("major") for value in themed)
        set_explicit_fonts(fonts.getparent(), profile.heading_font if heading else profile.font)


def drop_styles_with_effects(document) -> None:
    """python-docx's starting document carries a second, Word 2010-only copy of its styles
    (stylesWithEffects.xml) that still names the theme fonts; the profiles live in styles.xml
    alone."""
    part = document.part
    for rel_id, rel in list(part.rels.items()):
        if rel.reltype.endswith("/stylesWithEffects"):
            part.drop_rel(rel_id)


def set_zoom(document) -> None:
    """w:zoom must carry w:percent (ECMA-376 17.15.1.95); python-docx's template leaves it out."""
    zoom = document.settings.element.find(qn("w:zoom"))
    if zoom is not None and zoom.get(qn("w:percent")) is None:
        zoom.set(qn("w:percent"), "100")


def insert_borders(style, borders) -> None:
    """Put w:pBdr where the schema wants it: before w:spacing, w:jc and the rest."""
    style.element.get_or_add_pPr().insert_element_before(borders, *AFTER_PBDR)


def add_bottom_border(style) -> None:
    """The writing line: a paragraph border, so it prints as a line and holds no characters.

    Word and LibreOffice merge the borders of consecutive paragraphs that share them into one
    box, so three writing lines would print as a single line under a tall gap; the "between"
    border draws the line between the paragraphs of such a group as well.
    """
    borders = OxmlElement("w:pBdr")
    for side in ("bottom", "between"):
        edge = OxmlElement(f"w:{side}")
        for key, value in (("w:val", "single"), ("w:sz", "6"), ("w:space", "1"),
                           ("w:color", "808080")):  # fmt: skip
            edge.set(qn(key), value)
        borders.append(edge)
    insert_borders(style, borders)


def add_box(style) -> None:
    borders = OxmlElement("w:pBdr")
    for side in ("top", "left", "bottom", "right"):
        edge = OxmlElement(f"w:{side}")
        for key, value in (
            ("w:val", "single"),
            ("w:sz", "8"),
            ("w:space", "4"),
            ("w:color", "000000"),
        ):
            edge.set(qn(key), value)
        borders.append(edge)
    insert_borders(style, borders)


def build(profile: Profile) -> Document:
    document = Document()
    for paragraph in list(document.paragraphs):
        paragraph._element.getparent().remove(paragraph._element)
    styles = document.styles
    normal = styles["Normal"]
    set_font(normal, profile.font)
    normal.font.size = Pt(profile.size)
    normal.font.bold = profile.bold
    normal.font.italic = False
    normal.paragraph_format.line_spacing = profile.line_spacing
    normal.paragraph_format.alignment = WD_ALIGN_PARAGRAPH.LEFT
    normal.paragraph_format.space_after = Pt(4)
    for name, size in (
        ("Title", profile.size + 10),
        ("Heading 1", profile.size + 4),
        ("Heading 2", profile.size + 2),
    ):
        style = styles[name]
        set_font(style, profile.heading_font)
        style.font.size = Pt(size)
        style.font.bold = True
        style.font.italic = False
        style.font.color.rgb = RGBColor(0, 0, 0)
        style.paragraph_format.alignment = WD_ALIGN_PARAGRAPH.LEFT
    for name, base, delta, bold, before, after in PARAGRAPH_STYLES:
        style = styles.add_style(name, WD_STYLE_TYPE.PARAGRAPH)
        style.base_style = styles[base]
        style.font.size = Pt(max(profile.size + delta, 10 if profile.name == "standard" else 12))
        if bold is not None:
            style.font.bold = bold or profile.bold
        style.paragraph_format.space_before = Pt(before)
        style.paragraph_format.space_after = Pt(after)
    add_bottom_border(styles["Answer Line"])
    add_bottom_border(styles["Form Line"])
    add_box(styles["Word Bank"])
    add_box(styles["Checkpoint"])
    key_term = styles.add_style("Key Term", WD_STYLE_TYPE.CHARACTER)
    key_term.font.bold = True
    key_term.font.underline = True
    styles["Footer"].font.size = Pt(FOOTER_SIZE[profile.name])
    # No template tab stops: the footer's one right tab is set at the page's text width.
    styles["Footer"].paragraph_format.tab_stops.clear_all()
    remove_theme_fonts(document, profile)
    drop_styles_with_effects(document)
    set_zoom(document)
    return document


def main() -> None:
    TEMPLATES.mkdir(exist_ok=True)
    for profile in PROFILES:
        path = TEMPLATES / f"{profile.name}.docx"
        build(profile).save(path)
        print(f"wrote {path}")


if __name__ == "__main__":
    main()
