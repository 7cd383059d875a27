"""Facts a rewrite must keep: numbers, dates and proper names, compared source vs version.

Leveling a passage must never quietly change the facts. This check is deliberately literal and
cheap: it runs on every version, offline, and its findings are reported to the teacher and given
to the model as a reason to revise. It cannot judge meaning; it catches the common failures
(a number dropped, a date changed, a name invented).
"""

from __future__ import annotations

import re

from pydantic import BaseModel, ConfigDict

from generators import textwork

_NUMBER = re.compile(r"(?<![\w.])\d{1,3}(?:,\d{3})+(?:\.\d+)?|(?<![\w.,])\d+(?:\.\d+)?")
_NUMBER_WORDS = {
    "zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
    "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13,
    "fourteen": 14, "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18,
    "nineteen": 19, "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60,
    "seventy": 70, "eighty": 80, "ninety": 90, "hundred": 100, "thousand": 1000,
    "million": 1_000_000, "billion": 1_000_000_000,
}  # fmt: skip
_WORD = re.compile(r"[A-Za-z]+")


class FactCheck(BaseModel):
    model_config = ConfigDict(frozen=True)

    dropped_numbers: tuple[str, ...] = ()
    added_numbers: tuple[str, ...] = ()
    dropped_names: tuple[str, ...] = ()
    added_names: tuple[str, ...] = ()

    @property
    def ok(self) -> bool:
        return not (
            self.dropped_numbers or self.added_numbers or self.dropped_names or self.added_names
        )

    def warnings(self) -> list[str]:
        parts = []
        if self.dropped_numbers:
            parts.append(f"dropped the number(s) {', '.join(self.dropped_numbers)}")
        if self.dropped_names:
            parts.append(f"dropped the name(s) {', '.join(self.dropped_names)}")
        if self.added_numbers:
            parts.append(f"added number(s) not in the source: {', '.join(self.added_numbers)}")
        if self.added_names:
            parts.append(f"added name(s) not in the source: {', '.join(self.added_names)}")
        return parts


def numbers_in(text: str) -> dict[str, str]:
    """Numbers by normalised value ('1,000' and '1000' are one number), keeping how each is
    written for the report. Small number words count too, so 'three' matches '3'."""
    found: dict[str, str] = {}
    for match in _NUMBER.finditer(text):
        written = match.group(0)
        found.setdefault(normalise(written), written)
    for word in _WORD.findall(text):
        value = _NUMBER_WORDS.get(word.lower())
        if value is not None and value <= 20:  # larger ones are usually "a thousand years"
            found.setdefault(str(value), word)
    return found


def normalise(number: str) -> str:
    value = number.replace(",", "")
    return value.rstrip("0").rstrip(".") if "." in value else value.lstrip("0") or "0"


def names_in(text: str) -> dict[str, str]:
    """Proper names by lower-case key: words only ever capitalised mid-sentence."""
    paragraphs = textwork.split_paragraphs(text)
    names = textwork.proper_nouns(paragraphs)
    shown: dict[str, str] = {}
    for word in _WORD.findall(text):
        if word.lower() in names:
            shown.setdefault(word.lower(), word)
    return shown


def mentions(text: str, word: str) -> bool:
    return textwork.whole_word(word).search(text) is not None


def check_facts(source: str, version: str) -> FactCheck:
    """Compare what the version says against the source it was written from."""
    source_numbers, version_numbers = numbers_in(source), numbers_in(version)
    source_names, version_names = names_in(source), names_in(version)
    return FactCheck(
        dropped_numbers=tuple(
            written for key, written in source_numbers.items() if key not in version_numbers
        ),
        added_numbers=tuple(
            written for key, written in version_numbers.items() if key not in source_numbers
        ),
        dropped_names=tuple(
            shown for shown in source_names.values() if not mentions(version, shown)
        ),
        added_names=tuple(shown for shown in version_names.values() if not mentions(source, shown)),
    )
