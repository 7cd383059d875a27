"""Leveling one passage for one target grade: rewrite, measure, check facts, revise, check answers.

Single-prompt rewriting lands within a grade of the target far less often than teachers assume,
and rewrites drop or invent facts. So every rewrite is measured and fact-checked here, and sent
back with concrete reasons (measured level, sentence length, hard words, facts lost or added)
until it is in band and faithful, or the revision budget is spent. The best attempt is kept, and
its status is reported honestly either way. Each level runs in its own thread, so the revisions
of different levels run concurrently.
"""

from __future__ import annotations

from collections.abc import Callable
from concurrent.futures import Future
from dataclasses import dataclass

from generators import prompts, readability, textwork
from generators.domain.levels import grade_name, writing_guide
from generators.domain.worksheet import (
    AnswerCheck,
    Measured,
    Passage,
    Version,
    WorksheetCore,
)
from generators.errors import ModelError, ParaPrepError
from generators.facts import FactCheck, check_facts, names_in
from generators.feedback import feedback_for, subject_terms
from generators.models.base import Model

Progress = Callable[[str], None]


@dataclass(frozen=True)
class Attempt:
    """One draft of a level's passage with what was measured about it."""

    target: int
    paragraphs: tuple[str, ...]
    measured: Measured
    facts: FactCheck

    @property
    def in_band(self) -> bool:
        return abs(self.measured.grade - self.target) <= readability.IN_BAND + 1e-9

    def rank(self) -> tuple[bool, int, float]:
        """Lower is better: in band first, then fewest fact problems, then nearest the target."""
        problems = sum(len(part) for part in self.facts.model_dump().values())
        return (not self.in_band, problems, abs(self.measured.grade - self.target))


@dataclass(frozen=True)
class Job:
    """Everything one level's worker needs; shared read-only across threads."""

    title: str
    source: str
    model: Model
    progress: Progress
    core: Future[WorksheetCore]
    max_revisions: int
    # False when `core` is not this packet's worksheet core (the quiz levels its passage with
    # its own items): the core is then never waited for, for a glossary or for key terms.
    check_answers: bool = True

    def shared(self) -> WorksheetCore | None:
        """The packet's questions and vocabulary, waiting for them; None when that call failed."""
        if not self.check_answers:
            return None
        try:
            return self.core.result()
        except ParaPrepError:  # the packet reports the core's failure itself
            return None

    def glossed(self) -> tuple[str, ...]:
        """Terms the packet's vocabulary list explains (with a definition): familiar once used."""
        core = self.shared()
        return tuple(e.term for e in core.vocabulary if e.definition.strip()) if core else ()

    def keep(self) -> tuple[str, ...]:
        """Text whose words a revision must keep: title, key terms, the questions' answers."""
        core = self.shared()
        kept = [self.title, *names_in(self.source).values(), *subject_terms(self.source)]
        if core:
            kept += [entry.term for entry in core.vocabulary]
            kept += [f"{q.prompt} {q.answer}" for q in core.questions]
        return tuple(kept)


def level_passage(target: int, job: Job) -> Version:
    """Make one level's version. A model failure marks this level failed, never the packet."""
    label = f"Grade {grade_name(target)}"
    source = measure(job.source)
    if abs(source.grade - target) <= readability.IN_BAND:
        job.progress(f"{label}: the source is already in band, kept as written")
        return as_written(target, textwork.split_paragraphs(job.source), job.glossed())
    job.progress(f"{label}: rewriting the passage")
    try:
        messages = rewrite_messages(job, target, source)
        first = attempt(target, job, job.model.generate(messages, Passage))
    except ModelError as error:
        job.progress(f"{label}: failed ({error})")
        return failed(target, str(error))
    best, revisions, warnings = revise(target, job, first)
    return to_version(target, best, first, revisions, warnings)


def revise(target: int, job: Job, first: Attempt) -> tuple[Attempt, int, list[str]]:
    """Revise while out of band or unfaithful, up to the budget; keep the best attempt."""
    label = f"Grade {grade_name(target)}"
    best, current, revisions, warnings = first, first, 0, []
    while (not current.in_band or not current.facts.ok) and revisions < job.max_revisions:
        revisions += 1
        job.progress(f"{label}: measured {describe(current.measured)}; revising ({revisions})")
        try:
            reply = job.model.generate(revise_messages(job, target, current), Passage)
        except ModelError as error:
            warnings.append(f"{label}: revision {revisions} failed ({error}); kept the best draft.")
            break
        current = attempt(target, job, reply)
        best = min(best, current, key=Attempt.rank)
    job.progress(f"{label}: measured {describe(best.measured)}")
    return best, revisions, warnings


def check_answers(
    versions: list[Version], core: WorksheetCore, model: Model, progress: Progress
) -> list[Version]:
    """Ask once, for every rewritten passage of the packet, which shared questions it cannot
    support. One call a packet, not one a level: the check reads all passages side by side."""
    rewritten = [v for v in versions if v.rewritten and v.paragraphs]
    if not rewritten or not core.questions:
        return versions
    progress("Checking the questions against every rewritten passage")
    try:
        check = model.generate(answer_messages(rewritten, core), AnswerCheck)
    except ModelError as error:
        note = f"could not check the questions against this passage ({error})."
        return [with_check(v, (), note) if v in rewritten else v for v in versions]
    count, grades = len(core.questions), {v.target for v in rewritten}
    missing: dict[int, set[int]] = {}
    for problem in check.unsupported:
        if problem.grade in grades and 1 <= problem.question <= count:
            missing.setdefault(problem.grade, set()).add(problem.question)
    return [
        with_check(v, tuple(sorted(missing.get(v.target, ()))), None) if v in rewritten else v
        for v in versions
    ]


def with_check(version: Version, unanswerable: tuple[int, ...], failure: str | None) -> Version:
    label = f"Grade {grade_name(version.target)}"
    notes = list(version.warnings)
    if failure:
        notes.append(f"{label}: {failure}")
    if unanswerable:
        notes.append(
            f"{label} version may not support {textwork.numbered('question', unanswerable)}: "
            "check them."
        )
    return version.model_copy(update={"unanswerable": unanswerable, "warnings": tuple(notes)})


def attempt(target: int, job: Job, passage: Passage) -> Attempt:
    paragraphs = tuple(p for p in (textwork.clean(p) for p in passage.paragraphs) if p)
    text = "\n\n".join(paragraphs)
    return Attempt(
        target=target,
        paragraphs=paragraphs,
        measured=measure(text, job.glossed()),
        facts=check_facts(job.source, text),
    )


def to_version(
    target: int,
    best: Attempt,
    first: Attempt,
    revisions: int,
    warnings: list[str],
) -> Version:
    label = f"Grade {grade_name(target)}"
    notes = list(warnings) + language_note(label, best.measured)
    if not best.in_band:
        notes.append(
            f"{label} version measures {describe(best.measured)}, more than a grade "
            f"from grade {grade_name(target)} after {textwork.plural(revisions, 'revision')}."
        )
    summary = best.facts.summary()
    if summary:
        notes.append(f"{label} version: {summary}")
    return Version(
        target=target,
        paragraphs=best.paragraphs,
        measured=best.measured,
        rewritten=True,
        status="in-band" if best.in_band else "out-of-band",
        revisions=revisions,
        first_grade=first.measured.grade,
        facts=(summary,) if summary else (),
        dropped_facts=best.facts.dropped_numbers + best.facts.dropped_names,
        added_facts=best.facts.added_numbers + best.facts.added_names,
        warnings=tuple(notes),
    )


def as_written(target: int, paragraphs: list[str], glossed: tuple[str, ...] = ()) -> Version:
    """A version that keeps the source text: measured, never called rewritten."""
    measured = measure("\n\n".join(paragraphs), glossed)
    in_band = abs(measured.grade - target) <= readability.IN_BAND
    warnings = language_note(f"Grade {grade_name(target)}", measured)
    if not in_band:
        warnings.append(
            f"Grade {grade_name(target)} version measures {describe(measured)}, more than a "
            f"grade from grade {grade_name(target)} (not rewritten: the source text as written). "
            f"To have it at grade {grade_name(target)}, configure a model to rewrite it, or give "
            "a passage written nearer that grade."
        )
    return Version(
        target=target,
        paragraphs=tuple(paragraphs),
        measured=measured,
        rewritten=False,
        status="in-band" if in_band else "out-of-band",
        first_grade=measured.grade,
        warnings=tuple(warnings),
    )


def language_note(label: str, measured: Measured) -> list[str]:
    """The measure's own warning that its grade means nothing (text not in English)."""
    if measured.note and readability.NOT_ENGLISH in measured.note:
        return [f"{label} version: {readability.NOT_ENGLISH}"]
    return []


def failed(target: int, error: str) -> Version:
    return Version(
        target=target, paragraphs=(), measured=None, rewritten=False, status="failed", error=error
    )


# --- Measuring ---


def measure(text: str, glossed: tuple[str, ...] = ()) -> Measured:
    """The one scale: a function of the text (and the packet's glossary), never of the target."""
    estimate = readability.measure(text, glossed)
    return Measured(
        grade=estimate.grade,
        low=estimate.low,
        high=estimate.high,
        primary=estimate.primary,
        words=estimate.words,
        sentences=estimate.sentences,
        confident=estimate.confident,
        note=estimate.note,
    )


def describe(measured: Measured | None) -> str:
    if measured is None:
        return "not measured"
    return f"grade {measured.grade:.1f} (range {measured.low:.1f}-{measured.high:.1f})"


# --- Messages ---


def passage_length(source_words: int, target: int, source_grade: float) -> str:
    """Words to ask for: about the source's length, never much more than it holds.

    Rewriting down leaves room (a quarter more) for the explanations a lower level needs;
    rewriting up keeps about the source's length, because padding brings invented facts.
    """
    low, high = (0.8, 1.25) if target < source_grade else (0.85, 1.1)
    return f"{round(source_words * low, -1):.0f}-{round(source_words * high, -1):.0f}"


def rewrite_messages(job: Job, target: int, source: Measured):
    return prompts.messages(
        "worksheet_level",
        grade_name=grade_name(target),
        guide=writing_guide(target),
        length=passage_length(source.words, target, source.grade),
        source_words=source.words,
        title=job.title,
        source=prompts.delimit(job.source),
    )


def revise_messages(job: Job, target: int, current: Attempt):
    text = "\n\n".join(current.paragraphs)
    measured = current.measured
    notes = feedback_for(current.paragraphs, target, measured.grade, job.keep())
    return prompts.messages(
        "worksheet_revise",
        grade_name=grade_name(target),
        guide=writing_guide(target),
        measured=f"{measured.grade:.1f}",
        in_band=current.in_band,
        feedback=notes,
        words_per_sentence=f"{notes.per_sentence:.0f}",
        fact_summary=current.facts.summary(),
        title=job.title,
        source=prompts.delimit(job.source),
        draft=prompts.delimit(text),
    )


def answer_messages(versions: list[Version], core: WorksheetCore):
    questions = [
        {"number": n, "prompt": q.prompt, "answer": q.answer}
        for n, q in enumerate(core.questions, 1)
    ]
    passages = "\n\n".join(
        f"Passage for grade {v.target}:\n" + prompts.delimit("\n\n".join(v.paragraphs))
        for v in versions
    )
    return prompts.messages("worksheet_check", questions=questions, passages=passages)
