"""Progress graph: enter sessions in a small table; the graph, aim and trend lines, and the
decision come back as a DOCX (with the chart) and a PNG."""

from __future__ import annotations

import csv
import io
from functools import partial

import streamlit as st

from generators import progress_graph, registry
from generators.render.graph import png_name, render_png
from ui import common, forms, material
from ui.student_code import code_field

PAGE = "graph"
KIND = registry.get(PAGE)
STARTER = [{"date": "", "value": None, "phase": "Baseline"} for _ in range(3)] + [
    {"date": "", "value": None, "phase": "Intervention"} for _ in range(5)
]


COLUMNS = {
    "date": st.column_config.TextColumn("Date", help="As you write dates, e.g. 2026-09-14 or 9/14"),
    "value": st.column_config.NumberColumn("Value", help="The session's score, e.g. 60 (%)"),
    "phase": st.column_config.TextColumn("Phase", help="e.g. Baseline, Intervention"),
}


def to_csv(rows: list[dict]) -> str:
    """The edited table as the same CSV the command line reads (empty rows left out)."""
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(["date", "value", "phase"])
    for row in rows:
        if row.get("value") not in (None, "") or (row.get("date") or "").strip():
            writer.writerow([row.get("date") or "", row.get("value") or "", row.get("phase") or ""])
    return buffer.getvalue()


def form(roster) -> dict | None:
    with st.container():  # no st.form: fields keep their drafts through callbacks
        values = {"code": code_field(roster, PAGE)}
        values["goal"] = forms.text_area(PAGE, "goal", "Goal, as written in the IEP", height=80)
        values["rows"] = forms.table(
            PAGE, "rows", STARTER, num_rows="dynamic", column_config=COLUMNS
        )
        left, right = st.columns(2)
        values["aim"] = forms.number_input(PAGE, "aim", "Aim (optional)", None, where=left)
        values["mastery"] = forms.text_input(
            PAGE,
            "mastery",
            "Mastery criterion (optional)",
            where=right,
            placeholder="e.g. 80% in 4 of 5 sessions",
        )
        if not st.button("Generate", type="primary", key=f"{PAGE}:generate"):
            return None
    return values


def submit(values: dict, roster) -> None:
    saved = values["code"]
    request = progress_graph.make_request(
        data_text=to_csv(list(values["rows"])),
        goal=values["goal"],
        student_code=saved.code if hasattr(saved, "code") else saved,
        aim=values["aim"],
        mastery=values["mastery"] or None,
        students=[entry.student for entry in roster],
    )
    material.start(PAGE, request, label="Drawing the graph...",
                   student_ids=[saved.id] if hasattr(saved, "id") else [],
                   title=f"Progress graph: {request.student_code}")  # fmt: skip


def show_png() -> None:
    """The PNG beside the DOCX: for slides, emails and the IEP software."""
    from ui import jobs

    result = st.session_state.get(jobs.result_key(PAGE))
    made = getattr(result, "material", None)
    if made is not None and getattr(made, "kind", None) == PAGE:
        st.download_button("Download the graph (PNG)", render_png(made), png_name(made),
                           "image/png", key=f"{PAGE}:png")  # fmt: skip


def main() -> None:
    st.title(KIND.title)
    st.caption(KIND.description)
    roster = common.caseload()
    left, right = material.columns()
    with left:
        values = form(roster)
    with right:
        if values is not None:
            material.submit(PAGE, partial(submit, values, roster))
        material.show_outcome(PAGE)
        with common.user_errors():
            show_png()


main()
