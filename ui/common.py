"""Helpers every page shares: the library, error messages, the engine banner, the caseload."""

from __future__ import annotations

import contextlib
import logging
from collections.abc import Iterator, Mapping
from pathlib import Path

import streamlit as st

from generators import delivery, registry, sources
from generators.domain import accommodations as catalogue
from generators.domain.levels import grade_name
from generators.errors import ParaPrepError
from generators.library import Library, SavedStudent, database_url
from generators.models import Model
from ui import sizes

APP_ROOT = Path(__file__).resolve().parent.parent


class MaterialPages(Mapping):
    """Material kind -> its page script, read live from the registry (in its menu order), so a
    kind registered at any time gets its page; a kind whose page file is missing is absent here
    and named on the Settings page."""

    def _pages(self) -> dict[str, str]:
        return {
            kind.name: kind.page_script
            for kind in registry.kinds()
            if kind.page_script and (APP_ROOT / kind.page_script).is_file()
        }

    def __getitem__(self, name: str) -> str:
        return self._pages()[name]

    def __iter__(self):
        return iter(self._pages())

    def __len__(self) -> int:
        return len(self._pages())


MATERIAL_PAGES = MaterialPages()
UNEXPECTED = (
    "Something went wrong that ParaPrep did not expect. What you already made is still here; "
    "try again, and if it happens again, restart the app."
)
log = logging.getLogger("paraprep.app")
escape = delivery.escape_markdown


@st.cache_resource(show_spinner=False)
def _open_library(url: str) -> Library:
    return Library(url)


def library() -> Library:
    """One Library per database URL for the whole server (it is thread-safe)."""
    return _open_library(database_url())


FIELD_LABELS = {  # an error's field -> the form label the user sees on the pages
    "accommodations": "Accommodations",
    "cards": "Vocabulary cards",
    "frayer": "Frayer cards (hardest terms)",
    "glossary": "Glossary",
    "items": "Items",
    "goal": "Goal, as written in the IEP",
    "goal_index": "IEP goal",
    "group": "Students",
    "keep": "Fewer items: the items to keep",
    "key": "Answer key for multiple choice",
    "level": "Below-grade text: rewrite passages at grade",
    "levels": "Reading levels (grades)",
    "source": "Source passage",
    "student": "Student",
    "students": "Students",
    "terms": "Key terms to highlight",
    "topic": "Topic",
    "types": "Item types",
}


def field_label(field: str) -> str | None:
    label = FIELD_LABELS.get(field)
    return f'"{label}"' if label else None


def message_for(error: BaseException) -> str:
    """A user-fit message: ours with its field named as on the form; anything else generic,
    with details in the server log."""
    if isinstance(error, ParaPrepError):
        return error.render(field_label)
    log.error("unexpected error", exc_info=error)
    return UNEXPECTED


@contextlib.contextmanager
def user_errors() -> Iterator[None]:
    """Show a failure as one message on the page instead of a traceback."""
    try:
        yield
    except Exception as error:
        st.error(message_for(error))


def model_or_none() -> Model | None:
    from generators import settings_store  # the engine chosen in Settings (env vars win)

    try:
        # Building a model client takes a quarter second: reuse this session's while nothing
        # that decides it has changed (jobs still get a fresh one of their own).
        signature = settings_store.signature()
        cached = st.session_state.get("common:engine")
        if cached is not None and cached[0] == signature:
            return cached[1]
        model = settings_store.model()
        st.session_state["common:engine"] = (signature, model)
        return model
    except ParaPrepError as error:
        st.error(message_for(error))
        return None


WORKSHEET_OFFLINE = (
    "It keeps your source passage as written and builds activities from it. To rewrite "
    "passages for each reading level, connect a model (see Settings)."
)


def engine_banner(offline_note: str = WORKSHEET_OFFLINE) -> None:
    """Say which engine will make the material, every time, so nobody mistakes offline for AI."""
    model = model_or_none()
    if model is None:
        return
    if model.info.is_ai:
        st.caption(f"Engine: {model.info.label}")
    else:
        st.info(f"Engine: ParaPrep offline engine (no AI). {offline_note}")


def grade_label(grade: int | None) -> str:
    return "not set" if grade is None else f"grade {grade_name(grade)}"


def grade_option(grade: int | None) -> str:
    return "-" if grade is None else grade_name(grade)


def accommodation_label(accommodation_id: str) -> str:
    accommodation = catalogue.get(accommodation_id)
    return f"{accommodation.name} ({accommodation.category_label})"


def caseload() -> list[SavedStudent]:
    return library().students()


def student_line(saved: SavedStudent) -> str:
    """For the user's own screen: code (name), level and accommodations."""
    student = saved.student
    level = student.reading_level if student.reading_level is not None else student.grade
    needs = ", ".join(catalogue.get(i).name for i in student.accommodations) or "none"
    return f"{saved.label}: reads at {grade_label(level)}; accommodations: {needs}"


SOURCE_TYPES = ["txt", "md", "docx", "pdf"]


def read_source(upload, pasted: str) -> tuple[str | None, str | None]:
    """The source passage from an upload (preferred) or pasted text: (text, name) or (None, None).
    The file reader's checks (size, zip bomb, encrypted or scanned PDF) apply to both."""
    if upload is not None:
        with st.spinner(f"Reading {upload.name}..."):
            return sources.read_source_bytes(upload.getvalue(), upload.name), upload.name
    if pasted and pasted.strip():
        sizes.check_passage(pasted)  # the word limit, before the reader's character limit
        return sources.read_text(pasted, "The pasted text"), "pasted text"
    return None, None


def chosen_students(
    roster: list[SavedStudent], student_ids: list[int], group_id: int | None
) -> list[SavedStudent]:
    """The students picked one by one plus the members of the picked group, each once."""
    wanted = list(student_ids)
    if group_id is not None:
        wanted += [saved.id for saved in library().group_students(group_id)]
    by_id = {saved.id: saved for saved in roster}
    return [by_id[i] for i in dict.fromkeys(wanted) if i in by_id]


def empty_caseload_note() -> None:
    st.info("Your caseload is empty. Add students (and groups) on the Students page first.")
    st.page_link(STUDENTS_PAGE, label="Go to Students", icon=":material/group:")


STUDENTS_PAGE = "ui/pages/students.py"
LIBRARY_PAGE = "ui/pages/library.py"
