"""Draw one printed page of each document kind for the README (docs/print-*.png).

The content is the realistic replies the layout tests print (tests/fixtures/realistic_*.json),
answered by the loopback stub model, so the pages show what a capable model's content looks like
on paper. Needs LibreOffice and poppler-utils. Run: .venv/bin/python scripts/print_samples.py
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT), str(ROOT / "tests")]

from printed import realistic_plan_responder, realistic_worksheet_responder  # noqa: E402
from stub_openai import StubServer  # noqa: E402
from test_hidden_text import quiz_with_hidden_answers  # noqa: E402
from test_printed_layout import GROUP, OBJECTIVE  # noqa: E402

from generators import (  # noqa: E402
    api,
    assignment,
    data_sheet,
    modify,
    printing,
    small_group,
    worksheet,
)
from generators.models import OfflineEngine, from_env  # noqa: E402
from generators.sources import DEFAULT_LIMITS  # noqa: E402

DOCS = ROOT / "docs"
DPI = 60


def documents(stub: StubServer) -> dict[str, object]:
    """The document to draw for each picture, by file name."""
    stub.set_responder(realistic_worksheet_responder)
    sheet = worksheet.make_request(topic="How beavers change a river", levels=(3, 5, 7),
                                   accommodations=("sentence-starters",))  # fmt: skip
    sheet_docs = api.render(api.generate("worksheet", sheet, from_env()))
    stub.set_responder(realistic_plan_responder)
    plan = small_group.make_request(objective=OBJECTIVE, subject="reading", grade=4,
                                    students=GROUP[:4])  # fmt: skip
    plan_docs = api.render(api.generate("group-plan", plan, from_env()))
    quiz = assignment.parse_docx_bytes(quiz_with_hidden_answers(), "quiz.docx", DEFAULT_LIMITS)
    changed = modify.make_request(quiz, accommodations=["large-print", "visual-supports"])
    modify_docs = api.render(api.generate("modify", changed, OfflineEngine()))
    goal = data_sheet.make_request(
        goal="Given a short informational paragraph, Student B will state the main idea and "
        "one supporting detail in 4 of 5 trials.",
        student_code="Student B",
        mastery="80% in 3 consecutive sessions",
    )
    sheet_only = api.render(api.generate("data-sheet", goal, OfflineEngine()))
    pick = {
        "print-worksheet-student.png": sheet_docs[1],  # version B, grade 5
        "print-worksheet-teacher.png": sheet_docs[-1],
        "print-plan.png": next(d for d in plan_docs if d.role == "teacher"),
        "print-run-sheet.png": next(d for d in plan_docs if d.role == "para"),
        "print-student-page.png": [d for d in plan_docs if d.role == "student"][1],
        "print-modified.png": modify_docs[0],
        "print-data-sheet.png": sheet_only[0],
    }
    return pick


def main() -> None:
    with StubServer() as stub:
        os.environ.update(OPENAI_API_KEY="sample", OPENAI_BASE_URL=stub.base_url,
                          PARAPREP_MODEL="stub-model")  # fmt: skip
        picked = documents(stub)
    for name, document in picked.items():
        [page] = printing.page_images(document, pages=1, dpi=DPI)
        (DOCS / name).write_bytes(page)
        print(f"{name}: {document.filename}")


if __name__ == "__main__":
    main()
