"""`python -m bench`: run every benchmark, print the table, write BENCHMARKS.md.

What is measured (see each module for how):
- model packets (bench/model_bench.py): wall time ÷ slowest single model call, against the same
  generator with its model calls made one at a time; calls and tokens with the revise loop off
  and on; how much of the prompts is a stable, cacheable prefix; concurrent packets;
- DOCX render time per document kind (bench/render_bench.py);
- the offline packet in a fresh process, API and CLI (bench/offline_bench.py);
- the Streamlit page: reruns, and Generate to the first progress line (bench/app_bench.py).

Model latency is simulated at the loopback stub: time to first token plus completion tokens ÷
tokens per second, times a random factor within ±jitter (bench/latency.py).
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from collections.abc import Callable, Sequence
from pathlib import Path

from bench import cases
from bench.app_bench import app_rows
from bench.latency import INSTANT, Latency
from bench.model_bench import prefix_rows, ratio_rows, scaling_rows, start_stub, usage_rows
from bench.offline_bench import ROOT, offline_rows
from bench.render_bench import render_rows
from bench.report import Row, document, load_average, text_table

SMOKE = {
    "reps": 1,
    "renders": 3,
    "offline_reps": 1,
    "app_reruns": 2,
    "scaling": "1,2",
    "revisions": 1,
}

NOTES = [
    "Latency model: each reply takes (ttft + completion tokens ÷ tokens/s) × (1 ± jitter, "
    "uniform), completion tokens estimated as the stub does (4 characters a token). The "
    "'slowest call' is the longest such time at the stub within the same packet.",
    "Longest call chain: of the packet's calls, the chain that ran back to back (each starting "
    "after the previous ended) with the most model time. Wall ÷ chain near 1 means ParaPrep adds "
    "little of its own; chain above the slowest call means calls wait on one another.",
    "One at a time: the same packet through the same generator, with a lock around the model's "
    "generate() so no two calls overlap: what a tool that asks for each level in turn would take.",
    "Revise loop: 'drafts miss' plays a model whose first rewrite of each level is the source "
    "as written (out of band) and whose revision lands in band; 'default request' is the "
    "scripted model of tests/worksheet_stub.py, whose drafts are in band at once.",
    "Scaling: N threads start N packets at the same moment, each with its own model object, as "
    "N app sessions would, without jitter so that growth is ParaPrep's; 'in flight' counts "
    "requests sent and not yet answered, so it shows whether anything limits concurrent calls.",
    "DOCX: nearest-rank percentiles over warm renders of one material, made through the model "
    "path (instant stub) where the kind has a scripted model, else by the offline engine.",
    "Offline and app figures come from fresh interpreters (subprocesses), so imports and "
    "first-use loads (e.g. the CMU dictionary) count as a user would wait for them. The app "
    "runs app.py under AppTest with a throwaway library folder (PARAPREP_DATA_DIR).",
    "The machine may be shared (see the load average): p95s move with other work on it, "
    "ratios much less, since both sides are taken in the same run.",
]


def parse_args(argv: Sequence[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="python -m bench", description=__doc__.split("\n")[0])
    parser.add_argument("--ttft", type=float, default=0.3, help="seconds to first token (0.3)")
    parser.add_argument("--tps", type=float, default=60.0, help="completion tokens/s (60)")
    parser.add_argument("--jitter", type=float, default=0.2, help="± share of latency (0.2)")
    parser.add_argument("--seed", type=int, default=0, help="seed for the jitter (0)")
    parser.add_argument("--reps", type=int, default=3, help="packets for the ratio (3)")
    parser.add_argument("--renders", type=int, default=30, help="renders per document (30)")
    parser.add_argument("--offline-reps", type=int, default=5, help="fresh processes (5)")
    parser.add_argument("--app-reruns", type=int, default=10, help="page reruns (10)")
    parser.add_argument("--scaling", default="1,5,10,20", help="concurrent packets (1,5,10,20)")
    parser.add_argument(
        "--slots", type=int, default=0, help="requests the model serves at once (0: no limit)"
    )
    parser.add_argument("--revisions", type=int, default=2, help="revise budget when on (2)")
    parser.add_argument(
        "--output", default=str(ROOT / "BENCHMARKS.md"), help="Markdown file to write"
    )
    parser.add_argument(
        "--smoke", action="store_true", help="tiny numbers and no latency: checks the harness"
    )
    args = parser.parse_args(argv)
    if args.smoke:
        for name, value in SMOKE.items():
            setattr(args, name, value)
        args.ttft, args.tps, args.jitter = 0.0, 0.0, 0.0
    return args


def latency_of(args: argparse.Namespace) -> Latency:
    if not args.ttft and not args.tps:
        return INSTANT
    return Latency(ttft=args.ttft, tokens_per_second=args.tps or None, jitter=args.jitter)


def flags_of(args: argparse.Namespace) -> str:
    if args.smoke:
        return "--smoke"
    shown = ["ttft", "tps", "jitter", "seed", "reps", "renders", "offline_reps", "app_reruns",
             "scaling", "slots", "revisions"]  # fmt: skip
    return " ".join(f"--{name.replace('_', '-')} {getattr(args, name)}" for name in shown)


def model_rows(args: argparse.Namespace) -> list[Row]:
    rows: list[Row] = []
    counts = [int(n) for n in args.scaling.split(",") if n.strip()]
    first = True
    for case in cases.available():
        if case.responder is None:
            if case.model_note:
                rows.append(not_measured(case, case.model_note))
            continue
        stub, sim = start_stub(case, latency_of(args), args.slots, args.seed)
        with stub:
            say(f"{case.packet}: packets")
            ratio, packet = ratio_rows(stub, sim, case, args.reps)
            rows += ratio
            rows += usage_rows(stub, sim, case, packet, args.revisions)
            rows += prefix_rows(case, packet)
            if first:  # the worksheet: the packet most users make
                say(f"{case.packet}: {args.scaling} packets at once")
                rows += scaling_rows(stub, sim, case, counts, args.slots)
                first = False
    rows += [not_measured(case, f"the '{case.kind}' kind is not registered yet") for case in
             cases.missing()]  # fmt: skip
    return rows


def not_measured(case: cases.KindCase, why: str) -> Row:
    return Row(
        f"Model packet: {case.packet}",
        "packet wall ÷ slowest call",
        None,
        "x",
        goal=1.15,
        note=f"not measured: {why}",
    )


def say(message: str) -> None:
    print(f"bench: {message}", file=sys.stderr, flush=True)


def main(argv: Sequence[str] | None = None) -> int:
    args = parse_args(argv)
    # A developer's HTTP(S)_PROXY must not route loopback calls to the stub through a proxy.
    bypass = [host for host in os.environ.get("NO_PROXY", "").split(",") if host]
    os.environ["NO_PROXY"] = ",".join(dict.fromkeys([*bypass, "127.0.0.1"]))
    started, load = time.perf_counter(), load_average()
    steps: list[tuple[str, Callable[[], list[Row]]]] = [
        ("model packets against the stub", lambda: model_rows(args)),
        (
            "DOCX renders",
            lambda: [r for c in cases.available() for r in render_rows(c, args.renders)],
        ),
        ("offline packets in fresh processes", lambda: offline_rows(args.offline_reps)),
        ("the Streamlit page", lambda: app_rows(cases.CASES[0], args.app_reruns)),
    ]
    rows: list[Row] = []
    for name, step in steps:
        say(f"{name}...")
        step_started = time.perf_counter()
        rows += step()
        say(f"{name}: {time.perf_counter() - step_started:.0f} s")
    elapsed = time.perf_counter() - started
    print(text_table(rows))
    load = f"{load} / {load_average()}"
    text = document(rows, flags_of(args), elapsed, NOTES, load)
    Path(args.output).write_text(text + kept_sections(Path(args.output)), encoding="utf-8")
    print(f"\nwrote {args.output} ({elapsed:.0f} s)")
    return 0


def kept_sections(path: Path) -> str:
    """Sections other tools write into the same file (between their own markers), kept as is:
    e.g. the reading-level evaluation against teachers (generators/readability_eval.py)."""
    from generators.readability_eval import SECTION_END, SECTION_START

    text = path.read_text(encoding="utf-8") if path.exists() else ""
    if SECTION_START not in text or SECTION_END not in text:
        return ""
    section = text[text.index(SECTION_START) : text.index(SECTION_END) + len(SECTION_END)]
    return f"\n{section}\n"
