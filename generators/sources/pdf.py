"""PDF files: pages, passwords and a reading budget, so a hostile PDF costs seconds, not minutes."""

from __future__ import annotations

import io
import logging
import re
import time
from collections.abc import Iterator
from typing import TYPE_CHECKING, Any

from pypdf import PasswordType, PdfReader
from pypdf.errors import (
    DependencyError,
    FileNotDecryptedError,
    LimitReachedError,
    PyPdfError,
)

from generators.errors import SourceError

if TYPE_CHECKING:
    pass
from generators.sources.common import _PDF_MAGIC, Limits, _too_much_text, _unreadable, clean_text

# pypdf reports every repair it makes ("EOF marker not found", ...) as a logging warning, which
# with no logging configured lands on stderr beside the one-line message the user is meant to
# see. A NullHandler silences that fallback; an application that configures logging still
# receives the records through propagation.
logging.getLogger("pypdf").addHandler(logging.NullHandler())


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
    budget = _Budget(name, limits)
    for page in reader.pages:
        budget.charge(page)
        if page_text := (page.extract_text(visitor_operand_before=budget.visit) or "").strip():
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


# Content-stream operators: a short word of letters (or ' " *) standing alone between delimiters.
# Words inside text strings are counted too, which only makes the estimate cautious.
_OPERATOR = re.compile(rb"(?<![^\s\])>])[A-Za-z'\"][A-Za-z*'\"0-9]{0,2}(?=[\s\[(/<]|$)")
_VISITS_PER_CLOCK_CHECK = 2048


class _Budget:
    """Time and drawing-instruction ceilings for one PDF. pypdf parses a page's whole content
    stream before extracting its text, so a few KB of compressed no-op operators cost minutes;
    the operators are counted on the decoded bytes first (cheap), and the clock is checked
    between pages and while text is extracted."""

    def __init__(self, name: str, limits: Limits) -> None:
        self.name = name
        self.limits = limits
        self.started = time.monotonic()
        self.operators = 0
        self.visits = 0

    def charge(self, page: Any) -> None:
        for data in _content_streams(page):
            self.operators += len(_OPERATOR.findall(data))
        if self.operators > self.limits.max_pdf_operators:
            raise _too_costly(self.name, f"more than {self.limits.max_pdf_operators:,} drawing "
                              "instructions")  # fmt: skip
        self.check_clock()

    def visit(self, *args: object) -> None:
        self.visits += 1
        if self.visits % _VISITS_PER_CLOCK_CHECK == 0:
            self.check_clock()

    def check_clock(self) -> None:
        if time.monotonic() - self.started > self.limits.max_pdf_seconds:
            raise _too_costly(self.name, f"more than {self.limits.max_pdf_seconds:g} s of reading")


def _content_streams(page: Any) -> Iterator[bytes]:
    """The page's own content and its form XObjects' (where text can also be drawn)."""
    contents = page.get_contents()
    if contents is not None:
        yield contents.get_data()
    resources = page.get("/Resources")
    xobjects = resources.get_object().get("/XObject") if resources is not None else None
    for reference in xobjects.get_object().values() if xobjects is not None else ():
        xobject = reference.get_object()
        if xobject.get("/Subtype") == "/Form" and hasattr(xobject, "get_data"):
            yield xobject.get_data()


def _too_costly(name: str, what: str) -> SourceError:
    return SourceError(
        f"{name} is too costly to read safely ({what}; it may be built to stall the reader): "
        "print it to a new PDF or save only the pages you need, or paste the text into a .txt "
        "file."
    )


def _pdf_password(name: str) -> SourceError:
    return SourceError(
        f"{name} is password-protected: save a copy without the password (or print it to a "
        "new PDF), or paste the text into a .txt file."
    )
