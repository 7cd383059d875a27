"""The study guide: key ideas on one page, vocabulary cards to cut out, Frayer cards, self-check.

With a model the key ideas are written at the chosen level (and measured), each card gets a
student-friendly definition, and the self-check is written from the passage. Offline nothing
is invented: the key ideas are the passage's own topic sentences, terms and their sentences come
from the text, the self-check is built by the shared item builder, and a definition is either
taken from the teacher's glossary or left as a labelled blank for the student to write.
Whatever the engine, a card's sentence is always the passage's own, found here, never a model's.
"""

from __future__ import annotations

import csv
import io
import math
import re
from collections.abc import Callable, Iterable

from generators import items as builder
from generators import leveling, prompts, textwork
from generators.domain import accommodations as catalogue
from generators.domain.common import OFFLINE_ENGINE, LedgerEntry, ledger_entry
from generators.domain.levels import grade_name, level_for, writing_guide
from generators.domain.study_guide import (
    MAX_FRAYER,
    MAX_TERMS,
    MIN_TERMS,
    Card,
    Frayer,
    SelfCheck,
    StudyGuideCore,
    StudyGuideMaterial,
    StudyGuideRequest,
)
from generators.errors import FIELD, InputError
from generators.models.base import Model

Progress = Callable[[str], None]
MAX_GLOSSARY = 200
MAX_KEY_IDEAS = 6
SELF_CHECK = 5
_GLOSSARY_LINE = re.compile(r"^\s*([^:\t=–—]{1,60}?)\s*(?::|\t|=| - | – | — )\s*(.{1,400})$")


def ignore_progress(_: str) -> None:
    """Default progress sink for callers that do not show progress."""


# --- Request ---


def parse_glossary(text: str) -> tuple[tuple[str, str], ...]:
    """'term: definition' (or '=', a tab, ' - ', or two CSV columns) one per line."""
    entries: dict[str, tuple[str, str]] = {}
    for number, line in enumerate(text.splitlines(), 1):
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        match = _GLOSSARY_LINE.match(line)
        if match is None and "," in line:
            row = next(csv.reader(io.StringIO(line)))
            match = (row[0], ",".join(row[1:])) if len(row) >= 2 else None
        elif match is not None:
            match = match.groups()
        if match is None:
            raise InputError(
                f"Line {number} of {FIELD} has no definition: write it as 'term: definition'.",
                field="glossary",
            )
        term, definition = textwork.clean(match[0]), textwork.clean(match[1])
        if term and definition and term.lower() not in {"term", "word"}:
            entries.setdefault(term.lower(), (term, definition))
    if len(entries) > MAX_GLOSSARY:
        raise InputError(f"The glossary has {len(entries)} terms: at most {MAX_GLOSSARY}.")
    return tuple(entries.values())


def make_request(
    *,
    topic: str = "",
    source_text: str | None = None,
    source_name: str | None = None,
    level: int,
    terms: int = 6,
    frayer: int = 0,
    glossary_text: str | None = None,
    accommodations: Iterable[str] = (),
    class_grade: int | None = None,
) -> StudyGuideRequest:
    """Validate what a user typed; every problem becomes one InputError naming the fix."""
    topic = " ".join(topic.split())
    source = source_text.strip() if source_text else None
    if not topic and not source:
        raise InputError("Give a topic or a source text (or both).")
    grade = level_for(level).grade
    if not MIN_TERMS <= terms <= MAX_TERMS:
        raise InputError(
            f"{terms} terms asked for: choose between {MIN_TERMS} and {MAX_TERMS} for {FIELD}.",
            field="cards",
        )
    most = min(MAX_FRAYER, terms)
    if not 0 <= frayer <= most:
        raise InputError(
            f"{frayer} Frayer cards asked for: choose from 0 to {most} for {FIELD} (at most "
            f"{MAX_FRAYER}, and no more than the vocabulary cards).",
            field="frayer",
        )
    chosen = catalogue.resolve(accommodations)
    if class_grade is not None:
        level_for(class_grade)
    if not topic and source:
        topic = textwork.split_title(source)[0] or "Study guide"
    return StudyGuideRequest(
        topic=topic,
        source_text=source,
        source_name=source_name,
        level=grade,
        terms=terms,
        frayer=frayer,
        glossary=parse_glossary(glossary_text) if glossary_text else (),
        accommodations=tuple(a.id for a in chosen),
        class_grade=class_grade,
    )


# --- Generation ---


def generate(
    request: StudyGuideRequest, model: Model, progress: Progress = ignore_progress
) -> StudyGuideMaterial:
    if not request.source_text:
        raise InputError(
            f"A study guide is made from a source text: give {FIELD}. It keeps the passage's "
            "own sentences on the cards, so it cannot work from a topic alone.",
            field="source",
        )
    title, paragraphs = textwork.split_title(request.source_text)
    text = builder.Text(paragraphs)
    if model.info.is_ai:
        return generate_with_model(request, model, progress, title, text)
    progress("Offline engine (no AI): key sentences, terms and self-check from the text")
    terms = choose_terms(text, request)
    cards = [card_for(term, text, request, "") for term in terms]
    frayer = [
        Frayer(term=card.term, definition=card.definition) for card in hardest(cards, request)
    ]
    ideas = topic_sentences(text)
    return assemble(
        request,
        title or request.topic,
        ideas,
        False,
        cards,
        frayer,
        offline_self_check(text, terms),
    )


def choose_terms(text: builder.Text, request: StudyGuideRequest) -> list[str]:
    """The glossary's terms that the passage uses, then its rarest words, one per family."""
    chosen: list[str] = []
    for term, _ in request.glossary:
        if text.sentences_with(term) and term.lower() not in {c.lower() for c in chosen}:
            chosen.append(term)
    families = {builder.word_family(word) for word in chosen}
    for term in builder.key_terms(text, MAX_TERMS * 2):
        if len(chosen) >= request.terms:
            break
        if term.family not in families:
            chosen.append(term.word)
            families.add(term.family)
    return chosen[: request.terms]


def card_for(term: str, text: builder.Text, request: StudyGuideRequest, written: str) -> Card:
    glossary = {key.lower(): definition for key, definition in request.glossary}
    sentence = next(iter(text.sentences_with(term)), "")
    if term.lower() in glossary:
        return Card(term=term, definition=glossary[term.lower()], source="glossary",
                    sentence=sentence)  # fmt: skip
    if written:
        return Card(term=term, definition=written, source="model", sentence=sentence)
    return Card(term=term, definition="", source="blank", sentence=sentence)


def hardest(cards: list[Card], request: StudyGuideRequest) -> list[Card]:
    ranked = sorted(cards, key=lambda card: textwork.zipf(card.term.lower()))
    return ranked[: request.frayer]


def topic_sentences(text: builder.Text) -> list[str]:
    """Each paragraph's first sentence: in informational text, usually its main idea."""
    firsts = [textwork.split_sentences(p)[0] for p in text.paragraphs if p.strip()]
    ideas = firsts[:MAX_KEY_IDEAS]
    for sentence in text.sentences:  # a short passage: add its next sentences
        if len(ideas) >= 3:
            break
        if sentence not in ideas:
            ideas.append(sentence)
    return ideas


def offline_self_check(text: builder.Text, terms: list[str]) -> list[SelfCheck]:
    pool = [t for t in builder.key_terms(text, MAX_TERMS + 2)]
    choices = builder.cloze_choices(text, pool, 2)
    used = {item.sentence for item in choices}
    statements = builder.true_false(text, pool, 2, used)
    checks: list[SelfCheck] = []
    for index in range(2):
        if index < len(choices):
            item = choices[index]
            checks.append(SelfCheck(question=f"Which word completes it? “{item.blanked}”",
                                    choices=item.choices, answer=item.answer))  # fmt: skip
        if index < len(statements):
            fact = statements[index]
            answer = "True" if fact.true else f"False: {fact.sentence}"
            checks.append(SelfCheck(question=f"True or false? {fact.statement}",
                                    choices=("True", "False"), answer=answer))  # fmt: skip
    for term in terms:
        if len(checks) >= SELF_CHECK:
            break
        sentence = next(iter(text.sentences_with(term)), "")
        checks.append(SelfCheck(question=f"What does the passage tell you about “{term}”?",
                                answer=f"“{sentence}”"))  # fmt: skip
    return checks[:SELF_CHECK]


def generate_with_model(
    request: StudyGuideRequest, model: Model, progress: Progress, title, text: builder.Text
) -> StudyGuideMaterial:
    progress(f"Writing the study guide at grade {grade_name(request.level)}")
    core = model.generate(core_messages(request, "\n\n".join(text.paragraphs)), StudyGuideCore)
    warnings = []
    written = {entry.term.lower(): entry for entry in core.terms}
    terms = [entry.term for entry in core.terms if text.sentences_with(entry.term)]
    missing = [entry.term for entry in core.terms if entry.term not in terms]
    if missing:
        left_out = "the term" if len(missing) == 1 else "terms"
        warnings.append(f"Left out {left_out} the passage does not use: {', '.join(missing)}.")
    glossary_terms = [t for t, _ in request.glossary if text.sentences_with(t)]
    terms = list(dict.fromkeys(glossary_terms + terms))[: request.terms]
    cards = []
    for term in terms:
        entry = written.get(term.lower())
        card = card_for(term, text, request, textwork.clean(entry.definition) if entry else "")
        cards.append(
            card.model_copy(update={"picture": textwork.clean(entry.picture) if entry else ""})
        )
    frayer = frayer_cards(core, cards, request)
    checks = [
        SelfCheck(question=textwork.clean(c.question), answer=textwork.clean(c.answer))
        for c in core.self_check
    ]
    material = assemble(
        request,
        textwork.clean(core.title) or title or request.topic,
        [textwork.clean(idea) for idea in core.key_ideas if idea.strip()],
        True,
        cards,
        frayer,
        checks,
        engine=model.info,
    )
    return material.model_copy(update={"warnings": tuple(warnings) + material.warnings})


def frayer_cards(
    core: StudyGuideCore, cards: list[Card], request: StudyGuideRequest
) -> list[Frayer]:
    by_term = {entry.term.lower(): entry for entry in core.frayer}
    chosen = [by_term[c.term.lower()] for c in cards if c.term.lower() in by_term]
    chosen += [  # the model chose fewer than asked: blank cards for the hardest others
        None for _ in range(max(0, request.frayer - len(chosen)))
    ]
    result = []
    fallback = iter(c for c in hardest(cards, request) if c.term.lower() not in by_term)
    for entry in chosen[: request.frayer]:
        if entry is None:
            card = next(fallback, None)
            if card:
                result.append(Frayer(term=card.term, definition=card.definition))
            continue
        result.append(
            Frayer(
                term=textwork.clean(entry.term),
                definition=textwork.clean(entry.definition),
                characteristics=tuple(textwork.clean(x) for x in entry.characteristics[:3]),
                examples=tuple(textwork.clean(x) for x in entry.examples[:3]),
                non_examples=tuple(textwork.clean(x) for x in entry.non_examples[:3]),
            )
        )
    return result


def core_messages(request: StudyGuideRequest, source: str):
    return prompts.messages(
        "study_guide",
        topic=request.topic,
        grade_name=grade_name(request.level),
        guide=writing_guide(request.level),
        terms=request.terms,
        frayer=request.frayer,
        source=prompts.delimit(source),
    )


# --- Assembly ---


def assemble(
    request: StudyGuideRequest,
    title: str,
    ideas: list[str],
    rewritten: bool,
    cards: list[Card],
    frayer: list[Frayer],
    checks: list[SelfCheck],
    engine=OFFLINE_ENGINE,
) -> StudyGuideMaterial:
    chosen = set(request.accommodations)
    if "fewer-items" in chosen:
        cards = cards[: max(MIN_TERMS, math.ceil(len(cards) * 2 / 3))]
        checks = checks[: max(2, math.ceil(len(checks) * 2 / 3))]
    if "reduced-choices" in chosen:
        checks = [reduce_choices(check) for check in checks]
    measured = leveling.measure(" ".join(ideas)) if ideas else None
    warnings = []
    if measured and abs(measured.grade - request.level) > 1:
        made = "written" if rewritten else "the passage's own sentences, not rewritten"
        todo = (
            "read them aloud or simplify them by hand before printing"
            if rewritten
            else "configure a model to rewrite them at that level, or give a passage written "
            "nearer that grade"
        )
        warnings.append(
            f"The key ideas ({made}) measure {leveling.describe(measured)}, more than a grade "
            f"from grade {grade_name(request.level)}: {todo}."
        )
    blanks = sum(card.source == "blank" for card in cards)
    if blanks:
        warnings.append(
            f"{textwork.plural(blanks, 'card')} {'has' if blanks == 1 else 'have'} no definition: "
            "the student writes the meaning (no model and "
            "no glossary entry)."
        )
    material = StudyGuideMaterial(
        request=request,
        title=textwork.clean(title),
        topic=request.topic,
        source_name=request.source_name,
        engine=engine,
        level=request.level,
        key_ideas=tuple(ideas),
        ideas_rewritten=rewritten,
        measured=measured,
        cards=tuple(cards),
        frayer=tuple(frayer),
        self_check=tuple(checks),
        accommodations=request.accommodations,
        warnings=tuple(warnings),
        class_grade=request.class_grade,
        source=request.source_text or "",
    )
    return material.model_copy(update={"ledger": tuple(build_ledger(material))})


def reduce_choices(check: SelfCheck) -> SelfCheck:
    if len(check.choices) != 4:
        return check
    keep = [c for c in check.choices if c == check.answer]
    keep += [c for c in check.choices if c != check.answer][:2]
    return check.model_copy(update={"choices": tuple(c for c in check.choices if c in keep)})


def build_ledger(material: StudyGuideMaterial) -> list[LedgerEntry]:
    return [
        ledger_entry(accommodation, *apply_note(accommodation.id, material))
        for accommodation in catalogue.resolve(material.accommodations)
    ]


def apply_note(accommodation_id: str, material: StudyGuideMaterial) -> tuple[bool, str]:
    """Say exactly what was done for one accommodation on this guide, or why it was not."""
    below = material.class_grade is not None and material.level < material.class_grade
    notes: dict[str, tuple[bool, str]] = {
        "large-print": (True, "Printed with the large-print profile (18 pt bold); fewer cards "
                        "per page."),
        "dyslexia-friendly": (True, "Sans-serif, left aligned, no italics, 1.5 spacing."),
        "extra-spacing": (True, "Double line spacing in the key ideas and self-check."),
        "chunking": (True, "Self-check in groups of three questions, each group on a new page "
                     "(key ideas, cards and self-check already start on new pages)."),
        "simplified-directions": (True, "The card directions printed as short lettered steps; "
                                  "same task."),
        "read-aloud": (True, "The adult reads the key ideas, cards and questions aloud."),
        "highlight-key-terms": (True, "Key terms printed in bold in the key ideas."),
        "visual-supports": (True, "Each card has a box to draw a picture of the word, and each "
                            "section an action cue (READ, CUT, WRITE)."),
        "bilingual-glossary": (False, "Not applied: the study guide has no translation column; "
                               "add translations on the cards by hand."),
        "graphic-organizer": (True, "Frayer cards serve as the organizer.") if material.frayer
        else (False, "Not applied: ask for Frayer cards to add an organizer."),
        "larger-answer-space": (True, "Twice the writing lines in the self-check and blank "
                                "definitions."),
        "sentence-starters": (True, "A starter line for each written self-check answer."),
        "word-bank": (True, "Word bank of the card terms printed before the self-check."),
        "extended-time": (True, "Allow 1.5x the usual time (noted here)."),
        "breaks": (True, "Break checkpoints printed between sections."),
        "small-group-setting": (True, "Noted here: review in a small group or quiet space."),
        "reduced-choices": (True, "Self-check choices cut from 4 to 3; the correct one kept.")
        if any(len(c.choices) == 3 for c in material.self_check)
        else (False, "Not applied: the self-check has no four-choice items."),
        "fewer-items": (True, f"{len(material.cards)} cards and {len(material.self_check)} "
                        "self-check questions kept (about two thirds)."),
        "below-grade-text": (
            (True, f"Key ideas written at grade {grade_name(material.level)}, below the class "
             "grade.") if material.ideas_rewritten and below
            else (False, "Not applied: the key ideas are the passage's own sentences (offline "
                  "engine, no AI)." if not material.ideas_rewritten else
                  "Not applied: the chosen level is not below the class grade.")
        ),
    }  # fmt: skip
    return notes[accommodation_id]


def for_request(material: StudyGuideMaterial, request: StudyGuideRequest) -> StudyGuideMaterial:
    """The same guide (same level) with `request`'s accommodations applied: students with
    different needs share one generation and one set of cards."""
    return assemble(
        request,
        material.title,
        list(material.key_ideas),
        material.ideas_rewritten,
        list(material.cards),
        list(material.frayer),
        list(material.self_check),
        engine=material.engine,
    )
