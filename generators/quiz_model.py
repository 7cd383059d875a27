"""The quiz with a language model: items from the source, reworded per level, checked per level.

The items and key are written once; each level's passage is leveled by the worksheet's own
leveling (measured, fact-checked, revised), and each level's copy gets the items reworded for
its reading level with the key fixed. Then each copy is checked against its own passage with
the answer check: every item answerable, and no second defensible choice. The schema itself
refuses four choices that are not all different and "all of the above"; the correct choice is
moved to a varied position before any rewording, so every copy keeps the same letter.
"""

from __future__ import annotations

from concurrent.futures import Future, ThreadPoolExecutor
from functools import cache

from pydantic import field_validator

from generators import leveling, prompts, quiz, textwork
from generators.domain.levels import grade_name, writing_guide
from generators.domain.quiz import (
    ITEM_KINDS,
    ItemKind,
    LevelWording,
    QuizCheck,
    QuizCopy,
    QuizCore,
    QuizItem,
    QuizMaterial,
    QuizRequest,
    Wording,
    check_multiple_choice,
)
from generators.domain.worksheet import Passage
from generators.errors import ModelError, ModelUnavailableError
from generators.models.base import Model
from generators.models.packet import with_checks
from generators.quiz import Progress, assemble, finalize, vary_positions, wording_of
from generators.worksheet_checks import passage_check


@cache
def core_schema(count: int, kinds: tuple[ItemKind, ...]) -> type[QuizCore]:
    """QuizCore that also checks the count and types asked for, so the model is re-asked with
    the reason when it gives too few items or a type that was not allowed."""

    class QuizCore_(QuizCore):
        @field_validator("items")
        @classmethod
        def check_request(cls, items: list[QuizItem]) -> list[QuizItem]:
            if len(items) != count:
                raise ValueError(f"give exactly {count} items, not {len(items)}")
            wrong = sorted({item.kind for item in items} - set(kinds))
            if wrong:
                raise ValueError(f"only these types are allowed: {', '.join(kinds)}")
            return items

    QuizCore_.__name__ = "QuizCore"
    return QuizCore_


def wording_schema(items: tuple[QuizItem, ...]) -> type[LevelWording]:
    """LevelWording that must match the key item for item, choice for choice."""

    class LevelWording_(LevelWording):
        @field_validator("items")
        @classmethod
        def check_aligned(cls, wording):
            if len(wording) != len(items):
                raise ValueError(f"give all {len(items)} items, numbered 1 to {len(items)}")
            for number, (words, item) in enumerate(zip(wording, items, strict=True), 1):
                asked = len(item.choices) if item.kind == "multiple_choice" else 0
                if len(words.choices) != asked:
                    raise ValueError(f"item {number}: give exactly {asked} choices")
                if len(words.descriptions) != len(item.pairs):
                    raise ValueError(f"item {number}: keep {len(item.pairs)} descriptions")
                if item.kind == "multiple_choice":
                    check_multiple_choice(list(words.choices), item.correct_choice)
            return wording

    LevelWording_.__name__ = "LevelWording"
    return LevelWording_


def generate(request: QuizRequest, model: Model, progress: Progress) -> QuizMaterial:
    source = request.source_text
    title = textwork.split_title(source)[0] if source else None
    if source is None:
        top = max(request.levels)
        progress(f"Writing an original passage on '{request.topic}' (grade {grade_name(top)})")
        written = model.generate(leveling_original(request.topic, top), Passage)
        title, source = written.title, "\n\n".join(written.paragraphs)
    title = textwork.clean(title or request.topic)
    body = "\n\n".join(textwork.split_title(source)[1])
    model = with_checks(model, {Passage: passage_check(body, request.levels)})  # re-ask, not crash
    with ThreadPoolExecutor(max_workers=len(request.levels) + 1) as pool:
        progress("Writing the quiz items and answer key")
        core_future = pool.submit(write_core, request, body, model)
        job = leveling.Job(
            title=title,
            source=body,
            model=model,
            progress=progress,
            core=Future(),  # the worksheet's question check is not used: the quiz has its own
            max_revisions=request.max_revisions,
            check_answers=False,
        )
        copies = [
            pool.submit(make_copy, target, job, core_future, request) for target in request.levels
        ]
        copies = [future.result() for future in copies]
        core = core_future.result()
    return assemble(request, model, core.title or title, core.items, copies, source=body)


def leveling_original(topic: str, target: int):
    from generators.worksheet import original_messages

    return original_messages(topic, target)


def write_core(request: QuizRequest, source: str, model: Model) -> QuizCore:
    messages = prompts.messages(
        "quiz_core",
        topic=request.topic,
        levels=", ".join(grade_name(grade) for grade in request.levels),
        items=request.items,
        types=", ".join(request.types),
        source=prompts.delimit(source),
    )
    core = model.generate(messages, core_schema(request.items, request.types))
    ordered = sorted(core.items, key=lambda item: ITEM_KINDS.index(item.kind))
    return QuizCore(title=core.title, items=vary_positions(ordered))


def make_copy(target: int, job: leveling.Job, core: Future[QuizCore], request: QuizRequest):
    """One level: passage leveled and measured, items reworded, then both checked together."""
    version = leveling.level_passage(target, job)
    if version.status == "failed":
        return QuizCopy(version=version, wording=())
    items = tuple(core.result().items)
    label = f"Grade {grade_name(target)}"
    wording, reworded, warnings = tuple(wording_of(item) for item in items), False, []
    if target < max(request.levels):
        try:
            job.progress(f"{label}: rewording the items")
            reply = job.model.generate(reword_messages(target, items), wording_schema(items))
            wording = tuple(to_wording(w, item) for w, item in zip(reply.items, items, strict=True))
            reworded = True
        except ModelError as error:
            warnings.append(
                f"{label}: items not reworded ({error}); the top level's wording is used."
            )
    unsupported, ambiguous = (), ()
    if request.check_answers:
        try:
            check = job.model.generate(
                check_messages(version.paragraphs, items, wording), QuizCheck
            )
            unsupported = numbers_in(check.unsupported, len(items))
            choice_items = [
                problem
                for problem in check.ambiguous
                if 1 <= problem.number <= len(items)
                and items[problem.number - 1].kind in ("multiple_choice", "true_false")
            ]
            ambiguous = numbers_in(choice_items, len(items))
        except ModelError as error:
            warnings.append(f"{label}: could not check the items against this passage ({error}).")
    if unsupported:
        warnings.append(
            f"{label} passage may not support {textwork.numbered('item', unsupported)}: check them."
        )
    version = version.model_copy(
        update={"unanswerable": unsupported, "warnings": version.warnings + tuple(warnings)}
    )
    return QuizCopy(version=version, wording=wording, ambiguous=ambiguous, reworded=reworded)


def numbers_in(problems, count: int) -> tuple[int, ...]:
    return tuple(sorted({p.number if hasattr(p, "number") else p.question for p in problems}
                        & set(range(1, count + 1))))  # fmt: skip


def to_wording(words, item: QuizItem) -> Wording:
    """A level's wording; true/false keeps its two choices as they are."""
    choices = words.choices if item.kind == "multiple_choice" else item.choices
    return Wording(
        stem=textwork.clean(words.stem),
        choices=tuple(textwork.clean(c) for c in choices),
        descriptions=tuple(textwork.clean(d) for d in words.descriptions),
    )


def reword_messages(target: int, items: tuple[QuizItem, ...]):
    listed = [
        {
            "number": number,
            "kind": item.kind,
            "stem": item.stem,
            "choices": item.choices if item.kind == "multiple_choice" else [],
            "descriptions": [pair.description for pair in item.pairs],
        }
        for number, item in enumerate(items, 1)
    ]
    return prompts.messages(
        "quiz_level", grade_name=grade_name(target), guide=writing_guide(target), items=listed
    )


def check_messages(paragraphs, items: tuple[QuizItem, ...], wording: tuple[Wording, ...]):
    listed = []
    for number, (item, words) in enumerate(zip(items, wording, strict=True), 1):
        key = item.answer
        if item.correct_choice is not None:
            key = f"{'ABCD'[item.correct_choice]}. {words.choices[item.correct_choice]}"
        elif item.kind == "matching":
            key = "; ".join(
                f"{pair.term} = {description}"
                for pair, description in zip(item.pairs, words.descriptions, strict=True)
            )
        listed.append(
            {
                "number": number,
                "kind": item.kind,
                "stem": words.stem,
                "choices": list(words.choices),
                "key": key,
            }
        )
    return prompts.messages(
        "quiz_check", items=listed, source=prompts.delimit("\n\n".join(paragraphs))
    )


def retry_failed(material: QuizMaterial, model: Model, progress: Progress) -> QuizMaterial:
    """Level, reword and check again only the copies whose passage failed; the items, the key
    and every other copy are kept as they are."""
    failed = [copy.target for copy in material.copies if copy.version.status == "failed"]
    if not failed:
        return material
    if not model.info.is_ai:
        raise ModelUnavailableError("Retrying a level needs the language model that made it.")
    core: Future[QuizCore] = Future()
    core.set_result(QuizCore.model_construct(title=material.title, items=list(material.items)))
    job = leveling.Job(
        title=material.title,
        source=material.source,
        model=model,
        progress=progress,
        core=Future(),
        max_revisions=material.request.max_revisions,
        check_answers=False,
    )
    with ThreadPoolExecutor(max_workers=len(failed)) as pool:
        futures = {t: pool.submit(make_copy, t, job, core, material.request) for t in failed}
        redone = {target: future.result() for target, future in futures.items()}
    copies = tuple(redone.get(copy.target, copy) for copy in material.copies)
    kept = [w for w in material.warnings if w.startswith("Only ")]
    return finalize(material.model_copy(update={"copies": copies}), kept)


def make(
    request: QuizRequest, model: Model, progress: Progress = quiz.ignore_progress
) -> QuizMaterial:
    """The quiz kind's generate: the model's quiz when a model is configured, else the offline
    one (here rather than in quiz.py, so quiz.py never imports this module back)."""
    if model.info.is_ai:
        return generate(request, model, progress)
    return quiz.generate_offline(request, progress)
