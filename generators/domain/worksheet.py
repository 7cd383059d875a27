"""The leveled worksheet: its request, what a model is asked to return, and the material.

One `WorksheetMaterial` is the single source of truth for every document of a packet: each
student copy and the teacher copy are rendered from it, so levels, questions and the key cannot
drift apart.
"""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, Field, field_validator, model_validator

from generators.domain.common import EngineInfo, Frozen, LedgerEntry

MIN_QUESTIONS = 3
MAX_QUESTIONS = 20
MC_CHOICES = 4


class WorksheetRequest(Frozen):
    """What the teacher asked for. Built by `generators.worksheet.make_request`, which validates."""

    topic: str
    source_text: str | None = None
    source_name: str | None = None
    levels: tuple[int, ...]
    accommodations: tuple[str, ...] = ()
    questions: int = 6
    class_grade: int | None = None
    glossary_language: str | None = None
    max_revisions: int = 2
    check_answers: bool = True


# --- What a model returns. Strict JSON schema: every field required, optional ones nullable. ---


class VocabEntry(BaseModel):
    term: str = Field(description="A key word or phrase exactly as it appears in the passage.")
    definition: str = Field(description="A short, student-friendly definition.")
    translation: str | None = Field(
        description="The term translated into the glossary language, or null when none was asked."
    )


QuestionKind = Literal["multiple_choice", "short_answer", "text_evidence"]


class Question(BaseModel):
    kind: QuestionKind
    prompt: str = Field(description="The question as the student reads it.")
    choices: list[str] = Field(
        description="Exactly four answer choices for multiple_choice; empty otherwise."
    )
    correct_choice: int | None = Field(
        description="0-based index of the correct choice for multiple_choice; null otherwise."
    )
    answer: str = Field(description="The answer for the key: what a full-credit answer says.")
    evidence: str | None = Field(
        description="A short quotation from the source that supports the answer, or null."
    )
    starter: str | None = Field(
        description="A sentence starter for written answers that does not give the answer away."
    )

    @model_validator(mode="after")
    def check_choices(self) -> Question:
        """Reject a key that cannot be printed correctly; the message goes back to the model."""
        if self.kind == "multiple_choice":
            if len(self.choices) < 2:
                raise ValueError("multiple_choice needs its answer choices")
            if self.correct_choice is None or not 0 <= self.correct_choice < len(self.choices):
                raise ValueError("multiple_choice needs correct_choice, a valid 0-based index")
        elif self.choices:
            raise ValueError(f"{self.kind} questions must have an empty choices list")
        return self


class WorksheetCore(BaseModel):
    """The shared part of a packet: title, vocabulary, questions and key (one call)."""

    title: str
    vocabulary: list[VocabEntry]
    questions: list[Question]

    @field_validator("questions")
    @classmethod
    def check_question_mix(cls, questions: list[Question]) -> list[Question]:
        for number, question in enumerate(questions, 1):
            if question.kind == "multiple_choice" and len(question.choices) != MC_CHOICES:
                raise ValueError(f"question {number}: give exactly {MC_CHOICES} choices")
        kinds = {question.kind for question in questions}
        if "text_evidence" not in kinds:
            raise ValueError("include at least one text_evidence question")
        if "multiple_choice" not in kinds:
            raise ValueError("include at least one multiple_choice question")
        return questions


class Passage(BaseModel):
    """A passage as a model writes it: prose paragraphs, no headings, no markup."""

    title: str
    paragraphs: list[str]

    @field_validator("paragraphs")
    @classmethod
    def check_not_empty(cls, paragraphs: list[str]) -> list[str]:
        if not [p for p in paragraphs if p.strip()]:
            raise ValueError("paragraphs must contain the passage text")
        return paragraphs


class UnsupportedAnswer(BaseModel):
    question: int = Field(description="The question's number, starting at 1.")
    missing: str = Field(description="What the passage lacks to support the key's answer.")


class UnsupportedInPassage(BaseModel):
    grade: int = Field(description="The grade number of the passage that lacks it (0 for K).")
    question: int = Field(description="The question's number, starting at 1.")
    missing: str = Field(description="What the passage lacks to support the key's answer.")


class AnswerCheck(BaseModel):
    """The model's check that each shared question is answerable from each level's passage.

    Only the problems are listed: the check runs after the slowest call of the packet, so its
    reply is kept to a few tokens when (as usual) every question is supported.
    """

    unsupported: list[UnsupportedInPassage] = Field(
        description="Questions a passage does not support; empty when all are supported."
    )


# --- The material. ---


class Measured(Frozen):
    """A reading-level estimate as stored in a material (see generators.readability)."""

    grade: float
    low: float
    high: float
    primary: str
    words: int
    sentences: int = 0
    confident: bool
    note: str | None = None


VersionStatus = Literal["in-band", "out-of-band", "failed"]


class Version(Frozen):
    """One reading level's passage with its measured level and an honest status."""

    target: int
    paragraphs: tuple[str, ...]
    measured: Measured | None
    rewritten: bool
    status: VersionStatus
    revisions: int = 0
    first_grade: float | None = None  # measured before any revision, for the evaluation report
    facts: tuple[str, ...] = ()  # what changed compared with the source, as the teacher reads it
    dropped_facts: tuple[str, ...] = ()  # numbers and names in the source but not the passage
    added_facts: tuple[str, ...] = ()  # numbers and names in the passage but not the source
    unanswerable: tuple[int, ...] = ()  # question numbers this passage cannot support
    warnings: tuple[str, ...] = ()
    error: str | None = None


class ClozeItem(Frozen):
    text: str  # the sentence with "_____" in place of the answer
    answer: str


class OrganizerRow(Frozen):
    label: str
    prompt: str


class WorksheetMaterial(Frozen):
    kind: Literal["worksheet"] = "worksheet"
    request: WorksheetRequest  # kept so a failed level can be retried alone
    title: str
    topic: str
    source_name: str | None
    engine: EngineInfo
    versions: tuple[Version, ...]
    vocabulary: tuple[VocabEntry, ...]
    questions: tuple[Question, ...]
    cloze: tuple[ClozeItem, ...] = ()
    word_bank: tuple[str, ...] = ()
    organizer: tuple[OrganizerRow, ...] = ()
    accommodations: tuple[str, ...] = ()
    ledger: tuple[LedgerEntry, ...] = ()
    warnings: tuple[str, ...] = ()
    glossary_language: str | None = None
    class_grade: int | None = None
    source: str = ""  # the passage every version was leveled from
    removed_from_source: tuple[str, ...] = ()  # sentences addressed to an AI, left off every copy
    # For a caseload packet: each version's letter, unique per reading level across the packet,
    # and the students a copy is printed for, as (code, level): one copy each, with their code.
    version_letters: tuple[str, ...] = ()
    copies_for: tuple[tuple[str, int], ...] = ()
