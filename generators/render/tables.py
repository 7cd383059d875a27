"""Tables sized to their content, the same way in Word, LibreOffice and Google Docs.

LibreOffice and Google Docs lay a table out from its grid (`w:tblGrid/w:gridCol`), Word from
each cell's width: both are written here, with a fixed layout and the table's own width, and
they always sum to the text width. Equal columns were the cause of 12-page plans: a timed
sequence whose "What happens" had a quarter of the page ran each cell 20-30 lines long.

Widths come from the text (`plan_widths`): every column starts at its longest word (the
header's in bold), so no header word breaks ("Versi/on"), or at a minimum share (the timed
sequence's "What happens" gets at least half). The rest of the width is handed out where it
saves the most printed lines, so short columns (minutes, a clock, yes/no, a category, a code)
stop at their longest entry and the columns people read get the room; empty columns left for
writing take what is left when every cell fits.

Text is measured with Carlito's advance widths (Calibri's metrics), scaled for the templates'
other fonts: close enough to size columns, and erring wide.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Emu, Pt

TWIPS_PER_PT = 20
EMU_PER_TWIP = 635
CELL_PADDING_PT = 5.4 * 2 + 2  # Table Grid's 0.075 in each side, and a point of slack each side
BOLD = 1.1  # bold runs about 5-10% wider than regular

# Advance widths in ems (Carlito, which has Calibri's metrics), rounded up a little; anything
# else counts as AVERAGE. Measured from Carlito's own tables: i/l 0.23, r 0.35, t 0.34, m 0.80,
# W 0.90, most lowercase 0.45-0.53, capitals about 0.6.
WIDTHS = {**dict.fromkeys("ijl.,;:'!|", 0.25), **dict.fromkeys("frt()[]-/\"", 0.36),
          " ": 0.23, **dict.fromkeys("mw", 0.8), **dict.fromkeys("MW@%", 0.92),
          **dict.fromkeys("ABCDEFGHKNOPQRSUVXYZ&", 0.62)}  # fmt: skip
AVERAGE = 0.53

# How much wider a font prints than Carlito. LibreOffice prints Arial as Liberation Sans (Arial's
# metrics; installed with LibreOffice here) and Verdana as DejaVu Sans, wider still where
# Verdana itself is missing: the larger figure is used, so a label never breaks.
FONT_WIDTH = {"calibri": 1.0, "carlito": 1.0, "cambria": 1.05, "caladea": 1.05,
              "arial": 1.35, "verdana": 1.4, "dejavu sans": 1.4}  # fmt: skip
OTHER_FONT = 1.35


def text_points(text: str, size: float, *, bold: bool = False) -> float:
    """About how wide `text` prints on one line at `size` points (Carlito; see `FONT_WIDTH`)."""
    ems = sum(WIDTHS.get(char, AVERAGE) for char in text)
    return ems * size * (BOLD if bold else 1.0)


def longest_word(text: str, size: float, *, bold: bool = False) -> float:
    words = text.split() or [""]
    return max(text_points(word, size, bold=bold) for word in words)


STEP_PT = 2.0  # width handed out at a time while sizing
TIE_BREAK = 0.05


def plan_widths(
    header: Sequence[str],
    rows: Sequence[Sequence[str]],
    total: float,
    size: float,
    *,
    min_share: Mapping[int, float] | None = None,
    writing: Sequence[int] = (),
) -> list[float]:
    """Column widths in points that sum to `total`, making the table as short as it can be.

    Every column starts at its longest word (the header's in bold), or at its `min_share` of
    the total. Then the width is handed out a little at a time to the column where it saves
    the most printed lines (a row is as tall as its fullest cell), so short columns (minutes,
    a clock, yes/no, a category, a code) stop at the width of their longest entry and columns
    people read get the rest. What is left when every cell fits on one line goes to the
    columns left for writing in (`writing`, or any column with an empty body), else to the
    fullest columns.
    """
    count = len(header)
    table = [list(header), *(list(row) + [""] * (count - len(row)) for row in rows)]
    points = [[text_points(cell, size, bold=n == 0) for cell in row] for n, row in enumerate(table)]
    floors = [
        max(
            max(longest_word(row[i], size, bold=n == 0) for n, row in enumerate(table)),
            0.0,
        )
        + CELL_PADDING_PT
        for i in range(count)
    ]
    for index, share in (min_share or {}).items():
        floors[index] = max(floors[index], total * share)
    if sum(floors) >= total:  # too many columns for the page: shrink all, words may break
        return [width * total / sum(floors) for width in floors]
    widths = list(floors)
    while total - sum(widths) >= STEP_PT:
        best = widest_saving(points, widths)
        if best is None:
            break
        widths[best] += STEP_PT
    leftover = total - sum(widths)
    takers = [i for i in range(count) if i in writing or not any(row[i].strip() for row in rows)]
    if not takers or not rows:
        amount = [sum(row[i] for row in points[1:]) for i in range(count)]
        takers = [max(range(count), key=lambda i: amount[i])]
    for index in takers:
        widths[index] += leftover / len(takers)
    return widths


def lines_in(text_pt: float, width: float) -> float:
    """About how many lines a cell's text takes at `width` (a fraction: sizing needs a slope)."""
    return max(1.0, text_pt / max(width - CELL_PADDING_PT, 1.0))


def printed_lines(points: list[list[float]], widths: list[float]) -> float:
    """About the lines the table prints: each row as tall as its fullest cell, plus a little
    for every cell's lines, so that two equally full cells in a row both get room (with the
    tallest cell alone, widening either one saved nothing and neither grew)."""
    total = 0.0
    for row in points:
        lines = [lines_in(cell, width) for cell, width in zip(row, widths, strict=True)]
        total += max(lines) + TIE_BREAK * sum(lines)
    return total


def widest_saving(points: list[list[float]], widths: list[float]) -> int | None:
    """The column where STEP_PT more width saves the most lines, or None when none saves any."""
    now = printed_lines(points, widths)
    best, saved = None, 1e-9
    for index in range(len(widths)):
        trial = list(widths)
        trial[index] += STEP_PT
        gain = now - printed_lines(points, trial)
        if gain > saved:
            best, saved = index, gain
    return best


# --- Writing the grid ---


def text_width(section) -> int:
    """The text width of a section in EMU."""
    return section.page_width - section.left_margin - section.right_margin


def whole_twips(widths_pt: Sequence[float], total_emu: int) -> list[int]:
    """Widths in whole twips (as Word saves them) that sum exactly to the text width: rounding
    up, 30 columns once came to more than the page."""
    total = int(total_emu) // EMU_PER_TWIP
    twips = [int(width * TWIPS_PER_PT) for width in widths_pt]
    twips[max(range(len(twips)), key=lambda i: twips[i])] += total - sum(twips)
    return twips


def apply_grid(table, twips: Sequence[int]) -> None:
    """Write the grid, each cell's width, the table width and a fixed layout."""
    table.autofit = False  # tblLayout fixed
    tbl_pr = table._tbl.tblPr
    width = tbl_pr.find(qn("w:tblW"))
    if width is None:
        width = OxmlElement("w:tblW")
        tbl_pr.insert_element_before(
            width, "w:jc", "w:tblCellSpacing", "w:tblInd", "w:tblBorders", "w:shd",
            "w:tblLayout", "w:tblCellMar", "w:tblLook", "w:tblCaption", "w:tblDescription",
        )  # fmt: skip
    width.set(qn("w:w"), str(sum(twips)))
    width.set(qn("w:type"), "dxa")
    for column, value in zip(table.columns, twips, strict=True):
        column.width = Emu(value * EMU_PER_TWIP)  # the grid, which LibreOffice and Google read
        for cell in column.cells:  # and each cell, which Word reads
            cell.width = Emu(value * EMU_PER_TWIP)


def grid_twips(table) -> list[int]:
    """The grid as written (tests and the print check read it back)."""
    grid = table._tbl.tblGrid
    return [int(col.get(qn("w:w"))) for col in grid.findall(qn("w:gridCol"))]


def size_of(style) -> float:
    """The points to measure a style's text at: its font size, following its base styles (12 pt
    if none), scaled by how wide its font prints (`FONT_WIDTH`); a bold style counts as bold."""
    size = name = bold = None
    while style is not None:
        size = size or (style.font.size and style.font.size.pt)
        name = name or style.font.name
        bold = style.font.bold if bold is None else bold
        style = style.base_style
    factor = FONT_WIDTH.get((name or "calibri").lower(), OTHER_FONT) * (BOLD if bold else 1.0)
    return (size or 12.0) * factor


def fit(
    table,
    header: Sequence[str],
    rows: Sequence[Sequence[str]],
    section,
    style,
    *,
    min_share: Mapping[int, float] | None = None,
    writing: Sequence[int] = (),
    widths_in: Sequence[float] | None = None,
) -> list[int]:
    """Size `table` to its content (or to `widths_in`, inches, scaled to the text width) and
    write its grid; returns the widths in twips."""
    total_emu = text_width(section)
    total_pt = Emu(total_emu).pt
    if widths_in:
        scale = total_pt / (sum(widths_in) * 72)
        points = [width * 72 * scale for width in widths_in]
    else:
        points = plan_widths(
            header, rows, total_pt, size_of(style), min_share=min_share, writing=writing
        )
    twips = whole_twips(points, total_emu)
    apply_grid(table, twips)
    return twips


def add_table(
    writer,
    header: Sequence[str],
    rows: Sequence[Sequence[str]],
    *,
    style: str = "Normal",
    min_height: float = 0,
    min_share: Mapping[int, float] | None = None,
    writing: Sequence[int] = (),
    widths: Sequence[float] | None = None,
    clean=str,
):
    """A bordered table: a bold header row that repeats on a new page, body rows in `style`
    (kept whole on a page when short), sized by `fit`. Returns the table."""
    document = writer.document
    table = document.add_table(rows=1, cols=len(header))
    table.style = writer.style("Table Grid")
    paragraph_style = writer.style(style)
    for cell, text in zip(table.rows[0].cells, header, strict=True):
        paragraph = cell.paragraphs[0]
        writer.set_style(paragraph, style)
        paragraph.add_run(clean(text)).bold = True
    repeat_header(table.rows[0])
    for row in rows:
        cells = table.add_row().cells
        for cell, text in zip(cells, row, strict=True):
            paragraph = cell.paragraphs[0]
            writer.set_style(paragraph, style)
            paragraph.add_run(clean(text))
        if min_height:
            table.rows[-1].height = Pt(min_height)
    cleaned = [[clean(text) for text in row] for row in rows]
    fit(
        table,
        [clean(text) for text in header],
        cleaned,
        document.sections[-1],
        paragraph_style,
        min_share=min_share,
        writing=writing,
        widths_in=widths,
    )
    return table


def repeat_header(row) -> None:
    """The header row repeats at the top of each page the table runs onto, and never splits."""
    tr_pr = row._tr.get_or_add_trPr()
    for tag in ("w:cantSplit", "w:tblHeader"):
        marker = OxmlElement(tag)
        tr_pr.append(marker)
