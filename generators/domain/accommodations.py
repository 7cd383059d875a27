"""The accommodation catalogue: stable ids, their category, and what each does.

An accommodation changes *how* a student gets at or shows the content; a modification changes
*what* is expected. The difference has legal weight (credit, assessment validity), so the category
lives here, once, and every document's ledger is built from it: a modification can never be
applied without being labelled MODIFICATION.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, replace
from enum import StrEnum

from generators.errors import InputError


class Category(StrEnum):
    PRESENTATION = "presentation"
    RESPONSE = "response"
    SETTING = "setting"
    TIMING = "timing"
    MODIFICATION = "modification"


@dataclass(frozen=True)
class Accommodation:
    id: str
    name: str
    category: Category
    description: str
    content_effect: str  # what it asks of the content (the model or the offline engine)
    page_effect: str  # what it does to the printed page
    copy: str = "student"  # the copy it changes: "student", or "teacher" (the adult's copy only)
    teacher_note: str = ""  # printed, as is, on every teacher/para copy when it applies
    reminder: str = ""  # the same, as a short phrase for a one-page para run sheet

    @property
    def is_modification(self) -> bool:
        return self.category is Category.MODIFICATION

    @property
    def category_label(self) -> str:
        """The ledger's label: modifications are shouted so nobody misses them."""
        return "MODIFICATION" if self.is_modification else self.category.value


_P, _R, _S, _T, _M = (
    Category.PRESENTATION,
    Category.RESPONSE,
    Category.SETTING,
    Category.TIMING,
    Category.MODIFICATION,
)

CATALOGUE: tuple[Accommodation, ...] = (
    Accommodation(
        "large-print", "Large print", _P,
        "Larger type for students with low vision or visual fatigue.",
        "None: same content.",
        "18 pt bold sans-serif body, 1.5 line spacing.",
    ),
    Accommodation(
        "dyslexia-friendly", "Dyslexia-friendly layout", _P,
        "A clean, predictable layout that is easier to track and decode.",
        "None: same content.",
        "Sans-serif 14 pt, left aligned, no italics or all caps, 1.5 line spacing.",
    ),
    Accommodation(
        "extra-spacing", "Extra spacing", _P,
        "More white space between lines and items to reduce crowding.",
        "None: same content.",
        "Double line spacing and wider gaps between items.",
    ),
    Accommodation(
        "chunking", "Chunking", _P,
        "The same work split into smaller pieces so it is less overwhelming.",
        "None: same items, same order.",
        "Passage and questions split into short chunks, each starting on a new page.",
    ),
    Accommodation(
        "simplified-directions", "Simplified directions", _P,
        "Directions rewritten as short, numbered steps; the task itself is unchanged.",
        "Directions in short, plain steps with the same task.",
        "Bold, short, step-by-step directions.",
    ),
    Accommodation(
        "read-aloud", "Read aloud", _P,
        "An adult reads the passage and questions aloud (not the answer choices' meaning).",
        "None: same content.",
        "Read-aloud script and reminders on the teacher/para copy.",
        "teacher",
        "Read aloud: read the directions, the text and each item exactly as printed; reread on "
        "request. Do not explain words the items assess or hint at which answer is right.",
    ),
    Accommodation(
        "highlight-key-terms", "Highlighted key terms", _P,
        "Key vocabulary stands out in the passage so students can find it again.",
        "Key terms identified.",
        "Key terms printed in bold in the passage.",
    ),
    Accommodation(
        "visual-supports", "Visual supports", _P,
        "Icons and visual cues that show what each part of the page asks for.",
        "A short picture idea for key terms, where one helps.",
        "Section icons; picture cues beside the glossary.",
    ),
    Accommodation(
        "bilingual-glossary", "Bilingual glossary", _P,
        "Key terms with a translation into the student's home language.",
        "Each key term translated into the chosen language.",
        "Glossary printed with a translation column.",
    ),
    Accommodation(
        "graphic-organizer", "Graphic organizer", _R,
        "A structured organizer to plan or show understanding.",
        "None beyond the passage's own structure.",
        "An organizer table printed after the passage.",
    ),
    Accommodation(
        "larger-answer-space", "Larger answer space", _R,
        "More room to write for students with large handwriting or motor needs.",
        "None: same questions.",
        "Twice the writing lines after each written answer.",
    ),
    Accommodation(
        "sentence-starters", "Sentence starters", _R,
        "A sentence frame to begin each written answer, never giving the answer away.",
        "One neutral starter per written question.",
        "Starter printed at the start of the writing space.",
    ),
    Accommodation(
        "word-bank", "Word bank", _R,
        "Key words listed for constructed answers, to support recall and spelling.",
        "Key terms listed.",
        "Word bank box before the written questions.",
    ),
    Accommodation(
        "extended-time", "Extended time", _T,
        "More time to finish (typically 1.5x).",
        "None: same content.",
        "Time noted on the teacher/para copy.",
        "teacher",
        "Extended time: allow 1.5 times the usual time.",
    ),
    Accommodation(
        "breaks", "Breaks", _T,
        "Planned short breaks between parts of the work.",
        "None: same content.",
        "Break checkpoints printed between sections.",
        "student",
        "Breaks: offer a short break at each checkpoint on the student copy.",
    ),
    Accommodation(
        "small-group-setting", "Small-group setting", _S,
        "Work done in a small group or quiet space.",
        "None: same content.",
        "Note on the teacher/para copy only.",
        "teacher",
        "Setting: small group or quiet space.",
    ),
    Accommodation(
        "reduced-choices", "Reduced answer choices", _M,
        "Fewer answer choices on multiple-choice items; the correct choice is always kept.",
        "Multiple-choice items cut to three choices.",
        "Three choices instead of four.",
    ),
    Accommodation(
        "fewer-items", "Fewer items", _M,
        "Fewer questions, keeping every kind of question that is assessed.",
        "A shorter set of questions covering every skill.",
        "Fewer numbered items.",
    ),
    Accommodation(
        "below-grade-text", "Below-grade text", _M,
        "The passage is read at a level below the student's grade.",
        "Passage rewritten at a lower reading level.",
        "Easier passage; level stated on the teacher/para copy.",
    ),
)  # fmt: skip

REMINDERS = {  # the para's one-line reminders, per accommodation, for every kind
    "read-aloud": "read the directions and items aloud (not the answers)",
    "extended-time": "allow 1.5x time",
    "breaks": "offer a short break at each checkpoint",
    "large-print": "large-print page",
    "sentence-starters": "point to the sentence starters",
    "word-bank": "point to the word bank",
    "chunking": "hand over one page at a time",
    "graphic-organizer": "use the organizer before answering",
    "fewer-items": "fewer items (MODIFICATION)",
    "below-grade-text": "text at their reading level (MODIFICATION)",
}
CATALOGUE = tuple(
    replace(accommodation, reminder=REMINDERS.get(accommodation.id, ""))
    for accommodation in CATALOGUE
)
_BY_ID = {accommodation.id: accommodation for accommodation in CATALOGUE}
ALREADY_MET = "Already met:"  # a ledger line for an accommodation the material already meets


def ids() -> list[str]:
    return [accommodation.id for accommodation in CATALOGUE]


def get(accommodation_id: str) -> Accommodation:
    """Look an id up, or raise an InputError listing every valid id."""
    key = accommodation_id.strip().lower()
    if key not in _BY_ID:
        raise InputError(
            f"Unknown accommodation '{accommodation_id.strip()}'. Valid ids: {', '.join(ids())}."
        )
    return _BY_ID[key]


def resolve(accommodation_ids: Iterable[str]) -> tuple[Accommodation, ...]:
    """Resolve ids in catalogue order without duplicates: output never depends on typing order."""
    chosen = {get(item).id for item in accommodation_ids if item.strip()}
    return tuple(accommodation for accommodation in CATALOGUE if accommodation.id in chosen)


def parse_ids(text: str) -> tuple[Accommodation, ...]:
    """Read a comma-separated list as typed on the command line."""
    return resolve(text.split(","))


def teacher_notes(accommodation_ids: Iterable[str]) -> list[str]:
    """The adult's notes for the chosen accommodations, in catalogue order: every kind prints
    these same sentences on its teacher/para copy."""
    return [a.teacher_note for a in resolve(accommodation_ids) if a.teacher_note]


def reminders(accommodation_ids: Iterable[str]) -> list[str]:
    """The para's short reminders for the chosen accommodations, in catalogue order."""
    return [a.reminder for a in resolve(accommodation_ids) if a.reminder]
