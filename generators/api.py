"""The public API. The CLI, the Streamlit app and tests all call these same functions."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

from generators import delivery, readability, registry
from generators.domain.common import RenderedDocument
from generators.errors import InputError, ParaPrepError
from generators.models import Model, from_env
from generators.render import print_check

Progress = Callable[[str], None]


def generate(
    kind: str, request: Any, model: Model | None = None, progress: Progress | None = None
) -> Any:
    """Make one material (the single source of truth for all its documents)."""
    material_kind = registry.get(kind)
    return material_kind.generate(request, model or from_env(), progress or (lambda _: None))


def render(material: Any) -> list[RenderedDocument]:
    """Render every document of a material to DOCX bytes, each passed through the print check."""
    documents = registry.get(material.kind).render(material)
    return delivery.unique_filenames(print_check.check(document) for document in documents)


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


def measure_text(text: str, target: int | None = None) -> readability.ReadingEstimate:
    """Measure any text's reading level; question lists and headings are left out."""
    prose = readability.prose_only(text)
    try:
        return readability.measure(prose or text, target)
    except ValueError as error:
        raise InputError("There is no prose to measure in this text.") from error
