"""What the teacher/para copy says about a modified assignment: the ledger of every
accommodation (applied, or not applied and why), the read-aloud script and the adult's notes.

The ledger's categories come only from the catalogue (`ledger_entry`), so a modification is always
labelled MODIFICATION; a modification applied to some items and refused for others gets two
lines, so the refusal cannot hide inside a line that says "applied".
"""

from __future__ import annotations

import re

from generators import textwork
from generators.domain import accommodations as catalogue
from generators.domain.assignment import (
    CHUNK_ITEMS,
    EXTENDED_TIME,
    MAX_STARTER_WORDS,
    REDUCED_CHOICES,
    Assignment,
    Item,
    ModifyMaterial,
    ModifyRequest,
    TextBlock,
)
from generators.domain.common import LedgerEntry, ledger_entry
from generators.domain.levels import grade_name
from generators.modify_items import ItemBuilder
from generators.modify_model import ModelWork, Tasks

NAME_TERMS = 'name the key terms yourself, e.g. "equivalent, simplify"'
_TIME = re.compile(r"\b(\d{1,3})\s*(?:minutes|mins?)\b", re.IGNORECASE)


def read_aloud_script(material: ModifyMaterial) -> list[str]:
    """What the adult reads, in order, matching the student copy exactly."""
    script = [f"Say the title: “{material.title}”."]
    if material.directions:
        script.append("Read the directions: “" + " ".join(material.directions) + "”")
    for section in material.original.sections:
        if section.heading:
            script.append(f"Read the heading: “{section.heading}”.")
        for block in section.blocks:
            if isinstance(block, TextBlock) and block.role == "passage":
                script.append(f"Read the passage that begins “{textwork.first_words(block.text)}”.")
            elif isinstance(block, TextBlock):
                script.append(f"Read: “{block.text}”")
            elif isinstance(block, Item):
                result = material.result(block.ref)
                if result.removed:
                    continue
                line = f"Item {result.number}: read “{result.stem}”"
                if result.choices:
                    spoken = "; ".join(block.label(c) for c in result.choices)
                    line += f" Then read every choice the same way: {spoken}."
                script.append(line)
                if block.ref in material.checkpoints:
                    script.append("[Checkpoint: pause; offer the break before going on.]")
    return script


def adult_notes(material: ModifyMaterial) -> list[str]:
    """The catalogue's note for each accommodation, then what this assignment adds to it."""
    chosen = set(material.accommodations)
    notes = catalogue.teacher_notes(chosen)
    if "read-aloud" in chosen:
        notes.append("Read aloud: follow the script on this copy, which keeps the student "
                     "copy's order and reads every answer choice as printed.")  # fmt: skip
    if "extended-time" in chosen:
        notes.append(extended_time_note(material.original))
    if "breaks" in chosen:
        checkpoints = textwork.plural(len(material.checkpoints), "checkpoint")
        notes.append(f"Breaks: this copy has {checkpoints}; the work itself is the same.")
    return notes


def extended_time_note(assignment: Assignment) -> str:
    texts = list(assignment.directions) + [
        b.text for s in assignment.sections for b in s.blocks if isinstance(b, TextBlock)
    ]
    found = next((m for t in texts if (m := _TIME.search(t))), None)
    if found:
        minutes = int(found.group(1))
        return (
            f"Extended time: the directions give {minutes} minutes; allow "
            f"{round(minutes * EXTENDED_TIME)} minutes ({EXTENDED_TIME:g}x)."
        )
    return catalogue.get("extended-time").teacher_note


# --- The ledger: one line per accommodation, two when a modification is only partly applied ---

LedgerNote = tuple[bool, str]


class Ledger:
    """Says, for each accommodation asked for, exactly what was done or why it was not."""

    def __init__(
        self,
        request: ModifyRequest,
        tasks: Tasks,
        work: ModelWork,
        material: ModifyMaterial,
        builder: ItemBuilder,
        terms_source: str | None,
    ) -> None:
        self.request = request
        self.tasks = tasks
        self.work = work
        self.material = material
        self.builder = builder
        self.terms_source = terms_source

    def build(self) -> list[LedgerEntry]:
        entries = []
        for accommodation in catalogue.resolve(self.request.accommodations):
            notes = getattr(self, "note_" + accommodation.id.replace("-", "_"))()
            for applied, detail in notes:
                if accommodation.id in self.request.from_profile:
                    detail = f"From {self.request.student_code}'s profile. {detail}"
                entries.append(ledger_entry(accommodation, applied, detail))
        return entries

    def needs_model(self, what: str, instead: str = "do this by hand") -> LedgerNote:
        if self.work.error:
            return False, f"Not applied: {what} needs the model, whose answer failed; {instead}."
        return False, (
            f"Not applied: {what} needs a language model (offline engine, no AI), and the "
            f"offline engine does not guess. Configure a model, or {instead}."
        )

    def note_large_print(self) -> list[LedgerNote]:
        return [(True, "Student copy printed with the large-print profile (18 pt bold "
                 "sans-serif, 1.5 line spacing).")]  # fmt: skip

    def note_dyslexia_friendly(self) -> list[LedgerNote]:
        within = (
            " (within the large-print profile)"
            if "large-print" in self.material.accommodations
            else ""
        )
        return [(True, f"Sans-serif, left aligned, no italics, 1.5 line spacing{within}.")]

    def note_extra_spacing(self) -> list[LedgerNote]:
        return [(True, "Double line spacing and wider gaps between items on the student copy.")]

    def note_chunking(self) -> list[LedgerNote]:
        pages = len(self.material.chunk_starts) + 1
        if pages == 1:
            return [(False, "Not applied: the items already fit in one chunk.")]
        return [(True, f"Items split into {pages} chunks of at most {CHUNK_ITEMS}, each "
                 "starting on a new page (a section always starts a new chunk); same items, "
                 "same order.")]  # fmt: skip

    def note_simplified_directions(self) -> list[LedgerNote]:
        if not self.request.assignment.directions:
            return [(False, "Not applied: the assignment has no directions to simplify.")]
        if self.material.directions_simplified:
            return [(True, f"Directions rewritten by the model as "
                     f"{len(self.material.directions)} short steps with the same task; compare "
                     "them with the original on this copy.")]  # fmt: skip
        return [self.needs_model("simplifying directions")]

    def note_read_aloud(self) -> list[LedgerNote]:
        return [(True, f"Read-aloud script on this copy ({len(self.material.read_aloud)} "
                 "lines) in the student copy's order; the student copy is unchanged.")]  # fmt: skip

    def note_highlight_key_terms(self) -> list[LedgerNote]:
        terms = ", ".join(self.material.key_terms)
        if not terms:
            if self.terms_source is None:
                return [self.needs_model("choosing key terms", NAME_TERMS)]
            return [(False, "Not applied: the model found no key terms in the assignment.")]
        where = "in bold in directions, passages and item stems (never in answer choices)"
        return [(True, f"Key terms {self.terms_by()}, {where}: {terms}.")]

    def terms_by(self) -> str:
        return "named by the teacher" if self.terms_source == "teacher" else "chosen by the model"

    def note_visual_supports(self) -> list[LedgerNote]:
        return [(True, "An action cue (CIRCLE, FILL IN, WRITE) starts each section. No pictures "
                 "are added: add them by hand if the IEP needs them.")]  # fmt: skip

    def note_bilingual_glossary(self) -> list[LedgerNote]:
        return [(False, "Not applied: modifying an assignment does not make glossaries; use "
                 "the worksheet command for a bilingual glossary.")]  # fmt: skip

    def note_graphic_organizer(self) -> list[LedgerNote]:
        return [(False, "Not applied: modifying an assignment does not add organizers; attach "
                 "one by hand if the IEP needs it.")]  # fmt: skip

    def note_larger_answer_space(self) -> list[LedgerNote]:
        widened = self.builder.widened
        if not widened:
            return [(False, "Not applied: no item has writing space or blanks to enlarge.")]
        return [(True, f"Twice the writing lines, and longer blanks, on "
                 f"{items_phrase(widened)}.")]  # fmt: skip

    def note_sentence_starters(self) -> list[LedgerNote]:
        if not self.tasks.starters:
            return [(False, "Not applied: the assignment has no written-answer items.")]
        if self.work.plan is None:
            return [self.needs_model("writing sentence starters")]
        used, dropped = self.builder.starters, self.builder.dropped_starters
        notes: list[LedgerNote] = []
        if used:
            notes.append((True, f"Starters from the model on {items_phrase(used)}, checked: "
                          f"at most {MAX_STARTER_WORDS} words, no answer choice, no new content "
                          "words."))  # fmt: skip
        if dropped:
            notes.append((False, f"Not used on {items_phrase(dropped)}: the model's starters "
                          "brought in words the question does not use and might give the "
                          "answer away."))  # fmt: skip
        return notes or [(False, "Not applied: the model gave no starters.")]

    def note_word_bank(self) -> list[LedgerNote]:
        if self.material.word_bank:
            words = ", ".join(self.material.word_bank)
            return [(True, f"Word bank before the first item, key terms {self.terms_by()} (no "
                     f"answer choice is ever listed): {words}.")]  # fmt: skip
        if self.terms_source is None:
            return [self.needs_model("choosing the words for a word bank", NAME_TERMS)]
        return [(False, "Not applied: every key term is also an answer choice, and a word bank "
                 "listing one would point at it.")]  # fmt: skip

    def note_extended_time(self) -> list[LedgerNote]:
        return [(True, extended_time_note(self.request.assignment) + " Noted on this copy only.")]

    def note_breaks(self) -> list[LedgerNote]:
        count = len(self.material.checkpoints)
        if not count:
            return [(False, "Not applied: the assignment is too short to split with a break.")]
        checkpoints = textwork.plural(count, "break checkpoint")
        return [(True, f"{checkpoints} on the student copy, between sections or groups of items.")]

    def note_small_group_setting(self) -> list[LedgerNote]:
        return [(True, "Noted on this copy: small group or a quiet space.")]

    def note_reduced_choices(self) -> list[LedgerNote]:
        b = self.builder
        notes: list[LedgerNote] = []
        if b.reduced:
            who = " and ".join(sorted(b.reduced_sources))
            which = items_phrase(b.reduced).capitalize()
            notes.append((True, f"{which} cut to {REDUCED_CHOICES} choices; "
                          f"the correct choice is always kept (answers from {who})."))  # fmt: skip
        if b.refused:
            notes.append((False, f"Not applied to {items_phrase(b.refused)}, left unchanged: "
                          f"the correct choice is not known ({self.refusal_reason()}). Give it "
                          f"in the answer key, e.g. \"{b.refused[0]}:<letter>\"."))  # fmt: skip
        if notes:
            return notes
        if b.short:
            return [(False, f"Not applied: the multiple-choice items ({', '.join(b.short)}) "
                     f"already have {REDUCED_CHOICES} choices or fewer.")]  # fmt: skip
        return [(False, "Not applied: the assignment has no multiple-choice items.")]

    def refusal_reason(self) -> str:
        if self.work.plan is not None:
            return "no answer-key entry, and the model was not sure of the answer"
        if self.work.error:
            return "no answer-key entry, and the model's answer failed"
        return "no answer-key entry, and no model to find it: offline engine, no AI"

    def note_fewer_items(self) -> list[LedgerNote]:
        results = self.material.items
        originals = self.request.assignment.items
        removed = [item.number for item, r in zip(originals, results, strict=True) if r.removed]
        if removed:
            who = (
                "the teacher's choice of items to keep"
                if self.request.keep
                else "the model's proposal, checked to cover every skill it named"
            )
            return [(True, f"{len(results) - len(removed)} of {len(results)} items kept "
                     f"({who}); left out: {items_phrase(removed)}.")]  # fmt: skip
        if len(results) <= 1:
            return [(False, "Not applied: the assignment has only one item.")]
        if self.work.error:
            return [self.needs_model("choosing which items keep every skill covered")]
        return [(False, "Not applied: choosing which items keep every skill covered needs a "
                 "language model (offline engine, no AI). Pick the items to keep yourself, "
                 "e.g. 1, 3, 5.")]  # fmt: skip

    def note_below_grade_text(self) -> list[LedgerNote]:
        if not self.has_passage():
            return [(False, "Not applied: the assignment has no reading passage to rewrite "
                     "(items are never rewritten).")]  # fmt: skip
        if self.request.reading_level is None:
            return [(False, "Not applied: no target reading level; give one, or a student "
                     "whose profile has a reading level.")]  # fmt: skip
        notes: list[LedgerNote] = []
        for p in self.material.passages:
            measured = (
                f"measured grade {p.measured:.1f}" if p.measured is not None else "not measured"
            )
            notes.append((True, f"Passage rewritten by the model for grade "
                          f"{grade_name(p.target)} ({measured}); items unchanged."))  # fmt: skip
        if self.work.passage_errors:
            notes.append((False, "Some passages are printed as written: the model could not "
                          f"rewrite them ({self.work.passage_errors[0]})."))  # fmt: skip
        offline = "Not applied: rewriting a passage needs a language model (offline engine, no AI)"
        return notes or [(False, f"{offline}; the passage is printed as written.")]

    def has_passage(self) -> bool:
        return any(
            isinstance(block, TextBlock) and block.role == "passage"
            for section in self.request.assignment.sections
            for block in section.blocks
        )


def items_phrase(numbers: list[str]) -> str:
    """'item 7' or 'items 7, 8', as the original numbers them."""
    return ("item " if len(numbers) == 1 else "items ") + ", ".join(numbers)
