"""Modify an existing assignment for one student's accommodations: the `modify` material kind.

Accommodations change how the work is presented or answered, never what is asked; the three
modifications (reduced-choices, fewer-items, below-grade-text) change what is asked, so they run
only when asked for by id and are labelled MODIFICATION. Every change lands in the ledger and in
the item-by-item comparison on the teacher/para copy.

The language work (simplified directions, sentence starters, key terms, correct answers the
teacher did not give, which items to keep) is one structured model call, checked against the
assignment before it is used. Offline, everything that needs no language understanding is still
applied, and everything that does is reported NOT APPLIED with the reason, never guessed.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable

from generators import textwork
from generators.domain import accommodations as catalogue
from generators.domain.assignment import (
    BREAK_ITEMS,
    CHUNK_ITEMS,
    Assignment,
    Item,
    ItemResult,
    ModifyMaterial,
    ModifyPlanBase,
    ModifyRequest,
    TextBlock,
)
from generators.domain.common import OFFLINE_ENGINE
from generators.domain.levels import level_for
from generators.domain.students import Student, find_student, redact_fields
from generators.errors import FIELD, InputError
from generators.models.base import Model
from generators.modify_items import ItemBuilder
from generators.modify_model import ModelWork, Tasks, ask_model, tasks_for
from generators.modify_notes import Ledger, adult_notes, read_aloud_script

Progress = Callable[[str], None]


def ignore_progress(_: str) -> None:
    """Default progress sink for callers that do not show progress."""


# --- Request ---


def make_request(
    assignment: Assignment,
    *,
    accommodations: Iterable[str] = (),
    student_code: str | None = None,
    caseload: Iterable[Student] = (),
    key_text: str | None = None,
    keep_text: str | None = None,
    reading_level: int | None = None,
    terms_text: str | None = None,
) -> ModifyRequest:
    """Check what the user asked for; every problem is one InputError naming the fix."""
    roster = tuple(caseload)
    assignment = redact_fields(assignment, roster)  # names typed in it are printed as codes
    asked = {a.id for a in catalogue.resolve(accommodations)}
    student = None
    if student_code:
        if not roster:
            raise InputError(
                f"{FIELD} needs the students file that lists the student.", field="student"
            )
        student = find_student(student_code, roster)
    profile = set(student.accommodations) - asked if student else set()
    chosen = catalogue.resolve(asked | profile)
    if not chosen:
        raise InputError(
            f"Choose at least one accommodation in {FIELD} (e.g. large-print, chunking), or a "
            "student whose profile lists some.",
            field="accommodations",
        )
    ids = tuple(a.id for a in chosen)
    keep = parse_keep(keep_text, assignment) if keep_text else ()
    if keep and "fewer-items" not in ids:
        raise InputError(
            f"{FIELD} picks the items for the fewer-items modification: add fewer-items to the "
            "accommodations to use it.",
            field="keep",
        )
    level = reading_level if reading_level is not None else (student and student.reading_level)
    if level is not None:
        level_for(level)
    return ModifyRequest(
        assignment=assignment,
        accommodations=ids,
        from_profile=tuple(a.id for a in chosen if a.id in profile),
        student_code=student.code if student else None,
        reading_level=level if isinstance(level, int) else None,
        key=parse_key(key_text, assignment) if key_text else (),
        keep=keep,
        terms=parse_terms(terms_text, assignment) if terms_text else (),
        caseload=roster,
    )


_KEY_ENTRY = re.compile(r"^(#?\d{1,3})\s*[:=.)\-]?\s*([A-Ha-h])$")


def parse_key(text: str, assignment: Assignment) -> tuple[tuple[int, int], ...]:
    """Read '7:c, 8:c' (or one entry a line, '7c', '7=c') into (item ref, choice index)."""
    entries: dict[int, int] = {}
    for token in (t.strip() for t in re.split(r"[,;\n]+", text)):
        if not token:
            continue
        match = _KEY_ENTRY.match(token.replace(" ", ""))
        if match is None:
            raise InputError(
                f"Answer key entry '{token}' is not understood: write item:letter in {FIELD}, "
                'e.g. "7:c, 8:c".',
                field="key",
            )
        item = find_item(match.group(1), assignment)
        if item.kind != "multiple_choice":
            raise InputError(
                f"Answer key entry '{token}': item {item.number} is not multiple choice."
            )
        labels = [choice.label.lower() for choice in item.choices]
        letter = match.group(2).lower()
        if letter not in labels:
            raise InputError(
                f"Answer key entry '{token}': item {item.number} has choices "
                f"{', '.join(labels)} only."
            )
        entries[item.ref] = labels.index(letter)
    if not entries:
        raise InputError(f'{FIELD} is empty: write item:letter, e.g. "7:c, 8:c".', field="key")
    return tuple(sorted(entries.items()))


def parse_keep(text: str, assignment: Assignment) -> tuple[int, ...]:
    """Read '1,3,5' (item numbers as printed) into item refs, in document order."""
    tokens = [t.strip() for t in re.split(r"[,;\s]+", text) if t.strip()]
    if not tokens:
        raise InputError(f"{FIELD} lists no items: give item numbers, e.g. 1,3,5.", field="keep")
    refs = sorted({find_item(token, assignment).ref for token in tokens})
    if len(refs) == len(assignment.items):
        raise InputError(
            f"{FIELD} lists every item ({len(refs)}): fewer-items needs some left out.",
            field="keep",
        )
    return tuple(refs)


def parse_terms(text: str, assignment: Assignment) -> tuple[str, ...]:
    """Read the teacher's key terms ('equivalent, simplify'); each must occur in the assignment,
    outside the answer choices, or it could not be highlighted."""
    wanted = [" ".join(t.split()) for t in text.split(",") if t.strip()]
    found = terms_in(assignment, wanted)
    missing = [t for t in wanted if t not in found]
    if missing:
        raise InputError(
            f"{'A key term' if len(missing) == 1 else 'Key terms'} not found in the "
            "assignment's directions or items: "
            f"{', '.join(missing)}. Use words exactly as the assignment writes them."
        )
    return tuple(found)


def find_item(token: str, assignment: Assignment) -> Item:
    """An item by its printed number, or '#N' for the Nth item when numbers repeat."""
    items = assignment.items
    if token.startswith("#"):
        position = int(token[1:]) if token[1:].isdigit() else 0
        if not 1 <= position <= len(items):
            raise InputError(f"There is no item {token}: the assignment has {len(items)} items.")
        return items[position - 1]
    found = [item for item in items if item.number == token.lstrip("0") or item.number == token]
    if len(found) > 1:
        raise InputError(
            f"Item number {token} appears {len(found)} times (the numbering restarts in each "
            f"part): write #N for the Nth item of the assignment instead (1 to {len(items)})."
        )
    if not found:
        numbers = ", ".join(item.number for item in items)
        raise InputError(f"There is no item {token} in the assignment. Items: {numbers}.")
    return found[0]


# --- Generation ---


def generate(
    request: ModifyRequest, model: Model, progress: Progress = ignore_progress
) -> ModifyMaterial:
    assignment = request.assignment
    progress(f"Found {assignment.summary()}")
    tasks = tasks_for(request)
    work = ModelWork()
    if model.info.is_ai and (tasks.plan or tasks.passages):
        work = ask_model(request, tasks, model, progress)
    return assemble(request, tasks, work, model if work.contributed else None)


# --- Assembly: every accommodation applied once, with its ledger line ---


def assemble(
    request: ModifyRequest, tasks: Tasks, work: ModelWork, model: Model | None
) -> ModifyMaterial:
    assignment = request.assignment
    chosen = set(request.accommodations)
    plan = work.plan
    builder = ItemBuilder(request, plan, tasks)
    results = builder.build()
    directions, simplified = list(assignment.directions), False
    if plan and tasks.directions:
        steps = [s for s in (textwork.clean(s) for s in plan.directions_steps) if s]
        if steps:
            directions, simplified = steps, True
    terms, terms_source = key_terms(request, plan if tasks.key_terms else None)
    kept = [r for r in results if not r.removed]
    chunks = chunk_starts(assignment, kept) if "chunking" in chosen else ()
    checkpoints = checkpoint_after(assignment, kept) if "breaks" in chosen else ()
    material = ModifyMaterial(
        title=textwork.clean(assignment.title or "Assignment"),
        engine=model.info if model else OFFLINE_ENGINE,
        original=assignment,
        items=tuple(results),
        directions=tuple(directions),
        directions_simplified=simplified,
        key_terms=tuple(terms) if "highlight-key-terms" in chosen else (),
        word_bank=tuple(word_bank(terms, assignment)) if "word-bank" in chosen else (),
        passages=tuple(work.passages.values()),
        chunk_starts=chunks,
        checkpoints=checkpoints,
        accommodations=request.accommodations,
        from_profile=request.from_profile,
        student_code=request.student_code,
    )
    material = material.model_copy(
        update={
            "read_aloud": tuple(read_aloud_script(material)) if "read-aloud" in chosen else (),
            "adult_notes": tuple(adult_notes(material)),
        }
    )
    ledger = Ledger(request, tasks, work, material, builder, terms_source).build()
    warnings = list(assignment.warnings)
    if work.error:
        warnings.append(
            f"The model's language work failed ({work.error}); what needed it is marked NOT "
            "APPLIED in the ledger."
        )
    warnings += [f"A passage could not be rewritten: {e}" for e in work.passage_errors]
    if any(r.answer_source == "model" for r in results):
        warnings.append(
            "Some correct answers came from the model, not from your key: check them in the "
            "item-by-item table before you hand the copy out."
        )
    return material.model_copy(update={"ledger": tuple(ledger), "warnings": tuple(warnings)})


def key_terms(request: ModifyRequest, plan: ModifyPlanBase | None) -> tuple[list[str], str | None]:
    """The teacher's terms first, else the model's; either kept only where they occur
    in the assignment. Offline there are none: word rarity picks story words such as "pizza" in
    a math problem, which is not what a key term is, so nothing is guessed."""
    if request.terms:
        return list(request.terms), "teacher"
    if plan is None:
        return [], None
    return terms_in(request.assignment, plan.key_terms), "model"


def terms_in(assignment: Assignment, candidates: Iterable[str]) -> list[str]:
    text = "\n".join(readable_texts(assignment))
    terms: list[str] = []
    for term in (textwork.clean(t) for t in candidates):
        if term and textwork.whole_word(term).search(text) and term not in terms:
            terms.append(term)
    return terms


def readable_texts(assignment: Assignment) -> list[str]:
    """Directions, passages and stems: where key terms are highlighted (never in choices)."""
    texts = list(assignment.directions)
    for section in assignment.sections:
        for block in section.blocks:
            if isinstance(block, Item):
                texts.append(block.stem)
            elif isinstance(block, TextBlock):
                texts.append(block.text)
    return texts


def word_bank(terms: list[str], assignment: Assignment) -> list[str]:
    """A word bank never lists an answer choice: that would point at one of them."""
    choices = {c.text.lower() for item in assignment.items for c in item.choices}
    return sorted({t for t in terms if t.lower() not in choices}, key=str.lower)


# --- Layout decided here, so the ledger and the renderer agree ---


def chunk_starts(assignment: Assignment, kept: list[ItemResult]) -> tuple[int, ...]:
    """Refs of items that start a new page: every section starts a chunk, and a section is split
    into near-equal chunks of at most CHUNK_ITEMS items."""
    kept_refs = {r.ref for r in kept}
    starts: list[int] = []
    for section in assignment.sections:
        refs = [i.ref for i in section.items if i.ref in kept_refs]
        if not refs:
            continue
        count = -(-len(refs) // CHUNK_ITEMS)
        size, extra = divmod(len(refs), count)
        position = 0
        for chunk in range(count):
            starts.append(refs[position])
            position += size + (1 if chunk < extra else 0)
    return tuple(starts[1:])


def checkpoint_after(assignment: Assignment, kept: list[ItemResult]) -> tuple[int, ...]:
    """Refs of items after which a break checkpoint prints: at section ends, or every few
    items when the assignment has no sections."""
    kept_refs = {r.ref for r in kept}
    groups = [[i.ref for i in s.items if i.ref in kept_refs] for s in assignment.sections]
    groups = [g for g in groups if g]
    if len(groups) <= 1:
        refs = groups[0] if groups else []
        count = max(1, -(-len(refs) // BREAK_ITEMS))
        size, extra = divmod(len(refs), count)
        groups, position = [], 0
        for index in range(count):
            end = position + size + (1 if index < extra else 0)
            groups.append(refs[position:end])
            position = end
    return tuple(group[-1] for group in groups[:-1] if group)
