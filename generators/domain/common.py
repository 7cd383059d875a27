"""Pieces every material kind shares: who made it, the accommodation ledger, warnings.

Pure data (pydantic + standard library only) so the domain can be reasoned about and tested
without a model, a file system or python-docx.
"""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

from generators.domain.accommodations import Accommodation

OFFLINE_LABEL = "ParaPrep offline engine (no AI)"


class Frozen(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


class EngineInfo(Frozen):
    """Which engine made a material; printed on every teacher copy, so it must be honest."""

    kind: Literal["offline", "model"]
    label: str
    model: str | None = None

    @property
    def is_ai(self) -> bool:
        return self.kind == "model"


OFFLINE_ENGINE = EngineInfo(kind="offline", label=OFFLINE_LABEL)


class LedgerEntry(Frozen):
    """One line of the accommodation ledger on the teacher/para copy."""

    id: str
    name: str
    category: str  # "presentation", ..., or "MODIFICATION"
    applied: bool
    detail: str  # how it was applied, or why it was not
    requested: bool = True  # False when recorded because the packet itself implies it


def ledger_entry(accommodation: Accommodation, applied: bool, detail: str) -> LedgerEntry:
    """Build a ledger line whose category can only come from the catalogue."""
    return LedgerEntry(
        id=accommodation.id,
        name=accommodation.name,
        category=accommodation.category_label,
        applied=applied,
        detail=detail,
    )


class RenderedDocument(Frozen):
    """A finished file: what it is for, and its bytes."""

    filename: str
    # what the copy is for ("student", "teacher", "para", "data-sheet", ...): each kind declares
    # its roles in the registry, and the API refuses a document whose role its kind did not
    role: str = Field(pattern=r"^[a-z][a-z0-9]*(-[a-z0-9]+)*$", max_length=20)
    title: str
    level: int | None = None
    data: bytes
    checks: tuple[str, ...] = ()  # what the print check found (and fixed, where safe)
