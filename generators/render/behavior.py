"""Behaviour data sheets as one landscape page each.

Every method shares the head of the page: the method, the student's code (never a name), boxes
for the date and observer's initials, the behaviour and its operational definition word for word.
Below sits the method's own recording table, its totals/percent row and one line on how to score.
"""

from __future__ import annotations

from collections.abc import Callable

from generators import textwork
from generators.domain.behavior import ANTECEDENTS, CONSEQUENCES, ROW_LIMITS, BehaviorMaterial
from generators.domain.common import RenderedDocument
from generators.render.docx_base import Writer, slug
from generators.render.forms import end_small, form_table, header_line, identity_boxes, landscape

BOX = "☐"  # ballot box: printed as an empty square to tick
OTHER = f"{BOX} other: ______"


def render(material: BehaviorMaterial) -> list[RenderedDocument]:
    return [render_sheet(material)]


def render_sheet(material: BehaviorMaterial) -> RenderedDocument:
    writer = Writer("standard")
    landscape(writer)
    writer.heading(f"Behaviour data sheet: {material.title}", level=2)
    extra = ("Start time:", "End time:") if material.method != "scatterplot" else ("Setting:",)
    identity_boxes(writer, material.student_code, extra)
    write_definition(writer, material)
    BODIES[material.method](writer, material)
    header_line(
        writer,
        f"Made by the {material.engine.label}, from the inputs only. Student code only: "
        "no name on this sheet.",
    )
    writer.label_pages(material.student_code)
    end_small(writer)
    return RenderedDocument(
        filename=f"behavior_{material.method}_{slug(material.student_code)}.docx",
        role="behavior-sheet",
        title=f"{material.title}, {material.student_code}",
        data=writer.to_bytes(),
    )


def write_definition(writer: Writer, material: BehaviorMaterial) -> None:
    paragraph = writer.paragraph("", "Directions")
    paragraph.add_run(f"Behaviour: {material.behavior}. ").bold = True
    paragraph.add_run("Operational definition: ").bold = True
    paragraph.add_run(material.definition).bold = False


def row_height(material: BehaviorMaterial, tallest: float) -> float:
    """Writing room per row: generous at the default count, shared out when more rows are
    asked for, so the page stays one page."""
    default = ROW_LIMITS[material.method][0]
    return max(20.0, tallest * min(1.0, default / material.rows))


def how(writer: Writer, text: str) -> None:
    writer.paragraph(text, "Small")


def checkboxes(options: tuple[str, ...]) -> str:
    """One option a line, "other" beside the shortest: a column of boxes to tick, one line
    shorter than a line of its own would make it (six rows of six lines ran onto a page 2)."""
    lines = [f"{BOX} {option}" for option in options]
    shortest = min(range(len(options)), key=lambda i: len(options[i]))
    lines[shortest] += f"   {OTHER}"
    return "\n".join(lines)


def abc_body(writer: Writer, material: BehaviorMaterial) -> None:
    header = ["Time", "Setting / activity", "Antecedent (just before)", "Behaviour (what it "
              "looked like)", "Consequence (just after)", "Initials"]  # fmt: skip
    row = ["", "", checkboxes(ANTECEDENTS), "", checkboxes(CONSEQUENCES), ""]
    weights = [0.75, 1.6, 1.85, 3.0, 1.85, 0.7]
    rows = [list(row) for _ in range(material.rows)]
    totals = ["Totals", "Episodes: ____", "Most common: __________", "",
              "Most common: __________", ""]  # fmt: skip
    form_table(writer, header, [*rows, totals], weights, height=58)
    how(
        writer,
        "Write one row per episode, as soon as it ends. Tick what happened just before and just "
        "after; write exactly what was seen and heard in the Behaviour box, not why.",
    )


def frequency_body(writer: Writer, material: BehaviorMaterial) -> None:
    header = ["Date", "Activity", "Start", "Stop", "Minutes observed", "Tally (one mark each "
              "time)", "Total count", "Rate per minute", "Initials"]  # fmt: skip
    weights = [0.95, 1.5, 0.7, 0.7, 0.9, 2.85, 0.8, 0.9, 0.7]
    rows = [[""] * len(weights) for _ in range(material.rows)]
    totals = ["Totals", "", "", "", "", "", "", "", ""]
    form_table(writer, header, [*rows, totals], weights, height=row_height(material, 32))
    how(
        writer,
        "Rate per minute = total count ÷ minutes observed. Totals row: add the minutes and the "
        "counts, then overall rate = all counts ÷ all minutes.",
    )


def duration_body(writer: Writer, material: BehaviorMaterial) -> None:
    header = ["Date", "Activity", "Episode start", "Episode stop", "Duration (min:sec)",
              "What ended it", "Initials"]  # fmt: skip
    weights = [1.0, 1.7, 1.1, 1.1, 1.2, 3.0, 0.9]
    rows = [[""] * len(weights) for _ in range(material.rows)]
    totals = ["Totals", "Episodes: ____", "", "", "Total: ______",
              "Average per episode: ______   % of observed time: ______", ""]  # fmt: skip
    form_table(writer, header, [*rows, totals], weights, height=row_height(material, 28))
    how(
        writer,
        "Start the clock when the behaviour begins (as defined above) and stop it when it ends. "
        "Average = total ÷ episodes; % of observed time = total ÷ minutes observed × 100.",
    )


def latency_body(writer: Writer, material: BehaviorMaterial) -> None:
    header = ["Date", "Instruction or cue given (word for word)", "Time cue given",
              "Time behaviour began", "Latency (seconds)", "Notes", "Initials"]  # fmt: skip
    weights = [1.0, 3.0, 1.1, 1.2, 1.1, 1.7, 0.9]
    rows = [[""] * len(weights) for _ in range(material.rows)]
    totals = ["Totals", "Cues given: ____", "", "", "Average: ____",
              "Shortest: ____   Longest: ____", ""]  # fmt: skip
    form_table(writer, header, [*rows, totals], weights, height=row_height(material, 32))
    how(
        writer,
        "Latency = seconds from the end of the cue to the start of the behaviour. "
        "Average = all latencies ÷ cues given; no response within the wait time: write NR.",
    )


INTERVAL_RULES = {
    "partial": "Mark + if the behaviour happened at any moment in the interval, − if not.",
    "whole": "Mark + only if the behaviour lasted the whole interval, − if not.",
    "time-sampling": "Look up at the END of each interval: + if the behaviour is happening at "
    "that moment, − if not. Do not score what happened between looks.",
}


def boxes_body(writer: Writer, material: BehaviorMaterial) -> None:
    """Interval and momentary time-sampling: numbered boxes, 15 to a row, each with its time."""
    per_row = 15
    labels = list(material.boxes)
    rows = []
    for start in range(0, len(labels), per_row):
        chunk = labels[start : start + per_row]
        cells = [f"{start + i + 1}\n{label}" for i, label in enumerate(chunk)]
        cells += [""] * (per_row - len(chunk))
        rows.append([f"From\n{row_start(material, start)}", *cells, ""])
    header = ["", "Box number and start time: mark + or − in each box", *[""] * (per_row - 1)]
    header.append("Count of +")
    weights = [0.75, *[0.56] * per_row, 0.85]
    table = form_table(writer, header, rows, weights, height=54)
    merge_header(table, per_row)
    seconds = material.interval_seconds or 0
    length = f"{seconds} seconds" if seconds % 60 else textwork.plural(seconds // 60, "minute")
    rule = INTERVAL_RULES[material.interval_type if material.method == "interval" else
                          material.method]  # fmt: skip
    total = len(labels)
    writer.paragraph(
        f"Totals: boxes marked + ______ of {total}  =  ______ %   (+ boxes ÷ {total} × 100)",
        "Directions",
    )
    how(writer, f"{total} intervals of {length}. {rule}")


def row_start(material: BehaviorMaterial, index: int) -> str:
    """The clock time (or time elapsed) at which a row's first box starts."""
    if material.start is None:
        return material.boxes[index]
    seconds = material.start * 60 + index * (material.interval_seconds or 0)
    hours, rest = divmod(seconds, 3600)
    return f"{hours:02d}:{rest // 60:02d}:{rest % 60:02d}"


def merge_header(table, per_row: int) -> None:
    first = table.rows[0].cells[1]
    first.merge(table.rows[0].cells[per_row])


def scatterplot_body(writer: Writer, material: BehaviorMaterial) -> None:
    days = material.rows
    header = ["Time of day", *(f"Day {day}\nDate:" for day in range(1, days + 1)), "Total"]
    weights = [1.3, *[7.8 / days] * days, 0.9]
    rows = [[slot, *[""] * (days + 1)] for slot in material.slots]
    totals = ["Total per day", *[""] * (days + 1)]
    height = max(16, min(30, 300 // max(len(rows), 1)))
    form_table(writer, header, [*rows, totals], weights, height=height)
    how(
        writer,
        "In each box: leave it blank if the behaviour did not happen; draw / if it happened once "
        "or twice; fill the box in if it happened 3 times or more. Patterns by time of day and "
        "activity show when support is needed most.",
    )


BODIES: dict[str, Callable[[Writer, BehaviorMaterial], None]] = {
    "abc": abc_body,
    "frequency": frequency_body,
    "duration": duration_body,
    "latency": latency_body,
    "interval": boxes_body,
    "time-sampling": boxes_body,
    "scatterplot": scatterplot_body,
}
