"""Visual supports (schedule, first-then, token board), offline: pictures from the bundled
OpenMoji set, chosen by a fixed vocabulary; an item without one gets a box to draw in."""

from __future__ import annotations

from collections.abc import Callable, Iterable

from generators.data_sheet import check_code
from generators.domain.students import Student, redact
from generators.domain.visual import (
    DEFAULT_TOKENS,
    MAX_ITEM_CHARS,
    VisualMaterial,
    VisualRequest,
    build,
    check_items,
    check_tokens,
    check_type,
    parse_items,
)
from generators.errors import InputError

Progress = Callable[[str], None]


def make_request(
    *,
    type: str,
    student_code: str,
    items: str | None = None,
    tokens: int = DEFAULT_TOKENS,
    reward: str | None = None,
    students: Iterable[Student] = (),
) -> VisualRequest:
    roster = list(students)
    kind = check_type(type)
    chosen = tuple(redact(item, roster) for item in parse_items(items))
    prize = " ".join((reward or "").split()) or None
    if prize and len(prize) > MAX_ITEM_CHARS:
        raise InputError(f"The reward is over {MAX_ITEM_CHARS} characters: name it in a few words.")
    check_items(kind, chosen, prize)
    return VisualRequest(
        type=kind,
        student_code=check_code(student_code, roster),
        items=chosen if kind != "token-board" else (),
        tokens=check_tokens(tokens),
        reward=redact(prize, roster) if prize else None,
    )


def generate(
    request: VisualRequest, model: object = None, progress: Progress | None = None
) -> VisualMaterial:
    """The model argument is accepted for the registry's signature and never used."""
    if progress:
        progress(f"{request.type} for {request.student_code}")
    return build(request)
