"""Printing a document the way the app does (LibreOffice to PDF) and reading the pages back.

LibreOffice is optional: CI machines may not have it, so tests that print are marked
`needs_libreoffice` and are skipped with the reason; each printed test has a cheap structural
proxy next to it that always runs.
"""

from __future__ import annotations

import io

import pytest
from pypdf import PdfReader

from generators import delivery
from generators.domain.common import RenderedDocument

needs_libreoffice = pytest.mark.skipif(
    delivery.pdf_converter() is None,
    reason="LibreOffice (soffice) is not on PATH: printed page counts cannot be measured here",
)


def printed_pages(document: RenderedDocument) -> list[str]:
    """The text of each printed page, through the same conversion the app offers for PDF."""
    reader = PdfReader(io.BytesIO(delivery.to_pdf(document)))
    return [page.extract_text() for page in reader.pages]
