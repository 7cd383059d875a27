"""US grade levels K-12 and the approximate guided-reading equivalents teachers know them by.

Grade is the one scale ParaPrep computes with; the F&P and DRA letters are shown beside it because
that is how many teachers and paras think about a reader. They are approximate on purpose: the
publishers' own charts overlap, and ParaPrep never prints a trademarked measure such as Lexile.
"""

from __future__ import annotations

from dataclasses import dataclass

from generators.errors import FIELD, InputError

MIN_GRADE = 0  # kindergarten
MAX_GRADE = 12


@dataclass(frozen=True)
class GradeLevel:
    grade: int
    fountas_pinnell: str
    dra: str

    @property
    def name(self) -> str:
        return grade_name(self.grade)


# Approximate end-of-year ranges (DESIGN.md, domain reference).
_LEVELS = (
    GradeLevel(0, "A-D", "A-6"),
    GradeLevel(1, "E-J", "8-18"),
    GradeLevel(2, "K-M", "20-28"),
    GradeLevel(3, "N-P", "30-38"),
    GradeLevel(4, "Q-S", "40"),
    GradeLevel(5, "T-V", "50"),
    GradeLevel(6, "W-X", "60"),
    GradeLevel(7, "Y", "70"),
    GradeLevel(8, "Z", "80"),
    GradeLevel(9, "Z+", "-"),
    GradeLevel(10, "Z+", "-"),
    GradeLevel(11, "Z+", "-"),
    GradeLevel(12, "Z+", "-"),
)


def grade_name(grade: int) -> str:
    """Name a grade as a teacher would write it: 'K', '3'."""
    return "K" if grade == 0 else str(grade)


def level_for(grade: int) -> GradeLevel:
    """Return the level for a grade, or raise an InputError saying what is allowed."""
    if not MIN_GRADE <= grade <= MAX_GRADE:
        raise InputError(f"Reading level {grade} is out of range: use K or 1-12.")
    return _LEVELS[grade]


def parse_grade(text: str) -> int:
    """Read one grade as a user types it: 'K', 'k', '0', '3', 'grade 3'."""
    cleaned = text.strip().lower().removeprefix("grade").strip()
    if cleaned in {"k", "kindergarten"}:
        return 0
    if not cleaned.lstrip("-").isdigit():
        raise InputError(f"'{text.strip()}' is not a reading level: use K or a grade from 1 to 12.")
    return level_for(int(cleaned)).grade


def parse_levels(text: str) -> list[int]:
    """Read a comma-separated list of grades ('2,5,8' or 'K,3'); sorted, duplicates removed."""
    parts = [part for part in text.split(",") if part.strip()]
    if not parts:
        raise InputError(
            f"No reading levels given: list one or more grades in {FIELD}, e.g. 2,5,8.",
            field="levels",
        )
    grades = sorted({parse_grade(part) for part in parts})
    if len(grades) > 6:
        raise InputError(f"{len(grades)} reading levels asked for: at most 6 fit in one packet.")
    return grades


@dataclass(frozen=True)
class WritingGuide:
    """What writing at a grade looks like; given to the model so it can aim, then measured."""

    words_per_sentence: str
    vocabulary: str
    passage_words: str


def writing_guide(grade: int) -> WritingGuide:
    """Targets drawn from the inputs of the Spache and Dale-Chall formulas used to measure."""
    if grade <= 1:
        return WritingGuide("4-7", "only very common, one- or two-syllable words", "80-150")
    if grade <= 3:
        return WritingGuide("6-10", "common everyday words; explain any new word", "120-250")
    if grade <= 5:
        return WritingGuide(
            "9-13", "mostly familiar words; define subject terms in context", "180-350"
        )
    if grade <= 8:
        return WritingGuide("12-16", "grade-level subject vocabulary, defined once", "250-450")
    return WritingGuide("15-20", "academic vocabulary as in the source", "300-600")
