"""Read a user's source passage or assignment file into clean plain text, safely.

Files reach ParaPrep from teachers' laptops, email attachments and browser uploads, so any of them
may be renamed, half-downloaded, enormous, scanned, password-protected or built to attack the
reader. Whatever arrives, the user must get either plain text or one sentence saying what went
wrong and what to do, never a traceback, a hung process or a machine out of memory. So sizes are
checked before anything is read or unpacked, a .docx zip container is inspected before python-docx
unpacks it (python-docx itself unpacks a 385 KiB zip bomb into 148 MiB without complaint), and
every library's exceptions end as `SourceError`, whose text is shown to the user as it is.
"""

from __future__ import annotations

import codecs
import io
import logging
import os
import re
import stat
import unicodedata
import zipfile
import zlib
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any
from xml.etree import ElementTree

import docx
from docx.opc.exceptions import PackageNotFoundError
from docx.table import Table
from docx.text.paragraph import Paragraph
from pypdf import PasswordType, PdfReader
from pypdf.errors import (
    DependencyError,
    FileNotDecryptedError,
    LimitReachedError,
    PyPdfError,
)

from generators.errors import SourceError

if TYPE_CHECKING:
    from docx.document import Document

# pypdf reports every repair it makes ("EOF marker not found", ...) as a logging warning, which
# with no logging configured lands on stderr beside the one-line message the user is meant to
# see. A NullHandler silences that fallback; an application that configures logging still
# receives the records through propagation.
logging.getLogger("pypdf").addHandler(logging.NullHandler())


@dataclass(frozen=True)
class Limits:
    """Ceilings that keep one hostile or accidental file from exhausting memory or time."""

    max_file_bytes: int = 10 * 1024 * 1024  # 10 MB
    max_text_chars: int = 200_000  # after extraction
    max_zip_entries: int = 2_000
    max_zip_uncompressed_bytes: int = 50 * 1024 * 1024
    max_zip_ratio: float = 100.0  # per entry uncompressed/compressed
    max_pdf_pages: int = 50


DEFAULT_LIMITS = Limits()
SUPPORTED_SUFFIXES = (".txt", ".md", ".docx", ".pdf")

# Small parts may compress far better than 100:1 quite innocently (python-docx writes a blank
# 1,000-row table at 127:1), and they cannot hurt: the total-size limit bounds them. A bomb needs
# a big part, so the ratio is judged only above this size.
_RATIO_CHECK_MIN_BYTES = 1024 * 1024

_READ_CHUNK = 1024 * 1024
_DTD_MARKERS = tuple(
    marker.encode(encoding)
    for marker in ("<!DOCTYPE", "<!ENTITY")
    for encoding in ("utf-8", "utf-16-le", "utf-16-be", "utf-32-le", "utf-32-be")
)
_DTD_OVERLAP = max(len(marker) for marker in _DTD_MARKERS) - 1

_ZIP_MAGIC = b"PK\x03\x04"
_OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # old .doc, and password-protected .docx
_PDF_MAGIC = b"%PDF-"
_BINARY_CONTROL_SHARE = 0.05
_BINARY_MIN_CONTROLS = 8

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

_SURROGATE_PAIR = re.compile(r"[\ud800-\udbff][\udc00-\udfff]")
_SURROGATE = re.compile(r"[\ud800-\udfff]")
_UNWANTED_CHARS = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ufeff\ufffe\uffff]")
_BINARY_CONTROLS = re.compile(r"[\x00-\x08\x0e-\x1f\x7f]")
_LINE_BREAKS = str.maketrans(
    {"\r": "\n", "\v": "\n", "\x85": "\n", "\u2028": "\n", "\f": "\n\n", "\u2029": "\n\n"}
)
_EXTRA_BLANK_LINES = re.compile(r"\n{3,}")


# ---------------------------------------------------------------------------------------------
# Public entry points


def read_source(path: str | os.PathLike[str], limits: Limits = DEFAULT_LIMITS) -> str:
    """Read a file the user named, refusing it by its size before a byte of it is read."""
    path = Path(path)
    name = _display_name(path.name or str(path))
    info = _stat_file(path, name)
    suffix = _check_suffix(name)
    _check_file_size(info.st_size, name, limits)
    return _extract(_read_bounded(path, name, limits), name, suffix, limits)


def read_source_bytes(data: bytes, filename: str, limits: Limits = DEFAULT_LIMITS) -> str:
    """Read an upload already in memory; the browser's filename is the only hint of its type."""
    name = _display_name(_basename(filename))
    suffix = _check_suffix(name)
    _check_file_size(len(data), name, limits)
    return _extract(bytes(data), name, suffix, limits)


def read_text(text: str, name: str = "text", limits: Limits = DEFAULT_LIMITS) -> str:
    """Check pasted or piped text like a file, since it can be just as empty, huge or binary."""
    name = _display_name(name)
    if len(text) > limits.max_file_bytes:
        raise _too_much_text(name, len(text), limits)
    if _looks_binary(text):
        raise SourceError(
            f"{name} looks like binary data, not text: "
            "paste or pipe in plain text, or give the file itself instead."
        )
    return _finish(clean_text(text), name, limits)


def clean_text(text: str) -> str:
    """Make text safe to put in XML and Word, and tidy enough to count words in.

    Drops what a .docx cannot hold (NUL and other control characters, lone surrogates,
    noncharacters), turns every line-break convention into \\n (form feeds and paragraph
    separators into a blank line) so that no words are glued together, NFC-normalises so equal
    text compares equal, strips trailing spaces and keeps at most one blank line in a row.
    """
    text = _SURROGATE_PAIR.sub(_join_surrogates, text)
    text = _SURROGATE.sub("", text)
    text = text.replace("\r\n", "\n").translate(_LINE_BREAKS)
    text = _UNWANTED_CHARS.sub("", text)
    text = unicodedata.normalize("NFC", text)
    text = "\n".join(line.rstrip() for line in text.split("\n"))
    return _EXTRA_BLANK_LINES.sub("\n\n", text).strip()


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


def strip_markdown(text: str) -> str:
    """Turn Markdown into the prose a reader of the rendered page would see.

    Headings, emphasis, link and list markup go; link text stays; images, code blocks, HTML
    comments and reference definitions go. Numbered-list numbers stay because assignments
    number their questions. Runs of underscores (answer blanks) and a spaced `*` (times) stay.
    """
    text = text.replace("\x00", "").replace("\r\n", "\n").replace("\r", "\n")
    text = _protect_escapes(text)
    text = _drop_html_comments(text)
    lines = [_strip_markdown_line(line) for line in _drop_code_blocks(text.split("\n"))]
    text = "\n".join(line for line in lines if line is not None)
    for pattern, replacement in _MARKDOWN_INLINE:
        text = pattern.sub(replacement, text)
    return _restore_escapes(text)


# ---------------------------------------------------------------------------------------------
# Shared steps


def _extract(data: bytes, name: str, suffix: str, limits: Limits) -> str:
    if not data:
        raise _empty(name)
    return _finish(clean_text(_EXTRACTORS[suffix](data, name, limits)), name, limits)


def _finish(text: str, name: str, limits: Limits) -> str:
    if not text:
        raise _empty(name)
    if len(text) > limits.max_text_chars:
        raise _too_much_text(name, len(text), limits)
    return text


def _stat_file(path: Path, name: str) -> os.stat_result:
    try:
        info = path.stat()
    except (FileNotFoundError, NotADirectoryError):
        raise SourceError(
            f"File not found: {name}. Check the file's name and folder, then try again."
        ) from None
    except PermissionError:
        raise SourceError(
            f"{name} cannot be opened (permission denied): "
            "copy it somewhere you can read it, or paste the text instead."
        ) from None
    except OSError as error:
        raise _os_error(name, error) from None
    if stat.S_ISDIR(info.st_mode):
        raise SourceError(f"{name} is a folder, not a file: choose a file inside it.")
    if not stat.S_ISREG(info.st_mode):
        raise SourceError(
            f"{name} is not a regular file (it may be a device or a pipe): "
            "choose a saved .txt, .md, .docx or .pdf file, or paste the text instead."
        )
    return info


def _read_bounded(path: Path, name: str, limits: Limits) -> bytes:
    """Read at most one byte past the limit, in case the file grew after it was measured."""
    try:
        with open(path, "rb") as file:
            data = file.read(limits.max_file_bytes + 1)
    except OSError as error:
        raise _os_error(name, error) from None
    _check_file_size(len(data), name, limits)
    return data


def _check_suffix(name: str) -> str:
    suffix = Path(name).suffix.lower()
    if suffix not in SUPPORTED_SUFFIXES:
        kind = f"a {suffix} file" if suffix else "a file with no extension"
        raise SourceError(
            f"{name} is {kind}, which ParaPrep cannot read: use a "
            f"{', '.join(SUPPORTED_SUFFIXES[:-1])} or {SUPPORTED_SUFFIXES[-1]} file "
            "(save it in one of those formats), or paste the text instead."
        )
    return suffix


def _check_file_size(size: int, name: str, limits: Limits) -> None:
    if size > limits.max_file_bytes:
        raise SourceError(
            f"{name} is too large ({_size(size)}; the limit is {_size(limits.max_file_bytes)}): "
            "use a shorter document, or paste only the passage you need."
        )


def _basename(filename: str) -> str:
    """Keep only the last path component, whichever separator the uploading system used."""
    return filename.replace("\\", "/").rsplit("/", 1)[-1] or filename


def _display_name(name: str) -> str:
    """Make a file name safe to quote in a one-line message."""
    name = " ".join(_UNWANTED_CHARS.sub("", _SURROGATE.sub("", name)).split()) or "The file"
    return name if len(name) <= 80 else name[:77] + "..."


def _size(size: int) -> str:
    if size >= 1024 * 1024:
        return f"{size / (1024 * 1024):.1f} MB"
    if size >= 1024:
        return f"{size / 1024:.1f} KB"
    return f"{size:,} bytes"


def _join_surrogates(match: re.Match[str]) -> str:
    """Rejoin a surrogate pair (left by some JSON or Windows APIs) into the character it spells."""
    return match.group().encode("utf-16-le", "surrogatepass").decode("utf-16-le")


def _looks_binary(text: str) -> bool:
    """Judge by share, with a floor so that a few stray controls in a short paste are cleaned."""
    controls = len(_BINARY_CONTROLS.findall(text))
    return controls >= _BINARY_MIN_CONTROLS and controls > _BINARY_CONTROL_SHARE * len(text)


# ---------------------------------------------------------------------------------------------
# Messages used in more than one place


def _empty(name: str) -> SourceError:
    return SourceError(
        f"{name} is empty (there is no text in it to use): "
        "add the passage or assignment text, or choose another file."
    )


def _too_much_text(name: str, chars: int, limits: Limits) -> SourceError:
    return SourceError(
        f"{name} has too much text ({chars:,} characters; the limit is "
        f"{limits.max_text_chars:,}): use a shorter passage, or split it into parts."
    )


def _os_error(name: str, error: OSError) -> SourceError:
    reason = (error.strerror or type(error).__name__).lower()
    return SourceError(
        f"{name} could not be read ({reason}): check that the file is saved and not in use, "
        "then try again."
    )


def _unreadable(name: str, kind: str) -> SourceError:
    return SourceError(
        f"{name} could not be read (the {kind} reader failed on it): save or export it again, "
        "or paste the text into a .txt file."
    )


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


# ---------------------------------------------------------------------------------------------
# Plain text and Markdown


def _text_from_plain(data: bytes, name: str, limits: Limits) -> str:
    return _decode(data, name)


def _text_from_markdown(data: bytes, name: str, limits: Limits) -> str:
    """Refuse far-too-long Markdown before stripping it, which costs more per character.

    Markup can make up much of a file, so the pre-check allows twice the text limit; the usual
    check on the stripped prose still follows.
    """
    text = clean_text(_decode(data, name))
    if len(text) > 2 * limits.max_text_chars:
        raise _too_much_text(name, len(text), limits)
    return strip_markdown(text)


def _decode(data: bytes, name: str) -> str:
    """Decode text as UTF-8, else as Windows-1252 (Notepad's old default), else refuse."""
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        text = _decode_as(data, "utf-16")
    elif data.startswith((_ZIP_MAGIC, _PDF_MAGIC, _OLE_MAGIC)) or b"\x00" in data:
        text = None
    else:
        text = _decode_as(data, "utf-8-sig")
        if text is None:
            text = _decode_as(data, "cp1252")
            if text is None:
                raise SourceError(
                    f"{name} is not in a text encoding ParaPrep can read (UTF-8 or Windows-1252): "
                    "open it in a text editor and save it as UTF-8, then try again."
                )
    if text is None or _looks_binary(text):
        raise _binary(name, data)
    return text


def _decode_as(data: bytes, encoding: str) -> str | None:
    try:
        return data.decode(encoding)
    except UnicodeDecodeError:
        return None


def _binary(name: str, data: bytes) -> SourceError:
    if data.startswith(_PDF_MAGIC):
        hint = " (it looks like a PDF: give it a .pdf name)"
    elif data.startswith((_ZIP_MAGIC, _OLE_MAGIC)):
        hint = " (it looks like a Word or other Office file: give it its proper extension)"
    else:
        hint = ""
    return SourceError(
        f"{name} looks like a binary file, not text{hint}: open it in the program that made it "
        "and save it as plain text (.txt), or paste the text instead."
    )


_ESCAPABLE = re.compile(r"\\([\\`*_{}\[\]()#+\-.!|>~<])")
_ESCAPED = re.compile("\x00(\\d+)\x00")
_FENCE = re.compile(r"^ {0,3}(`{3,}|~{3,})")
_RULE = re.compile(r"^ {0,3}(?:([-*_])(?:[ \t]*\1){2,}|=+)[ \t]*$")
_TABLE_DIVIDER = re.compile(r"^[ \t]*\|?[ \t]*:?-+:?[ \t]*(?:\|[ \t]*:?-+:?[ \t]*)+\|?[ \t]*$")
_LINK_DEFINITION = re.compile(r"^ {0,3}\[(?!\^)[^\]]+\]:[ \t]*\S+.*$")
_QUOTE = re.compile(r"^[ \t]*(?:>[ \t]?)+")
_LINE_PREFIXES = (
    re.compile(r"^ {0,3}\[\^[^\]]+\]:[ \t]*"),  # footnote definition label
    _QUOTE,
    re.compile(r"^[ \t]*[-*+][ \t]+(?:\[[ xX]\][ \t]+)?"),  # bullet, task box
    re.compile(r"^[ \t]+"),  # indentation
)
_HEADING = re.compile(r"^ {0,3}#{1,6}(?:[ \t]+|$)")
_HEADING_CLOSE = re.compile(r"(?:^|[ \t])#+$")
# Every span below is bounded (to 250 characters, 2,000 for a URL): an unbounded one rescans the
# rest of the line from each opening that never closes, and a hostile 100,000-character line of
# "**a " then takes minutes instead of milliseconds.
_URL = r"\((?:[^()\n]|\([^()\n]{0,250}\)){0,2000}\)"
_LABEL = r"[^\]\n]{1,250}"
_MARKDOWN_INLINE: tuple[tuple[re.Pattern[str], str | Callable[[re.Match[str]], str]], ...] = (
    (re.compile(rf"!\[(?:{_LABEL})?\](?:{_URL}|\[(?:{_LABEL})?\])"), ""),  # image
    (re.compile(rf"\[({_LABEL})\]{_URL}"), r"\1"),  # inline link
    (re.compile(rf"\[\^{_LABEL}\]"), ""),  # footnote reference
    (re.compile(rf"\[({_LABEL})\]\[(?:{_LABEL})?\]"), r"\1"),  # reference link
    (re.compile(r"<((?:https?|ftp|mailto):[^>\s]{1,2000})>"), r"\1"),  # autolink
    (re.compile(r"<br\s{0,9}/?>", re.IGNORECASE), "\n"),
    (re.compile(r"(`{1,9})([^\n]{1,250}?)\1"), lambda m: m.group(2).strip()),  # inline code
    (re.compile(r"\*\*\*([^\s*](?:[^\n]{0,250}?[^\s*])?)\*\*\*"), r"\1"),
    (re.compile(r"\*\*([^\s*](?:[^\n]{0,250}?[^\s*])?)\*\*"), r"\1"),
    (re.compile(r"\*([^\s*](?:[^\n*]{0,250}?[^\s*])?)\*"), r"\1"),
    # Underscore emphasis must hug letters or digits, so answer blanks like "2/5 = __/10" survive.
    (re.compile(r"(?<!\w)(_{1,3})([^\W_](?:[^\n]{0,250}?[^\W_])?)\1(?!\w)"), r"\2"),
    (re.compile(r"~~([^\s~](?:[^\n]{0,250}?[^\s~])?)~~"), r"\1"),
)


def _protect_escapes(text: str) -> str:
    """Hide backslash-escaped characters so that no markup rule can consume them."""
    return _ESCAPABLE.sub(lambda m: f"\x00{ord(m.group(1))}\x00", text)


def _restore_escapes(text: str) -> str:
    return _ESCAPED.sub(lambda m: chr(int(m.group(1))), text)


def _drop_html_comments(text: str) -> str:
    """Cut <!-- ... --> with str.find, which stays linear where a regex would rescan."""
    kept: list[str] = []
    position = 0
    while (start := text.find("<!--", position)) != -1:
        end = text.find("-->", start + 4)
        if end == -1:
            break
        kept.append(text[position:start])
        position = end + 3
    kept.append(text[position:])
    return "".join(kept)


def _drop_code_blocks(lines: list[str]) -> Iterator[str]:
    """Leave out fenced code; an unclosed fence loses only its own line, never the rest."""
    index = 0
    while index < len(lines):
        fence = _FENCE.match(lines[index])
        if fence is None:
            yield lines[index]
            index += 1
            continue
        marker = fence.group(1)
        closing = re.compile(rf"^ {{0,3}}{re.escape(marker[0])}{{{len(marker)},}}[ \t]*$")
        end = next((i for i in range(index + 1, len(lines)) if closing.match(lines[i])), None)
        yield ""
        index = index + 1 if end is None else end + 1


def _strip_markdown_line(line: str) -> str | None:
    """Return the line without block markup, or None when the whole line is markup."""
    if _RULE.match(line) or _TABLE_DIVIDER.match(line) or _LINK_DEFINITION.match(line):
        return None
    for prefix in _LINE_PREFIXES:
        line = prefix.sub("", line, count=1)
        if prefix is _QUOTE and _HEADING.match(line):
            line = _HEADING_CLOSE.sub("", _HEADING.sub("", line, count=1).rstrip())
    if line.startswith("|") and line.rstrip().endswith("|") and len(line.strip()) > 1:
        line = line.strip()[1:-1].strip()
    return line


# ---------------------------------------------------------------------------------------------
# Word (.docx)


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


# ---------------------------------------------------------------------------------------------
# PDF


def _text_from_pdf(data: bytes, name: str, limits: Limits) -> str:
    if _PDF_MAGIC not in data[:1024]:
        raise SourceError(
            f"{name} is not a PDF file (it may be renamed or damaged): export it again as PDF, "
            "or paste the text into a .txt file."
        )
    try:
        return _pdf_text(data, name, limits)
    except FileNotDecryptedError:
        raise _pdf_password(name) from None
    except DependencyError:
        raise SourceError(
            f"{name} is password-protected or encrypted in a way ParaPrep cannot open: "
            "save a copy without protection, or paste the text into a .txt file."
        ) from None
    except LimitReachedError:
        raise SourceError(
            f"{name} is too large or complex to read safely: save only the pages you need as "
            "a new PDF, or paste the text into a .txt file."
        ) from None
    except PyPdfError:
        raise SourceError(
            f"{name} is a damaged PDF that cannot be read: export it again as PDF, "
            "or paste the text into a .txt file."
        ) from None
    except SourceError:
        raise
    except Exception:
        raise _unreadable(name, "PDF") from None


def _pdf_text(data: bytes, name: str, limits: Limits) -> str:
    reader = PdfReader(io.BytesIO(data))
    if reader.is_encrypted and reader.decrypt("") == PasswordType.NOT_DECRYPTED:
        raise _pdf_password(name)
    pages = len(reader.pages)
    if pages > limits.max_pdf_pages:
        raise SourceError(
            f"{name} has {pages:,} pages (the limit is {limits.max_pdf_pages:,}): save only the "
            "pages you need as a new PDF, or paste the passage into a .txt file."
        )
    texts: list[str] = []
    chars = 0
    for page in reader.pages:
        if page_text := (page.extract_text() or "").strip():
            texts.append(page_text)
            chars += len(page_text)
        if chars > limits.max_text_chars:  # stop early, but judge the text as it will be kept
            cleaned = clean_text("\n\n".join(texts))
            if len(cleaned) > limits.max_text_chars:
                raise _too_much_text(name, len(cleaned), limits)
    text = "\n\n".join(texts)
    if not clean_text(text):
        raise SourceError(
            f"{name} has no text layer (it is probably a scan or a picture of text): use the "
            "original document, or run the PDF through OCR (text recognition) first."
        )
    return text


def _pdf_password(name: str) -> SourceError:
    return SourceError(
        f"{name} is password-protected: save a copy without the password (or print it to a "
        "new PDF), or paste the text into a .txt file."
    )


_EXTRACTORS: dict[str, Callable[[bytes, str, Limits], str]] = {
    ".txt": _text_from_plain,
    ".md": _text_from_markdown,
    ".docx": _text_from_docx,
    ".pdf": _text_from_pdf,
}
