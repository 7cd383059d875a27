"""What every source reader shares: the limits, the file checks, cleaning, and the messages."""

from __future__ import annotations

import os
import re
import stat
import unicodedata
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from generators.errors import SourceError

if TYPE_CHECKING:
    pass


@dataclass(frozen=True)
class Limits:
    """Ceilings that keep one hostile or accidental file from exhausting memory or time."""

    max_file_bytes: int = 10 * 1024 * 1024  # 10 MB
    max_text_chars: int = 200_000  # after extraction
    max_zip_entries: int = 2_000
    max_zip_uncompressed_bytes: int = 50 * 1024 * 1024
    max_zip_ratio: float = 100.0  # per entry uncompressed/compressed
    max_pdf_pages: int = 50
    max_pdf_operators: int = 400_000  # drawing instructions per file: about 2-3 s to parse
    max_pdf_seconds: float = 10.0  # reading one PDF, all pages


DEFAULT_LIMITS = Limits()


SUPPORTED_SUFFIXES = (".txt", ".md", ".docx", ".pdf")


_READ_CHUNK = 1024 * 1024


_ZIP_MAGIC = b"PK\x03\x04"


_OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # old .doc, and password-protected .docx


_PDF_MAGIC = b"%PDF-"


_BINARY_CONTROL_SHARE = 0.05


_BINARY_MIN_CONTROLS = 8


_SURROGATE_PAIR = re.compile(r"[\ud800-\udbff][\udc00-\udfff]")


_SURROGATE = re.compile(r"[\ud800-\udfff]")


_UNWANTED_CHARS = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ufeff\ufffe\uffff]")


_BINARY_CONTROLS = re.compile(r"[\x00-\x08\x0e-\x1f\x7f]")


_LINE_BREAKS = str.maketrans(
    {"\r": "\n", "\v": "\n", "\x85": "\n", "\u2028": "\n", "\f": "\n\n", "\u2029": "\n\n"}
)


_EXTRA_BLANK_LINES = re.compile(r"\n{3,}")


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
