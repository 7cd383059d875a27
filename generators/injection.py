"""Lines in a source that talk to an AI instead of to a reader, found and taken out.

A passage pasted from the web or a shared document can carry text aimed at a language model
("Ignore all previous instructions", "System instruction: ...", "You are ChatGPT"). The prompts
already fence the source as untrusted data, but that is not enough: the offline engine prints
the source as written, and a version "already in band" keeps it as written too. So such
sentences are removed from the source before any engine sees it, for every kind of material,
and the teacher copy and the app say what was removed and why.

Detection is deliberately narrow (phrases that only make sense addressed to a model), so a
history passage that says "the king ignored his advisers' instructions" stays whole.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from generators import textwork
from generators.errors import InputError

_AI = (
    r"(?:ai|a\.i\.|chatgpt|gpt(?:-?\d[\w.]*)?|claude|gemini|copilot|llm|language model|chatbot|"
    r"assistant|model)"
)
_PATTERNS = tuple(
    re.compile(pattern, re.IGNORECASE)
    for pattern in (
        r"\b(?:ignore|disregard|forget|override)\b[^.!?\n]{0,30}\b(?:previous|prior|above|earlier|"
        r"preceding|all|any|your|system|these|other|original)\s+(?:\w+\s+)?(?:instructions|prompts?)\b",
        r"\b(?:ignore|disregard|forget)\s+(?:all|any)\s+(?:of\s+)?(?:the\s+|your\s+)?"
        r"(?:previous|prior|above|earlier|preceding|other)\s+(?:rules|directions|guidelines|messages|text)\b",
        r"(?:^|[\[(<:>]\s*|\b(?:new|updated|the|your|my|hidden|secret)\s+)(?:system|developer)\s+"
        r"(?:instructions?|prompt|message|override)\b",
        r"\b(?:system|developer)\s+(?:instructions?|prompt|message)\s*:",
        r"\byou\s+are\s+(?:now\s+)?(?:an?\s+)?(?:helpful\s+|large\s+)?" + _AI + r"\b",
        r"\bas\s+an?\s+(?:ai|language model|large language model)\b",
        rf"\b(?:dear|attention|note to( the)?|hey|hello)\s+{_AI}\b",
        rf"\b(?:if|when)\s+(?:you\s+are\s+|you're\s+)?(?:an?\s+)?{_AI}\b",
        rf"\b{_AI}s?\s*[:,]?\s*(?:must|should|please)\s+(?:ignore|write|say|output|print|respond|reply|add|include|answer)\b",
        r"\b(?:new|updated|real|actual)\s+instructions?\s*:",
        r"\breveal\s+(?:your|the)\s+(?:system\s+)?(?:prompt|instructions)\b",
        r"\bprompt\s+injection\b|\bjailbreak\b",
        r"<\|?(?:im_start|im_end|system|endoftext)\|?>|\[/?INST\]|^\s*#{2,}\s*(?:system|instructions?)\b",
    )
)


@dataclass(frozen=True)
class Cleaned:
    """A source with the sentences addressed to an AI taken out, and those sentences."""

    text: str
    removed: tuple[str, ...]


def is_instruction(sentence: str) -> bool:
    """Say whether a sentence is addressed to an AI model rather than to a reader."""
    return any(pattern.search(sentence) for pattern in _PATTERNS)


def remove_instructions(text: str) -> Cleaned:
    """Take out every sentence addressed to an AI; paragraphs left empty go entirely.

    Lines are kept as lines (a heading stays a heading) when nothing in them is removed.
    """
    removed: list[str] = []
    blocks = []
    for block in re.split(r"\n\s*\n", text):
        lines = []
        for line in block.splitlines():
            kept, dropped = split_line(line)
            removed += dropped
            if kept.strip() or not dropped:
                lines.append(kept)
        if any(line.strip() for line in lines):
            blocks.append("\n".join(lines))
    if not removed:
        return Cleaned(text, ())
    return Cleaned("\n\n".join(blocks), tuple(removed))


def split_line(line: str) -> tuple[str, list[str]]:
    """The line without its instruction sentences, and those sentences."""
    if not is_instruction(line):
        return line, []
    sentences = textwork.split_sentences(line)
    dropped = [sentence for sentence in sentences if is_instruction(sentence)]
    if not dropped:  # the pattern spans sentences: the whole line goes
        return "", [" ".join(line.split())]
    return " ".join(s for s in sentences if s not in dropped), dropped


def removal_note(removed: tuple[str, ...]) -> str | None:
    """One sentence for the teacher copy and the app, quoting what was taken out."""
    if not removed:
        return None
    quoted = "; ".join(f"“{textwork.first_words(sentence, 12)}”" for sentence in removed[:3])
    more = f" and {len(removed) - 3} more" if len(removed) > 3 else ""
    return (
        f"Removed from the source: {textwork.plural(len(removed), 'sentence')} addressed to an "
        f"AI model, not to a reader ({quoted}{more}). They are left off every copy: such text "
        "tries to change what a model writes, and is not part of the reading."
    )


def clean_request(request: Any) -> tuple[Any, tuple[str, ...]]:
    """The request with its `source_text` cleaned, and what was taken out (any material kind)."""
    text = getattr(request, "source_text", None)
    if not isinstance(text, str) or not text.strip():
        return request, ()
    cleaned = remove_instructions(text)
    if not cleaned.removed:
        return request, ()
    if not textwork.split_paragraphs(cleaned.text):
        raise InputError(
            "The source holds only text addressed to an AI model (such as 'ignore all previous "
            "instructions'), nothing to read: give the passage itself."
        )
    return request.model_copy(update={"source_text": cleaned.text}), cleaned.removed


def with_note(material: Any, removed: tuple[str, ...]) -> Any:
    """The material with the removal note first among its warnings (teacher copy, app)."""
    note = removal_note(removed)
    if not note or not hasattr(material, "warnings"):
        return material
    return material.model_copy(update={"warnings": (note, *material.warnings)})
