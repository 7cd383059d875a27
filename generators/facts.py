"""Facts a rewrite must keep: numbers, dates and proper names, compared source vs version.

Leveling a passage must never quietly change the facts. This check is deliberately literal and
cheap: it runs on every version, offline, and its findings are reported to the teacher (one
grouped sentence per version) and given to the model as a reason to revise. It cannot judge
meaning; it catches the common failures (a number dropped, a date changed, a name invented).

Names are compared whole ("Mount St. Helens", "Mauna Loa", "Ring of Fire"), a name's plural
("URL"/"URLs") and adjective ("England"/"English") are the same name, and "one" is never a number
on its own: it is far more often a pronoun or part of an idiom ("one of them", "from one page to
another") than a fact.
"""

from __future__ import annotations

import re

from pydantic import BaseModel, ConfigDict

from generators import familiar, textwork

_NUMBER = re.compile(r"(?<![\w.])\d{1,3}(?:,\d{3})+(?:\.\d+)?|(?<![\w.,])\d+(?:\.\d+)?")
_NUMBER_WORDS = {
    "zero": 0, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
    "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13,
    "fourteen": 14, "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18,
    "nineteen": 19, "twenty": 20,
}  # fmt: skip
_WORD = re.compile(r"[A-Za-z]+")
# A run of capitalized words, joined by initials, "St."/"Mt."/"Dr.", "of", "of the", "de", ...
_NAME_WORD = r"(?:(?:[A-Z]\.){2,}|[A-Z]\.|[A-Z][\w'\u2019-]*\.?)"
_NAME_RUN = re.compile(
    rf"{_NAME_WORD}(?:\s+(?:(?:of|of the|de|da|del|la|von|van)\s+)?{_NAME_WORD})*"
)
# Words that start a sentence without being part of the name after them ("The Union Pacific").
_LEADING = frozenset(
    [
        "the",
        "a",
        "an",
        "in",
        "on",
        "at",
        "when",
        "after",
        "before",
        "during",
        "this",
        "that",
        "these",
        "those",
        "it",
        "its",
        "his",
        "her",
        "their",
        "our",
        "my",
        "many",
        "most",
        "some",
        "by",
        "from",
        "for",
        "with",
        "as",
        "if",
        "but",
        "and",
        "or",
        "so",
        "then",
        "today",
        "every",
        "each",
        "all",
        "both",
        "while",
        "although",
        "because",
        "since",
        "until",
        "where",
        "there",
        "here",
    ]
)
# Adjective and demonym forms that share no long prefix with their place name.
_IRREGULAR = {
    "france": "french", "netherlands": "dutch", "wales": "welsh", "switzerland": "swiss",
    "greece": "greek", "britain": "british", "spain": "spanish", "england": "english",
    "china": "chinese", "japan": "japanese", "ireland": "irish", "scotland": "scottish",
    "denmark": "danish", "sweden": "swedish", "poland": "polish", "turkey": "turkish",
}  # fmt: skip


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
        """The findings one by one (for tests and the evaluation's counts)."""
        parts = []
        if self.dropped_numbers:
            parts.append(f"dropped the {textwork.numbered('number', self.dropped_numbers)}")
        if self.dropped_names:
            parts.append(f"dropped the {textwork.numbered('name', self.dropped_names)}")
        if self.added_numbers:
            parts.append(
                f"added {'a number' if len(self.added_numbers) == 1 else 'numbers'} not in the "
                f"source: {', '.join(self.added_numbers)}"
            )
        if self.added_names:
            parts.append(
                f"added {'a name' if len(self.added_names) == 1 else 'names'} not in the source: "
                f"{', '.join(self.added_names)}"
            )
        return parts

    def summary(self) -> str | None:
        """One plain sentence for the teacher and the model, or None when nothing changed.

        E.g. "It leaves out 69 and Sierra Nevada, and adds 1870 and Grant, which the source
        does not have: check these against the source."
        """
        left_out = join_words([*self.dropped_numbers, *self.dropped_names])
        added = join_words([*self.added_numbers, *self.added_names])
        if left_out and added:
            return (
                f"It leaves out {left_out}, and adds {added}, which the source does not have: "
                "check these against the source."
            )
        if left_out:
            return f"It leaves out {left_out} from the source: check that nothing needed is lost."
        if added:
            return f"It adds {added}, which the source does not have: check that it is true."
        return None


def join_words(items: list[str]) -> str:
    """'a', 'a and b', 'a, b and c'."""
    if len(items) <= 1:
        return "".join(items)
    return f"{', '.join(items[:-1])} and {items[-1]}"


def numbers_in(text: str) -> dict[str, str]:
    """Numbers by normalised value ('1,000' and '1000' are one number), keeping how each is
    written for the report. Number words two to twenty count too, so 'three' matches '3'."""
    found: dict[str, str] = {}
    for match in _NUMBER.finditer(text):
        written = match.group(0)
        found.setdefault(normalise(written), written)
    for word in _WORD.findall(text):
        value = _NUMBER_WORDS.get(word.lower())
        if value is not None:
            found.setdefault(str(value), word)
    return found


def normalise(number: str) -> str:
    value = number.replace(",", "")
    return value.rstrip("0").rstrip(".") if "." in value else value.lstrip("0") or "0"


def names_in(text: str) -> dict[str, str]:
    """Proper names, whole, by lower-case key: 'mount st. helens' -> 'Mount St. Helens'.

    A run of capitalized words is a name when it is not just a capitalized sentence start: it
    appears mid-sentence, or has several capitalized words, or its word is capitalized
    mid-sentence elsewhere. Words also used in lower case ("Water" / "water") are not names alone.
    """
    text = textwork.strip_invisible(text)
    sentences = [s for p in textwork.split_paragraphs(text) for s in textwork.split_sentences(p)]
    lower = {word.lower() for word in _WORD.findall(text) if word[0].islower()}
    runs: list[tuple[str, bool]] = []  # (run, at the start of its sentence)
    for sentence in sentences:
        for match in _NAME_RUN.finditer(sentence):
            run = match.group(0)
            run = run if is_initial_end(run) else run.rstrip(".")
            words = run.split()
            at_start = match.start() == len(sentence) - len(sentence.lstrip("\"'(\u201c"))
            if at_start and words[0].lower() in _LEADING:
                words, at_start = words[1:], False
                if not words or not words[0][:1].isupper():
                    continue
            runs.append((" ".join(words), at_start))
    seen_inside = {run.lower() for run, at_start in runs if not at_start}
    names: dict[str, str] = {}
    for run, at_start in runs:
        key = run.lower()
        several = len(run.split()) > 1
        if not several and key.rstrip(".") in lower:
            continue
        if at_start and not several and key not in seen_inside:
            continue
        names.setdefault(key, run)
    return names


def is_initial_end(run: str) -> bool:
    """Keep the dot of 'U.S.' or 'Washington D.C.'; drop a sentence's full stop."""
    return bool(re.search(r"(?:^|\s|\.)[A-Z]\.$", run))


def mentions(text: str, name: str) -> bool:
    """Say whether `text` mentions `name`: whole, in another form, or by a distinctive word.

    "Anthony" mentions "Susan B. Anthony"; "English" mentions "England"; "URLs" mentions "URL".
    A word of the name that is an everyday word ("Fire" of "Ring of Fire") does not count.
    """
    if textwork.whole_word(name).search(text):
        return True
    distinctive = [word for word in name.split() if is_distinctive(word)]
    if any(textwork.whole_word(word).search(text) for word in distinctive):
        return True
    forms = distinctive if " " in name else [name]
    capitalized = {word for word in _WORD.findall(text) if word[0].isupper()}
    return any(same_name(word, other) for word in forms for other in capitalized)


def is_distinctive(word: str) -> bool:
    """A word that identifies a name on its own: not an initial, title or everyday word."""
    bare = word.strip(".").lower()
    return len(bare) >= 3 and "." not in bare and not familiar.is_familiar_form(bare)


def covered(name: str, names: dict[str, str]) -> bool:
    """A name that is only part of a longer name of the same text is reported with that one."""
    return any(
        other != name and len(other) > len(name) and textwork.whole_word(name).search(other)
        for other in names.values()
    )


def same_name(one: str, other: str) -> bool:
    """One name in another form: plural/singular or place/adjective ('Japan'/'Japanese')."""
    a, b = one.lower().strip("."), other.lower().strip(".")
    if a == b or " " in a or " " in b:
        return a == b or a.rstrip("s") == b.rstrip("s")
    if _IRREGULAR.get(a) == b or _IRREGULAR.get(b) == a:
        return True
    a, b = sorted((a, b), key=len)
    if b in (f"{a}s", f"{a}es", f"{a}'s", f"{a}n", f"{a}an", f"{a}ian", f"{a}ese"):
        return True  # URL/URLs, America/American, Italy->Italian is handled below
    stem = a[:-1] if a.endswith(("a", "e", "o", "y")) else a
    return len(stem) >= 4 and b.startswith(stem) and b[len(stem) :] in ("an", "ian", "ese", "ish")


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
            name
            for name in source_names.values()
            if not mentions(version, name) and not covered(name, source_names)
        ),
        added_names=tuple(
            name
            for name in version_names.values()
            if not mentions(source, name) and not covered(name, version_names)
        ),
    )
