"""Offline packet time: every document of a 3-level worksheet, imports included.

Each repetition is a fresh interpreter (nothing cached from earlier runs but the OS file
cache), timed from outside, as a teacher would wait for it: once through the API in a probe
script (which also reports each phase), once through the `paraprep` CLI end to end.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from bench.cases import SOURCE
from bench.report import Row, median

ROOT = Path(__file__).resolve().parents[1]
GOAL_S = 2.0
SECTION = "Offline engine (no AI), fresh process"


def offline_env() -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("OPENAI_", "PARAPREP_"))}
    return env | {"PARAPREP_ENGINE": "offline"}


def timed(command: list[str]) -> tuple[float, str]:
    started = time.perf_counter()
    done = subprocess.run(
        command, cwd=ROOT, env=offline_env(), capture_output=True, text=True, timeout=120
    )
    elapsed = time.perf_counter() - started
    if done.returncode != 0:
        raise RuntimeError(f"{' '.join(command[:4])} failed: {done.stderr.strip()[-500:]}")
    return elapsed, done.stdout


def offline_rows(reps: int) -> list[Row]:
    probe_walls, phases, cli_walls = [], [], []
    with tempfile.TemporaryDirectory(prefix="paraprep-bench-") as tmp:
        for rep in range(reps):
            out = Path(tmp) / f"api{rep}"
            wall, stdout = timed(
                [sys.executable, "-m", "bench.offline_probe", str(SOURCE), str(out)]
            )
            probe_walls.append(wall)
            phases.append(json.loads(stdout.strip().splitlines()[-1]))
            if len(list(out.glob("*.docx"))) != phases[-1]["documents"]:
                raise RuntimeError("the offline probe did not write every document")
            cli = Path(tmp) / f"cli{rep}"
            wall, stdout = timed(
                [sys.executable, "-m", "generators.cli", "worksheet", "--source", str(SOURCE),
                 "--levels", "2,5,8", "--out", str(cli), "--json"]
            )  # fmt: skip
            cli_walls.append(wall)
            if len(json.loads(stdout)["files"]) != phases[-1]["documents"]:
                raise RuntimeError("the CLI did not write every document")
    split = ", ".join(f"{name} {median(p[name] for p in phases):.2f} s" for name in
                      ("imports", "generate", "render", "write"))  # fmt: skip
    return [
        Row(
            SECTION,
            "3-level worksheet, all documents (API)",
            median(probe_walls),
            "s",
            goal=GOAL_S,
            note=f"median of {reps} fresh `python -m bench.offline_probe` runs "
            f"(max {max(probe_walls):.2f} s), {phases[0]['documents']} documents written; "
            f"inside: {split}; the rest is interpreter start and exit",
        ),
        Row(
            SECTION,
            "CLI end to end",
            median(cli_walls),
            "s",
            goal=GOAL_S,
            note=f"median of {reps} runs of `python -m generators.cli worksheet --source "
            f"water_cycle.txt --levels 2,5,8 --out DIR --json` (max {max(cli_walls):.2f} s)",
        ),
    ]
