"""What a document looks like printed: LibreOffice makes the PDF, poppler's pdftoppm the pages.

The app shows these page images as its preview where LibreOffice is installed (a text preview
cannot show a split question or a half-empty page), and the layout tests measure the same
pages: how far down each page the print reaches. Both tools are optional: `available()` says
whether they are here, and every failure is a `delivery.ConversionError` with a reason.
"""

from __future__ import annotations

import shutil
import subprocess
import tempfile
from pathlib import Path

from generators import delivery
from generators.domain.common import RenderedDocument

PREVIEW_DPI = 60  # a page about 500 px wide: readable on screen, quick to make
PREVIEW_PAGES = 2
MEASURE_DPI = 30
INK = 200  # a grey level (0-255) below this is printed ink
RASTER_TIMEOUT = 60.0
BATCH_TIMEOUT = 240.0  # seconds, for a whole packet
INSTALL_HINT = (
    "For a preview of the printed pages, install LibreOffice and poppler-utils "
    "(e.g. apt-get install libreoffice-writer poppler-utils) and restart ParaPrep."
)


def available() -> bool:
    """Whether page images can be made here (LibreOffice and pdftoppm both installed)."""
    return delivery.pdf_converter() is not None and shutil.which("pdftoppm") is not None


def to_pdfs(documents: list[RenderedDocument], timeout: float = BATCH_TIMEOUT) -> list[bytes]:
    """Several documents to PDF in one LibreOffice start (each start costs seconds), in a
    throwaway profile like `delivery.to_pdf`."""
    command = delivery.pdf_converter()
    if command is None:
        raise delivery.ConversionError(INSTALL_HINT)
    with tempfile.TemporaryDirectory(prefix="paraprep-pdfs-") as folder:
        work = Path(folder)
        sources = []
        for number, document in enumerate(documents):
            source = work / f"document-{number}.docx"
            source.write_bytes(document.data)
            sources.append(source)
        profile = (work / "profile").as_uri()
        arguments = [command, f"-env:UserInstallation={profile}", "--headless", "--norestore",
                     "--convert-to", "pdf", "--outdir", str(work / "out"),
                     *map(str, sources)]  # fmt: skip
        delivery.run_with_timeout(arguments, timeout)
        results = [work / "out" / f"{source.stem}.pdf" for source in sources]
        missing = [doc.filename for doc, path in zip(documents, results, strict=True)
                   if not path.is_file()]  # fmt: skip
        if missing:
            raise delivery.ConversionError(
                f"LibreOffice could not convert {', '.join(missing)} to PDF: download the DOCX."
            )
        return [path.read_bytes() for path in results]


def page_images(
    document: RenderedDocument, pages: int = PREVIEW_PAGES, dpi: int = PREVIEW_DPI
) -> list[bytes]:
    """PNG images of the first `pages` printed pages of a document."""
    return rasterize(delivery.to_pdf(document), "png", last=pages, dpi=dpi)


def rasterize(pdf: bytes, kind: str, *, last: int | None = None, dpi: int) -> list[bytes]:
    """Each page of a PDF as an image file's bytes: "png", or "pgm" (grey, read by `ink_rows`)."""
    tool = shutil.which("pdftoppm")
    if tool is None:
        raise delivery.ConversionError("Page images need pdftoppm (poppler-utils).")
    with tempfile.TemporaryDirectory(prefix="paraprep-pages-") as folder:
        work = Path(folder)
        (work / "document.pdf").write_bytes(pdf)
        flag = "-png" if kind == "png" else "-gray"
        arguments = [tool, flag, "-r", str(dpi)]
        if last:
            arguments += ["-l", str(last)]
        arguments += [str(work / "document.pdf"), str(work / "page")]
        try:
            subprocess.run(arguments, check=True, capture_output=True, timeout=RASTER_TIMEOUT)
        except (OSError, subprocess.SubprocessError) as error:
            raise delivery.ConversionError("pdftoppm could not draw the pages.") from error
        suffix = ".png" if kind == "png" else ".pgm"
        return [path.read_bytes() for path in sorted(work.glob(f"page*{suffix}"))]


def ink_rows(pgm: bytes) -> tuple[int, list[bool]]:
    """A binary PGM page ("P5", width, height, maxval, then one byte a pixel): its width, and
    for each pixel row whether anything is printed on it."""
    fields = pgm.split(maxsplit=4)
    if len(fields) < 5 or fields[0] != b"P5":
        raise delivery.ConversionError("pdftoppm wrote a page image ParaPrep cannot read.")
    width, height = int(fields[1]), int(fields[2])
    pixels = pgm[len(pgm) - width * height :]
    rows = [min(pixels[row * width : (row + 1) * width]) < INK for row in range(height)]
    return width, rows


def page_fill(pdf: bytes, margins: tuple[float, float] = (0.7, 0.7)) -> list[float]:
    """How far down its text area each page prints, from 0 (blank) to 1 (full), ignoring the
    footer and header bands. `margins` (top, bottom) are in inches."""
    fills = []
    for image in rasterize(pdf, "pgm", dpi=MEASURE_DPI):
        _, rows = ink_rows(image)
        top, bottom = (round(margin * MEASURE_DPI) for margin in margins)
        area = rows[top : len(rows) - bottom]
        inked = [index for index, ink in enumerate(area) if ink]
        fills.append((inked[-1] + 1) / len(area) if inked else 0.0)
    return fills
