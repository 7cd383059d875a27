"""The leveled worksheet: one passage at several reading levels, one shared set of questions.

With a model: the shared questions and each level's rewrite are asked for concurrently, so a
packet takes about as long as its slowest call. Offline: the source is kept as written (and the
teacher copy says so), activities are built deterministically from the text, and the level is
measured all the same.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Iterable
from concurrent.futures import Future, ThreadPoolExecutor

from generators import injection, items, leveling, open_questions, prompts, textwork
from generators import worksheet_checks as checks
from generators.domain import accommodations as catalogue
from generators.domain.common import OFFLINE_ENGINE, EngineInfo, LedgerEntry, ledger_entry
from generators.domain.levels import grade_name, level_for, writing_guide
from generators.domain.worksheet import (
    MAX_QUESTIONS,
    MIN_QUESTIONS,
    ClozeItem,
    OrganizerRow,
    Passage,
    Question,
    Version,
    VocabEntry,
    WorksheetCore,
    WorksheetMaterial,
    WorksheetRequest,
)
from generators.errors import FIELD, InputError, ModelUnavailableError
from generators.models.base import Model
from generators.models.packet import with_checks

Progress = Callable[[str], None]
MAX_REVISIONS = 5


def ignore_progress(_: str) -> None:
    """Default progress sink for callers that do not show progress."""


# --- Request ---


def make_request(
    *,
    topic: str = "",
    source_text: str | None = None,
    source_name: str | None = None,
    levels: Iterable[int],
    accommodations: Iterable[str] = (),
    questions: int = 6,
    class_grade: int | None = None,
    glossary_language: str | None = None,
    max_revisions: int = 2,
    check_answers: bool = True,
) -> WorksheetRequest:
    """Validate what a user typed; every problem becomes one InputError naming the fix."""
    topic = " ".join(topic.split())
    source = source_text.strip() if source_text else None
    if not topic and not source:
        raise InputError("Give a topic or a source text (or both).")
    grades = sorted({level_for(grade).grade for grade in levels})
    if not grades:
        raise InputError("Choose at least one reading level.")
    if not MIN_QUESTIONS <= questions <= MAX_QUESTIONS:
        raise InputError(
            f"{questions} questions asked for: choose between {MIN_QUESTIONS} and {MAX_QUESTIONS}."
        )
    chosen = catalogue.resolve(accommodations)
    language = (glossary_language or "").strip() or None
    if any(a.id == "bilingual-glossary" for a in chosen) and not language:
        raise InputError("bilingual-glossary needs a glossary language, e.g. Spanish.")
    if class_grade is not None:
        level_for(class_grade)
    if not 0 <= max_revisions <= MAX_REVISIONS:
        raise InputError(f"{max_revisions} revisions asked for: choose from 0 to {MAX_REVISIONS}.")
    if not topic and source:
        topic = textwork.split_title(source)[0] or "Reading passage"
    return WorksheetRequest(
        topic=topic,
        source_text=source,
        source_name=source_name,
        levels=tuple(grades),
        accommodations=tuple(a.id for a in chosen),
        questions=questions,
        class_grade=class_grade,
        glossary_language=language,
        max_revisions=max_revisions,
        check_answers=check_answers,
    )


# --- Generation ---


def generate(
    request: WorksheetRequest, model: Model, progress: Progress = ignore_progress
) -> WorksheetMaterial:
    request, removed = without_instructions(request)
    if removed:
        sentences = textwork.plural(len(removed), "sentence")
        progress(f"Removed {sentences} addressed to an AI from the source")
    if model.info.is_ai:
        material = generate_with_model(request, model, progress)
    else:
        material = generate_offline(request, progress)
    if removed:
        material = finalize(material.model_copy(update={"removed_from_source": removed}))
    return material


def without_instructions(request: WorksheetRequest) -> tuple[WorksheetRequest, tuple[str, ...]]:
    """Take sentences addressed to an AI out of the source, whichever engine runs next."""
    return injection.clean_request(request)


def generate_with_model(
    request: WorksheetRequest, model: Model, progress: Progress
) -> WorksheetMaterial:
    source = request.source_text
    title = textwork.split_title(source)[0] if source else None
    if source is None:
        top = max(request.levels)
        progress(f"Writing an original passage on '{request.topic}' (grade {grade_name(top)})")
        written = model.generate(original_messages(request.topic, top), Passage)
        title = written.title
        source = "\n\n".join(written.paragraphs)
    title = textwork.clean(title or request.topic)
    body = "\n\n".join(textwork.split_title(source)[1])
    progress(f"Source measured at {leveling.describe(checks.measure_source(body))}")
    model = with_checks(model, {Passage: checks.passage_check(body, request.levels)})
    with ThreadPoolExecutor(max_workers=len(request.levels) + 1) as pool:
        progress("Writing the shared questions and answer key")
        core = pool.submit(model.generate, core_messages(request, body), WorksheetCore)
        job = leveling.Job(
            title=title,
            source=body,
            model=model,
            progress=progress,
            core=core,
            max_revisions=request.max_revisions,
        )
        levels = [pool.submit(leveling.level_passage, target, job) for target in request.levels]
        versions = [
            checks.level_result(target, future)
            for target, future in zip(request.levels, levels, strict=True)
        ]
        shared = core.result()
    if request.check_answers:
        versions = leveling.check_answers(versions, shared, model, progress)
    return assemble(request, model, title, versions, shared, source=body)


def generate_offline(request: WorksheetRequest, progress: Progress) -> WorksheetMaterial:
    if not request.source_text:
        raise ModelUnavailableError(
            "The offline engine (no AI) cannot write a passage from a topic alone: give a source "
            f"text ({FIELD}), or configure a model (OPENAI_API_KEY or OPENAI_BASE_URL).",
            field="source",
        )
    title, paragraphs = textwork.split_title(request.source_text)
    checks.check_offline_source(paragraphs)
    progress("Offline engine (no AI): keeping the source as written and measuring it")
    versions = [leveling.as_written(target, paragraphs) for target in request.levels]
    core = offline_core(title or request.topic, paragraphs, request.questions)
    return assemble(
        request,
        None,
        title or request.topic,
        versions,
        core,
        cloze=offline_cloze(paragraphs, core),
        source="\n\n".join(paragraphs),
    )


# --- Offline activities: built from the text alone by the shared item builder. ---

OFFLINE_VOCABULARY = 8
OFFLINE_TERMS = 14  # a wider pool than the word study, so distractors of the right kind exist


def offline_core(title: str, paragraphs: list[str], count: int) -> WorksheetCore:
    """Questions whose answers the text itself determines (cloze multiple choice from the
    passage's own sentences) and open questions, each asked once, whose key tells the adult
    where to look. See generators.items for the rules that keep each item to one answer."""
    text = items.Text(paragraphs)
    terms = items.key_terms(text, OFFLINE_TERMS)
    vocabulary = [
        VocabEntry(term=term.word, definition="", translation=None)
        for term in vocabulary_terms(terms)
    ]  # no definitions offline: the student works out meaning from context
    choice_items = items.cloze_choices(text, terms, max(1, count // 3))
    multiple_choice = [choice_question(item) for item in choice_items]
    used = {item.answer for item in choice_items}
    written = [
        open_question(question)
        for question in open_questions.open_questions(
            text, terms, count - len(multiple_choice), used
        )
    ]
    # Validated by construction; an offline core may honestly have no multiple-choice item
    # when the text has too few words of one kind to make choices that are clearly wrong.
    return WorksheetCore.model_construct(
        title=title, vocabulary=vocabulary, questions=multiple_choice + written
    )


def vocabulary_terms(terms: list[items.Term]) -> list[items.Term]:
    rarest = set(sorted(terms, key=lambda term: term.zipf)[:OFFLINE_VOCABULARY])
    return [term for term in terms if term in rarest]


def choice_question(item: items.ClozeChoice) -> Question:
    """'Which word completes this sentence from the passage?': the key is the author's word."""
    return Question(
        kind="multiple_choice",
        prompt=f"Which word best completes this sentence from the passage? “{item.blanked}”",
        choices=list(item.choices),
        correct_choice=item.correct,
        answer=item.answer,
        evidence=item.sentence,
        starter=None,
    )


def open_question(question: open_questions.OpenQuestion) -> Question:
    return Question(
        kind="text_evidence" if question.kind == "text_evidence" else "short_answer",
        prompt=question.prompt,
        choices=[],
        correct_choice=None,
        answer=question.answer,
        evidence=question.evidence,
        starter=question.starter,
    )


def offline_cloze(paragraphs: list[str], core: WorksheetCore) -> list[ClozeItem]:
    """Fill-in-the-blank sharing one word bank, from words and sentences not used by multiple
    choice; no bank word fits another item's blank."""
    mc = [q for q in core.questions if q.kind == "multiple_choice"]
    text = items.Text(paragraphs)
    terms = [term for term in items.key_terms(text, OFFLINE_TERMS)
             if term.word in {entry.term for entry in core.vocabulary}]  # fmt: skip
    bank = items.cloze_bank(
        text, terms, {q.answer for q in mc}, {q.evidence for q in mc if q.evidence}
    )
    return [ClozeItem(text=item.blanked, answer=item.term) for item in bank]


# --- Assembly: accommodations applied once, and a ledger line for each. ---


def assemble(
    request: WorksheetRequest,
    model: Model | EngineInfo | None,
    title: str,
    versions: list[Version],
    core: WorksheetCore,
    cloze: list[ClozeItem] | None = None,
    source: str = "",
) -> WorksheetMaterial:
    chosen = set(request.accommodations)
    questions = [clean_question(question) for question in core.questions]
    questions = questions[: request.questions]
    if "fewer-items" in chosen:
        questions = fewer_items(questions)
    if "reduced-choices" in chosen:
        questions = [reduce_choices(question) for question in questions]
    vocabulary = tuple(clean_vocab(entry) for entry in core.vocabulary)
    cloze = cloze or []
    word_bank = sorted({item.answer for item in cloze} | {entry.term for entry in vocabulary})
    engine = model if isinstance(model, EngineInfo) else model.info if model else OFFLINE_ENGINE
    organizer = organizer_rows() if ("graphic-organizer" in chosen or not engine.is_ai) else ()
    material = WorksheetMaterial(
        request=request,
        source=source,
        title=textwork.clean(title),
        topic=request.topic,
        source_name=request.source_name,
        engine=engine,
        versions=tuple(versions),
        vocabulary=vocabulary,
        questions=tuple(questions),
        cloze=tuple(cloze),
        word_bank=tuple(word_bank),
        organizer=tuple(organizer),
        accommodations=request.accommodations,
        glossary_language=request.glossary_language,
        class_grade=request.class_grade,
    )
    return finalize(material)


def finalize(material: WorksheetMaterial) -> WorksheetMaterial:
    """Derive the ledger and warnings from the versions, so a retry can never leave them stale."""
    versions = material.versions
    warnings = [w for version in versions for w in version.warnings]
    removal = injection.removal_note(material.removed_from_source)
    if removal:
        warnings.insert(0, removal)
    warnings += [f"Grade {grade_name(v.target)} failed: {v.error}" for v in versions if v.error]
    ledger = build_ledger(material.request, material)
    return material.model_copy(update={"ledger": tuple(ledger), "warnings": tuple(warnings)})


def retry_failed(
    material: WorksheetMaterial, model: Model, progress: Progress = ignore_progress
) -> WorksheetMaterial:
    """Level again only the versions that failed; everything already made is kept as it is."""
    failed = [version.target for version in material.versions if version.status == "failed"]
    if not failed:
        return material
    if not model.info.is_ai:
        raise ModelUnavailableError("Retrying a level needs the language model that made it.")
    core: Future[WorksheetCore] = Future()
    core.set_result(
        WorksheetCore.model_construct(
            title=material.title,
            vocabulary=list(material.vocabulary),
            questions=list(material.questions),
        )
    )
    job = leveling.Job(
        title=material.title,
        source=material.source,
        model=model,
        progress=progress,
        core=core,
        max_revisions=material.request.max_revisions,
    )
    with ThreadPoolExecutor(max_workers=len(failed)) as pool:
        redone = dict(
            zip(failed, pool.map(lambda t: leveling.level_passage(t, job), failed), strict=True)
        )
    if material.request.check_answers:
        checked = leveling.check_answers(list(redone.values()), core.result(), model, progress)
        redone = {version.target: version for version in checked}
    versions = tuple(redone.get(version.target, version) for version in material.versions)
    return finalize(material.model_copy(update={"versions": versions}))


def for_request(material: WorksheetMaterial, request: WorksheetRequest) -> WorksheetMaterial:
    """The same generated content narrowed to `request`'s levels and with its accommodations
    applied, so students with different needs share one generation and one set of questions."""
    versions = [version for version in material.versions if version.target in request.levels]
    vocabulary = list(material.vocabulary)
    if "bilingual-glossary" not in request.accommodations:
        vocabulary = [entry.model_copy(update={"translation": None}) for entry in vocabulary]
    # Validated when the material was made; validating again would refuse an offline core,
    # which honestly may have no multiple-choice item when the text has too few rare words.
    core = WorksheetCore.model_construct(
        title=material.title, vocabulary=vocabulary, questions=list(material.questions)
    )
    made_by = material.engine if material.engine.is_ai else None
    narrowed = assemble(
        request, made_by, material.title, versions, core, list(material.cloze), material.source
    )
    if not material.removed_from_source:
        return narrowed
    removed = {"removed_from_source": material.removed_from_source}
    return finalize(narrowed.model_copy(update=removed))


def organizer_rows() -> list[OrganizerRow]:
    return [
        OrganizerRow(label="Topic", prompt="What is the passage about?"),
        OrganizerRow(label="Main idea", prompt="What is the most important idea?"),
        OrganizerRow(label="Detail 1", prompt="A fact from the text that supports it."),
        OrganizerRow(label="Detail 2", prompt="Another supporting fact."),
        OrganizerRow(label="Detail 3", prompt="One more supporting fact."),
        OrganizerRow(label="What I learned", prompt="Something new, in my own words."),
    ]


def fewer_items(questions: list[Question]) -> list[Question]:
    """Keep about two thirds, but at least one of every kind, so every skill is still assessed."""
    keep = max(math.ceil(len(questions) * 2 / 3), len({q.kind for q in questions}))
    kept: list[Question] = []
    for question in questions:  # the first of each kind, in order
        if question.kind not in {q.kind for q in kept}:
            kept.append(question)
    for question in questions:
        if len(kept) >= keep:
            break
        if question not in kept:
            kept.append(question)
    return sorted(kept, key=questions.index)


def reduce_choices(question: Question) -> Question:
    """Four choices to three, never dropping the correct one: the last distractor goes."""
    if question.kind != "multiple_choice" or question.correct_choice is None:
        return question
    correct = question.choices[question.correct_choice]
    drop = max(i for i in range(len(question.choices)) if i != question.correct_choice)
    choices = [choice for i, choice in enumerate(question.choices) if i != drop]
    return question.model_copy(
        update={"choices": choices, "correct_choice": choices.index(correct)}
    )


def build_ledger(request: WorksheetRequest, material: WorksheetMaterial) -> list[LedgerEntry]:
    entries = [
        ledger_entry(accommodation, *apply_note(accommodation.id, material))
        for accommodation in catalogue.resolve(request.accommodations)
    ]
    below = below_grade_versions(material)
    if below and "below-grade-text" not in request.accommodations:
        entry = ledger_entry(
            catalogue.get("below-grade-text"),
            True,
            f"Not requested, recorded because versions at grade {below} are below the class "
            f"grade {grade_name(material.class_grade or 0)}: for a student expected to do "
            "grade-level work, the easier text is a modification.",
        )
        entries.append(entry.model_copy(update={"requested": False}))
    return entries


def below_grade_versions(material: WorksheetMaterial) -> str:
    if material.class_grade is None:
        return ""
    below = [
        grade_name(v.target)
        for v in material.versions
        if v.target < material.class_grade and v.rewritten  # an unrewritten copy is not easier
    ]
    return ", ".join(below)


def apply_note(accommodation_id: str, material: WorksheetMaterial) -> tuple[bool, str]:
    """Say exactly what was done for one accommodation on this packet, or why it was not."""
    ai = material.engine.is_ai
    chosen = set(material.accommodations)
    mc = [q for q in material.questions if q.kind == "multiple_choice"]
    notes: dict[str, tuple[bool, str]] = {
        "large-print": (True, "Student copies printed with the large-print profile (18 pt bold)."),
        "dyslexia-friendly": (
            True,
            "Sans-serif, left aligned, no italics, 1.5 spacing"
            + (" (within the large-print profile)." if "large-print" in chosen else "."),
        ),
        "extra-spacing": (True, "Double line spacing and wider gaps between items."),
        "chunking": (True, "Passage in chunks of two paragraphs and questions in groups of "
                     "three, each chunk on a new page; same items, same order."),
        "simplified-directions": (True, "Directions printed as short numbered steps; same task."),
        "read-aloud": (True, "Read-aloud script on this copy; the adult reads passage and "
                       "questions, not the meaning of answer choices."),
        "highlight-key-terms": (True, "Key terms printed in bold in every version's passage."),
        "visual-supports": (True, "An action cue (READ, CIRCLE, WRITE) heads every section. "
                            "No pictures are added: add them by hand if the IEP needs them."),
        "bilingual-glossary": (
            (True, f"Glossary translated into {material.glossary_language} by the model.")
            if ai and any(entry.translation for entry in material.vocabulary)
            else (False, "Not applied: translation needs a language model (offline engine, "
                  "no AI). Add translations by hand or configure a model.")
        ),
        "graphic-organizer": (True, "Main idea and details organizer after the passage."
                              if ai else f"{catalogue.ALREADY_MET} every offline worksheet "
                              "has the main idea and details organizer after the passage."),
        "larger-answer-space": (True, "Twice the writing lines after every written answer."),
        "sentence-starters": (True, "A starter that does not give the answer away at the "
                              "start of each written answer" + ("." if ai else
                              " (general starters from the offline engine).")),
        "word-bank": (True, "Word bank of key terms printed before the written questions."),
        "extended-time": (True, "Allow 1.5x the usual time (noted here, not on student copies)."),
        "breaks": (True, "Break checkpoints printed between sections of the student copies."),
        "small-group-setting": (True, "Noted here: work in a small group or quiet space."),
        "reduced-choices": (
            (True, f"{len(mc)} multiple-choice items cut from 4 to 3 choices; the correct "
             "choice is always kept.") if mc
            else (False, "Not applied: this worksheet has no multiple-choice items.")
        ),
        "fewer-items": (True, f"{len(material.questions)} questions kept, at least one of "
                        "every kind, so every skill is still assessed."),
        "below-grade-text": (
            (True, below_grade_note(material)) if ai
            else (False, "Not applied: the offline engine (no AI) cannot rewrite the passage "
                  "at a lower level; every version holds the source as written.")
        ),
    }  # fmt: skip
    return notes[accommodation_id]


def below_grade_note(material: WorksheetMaterial) -> str:
    below = below_grade_versions(material)
    if below:
        return f"Versions at grade {below} are below the class grade."
    if material.class_grade is None:
        return "Applied through the chosen reading levels; give the class grade to name them."
    return "No version is below the class grade, so nothing was changed."


# --- Messages to the model ---


def core_messages(request: WorksheetRequest, source: str):
    return prompts.messages(
        "worksheet_core",
        topic=request.topic,
        levels=", ".join(grade_name(grade) for grade in request.levels),
        questions=request.questions,
        glossary_language=request.glossary_language,
        source=prompts.delimit(source),
    )


def original_messages(topic: str, target: int):
    return prompts.messages(
        "worksheet_original",
        topic=topic,
        grade_name=grade_name(target),
        guide=writing_guide(target),
    )


# --- Cleaning what the model wrote ---


def clean_question(question: Question) -> Question:
    return question.model_copy(
        update={
            "prompt": textwork.clean(question.prompt),
            "choices": [textwork.clean(choice) for choice in question.choices],
            "answer": textwork.clean(question.answer),
            "evidence": textwork.clean(question.evidence) if question.evidence else None,
            "starter": textwork.clean(question.starter) if question.starter else None,
        }
    )


def clean_vocab(entry: VocabEntry) -> VocabEntry:
    return VocabEntry(
        term=textwork.clean(entry.term),
        definition=textwork.clean(entry.definition),
        translation=textwork.clean(entry.translation) if entry.translation else None,
    )
