"""The saved library: the caseload (students, groups) and every packet made, in one SQL database.

Three modules, one concept each: `tables` (where the data lives, the tables, the engine and its
transactions), `repository` (the Library: what callers ask of it, as plain records) and `forms`
(checking what a user typed; what a packet may keep). Every public name is importable from here.
"""

from generators.library.forms import (
    MAX_GOAL_CHARS,
    MAX_GROUP_NAME,
    MAX_NAME,
    MAX_TITLE,
    PRIVATE_FIELDS,
    clip_title,
    json_safe,
    make_student,
    scrub,
)
from generators.library.repository import (
    Group,
    Library,
    Packet,
    PacketSummary,
    SavedStudent,
    delete_packets,
    packet_record,
    summarize,
    to_document,
    to_saved,
)
from generators.library.tables import (
    DATA_DIR_ENV,
    DATABASE_URL_ENV,
    DB_FILENAME,
    StorageError,
    data_dir,
    database_url,
    describe,
    open_engine,
)

__all__ = [
    "DATABASE_URL_ENV", "DATA_DIR_ENV", "DB_FILENAME", "MAX_GOAL_CHARS", "MAX_GROUP_NAME",
    "MAX_NAME", "MAX_TITLE", "PRIVATE_FIELDS", "Group", "Library", "Packet", "PacketSummary",
    "SavedStudent", "StorageError", "clip_title", "data_dir", "database_url", "delete_packets",
    "describe", "json_safe", "make_student", "open_engine", "packet_record", "scrub",
    "summarize", "to_document", "to_saved",
]  # fmt: skip
