"""The quiz part of `paraprep eval`: on the built-in texts, is every item answerable from each
level's passage, and does every choice item have exactly one correct choice?

Answerable and one-correct are judged by the per-level check the quiz itself runs (the model
reads each copy against its passage); one-correct is also checked structurally (four different
choices, a valid key, no "all/none of the above"). Offline there is no model to ask, so
answerability is reported as not checked, never as passed.
"""

from __future__ import annotations

from dataclasses import dataclass

from generators import api
from generators.domain.quiz import check_multiple_choice
from generators.errors import ParaPrepError
from generators.models.base import Model
from generators.quiz import make_request
from generators.textwork import split_title

QUIZ_ITEMS = 8


@dataclass(frozen=True)
class QuizRow:
    """One level's copy of one text's quiz."""

    text: str
    target: int
    items: int
    choice_items: int
    unsupported: int  # items the level's passage does not support (per the check)
    ambiguous: int  # choice items with a second defensible choice (per the check)
    malformed: int  # choice items failing the structural one-correct check
    checked: bool  # False offline: answerability was not judged
    error: str


def evaluate_quiz(file: str, title: str, source: str, model: Model, levels) -> list[QuizRow]:
    body = "\n\n".join(split_title(source)[1])
    request = make_request(topic=title, source_text=body, levels=levels, items=QUIZ_ITEMS)
    try:
        material = api.generate("quiz", request, model)
    except ParaPrepError as failure:  # a failed quiz is a finding, not a crash
        return [QuizRow(file, target, 0, 0, 0, 0, 0, False, str(failure)) for target in levels]
    choice = [item for item in material.items if item.choices]
    malformed = 0
    for item in choice:
        try:
            if item.kind == "multiple_choice":
                check_multiple_choice(item.choices, item.correct_choice)
        except ValueError:
            malformed += 1
    rows = []
    for copy in material.copies:
        rows.append(
            QuizRow(
                text=file,
                target=copy.target,
                items=len(material.items),
                choice_items=len(choice),
                unsupported=len(copy.version.unanswerable),
                ambiguous=len(copy.ambiguous),
                malformed=malformed,
                checked=material.engine.is_ai and material.request.check_answers,
                error=copy.version.error or "",
            )
        )
    return rows


def share(count: int, total: int) -> str:
    return f"{100 * count / total:.0f}% ({count}/{total})" if total else "-"


def quiz_table(rows: list[QuizRow]) -> list[dict[str, str]]:
    """One line per target level: the share of items answerable and with one correct choice."""
    table = []
    for target in sorted({row.target for row in rows}):
        mine = [row for row in rows if row.target == target and not row.error]
        items = sum(row.items for row in mine)
        choice = sum(row.choice_items for row in mine)
        checked = all(row.checked for row in mine) and bool(mine)
        answerable = items - sum(row.unsupported for row in mine)
        one_correct = choice - sum(row.ambiguous + row.malformed for row in mine)
        table.append(
            {
                "Target grade": str(target),
                "Copies": str(len(mine)),
                "Items answerable": share(answerable, items) if checked else "not checked",
                "One correct choice": share(one_correct, choice) if checked
                else f"structure only: {share(choice - sum(r.malformed for r in mine), choice)}",
                "Failed": str(sum(bool(row.error) for row in rows if row.target == target)),
            }
        )  # fmt: skip
    return table
