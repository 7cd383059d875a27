"""Printing a document the way the app does (LibreOffice to PDF) and reading the pages back,
and the realistic replies (tests/fixtures/realistic_*.json) that layout tests print.

LibreOffice is optional: CI machines may not have it, so tests that print are marked
`needs_libreoffice` and are skipped with the reason; each printed test has a cheap structural
proxy next to it that always runs.

The realistic fixtures are written the way a capable model fills the schemas, at real lengths
(350-word passages, 20-word run-sheet lines, a short paragraph in every practice item): a layout
test on a stub's one-line filler proves little.
"""

from __future__ import annotations

import copy
import io
import json
import re
from pathlib import Path

import pytest
from pypdf import PdfReader

from generators import delivery
from generators.domain.common import RenderedDocument

FIXTURES = Path(__file__).resolve().parent / "fixtures"
STUDENT_LINE = re.compile(r"^- (.+?): reading level grade (\w+) \(", re.MULTILINE)
GRADE_IN_PROMPT = re.compile(r"Target reading level: grade (\w+)")

needs_libreoffice = pytest.mark.skipif(
    delivery.pdf_converter() is None,
    reason="LibreOffice (soffice) is not on PATH: printed page counts cannot be measured here",
)


def printed_pdf(document: RenderedDocument) -> bytes:
    return delivery.to_pdf(document)


def printed_pages(document: RenderedDocument) -> list[str]:
    """The text of each printed page, through the same conversion the app offers for PDF."""
    reader = PdfReader(io.BytesIO(printed_pdf(document)))
    return [page.extract_text() for page in reader.pages]


def realistic(name: str) -> dict:
    """A realistic fixture, freshly loaded (callers may change their copy)."""
    return json.loads((FIXTURES / f"realistic_{name}.json").read_text(encoding="utf-8"))


# --- Small-group plan ---


def realistic_plan(codes_and_levels: list[tuple[str, str]]) -> dict:
    """The realistic PlanContent for these students: each gets the practice set written for
    the nearest reading level (two students at one level get different sets where there are)."""
    reply = realistic("small_group")
    sets = reply.pop("practice")
    practice, used = [], set()
    for code, level in codes_and_levels:
        grade = 0 if level == "K" else int(level)
        order = sorted(range(len(sets)), key=lambda i: (abs(sets[i]["level"] - grade), i in used))
        used.add(order[0])
        practice.append({"student_code": code, "items": copy.deepcopy(sets[order[0]]["items"])})
    reply["practice"] = practice
    return reply


def realistic_plan_responder(body: dict) -> dict:
    """The stub model's answer to a PlanContent request, for the codes named in the prompt."""
    prompt = next(m["content"] for m in body["messages"] if m["role"] == "user")
    return realistic_plan(STUDENT_LINE.findall(prompt))


# --- Worksheet ---


def realistic_worksheet_responder(body: dict) -> dict:
    """The stub model's answers for a worksheet: the core, a passage per target grade (the
    nearest one written), and every question supported."""
    fixture = realistic("worksheet")
    name = body["response_format"]["json_schema"]["name"]
    if name == "WorksheetCore":
        return fixture["core"]
    if name == "Passage":
        prompt = next(m["content"] for m in body["messages"] if m["role"] == "user")
        found = GRADE_IN_PROMPT.findall(prompt)[-1]
        grade = 0 if found == "K" else int(found)
        nearest = min(fixture["passages"], key=lambda known: abs(int(known) - grade))
        return {"title": fixture["core"]["title"], "paragraphs": fixture["passages"][nearest]}
    if name == "AnswerCheck":
        return {"unsupported": []}
    raise AssertionError(f"unexpected schema {name}")


# --- What printed: pages, and the layout faults a reader sees ---

FOOTER = re.compile(r"^.*Page \d+ of \d+\s*$")
CHOICE_LINE = re.compile(r"^[A-D]\. ")


def page_lines(page: str) -> list[str]:
    """A printed page's lines of text, without the footer ("... Page 2 of 5")."""
    return [line for line in page.splitlines() if line.strip() and not FOOTER.match(line)]


def flow_faults(pages: list[str]) -> list[str]:
    """Pages that start with an answer choice, or print nothing but writing lines."""
    faults = []
    for number, page in enumerate(pages, 1):
        lines = page_lines(page)
        if not lines:
            faults.append(f"page {number} holds only writing lines (or nothing)")
        elif number > 1 and CHOICE_LINE.match(lines[0]):
            faults.append(f"page {number} starts with a choice: {lines[0]!r}")
    return faults


def broken_words(words: list[str], pages: list[str]) -> list[str]:
    """Words printed split over two lines inside a table cell ("Versi" / "on")."""
    text = "\n".join(pages)
    return [
        word
        for word in words
        for cut in range(1, len(word))
        if re.search(rf"(?<!\w){re.escape(word[:cut])}\n{re.escape(word[cut:])}(?!\w)", text)
    ]
