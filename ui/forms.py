"""Form fields that keep what was typed: across page changes (session) and reloads (database).

Streamlit forgets a widget's value as soon as its page is not shown, and a reload starts a new
session. So every field of a material page is bound to a draft: `page -> {field: value}` in the
session, written to the library database (generators.drafts) whenever a field changes, and read
back when a new session starts. Before a widget is drawn its key gets the kept value (or the
default), and the widget is created without a default of its own.
"""

from __future__ import annotations

import contextlib
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import streamlit as st

from generators import drafts as store
from generators.errors import ParaPrepError
from ui import common
from ui.wording import plural

DRAFTS = "forms:drafts"
SHOWN = "forms:shown"  # the page this session's last run drew
ARRIVED = "forms:arrived"  # this run draws another page than the last one did
FILES = "forms:files"  # (page, field) -> KeptFile, or None once the database had none


def drafts() -> dict[str, dict[str, Any]]:
    """Every page's draft for this session, read from the database the first time."""
    if DRAFTS not in st.session_state:
        try:
            st.session_state[DRAFTS] = store.load_all(common.library())
        except ParaPrepError:
            st.session_state[DRAFTS] = {}  # no database: the session still keeps the forms
    return st.session_state[DRAFTS]


def note_page(name: str) -> None:
    """Called on every run with the page about to be drawn. On arriving at a page its fields are
    set from the draft even when Streamlit still holds a value for them: a link clicked while
    a field was being typed in runs the other page and then this one again, and the browser
    redraws the fields empty unless the app sets them (seen in Chromium, Streamlit 1.67)."""
    st.session_state[ARRIVED] = st.session_state.get(SHOWN) != name
    st.session_state[SHOWN] = name


def key(page: str, field: str) -> str:
    return f"{page}:{field}"


def draft(page: str) -> dict[str, Any]:
    return drafts().setdefault(page, {})


def remember(page: str, field: str) -> None:
    """on_change: copy the widget's value into the draft and keep the draft for reloads."""
    draft(page)[field] = st.session_state.get(key(page, field))
    keep(page)


def keep(page: str) -> None:
    with contextlib.suppress(ParaPrepError):  # the session copy still holds it
        store.save(common.library(), page, draft(page))


def fill(page: str, values: dict[str, Any]) -> None:
    """Put values into a page's form (the sample passage; a job's form after a reload)."""
    draft(page).update(values)
    for field in values:
        st.session_state.pop(key(page, field), None)  # redrawn from the draft
    keep(page)


def forget(page: str) -> None:
    """Empty a page's form once its work is done (a student added): session and database."""
    drafts().pop(page, None)
    prefix = key(page, "")
    for name in [k for k in st.session_state if str(k).startswith(prefix)]:
        del st.session_state[name]
    files = kept_files()
    for slot in [slot for slot in files if slot[0] == page]:
        files[slot] = None
    with contextlib.suppress(ParaPrepError):
        store.clear(common.library(), page)


def snapshot(page: str) -> dict[str, Any]:
    return dict(draft(page))


def valid(value: Any, default: Any, options: Sequence | None, many: bool) -> Any:
    """A kept value that no longer fits (a deleted student, a removed option) falls back."""
    if options is None:
        return value
    if many:
        return [v for v in value if v in options] if isinstance(value, list) else default
    return value if value in options else default


def bind(
    page: str, field: str, default: Any, options: Sequence | None = None, many=False, param="value"
) -> dict[str, Any]:
    """The key and callback for a widget, with its kept value (or default) already in place.

    `param` names the widget's own default parameter ("value", "default", "index")."""
    name = key(page, field)
    bound = {"key": name, "on_change": remember, "args": (page, field)}
    if name not in st.session_state or st.session_state.get(ARRIVED, True):
        kept = draft(page).get(field, default)
        st.session_state[name] = valid(kept, default, options, many)
        return bound  # a value set through Session State is sent to the browser
    held = st.session_state[name]
    fitting = valid(held, default, options, many)  # the same value when there are no options
    if fitting != held:
        st.session_state[name] = fitting
        return bound
    # Streamlit sends a value it holds to the browser only on the run that sets it. A browser
    # that drew the field afresh (a link clicked mid-typing: it began the other page, then got
    # this one again) shows the widget's own default, so the held value is that default too.
    # Setting it instead would overwrite a field the user is typing in during this run.
    if param == "index":
        if held not in options:
            return bound
        held = list(options).index(held)
    bound[param] = held
    return bound


def text_input(page, field, label, default="", where=st, **kwargs) -> str:
    return where.text_input(label, **bind(page, field, default), **kwargs)


def text_area(page, field, label, default="", where=st, **kwargs) -> str:
    return where.text_area(label, **bind(page, field, default), **kwargs)


def number_input(page, field, label, default, where=st, **kwargs):
    return where.number_input(label, **bind(page, field, default), **kwargs)


def checkbox(page, field, label, default=False, where=st, **kwargs) -> bool:
    return where.checkbox(label, **bind(page, field, default), **kwargs)


def multiselect(page, field, label, options, default=(), where=st, **kwargs) -> list:
    options = list(options)
    bound = bind(page, field, list(default), options, many=True, param="default")
    kwargs.setdefault("wrap", True)  # chips on rows of their own, never cut or scrolled away
    return where.multiselect(label, options, **bound, **kwargs)


def selectbox(page, field, label, options, default=None, where=st, **kwargs):
    options = list(options)
    default = default if default in options else (options[0] if options else None)
    return where.selectbox(
        label, options, **bind(page, field, default, options, param="index"), **kwargs
    )


def radio(page, field, label, options, default=None, where=st, **kwargs):
    options = list(options)
    default = default if default in options else options[0]
    return where.radio(
        label, options, **bind(page, field, default, options, param="index"), **kwargs
    )


def table(page: str, field: str, default_rows: list[dict], where=st, **kwargs) -> list[dict]:
    """An editable table kept like the other fields. Streamlit keeps a data editor's edits as
    changes to the rows it was given, so those rows stay fixed while the page is shown (taken
    from the draft on arriving) and the edited rows go to the draft after each change."""
    import pandas as pd  # Streamlit's own dependency; a frame shows empty cells, not "None"

    name, base = key(page, field), key(page, f"{field}:base")
    if base not in st.session_state or st.session_state.get(ARRIVED, True):
        st.session_state[base] = pd.DataFrame(draft(page).get(field) or default_rows)
        st.session_state.pop(name, None)  # changes made to the old rows are in the draft
    edited = where.data_editor(st.session_state[base], key=name, **kwargs)
    rows = edited.astype(object).where(edited.notna(), None).to_dict("records")
    if rows != draft(page).get(field):
        draft(page)[field] = rows
        keep(page)
    return rows


def student_picker(page: str, roster) -> tuple[list[int], int | None]:
    """Students one by one and/or a whole group, kept like every other field."""
    by_id = {saved.id: saved for saved in roster}
    picked = multiselect(
        page,
        "students",
        "Students",
        list(by_id),
        format_func=lambda i: by_id[i].label,
        placeholder="Choose students",
    )
    groups = common.library().groups()
    names = {
        group.id: f"{group.name} ({plural(len(group.student_ids), 'student')})" for group in groups
    }
    group = selectbox(
        page,
        "group",
        "...and/or a group",
        [None, *names],
        format_func=lambda i: "no group" if i is None else names[i],
        disabled=not groups,
        help="Groups are made on the Students page.",
    )
    return picked, group


@dataclass(frozen=True)
class KeptFile:
    """An uploaded file kept after its uploader emptied (another page, a reload); it reads like
    Streamlit's UploadedFile (`name`, `getvalue()`), so the pages' readers take either."""

    name: str
    data: bytes

    def getvalue(self) -> bytes:
        return self.data


def kept_files() -> dict[tuple[str, str], KeptFile | None]:
    return st.session_state.setdefault(FILES, {})


def kept_file(page: str, field: str) -> KeptFile | None:
    """The file kept for a field, read from the database once per session."""
    files = kept_files()
    if (page, field) not in files:
        try:
            found = store.load_file(common.library(), page, field)
        except ParaPrepError:
            found = None
        files[(page, field)] = KeptFile(*found) if found else None
    return files[(page, field)]


def remember_file(page: str, field: str) -> None:
    """on_change of an uploader: keep the new file, or forget it when the user removed it."""
    uploaded = st.session_state.get(key(page, field))
    kept = KeptFile(uploaded.name, uploaded.getvalue()) if uploaded is not None else None
    kept_files()[(page, field)] = kept
    with contextlib.suppress(ParaPrepError):  # the session copy still holds it
        if kept is None:
            store.drop_file(common.library(), page, field)
        else:
            store.save_file(common.library(), page, field, kept.name, kept.data)


def drop_file(page: str, field: str) -> None:
    kept_files()[(page, field)] = None
    with contextlib.suppress(ParaPrepError):
        store.drop_file(common.library(), page, field)


def file_uploader(page, field, label, types, where=st, **kwargs):
    """A file input whose file stays in use after the page is left or reloaded, until removed
    or replaced (the browser's own input forgets it)."""
    name = key(page, field)
    uploaded = where.file_uploader(
        label, type=types, key=name, on_change=remember_file, args=(page, field), **kwargs
    )
    if uploaded is not None:
        return uploaded
    kept = kept_file(page, field)
    if kept is None:
        return None
    note, remove = where.columns([3, 1])
    note.caption(f"Using {kept.name} ({size_label(len(kept.data))}), uploaded earlier.")
    if remove.button("Remove", key=f"{name}:remove", help=f"Stop using {kept.name}"):
        drop_file(page, field)
        st.rerun()
    return kept


def size_label(size: int) -> str:
    return f"{size / 1024:,.0f} KB" if size < 1024 * 1024 else f"{size / (1024 * 1024):.1f} MB"
