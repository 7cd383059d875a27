"""The study guide: a one-page summary, vocabulary cards, optional Frayer cards and a self-check.

One `StudyGuideMaterial` is rendered to the student's guide (answers on its back page) and a
teacher/para page with the ledger and where each definition came from.
"""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, Field, field_validator

from generators.domain.common import EngineInfo, Frozen, LedgerEntry
from generators.domain.worksheet import Measured

MIN_TERMS, MAX_TERMS = 3, 12
MAX_FRAYER = 4
MIN_IDEAS, MAX_IDEAS = 3, 8

DefinitionSource = Literal["model", "glossary", "blank"]


class StudyGuideRequest(Frozen):
    """What the teacher asked for. Built by `generators.study_guide.make_request`."""

    topic: str
    source_text: str | None = None
    source_name: str | None = None
    level: int
    terms: int = 6
    frayer: int = 0  # Frayer cards for this many of the hardest terms
    glossary: tuple[tuple[str, str], ...] = ()  # (term, definition) given by the teacher
    accommodations: tuple[str, ...] = ()
    class_grade: int | None = None


# --- What a model returns. Strict JSON schema: every field required, optional ones nullable. ---


class TermEntry(BaseModel):
    term: str = Field(description="A key term exactly as it appears in the passage.")
    definition: str = Field(description="A student-friendly definition in one short sentence.")
    picture: str = Field(description="A few words on a picture a student could draw for it.")


class FrayerEntry(BaseModel):
    term: str = Field(description="One of the terms above, the hardest ones first.")
    definition: str
    characteristics: list[str] = Field(description="Two or three facts that make it what it is.")
    examples: list[str] = Field(description="Two or three examples.")
    non_examples: list[str] = Field(description="Two or three things that are not it.")


class CheckQuestion(BaseModel):
    question: str = Field(description="A short question the passage answers.")
    answer: str = Field(description="The answer, in a few words.")


class StudyGuideCore(BaseModel):
    title: str
    key_ideas: list[str] = Field(description="The key ideas, one or two sentences each.")
    terms: list[TermEntry]
    frayer: list[FrayerEntry]
    self_check: list[CheckQuestion]

    @field_validator("key_ideas")
    @classmethod
    def check_ideas(cls, ideas: list[str]) -> list[str]:
        if not MIN_IDEAS <= len([i for i in ideas if i.strip()]) <= MAX_IDEAS:
            raise ValueError(f"give {MIN_IDEAS} to {MAX_IDEAS} key ideas")
        return ideas

    @field_validator("self_check")
    @classmethod
    def check_questions(cls, questions: list[CheckQuestion]) -> list[CheckQuestion]:
        if not 3 <= len(questions) <= 8:
            raise ValueError("give 3 to 8 self-check questions")
        return questions


# --- The material. ---


class Card(Frozen):
    term: str
    definition: str  # empty when left for the student to write
    source: DefinitionSource
    sentence: str  # the passage's own sentence that uses the term
    picture: str = ""


class Frayer(Frozen):
    term: str
    definition: str = ""
    characteristics: tuple[str, ...] = ()
    examples: tuple[str, ...] = ()
    non_examples: tuple[str, ...] = ()


class SelfCheck(Frozen):
    question: str
    choices: tuple[str, ...] = ()  # empty for a written answer
    answer: str


class StudyGuideMaterial(Frozen):
    kind: Literal["study-guide"] = "study-guide"
    request: StudyGuideRequest
    title: str
    topic: str
    source_name: str | None
    engine: EngineInfo
    level: int
    key_ideas: tuple[str, ...]
    ideas_rewritten: bool  # False offline: the key sentences are the passage's own
    measured: Measured | None
    cards: tuple[Card, ...]
    frayer: tuple[Frayer, ...] = ()
    self_check: tuple[SelfCheck, ...] = ()
    accommodations: tuple[str, ...] = ()
    ledger: tuple[LedgerEntry, ...] = ()
    warnings: tuple[str, ...] = ()
    class_grade: int | None = None
    source: str = ""
