"""What to tell a model about a draft that measured out of band: only what it can act on.

A literal-minded model does exactly what the feedback says. So the feedback never names a word it
must keep (a name, a number, a key term the questions depend on), never asks to shorten sentences
whose average is already in range, and points at what actually raised the grade: the longest
sentences, quoted, and the uncommon words that have everyday replacements.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from generators import familiar, readability, textwork
from generators.domain.levels import writing_guide

LONG_SENTENCES_SHOWN = 3
UNCOMMON_WORDS_SHOWN = 8
_NUMBER_WORDS = frozenset(
    [
        "zero",
        "one",
        "two",
        "three",
        "four",
        "five",
        "six",
        "seven",
        "eight",
        "nine",
        "ten",
        "eleven",
        "twelve",
        "thirteen",
        "fourteen",
        "fifteen",
        "sixteen",
        "seventeen",
        "eighteen",
        "nineteen",
        "twenty",
        "thirty",
        "forty",
        "fifty",
        "sixty",
        "seventy",
        "eighty",
        "ninety",
        "hundred",
        "hundreds",
        "thousand",
        "thousands",
        "million",
        "millions",
        "billion",
        "billions",
        "first",
        "second",
        "third",
        "half",
        "dozen",
        "percent",
    ]
)


@dataclass(frozen=True)
class Feedback:
    """The concrete reasons a draft is out of band, in the words the prompt shows."""

    too_hard: bool
    per_sentence: float
    sentence_range: tuple[int, int]
    shorten_all: bool  # the average itself is above the grade's range
    long_sentences: tuple[str, ...]  # quoted as written, longest first
    uncommon_words: tuple[str, ...]  # replaceable: no names, numbers or key terms


def sentence_range(target: int) -> tuple[int, int]:
    low, _, high = writing_guide(target).words_per_sentence.partition("-")
    return int(low), int(high)


def feedback_for(
    paragraphs: Iterable[str], target: int, grade: float, keep: Iterable[str] = ()
) -> Feedback:
    """Say what raised (or lowered) the grade of a draft measured at `grade` for `target`.

    `keep` holds text whose words must never be offered for replacement: the source's names, the
    packet's key terms, the questions' answers.
    """
    paragraphs = [p for p in paragraphs if p.strip()]
    sentences = [s for p in paragraphs for s in textwork.split_sentences(p)]
    lengths = [len(readability.split_sentences(s)[0]) if s.strip() else 0 for s in sentences]
    words = sum(lengths)
    per_sentence = words / len(sentences) if sentences else 0.0
    low, high = sentence_range(target)
    too_hard = grade > target
    if not too_hard:
        return Feedback(False, per_sentence, (low, high), False, (), ())
    ranked = sorted(zip(lengths, sentences, strict=True), key=lambda pair: -pair[0])
    long = tuple(sentence for length, sentence in ranked[:LONG_SENTENCES_SHOWN] if length > high)
    text = "\n\n".join(paragraphs)
    uncommon = replaceable_words(text, protected_words(text, keep))
    shorten_all = round(per_sentence) > high  # "12.2 words" reads as 12, inside 10-12
    return Feedback(True, per_sentence, (low, high), shorten_all, long, uncommon)


def subject_terms(source: str) -> list[str]:
    """The source's uncommon words used more than once: the lesson's subject vocabulary
    ("volcano", "magma", "eruption"), which a rewrite explains instead of replacing."""
    counts: dict[str, int] = {}
    shown: dict[str, str] = {}
    for sentence in readability.split_sentences(readability.prose_only(source) or source):
        for word in sentence:
            lower = familiar.normalize(word)
            if familiar.is_familiar_form(lower, modern=True) or not lower.isalpha():
                continue
            forms = [lower, *familiar.base_forms(lower)]
            key = next((form for form in forms if form in counts), lower)
            counts[key] = counts.get(key, 0) + 1
            shown.setdefault(key, lower)
    return [shown[key] for key, count in counts.items() if count >= 2]


def protected_words(draft: str, keep: Iterable[str]) -> frozenset[str]:
    """Words never to offer for replacement, lower-cased: names (every word of a multi-word
    name, in the draft or in `keep`), terms the draft explains, and every word of `keep`."""
    protected = {familiar.normalize(word) for text in keep for word in re.findall(r"[\w'-]+", text)}
    sentences = readability.split_sentences(draft)
    protected |= {familiar.normalize(name) for name in familiar.find_names(sentences)}
    protected |= {term for _, term in familiar.explained_terms(draft)}
    return frozenset(protected | _NUMBER_WORDS)


def replaceable_words(text: str, protected: frozenset[str]) -> tuple[str, ...]:
    """The rarest uncommon words of `text` that are not protected, in the order they appear."""
    candidates: dict[str, float] = {}
    for word in readability.uncommon_words(text):
        lower = familiar.normalize(word)
        forms = {lower, *familiar.base_forms(lower)}
        if forms & protected or not lower.isalpha() or word[:1].isupper():
            continue
        candidates.setdefault(lower, textwork.zipf(lower))
    rarest = sorted(candidates, key=lambda word: candidates[word])[:UNCOMMON_WORDS_SHOWN]
    return tuple(word for word in candidates if word in rarest)
