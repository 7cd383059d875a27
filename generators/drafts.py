"""Form drafts: what was typed on each page, kept in the library database so a reload loses nothing.

One row per page ("worksheet", "modify", ...) holding the form's values as JSON. The app writes
a page's draft whenever one of its fields changes and reads every draft back when a new browser
session starts (a reload is a new session). An uploaded file is kept beside its page's draft
(one row per page and field, the file's bytes), since a browser cannot be asked to upload it again.

Drafts live on this computer with the rest of the library; they can hold whatever the adult
typed, so "Delete all data" clears them too (`clear`).
"""

from __future__ import annotations

import json
import threading
import weakref
from datetime import datetime
from typing import Any

from sqlalchemy import JSON, DateTime, LargeBinary, String, delete, select
from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.orm import DeclarativeBase, Mapped, Session, mapped_column

from generators.library import Library, StorageError
from generators.library.tables import now, reason

MAX_PAGE = 60
MAX_DRAFT_CHARS = 400_000  # a draft over this (a pasted book) is not kept; the session still is


class Base(DeclarativeBase):
    """Drafts keep their own table definition: the library knows nothing of them."""


class DraftRow(Base):
    __tablename__ = "drafts"
    page: Mapped[str] = mapped_column(String(MAX_PAGE), primary_key=True)
    values: Mapped[dict] = mapped_column(JSON, default=dict)
    updated: Mapped[datetime] = mapped_column(DateTime, default=now)


class DraftFileRow(Base):
    __tablename__ = "draft_files"
    slot: Mapped[str] = mapped_column(String(2 * MAX_PAGE + 1), primary_key=True)  # page:field
    name: Mapped[str] = mapped_column(String(255))
    data: Mapped[bytes] = mapped_column(LargeBinary)
    updated: Mapped[datetime] = mapped_column(DateTime, default=now)


_READY: weakref.WeakSet = weakref.WeakSet()  # engines whose drafts table exists
_READY_LOCK = threading.Lock()


def ensure_table(lib: Library) -> None:
    """Create the drafts table in the library's database the first time it is used."""
    with _READY_LOCK:
        if lib.engine in _READY:
            return
        try:
            Base.metadata.create_all(lib.engine)
        except SQLAlchemyError as error:
            raise StorageError(f"Could not keep form drafts: {reason(error)}") from error
        _READY.add(lib.engine)


def storable(values: dict[str, Any]) -> dict[str, Any]:
    """Only values JSON can hold round-trip (no uploads, no objects)."""
    kept = {}
    for name, value in values.items():
        try:
            json.dumps(value)
        except (TypeError, ValueError):
            continue
        kept[name] = value
    return kept


def save(lib: Library, page: str, values: dict[str, Any]) -> bool:
    """Keep `values` as the page's draft; False when it was too large to keep."""
    values = storable(values)
    if len(json.dumps(values)) > MAX_DRAFT_CHARS:
        return False
    ensure_table(lib)
    with lib._writing("keep the form's draft") as session:
        row = session.get(DraftRow, page[:MAX_PAGE])
        if row is None:
            session.add(DraftRow(page=page[:MAX_PAGE], values=values, updated=now()))
        else:
            row.values, row.updated = values, now()
    return True


def load_all(lib: Library) -> dict[str, dict[str, Any]]:
    """Every page's draft; an unreadable database reads as no drafts (the form starts empty)."""
    ensure_table(lib)
    try:
        with Session(lib.engine) as session:
            rows = session.scalars(select(DraftRow)).all()
            return {row.page: dict(row.values or {}) for row in rows}
    except SQLAlchemyError as error:
        raise StorageError(f"Could not read the form drafts: {reason(error)}") from error


def clear(lib: Library, page: str | None = None) -> None:
    """Forget one page's draft and kept files, or every draft."""
    ensure_table(lib)
    with lib._writing("clear the form drafts") as session:
        query, files = delete(DraftRow), delete(DraftFileRow)
        if page is not None:
            query = query.where(DraftRow.page == page)
            files = files.where(DraftFileRow.slot.startswith(f"{page}:", autoescape=True))
        session.execute(query)
        session.execute(files)


def slot(page: str, field: str) -> str:
    return f"{page[:MAX_PAGE]}:{field[:MAX_PAGE]}"


def save_file(lib: Library, page: str, field: str, name: str, data: bytes) -> None:
    """Keep the file uploaded into a page's field (replacing the one kept before)."""
    ensure_table(lib)
    with lib._writing("keep the uploaded file") as session:
        row = session.get(DraftFileRow, slot(page, field))
        if row is None:
            session.add(DraftFileRow(slot=slot(page, field), name=name[:255], data=data))
        else:
            row.name, row.data, row.updated = name[:255], data, now()


def load_file(lib: Library, page: str, field: str) -> tuple[str, bytes] | None:
    """The file kept for a page's field: (name, bytes), or None."""
    ensure_table(lib)
    try:
        with Session(lib.engine) as session:
            row = session.get(DraftFileRow, slot(page, field))
            return None if row is None else (row.name, bytes(row.data))
    except SQLAlchemyError as error:
        raise StorageError(f"Could not read the kept file: {reason(error)}") from error


def drop_file(lib: Library, page: str, field: str) -> None:
    ensure_table(lib)
    with lib._writing("forget the uploaded file") as session:
        session.execute(delete(DraftFileRow).where(DraftFileRow.slot == slot(page, field)))
