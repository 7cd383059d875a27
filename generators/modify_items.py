"""Each original item as the student copy prints it, with every change it went through.

The accommodations that act item by item (reduced choices with the correct one kept, wider
writing space, sentence starters that add no content, fewer items) are applied here; the ledger
(modify_notes) reads what was done from the builder, so it can only report what happened.
"""

from __future__ import annotations

import re

from generators import textwork
from generators.domain.assignment import (
    REDUCED_CHOICES,
    Choice,
    Item,
    ItemResult,
    ModifyPlanBase,
    ModifyRequest,
)
from generators.modify_model import Tasks

LETTERS = "abcdefgh"
MAX_NEW_STARTER_WORDS = 2  # content words a starter may add to the question's own
_BLANK = re.compile(r"_{2,}")
_WORD = re.compile(r"[A-Za-z][A-Za-z'-]*")
# Words a starter may use that say nothing about the answer.
_STARTER_WORDS = frozenset(
    re.findall(
        r"\w+",
        """because think answer first then next example shows show means reason text detail
        details evidence words sentence author article passage story important idea about that
        this these those from with when which what there their they would could should also
        another""",
    )
)


class ItemBuilder:
    """Turns each original item into what the student copy prints, recording every change."""

    def __init__(self, request: ModifyRequest, plan: ModifyPlanBase | None, tasks: Tasks) -> None:
        self.request = request
        self.chosen = set(request.accommodations)
        self.key = dict(request.key)
        self.help = {entry.ref: entry for entry in plan.items} if plan else {}
        self.asked_answers = set(tasks.answers)  # a model answer is used only where asked for
        self.keep = set(request.keep) or (set(plan.keep) if plan and plan.keep else set())
        self.reduced: list[str] = []  # item numbers whose choices were cut
        self.reduced_sources: set[str] = set()  # where their answers came from
        self.refused: list[str] = []  # multiple-choice items left alone: no known answer
        self.short: list[str] = []  # multiple-choice items with three choices or fewer already
        self.starters: list[str] = []
        self.dropped_starters: list[str] = []
        self.widened: list[str] = []

    def build(self) -> list[ItemResult]:
        items = self.request.assignment.items
        applies_fewer = "fewer-items" in self.chosen and bool(self.keep)
        sequential = [item.number for item in items] == [str(n) for n in range(1, len(items) + 1)]
        results, position = [], 0
        for item in items:
            if applies_fewer and item.ref not in self.keep:
                results.append(self.removed(item))
                continue
            position += 1
            number = str(position) if applies_fewer and sequential else item.number
            results.append(self.item(item, number))
        return results

    def removed(self, item: Item) -> ItemResult:
        return ItemResult(
            ref=item.ref,
            number=None,
            stem=item.stem,
            choices=item.choices,
            lines=item.lines,
            changes=("Left out of the student copy (fewer-items, MODIFICATION).",),
        )

    def item(self, item: Item, number: str) -> ItemResult:
        changes: list[str] = []
        if number != item.number:
            changes.append(f"Numbered {number} on the student copy (was {item.number}).")
        correct, source = self.answer(item)
        choices = item.choices
        if "reduced-choices" in self.chosen and item.kind == "multiple_choice":
            choices, correct = self.reduce(item, correct, source, changes)
        stem = item.stem
        lines = item.lines
        if "larger-answer-space" in self.chosen:
            stem, lines = self.widen(item, changes)
        starter = self.starter(item, correct, changes)
        return ItemResult(
            ref=item.ref,
            number=number,
            stem=stem,
            choices=choices,
            correct=correct,
            answer_source=source,
            starter=starter,
            lines=lines,
            changes=tuple(changes),
        )

    def answer(self, item: Item) -> tuple[int | None, str | None]:
        if item.ref in self.key:
            return self.key[item.ref], "key"
        entry = self.help.get(item.ref)
        if item.ref in self.asked_answers and entry and entry.correct_choice is not None:
            return entry.correct_choice, "model"
        return None, None

    def reduce(
        self, item: Item, correct: int | None, source: str | None, changes: list[str]
    ) -> tuple[tuple[Choice, ...], int | None]:
        """Cut to three choices, dropping distractors from the end; the correct one stays."""
        if len(item.choices) <= REDUCED_CHOICES:
            self.short.append(item.number)
            return item.choices, correct
        if correct is None:
            self.refused.append(item.number)
            changes.append(
                "Reduced choices NOT applied: the correct choice is not known (no answer-key "
                "entry, and no model answer), so no choice could safely be removed."
            )
            return item.choices, None
        surplus = len(item.choices) - REDUCED_CHOICES
        drop = [i for i in range(len(item.choices)) if i != correct][-surplus:]
        positions = [i for i in range(len(item.choices)) if i not in drop]  # by position, not
        kept = [item.choices[i] for i in positions]  # by text: two choices may read alike
        relabelled = tuple(
            Choice(label=same_case(LETTERS[i], item.choices[0].label), text=c.text)
            for i, c in enumerate(kept)
        )
        new_correct = positions.index(correct)
        removed = ", ".join(item.label(item.choices[i]) for i in drop)
        who = "the teacher's key" if source == "key" else "the model, to be checked"
        changes.append(
            f"Choices cut from {len(item.choices)} to {len(kept)} (reduced-choices, "
            f"MODIFICATION): removed {removed}; the correct answer "
            f"{item.label(relabelled[new_correct])} is kept (answer from {who})."
        )
        self.reduced.append(item.number)
        self.reduced_sources.add(who)
        return relabelled, new_correct

    def widen(self, item: Item, changes: list[str]) -> tuple[str, int]:
        stem = item.stem
        if item.kind == "fill_in":
            stem = _BLANK.sub(lambda m: "_" * max(len(m.group()) * 2, 10), item.stem)
        lines = item.lines * 2
        if stem != item.stem or lines != item.lines:
            what = []
            if lines != item.lines:
                what.append(f"{item.lines} to {lines} writing lines")
            if stem != item.stem:
                what.append("blanks made longer")
            changes.append(f"Larger answer space: {', '.join(what)}.")
            self.widened.append(item.number)
        return stem, lines

    def starter(self, item: Item, correct: int | None, changes: list[str]) -> str | None:
        if "sentence-starters" not in self.chosen or item.kind != "written":
            return None
        entry = self.help.get(item.ref)
        if entry is None or not entry.starter:
            return None
        starter = textwork.clean(entry.starter)
        new_words = sorted(content_words(starter) - content_words(item.stem) - _STARTER_WORDS)
        if len(new_words) > MAX_NEW_STARTER_WORDS:
            self.dropped_starters.append(item.number)
            changes.append(
                f"Sentence starter not used: it brought in words the question does not use "
                f"({', '.join(new_words)}), which may give the answer away."
            )
            return None
        self.starters.append(item.number)
        changes.append(f"Sentence starter added: “{starter}”")
        return starter


def content_words(text: str) -> set[str]:
    return {w.lower().removesuffix("s") for w in _WORD.findall(text) if len(w) >= 4}


def same_case(letter: str, like: str) -> str:
    return letter.upper() if like.isupper() else letter
