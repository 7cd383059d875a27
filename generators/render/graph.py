"""The progress graph: a matplotlib line graph (PNG) and a DOCX that holds it with its decision.

Conventions of single-case graphs: one point per session, points joined within a phase and not
across a phase line; a dashed vertical line at each phase change, labelled; the aim line dashed;
the trend line (least squares over the current phase) dotted.
"""

from __future__ import annotations

import io

import matplotlib

matplotlib.use("Agg")  # no display: draw to memory only

import itertools

from docx.shared import Inches
from matplotlib import pyplot
from matplotlib.figure import Figure

from generators.domain.common import RenderedDocument
from generators.domain.progress import ProgressMaterial
from generators.render.docx_base import Writer, slug
from generators.render.forms import end_small, header_line, landscape

DPI = 200
SIZE = (10, 4.6)  # inches: the landscape page's width, leaving room for the goal and decision
PICTURE_WIDTH = Inches(9.6)


def render(material: ProgressMaterial) -> list[RenderedDocument]:
    return [render_docx(material, render_png(material))]


def png_name(material: ProgressMaterial) -> str:
    return f"graph_{slug(material.student_code)}.png"


def render_png(material: ProgressMaterial) -> bytes:
    figure = draw(material)
    buffer = io.BytesIO()
    figure.savefig(buffer, format="png", dpi=DPI, bbox_inches="tight",
                   metadata={"Software": None})  # fmt: skip
    pyplot.close(figure)
    return buffer.getvalue()


def draw(material: ProgressMaterial) -> Figure:
    figure, axes = pyplot.subplots(figsize=SIZE)
    sessions = material.sessions
    xs = list(range(len(sessions)))
    starts = [0, *material.phase_changes, len(sessions)]
    for begin, end in itertools.pairwise(starts):
        axes.plot(xs[begin:end], [s.value for s in sessions[begin:end]], "o-", color="black",
                  markersize=5, linewidth=1.4)  # fmt: skip
    top = max([s.value for s in sessions] + [material.aim or 0])
    upper = 100 if material.unit == "%" else top * 1.15 + 1
    for change in material.phase_changes:
        axes.axvline(change - 0.5, color="black", linestyle="--", linewidth=1)
    for begin, end in itertools.pairwise(starts):
        axes.text((begin + end - 1) / 2, upper * 1.01, sessions[begin].phase, ha="center",
                  va="bottom", fontsize=10)  # fmt: skip
    if material.aim_line:
        begin = max(material.phase_changes[-1] - 1, 0) if material.phase_changes else 0
        axes.plot(xs[begin:], material.aim_line[begin:], "--", color="tab:blue", linewidth=1.3,
                  label="Aim line")  # fmt: skip
    if material.trend:
        offset = len(sessions) - len(material.trend)
        axes.plot(xs[offset:], material.trend, ":", color="tab:red", linewidth=2,
                  label="Trend (current phase)")  # fmt: skip
    axes.set_ylim(0, upper)
    axes.set_xlim(-0.5, len(sessions) - 0.5)
    axes.set_xticks(xs)
    rotate = len(sessions) > 12 or max(len(s.label) for s in sessions) > 5
    axes.set_xticklabels([s.label for s in sessions], rotation=45 if rotate else 0,
                         ha="right" if rotate else "center", fontsize=8)  # fmt: skip
    axes.set_ylabel("Percent" if material.unit == "%" else "Count or rate")
    axes.set_xlabel("Session")
    axes.spines[["top", "right"]].set_visible(False)
    if material.aim_line or material.trend:
        axes.legend(loc="lower right", fontsize=9, frameon=False)
    figure.tight_layout()
    return figure


def render_docx(material: ProgressMaterial, png: bytes) -> RenderedDocument:
    writer = Writer("standard")
    landscape(writer)
    writer.heading(f"Progress graph: {material.student_code}", level=2)
    writer.paragraph(f"Goal: {material.goal}", "Passage")
    writer.document.add_picture(io.BytesIO(png), width=PICTURE_WIDTH)
    paragraph = writer.paragraph("", "Directions")
    paragraph.add_run(f"Decision: {material.decision}")
    writer.paragraph(summary(material), "Small")
    header_line(writer, f"Made by the {material.engine.label}, from the entered data only.")
    writer.label_pages(material.student_code)
    end_small(writer)
    return RenderedDocument(
        filename=f"graph_{slug(material.student_code)}.docx",
        role="graph",
        title=f"Progress graph, {material.student_code}",
        data=writer.to_bytes(),
    )


def summary(material: ProgressMaterial) -> str:
    last = material.sessions[-1]
    parts = [f"{len(material.sessions)} sessions; last: {last.label} = {last.value:g}"
             f"{material.unit}."]  # fmt: skip
    if material.mastery:
        parts.append(f"Mastery criterion: {material.mastery.text}.")
    if material.aim is not None:
        parts.append(f"Aim: {material.aim:g}{material.unit}.")
    if material.trend_slope is not None:
        parts.append(f"Trend: {material.trend_slope:+.1f} per session in the current phase.")
    return " ".join(parts)
