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
    """What writing at a grade looks like to the measure; given to the model so it can aim.

    `words_per_sentence` and `uncommon_per_100` are the two things the reading-level estimate
    counts (generators.readability): the centre of each range, put through the formulas,
    measures at that grade (tests/test_leveling_guide.py checks it). Every grade has its own
    targets, so neighbouring grades are asked for different text.
    """

    words_per_sentence: str
    uncommon_per_100: str  # words in every 100 that are not everyday words
    vocabulary: str
    passage_words: str  # for a passage written from a topic; a rewrite follows its source


# grade: (words per sentence, uncommon words per 100, vocabulary, passage words). The uncommon
# share solves the formulas for the grade at the middle sentence length (Spache below grade 4,
# New Dale-Chall from 6, their blend between); grades K-1 sit on Spache's floor (about 1.5).
_GUIDES = {
    0: ("4-6", "0-1", "only very common, one- or two-syllable words", "60-120"),
    1: ("5-7", "0-2", "only very common, one- or two-syllable words", "80-150"),
    2: ("7-9", "1-3", "common everyday words; explain any new word", "120-220"),
    3: ("8-10", "3-5", "common everyday words; explain any new word", "150-250"),
    4: ("9-11", "5-6", "mostly everyday words; explain each subject term where it first appears",
        "180-300"),
    5: ("10-12", "6-8", "mostly everyday words; explain each subject term where it first appears",
        "200-330"),
    6: ("11-13", "7-10", "grade-level subject vocabulary, explained once", "220-380"),
    7: ("12-14", "9-12", "grade-level subject vocabulary, explained once", "250-400"),
    8: ("13-15", "12-15", "grade-level subject vocabulary, explained once", "250-450"),
    9: ("14-16", "15-18", "academic vocabulary as in the source", "300-500"),
    10: ("15-17", "18-21", "academic vocabulary as in the source", "300-550"),
    11: ("16-18", "21-24", "academic vocabulary as in the source", "300-600"),
    12: ("17-19", "24-27", "academic vocabulary as in the source", "300-600"),
}  # fmt: skip


def writing_guide(grade: int) -> WritingGuide:
    """Targets drawn from the inputs of the formulas that measure the result, one set a grade."""
    return WritingGuide(*_GUIDES[level_for(grade).grade])
