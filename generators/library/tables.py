"""Where the library's data lives, its tables, and the database engine and transactions.

A SQLite file by default, in PARAPREP_DATA_DIR or the platform's user data folder
(~/.local/share/paraprep/paraprep.sqlite3 on Linux); any SQLAlchemy URL through
PARAPREP_DATABASE_URL (PostgreSQL for a school server: `pip install "paraprep[postgres]"`).
SQLite runs with secure_delete on, so deleted rows are overwritten in the file rather than left
in free pages.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Mapping
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from sqlalchemy import (
    JSON,
    DateTime,
    ForeignKey,
    Integer,
    LargeBinary,
    String,
    create_engine,
    event,
)
from sqlalchemy.engine import URL, Engine, make_url
from sqlalchemy.exc import ArgumentError, IntegrityError, SQLAlchemyError
from sqlalchemy.orm import DeclarativeBase, Mapped, Session, mapped_column, sessionmaker

from generators.errors import InputError, ParaPrepError
from generators.library.forms import MAX_GROUP_NAME, MAX_NAME, MAX_TITLE

DATA_DIR_ENV = "PARAPREP_DATA_DIR"
DATABASE_URL_ENV = "PARAPREP_DATABASE_URL"
DB_FILENAME = "paraprep.sqlite3"


class StorageError(ParaPrepError):
    """The database cannot be opened or written; the message says where and what to check."""


# --- Where the data lives ---


def data_dir(env: Mapping[str, str] = os.environ) -> Path:
    """PARAPREP_DATA_DIR, else the platform's per-user data folder (no extra dependency)."""
    if env.get(DATA_DIR_ENV):
        return Path(env[DATA_DIR_ENV]).expanduser()
    home = Path.home()
    if sys.platform == "win32":
        base = Path(env.get("LOCALAPPDATA") or env.get("APPDATA") or home / "AppData" / "Local")
    elif sys.platform == "darwin":
        base = home / "Library" / "Application Support"
    else:
        base = Path(env.get("XDG_DATA_HOME") or home / ".local" / "share")
    return base / "paraprep"


def database_url(env: Mapping[str, str] = os.environ) -> str:
    if env.get(DATABASE_URL_ENV):
        return env[DATABASE_URL_ENV].strip()
    return f"sqlite:///{data_dir(env) / DB_FILENAME}"


def describe(url: str) -> str:
    """The location as a person reads it: the file path, or the URL without user or password."""
    parsed = make_url(url)
    if parsed.drivername.startswith("sqlite"):
        return str(Path(parsed.database).resolve()) if parsed.database else "in memory"
    bare = URL.create(
        parsed.drivername, host=parsed.host, port=parsed.port, database=parsed.database
    )
    return bare.render_as_string()  # no user name, no password


# --- Tables ---


def now() -> datetime:
    return datetime.now(UTC).replace(tzinfo=None)  # stored as naive UTC: SQLite keeps no zone


class Base(DeclarativeBase):
    pass


class StudentRow(Base):
    __tablename__ = "students"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    code: Mapped[str] = mapped_column(String(32))
    code_key: Mapped[str] = mapped_column(String(32), unique=True)  # codes are case-blind
    name: Mapped[str | None] = mapped_column(String(MAX_NAME))  # local only
    grade: Mapped[int | None] = mapped_column(Integer)
    reading_level: Mapped[int | None] = mapped_column(Integer)
    accommodations: Mapped[list] = mapped_column(JSON, default=list)
    goals: Mapped[list] = mapped_column(JSON, default=list)
    created: Mapped[datetime] = mapped_column(DateTime, default=now)


class GroupRow(Base):
    __tablename__ = "groups"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    name: Mapped[str] = mapped_column(String(MAX_GROUP_NAME))
    name_key: Mapped[str] = mapped_column(String(MAX_GROUP_NAME), unique=True)
    created: Mapped[datetime] = mapped_column(DateTime, default=now)


class GroupMemberRow(Base):
    __tablename__ = "group_members"
    group_id: Mapped[int] = mapped_column(
        ForeignKey("groups.id", ondelete="CASCADE"), primary_key=True
    )
    student_id: Mapped[int] = mapped_column(
        ForeignKey("students.id", ondelete="CASCADE"), primary_key=True
    )


class PacketRow(Base):
    __tablename__ = "packets"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    kind: Mapped[str] = mapped_column(String(40))
    title: Mapped[str] = mapped_column(String(MAX_TITLE))
    engine: Mapped[str] = mapped_column(String(200), default="")
    inputs: Mapped[dict] = mapped_column(JSON, default=dict)
    levels: Mapped[list] = mapped_column(JSON, default=list)
    warnings: Mapped[list] = mapped_column(JSON, default=list)
    created: Mapped[datetime] = mapped_column(DateTime, default=now, index=True)


class PacketStudentRow(Base):
    """Which students a packet was made for, so deleting a student finds their packets."""

    __tablename__ = "packet_students"
    packet_id: Mapped[int] = mapped_column(
        ForeignKey("packets.id", ondelete="CASCADE"), primary_key=True
    )
    student_id: Mapped[int] = mapped_column(
        ForeignKey("students.id", ondelete="CASCADE"), primary_key=True
    )


class DocumentRow(Base):
    __tablename__ = "documents"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    packet_id: Mapped[int] = mapped_column(ForeignKey("packets.id", ondelete="CASCADE"), index=True)
    position: Mapped[int] = mapped_column(Integer)
    filename: Mapped[str] = mapped_column(String(255))
    role: Mapped[str] = mapped_column(String(20))
    title: Mapped[str] = mapped_column(String(300))
    level: Mapped[int | None] = mapped_column(Integer)
    data: Mapped[bytes] = mapped_column(LargeBinary)


class _Transaction:
    """A session in one transaction whose database failures become a StorageError."""

    def __init__(self, factory: sessionmaker, what: str, location: str) -> None:
        self.factory, self.what, self.location = factory, what, location

    def __enter__(self) -> Session:
        self.session = self.factory()
        self.session.begin()
        return self.session

    def __exit__(self, kind, error, trace) -> bool:
        try:
            if error is None:
                self.session.commit()
            else:
                self.session.rollback()
        except SQLAlchemyError as failure:
            self.session.rollback()
            raise StorageError(
                f"Could not {self.what} in {self.location}: {reason(failure)}"
            ) from failure
        finally:
            self.session.close()
        if isinstance(error, IntegrityError):
            raise InputError(f"Could not {self.what}: it clashes with saved data.") from error
        if isinstance(error, SQLAlchemyError):
            raise StorageError(
                f"Could not {self.what} in {self.location}: {reason(error)}"
            ) from error
        return False


def open_engine(url: str) -> Engine:
    try:
        parsed = make_url(url)
    except ArgumentError as error:
        raise StorageError(
            f"{DATABASE_URL_ENV} is not a database URL (e.g. postgresql+psycopg://host/db)."
        ) from error
    if parsed.drivername.startswith("sqlite") and parsed.database:
        folder = Path(parsed.database).expanduser().parent
        try:
            folder.mkdir(parents=True, exist_ok=True)
        except OSError as error:
            raise StorageError(
                f"Could not create the data folder {folder}: {error.strerror or error}. "
                f"Set {DATA_DIR_ENV} to a folder you can write to."
            ) from error
    try:
        engine = create_engine(url, pool_pre_ping=not parsed.drivername.startswith("sqlite"))
    except (ArgumentError, ImportError) as error:
        raise StorageError(
            f"Cannot use the database {describe(url)}: {error}. Is its driver installed?"
        ) from error
    if engine.dialect.name == "sqlite":
        event.listen(engine, "connect", sqlite_pragmas)
    return engine


def sqlite_file(engine: Engine) -> Path | None:
    database = engine.url.database if engine.dialect.name == "sqlite" else None
    return Path(database).expanduser().resolve() if database and database != ":memory:" else None


def file_id(path: Path | None) -> tuple[int, int] | None:
    """Which file is at path now (device and inode), None when none is."""
    if path is None:
        return None
    try:
        info = path.stat()
    except OSError:
        return None
    return info.st_dev, info.st_ino


def sqlite_pragmas(connection: Any, _record: Any) -> None:
    cursor = connection.cursor()
    cursor.execute("PRAGMA journal_mode=WAL")  # readers never block the one writer
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA secure_delete=ON")  # deleted names are overwritten, not left behind
    cursor.execute("PRAGMA busy_timeout=5000")
    cursor.close()


def reason(error: SQLAlchemyError) -> str:
    original = getattr(error, "orig", None)
    return str(original or error).splitlines()[0][:200]
