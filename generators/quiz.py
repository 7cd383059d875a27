"""The leveled quiz: the same items at several reading levels, one key with DOK tags.

With a model the items are written from the source, reworded per level and checked per level
(see `generators.quiz_model`). Offline they are built from the text's own sentences by the
shared item builder (`generators.items`): cloze multiple choice, true/false from stated facts,
matching of key terms, and open questions, each with a key the text itself decides; every copy
then holds the same wording, and the teacher copy says so.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Iterable

from generators import items as builder
from generators import leveling, open_questions, textwork
from generators.domain import accommodations as catalogue
from generators.domain.common import OFFLINE_ENGINE, EngineInfo, LedgerEntry, ledger_entry
from generators.domain.levels import grade_name, level_for
from generators.domain.quiz import (
    ITEM_KINDS,
    KIND_LABELS,
    MAX_ITEMS,
    MIN_ITEMS,
    TRUE_FALSE,
    TYPE_CODES,
    ItemKind,
    MatchPair,
    QuizCopy,
    QuizItem,
    QuizMaterial,
    QuizRequest,
    Wording,
)
from generators.errors import FIELD, InputError, ModelUnavailableError
from generators.models.base import Model

Progress = Callable[[str], None]
MAX_REVISIONS = 5
OFFLINE_TERMS = 14
MATCH_PAIRS = 5
POSITIONS = (1, 3, 0, 2, 2, 0, 3, 1)  # where the correct choice goes, item after item


def ignore_progress(_: str) -> None:
    """Default progress sink for callers that do not show progress."""


# --- Request ---


def parse_types(text: str | Iterable[str]) -> tuple[ItemKind, ...]:
    """'mc,tf,short,matching' (or the full names) to item kinds, in the catalogue's order."""
    parts = text.split(",") if isinstance(text, str) else list(text)
    chosen = set()
    for part in (p.strip().lower() for p in parts if p.strip()):
        kind = TYPE_CODES.get(part) or (part if part in ITEM_KINDS else None)
        if kind is None:
            raise InputError(
                f"Unknown item type '{part}' in {FIELD}. Choose from: {', '.join(TYPE_CODES)}, "
                "comma-separated.",
                field="types",
            )
        chosen.add(kind)
    if not chosen:
        raise InputError(
            f"Choose at least one item type for {FIELD}: mc, tf, short or matching.", field="types"
        )
    return tuple(kind for kind in ITEM_KINDS if kind in chosen)


def make_request(
    *,
    topic: str = "",
    source_text: str | None = None,
    source_name: str | None = None,
    levels: Iterable[int],
    items: int = 8,
    types: str | Iterable[str] = "mc,tf,short,matching",
    accommodations: Iterable[str] = (),
    class_grade: int | None = None,
    max_revisions: int = 2,
    check_answers: bool = True,
    lms_export: bool = False,
) -> QuizRequest:
    """Validate what a user typed; every problem becomes one InputError naming the fix."""
    topic = " ".join(topic.split())
    source = source_text.strip() if source_text else None
    if not topic and not source:
        raise InputError("Give a topic or a source text (or both).")
    grades = sorted({level_for(grade).grade for grade in levels})
    if not grades:
        raise InputError("Choose at least one reading level.")
    if not MIN_ITEMS <= items <= MAX_ITEMS:
        raise InputError(
            f"{items} items asked for: choose between {MIN_ITEMS} and {MAX_ITEMS} for {FIELD}.",
            field="items",
        )
    kinds = parse_types(types)
    chosen = catalogue.resolve(accommodations)
    if class_grade is not None:
        level_for(class_grade)
    if not 0 <= max_revisions <= MAX_REVISIONS:
        raise InputError(f"{max_revisions} revisions asked for: choose from 0 to {MAX_REVISIONS}.")
    if not topic and source:
        topic = textwork.split_title(source)[0] or "Reading quiz"
    return QuizRequest(
        topic=topic,
        source_text=source,
        source_name=source_name,
        levels=tuple(grades),
        items=items,
        types=kinds,
        accommodations=tuple(a.id for a in chosen),
        class_grade=class_grade,
        max_revisions=max_revisions,
        check_answers=check_answers,
        lms_export=lms_export,
    )


# --- Generation ---


def generate_offline(request: QuizRequest, progress: Progress = ignore_progress) -> QuizMaterial:
    if not request.source_text:
        raise ModelUnavailableError(
            f"The offline engine (no AI) cannot write a quiz from a topic alone: give {FIELD}, "
            "or configure a model (OPENAI_API_KEY or OPENAI_BASE_URL).",
            field="source",
        )
    title, paragraphs = textwork.split_title(request.source_text)
    progress("Offline engine (no AI): building items from the text's own sentences")
    text = builder.Text(paragraphs)
    terms = builder.key_terms(text, OFFLINE_TERMS)
    items = vary_positions(offline_items(text, terms, request.items, request.types))
    warnings = []
    if len(items) < request.items:
        warnings.append(
            f"Only {len(items)} of the {request.items} items asked for could be built from this "
            "text without AI (each needs a sentence that decides its answer)."
        )
    if not items:
        kinds = ", ".join(KIND_LABELS[kind].lower() for kind in request.types)
        raise InputError(
            f"No {kinds} items could be built from this text offline: they need full sentences "
            "with less common words (matching needs three such words, each in its own "
            "sentence). Give a longer passage, choose more item types, or configure a model."
        )
    wording = tuple(wording_of(item) for item in items)
    copies = [
        QuizCopy(version=leveling.as_written(target, paragraphs), wording=wording)
        for target in request.levels
    ]
    return assemble(
        request,
        None,
        title or request.topic,
        items,
        copies,
        terms=[term.word for term in terms],
        source="\n\n".join(paragraphs),
        warnings=warnings,
    )


def offline_items(
    text: builder.Text, terms: list[builder.Term], count: int, kinds: tuple[ItemKind, ...]
) -> list[QuizItem]:
    """Items of each chosen kind in turn, until `count` or the text runs out; then grouped by
    kind (a matching set counts as one item)."""
    pools: dict[str, list[QuizItem]] = {kind: [] for kind in kinds}
    if "multiple_choice" in kinds:
        pools["multiple_choice"] = [
            cloze_item(c) for c in builder.cloze_choices(text, terms, count)
        ]
    used = {item.answer for item in pools.get("multiple_choice", [])}
    used_sentences = {item.source_sentence for item in pools.get("multiple_choice", [])}
    if "matching" in kinds:
        pairs = builder.matching(text, terms, MATCH_PAIRS, used)
        if len(pairs) >= 3:
            pools["matching"] = [matching_item(pairs)]
            used |= {pair.term for pair in pairs}
    if "true_false" in kinds:
        pools["true_false"] = [
            tf_item(t) for t in builder.true_false(text, terms, count, used_sentences)
        ]
    if "short_answer" in kinds:
        pools["short_answer"] = [
            open_item(q) for q in open_questions.open_questions(text, terms, count, used)
        ]
    chosen: list[QuizItem] = []
    while len(chosen) < count and any(pools.values()):
        for kind in kinds:
            if pools[kind] and len(chosen) < count:
                chosen.append(pools[kind].pop(0))
    return sorted(chosen, key=lambda item: ITEM_KINDS.index(item.kind))


def cloze_item(item: builder.ClozeChoice) -> QuizItem:
    return QuizItem(
        kind="multiple_choice",
        stem=f"Which word best completes this sentence from the passage? “{item.blanked}”",
        choices=list(item.choices),
        correct_choice=item.correct,
        pairs=[],
        answer=item.answer,
        rationale=f"The passage uses “{item.answer}” in this sentence; the other choices are "
        "words from other sentences that the passage never uses this way.",
        source_sentence=item.sentence,
        dok=1,
    )


def tf_item(item: builder.TrueFalse) -> QuizItem:
    rationale = (
        "The passage states this." if item.true else f"The passage says otherwise ({item.changed})."
    )
    return QuizItem(
        kind="true_false",
        stem=item.statement,
        choices=list(TRUE_FALSE),
        correct_choice=0 if item.true else 1,
        pairs=[],
        answer="True" if item.true else "False",
        rationale=rationale,
        source_sentence=item.sentence,
        dok=1,
    )


def matching_item(pairs: list[builder.Match]) -> QuizItem:
    return QuizItem(
        kind="matching",
        stem="Match each word with the sentence it completes. Write the word's letter on the line.",
        choices=[],
        correct_choice=None,
        pairs=[MatchPair(term=pair.term, description=pair.blanked) for pair in pairs],
        answer="; ".join(pair.term for pair in pairs),
        rationale="Each word is the passage's own word in that sentence.",
        source_sentence=" ".join(pair.sentence for pair in pairs),
        dok=1,
    )


def open_item(question: open_questions.OpenQuestion) -> QuizItem:
    return QuizItem(
        kind="short_answer",
        stem=question.prompt,
        choices=[],
        correct_choice=None,
        pairs=[],
        answer=question.answer,
        rationale="Full credit for an answer that states the idea and uses a detail from the "
        "text; half credit for one without a detail.",
        source_sentence=question.evidence or "",
        dok=question.dok,
    )


def vary_positions(items: list[QuizItem]) -> list[QuizItem]:
    """Move each multiple-choice item's correct choice to the next place in a fixed, mixed
    pattern, so the key's letters do not repeat or follow one letter."""
    varied, count = [], 0
    for item in items:
        if item.kind == "multiple_choice" and item.correct_choice is not None:
            target = POSITIONS[count % len(POSITIONS)] % len(item.choices)
            count += 1
            choices = list(item.choices)
            correct = choices.pop(item.correct_choice)
            choices.insert(target, correct)
            item = item.model_copy(update={"choices": choices, "correct_choice": target})
        varied.append(item)
    return varied


def wording_of(item: QuizItem) -> Wording:
    return Wording(
        stem=item.stem,
        choices=tuple(item.choices),
        descriptions=tuple(pair.description for pair in item.pairs),
    )


# --- Assembly: accommodations applied once, and a ledger line for each. ---


def assemble(
    request: QuizRequest,
    model: Model | EngineInfo | None,
    title: str,
    items: list[QuizItem],
    copies: list[QuizCopy],
    *,
    terms: list[str] = (),
    source: str = "",
    warnings: list[str] = (),
) -> QuizMaterial:
    chosen = set(request.accommodations)
    keep = list(range(len(items)))
    if "fewer-items" in chosen:
        keep = fewer_items([item.kind for item in items])
    items = [clean_item(items[i]) for i in keep]
    copies = [narrow(copy, keep) for copy in copies]
    if "reduced-choices" in chosen:
        copies = [reduce_copy(copy, items) for copy in copies]
        items = [reduce_choices(item) for item in items]
    engine = model if isinstance(model, EngineInfo) else model.info if model else OFFLINE_ENGINE
    material = QuizMaterial(
        request=request,
        title=textwork.clean(title),
        topic=request.topic,
        source_name=request.source_name,
        engine=engine,
        items=tuple(items),
        copies=tuple(copies),
        terms=tuple(terms),
        accommodations=request.accommodations,
        class_grade=request.class_grade,
        source=source,
    )
    return finalize(material, list(warnings))


def finalize(material: QuizMaterial, extra: list[str] = ()) -> QuizMaterial:
    versions = material.versions
    warnings = list(extra)
    warnings += [w for version in versions for w in version.warnings]
    warnings += [f"Grade {grade_name(v.target)} failed: {v.error}" for v in versions if v.error]
    for copy in material.copies:
        if copy.ambiguous:
            items = textwork.numbered("item", copy.ambiguous)
            warnings.append(
                f"Grade {grade_name(copy.target)} copy: {items} may have a second defensible "
                "choice: check them."
            )
    ledger = build_ledger(material)
    return material.model_copy(update={"ledger": tuple(ledger), "warnings": tuple(warnings)})


def for_request(material: QuizMaterial, request: QuizRequest) -> QuizMaterial:
    """The same generated items narrowed to `request`'s levels and with its accommodations
    applied, so students with different needs share one generation and one key."""
    copies = [copy for copy in material.copies if copy.target in request.levels]
    made_by = material.engine if material.engine.is_ai else None
    return assemble(
        request,
        made_by,
        material.title,
        list(material.items),
        copies,
        terms=list(material.terms),
        source=material.source,
        warnings=[w for w in material.warnings if w.startswith("Only ")],
    )


def fewer_items(kinds: list[str]) -> list[int]:
    """Keep about two thirds, but at least one of every kind, so every skill is still assessed."""
    keep = max(math.ceil(len(kinds) * 2 / 3), len(set(kinds)))
    kept: list[int] = []
    for index, kind in enumerate(kinds):  # the first of each kind
        if kind not in {kinds[i] for i in kept}:
            kept.append(index)
    for index in range(len(kinds)):
        if len(kept) >= keep:
            break
        if index not in kept:
            kept.append(index)
    return sorted(kept)


def narrow(copy: QuizCopy, keep: list[int]) -> QuizCopy:
    if copy.version.status == "failed":
        return copy
    ambiguous = tuple(keep.index(n - 1) + 1 for n in copy.ambiguous if n - 1 in keep)
    unanswerable = tuple(keep.index(n - 1) + 1 for n in copy.version.unanswerable if n - 1 in keep)
    version = copy.version.model_copy(update={"unanswerable": unanswerable})
    return copy.model_copy(
        update={
            "version": version,
            "wording": tuple(copy.wording[i] for i in keep),
            "ambiguous": ambiguous,
        }
    )


def dropped_choice(item: QuizItem) -> int | None:
    """Which choice reduced choices removes: the last one that is not correct."""
    if item.kind != "multiple_choice" or item.correct_choice is None:
        return None
    return max(i for i in range(len(item.choices)) if i != item.correct_choice)


def reduce_choices(item: QuizItem) -> QuizItem:
    """Four choices to three, never dropping the correct one."""
    drop = dropped_choice(item)
    if drop is None:
        return item
    choices = [c for i, c in enumerate(item.choices) if i != drop]
    correct = item.correct_choice - (1 if drop < item.correct_choice else 0)
    return item.model_copy(update={"choices": choices, "correct_choice": correct})


def reduce_copy(copy: QuizCopy, items: list[QuizItem]) -> QuizCopy:
    if copy.version.status == "failed":
        return copy
    wording = []
    for item, words in zip(items, copy.wording, strict=True):
        drop = dropped_choice(item)
        if drop is not None:
            words = words.model_copy(
                update={"choices": tuple(c for i, c in enumerate(words.choices) if i != drop)}
            )
        wording.append(words)
    return copy.model_copy(update={"wording": tuple(wording)})


def clean_item(item: QuizItem) -> QuizItem:
    return item.model_copy(
        update={
            "stem": textwork.clean(item.stem),
            "choices": [textwork.clean(c) for c in item.choices],
            "pairs": [
                MatchPair(term=textwork.clean(p.term), description=textwork.clean(p.description))
                for p in item.pairs
            ],
            "answer": textwork.clean(item.answer),
            "rationale": textwork.clean(item.rationale),
            "source_sentence": textwork.clean(item.source_sentence),
        }
    )


# --- The ledger ---


def build_ledger(material: QuizMaterial) -> list[LedgerEntry]:
    return [
        ledger_entry(accommodation, *apply_note(accommodation.id, material))
        for accommodation in catalogue.resolve(material.accommodations)
    ]


def apply_note(accommodation_id: str, material: QuizMaterial) -> tuple[bool, str]:
    """Say exactly what was done for one accommodation on this quiz, or why it was not."""
    ai = material.engine.is_ai
    mc = [item for item in material.items if item.kind == "multiple_choice"]
    written = any(item.kind == "short_answer" for item in material.items)
    kinds = [
        KIND_LABELS[kind].lower() for kind in ITEM_KINDS if kind in {i.kind for i in material.items}
    ]
    notes: dict[str, tuple[bool, str]] = {
        "large-print": (True, "Student copies printed with the large-print profile (18 pt bold)."),
        "dyslexia-friendly": (True, "Sans-serif, left aligned, no italics, 1.5 spacing."),
        "extra-spacing": (True, "Double line spacing and wider gaps between items."),
        "chunking": (True, "Items in groups of three, each group on a new page; same items."),
        "simplified-directions": (True, "Directions printed as short numbered steps; same task."),
        "read-aloud": (True, "Read-aloud script on this copy: read the passage and items as "
                       "printed, not the meaning of answer choices."),
        "highlight-key-terms": (True, "Key terms printed in bold in every copy's passage."),
        "visual-supports": (True, "An action cue (READ, CIRCLE, WRITE, MATCH) heads every "
                            "section. No pictures are added."),
        "bilingual-glossary": (False, "Not applied: a quiz has no glossary. Give the student a "
                               "bilingual dictionary if the IEP allows it on assessments."),
        "graphic-organizer": (False, "Not applied: a quiz has no organizer. Use the worksheet "
                              "for guided practice."),
        "larger-answer-space": (True, "Twice the writing lines after every short answer.")
        if written else (False, "Not applied: this quiz has no written answers."),
        "sentence-starters": (True, "A starter that does not give the answer away at the start "
                              "of each short answer" + ("." if ai else " (general starters).")),
        "word-bank": (True, "Word bank of key terms printed before the short answers.")
        if written else (False, "Not applied: this quiz has no written answers."),
        "extended-time": (True, "Allow 1.5x the usual time (noted here, not on student copies)."),
        "breaks": (True, "Break checkpoints printed between sections of the student copies."),
        "small-group-setting": (True, "Noted here: take the quiz in a small group or quiet space."),
        "reduced-choices": (
            (True, f"{len(mc)} multiple-choice items cut from 4 to 3 choices; the correct "
             "choice is always kept.") if mc
            else (False, "Not applied: this quiz has no multiple-choice items.")
        ),
        "fewer-items": (True, f"{len(material.items)} items kept (about two thirds), at "
                        f"least one of every type ({', '.join(kinds)}), so every skill is still "
                        "assessed."),
        "below-grade-text": (
            (True, "Copies below the class grade are below-grade text.") if ai
            else (False, "Not applied: the offline engine (no AI) cannot rewrite the passage "
                  "at a lower level; every copy holds the source as written.")
        ),
    }  # fmt: skip
    return notes[accommodation_id]
