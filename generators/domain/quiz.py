"""The leveled quiz: its request, what a model is asked to return, and the material.

The same items are on every level's copy: each level has its own wording of the stems and
choices, and the key (which choice, which match, what a full answer says) is shared, so one key
serves every copy. Every document is rendered from one `QuizMaterial`.
"""

from __future__ import annotations

import re
from typing import Literal

from pydantic import BaseModel, Field, field_validator, model_validator

from generators.domain.common import EngineInfo, Frozen, LedgerEntry
from generators.domain.worksheet import UnsupportedAnswer, Version

MIN_ITEMS = 3
MAX_ITEMS = 20
MC_CHOICES = 4
MIN_PAIRS, MAX_PAIRS = 3, 6
TRUE_FALSE = ("True", "False")

ItemKind = Literal["multiple_choice", "true_false", "short_answer", "matching"]
ITEM_KINDS: tuple[ItemKind, ...] = ("multiple_choice", "true_false", "matching", "short_answer")
TYPE_CODES: dict[str, ItemKind] = {
    "mc": "multiple_choice",
    "tf": "true_false",
    "short": "short_answer",
    "matching": "matching",
}
KIND_LABELS = {
    "multiple_choice": "Multiple choice",
    "true_false": "True/false",
    "short_answer": "Short answer",
    "matching": "Matching",
}
POINTS = {"multiple_choice": 1, "true_false": 1, "short_answer": 2}  # matching: 1 per pair
_CATCH_ALL = re.compile(r"\b(all|none|both|neither) of the (above|choices|answers)\b", re.I)


class QuizRequest(Frozen):
    """What the teacher asked for. Built by `generators.quiz.make_request`, which validates."""

    topic: str
    source_text: str | None = None
    source_name: str | None = None
    levels: tuple[int, ...]
    items: int = 8
    types: tuple[ItemKind, ...] = ITEM_KINDS
    accommodations: tuple[str, ...] = ()
    class_grade: int | None = None
    max_revisions: int = 2
    check_answers: bool = True
    lms_export: bool = False  # also write the QTI 1.2 package and the CSV


# --- What a model returns. Strict JSON schema: every field required, optional ones nullable. ---


class MatchPair(BaseModel):
    term: str = Field(description="A key term from the passage, as it appears there.")
    description: str = Field(description="What the passage says it is or does, without the term.")


class QuizItem(BaseModel):
    kind: ItemKind
    stem: str = Field(description="The question or statement as the student reads it.")
    choices: list[str] = Field(
        description='multiple_choice: exactly four choices; true_false: ["True", "False"]; '
        "otherwise empty."
    )
    correct_choice: int | None = Field(
        description="0-based index of the correct choice (multiple_choice, true_false); else null."
    )
    pairs: list[MatchPair] = Field(
        description="matching: 3 to 6 term/description pairs, each pair correct; else empty."
    )
    answer: str = Field(description="The key: the correct answer, or what a full answer says.")
    rationale: str = Field(description="One short sentence: why this is the answer.")
    source_sentence: str = Field(description="The sentence from the source that supports it.")
    dok: int = Field(description="Depth of knowledge: 1 recall, 2 skill/concept, 3 reasoning.")

    @model_validator(mode="after")
    def check_shape(self) -> QuizItem:
        """Reject an item that cannot be printed or keyed correctly; the message goes back to
        the model, which then repairs that item."""
        if not 1 <= self.dok <= 3:
            raise ValueError("dok must be 1, 2 or 3")
        if self.kind == "multiple_choice":
            check_multiple_choice(self.choices, self.correct_choice)
        elif self.kind == "true_false":
            if [c.strip().lower() for c in self.choices] != ["true", "false"]:
                raise ValueError('true_false choices must be exactly ["True", "False"]')
            if self.correct_choice not in (0, 1):
                raise ValueError("true_false needs correct_choice 0 (True) or 1 (False)")
        elif self.choices or self.correct_choice is not None:
            raise ValueError(f"{self.kind} items must have no choices and a null correct_choice")
        if self.kind == "matching":
            check_pairs(self.pairs)
        elif self.pairs:
            raise ValueError(f"{self.kind} items must have an empty pairs list")
        return self

    @property
    def points(self) -> int:
        return len(self.pairs) if self.kind == "matching" else POINTS[self.kind]


def check_multiple_choice(choices: list[str], correct: int | None) -> None:
    """Three choices are valid (reduced choices, a modification); a model must give four."""
    if not MC_CHOICES - 1 <= len(choices) <= MC_CHOICES:
        raise ValueError(f"multiple_choice needs exactly {MC_CHOICES} choices")
    if correct is None or not 0 <= correct < len(choices):
        raise ValueError("multiple_choice needs correct_choice, a valid 0-based index")
    normalised = [" ".join(choice.lower().split()).rstrip(".") for choice in choices]
    if len(set(normalised)) != len(normalised):
        raise ValueError("the four choices must all differ: exactly one may be correct")
    if any(_CATCH_ALL.search(choice) for choice in choices):
        raise ValueError('no "all of the above" or "none of the above" choices')


def check_pairs(pairs: list[MatchPair]) -> None:
    if not MIN_PAIRS <= len(pairs) <= MAX_PAIRS:
        raise ValueError(f"matching needs {MIN_PAIRS} to {MAX_PAIRS} pairs")
    terms = [pair.term.strip().lower() for pair in pairs]
    if len(set(terms)) != len(terms):
        raise ValueError("matching terms must all differ")
    for pair in pairs:
        if pair.term.strip().lower() in pair.description.lower():
            raise ValueError(f"the description of '{pair.term}' must not contain the term itself")


class QuizCore(BaseModel):
    """The shared items and key, written once from the source."""

    title: str
    items: list[QuizItem]

    @field_validator("items")
    @classmethod
    def check_four_choices(cls, items: list[QuizItem]) -> list[QuizItem]:
        for number, item in enumerate(items, 1):
            if item.kind == "multiple_choice" and len(item.choices) != MC_CHOICES:
                raise ValueError(f"item {number}: give exactly {MC_CHOICES} choices")
        return items


class ItemWording(BaseModel):
    """One item reworded for a reading level: same meaning, same order, same answer."""

    number: int = Field(description="The item's number, starting at 1.")
    stem: str
    choices: list[str] = Field(description="The same choices in the same order, reworded.")
    descriptions: list[str] = Field(
        description="matching: the same descriptions in the same order, reworded; else empty."
    )


class LevelWording(BaseModel):
    items: list[ItemWording]


class AmbiguousItem(BaseModel):
    number: int = Field(description="The item's number, starting at 1.")
    other: str = Field(description="The other choice a careful reader could defend.")


class QuizCheck(BaseModel):
    """The model's check of one level's copy: answerable from its passage, and one correct
    choice. Only problems are listed."""

    unsupported: list[UnsupportedAnswer] = Field(
        description="Items this passage does not support; empty when all are supported."
    )
    ambiguous: list[AmbiguousItem] = Field(
        description="Choice items where more than one choice is defensible; usually empty."
    )


# --- The material. ---


class Wording(Frozen):
    """What one level's copy prints for one item."""

    stem: str
    choices: tuple[str, ...] = ()
    descriptions: tuple[str, ...] = ()  # matching, in key order


class QuizCopy(Frozen):
    """One level: its passage (a worksheet `Version`) and its wording of every item."""

    version: Version
    wording: tuple[Wording, ...]
    ambiguous: tuple[int, ...] = ()  # item numbers the check found a second defensible choice in
    reworded: bool = False

    @property
    def target(self) -> int:
        return self.version.target


class QuizMaterial(Frozen):
    kind: Literal["quiz"] = "quiz"
    request: QuizRequest
    title: str
    topic: str
    source_name: str | None
    engine: EngineInfo
    items: tuple[QuizItem, ...]  # the key, and the wording of the top level
    copies: tuple[QuizCopy, ...]
    terms: tuple[str, ...] = ()  # key terms, for highlighting
    accommodations: tuple[str, ...] = ()
    ledger: tuple[LedgerEntry, ...] = ()
    warnings: tuple[str, ...] = ()
    class_grade: int | None = None
    source: str = ""

    @property
    def versions(self) -> tuple[Version, ...]:
        return tuple(copy.version for copy in self.copies)

    @property
    def total_points(self) -> int:
        return sum(item.points for item in self.items)

    @field_validator("copies")
    @classmethod
    def check_aligned(cls, copies: tuple[QuizCopy, ...], info) -> tuple[QuizCopy, ...]:
        items = info.data.get("items", ())
        for copy in copies:
            if copy.version.status != "failed" and len(copy.wording) != len(items):
                raise ValueError("every level's copy must word every item")
        return copies
