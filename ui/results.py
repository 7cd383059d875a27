"""A finished packet on the page: what was made, measured levels, warnings, previews, downloads."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import streamlit as st

from generators import api, delivery, settings_store
from generators import printing as preview
from generators.domain.common import RenderedDocument
from generators.errors import ParaPrepError
from generators.library import Library
from ui import common, jobs, notes


@dataclass(frozen=True)
class Result:
    kind: str
    title: str
    engine: str
    documents: tuple[RenderedDocument, ...]
    levels: tuple[dict, ...]
    warnings: tuple[str, ...]
    packet_id: int | None  # None when saving to the library failed
    saved_note: str
    material: Any = None  # kept so a failed level can be retried without redoing the rest


def keep(
    lib: Library,
    *,
    kind: str,
    material: Any,
    documents: Sequence[RenderedDocument],
    inputs: Mapping[str, Any],
    student_ids: Iterable[int] = (),
    warnings: Sequence[str] = (),
    title: str | None = None,
) -> Result:
    """Save a packet to the library (runs in the job's thread: no Streamlit calls here).

    If saving fails the documents are still returned, so they stay downloadable."""
    title = title or getattr(material, "title", None) or kind
    engine = material.engine.label if getattr(material, "engine", None) else ""
    levels = tuple(api.levels_of(material)) if material is not None else ()
    all_warnings = tuple(dict.fromkeys([*warnings, *getattr(material, "warnings", ())]))
    try:
        packet_id = lib.save_packet(
            kind=kind,
            title=title,
            documents=documents,
            inputs=inputs,
            levels=levels,
            warnings=all_warnings,
            engine=engine,
            student_ids=student_ids,
        )
        note = f"Saved in the Library as packet #{packet_id}."
    except ParaPrepError as error:
        packet_id, note = None, f"Not saved in the Library ({error}); download it now."
    return Result(
        kind, title, engine, tuple(documents), levels, all_warnings, packet_id, note, material
    )


def levels_table(levels: Sequence[Mapping[str, Any]]) -> None:
    notes.show_levels(levels)  # wraps, and explains "in band"


def show(result: Result, key: str, lead: Callable[[], None] | None = None) -> None:
    """The packet; `lead` writes the page's own note about it first, where it is seen."""
    st.subheader(common.escape(result.title))  # a title is data: ":red[...]" stays as typed
    st.caption(notes.engine_caption(result.engine, result.warnings, result.saved_note))
    if lead is not None:
        lead()
    offer_retry(result, key)
    notes.show_not_applied(result.material, result.warnings)
    show_packet(result.title, result.documents, result.levels, result.warnings, key)


def offer_retry(result: Result, page: str) -> None:
    """When some parts failed, redo only those: the rest of the packet is kept as it is."""
    failed = api.failed_parts(result.material) if result.material is not None else []
    if not failed:
        return
    parts = ", ".join(failed)
    st.error(f"{parts[0].upper()}{parts[1:]} could not be made this time; everything else is here.")
    if st.button(f"Retry {parts} only", key=f"{page}:retry"):
        retry(page, result)


def retry(page: str, result: Result) -> None:
    """Redo only the failed parts of a finished material, then save it in place."""
    lib = common.library()
    model = settings_store.model()
    previous = result.packet_id

    def work(progress):
        material = api.retry(result.material, model, progress)
        progress("Rendering the documents and checking them for print")
        documents = api.render(material)
        if previous is not None:
            inputs = lib.packet(previous).inputs
            lib.delete_packet(previous)  # replaced by the complete packet saved below
        else:
            inputs = material.request.model_dump(mode="json")
        return keep(lib, kind=page, material=material, documents=documents, inputs=inputs)

    jobs.start(page, "Retrying the failed levels...", work)
    st.rerun()


def show_packet(
    title: str,
    documents: Sequence[RenderedDocument],
    levels: Sequence[Mapping[str, Any]],
    warnings: Sequence[str],
    key: str,
) -> None:
    """Levels, warnings, the ZIP, then every document with its preview and downloads."""
    levels_table(levels)
    notes.show_warnings(warnings)
    if len(documents) > 1:  # one document downloads from its own button
        st.download_button(
            f"Download all {len(documents)} documents (ZIP)",
            data=lambda: delivery.zip_documents(documents),
            file_name=delivery.zip_name(title),
            mime="application/zip",
            type="primary",
            on_click="ignore",
            key=f"{key}:zip",
        )
    converter = delivery.pdf_converter()
    if converter is None:
        st.caption(
            "PDF: not available because LibreOffice is not installed on this computer. "
            "Download the DOCX files and print them from Word, Google Docs or LibreOffice."
        )
    only = len(documents) == 1
    for index, document in enumerate(documents):
        show_document(document, f"{key}:{index}", converter is not None, index == 0, only)


def show_document(
    document: RenderedDocument, key: str, pdf: bool, expanded: bool, only: bool = False
) -> None:
    with st.expander(common.escape(document.title), expanded=expanded):
        # Short button labels (a long file name on a button is cut mid-word); the name wraps
        # in the caption below them.
        columns = st.columns(2 if pdf else 1)
        columns[0].download_button(
            "Download DOCX",
            type="primary" if only else "secondary",
            help=f"Saves {document.filename}",
            data=document.data,
            file_name=document.filename,
            mime=delivery.DOCX_MIME,
            on_click="ignore",
            key=f"{key}:docx",
        )
        if pdf:
            pdf_button(document, key, columns[1])
        st.caption(f"File: {common.escape(document.filename)}")
        show_preview(document, key)


def show_preview(document: RenderedDocument, key: str) -> None:
    """The first printed pages as images where LibreOffice is here (made on request: it takes
    a few seconds), else the text preview with how to get the real one."""
    images = st.session_state.get(f"{key}:pages")
    if images:
        for number, image in enumerate(images, 1):
            st.image(image, caption=f"Printed page {number}", width=520)
        return
    if preview.available():
        if st.button("Show the printed pages", key=f"{key}:show-pages"):
            with st.spinner("Printing with LibreOffice..."), common.user_errors():
                st.session_state[f"{key}:pages"] = preview.page_images(document)
                st.rerun()
    else:
        st.caption(f"Text preview: the printed page may differ. {preview.INSTALL_HINT}")
    with st.container(height=420, border=True), common.user_errors():
        st.markdown(delivery.preview_markdown(document.data))


def pdf_button(document: RenderedDocument, key: str, column) -> None:
    """Convert on request (LibreOffice takes seconds), then offer the PDF."""
    made = st.session_state.get(f"{key}:pdf")
    if made is None:
        if column.button("Make a PDF", key=f"{key}:make-pdf"):
            with st.spinner("Converting with LibreOffice..."), common.user_errors():
                st.session_state[f"{key}:pdf"] = delivery.to_pdf(document)
                st.rerun()
        return
    column.download_button(
        "Download PDF",
        help=f"Saves {delivery.pdf_name(document.filename)}",
        data=made,
        file_name=delivery.pdf_name(document.filename),
        mime="application/pdf",
        on_click="ignore",
        key=f"{key}:pdf-download",
    )
