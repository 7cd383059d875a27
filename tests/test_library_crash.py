"""The library survives a writer killed mid-save: at most the packet being saved is lost.

A child process saves packets with large documents in a loop and reports each commit; the
test SIGKILLs it at random moments while it writes, then reopens the database and checks that
every reported packet is whole, nothing half-written is visible, and SQLite's integrity check
passes. Repeated a few times so the kill lands at different points of a write.
"""

from __future__ import annotations

import hashlib
import os
import random
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from generators.library import Library

WRITER = r"""
import hashlib, sys
from generators.domain.common import RenderedDocument
from generators.library import Library

library = Library(sys.argv[1])
number = 0
while True:
    number += 1
    body = hashlib.sha256(str(number).encode()).digest() * 40_000  # 1.25 MB per document
    documents = [
        RenderedDocument(filename=f"p{number}-{i}.docx", role="student", title="t", level=3,
                         data=body + bytes([i]))
        for i in range(3)
    ]
    library.save_packet(kind="worksheet", title=f"Packet {number}", documents=documents)
    print(number, flush=True)
"""


def expected_data(number: int, index: int) -> bytes:
    return hashlib.sha256(str(number).encode()).digest() * 40_000 + bytes([index])


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_killing_a_writer_mid_save_loses_at_most_that_packet(tmp_path: Path, seed: int):
    database = tmp_path / "paraprep.sqlite3"
    url = f"sqlite:///{database}"
    Library(url).close()  # create the schema first, as the app does at start
    writer = subprocess.Popen(
        [sys.executable, "-c", WRITER, url],
        stdout=subprocess.PIPE,
        text=True,
        cwd=Path(__file__).resolve().parents[1],
    )
    reported = 0
    while reported < 3:  # let a few saves land first
        line = writer.stdout.readline()
        assert line, "the writer died before saving"
        reported = int(line)
    time.sleep(random.Random(seed).uniform(0.0, 0.3))  # then kill it somewhere in a save
    os.kill(writer.pid, signal.SIGKILL)
    writer.wait(timeout=10)
    reported = max([reported, *(int(line) for line in writer.stdout.read().split())])

    with sqlite3.connect(database) as connection:
        assert connection.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    library = Library(url)
    try:
        packets = library.packets()
        numbers = sorted(int(p.title.split()[1]) for p in packets)
        assert numbers == list(range(1, len(numbers) + 1))  # no gaps: nothing earlier lost
        assert len(numbers) >= reported  # every reported save survived the kill
        assert len(numbers) <= reported + 1  # at most the one being written when killed
        for summary in packets:  # and every visible packet is whole
            packet = library.packet(summary.id)
            number = int(summary.title.split()[1])
            assert [d.data for d in packet.documents] == [
                expected_data(number, i) for i in range(3)
            ]
    finally:
        library.close()
