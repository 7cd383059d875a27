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

import os
from collections.abc import Callable
from pathlib import Path

import docx  # noqa: F401 - kept as `generators.sources.docx` for code that patches it

from generators.errors import SourceError
from generators.sources.common import (
    DEFAULT_LIMITS,
    SUPPORTED_SUFFIXES,
    Limits,
    _basename,
    _check_file_size,
    _check_suffix,
    _display_name,
    _empty,
    _finish,
    _looks_binary,
    _read_bounded,
    _stat_file,
    _too_much_text,
    clean_text,
)
from generators.sources.markdown import _text_from_markdown, strip_markdown
from generators.sources.pdf import _text_from_pdf
from generators.sources.plain import _text_from_plain
from generators.sources.word import (
    _text_from_docx,
    docx_paragraph_text,
    docx_table_rows,
    iter_docx_blocks,
    open_docx_safely,
)

__all__ = [
    "DEFAULT_LIMITS",
    "SUPPORTED_SUFFIXES",
    "Limits",
    "clean_text",
    "docx_paragraph_text",
    "docx_table_rows",
    "iter_docx_blocks",
    "open_docx_safely",
    "read_source",
    "read_source_bytes",
    "read_text",
    "strip_markdown",
]


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


def _extract(data: bytes, name: str, suffix: str, limits: Limits) -> str:
    if not data:
        raise _empty(name)
    return _finish(clean_text(_EXTRACTORS[suffix](data, name, limits)), name, limits)


_EXTRACTORS: dict[str, Callable[[bytes, str, Limits], str]] = {
    ".txt": _text_from_plain,
    ".md": _text_from_markdown,
    ".docx": _text_from_docx,
    ".pdf": _text_from_pdf,
}
