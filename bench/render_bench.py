"""DOCX render time per document kind: p50 and p95 over repeated renders of one material.

Materials come from the model path with an instant stub (the content a model gives: definitions,
starters) where the kind has a scripted model, else from the offline engine; for the worksheet
both the plain packet and the heaviest layout (every accommodation). The first render of a
process also loads python-docx's template parts: it is reported apart, the percentiles are of
warm renders.
"""

from __future__ import annotations

import time

from bench.cases import KindCase
from bench.latency import INSTANT, SimulatedModel
from bench.model_bench import model_for
from bench.report import Row, median, percentile
from generators import api
from generators.models import OfflineEngine
from paraprep_testing.stub_openai import StubServer

GOAL_P95_MS = 150.0


def render_rows(case: KindCase, renders: int) -> list[Row]:
    section = "DOCX render time (one document)"
    rows = []
    requests = case.render_requests() or [("standard", case.request())]
    if case.responder is None:  # no model in this kind (or no scripted one): offline material
        materials = [
            (f"{label}, offline engine", api.generate(case.kind, request, OfflineEngine()))
            for label, request in requests
        ]
    else:
        with StubServer() as stub:
            stub.set_responder(SimulatedModel(case.responder(), INSTANT))
            materials = [
                (label, api.generate(case.kind, request, model_for(stub)))
                for label, request in requests
            ]
    for variant, material in materials:
        for document, render in case.documents(material):
            first, times = time_renders(render, renders)
            rows.append(
                Row(
                    section,
                    f"{case.kind} {document} ({variant}), p95",
                    percentile(times, 0.95),
                    "ms",
                    goal=GOAL_P95_MS,
                    note=f"p50 {median(times):.0f} ms over {renders} renders; first render in "
                    f"this process {first:.0f} ms",
                )
            )
    return rows


def time_renders(render, count: int) -> tuple[float, list[float]]:
    """Milliseconds: the first render, then `count` more."""
    started = time.perf_counter()
    render()
    first = (time.perf_counter() - started) * 1000
    times = []
    for _ in range(count):
        started = time.perf_counter()
        render()
        times.append((time.perf_counter() - started) * 1000)
    return first, times
