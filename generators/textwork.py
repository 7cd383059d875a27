"""Deterministic text handling shared by the offline engine and the checks: paragraphs,
sentences, vocabulary by rarity. No model, no randomness: the same text gives the same result.
"""

from __future__ import annotations

import re
from functools import cache

import pysbd
from wordfreq import zipf_frequency

# Zero-width spaces and joiners, word joiner, invisible operators, BOM, soft hyphen: they split
# or glue words invisibly ("vol\u200bcano" would count as two words).
_INVISIBLE = re.compile(r"[\u00ad\u180e\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u2069\ufeff]")
_WORD = re.compile(r"[A-Za-z][A-Za-z'-]*[A-Za-z]")


def split_paragraphs(text: str) -> list[str]:
    """Paragraphs are separated by blank lines; lines inside one are joined."""
    blocks = re.split(r"\n\s*\n", text.strip())
    return [" ".join(block.split()) for block in blocks if block.strip()]


def looks_like_heading(paragraph: str) -> bool:
    """A short line with no sentence punctuation at its end reads as a title, not prose."""
    return len(paragraph.split()) <= 12 and not paragraph.rstrip().endswith((".", "!", "?", '"'))


def split_title(text: str) -> tuple[str | None, list[str]]:
    """Take a leading title line off a passage, if it has one."""
    paragraphs = split_paragraphs(text)
    if len(paragraphs) > 1 and looks_like_heading(paragraphs[0]):
        return paragraphs[0], paragraphs[1:]
    return None, paragraphs


def strip_invisible(text: str) -> str:
    """Remove characters that print as nothing but change how words are counted."""
    return _INVISIBLE.sub("", text)


def split_sentences(paragraph: str) -> list[str]:
    """Split one paragraph into sentences, keeping abbreviations, initials and decimals whole.

    pysbd's rules (pure Python, no downloads) keep "Mount St. Helens", "Susan B. Anthony",
    "U.S.", "9 a.m.", "e.g." and "2.5 cm" inside their sentence. A new segmenter per call:
    pysbd's segmenter keeps the text it works on as state, so one shared instance is not safe
    across threads, and making one costs under a microsecond.
    """
    paragraph = " ".join(paragraph.split())
    if not paragraph:
        return []
    segmenter = pysbd.Segmenter(language="en", clean=False)
    return [part.strip() for part in segmenter.segment(paragraph) if part.strip()]


@cache
def zipf(word: str) -> float:
    return zipf_frequency(word, "en")


def proper_nouns(paragraphs: list[str]) -> set[str]:
    """Words only ever seen capitalised mid-sentence: names, which make poor vocabulary items."""
    capitalised: set[str] = set()
    lowercase: set[str] = set()
    for paragraph in paragraphs:
        for sentence in split_sentences(paragraph):
            for index, word in enumerate(_WORD.findall(sentence)):
                if word[0].isupper() and index > 0:
                    capitalised.add(word.lower())
                elif word[0].islower():
                    lowercase.add(word.lower())
    names = capitalised - lowercase
    return names | name_starts(paragraphs, names, lowercase)


_NAME_PAIR = re.compile(r"\b([A-Z][a-z'-]+)\s+(?:(?:[A-Z]\.|St\.|Mt\.)\s+)*([A-Z][A-Za-z'-]+)")


def name_starts(paragraphs: list[str], names: set[str], lowercase: set[str]) -> set[str]:
    """First words of multi-word names met only at a sentence start ("Susan B. Anthony")."""
    found: set[str] = set()
    for paragraph in paragraphs:
        for first, second in _NAME_PAIR.findall(paragraph):
            lower = first.lower()
            if second.lower() in names and lower not in lowercase and lower not in _STARTERS:
                found.add(lower)
    return found


# Capitalized sentence openers that precede a name without being part of it.
_STARTERS = frozenset(("the", "a", "an", "in", "on", "at", "when", "after", "before", "then"))


def rare_words(paragraphs: list[str], count: int) -> list[str]:
    """Pick the passage's least common real words (wordfreq's Zipf scale), in passage order.

    Words below Zipf 1.0 are mostly typos or jargon nobody can define from context; above 4.5
    every student knows them. Names are skipped. Plural and singular count as one word.
    """
    names = proper_nouns(paragraphs)
    seen: dict[str, float] = {}
    order: list[str] = []
    for word in _WORD.findall(" ".join(paragraphs)):
        lower = word.lower()
        stem = lower.removesuffix("s")
        if len(lower) < 5 or lower in names or stem in seen or lower in seen:
            continue
        score = zipf(lower)
        if 1.0 <= score <= 4.5:
            seen[lower] = score
            order.append(lower)
    rarest = sorted(order, key=lambda word: (seen[word], order.index(word)))[:count]
    return [word for word in order if word in rarest]


def sentence_with(word: str, paragraphs: list[str]) -> str | None:
    """The first sentence that uses `word` as a whole word."""
    pattern = whole_word(word)
    for paragraph in paragraphs:
        for sentence in split_sentences(paragraph):
            if pattern.search(sentence):
                return sentence
    return None


def whole_word(word: str) -> re.Pattern[str]:
    return re.compile(rf"(?<![A-Za-z]){re.escape(word)}(?![A-Za-z])", re.IGNORECASE)


def blank_out(sentence: str, word: str) -> str:
    """Replace the first use of `word` with a blank line for a cloze item."""
    return whole_word(word).sub("_____", sentence, count=1)


def plural(count: int, one: str, many: str | None = None) -> str:
    """'1 card', '3 cards': never 'card(s)', which reads as careless on a page for a para."""
    return f"{count} {one if count == 1 else (many or one + 's')}"


def numbered(one: str, numbers, many: str | None = None) -> str:
    """'question 2', 'questions 2, 5': the noun agrees with how many numbers follow."""
    numbers = [str(number) for number in numbers]
    return f"{one if len(numbers) == 1 else (many or one + 's')} {', '.join(numbers)}"


def a_or_an(phrase: str) -> str:
    """'an accuracy sheet', 'a fluency sheet', 'an IEP ...': by the first letter, which is right
    for every word ParaPrep puts here (no 'hour' or 'unit')."""
    return f"{'an' if phrase[:1].lower() in 'aeiou' else 'a'} {phrase}"


def first_words(text: str, count: int = 10) -> str:
    words = text.split()
    return " ".join(words[:count]) + (" ..." if len(words) > count else "")


# --- Cleaning what a model or a file hands us before it reaches a printed page. ---

_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ud800-\udfff]")
_RESIDUE = (
    (re.compile(r"```[a-zA-Z]*"), ""),  # code fences
    (re.compile(r"!\[([^\]]*)\]\([^)]*\)"), ""),  # markdown images: no picture can print
    (re.compile(r"\[([^\]]+)\]\((?:[^)]*)\)"), r"\1"),  # markdown links: keep the words
    (re.compile(r"</?[A-Za-z][A-Za-z0-9-]*(?:\s[^<>]{0,200})?/?>"), ""),  # HTML tags
    (re.compile(r"\\frac\{([^{}]*)\}\{([^{}]*)\}"), r"\1/\2"),  # LaTeX fractions
    (re.compile(r"\\(?:text|mathrm|textbf|emph)\{([^{}]*)\}"), r"\1"),
    (re.compile(r"\\(times|cdot)"), "×"),
    (re.compile(r"\\\(|\\\)|\\\[|\\\]|\$\$?"), ""),  # LaTeX math delimiters
    (re.compile(r"(\*\*|__)(?![_*\s])(.+?)(?<![_*\s])\1"), r"\2"),  # bold, not blanks
    (re.compile(r"(?<![\w*])\*(?!\s)(.+?)(?<!\s)\*(?![\w*])"), r"\1"),  # italics
    (re.compile(r"`([^`]*)`"), r"\1"),  # inline code
    (re.compile(r"^\s{0,3}#{1,6}\s+"), ""),  # heading markers
    (re.compile(r"^\s*(?:[-*+•]|>)\s+"), ""),  # bullets and quotes
)


def clean(text: str) -> str:
    """One line of printable plain text: no control characters, surrogates or markup residue."""
    text = _CONTROL.sub("", text)
    for pattern, replacement in _RESIDUE:
        text = pattern.sub(replacement, text)
    return " ".join(text.split())
