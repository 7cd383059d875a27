"""Handing finished documents over: a text preview, the whole packet as a ZIP, PDF via LibreOffice,
and files written safely into a folder.

The preview is read back from the DOCX bytes themselves (what will print), not from the material,
and every character of document text is escaped for Markdown: a passage or a model's answer that
contains `**`, `#`, `[link](...)`, `$x$` or `:red[...]` shows as typed and cannot restyle the page.
"""

from __future__ import annotations

import contextlib
import errno
import io
import os
import shutil
import signal
import string
import subprocess
import tempfile
import zipfile
from collections.abc import Iterable, Iterator
from pathlib import Path

from docx import Document
from docx.table import Table
from docx.text.paragraph import Paragraph

from generators.domain.common import RenderedDocument
from generators.errors import ParaPrepError
from generators.render.docx_base import slug

DOCX_MIME = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
PDF_TIMEOUT = 90.0  # seconds: LibreOffice's first start in a fresh profile is slow
_ESCAPED = set(string.punctuation)
HEADING_STYLES = {"Title": "###", "Heading 1": "####", "Heading 2": "#####"}
LINE_STYLES = {"Answer Line"}


class ConversionError(ParaPrepError):
    """A PDF could not be made; the DOCX is still there to download."""


# --- Preview ---


def escape_markdown(text: str) -> str:
    """Backslash-escape every ASCII punctuation mark (CommonMark allows it for all of them)."""
    return "".join(f"\\{char}" if char in _ESCAPED else char for char in text)


def blocks(data: bytes) -> Iterator[Paragraph | Table]:
    """Body paragraphs and tables in document order."""
    document = Document(io.BytesIO(data))
    for child in document.element.body.iterchildren():
        if child.tag.endswith("}p"):
            yield Paragraph(child, document)
        elif child.tag.endswith("}tbl"):
            yield Table(child, document)


def preview_markdown(data: bytes, max_blocks: int = 400) -> str:
    """The document as safe Markdown: headings stay headings, writing lines show as lines,
    tables as tables; everything the document says is escaped."""
    lines: list[str] = []
    previous_was_line = False
    for count, block in enumerate(blocks(data)):
        if count >= max_blocks:
            lines.append("*(preview shortened: download the document to see the rest)*")
            break
        if isinstance(block, Table):
            lines.append(table_markdown(block))
            previous_was_line = False
            continue
        style = block.style.name if block.style is not None else "Normal"
        text = " ".join(block.text.split())
        if style in LINE_STYLES:
            if not previous_was_line:
                lines.append("\\_\\_\\_\\_\\_\\_\\_\\_\\_\\_\\_\\_\\_\\_\\_\\_\\_\\_\\_\\_")
            previous_was_line = True
            continue
        previous_was_line = False
        if not text:
            continue
        prefix = HEADING_STYLES.get(style)
        escaped = escape_markdown(text)
        lines.append(f"{prefix} {escaped}" if prefix else escaped)
    return "\n\n".join(lines)


def table_markdown(table: Table) -> str:
    rows = [
        [escape_markdown(" ".join(cell.text.split())) or " " for cell in row.cells]
        for row in table.rows
    ]
    if not rows:
        return ""
    width = max(len(row) for row in rows)
    rows = [row + [" "] * (width - len(row)) for row in rows]
    header, *body = rows
    out = ["| " + " | ".join(header) + " |", "|" + "---|" * width]
    out += ["| " + " | ".join(row) + " |" for row in body]
    return "\n".join(out)


def preview_text(data: bytes) -> str:
    """Plain text of a document, paragraphs and table cells in order (for search and tests)."""
    parts = []
    for block in blocks(data):
        if isinstance(block, Table):
            parts.extend(" | ".join(c.text for c in row.cells) for row in block.rows)
        else:
            parts.append(block.text)
    return "\n".join(parts)


# --- ZIP ---


def zip_name(title: str) -> str:
    return f"{slug(title)}.zip"


def zip_documents(
    documents: Iterable[RenderedDocument], extra: dict[str, bytes] | None = None
) -> bytes:
    """Every document of a packet in one ZIP; a repeated file name gets a number, never lost."""
    buffer = io.BytesIO()
    used: set[str] = set()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for document in documents:
            archive.writestr(unique_name(document.filename, used), document.data)
        for name, data in (extra or {}).items():
            archive.writestr(unique_name(name, used), data)
    return buffer.getvalue()


def unique_name(filename: str, used: set[str]) -> str:
    """`filename`, or with a number added when the packet already has it. Compared without
    case: on Windows and macOS "Student-A.docx" and "student-a.docx" are one file, and codes
    such as "Student-A" and "student_a" slug to the same name."""
    stem, dot, suffix = filename.rpartition(".")
    if not dot:
        stem, suffix = filename, ""
    candidate, number = filename, 2
    while candidate.casefold() in used:
        candidate = f"{stem}-{number}{dot}{suffix}"
        number += 1
    used.add(candidate.casefold())
    return candidate


def unique_filenames(documents: Iterable[RenderedDocument]) -> list[RenderedDocument]:
    """The packet with every file name distinct (see `unique_name`), so no page is lost when
    the files are downloaded or written side by side."""
    used: set[str] = set()
    renamed = []
    for document in documents:
        name = unique_name(document.filename, used)
        renamed.append(document if name == document.filename else
                       document.model_copy(update={"filename": name}))  # fmt: skip
    return renamed


# --- Files ---


def write_documents(documents: Iterable[RenderedDocument], directory: Path) -> list[Path]:
    """Write each document into `directory` (which exists) under a name unique in the packet."""
    return [
        write_file(directory / document.filename, document.data)
        for document in unique_filenames(documents)
    ]


def write_file(path: Path, data: bytes) -> Path:
    """Write `data` to `path` so that a reader sees the old file or the new one, never half.

    The bytes go to a new temporary file in the same folder (created exclusively, so nothing
    planted under its name is followed), are flushed to disk, then moved over `path` with
    os.replace, which replaces a symlink at `path` itself instead of writing through it. On any
    failure (disk full, file size limit, interrupt) the temporary file is removed and the
    earlier file at `path` is left as it was. New files are readable by their owner only: they
    may hold students' codes and work."""
    if path.is_dir() and not path.is_symlink():
        raise IsADirectoryError(errno.EISDIR, "a folder has this name", str(path))
    handle, temporary = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".part", dir=path.parent)
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(data)
            stream.flush()
            os.fsync(stream.fileno())
        os.replace(temporary, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(temporary)
        raise
    return path


# --- PDF ---


def pdf_converter() -> str | None:
    """LibreOffice's command, when installed (PARAPREP_SOFFICE names it explicitly)."""
    named = os.environ.get("PARAPREP_SOFFICE")
    if named:
        return shutil.which(named)
    return shutil.which("soffice") or shutil.which("libreoffice")


def pdf_name(filename: str) -> str:
    return f"{filename.rsplit('.', 1)[0]}.pdf"


def to_pdf(document: RenderedDocument, timeout: float = PDF_TIMEOUT) -> bytes:
    """Convert one DOCX with LibreOffice in a throwaway profile, so a running LibreOffice or a
    broken user profile cannot block it; raises ConversionError with a reason."""
    command = pdf_converter()
    if command is None:
        raise ConversionError(
            "PDF needs LibreOffice, which is not installed: download the DOCX and print it, "
            "or install LibreOffice (e.g. apt-get install libreoffice-writer)."
        )
    with tempfile.TemporaryDirectory(prefix="paraprep-pdf-") as folder:
        work = Path(folder)
        source = work / "document.docx"
        source.write_bytes(document.data)
        profile = (work / "profile").as_uri()
        arguments = [command, f"-env:UserInstallation={profile}", "--headless", "--norestore",
                     "--convert-to", "pdf", "--outdir", str(work / "out"), str(source)]  # fmt: skip
        returncode = run_with_timeout(arguments, timeout)
        result = work / "out" / "document.pdf"
        if returncode != 0 or not result.is_file():
            raise ConversionError(
                f"LibreOffice could not convert {document.filename} to PDF: download the DOCX."
            )
        return result.read_bytes()


def run_with_timeout(arguments: list[str], timeout: float) -> int:
    """Run LibreOffice in its own process group, so a timeout ends it and all its helpers."""
    try:
        process = subprocess.Popen(
            arguments,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            stdin=subprocess.DEVNULL,
            start_new_session=True,
        )
    except OSError as error:
        raise ConversionError(f"Could not start LibreOffice: {error.strerror or error}.") from error
    try:
        return process.wait(timeout=timeout)
    except subprocess.TimeoutExpired as error:
        with contextlib.suppress(ProcessLookupError):
            os.killpg(process.pid, signal.SIGKILL)
        process.wait()
        raise ConversionError(
            f"LibreOffice took over {timeout:.0f} s to make the PDF: download the DOCX instead."
        ) from error
