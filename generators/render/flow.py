"""Page flow: what must print on one page stays on one page.

A question's stem, its choices, its sentence starter and its writing lines are one unit: printed
apart, a page started with "D. Gas" alone, or held nothing but a writing line. Each paragraph
of a unit is kept whole (keep-together) and with the next one (keep-with-next), except the
last, so Word, LibreOffice and Google Docs move the whole unit to the next page instead of
splitting it. Headings keep with what follows through their styles (templates/).
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterator


@contextlib.contextmanager
def kept_together(writer) -> Iterator[None]:
    """Every paragraph the block writes prints on one page with the others."""
    before = len(writer.document.paragraphs)
    yield
    keep_together(writer.document.paragraphs[before:])


def keep_together(paragraphs) -> None:
    for index, paragraph in enumerate(paragraphs):
        fmt = paragraph.paragraph_format
        fmt.keep_together = True
        fmt.keep_with_next = index < len(paragraphs) - 1
