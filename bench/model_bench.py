"""Packets through the model path: wall time against the slowest call, calls and tokens,
prompt prefixes, and concurrent packets.

Every packet goes through `generators.api.generate` with the model `generators.models.from_env`
builds for an OpenAI-compatible server (the stub), exactly as the CLI and the app make it.
"""

from __future__ import annotations

import threading
import time
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, replace
from typing import Any

from bench.cases import KindCase
from bench.latency import INSTANT, Call, Latency, SimulatedModel
from bench.report import Row, median
from generators import api
from generators.models import Model, from_env
from paraprep_testing.stub_openai import StubServer


def model_for(stub: StubServer) -> Model:
    env = {
        "OPENAI_API_KEY": "bench",
        "OPENAI_BASE_URL": stub.base_url,
        "PARAPREP_MODEL": "stub-model",
        "PARAPREP_TIMEOUT": "600",  # queued requests under a slot limit must not time out
    }
    return from_env("openai", env=env)


class SerialModel:
    """The naive tool: the same generator, but one model call at a time (a lock around each
    call), whatever concurrency the generator asks for. Calls, prompts and replies are the
    same as the concurrent run's; only their overlap is taken away."""

    def __init__(self, model: Model) -> None:
        self._model = model
        self._lock = threading.Lock()
        self.info = model.info
        self.usage = model.usage

    def generate(self, messages, output):
        with self._lock:
            return self._model.generate(messages, output)


@dataclass(frozen=True)
class Packet:
    wall: float
    calls: list[Call]
    usage: dict[str, int]
    material: Any

    @property
    def slowest(self) -> float:
        return max((call.service for call in self.calls), default=0.0)

    @property
    def ratio(self) -> float:
        return self.wall / self.slowest if self.slowest else float("nan")


def run_packet(
    stub: StubServer, sim: SimulatedModel, case: KindCase, request: Any, serial: bool = False
) -> Packet:
    sim.take_calls()
    model = model_for(stub)
    started = time.perf_counter()
    material = api.generate(case.kind, request, SerialModel(model) if serial else model)
    wall = time.perf_counter() - started
    return Packet(wall, sim.take_calls(), model.usage.as_dict(), material)


# --- Packet wall time against the slowest single call ---


def longest_chain(calls: Sequence[Call]) -> float:
    """The most model time on one chain of calls that ran back to back (each starting after
    the previous finished): the part of a packet's wall time the model itself dictates, given
    the order its calls depend on one another. The rest of the wall time is ParaPrep's."""
    ordered = sorted(calls, key=lambda c: c.finished)
    best: list[float] = []
    for i, call in enumerate(ordered):
        before = [best[j] for j in range(i) if ordered[j].finished <= call.started]
        best.append(call.service + max(before, default=0.0))
    return max(best, default=0.0)


def ratio_rows(
    stub: StubServer, sim: SimulatedModel, case: KindCase, reps: int
) -> tuple[list[Row], Packet]:
    section = f"Model packet: {case.packet}"
    latency, sim.latency = sim.latency, INSTANT
    cold = run_packet(stub, sim, case, case.request())  # first use in the process, not counted
    sim.latency = latency
    single = cold.usage["calls"] == 1  # jitter scales wall and call alike: one packet will do
    packets = [run_packet(stub, sim, case, case.request()) for _ in range(1 if single else reps)]
    variants = [(label, run_packet(stub, sim, case, request)) for label, request in case.variants()]
    serial = None if single else run_packet(stub, sim, case, case.request(), serial=True)
    check_failures(case, [cold, *packets, *(p for _, p in variants), *([serial] if serial else [])])
    ratios = [p.ratio for p in packets]
    wall = median(p.wall for p in packets)
    chain = median(longest_chain(p.calls) for p in packets)
    rows = [
        Row(
            section,
            "packet wall ÷ slowest call",
            median(ratios),
            "x",
            goal=1.15,
            note=f"median of {len(packets)} packets ({', '.join(f'{r:.3f}' for r in ratios)}); "
            f"wall "
            f"{wall:.2f} s, slowest call {median(p.slowest for p in packets):.2f} s at the stub; "
            f"{packets[0].usage['calls']} calls a packet",
        ),
        Row(
            section,
            "packet wall ÷ longest call chain",
            median(p.wall / longest_chain(p.calls) for p in packets),
            "x",
            note=f"longest chain of calls that ran one after another: {chain:.2f} s "
            f"({chain_schemas(packets[0].calls)}); the model's share of the wall time",
        ),
        Row(
            section,
            "ParaPrep's own time in a packet",
            (wall - chain) * 1000,
            "ms",
            note="wall minus the longest call chain (median): measuring, fact checks, HTTP, "
            f"parsing, assembly. The first packet in a process (instant model) took "
            f"{cold.wall * 1000:.0f} ms: first-use loads",
        ),
    ]
    rows += [
        Row(
            section,
            f"packet wall ÷ slowest call, {label}",
            packet.ratio,
            "x",
            note=f"one packet: wall {packet.wall:.2f} s, {packet.usage['calls']} calls, slowest "
            f"call {packet.slowest:.2f} s, longest chain {longest_chain(packet.calls):.2f} s",
        )
        for label, packet in variants
    ]
    if serial is None:
        why = "not measured: one model call a packet, so one at a time is the same packet"
        rows += [
            Row(section, "one call at a time ÷ slowest call", None, "x", note=why),
            Row(section, "speed-up over one call at a time", None, "x", note=why),
        ]
        return rows, packets[0]
    rows += [
        Row(
            section,
            "one call at a time ÷ slowest call",
            serial.ratio,
            "x",
            note=f"same generator, model calls serialised by a lock (the naive tool): wall "
            f"{serial.wall:.2f} s, sum of calls {sum(c.service for c in serial.calls):.2f} s",
        ),
        Row(
            section,
            "speed-up over one call at a time",
            serial.wall / wall,
            "x",
            note="one-at-a-time wall ÷ median concurrent wall, same run",
        ),
    ]
    return rows, packets[0]


def chain_schemas(calls: Sequence[Call]) -> str:
    """Which calls make up the longest chain, e.g. 'WorksheetCore → AnswerCheck'."""
    ordered = sorted(calls, key=lambda c: c.finished)
    best: list[tuple[float, list[str]]] = []
    for i, call in enumerate(ordered):
        before = [best[j] for j in range(i) if ordered[j].finished <= call.started]
        total, names = max(before, default=(0.0, []))
        best.append((total + call.service, [*names, call.schema]))
    return " → ".join(max(best, default=(0.0, []))[1])


def check_failures(case: KindCase, packets: Sequence[Packet]) -> None:
    """A packet with a failed part is not a benchmark of a packet: stop and say so."""
    for packet in packets:
        failed = [v for v in getattr(packet.material, "versions", ()) if v.status == "failed"]
        if failed:
            raise RuntimeError(
                f"{case.kind}: a part failed during the benchmark: {failed[0].error}"
            )


# --- Calls and tokens, with the revise loop on and off ---


def usage_rows(
    stub: StubServer, sim: SimulatedModel, case: KindCase, first: Packet, revisions: int
) -> list[Row]:
    section = f"Model calls and tokens: {case.packet}"
    rows = usage_of("default request", first, section, "the ratio's first packet")
    if case.with_revisions is None:
        return rows  # the kind has no revise loop
    request = case.request()
    off, on = case.with_revisions(request, 0), case.with_revisions(request, revisions)
    if off is None or on is None or case.missed_drafts is None:
        missing = "revise loop not yet present (the request has no max_revisions)"
        return rows + [
            Row(section, f"{name}, revise {state}", None, unit, note=missing)
            for state in ("off", "on")
            for name, unit in (("calls", "calls"), ("prompt tokens", "tokens"),
                               ("completion tokens", "tokens"))
        ]  # fmt: skip
    responder, sim.responder = sim.responder, case.missed_drafts()
    try:
        packet_off = run_packet(stub, sim, case, off)
        packet_on = run_packet(stub, sim, case, on)
    finally:
        sim.responder = responder
    check_failures(case, [packet_off, packet_on])
    return (
        rows
        + usage_of(
            "revise off, drafts miss",
            packet_off,
            section,
            f"max_revisions=0, first drafts out of band; {in_band(packet_off)}; "
            f"wall {packet_off.wall:.2f} s",
        )
        + usage_of(
            "revise on, drafts miss",
            packet_on,
            section,
            f"max_revisions={revisions}, first drafts out of band, revisions in band; "
            f"{revisions_made(packet_on)} revision(s) made; {in_band(packet_on)}; "
            f"wall {packet_on.wall:.2f} s",
        )
    )


def in_band(packet: Packet) -> str:
    versions = getattr(packet.material, "versions", ())
    return f"{sum(v.status == 'in-band' for v in versions)} of {len(versions)} levels in band"


def revisions_made(packet: Packet) -> int:
    return sum(getattr(v, "revisions", 0) for v in getattr(packet.material, "versions", ()))


def usage_of(label: str, packet: Packet, section: str, how: str) -> list[Row]:
    usage = packet.usage
    stub_prompt = sum(c.prompt_tokens for c in packet.calls)
    stub_completion = sum(c.completion_tokens for c in packet.calls)
    agree = (
        "the stub counted the same"
        if (len(packet.calls), stub_prompt, stub_completion)
        == (usage["calls"], usage["prompt_tokens"], usage["completion_tokens"])
        else f"the stub counted {len(packet.calls)} calls, {stub_prompt}+{stub_completion} tokens"
    )
    by_schema: dict[str, int] = defaultdict(int)
    for call in packet.calls:
        by_schema[call.schema] += 1
    schemas = ", ".join(f"{n}x {name}" for name, n in sorted(by_schema.items()))
    return [
        Row(section, f"calls, {label}", usage["calls"], "calls", note=f"{how}; {schemas}"),
        Row(section, f"prompt tokens, {label}", usage["prompt_tokens"], "tokens", note=agree),
        Row(section, f"completion tokens, {label}", usage["completion_tokens"], "tokens"),
    ]


# --- Stable prompt prefixes (providers cache a repeated prefix) ---


def prefix_rows(case: KindCase, packet: Packet) -> list[Row]:
    section = f"Model packet: {case.packet}"
    calls = packet.calls
    systems: dict[str, set[str]] = defaultdict(set)
    for call in calls:
        systems[call.schema].add(system_text(call))
    stable = all(len(texts) == 1 for texts in systems.values())
    kinds = ", ".join(f"{name} ({len(texts)} distinct)" for name, texts in sorted(systems.items()))
    prompts = [prompt_text(call) for call in calls]
    total = sum(len(p) for p in prompts) or 1
    shared = sum(
        max((common_prefix(p, q) for j, q in enumerate(prompts) if j != i), default=0)
        for i, p in enumerate(prompts)
    )
    system_chars = sum(len(system_text(call)) for call in calls)
    return [
        Row(
            section,
            "prompt chars in a prefix shared within the packet",
            100 * shared / total,
            "%",
            note="per call, the longest prefix it shares with another call of the same "
            "packet; the part a provider's prompt cache can reuse",
        ),
        Row(
            section,
            "prompt chars in system prompts",
            100 * system_chars / total,
            "%",
            note=(
                "system prompt identical across the calls of each schema: "
                + ("yes" if stable else "NO")
                + f" ({kinds}); the same for every packet"
            ),
        ),
    ]


def system_text(call: Call) -> str:
    return "\n".join(str(m.get("content", "")) for m in call.messages if m.get("role") == "system")


def prompt_text(call: Call) -> str:
    return "\n".join(f"{m.get('role')}: {m.get('content', '')}" for m in call.messages)


def common_prefix(a: str, b: str) -> int:
    """Characters two prompts share from their start (a cache matches a prefix, not words)."""
    for index, (x, y) in enumerate(zip(a, b, strict=False)):
        if x != y:
            return index
    return min(len(a), len(b))


# --- Concurrent packets ---


def scaling_rows(
    stub: StubServer, sim: SimulatedModel, case: KindCase, counts: Sequence[int], slots: int
) -> list[Row]:
    """Without jitter, so that growth with the number of packets is ParaPrep's (CPU, GIL,
    HTTP client) or the model server's (slots), not the dice."""
    section = f"Scaling: {case.packet}, packets started at once"
    latency, sim.latency = sim.latency, replace(sim.latency, jitter=0.0)
    try:
        runs = [(count, *concurrent_packets(stub, sim, case, count)) for count in counts]
    finally:
        sim.latency = latency
    rows, baseline = [], None
    for count, walls, calls, peak in runs:
        middle = median(walls)
        baseline = baseline or middle
        chain = longest_chain(calls)
        queued = max(c.queued for c in calls)
        rows.append(
            Row(
                section,
                f"{count} at once: median packet wall",
                middle,
                "s",
                note=f"max {max(walls):.2f} s; {middle / baseline:.2f}x the first row; median "
                f"÷ longest call chain {middle / chain:.2f}x; {len(calls)} calls, {peak} in "
                "flight at peak"
                + (
                    f"; longest wait for one of {slots} model slots {queued:.2f} s" if slots else ""
                ),
            )
        )
    (first, _, _, first_peak), (count, _, _, peak) = runs[0], runs[-1]
    linear = peak >= first_peak * count / first
    rows.append(
        Row(
            section,
            f"peak model requests in flight ({count} at once)",
            peak,
            "requests",
            note=(
                f"{first_peak} for {first} at once: grows in step with the packets, so nothing "
                "limits concurrent model calls across packets"
                if linear
                else f"{first_peak} for {first} at once: held below the packets' own demand"
            )
            + (f"; the simulated server ran {slots} at a time" if slots else ""),
        )
    )
    return rows


def concurrent_packets(
    stub: StubServer, sim: SimulatedModel, case: KindCase, count: int
) -> tuple[list[float], list[Call], int]:
    """`count` users pressing Generate at the same moment, each with their own model object
    (as the app builds one per click)."""
    sim.take_calls()
    start = threading.Barrier(count)
    walls: list[float] = []
    errors: list[BaseException] = []
    lock = threading.Lock()

    def one() -> None:
        request, model = case.request(), model_for(stub)
        start.wait()
        began = time.perf_counter()
        try:
            api.generate(case.kind, request, model)
        except BaseException as error:  # reported below; a thread must not swallow it
            errors.append(error)
            return
        with lock:
            walls.append(time.perf_counter() - began)

    threads = [threading.Thread(target=one) for _ in range(count)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    if errors:
        raise RuntimeError(f"{count} concurrent packets: {errors[0]}") from errors[0]
    peak = sim.peak_in_flight
    return walls, sim.take_calls(), peak


def start_stub(case: KindCase, latency: Latency, slots: int, seed: int):
    stub = StubServer()
    sim = SimulatedModel(case.responder(), latency, slots=slots, seed=seed)
    stub.set_responder(sim)
    return stub, sim
