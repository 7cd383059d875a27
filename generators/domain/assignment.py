"""An existing assignment as ParaPrep reads it, and the same assignment modified for one student.

The parsed `Assignment` is never changed: the modified material keeps it beside the result, so the
teacher/para copy can show, item by item, what the original said and what the student gets, and
nothing can change without the teacher being able to see it.
"""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import BaseModel, Field, field_validator

from generators.domain.common import EngineInfo, Frozen, LedgerEntry
from generators.domain.students import Student

ItemKind = Literal["multiple_choice", "fill_in", "written"]

# What the accommodations mean in numbers, shared by the generator, the ledger and the renderer.
MAX_STARTER_WORDS = 12  # a starter longer than this starts to answer the question
CHUNK_ITEMS = 3  # items per page when chunking
BREAK_ITEMS = 4  # items between break checkpoints when the assignment has no sections
REDUCED_CHOICES = 3  # answer choices left by reduced-choices
EXTENDED_TIME = 1.5  # times the usual time


class Choice(Frozen):
    label: str  # the letter as printed: "a", "B"
    text: str


class Item(Frozen):
    """One numbered question or problem."""

    type: Literal["item"] = "item"
    ref: int  # position in the document, 1..N: unique even when numbering restarts per part
    number: str  # as printed: "7"
    stem: str
    choices: tuple[Choice, ...] = ()
    choice_format: str = "{})"  # how the labels were printed: "{})", "({})", "{}."
    kind: ItemKind
    lines: int  # writing lines printed after it (the space for work)
    source_lines: int = 0  # blank or ruled lines the original itself left after the item

    def label(self, choice: Choice) -> str:
        """A choice as printed in this item's style: '(b) 3/6'."""
        return f"{self.choice_format.format(choice.label)} {choice.text}"


class TextBlock(Frozen):
    type: Literal["text"] = "text"
    text: str
    role: Literal["directions", "passage", "note"]


class TableBlock(Frozen):
    type: Literal["table"] = "table"
    rows: tuple[tuple[str, ...], ...]


Block = Annotated[Item | TextBlock | TableBlock, Field(discriminator="type")]


class Section(Frozen):
    heading: str | None  # None for the part before the first heading
    blocks: tuple[Block, ...]

    @property
    def items(self) -> list[Item]:
        return [block for block in self.blocks if isinstance(block, Item)]


class Assignment(Frozen):
    title: str | None
    directions: tuple[str, ...]
    sections: tuple[Section, ...]
    source_name: str
    source_format: Literal["docx", "pdf", "txt", "md", "text"]
    warnings: tuple[str, ...] = ()  # what could not be carried over (pictures, equations)
    hidden_text: tuple[str, ...] = ()  # in Word's hidden font: for the teacher copy only

    @property
    def items(self) -> list[Item]:
        return [item for section in self.sections for item in section.items]

    @property
    def tables(self) -> list[TableBlock]:
        return [b for s in self.sections for b in s.blocks if isinstance(b, TableBlock)]

    @property
    def headed_sections(self) -> list[Section]:
        return [section for section in self.sections if section.heading]

    def summary(self) -> str:
        """What was found, as told to the user: '3 sections, 10 items, 2 multiple choice'."""
        sections = len(self.headed_sections)
        items = self.items
        choice = sum(1 for item in items if item.kind == "multiple_choice")
        parts = [
            plural(sections, "section") if sections else "no sections",
            plural(len(items), "item"),
            f"{choice} multiple choice",
        ]
        if self.tables:
            parts.append(plural(len(self.tables), "table"))
        return ", ".join(parts)


def plural(count: int, word: str) -> str:
    return f"{count} {word}" if count == 1 else f"{count} {word}s"


# --- The request ---


class ModifyRequest(Frozen):
    """What the teacher asked for; built and checked by `generators.modify.make_request`."""

    assignment: Assignment
    accommodations: tuple[str, ...]
    from_profile: tuple[str, ...] = ()  # ids that came from the student's profile
    student_code: str | None = None
    reading_level: int | None = None  # target for below-grade-text
    key: tuple[tuple[int, int], ...] = ()  # (item ref, 0-based correct choice) from the teacher
    keep: tuple[int, ...] = ()  # item refs the teacher picked for fewer-items
    terms: tuple[str, ...] = ()  # key terms the teacher named, for highlighting and word bank
    caseload: tuple[Student, ...] = ()  # only to redact names from what reaches a model


# --- What a model returns (strict JSON schema: every field required, optional ones nullable) ---


class ItemHelp(BaseModel):
    ref: int = Field(description="The item's ref number, exactly as given in [item N].")
    skill: str = Field(description="The skill the item assesses, in 2-5 words.")
    correct_choice: int | None = Field(
        description="For a multiple-choice item when answers are asked for: the 0-based index of "
        "the correct choice. Null otherwise, or when you are not sure."
    )
    starter: str | None = Field(
        description="For a written item when starters are asked for: a sentence starter of at "
        f"most {MAX_STARTER_WORDS} words that does not give the answer away. Null otherwise."
    )


class ModifyPlanBase(BaseModel):
    """The language work for one assignment, in one call. Validated against the assignment by
    the subclass `generators.modify.plan_model` builds, so a bad reply is re-asked once."""

    directions_steps: list[str] = Field(
        description="When simplified directions are asked for: the assignment's directions as "
        "2-6 short steps with the same task. Empty otherwise."
    )
    key_terms: list[str] = Field(
        description="When key terms are asked for: 3-8 subject words or phrases copied exactly "
        "from the assignment that the student must understand. Empty otherwise."
    )
    items: list[ItemHelp] = Field(description="One entry for every item, in order.")
    keep: list[int] = Field(
        description="When fewer items are asked for: the refs of the items to keep, fewer than "
        "all, with every skill still covered. Empty otherwise."
    )


class RewrittenText(BaseModel):
    paragraphs: list[str] = Field(description="The passage rewritten, one string per paragraph.")

    @field_validator("paragraphs")
    @classmethod
    def check_not_empty(cls, paragraphs: list[str]) -> list[str]:
        if not [p for p in paragraphs if p.strip()]:
            raise ValueError("paragraphs must contain the rewritten passage")
        return paragraphs


# --- The material ---


class ItemResult(Frozen):
    """One original item and what the student copy prints for it."""

    ref: int
    number: str | None  # as printed on the student copy; None when left out (fewer-items)
    stem: str
    choices: tuple[Choice, ...]
    correct: int | None = None  # index into `choices`, when the key or the model knows it
    answer_source: Literal["key", "model"] | None = None
    starter: str | None = None
    lines: int
    changes: tuple[str, ...] = ()  # what changed, in words, for the teacher/para copy

    @property
    def removed(self) -> bool:
        return self.number is None


class PassageResult(Frozen):
    """A passage rewritten below grade (below-grade-text), located by section and block."""

    section: int
    block: int
    paragraphs: tuple[str, ...]
    measured: float | None
    target: int


class ModifyMaterial(Frozen):
    kind: Literal["modify"] = "modify"
    title: str
    engine: EngineInfo
    original: Assignment
    items: tuple[ItemResult, ...]  # one per original item, in order
    directions: tuple[str, ...]  # as printed on the student copy
    directions_simplified: bool = False
    key_terms: tuple[str, ...] = ()
    word_bank: tuple[str, ...] = ()
    passages: tuple[PassageResult, ...] = ()
    chunk_starts: tuple[int, ...] = ()  # refs of items that start a new page (chunking)
    checkpoints: tuple[int, ...] = ()  # refs of items followed by a break checkpoint
    read_aloud: tuple[str, ...] = ()  # the script on the para copy
    adult_notes: tuple[str, ...] = ()
    accommodations: tuple[str, ...] = ()
    from_profile: tuple[str, ...] = ()
    student_code: str | None = None
    ledger: tuple[LedgerEntry, ...] = ()
    warnings: tuple[str, ...] = ()

    def result(self, ref: int) -> ItemResult:
        return next(item for item in self.items if item.ref == ref)

    def passage(self, section: int, block: int) -> PassageResult | None:
        return next(
            (p for p in self.passages if (p.section, p.block) == (section, block)),
            None,
        )
