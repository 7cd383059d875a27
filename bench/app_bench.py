"""App responsiveness: reruns of the worksheet page, and Generate to the first progress line.

The page runs under AppTest in a fresh interpreter (bench/app_probe.py, which explains the
probes), once with the offline engine and once with a model configured (the stub, answering
instantly: the first progress line comes before any model call, so model latency does not
change it, and the run stays short).
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile

from bench.cases import SOURCE, KindCase
from bench.latency import INSTANT, SimulatedModel
from bench.offline_bench import ROOT
from bench.report import Row, median, percentile
from paraprep_testing.stub_openai import StubServer

GOAL_RERUN_MS = 300.0
SECTION = "App (Streamlit AppTest, worksheet page)"


def probe(env: dict[str, str], reruns: int, clicks: int) -> dict:
    done = subprocess.run(
        [sys.executable, "-m", "bench.app_probe", str(SOURCE), str(reruns), str(clicks)],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=600,
    )
    if done.returncode != 0:
        raise RuntimeError(f"app probe failed: {(done.stderr or done.stdout).strip()[-800:]}")
    return json.loads(done.stdout.strip().splitlines()[-1])


def base_env(data_dir: str) -> dict[str, str]:
    """The user's environment without model settings, and a throwaway library (the pages
    save every packet): the bench never touches the user's own saved data."""
    env = {k: v for k, v in os.environ.items() if not k.startswith(("OPENAI_", "PARAPREP_"))}
    return env | {"PARAPREP_DATA_DIR": data_dir}


def app_rows(case: KindCase, reruns: int, clicks: int = 2) -> list[Row]:
    with tempfile.TemporaryDirectory(prefix="paraprep-bench-") as data_dir:
        return measure(case, reruns, clicks, data_dir)


def measure(case: KindCase, reruns: int, clicks: int, data_dir: str) -> list[Row]:
    offline = probe(base_env(data_dir) | {"PARAPREP_ENGINE": "offline"}, reruns, clicks)
    with StubServer() as stub:
        stub.set_responder(SimulatedModel(case.responder(), INSTANT))
        model_env = base_env(data_dir) | {
            "OPENAI_API_KEY": "bench",
            "OPENAI_BASE_URL": stub.base_url,
            "PARAPREP_MODEL": "stub-model",
        }
        model = probe(model_env, reruns, clicks)
    rows = []
    for engine, result in (("offline engine", offline), ("model configured", model)):
        times = [t * 1000 for t in result["reruns"]]
        rows.append(
            Row(
                SECTION,
                f"rerun without generating ({engine}), p95",
                percentile(times, 0.95),
                "ms",
                goal=GOAL_RERUN_MS,
                note=f"p50 {median(times):.0f} ms over {len(times)} reruns; first page load in "
                f"a fresh process {result['first_load'] * 1000:.0f} ms (after "
                f"{result['imports'] * 1000:.0f} ms importing Streamlit and AppTest)",
            )
        )
    for engine, result in (("offline engine", offline), ("model configured", model)):
        for number, click in enumerate(result["clicks"], 1):
            which = "first click in the process" if number == 1 else f"click {number}"
            rows.append(
                Row(
                    SECTION,
                    f"Generate → first progress line ({engine}, {which})",
                    click["to_write"] * 1000,
                    "ms",
                    note=f"the page's first line in st.status: “{click['write_line'][:50]}”; "
                    f"the generator's own first report (api.generate's progress) came "
                    f"{click['to_callback'] * 1000:.0f} ms after the click: "
                    f"“{click['callback_line'][:50]}”; whole click {click['to_done']:.2f} s",
                )
            )
    return rows
