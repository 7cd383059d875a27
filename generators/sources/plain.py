"""Plain text files: decoding (UTF-8, UTF-16 with or without a BOM, Windows-1252), binary check."""

from __future__ import annotations

import codecs
from typing import TYPE_CHECKING

from generators.errors import SourceError

if TYPE_CHECKING:
    pass
from generators.sources.common import _OLE_MAGIC, _PDF_MAGIC, _ZIP_MAGIC, Limits, _looks_binary


def _text_from_plain(data: bytes, name: str, limits: Limits) -> str:
    return _decode(data, name)


def _decode(data: bytes, name: str) -> str:
    """Decode text as UTF-8, else as Windows-1252 (Notepad's old default); UTF-16 by its BOM or
    by its pattern of zero bytes; else refuse."""
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        text = _decode_as(data, "utf-16")
    elif data.startswith((_ZIP_MAGIC, _PDF_MAGIC, _OLE_MAGIC)):
        text = None
    elif encoding := _utf16_without_bom(data):
        text = _decode_as(data, encoding)
    elif b"\x00" in data:
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


def _utf16_without_bom(data: bytes) -> str | None:
    """UTF-16 saved without a byte-order mark (some Windows tools, PowerShell redirects): text in
    Latin script then has a zero in every other byte, always on the same side of each pair."""
    sample = data[:4096]
    if len(sample) < 4 or len(data) % 2:
        return None
    pairs = len(sample) // 2
    high_zero = sum(1 for i in range(1, 2 * pairs, 2) if sample[i] == 0)  # little-endian ASCII
    low_zero = sum(1 for i in range(0, 2 * pairs, 2) if sample[i] == 0)  # big-endian ASCII
    if high_zero > 0.6 * pairs and low_zero < 0.05 * pairs:
        return "utf-16-le"
    if low_zero > 0.6 * pairs and high_zero < 0.05 * pairs:
        return "utf-16-be"
    return None


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
