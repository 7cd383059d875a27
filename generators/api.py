"""The public API. The CLI, the Streamlit app and tests all call these same functions."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from pathlib import Path
from typing import Any

from generators import delivery, injection, readability, registry, textwork
from generators.domain.common import RenderedDocument
from generators.domain.students import Student, check_roster
from generators.domain.worksheet import WorksheetRequest
from generators.errors import InputError, ParaPrepError
from generators.models import Model, OfflineEngine, from_env
from generators.models.packet import for_packet
from generators.registry import CaseloadPacket, MaterialKind
from generators.render import print_check
from generators.render.docx_base import slug

Progress = Callable[[str], None]


def generate(
    kind: str, request: Any, model: Model | None = None, progress: Progress | None = None
) -> Any:
    """Make one material (the single source of truth for all its documents).

    Sentences in a source that address an AI model are taken out first, for every kind (the
    worksheet does it itself and keeps the list on its material, so a retry keeps the note).
    """
    material_kind = registry.get(kind)
    removed: tuple[str, ...] = ()
    if not isinstance(request, WorksheetRequest):
        request, removed = injection.clean_request(request)
    packet_model = for_packet(model or model_for(material_kind))  # checks, deadline, Ctrl-C
    material = material_kind.generate(request, packet_model, progress or (lambda _: None))
    return injection.with_note(material, removed)


def model_for(kind: MaterialKind) -> Model:
    """The configured model, or the offline engine for kinds that never ask one."""
    return from_env() if kind.uses_model else OfflineEngine()


def render(material: Any) -> list[RenderedDocument]:
    """Render every document of a material to DOCX bytes, each passed through the print check."""
    kind = registry.get(material.kind)
    documents = kind.render(material)
    for document in documents:
        if document.role not in kind.roles:
            raise ValueError(f"{kind.name} rendered a {document.role!r} document: add the role.")
    return delivery.unique_filenames(print_check.check(document) for document in documents)


def levels_of(material: Any) -> list[dict[str, Any]]:
    """The level rows a packet keeps in the library (target, measured, status), if any."""
    kind = registry.get(material.kind)
    return list(kind.levels(material)) if kind.levels else []


def failed_parts(material: Any) -> list[str]:
    """Labels of the parts that failed and can be retried ("grade 5"), else []."""
    kind = registry.get(material.kind)
    return list(kind.retry.failed(material)) if kind.retry else []


def retry(material: Any, model: Model | None = None, progress: Progress | None = None) -> Any:
    """Redo only the failed parts of a finished material; the rest is kept as it is."""
    kind = registry.get(material.kind)
    if kind.retry is None:
        raise InputError(f"{one(kind.title)} has nothing to retry: make it again instead.")
    return kind.retry.run(material, model or model_for(kind), progress or (lambda _: None))


def make_for_students(
    kind: str,
    students: Sequence[Student],
    fields: Mapping[str, Any],
    *,
    roster: Sequence[Student] = (),
    model: Model | None = None,
    progress: Progress | None = None,
) -> CaseloadPacket:
    """Copies for the chosen students (each at their level, with their accommodations), for any
    kind that makes them. `roster` is the whole caseload, used only to keep names out; every
    document is labelled with codes, never names."""
    material_kind = registry.get(kind)
    chosen = list(students)
    if not chosen:
        raise InputError("Choose at least one student or a group.")
    if not material_kind.makes_copies:
        raise InputError(f"{one(material_kind.title)} is not made per student.")
    everyone = list(roster) or chosen
    check_roster(everyone)  # a code that is a name would be printed on every copy
    progress = progress or (lambda _: None)
    if material_kind.caseload is not None:
        model = model or model_for(material_kind)
        return material_kind.caseload(chosen, fields, everyone, model, progress)
    copies = material_kind.copies(chosen, fields, everyone)
    wanted = [copy for copy in copies if copy.request is not None]
    notes = tuple(copy.note for copy in copies if copy.request is None and copy.note)
    if not wanted:
        raise InputError(" ".join(notes) or "There is nothing to make for these students.")
    model = model or model_for(material_kind)
    materials, documents = [], []
    for copy in wanted:
        progress(f"Copy for {', '.join(copy.codes)}")
        made = generate(kind, copy.request, model, progress)
        materials.append(made)
        documents += label(render(made), copy.codes)
    codes = tuple(student.code for student in chosen)
    title = getattr(materials[0], "title", None) or material_kind.title
    return CaseloadPacket(
        kind=kind,
        title=f"{title} ({', '.join(codes)})",
        codes=codes,
        materials=tuple(materials),
        documents=tuple(documents),
        inputs={
            "students": list(codes),
            "requests": [
                copy.request.model_dump(mode="json", exclude={"caseload"}) for copy in wanted
            ],
        },
        warnings=tuple(dict.fromkeys([*notes, *(w for m in materials for w in m.warnings)])),
    )


def label(documents: list[RenderedDocument], codes: Sequence[str]) -> list[RenderedDocument]:
    """A one-student copy carries its code in its title and file name (codes only, never names)."""
    if len(codes) != 1:
        return documents
    code = codes[0]
    labelled = []
    for document in documents:
        update = {}
        if slug(code) not in document.filename:
            update["filename"] = f"{slug(code)}_{document.filename}"
        if code not in document.title:
            update["title"] = f"{code}: {document.title}"
        labelled.append(document.model_copy(update=update))
    return labelled


def write(documents: Iterable[RenderedDocument], out_dir: str | Path) -> list[Path]:
    """Write documents into `out_dir`, creating it; refuses to write through a file. A failed
    write leaves any earlier file of the same name intact (see `delivery.write_file`)."""
    directory = Path(out_dir)
    if directory.exists() and not directory.is_dir():
        raise InputError(f"Output path {directory} is a file, not a folder.")
    try:
        directory.mkdir(parents=True, exist_ok=True)
        paths = delivery.write_documents(documents, directory)  # each file replaced whole
    except OSError as error:
        raise ParaPrepError(
            f"Could not write to {directory}: {error.strerror or error}."
        ) from error
    return paths


def measure_text(text: str, glossed: Iterable[str] = ()) -> readability.ReadingEstimate:
    """Measure any text's reading level: a function of the text (and its glossary) alone.

    Question lists and headings are left out; a text that is only a list is measured item by
    item, with a note saying so.
    """
    try:
        return readability.measure(text, glossed)
    except ValueError as error:
        raise InputError("There is no prose to measure in this text.") from error


def one(title: str) -> str:
    """'A leveled quiz', 'An IEP progress data sheet': a kind's title in a sentence."""
    phrase = title if title[:2].isupper() else title[:1].lower() + title[1:]
    article = textwork.a_or_an(phrase)
    return article[:1].upper() + article[1:]
