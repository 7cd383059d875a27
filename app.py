"""ParaPrep in the browser. UI only: widgets -> request -> the same API the CLI calls -> downloads.

Run with `make run` (binds to 127.0.0.1:8501). No prompt, model or DOCX code lives here.
"""

from __future__ import annotations

import queue
import threading
from collections.abc import Callable
from typing import Any

import streamlit as st

from generators import api, sources
from generators.domain import accommodations as catalogue
from generators.domain.levels import MAX_GRADE, grade_name
from generators.errors import ParaPrepError
from generators.models import from_env
from generators.worksheet import make_request

LEVEL_OPTIONS = list(range(0, MAX_GRADE + 1))
UNEXPECTED = "Something went wrong that ParaPrep did not expect. Nothing you made was lost."


def run_with_progress(work: Callable[[Callable[[str], None]], Any], status) -> Any:
    """Run `work` in a thread and show its progress lines as they come.

    Streamlit elements can only be written from the script thread, while generation reports
    progress from worker threads, so lines travel through a queue.
    """
    lines: queue.Queue[str] = queue.Queue()
    outcome: dict[str, Any] = {}

    def target() -> None:
        try:
            outcome["value"] = work(lines.put)
        except BaseException as error:  # re-raised in the script thread below
            outcome["error"] = error

    thread = threading.Thread(target=target, daemon=True)
    thread.start()
    while thread.is_alive() or not lines.empty():
        try:
            status.write(lines.get(timeout=0.1))
        except queue.Empty:
            continue
    thread.join()
    if "error" in outcome:
        raise outcome["error"]
    return outcome["value"]


def engine_banner() -> None:
    try:
        model = from_env()
    except ParaPrepError as error:
        st.error(str(error))
        return
    if model.info.is_ai:
        st.caption(f"Engine: {model.info.label}")
    else:
        st.info(
            "Engine: ParaPrep offline engine (no AI). It keeps your source passage as written "
            "and builds activities from it. Set OPENAI_API_KEY or OPENAI_BASE_URL to rewrite "
            "passages for each reading level."
        )


def worksheet_form() -> dict | None:
    with st.form("worksheet"):
        topic = st.text_input("Topic", placeholder="The water cycle")
        upload = st.file_uploader("Source passage (optional)", type=["txt", "md", "docx", "pdf"])
        pasted = st.text_area("...or paste the passage here", height=160)
        levels = st.multiselect(
            "Reading levels (grades)", LEVEL_OPTIONS, default=[3, 5], format_func=grade_name
        )
        chosen = st.multiselect(
            "Accommodations",
            catalogue.ids(),
            format_func=lambda i: f"{catalogue.get(i).name} ({catalogue.get(i).category_label})",
        )
        questions = st.number_input("Questions", min_value=3, max_value=20, value=6)
        language = st.text_input("Glossary language (for a bilingual glossary)")
        if not st.form_submit_button("Generate", type="primary"):
            return None
    return {
        "topic": topic,
        "upload": upload,
        "pasted": pasted,
        "levels": levels,
        "accommodations": chosen,
        "questions": int(questions),
        "language": language,
    }


def build_request(form: dict):
    source_text, source_name = None, None
    if form["upload"] is not None:
        source_name = form["upload"].name
        source_text = sources.read_source_bytes(form["upload"].getvalue(), source_name)
    elif form["pasted"].strip():
        source_text, source_name = sources.read_text(form["pasted"], "pasted text"), "pasted text"
    return make_request(
        topic=form["topic"],
        source_text=source_text,
        source_name=source_name,
        levels=form["levels"],
        accommodations=form["accommodations"],
        questions=form["questions"],
        glossary_language=form["language"],
    )


def generate(form: dict) -> None:
    try:
        request = build_request(form)
        model = from_env()
        with st.status("Making the worksheet...", expanded=True) as status:
            material = run_with_progress(
                lambda progress: api.generate("worksheet", request, model, progress), status
            )
            status.write("Rendering the documents")
            documents = api.render(material)
            status.update(label="Done", state="complete", expanded=False)
    except ParaPrepError as error:
        st.error(str(error))
        return
    except Exception:
        st.error(UNEXPECTED)
        return
    st.session_state["packet"] = (material, documents)


def show_result() -> None:
    if "packet" not in st.session_state:
        return
    material, documents = st.session_state["packet"]
    st.subheader(material.title)
    st.caption(f"Made by {material.engine.label}")
    st.table(
        [
            {
                "Target grade": grade_name(v.target),
                "Measured": f"{v.measured.grade:.1f} ({v.measured.low:.1f}-{v.measured.high:.1f})"
                if v.measured
                else "-",
                "Status": v.status,
                "Revisions": v.revisions,
                "Passage": "rewritten" if v.rewritten else "as written",
                "Facts": "; ".join(v.facts) or "kept",
            }
            for v in material.versions
        ]
    )
    for warning in material.warnings:
        st.warning(warning)
    for document in documents:
        st.download_button(
            f"Download {document.title}",
            document.data,
            file_name=document.filename,
            mime="application/vnd.openxmlformats-officedocument.wordprocessingml.document",
            key=document.filename,
        )


def main() -> None:
    st.set_page_config(page_title="ParaPrep", layout="centered")
    st.title("ParaPrep: leveled worksheet")
    engine_banner()
    form = worksheet_form()
    if form is not None:
        generate(form)
    show_result()


main()
