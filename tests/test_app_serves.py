"""`make run` really serves: its own command starts the app and the health check answers "ok"."""

from __future__ import annotations

import shutil
import sys
from pathlib import Path

import pytest
from app_server import ROOT, free_port, running


@pytest.mark.skipif(shutil.which("make") is None, reason="make is not installed")
def test_make_run_serves_the_app(tmp_path):
    port = free_port()
    venv = Path(sys.executable).parent.parent  # the environment running the tests
    # -o: take the install stamp as up to date, so the test never reinstalls anything.
    command = ["make", "--no-print-directory", "-o", f"{venv}/.installed", f"VENV={venv}",
               f"PORT={port}", "run"]  # fmt: skip
    env = {"PARAPREP_DATA_DIR": str(tmp_path / "data")}
    with running(command, port, env, tmp_path / "server.log") as seconds:
        print(f"make run: healthy after {seconds:.1f} s")
    assert (ROOT / "Makefile").read_text().count("--server.address 127.0.0.1") == 1
