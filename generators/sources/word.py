"""Word (.docx) files: the zip container checked before python-docx unpacks it, then the text."""

from __future__ import annotations

import io
import zipfile
import zlib
from collections.abc import Iterator
from typing import TYPE_CHECKING, Any
from xml.etree import ElementTree

import docx
from docx.opc.exceptions import PackageNotFoundError
from docx.table import Table
from docx.text.paragraph import Paragraph

from generators.errors import SourceError

if TYPE_CHECKING:
    from docx.document import Document
from generators.sources.common import (
    _OLE_MAGIC,
    _READ_CHUNK,
    _ZIP_MAGIC,
    DEFAULT_LIMITS,
    Limits,
    _basename,
    _display_name,
    _size,
    _unreadable,
)

# Small parts may compress far better than 100:1 quite innocently (python-docx writes a blank
# 1,000-row table at 127:1), and they cannot hurt: the total-size limit bounds them. A bomb needs
# a big part, so the ratio is judged only above this size.
_RATIO_CHECK_MIN_BYTES = 1024 * 1024


_DTD_MARKERS = tuple(
    marker.encode(encoding)
    for marker in ("<!DOCTYPE", "<!ENTITY")
    for encoding in ("utf-8", "utf-16-le", "utf-16-be", "utf-32-le", "utf-32-be")
)


_DTD_OVERLAP = max(len(marker) for marker in _DTD_MARKERS) - 1


_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


_MC = "{http://schemas.openxmlformats.org/markup-compatibility/2006}"


_CT = "{http://schemas.openxmlformats.org/package/2006/content-types}"


# Subtrees whose text is not part of the paragraph as read: formatting, deleted text, text boxes
# (anchored elsewhere on the page) and the fallback copy of content Word stores twice.
_SKIPPED_IN_PARAGRAPH = {
    _W + "pPr",
    _W + "rPr",
    _W + "del",
    _W + "moveFrom",
    _W + "txbxContent",
    _MC + "Fallback",
}


_DOCX_ZIP_ERRORS = (
    zipfile.BadZipFile,
    zlib.error,
    EOFError,
    OSError,
    KeyError,
    ValueError,
    RuntimeError,
    NotImplementedError,
)


def open_docx_safely(data: bytes, filename: str, limits: Limits = DEFAULT_LIMITS) -> Document:
    """Open a .docx only once its zip container is known to be small, sane and DTD-free.

    python-docx unpacks every part into memory and trusts the zip completely, so the entry
    count, declared sizes, compression ratios and XML declarations are checked here first.
    """
    name = _display_name(_basename(filename))
    _check_docx_container(data, name, limits)
    try:
        return docx.Document(io.BytesIO(data))
    except ValueError as error:
        if "not a Word file" in str(error):
            raise _not_word(
                name, "it may be a template, a macro file or another Office file"
            ) from None
        raise _damaged_docx(name) from None
    except (PackageNotFoundError, SyntaxError, *_DOCX_ZIP_ERRORS):
        raise _damaged_docx(name) from None
    except Exception:
        raise _unreadable(name, "Word") from None


def iter_docx_blocks(document: Document) -> Iterator[Paragraph | Table]:
    """Yield body paragraphs and tables in reading order, looking inside content controls.

    python-docx's `paragraphs` and `tables` lose their relative order and skip text held in
    content controls (w:sdt), which worksheet templates use a lot.
    """
    body = document.element.body
    for element in _iter_block_elements(body):
        if element.tag == _W + "p":
            yield Paragraph(element, document._body)
        else:
            yield Table(element, document._body)


def docx_paragraph_text(paragraph: Paragraph) -> str:
    """Return what a reader sees, which python-docx's `Paragraph.text` does not.

    It also takes tracked insertions, inline content controls and field results, and leaves
    out deleted text and text boxes.
    """
    return _paragraph_text(paragraph._p)


def docx_table_rows(table: Table) -> list[list[str]]:
    """Return each row's cell texts once per cell, not once per grid column as python-docx does."""
    return [
        ["\n".join(_block_texts(cell)) for cell in _iter_unwrapped(row, (_W + "tc",))]
        for row in _iter_unwrapped(table._tbl, (_W + "tr",))
    ]


def _not_word(name: str, reason: str) -> SourceError:
    return SourceError(
        f"{name} is not a Word document ({reason}): "
        "save it again as .docx, or paste the text into a .txt file."
    )


def _damaged_docx(name: str) -> SourceError:
    return SourceError(
        f"{name} is damaged or incomplete (perhaps it did not finish downloading or copying): "
        "save it again as .docx, or paste the text into a .txt file."
    )


def _text_from_docx(data: bytes, name: str, limits: Limits) -> str:
    document = open_docx_safely(data, name, limits)
    try:
        paragraphs = _block_texts(document.element.body)
    except Exception:
        raise _unreadable(name, "Word") from None
    if not paragraphs:
        raise SourceError(
            f"{name} is empty (there is no text in it; pictures and drawings cannot be read): "
            "add the passage or assignment text, or choose another file."
        )
    return "\n\n".join(paragraphs)


def _check_docx_container(data: bytes, name: str, limits: Limits) -> None:
    """Refuse a zip that is not a .docx, or that would be costly or dangerous to unpack."""
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
    except _DOCX_ZIP_ERRORS:
        raise _not_a_zip(name, data) from None
    with archive:
        entries = archive.infolist()
        _check_zip_sizes(entries, name, limits)
        if "word/document.xml" not in archive.namelist():
            raise _not_word(name, "it has no word/document.xml inside")
        try:
            _check_no_dtd(archive, entries, name)
        except _DOCX_ZIP_ERRORS:
            raise _damaged_docx(name) from None


def _not_a_zip(name: str, data: bytes) -> SourceError:
    if data.startswith(_OLE_MAGIC):
        return SourceError(
            f"{name} is an old-style Word file (.doc) or a password-protected document: "
            "open it in Word, remove any password, and save it as .docx."
        )
    if data.startswith(_ZIP_MAGIC):
        return _damaged_docx(name)
    return _not_word(name, "it may be renamed or damaged")


def _check_zip_sizes(entries: list[zipfile.ZipInfo], name: str, limits: Limits) -> None:
    """Trust the declared sizes: zipfile never returns more bytes than an entry declares."""
    after = "so it was not opened: save it again from Word, or paste the text into a .txt file."
    if len(entries) > limits.max_zip_entries:
        raise SourceError(
            f"{name} has too many parts inside ({len(entries):,}; the limit is "
            f"{limits.max_zip_entries:,}), {after}"
        )
    if any(entry.flag_bits & 0x1 for entry in entries):
        raise SourceError(
            f"{name} is password-protected: open it in Word, remove the password, "
            "and save it again, or paste the text into a .txt file."
        )
    total = sum(entry.file_size for entry in entries)
    if total > limits.max_zip_uncompressed_bytes:
        raise SourceError(
            f"{name} would unpack to {_size(total)} (the limit is "
            f"{_size(limits.max_zip_uncompressed_bytes)}), {after}"
        )
    for entry in entries:
        if _suspicious_ratio(entry, limits):
            ratio = entry.file_size / max(entry.compress_size, 1)
            raise SourceError(
                f"{name} holds a part packed suspiciously tightly ({entry.filename}, "
                f"{ratio:,.0f} to 1; the limit is {limits.max_zip_ratio:,.0f} to 1; "
                f"it may be a zip bomb), {after}"
            )


def _suspicious_ratio(entry: zipfile.ZipInfo, limits: Limits) -> bool:
    if entry.file_size <= _RATIO_CHECK_MIN_BYTES:
        return False
    return entry.file_size > limits.max_zip_ratio * entry.compress_size


def _check_no_dtd(archive: zipfile.ZipFile, entries: list[zipfile.ZipInfo], name: str) -> None:
    """Refuse DTDs outright: Word never writes one, and they carry entity-expansion attacks."""
    image_parts = _image_parts(archive)
    for entry in entries:
        if entry.is_dir() or entry.filename in image_parts:
            continue
        if _declares_dtd(archive, entry):
            raise SourceError(
                f"{name} contains an XML DOCTYPE or ENTITY declaration ({entry.filename}), "
                "which Word never writes and which can be used to attack the reader, so it was "
                "not opened: save it again from Word, or paste the text into a .txt file."
            )


def _image_parts(archive: zipfile.ZipFile) -> set[str]:
    """Name the parts typed as images, which python-docx never parses (an SVG may have a DTD)."""
    types_entry = "[Content_Types].xml"
    if types_entry not in archive.namelist() or _declares_dtd(
        archive, archive.getinfo(types_entry)
    ):
        return set()
    try:
        root = ElementTree.fromstring(archive.read(types_entry))
    except ElementTree.ParseError:
        return set()
    defaults = {
        item.get("Extension", "").lower(): item.get("ContentType", "")
        for item in root.iter(_CT + "Default")
    }
    overrides = {
        item.get("PartName", "").lstrip("/"): item.get("ContentType", "")
        for item in root.iter(_CT + "Override")
    }
    images = set()
    for part in archive.namelist():
        extension = part.rsplit(".", 1)[-1].lower() if "." in part else ""
        content_type = overrides.get(part, defaults.get(extension, ""))
        if content_type.startswith("image/"):
            images.add(part)
    return images


def _declares_dtd(archive: zipfile.ZipFile, entry: zipfile.ZipInfo) -> bool:
    """Search a part in chunks, so a big part costs no more memory than a small one."""
    tail = b""
    with archive.open(entry) as part:
        while chunk := part.read(_READ_CHUNK):
            window = tail + chunk
            if any(marker in window for marker in _DTD_MARKERS):
                return True
            tail = window[-_DTD_OVERLAP:]
    return False


def _iter_block_elements(container: Any) -> Iterator[Any]:
    return _iter_unwrapped(container, (_W + "p", _W + "tbl"))


def _iter_unwrapped(container: Any, tags: tuple[str, ...]) -> Iterator[Any]:
    """Yield children with these tags, also from inside content controls and custom XML,
    which may wrap paragraphs, tables, rows or cells alike."""
    for child in container.iterchildren():
        if child.tag in tags:
            yield child
        elif child.tag == _W + "sdt":
            for content in child.iterchildren(_W + "sdtContent"):
                yield from _iter_unwrapped(content, tags)
        elif child.tag == _W + "customXml":
            yield from _iter_unwrapped(child, tags)


def _block_texts(container: Any) -> list[str]:
    """Return one string per non-empty paragraph, and per table row, in reading order."""
    texts: list[str] = []
    for element in _iter_block_elements(container):
        if element.tag == _W + "p":
            text = _paragraph_text(element).strip()
            if text:
                texts.append(text)
        else:
            texts.extend(_table_texts(element))
    return texts


def _table_texts(table: Any) -> list[str]:
    """Keep a row of short cells on one line ("Score | 8 / 10"); spread longer cells out."""
    texts: list[str] = []
    for row in _iter_unwrapped(table, (_W + "tr",)):
        cells = [cell for tc in _iter_unwrapped(row, (_W + "tc",)) if (cell := _block_texts(tc))]
        if all(len(cell) == 1 and "\n" not in cell[0] for cell in cells):
            texts.extend([" | ".join(cell[0] for cell in cells)] if cells else [])
        else:
            texts.extend(text for cell in cells for text in cell)
    return texts


def _paragraph_text(element: Any) -> str:
    parts: list[str] = []
    _collect_run_text(element, parts)
    return "".join(parts)


def _collect_run_text(element: Any, parts: list[str]) -> None:
    for child in element.iterchildren():
        tag = child.tag
        if tag in _SKIPPED_IN_PARAGRAPH or not isinstance(tag, str):
            continue
        if tag == _W + "t":
            parts.append(child.text or "")
        elif tag in (_W + "tab", _W + "ptab"):
            parts.append("\t")
        elif tag in (_W + "br", _W + "cr"):
            parts.append("\n")
        elif tag == _W + "noBreakHyphen":
            parts.append("-")
        else:
            _collect_run_text(child, parts)
