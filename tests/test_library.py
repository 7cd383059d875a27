"""The saved library: caseload, groups, packets, export and deletion, on a real SQLite file."""

from __future__ import annotations

import contextlib
import io
import json
import os
import sqlite3
import zipfile
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

from generators import data_sheet
from generators.api import levels_of
from generators.domain.common import RenderedDocument
from generators.errors import InputError
from generators.library import (
    Library,
    StorageError,
    data_dir,
    database_url,
    describe,
    make_student,
    scrub,
)

POSTGRES_URL_ENV = "PARAPREP_TEST_POSTGRES_URL"


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    return tmp_path / "data" / "paraprep.sqlite3"


@pytest.fixture(params=["sqlite", "postgresql"])
def lib(request, db_path: Path):
    """Every library test runs on SQLite (a file) and on a real PostgreSQL server (CI starts
    one and sets PARAPREP_TEST_POSTGRES_URL); tests that read the SQLite file run on SQLite."""
    if request.param == "sqlite":
        library = Library(f"sqlite:///{db_path}")
        yield library
        library.close()
        return
    if "db_path" in request.fixturenames and request.node.get_closest_marker("sqlite_file"):
        pytest.skip("reads the SQLite file itself")
    with postgres_library() as library:
        yield library


@contextlib.contextmanager
def postgres_library():
    """A Library on an empty PostgreSQL database, emptied again afterwards."""
    url = os.environ.get(POSTGRES_URL_ENV)
    if not url:
        if os.environ.get("PARAPREP_REQUIRE_POSTGRES"):
            pytest.fail(f"{POSTGRES_URL_ENV} is not set, and CI requires the PostgreSQL run")
        pytest.skip(f"no PostgreSQL server: set {POSTGRES_URL_ENV} (.ci/run starts one)")
    reset(url)
    library = Library(url)
    try:
        yield library
    finally:
        library.close()
        reset(url)


def reset(url: str) -> None:
    from sqlalchemy import create_engine

    from generators import drafts
    from generators.library.tables import Base

    engine = create_engine(url)
    try:
        Base.metadata.drop_all(engine)
        drafts.Base.metadata.drop_all(engine)
    finally:
        engine.dispose()


def doc(
    name: str, role: str = "student", level: int | None = 3, data: bytes = b""
) -> RenderedDocument:
    return RenderedDocument(
        filename=name, role=role, title=name, level=level, data=data or name.encode() * 3
    )


def add(lib: Library, code: str, **fields) -> int:
    return lib.add_student(make_student(code=code, **fields))


# --- where the data lives ---


def test_data_dir_prefers_the_variable_then_the_platform_folder(tmp_path):
    assert data_dir({"PARAPREP_DATA_DIR": str(tmp_path)}) == tmp_path
    assert data_dir({"XDG_DATA_HOME": str(tmp_path)}) == tmp_path / "paraprep"
    url = database_url({"PARAPREP_DATA_DIR": str(tmp_path)})
    assert url == f"sqlite:///{tmp_path / 'paraprep.sqlite3'}"
    assert database_url({"PARAPREP_DATABASE_URL": "postgresql://u:pw@db/pp"}).startswith("postgres")


def test_location_never_shows_a_password(tmp_path):
    assert "pw" not in describe("postgresql://teacher:pw@school-db/paraprep")
    assert describe(f"sqlite:///{tmp_path}/x.sqlite3") == str(tmp_path / "x.sqlite3")


@pytest.mark.sqlite_file
def test_sqlite_runs_in_wal_mode_with_foreign_keys(lib, db_path):
    assert db_path.is_file()
    with lib.engine.connect() as connection:
        assert connection.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
        assert connection.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1
        assert connection.exec_driver_sql("PRAGMA secure_delete").scalar() == 1
    tables = {row[0] for row in sqlite3.connect(db_path).execute(
        "SELECT name FROM sqlite_master WHERE type='table'")}  # fmt: skip
    assert {"students", "groups", "group_members", "packets", "documents"} <= tables


def test_a_folder_that_cannot_be_made_is_a_clear_error(tmp_path):
    blocker = tmp_path / "file"
    blocker.write_text("not a folder")
    with pytest.raises(StorageError, match="Could not create the data folder"):
        Library(f"sqlite:///{blocker}/sub/paraprep.sqlite3")


def test_a_bad_database_url_is_a_clear_error():
    with pytest.raises(StorageError, match="not a database URL"):
        Library("not a url at all")


# --- students ---


def test_students_round_trip_with_their_needs_and_goals(lib):
    student_id = add(
        lib,
        "Student A",
        name="Maria Lopez",
        grade=5,
        reading_level=3,
        accommodations=["large-print", "word-bank"],
        goals="Reads 90 wcpm\n\n  Answers 4 of 5 questions  ",
    )
    saved = lib.student(student_id)
    assert saved.student.code == "Student A" and saved.student.name == "Maria Lopez"
    assert saved.student.accommodations == ("large-print", "word-bank")
    assert saved.student.goals == ("Reads 90 wcpm", "Answers 4 of 5 questions")
    assert saved.label == "Student A (Maria Lopez)"
    assert saved.student.for_model() == {
        "code": "Student A",
        "grade": 5,
        "reading_level": 3,
        "accommodations": ["large-print", "word-bank"],
    }


def test_codes_are_unique_whatever_the_case(lib):
    add(lib, "Student A")
    with pytest.raises(InputError, match="already exists"):
        add(lib, "student a")
    other = add(lib, "Student B")
    with pytest.raises(InputError, match="already exists"):
        lib.update_student(other, make_student(code="STUDENT A"))


def test_update_keeps_the_id_and_changes_the_fields(lib):
    student_id = add(lib, "Student A", reading_level=3)
    lib.update_student(student_id, make_student(code="Student A2", reading_level=4))
    [saved] = lib.students()
    assert (saved.id, saved.code, saved.student.reading_level) == (student_id, "Student A2", 4)


@pytest.mark.parametrize(
    ("fields", "message"),
    [
        ({"code": "  "}, "Give the student a code"),
        ({"code": "Maria", "name": "Maria Lopez"}, "is the student's name"),
        ({"code": "Student A", "accommodations": ["jetpack"]}, "jetpack"),
        ({"code": "Student A", "reading_level": 14}, "out of range"),
        ({"code": "Student A", "goals": "x" * 700}, "over 600 characters"),
        ({"code": "A/B"}, "must be 1-32 letters"),
    ],
)
def test_bad_student_fields_are_one_clear_message(fields, message):
    with pytest.raises(InputError, match=message):
        make_student(**fields)


# --- groups ---


def test_groups_hold_students_and_deleting_one_keeps_them(lib):
    a, b, c = (add(lib, code) for code in ("Student A", "Student B", "Student C"))
    group_id = lib.save_group("Reading group 1", [b, a, a])
    [group] = lib.groups()
    assert group.name == "Reading group 1" and set(group.student_ids) == {a, b}
    assert [s.code for s in lib.group_students(group_id)] == ["Student A", "Student B"]
    lib.save_group("Reading group one", [c], group_id)
    assert lib.groups()[0].student_ids == (c,)
    with pytest.raises(InputError, match="already a group"):
        lib.save_group("READING GROUP ONE", [a])
    lib.delete_group(group_id)
    assert lib.groups() == [] and len(lib.students()) == 3


@pytest.mark.parametrize(
    ("name", "ids", "message"),
    [
        ("", [1], "Give the group a name"),
        ("G", [], "at least one student"),
        ("G", [99], "no longer"),
    ],
)
def test_bad_groups_are_refused(lib, name, ids, message):
    add(lib, "Student A")
    with pytest.raises(InputError, match=message):
        lib.save_group(name, ids)


# --- packets ---


def test_a_packet_keeps_its_documents_inputs_levels_and_warnings(lib):
    a = add(lib, "Student A")
    documents = [doc("a.docx", data=b"\x00PK student bytes"), doc("key.docx", "teacher", None)]
    packet_id = lib.save_packet(
        kind="worksheet",
        title="The Water Cycle",
        documents=documents,
        inputs={"topic": "Water", "students": [{"code": "Student A", "name": "Maria Lopez"}]},
        levels=[{"target": 3, "measured": 3.4, "status": "in-band"}],
        warnings=["Grade 5 is out of band"],
        engine="ParaPrep offline engine (no AI)",
        student_ids=[a],
    )
    packet = lib.packet(packet_id)
    assert packet.documents == tuple(documents)  # every byte, name, role and level back
    assert packet.inputs == {"topic": "Water", "students": [{"code": "Student A"}]}
    summary = packet.summary
    assert (summary.kind, summary.title, summary.students) == ("worksheet", "The Water Cycle",
                                                               ("Student A",))  # fmt: skip
    assert summary.levels == ({"target": 3, "measured": 3.4, "status": "in-band"},)
    assert summary.warnings == ("Grade 5 is out of band",) and summary.documents == 2


def test_packets_are_listed_newest_first_and_can_be_renamed_and_deleted(lib):
    first = lib.save_packet(kind="worksheet", title="First", documents=[doc("1.docx")])
    second = lib.save_packet(kind="data-sheet", title="Second", documents=[doc("2.docx")])
    assert [p.id for p in lib.packets()] == [second, first]
    assert [p.id for p in lib.packets(kind="worksheet")] == [first]
    lib.rename_packet(first, "  Water   cycle, grade 3 ")
    assert lib.packet(first).summary.title == "Water cycle, grade 3"
    with pytest.raises(InputError, match="Give the packet a title"):
        lib.rename_packet(first, " ")
    lib.delete_packet(first)
    assert [p.id for p in lib.packets()] == [second]
    assert lib.counts()["documents"] == 1
    with pytest.raises(InputError, match="no longer in the library"):
        lib.packet(first)


def test_a_packet_is_saved_whole_or_not_at_all(lib):
    class Broken:
        filename, role, title, level = "b.docx", "student", "b", 3

        @property
        def data(self) -> bytes:
            raise RuntimeError("disk gone mid-write")

    with pytest.raises(RuntimeError):
        lib.save_packet(kind="worksheet", title="T", documents=[doc("ok.docx"), Broken()])
    assert lib.counts() == {"students": 0, "groups": 0, "packets": 0, "documents": 0}


def test_a_packet_needs_documents(lib):
    with pytest.raises(InputError, match="at least one document"):
        lib.save_packet(kind="worksheet", title="T", documents=[])


# --- deleting a student deletes their data everywhere ---


@pytest.mark.sqlite_file
def test_deleting_a_student_removes_their_row_memberships_and_packets(lib, db_path):
    a = add(lib, "Student A", name="Zebulon Quixote")
    b = add(lib, "Student B")
    lib.save_group("Group", [a, b])
    theirs = lib.save_packet(kind="worksheet", title="For A", documents=[doc("a.docx")],
                             student_ids=[a, b])  # fmt: skip
    others = lib.save_packet(kind="worksheet", title="For B", documents=[doc("b.docx")],
                             student_ids=[b])  # fmt: skip
    unlinked = lib.save_packet(kind="worksheet", title="Class", documents=[doc("c.docx")])
    assert lib.packets_for_student(a) == 1
    assert lib.delete_student(a) == 1
    assert [s.code for s in lib.students()] == ["Student B"]
    assert lib.groups()[0].student_ids == (b,)
    assert {p.id for p in lib.packets()} == {others, unlinked}
    assert theirs not in {p.id for p in lib.packets()}
    lib.close()
    on_disk = b"".join(path.read_bytes() for path in db_path.parent.iterdir() if path.is_file())
    assert b"Zebulon" not in on_disk  # overwritten (secure_delete), not left in free pages


def test_deleting_a_missing_student_says_so(lib):
    with pytest.raises(InputError, match="no longer on the caseload"):
        lib.delete_student(42)


# --- everything ---


def test_export_holds_every_row_and_every_document(lib):
    a = add(lib, "Student A", name="Maria Lopez", reading_level=3)
    lib.save_group("G", [a])
    packet_id = lib.save_packet(kind="worksheet", title="Water", student_ids=[a],
                                documents=[doc("s.docx", data=b"DOCX-1"),
                                           doc("t.docx", "teacher", None, b"DOCX-2")])  # fmt: skip
    archive = zipfile.ZipFile(io.BytesIO(lib.export_zip()))
    data = json.loads(archive.read("data.json"))
    assert data["students"][0]["name"] == "Maria Lopez"  # the user's own backup
    assert data["groups"] == [{"id": 1, "name": "G", "students": ["Student A"]}]
    [packet] = data["packets"]
    assert packet["id"] == packet_id and packet["students"] == ["Student A"]
    stored = {entry["path"]: archive.read(entry["path"]) for entry in packet["documents"]}
    assert sorted(stored.values()) == [b"DOCX-1", b"DOCX-2"]


def test_concurrent_saves_all_land_whole(lib):
    """The app saves from job threads: many at once must neither collide nor interleave."""
    ids = [add(lib, f"Student {letter}") for letter in "ABCD"]

    def save(worker: int) -> list[int]:
        made = []
        for number in range(5):
            documents = [doc(f"w{worker}-p{number}-{i}.docx", data=bytes([worker, number, i]) * 500)
                         for i in range(2)]  # fmt: skip
            made.append(lib.save_packet(kind="worksheet", title=f"W{worker} P{number}",
                                        documents=documents,
                                        student_ids=ids[worker % 4:][:2]))  # fmt: skip
        return made

    with ThreadPoolExecutor(max_workers=8) as pool:
        saved = [packet for made in pool.map(save, range(8)) for packet in made]
    assert len(set(saved)) == 40
    assert lib.counts() == {"students": 4, "groups": 0, "packets": 40, "documents": 80}
    for packet_id in saved:
        packet = lib.packet(packet_id)
        worker, number = (int(part[1:]) for part in packet.summary.title.split())
        assert [d.data for d in packet.documents] == [bytes([worker, number, i]) * 500
                                                      for i in range(2)]  # fmt: skip


def test_deleting_a_student_takes_their_packets_and_memberships(lib):
    a, b = add(lib, "Student A", name="Maria Lopez"), add(lib, "Student B")
    group = lib.save_group("Readers", [a, b])
    lib.save_packet(kind="worksheet", title="For A", documents=[doc("a.docx")], student_ids=[a])
    kept = lib.save_packet(kind="worksheet", title="For B", documents=[doc("b.docx")],
                           student_ids=[b])  # fmt: skip
    assert lib.delete_student(a) == 1
    assert [s.code for s in lib.students()] == ["Student B"]
    assert lib.group_students(group)[0].code == "Student B"
    assert [p.id for p in lib.packets()] == [kept]
    with zipfile.ZipFile(io.BytesIO(lib.export_zip())) as archive:
        assert "Maria" not in archive.read("data.json").decode()  # the name went with the row


def test_delete_everything_empties_every_table(lib):
    a = add(lib, "Student A")
    lib.save_group("G", [a])
    lib.save_packet(kind="worksheet", title="T", documents=[doc("x.docx")], student_ids=[a])
    lib.delete_everything()
    assert lib.counts() == {"students": 0, "groups": 0, "packets": 0, "documents": 0}


def test_a_kept_upload_is_replaced_read_back_and_cleared_with_its_page(lib):
    from generators import drafts

    pdf = bytes(range(256)) * 4096  # 1 MB, every byte value: stored as bytes, not text
    drafts.save_file(lib, "worksheet", "upload", "old.pdf", b"old")
    drafts.save_file(lib, "worksheet", "upload", "lesson.pdf", pdf)
    drafts.save_file(lib, "modify", "upload", "test.docx", b"docx")
    drafts.save(lib, "worksheet", {"topic": "Bees"})
    assert drafts.load_file(lib, "worksheet", "upload") == ("lesson.pdf", pdf)
    drafts.clear(lib, "worksheet")
    assert drafts.load_file(lib, "worksheet", "upload") is None
    assert drafts.load_all(lib) == {}
    assert drafts.load_file(lib, "modify", "upload") == ("test.docx", b"docx")
    drafts.drop_file(lib, "modify", "upload")
    assert drafts.load_file(lib, "modify", "upload") is None


@pytest.mark.sqlite_file
def test_two_libraries_on_one_file_see_each_other(db_path, lib):
    add(lib, "Student A")
    other = Library(f"sqlite:///{db_path}")
    try:
        assert [s.code for s in other.students()] == ["Student A"]
    finally:
        other.close()


# --- helpers ---


def test_scrub_drops_private_fields_only_from_student_records():
    inputs = {
        "name": "Water cycle",  # not a student record: kept
        "students": [{"code": "A", "name": "Maria", "birthdate": "2015-01-01", "grade": 3}],
        "caseload": ({"code": "B", "student_id": "123"},),
    }
    assert scrub(inputs) == {
        "name": "Water cycle",
        "students": [{"code": "A", "grade": 3}],
        "caseload": [{"code": "B"}],
    }


def test_levels_of_a_worksheet(sample_material):
    levels = levels_of(sample_material)
    assert [level["target"] for level in levels] == [3, 5]
    assert all(
        level["measured"] is not None and level["passage"] == "as written" for level in levels
    )
    sheet = data_sheet.generate(data_sheet.make_request(goal="Read 60 words a minute.",
                                                        student_code="Student A"))  # fmt: skip
    assert levels_of(sheet) == []  # a kind without reading levels keeps none


@pytest.fixture
def sample_material():
    from samples import sample

    from generators import api, worksheet

    request = worksheet.make_request(
        source_text=sample("water_cycle.txt").read_text(), levels=[3, 5]
    )
    return api.generate("worksheet", request)
