"""The model's part of modifying an assignment: what to ask for, and checking the answer.

All the language work for one assignment is one structured call (plus one per reading passage
when below-grade-text is asked for, run concurrently). The reply is validated against the
assignment itself, so an impossible answer index, an unknown item or a starter that gives the
answer away goes back to the model once with the reason (see generators.models). The assignment
text is redacted of the caseload's names and fenced as untrusted data before it is sent.
"""

from __future__ import annotations

from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field

from pydantic import model_validator

from generators import prompts, readability, textwork
from generators.domain.assignment import (
    MAX_STARTER_WORDS,
    REDUCED_CHOICES,
    Assignment,
    Item,
    ItemHelp,
    ModifyPlanBase,
    ModifyRequest,
    PassageResult,
    RewrittenText,
    TextBlock,
)
from generators.domain.levels import grade_name, writing_guide
from generators.domain.students import redact_for_model
from generators.errors import ModelError
from generators.models.base import Model

Progress = Callable[[str], None]


@dataclass(frozen=True)
class Tasks:
    """The language work this request needs; empty parts are not asked for."""

    directions: bool = False
    starters: tuple[int, ...] = ()  # written items' refs
    key_terms: bool = False
    answers: tuple[int, ...] = ()  # multiple-choice refs whose correct choice nobody gave
    keep: bool = False
    passages: tuple[tuple[int, int], ...] = ()  # (section, block) of passages to rewrite

    @property
    def plan(self) -> bool:
        return bool(self.directions or self.starters or self.key_terms or self.answers or self.keep)


def tasks_for(request: ModifyRequest) -> Tasks:
    chosen = set(request.accommodations)
    assignment = request.assignment
    items = assignment.items
    keyed = dict(request.key)
    passages = tuple(
        (s, b)
        for s, section in enumerate(assignment.sections)
        for b, block in enumerate(section.blocks)
        if isinstance(block, TextBlock) and block.role == "passage"
    )
    return Tasks(
        directions="simplified-directions" in chosen and bool(assignment.directions),
        starters=tuple(i.ref for i in items if i.kind == "written")
        if "sentence-starters" in chosen
        else (),
        key_terms=bool({"highlight-key-terms", "word-bank"} & chosen) and not request.terms,
        answers=tuple(
            i.ref
            for i in items
            if i.kind == "multiple_choice"
            and len(i.choices) > REDUCED_CHOICES
            and i.ref not in keyed
        )
        if "reduced-choices" in chosen
        else (),
        keep="fewer-items" in chosen and not request.keep and len(items) > 1,
        passages=passages
        if "below-grade-text" in chosen and request.reading_level is not None
        else (),
    )


def plan_model(assignment: Assignment, tasks: Tasks, key: dict[int, int]) -> type[ModifyPlanBase]:
    """The output model for this assignment: its validator's message goes back to the model."""
    items = {item.ref: item for item in assignment.items}

    class ModifyPlan(ModifyPlanBase):
        @model_validator(mode="after")
        def check_against_assignment(self) -> ModifyPlan:
            problems = plan_problems(self, items, tasks, key)
            if problems:
                raise ValueError("; ".join(problems[:6]))
            return self

    return ModifyPlan


def plan_problems(
    plan: ModifyPlanBase, items: dict[int, Item], tasks: Tasks, key: dict[int, int]
) -> list[str]:
    """What makes a plan unusable: wrong refs, impossible answers, starters that give answers."""
    problems: list[str] = []
    refs = [entry.ref for entry in plan.items]
    unknown = sorted(set(refs) - set(items))
    if unknown:
        problems.append(f"items {unknown} do not exist; use the [item N] refs given")
    missing = sorted(set(items) - set(refs))
    if missing:
        problems.append(f"give one entry for every item; missing refs {missing}")
    if len(refs) != len(set(refs)):
        problems.append("give each item ref once")
    for entry in plan.items:
        item = items.get(entry.ref)
        if item is None:
            continue
        index = entry.correct_choice
        multiple_choice = item.kind == "multiple_choice"
        if multiple_choice and index is not None and not 0 <= index < len(item.choices):
            problems.append(
                f"item {entry.ref}: correct_choice {index} is out of range "
                f"(0 to {len(item.choices) - 1})"
            )
        if entry.starter:
            problems.extend(starter_problems(entry.ref, entry.starter, item, entry, key))
    if tasks.directions and not 1 <= len(plan.directions_steps) <= 8:
        problems.append("directions_steps: give 2 to 6 short steps")
    if tasks.keep:
        problems.extend(keep_problems(plan, items))
    return problems


def starter_problems(
    ref: int, starter: str, item: Item, entry: ItemHelp, key: dict[int, int]
) -> list[str]:
    problems = []
    if len(starter.split()) > MAX_STARTER_WORDS:
        problems.append(f"item {ref}: the starter is longer than {MAX_STARTER_WORDS} words")
    if item.kind == "multiple_choice":
        index = key.get(ref, entry.correct_choice)
        if index is not None and 0 <= index < len(item.choices):
            correct = item.choices[index].text
            if correct and textwork.whole_word(correct).search(starter):
                problems.append(f"item {ref}: the starter contains the correct choice")
    return problems


def keep_problems(plan: ModifyPlanBase, items: dict[int, Item]) -> list[str]:
    keep = set(plan.keep)
    if not keep:
        return ["keep: list the refs of the items to keep"]
    if not keep <= set(items):
        return [f"keep: refs {sorted(keep - set(items))} do not exist"]
    if len(keep) >= len(items):
        return ["keep: keep fewer items than the assignment has"]
    skills = {skill_key(e.skill): e.skill for e in plan.items if e.ref in items}
    kept = {skill_key(e.skill) for e in plan.items if e.ref in keep}
    lost = [skills[s] for s in skills if s not in kept]
    if lost:
        return [f"keep: every skill must stay covered; nothing kept assesses {', '.join(lost)}"]
    return []


def skill_key(skill: str) -> str:
    return " ".join(skill.lower().split())


# --- Asking ---


@dataclass
class ModelWork:
    """What the model returned, or why it could not."""

    plan: ModifyPlanBase | None = None
    passages: dict[tuple[int, int], PassageResult] = field(default_factory=dict)
    error: str | None = None
    passage_errors: list[str] = field(default_factory=list)

    @property
    def contributed(self) -> bool:
        """Something on the page is the model's: only then is it named as the maker."""
        return self.plan is not None or bool(self.passages)


def ask_model(request: ModifyRequest, tasks: Tasks, model: Model, progress: Progress) -> ModelWork:
    """The plan and any passage rewrites, concurrently; a failure is reported, not fatal."""
    work = ModelWork()
    assignment = request.assignment
    key = dict(request.key)
    with ThreadPoolExecutor(max_workers=1 + len(tasks.passages)) as pool:
        plan_future = None
        if tasks.plan:
            progress("Asking the model for the language work (one call)")
            messages = plan_messages(request, tasks)
            plan_future = pool.submit(model.generate, messages, plan_model(assignment, tasks, key))
        passage_futures = {
            where: pool.submit(rewrite_passage, request, where, model) for where in tasks.passages
        }
        if passage_futures:
            progress(f"Rewriting {textwork.plural(len(passage_futures), 'passage')} below grade")
        for where, future in passage_futures.items():
            try:
                work.passages[where] = future.result()
            except ModelError as error:
                work.passage_errors.append(str(error))
        if plan_future is not None:
            try:
                work.plan = plan_future.result()
            except ModelError as error:
                work.error = str(error)
                progress(f"The model's language work failed: {error}")
    return work


def rewrite_passage(request: ModifyRequest, where: tuple[int, int], model: Model) -> PassageResult:
    section, block = where
    text = request.assignment.sections[section].blocks[block]
    assert isinstance(text, TextBlock)
    target = request.reading_level or 0
    reply = model.generate(passage_messages(request, text.text, target), RewrittenText)
    paragraphs = tuple(p for p in (textwork.clean(p) for p in reply.paragraphs) if p)
    try:
        measured = readability.measure("\n\n".join(paragraphs)).grade
    except ValueError:
        measured = None
    return PassageResult(
        section=section, block=block, paragraphs=paragraphs, measured=measured, target=target
    )


def plan_messages(request: ModifyRequest, tasks: Tasks):
    text = redact_for_model(assignment_text(request.assignment), request.caseload)
    return prompts.messages(
        "modify",
        directions=tasks.directions,
        starters=", ".join(str(ref) for ref in tasks.starters),
        key_terms=tasks.key_terms,
        answers=", ".join(str(ref) for ref in tasks.answers),
        keep=tasks.keep,
        max_starter_words=MAX_STARTER_WORDS,
        source=prompts.delimit(text),
    )


def passage_messages(request: ModifyRequest, text: str, target: int):
    return prompts.messages(
        "modify_passage",
        grade_name=grade_name(target),
        guide=writing_guide(target),
        source=prompts.delimit(redact_for_model(text, request.caseload)),
    )


def assignment_text(assignment: Assignment) -> str:
    """The assignment as the model reads it, each item tagged with its ref."""
    lines = [f"Title: {assignment.title or '(none)'}"]
    lines += list(assignment.directions)
    for section in assignment.sections:
        if section.heading:
            lines.append(f"\nSection: {section.heading}")
        for block in section.blocks:
            if isinstance(block, Item):
                kind = block.kind.replace("_", " ")
                lines.append(f"[item {block.ref}] ({kind}) {block.number}. {block.stem}")
                lines += [f"    {index}: {c.text}" for index, c in enumerate(block.choices)]
            elif isinstance(block, TextBlock):
                lines.append(block.text)
            else:
                lines += [" | ".join(row) for row in block.rows]
    return "\n".join(lines)
