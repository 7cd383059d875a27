"""What every material page does after its form: generate in a job, render, save, show."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from datetime import UTC, datetime, timedelta
from typing import Any

import streamlit as st

from generators import api, registry, settings_store
from generators.errors import InputError, ParaPrepError
from generators.library import SavedStudent
from generators.models import Model
from ui import common, forms, jobs, notes, results, wording

FOR_LEVELS = "Reading levels I choose"
FOR_STUDENTS = "Students on my caseload"


def start(
    page: str,
    request: Any,
    *,
    label: str,
    inputs: Mapping[str, Any] | None = None,
    student_ids: Iterable[int] = (),
    warnings: Iterable[str] = (),
    title: str | None = None,
    model: Model | None = None,
    what: str = "",
) -> None:
    """Generate `page`'s kind (the page name is the kind name) from a checked request."""
    lib = common.library()
    model = model or settings_store.model()
    ids, extra = list(student_ids), list(warnings)
    inputs = dict(inputs if inputs is not None else request.model_dump(mode="json"))
    # A whole caseload rides along in some requests only to redact names; the packet keeps
    # only what concerns the students it was made for.
    inputs.pop("caseload", None)

    def work(progress):
        progress(f"Starting with the {model.info.label}")
        material = api.generate(page, request, model, progress)
        progress("Rendering the documents and checking them for print")
        documents = api.render(material)
        return results.keep(
            lib,
            kind=page,
            material=material,
            documents=documents,
            inputs=inputs,
            student_ids=ids,
            warnings=extra,
            title=title,
        )

    levels = len(getattr(request, "levels", ()) or ())
    jobs.start(page, label, work, what=what, levels=levels)


def start_for_students(
    page: str,
    chosen: Sequence[SavedStudent],
    fields: Mapping[str, Any],
    *,
    roster: Sequence[SavedStudent] = (),
    label: str,
    warnings: Iterable[str] = (),
) -> None:
    """Make `page`'s kind for each chosen student (the API's caseload call), then save it."""
    if not chosen:
        raise InputError("Choose at least one student or a group.")
    lib = common.library()
    kind = registry.get(page)
    model = settings_store.model() if kind.uses_model else None
    students = [saved.student for saved in chosen]
    everyone = [saved.student for saved in roster] or students
    extra = list(warnings)

    def work(progress):
        if model is not None:
            codes = ", ".join(student.code for student in students)
            progress(f"Starting with the {model.info.label}: copies for {codes}")
        packet = api.make_for_students(
            page, students, fields, roster=everyone, model=model, progress=progress
        )
        return results.keep(
            lib,
            kind=page,
            material=packet.materials[0],
            documents=packet.documents,
            inputs=packet.inputs,
            student_ids=[saved.id for saved in chosen],
            warnings=[*extra, *packet.warnings, *not_applied_beyond_first(packet.materials)],
            title=packet.title,
        )

    codes = ", ".join(saved.code for saved in chosen)
    jobs.start(page, label, work, what=f"the copies for {codes}")


def not_applied_beyond_first(materials: Sequence[Any]) -> list[str]:
    """The first copy's ledger is shown from its material; the other copies' NOT APPLIED lines
    travel as warnings, so every copy's gaps are on screen."""
    return [
        f"{notes.NOT_APPLIED}: {line}"
        for made in materials[1:]
        for line in notes.not_applied_lines(made)
    ]


def submit(page: str, action: Callable[[], None]) -> None:
    """Run a form's submit action; every failure is one message, never a traceback."""
    st.session_state.pop(jobs.error_key(page), None)
    if jobs.busy(page):
        st.warning("Still making the last one: wait for it to finish.")
        return
    st.session_state.pop(earlier_key(page), None)
    try:
        action()
    except ParaPrepError as error:
        wording.show_failure(common.message_for(error))
        st.session_state[earlier_key(page)] = True
    except Exception as error:
        st.error(common.message_for(error))
        st.session_state[earlier_key(page)] = True


def earlier_key(page: str) -> str:
    """Set when Generate failed: the packet still shown (nothing made is lost) came from the
    form as it was before, and says so, so it is not taken for what the form now asks."""
    return f"{page}:earlier"


def columns():
    """The form on the left, the packet on the right, so the result is seen without scrolling."""
    return st.columns([5, 6], gap="large")


def show_outcome(page: str, lead: Callable[[], None] | None = None) -> None:
    """The running job's progress, its error, or the finished packet (kept across reruns);
    `lead` is the page's own note on the packet, shown above its documents."""
    jobs.adopt(page)
    jobs.follow(page)
    jobs.show_error(page)
    result = st.session_state.get(jobs.result_key(page))
    if result is not None:
        if st.session_state.get(earlier_key(page)):
            st.info(
                "Below is the last packet made, from the form as it was then (it is also in the "
                "Library). Fix what the message above says and press Generate again."
            )
        results.show(result, page, lead)
    elif not jobs.busy(page):
        st.caption(
            "Fill in the form and press Generate. The documents appear here with a preview of "
            "each, and are saved in the Library."
        )
        point_to_last(page)


RECENT = timedelta(hours=12)


def point_to_last(page: str) -> None:
    """After a reload the page's last packet is no longer shown (a new session): say where it
    is, so nobody makes it again to get it back."""
    try:
        made = common.library().packets(page)
    except ParaPrepError:
        return
    if not made or datetime.now(UTC) - made[0].created.replace(tzinfo=UTC) > RECENT:
        return
    last = made[0]
    at = last.created.replace(tzinfo=UTC).astimezone().strftime("%H:%M")
    st.info(
        f"The last one made here, “{common.escape(last.title)}” at {at}, is saved in the "
        f"Library as packet #{last.id}."
    )
    st.page_link(common.LIBRARY_PAGE, label="Open the Library", icon=":material/folder_open:")


def generate_on_arrival(page: str) -> None:
    """Ask the page to generate as soon as it opens (the start page's sample button)."""
    st.session_state[f"{page}:generate-on-arrival"] = True


def audience_page(
    page: str,
    form: Callable[[str, list[SavedStudent]], dict],
    submit_values: Callable[[dict, str, list[SavedStudent]], None],
    *,
    audiences: Sequence[str] = (FOR_LEVELS, FOR_STUDENTS),
    estimate: Callable[[dict, str], None] | None = None,
    lead: Callable[[], None] | None = None,
    after: Callable[[], None] | None = None,
) -> None:
    """A page made for levels (or a level) chosen here or for students on the caseload: the
    form on the left, kept across pages and reloads; its job, result or error on the right."""
    kind = registry.get(page)
    st.title(kind.title)
    st.caption(kind.description)
    common.engine_banner()
    roster = common.caseload()
    jobs.adopt(page)  # after a reload: the job still running, with the form it came from
    left, right = columns()
    with left:
        audience = forms.radio(page, "audience", "Make it for", list(audiences), horizontal=True)
        if audience == audiences[-1] and not roster:
            common.empty_caseload_note()
        values = form(audience, roster)
        if estimate is not None:
            estimate(values, audience)
        clicked = st.button("Generate", type="primary", key=f"{page}:generate")
        clicked = st.session_state.pop(f"{page}:generate-on-arrival", False) or clicked
    with right:
        if clicked:
            submit(page, lambda: submit_values(values, audience, roster))
        show_outcome(page, lead)
        if after is not None:
            after()
