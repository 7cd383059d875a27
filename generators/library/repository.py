"""The library: the caseload (students, groups) and every packet made, in one SQL database.

Privacy: a student's real name is stored in the students table only, never in a packet (packet
inputs keep codes only), so deleting a student removes their name with their row; their group
memberships and the packets made for them go in the same transaction.

Each packet is written in one transaction: a crash mid-write loses at most that packet.
"""

from __future__ import annotations

import io
import json
import zipfile
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import delete, func, select, text
from sqlalchemy.exc import OperationalError, SQLAlchemyError
from sqlalchemy.orm import Session, sessionmaker

from generators.delivery import unique_name
from generators.domain.common import RenderedDocument
from generators.domain.students import Student
from generators.errors import InputError
from generators.library.forms import MAX_GROUP_NAME, clip_title, json_safe, scrub
from generators.library.tables import (
    Base,
    DocumentRow,
    GroupMemberRow,
    GroupRow,
    PacketRow,
    PacketStudentRow,
    StorageError,
    StudentRow,
    _Transaction,
    database_url,
    describe,
    file_id,
    open_engine,
    reason,
    sqlite_file,
)
from generators.render.docx_base import slug

# --- What callers get back: plain frozen records, no live database objects ---


@dataclass(frozen=True)
class SavedStudent:
    id: int
    student: Student

    @property
    def code(self) -> str:
        return self.student.code

    @property
    def label(self) -> str:
        """For the user's own screen only: the code, with the real name when one is kept."""
        name = self.student.name
        return f"{self.code} ({name})" if name else self.code


@dataclass(frozen=True)
class Group:
    id: int
    name: str
    student_ids: tuple[int, ...]


@dataclass(frozen=True)
class PacketSummary:
    id: int
    kind: str
    title: str
    engine: str
    created: datetime  # UTC
    students: tuple[str, ...]  # codes
    levels: tuple[dict, ...]
    warnings: tuple[str, ...]
    documents: int


@dataclass(frozen=True)
class Packet:
    summary: PacketSummary
    inputs: dict
    documents: tuple[RenderedDocument, ...]


# --- The library ---


class Library:
    """One database. Safe to share between threads: every call opens its own short session."""

    def __init__(self, url: str | None = None) -> None:
        self.url = url or database_url()
        self.engine = open_engine(self.url)
        self.location = describe(self.url)
        self._session = sessionmaker(self.engine, expire_on_commit=False)
        try:
            Base.metadata.create_all(self.engine)
        except SQLAlchemyError as error:
            raise StorageError(
                f"Could not open the ParaPrep database at {self.location}: {reason(error)}"
            ) from error
        self._file = sqlite_file(self.engine)
        self._file_id = file_id(self._file)

    def close(self) -> None:
        self.engine.dispose()

    # --- students ---

    def students(self) -> list[SavedStudent]:
        with self._session() as session:
            rows = session.scalars(select(StudentRow).order_by(StudentRow.code_key))
            return [to_saved(row) for row in rows]

    def student(self, student_id: int) -> SavedStudent:
        with self._session() as session:
            return to_saved(self._student_row(session, student_id))

    def add_student(self, student: Student) -> int:
        with self._writing("save the student") as session:
            self._check_code_free(session, student.code)
            row = StudentRow(code=student.code, code_key=student.code.lower())
            fill_student(row, student)
            session.add(row)
            session.flush()
            return row.id

    def update_student(self, student_id: int, student: Student) -> None:
        with self._writing("save the student") as session:
            row = self._student_row(session, student_id)
            if row.code_key != student.code.lower():
                self._check_code_free(session, student.code)
            row.code, row.code_key = student.code, student.code.lower()
            fill_student(row, student)

    def packets_for_student(self, student_id: int) -> int:
        with self._session() as session:
            query = select(func.count()).where(PacketStudentRow.student_id == student_id)
            return session.scalar(query) or 0

    def delete_student(self, student_id: int) -> int:
        """Delete a student everywhere: their row, memberships and packets made for them.
        Returns how many packets went with them."""
        with self._writing("delete the student") as session:
            self._student_row(session, student_id)
            packet_ids = list(
                session.scalars(
                    select(PacketStudentRow.packet_id).where(
                        PacketStudentRow.student_id == student_id
                    )
                )
            )
            delete_packets(session, packet_ids)
            session.execute(delete(GroupMemberRow).where(GroupMemberRow.student_id == student_id))
            session.execute(delete(StudentRow).where(StudentRow.id == student_id))
        self._checkpoint()
        return len(packet_ids)

    # --- groups ---

    def groups(self) -> list[Group]:
        with self._session() as session:
            members: dict[int, list[int]] = {}
            for group_id, student_id in session.execute(
                select(GroupMemberRow.group_id, GroupMemberRow.student_id)
                .join(StudentRow, StudentRow.id == GroupMemberRow.student_id)
                .order_by(StudentRow.code_key)
            ):
                members.setdefault(group_id, []).append(student_id)
            rows = session.scalars(select(GroupRow).order_by(GroupRow.name_key))
            return [Group(row.id, row.name, tuple(members.get(row.id, ()))) for row in rows]

    def group_students(self, group_id: int) -> list[SavedStudent]:
        wanted = next((group for group in self.groups() if group.id == group_id), None)
        if wanted is None:
            raise InputError("That group no longer exists: choose another.")
        by_id = {saved.id: saved for saved in self.students()}
        return [by_id[student_id] for student_id in wanted.student_ids]

    def save_group(self, name: str, student_ids: Iterable[int], group_id: int | None = None) -> int:
        name = " ".join((name or "").split())
        if not name:
            raise InputError("Give the group a name, e.g. Reading group 1.")
        if len(name) > MAX_GROUP_NAME:
            raise InputError(f"The group name is over {MAX_GROUP_NAME} characters.")
        ids = list(dict.fromkeys(student_ids))
        if not ids:
            raise InputError("Choose at least one student for the group.")
        with self._writing("save the group") as session:
            taken = session.scalar(select(GroupRow).where(GroupRow.name_key == name.lower()))
            if taken is not None and taken.id != group_id:
                raise InputError(f"There is already a group called '{taken.name}'.")
            known = set(session.scalars(select(StudentRow.id).where(StudentRow.id.in_(ids))))
            if len(known) != len(ids):
                raise InputError("A chosen student no longer exists: reload the page.")
            if group_id is None:
                row = GroupRow(name=name, name_key=name.lower())
                session.add(row)
                session.flush()
            else:
                row = session.get(GroupRow, group_id)
                if row is None:
                    raise InputError("That group no longer exists.")
                row.name, row.name_key = name, name.lower()
                session.execute(delete(GroupMemberRow).where(GroupMemberRow.group_id == row.id))
            session.add_all(GroupMemberRow(group_id=row.id, student_id=i) for i in ids)
            return row.id

    def delete_group(self, group_id: int) -> None:
        """The group goes; its students and packets stay."""
        with self._writing("delete the group") as session:
            session.execute(delete(GroupMemberRow).where(GroupMemberRow.group_id == group_id))
            session.execute(delete(GroupRow).where(GroupRow.id == group_id))

    # --- packets ---

    def save_packet(
        self,
        *,
        kind: str,
        title: str,
        documents: Sequence[RenderedDocument],
        inputs: Mapping[str, Any] | None = None,
        levels: Sequence[Mapping[str, Any]] = (),
        warnings: Sequence[str] = (),
        engine: str = "",
        student_ids: Iterable[int] = (),
    ) -> int:
        """Save a packet and all its documents in one transaction."""
        if not documents:
            raise InputError("A packet needs at least one document to be saved.")
        with self._writing("save the packet") as session:
            packet = PacketRow(
                kind=kind,
                title=clip_title(title),
                engine=engine[:200],
                inputs=json_safe(scrub(dict(inputs or {}))),
                levels=json_safe([dict(level) for level in levels]),
                warnings=[str(warning) for warning in warnings],
            )
            session.add(packet)
            session.flush()
            for position, document in enumerate(documents):
                session.add(
                    DocumentRow(
                        packet_id=packet.id,
                        position=position,
                        filename=document.filename,
                        role=document.role,
                        title=document.title,
                        level=document.level,
                        data=document.data,
                    )
                )
            ids = set(session.scalars(select(StudentRow.id).where(StudentRow.id.in_(student_ids))))
            session.add_all(PacketStudentRow(packet_id=packet.id, student_id=i) for i in ids)
            return packet.id

    def packets(self, kind: str | None = None) -> list[PacketSummary]:
        with self._session() as session:
            query = select(PacketRow).order_by(PacketRow.created.desc(), PacketRow.id.desc())
            if kind:
                query = query.where(PacketRow.kind == kind)
            rows = list(session.scalars(query))
            return [summarize(session, row) for row in rows]

    def packet(self, packet_id: int) -> Packet:
        with self._session() as session:
            row = session.get(PacketRow, packet_id)
            if row is None:
                raise InputError("That packet is no longer in the library.")
            documents = session.scalars(
                select(DocumentRow)
                .where(DocumentRow.packet_id == packet_id)
                .order_by(DocumentRow.position)
            )
            return Packet(
                summary=summarize(session, row),
                inputs=dict(row.inputs or {}),
                documents=tuple(to_document(document) for document in documents),
            )

    def rename_packet(self, packet_id: int, title: str) -> None:
        with self._writing("rename the packet") as session:
            row = session.get(PacketRow, packet_id)
            if row is None:
                raise InputError("That packet is no longer in the library.")
            row.title = clip_title(title)

    def delete_packet(self, packet_id: int) -> None:
        with self._writing("delete the packet") as session:
            delete_packets(session, [packet_id])
        self._checkpoint()

    # --- everything ---

    def counts(self) -> dict[str, int]:
        with self._session() as session:
            return {
                table: session.scalar(select(func.count()).select_from(model)) or 0
                for table, model in (
                    ("students", StudentRow),
                    ("groups", GroupRow),
                    ("packets", PacketRow),
                    ("documents", DocumentRow),
                )
            }

    def export_zip(self) -> bytes:
        """Every row as data.json plus every document as a file; names included (it is the
        user's own backup), so the UI says so."""
        groups = self.groups()
        students = self.students()
        codes = {saved.id: saved.code for saved in students}
        data: dict[str, Any] = {
            "exported": datetime.now(UTC).isoformat(timespec="seconds"),
            "students": [
                {"id": saved.id, **saved.student.model_dump(mode="json", exclude_none=True)}
                for saved in students
            ],
            "groups": [
                {"id": g.id, "name": g.name, "students": [codes[i] for i in g.student_ids]}
                for g in groups
            ],
            "packets": [],
        }
        buffer = io.BytesIO()
        used: set[str] = set()  # two copies may share a file name: each entry is written once
        with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
            for summary in self.packets():
                packet = self.packet(summary.id)
                folder = f"documents/{summary.id:04d}_{slug(summary.title)}"
                entry = packet_record(packet)
                entry["documents"] = []
                for document in packet.documents:
                    path = unique_name(f"{folder}/{document.filename}", used | {"data.json"})
                    used.add(path)
                    archive.writestr(path, document.data)
                    entry["documents"].append(
                        {"path": path, "role": document.role, "level": document.level}
                    )
                data["packets"].append(entry)
            archive.writestr("data.json", json.dumps(data, indent=2, ensure_ascii=False))
        return buffer.getvalue()

    def delete_everything(self) -> None:
        with self._writing("delete all data") as session:
            for model in (
                DocumentRow,
                PacketStudentRow,
                PacketRow,
                GroupMemberRow,
                GroupRow,
                StudentRow,
            ):
                session.execute(delete(model))
        self._checkpoint()
        if self.engine.dialect.name == "sqlite":
            with self.engine.connect() as connection:
                connection.execute(text("VACUUM"))  # give the space back; nothing lingers

    # --- internals ---

    def _writing(self, what: str) -> _Transaction:
        self._check_file_is_there(what)
        return _Transaction(self._session, what, self.location)

    def _check_file_is_there(self, what: str) -> None:
        """SQLite keeps writing into a database file deleted (or replaced) under it, where the
        saves are lost when the app stops: refuse, and say what happened."""
        if self._file is not None and file_id(self._file) != self._file_id:
            raise StorageError(
                f"Could not {what}: the database file {self._file} was deleted or replaced "
                "while ParaPrep was running, so nothing was saved. Restart ParaPrep to open "
                "the file now at that place (or an empty library), then save again."
            )

    def _student_row(self, session: Session, student_id: int) -> StudentRow:
        row = session.get(StudentRow, student_id)
        if row is None:
            raise InputError("That student is no longer on the caseload.")
        return row

    def _check_code_free(self, session: Session, code: str) -> None:
        if session.scalar(select(StudentRow.id).where(StudentRow.code_key == code.lower())):
            raise InputError(f"A student with code '{code}' already exists: choose another code.")

    def _checkpoint(self) -> None:
        """Fold the WAL into the main file so deleted rows do not linger in the log."""
        if self.engine.dialect.name != "sqlite":
            return
        try:
            with self.engine.connect() as connection:
                connection.execute(text("PRAGMA wal_checkpoint(TRUNCATE)"))
        except OperationalError:
            pass  # another reader holds the log; SQLite checkpoints again later by itself


def fill_student(row: StudentRow, student: Student) -> None:
    row.name = student.name
    row.grade = student.grade
    row.reading_level = student.reading_level
    row.accommodations = list(student.accommodations)
    row.goals = list(student.goals)


def to_saved(row: StudentRow) -> SavedStudent:
    return SavedStudent(
        id=row.id,
        student=Student(
            code=row.code,
            name=row.name,
            grade=row.grade,
            reading_level=row.reading_level,
            accommodations=tuple(row.accommodations or ()),
            goals=tuple(row.goals or ()),
        ),
    )


def to_document(row: DocumentRow) -> RenderedDocument:
    return RenderedDocument(
        filename=row.filename, role=row.role, title=row.title, level=row.level, data=row.data
    )


def summarize(session: Session, row: PacketRow) -> PacketSummary:
    codes = session.scalars(
        select(StudentRow.code)
        .join(PacketStudentRow, PacketStudentRow.student_id == StudentRow.id)
        .where(PacketStudentRow.packet_id == row.id)
        .order_by(StudentRow.code_key)
    )
    count = session.scalar(select(func.count()).where(DocumentRow.packet_id == row.id)) or 0
    return PacketSummary(
        id=row.id,
        kind=row.kind,
        title=row.title,
        engine=row.engine,
        created=row.created.replace(tzinfo=UTC),
        students=tuple(codes),
        levels=tuple(row.levels or ()),
        warnings=tuple(row.warnings or ()),
        documents=count,
    )


def packet_record(packet: Packet) -> dict[str, Any]:
    summary = packet.summary
    return {
        "id": summary.id,
        "kind": summary.kind,
        "title": summary.title,
        "engine": summary.engine,
        "created": summary.created.isoformat(timespec="seconds"),
        "students": list(summary.students),
        "levels": list(summary.levels),
        "warnings": list(summary.warnings),
        "inputs": packet.inputs,
    }


def delete_packets(session: Session, packet_ids: list[int]) -> None:
    """Children first, so this works with or without the database enforcing cascades."""
    if not packet_ids:
        return
    session.execute(delete(DocumentRow).where(DocumentRow.packet_id.in_(packet_ids)))
    session.execute(delete(PacketStudentRow).where(PacketStudentRow.packet_id.in_(packet_ids)))
    session.execute(delete(PacketRow).where(PacketRow.id.in_(packet_ids)))
