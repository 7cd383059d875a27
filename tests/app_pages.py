"""Driving the Streamlit app with AppTest: open a page, find widgets by label, seed the caseload."""

from __future__ import annotations

from pathlib import Path

from streamlit.testing.v1 import AppTest

from generators.library import Library, make_student

ROOT = Path(__file__).resolve().parents[1]
APP = str(ROOT / "app.py")
PAGES = {
    "start": "ui/pages/start.py",
    "worksheet": "ui/pages/worksheet.py",
    "group-plan": "ui/pages/group_plan.py",
    "modify": "ui/pages/modify.py",
    "data-sheet": "ui/pages/data_sheet.py",
    "students": "ui/pages/students.py",
    "library": "ui/pages/library.py",
    "settings": "ui/pages/settings.py",
}
TIMEOUT = 60


def open_page(name: str = "worksheet") -> AppTest:
    at = AppTest.from_file(APP, default_timeout=TIMEOUT).run()
    if name != "start":
        at.switch_page(PAGES[name]).run()
    assert not at.exception, at.exception
    return at


def go(at: AppTest, name: str) -> AppTest:
    return at.switch_page(PAGES[name]).run()


def find(widgets, label: str):
    """The first widget whose label starts with `label` (labels are what a user reads)."""
    for widget in widgets:
        if widget.label.startswith(label):
            return widget
    raise AssertionError(f"no widget labelled {label!r}; labels: {[w.label for w in widgets]}")


def click(at: AppTest, label: str) -> AppTest:
    find(at.button, label).click()
    return at.run()


def generate(at: AppTest) -> AppTest:
    done = click(at, "Generate")
    assert not done.exception, done.exception
    return done


def errors(at: AppTest) -> list[str]:
    return [element.value for element in at.error]


def downloads(at: AppTest) -> list[str]:
    return [button.label for button in at.get("download_button")]


def texts(at: AppTest) -> str:
    """Everything written on the page as markdown, captions and alerts, for searching."""
    parts = [e.value for e in at.markdown] + [e.value for e in at.caption]
    parts += [e.value for kind in ("info", "success", "warning", "error") for e in at.get(kind)]
    return "\n".join(str(part) for part in parts)


def library() -> Library:
    """The same database the app uses in this test (conftest gives each test its own folder)."""
    return Library()


def seed(lib: Library, *rows: dict) -> list[int]:
    return [lib.add_student(make_student(**row)) for row in rows]


TWO_STUDENTS = (
    {"code": "Student A", "name": "Maria Lopez", "grade": 5, "reading_level": 3,
     "accommodations": ["large-print"], "goals": "Reads a grade 3 passage at 90 wcpm"},
    {"code": "Student B", "grade": 5, "reading_level": 5, "accommodations": ["word-bank"],
     "goals": "Answers 4 of 5 comprehension questions\nWrites a 3-sentence summary"},
)  # fmt: skip
