"""Sizes and costs up front: a passage too long to be a worksheet is refused before any work, and
with a model the form says roughly how many calls and tokens Generate will spend.

The estimate is arithmetic on what the generator does (a rewrite per level, up to N revisions,
one answer check per level, one call for the shared questions), with about 1.35 tokens per
English word: a guide to the order of magnitude, labelled as such, never a quote.
"""

from __future__ import annotations

from generators.errors import InputError

MAX_PASSAGE_WORDS = 5_000
TOKENS_PER_WORD = 1.35
PROMPT_OVERHEAD = 900  # instructions and schema, tokens per call
TOPIC_WORDS = 450  # a passage written from a topic
QUESTION_TOKENS = 120


def words(text: str | None) -> int:
    return len(text.split()) if text else 0


def check_passage(text: str | None, what: str = "passage") -> None:
    """Refuse a passage over the limit, saying how to split it."""
    count = words(text)
    if count <= MAX_PASSAGE_WORDS:
        return
    parts = -(-count // MAX_PASSAGE_WORDS)
    raise InputError(
        f"This {what} has {count:,} words; ParaPrep takes up to {MAX_PASSAGE_WORDS:,} words "
        f"per {what}. Split it into {parts} parts (for example by chapter or section) and make "
        f"one packet from each."
    )


def too_long(source_words: int) -> str | None:
    """Said in place of an estimate: Generate will refuse this text, so it would cost nothing."""
    if source_words <= MAX_PASSAGE_WORDS:
        return None
    return (
        f"This text has {source_words:,} words, over the {MAX_PASSAGE_WORDS:,}-word limit: "
        "split it into parts before you generate."
    )


def worksheet_estimate(source_words: int, levels: int, questions: int, revisions: int = 2) -> str:
    """'About 7 to 13 model calls and roughly 20,000 to 36,000 tokens' for a leveled worksheet."""
    if too_long(source_words):
        return too_long(source_words)
    levels = max(levels, 1)
    passage = (source_words or TOPIC_WORDS) * TOKENS_PER_WORD
    rewrite = PROMPT_OVERHEAD + 2 * passage  # the source in, a passage out
    core = PROMPT_OVERHEAD + passage + questions * QUESTION_TOKENS
    check = PROMPT_OVERHEAD + passage + questions * QUESTION_TOKENS // 2
    topic_calls = 0 if source_words else 1
    low_calls = topic_calls + 1 + 2 * levels
    high_calls = low_calls + levels * revisions
    low = topic_calls * rewrite + core + levels * (rewrite + check)
    high = low + levels * revisions * rewrite
    return (
        f"With the model: about {low_calls} to {high_calls} calls and roughly "
        f"{round_tokens(low)} to {round_tokens(high)} tokens (an estimate; revisions happen "
        "only when a version misses its level)."
    )


def per_copy_estimate(copies: int, calls_per_copy: str, source_words: int) -> str:
    if too_long(source_words):
        return too_long(source_words)
    tokens = (PROMPT_OVERHEAD + 2 * max(source_words, 200) * TOKENS_PER_WORD) * max(copies, 1)
    calls = calls_per_copy if copies <= 1 else f"{calls_per_copy} for each of {copies} copies"
    return f"With the model: {calls}, roughly {round_tokens(tokens)} tokens or more (an estimate)."


def round_tokens(tokens: float) -> str:
    step = 1_000 if tokens >= 10_000 else 100
    return f"{max(step, round(tokens / step) * step):,}"
