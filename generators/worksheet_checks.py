"""What a worksheet's source and passages must be: prose that can be measured, of a sane length.

A source of only questions, a list or a table has nothing to level; a model passage with no
complete sentence cannot be measured, and one ten times the length asked for is not a rewrite.
Each is caught here, where the packet is built, and becomes a clear InputError (the source) or a
re-ask and then one failed level (a reply), never a crash of the whole packet.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from concurrent.futures import Future

from generators import leveling, readability
from generators.domain.levels import writing_guide
from generators.domain.worksheet import Measured, Passage, Version
from generators.errors import InputError, ParaPrepError

MIN_OFFLINE_WORDS = 15  # fewer words of prose than this make no activity worth printing


def measure_source(body: str) -> Measured:
    # The scale measures a list alone item by item (with a note); a worksheet still needs prose.
    if not readability.prose_only(body).strip():
        raise InputError(
            "The source has no prose to level (no complete sentences: only questions, a list "
            "or a table?): give a passage of a few paragraphs."
        )
    return leveling.measure(body)


def level_result(target: int, future: Future) -> Version:
    """One level's version; whatever goes wrong in it fails that level, never the packet."""
    try:
        return future.result()
    except ParaPrepError as error:
        return leveling.failed(target, str(error))
    except ValueError as error:  # a reply that passed its checks yet could not be measured
        return leveling.failed(target, f"The model's passage could not be measured ({error}).")


def passage_check(source: str, levels: Iterable[int]) -> Callable[[Passage], str | None]:
    """What a passage must be beyond its schema: prose that can be measured, and at most three
    times the length asked for (the source's, or the longest the writing guides ask)."""
    asked = max(
        len(source.split()),
        *(int(writing_guide(grade).passage_words.split("-")[-1]) for grade in levels),
    )
    limit = 3 * asked

    def check(passage: Passage) -> str | None:
        text = "\n\n".join(p for p in passage.paragraphs if p.strip())
        words = len(text.split())
        if words > limit:
            return f"the passage has {words:,} words; write at most {asked:,}"
        if not readability.prose_only(text).strip():
            return "the passage has no complete sentence to measure; end each with a full stop"
        return None

    return check


def check_offline_source(paragraphs: list[str]) -> None:
    """Offline, the source is the passage: it needs prose to measure and enough words for at
    least one question. A short one still gets a smaller worksheet (no multiple choice)."""
    measured = measure_source("\n\n".join(paragraphs))
    if measured.words < MIN_OFFLINE_WORDS:
        raise InputError(
            f"The source is too short for a worksheet ({measured.words} words of prose; at "
            f"least {MIN_OFFLINE_WORDS} are needed): give a longer passage."
        )
