"""Finding a caseload's names, birthdates and IDs in free text, however they were typed.

People write names the way they say them: accents dropped ("Jose Nunez"), one part only
("Ms. Reyes"), a curly apostrophe where the file has a straight one, a zero-width space pasted
from a web page, initials ("J. Reyes"). Dates come as "March 14, 2015" or "14.03.2015", IDs as
"4021-3377". Matching therefore runs on a *folded* copy of the text (NFC, accents and zero-width
characters removed, apostrophe and dash variants unified), and every match is mapped back to
the original characters, so only the private words change and the rest of the text is kept.

Pure: standard library only. `generators.domain.students` is the public face of this module.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import date

DATE_PLACEHOLDER = "[date removed]"
ID_PLACEHOLDER = "[number removed]"

_ZERO_WIDTH = frozenset(
    "\u00ad\u180e\u200b\u200c\u200d\u200e\u200f\u2060\u2061\u2062\u2063\u2064\ufeff"
)
_APOSTROPHES = frozenset("\u2019\u2018\u201b\u02bc\u02bb\u02b9\u0060\u00b4\u2032\uff07")
_DASHES = frozenset("\u2010\u2011\u2012\u2013\u2014\u2015\u2212\ufe58\ufe63\uff0d")
_LETTERS = {"ø": "o", "Ø": "O", "ł": "l", "Ł": "L", "đ": "d", "Đ": "D", "ß": "ss", "æ": "ae",
            "Æ": "AE", "œ": "oe", "Œ": "OE", "ı": "i", "þ": "th", "Þ": "Th", "ð": "d"}  # fmt: skip

# Given names and surnames that are also everyday English words. Such a part is replaced only
# where it is used as a name, so a student called Will Turner does not turn "will" into a code.
_COMMON_WORDS_TEXT = """
about above after all also amber an and angel april art as ash at august autumn baker be bell
berry bill birch black bloom blue bo brook brown bush by can cash chance chase cherry christian
clay cliff coral crystal dale dash dawn day dean do don drew earl early east ever faith fall
fern field fields fisher ford forest fox frank free gay gem gene glen gold golden good grace
grant gray green grey guy hall happy hay heart heather her hill holly honey hope hunter in iris
is it ivy jack jade jay jewel job joy june justice king kit lake lamb lane lark law lee li
light lily long love low lucky mark marsh martin may me mercy miles mill miller moon moss my
new no north oh ok or park pat patience peace pearl penny pine pink price prince queen rain ray
read red reed rich river rob robin rock rose ross ruby rush sage sandy savannah say shepherd
short sky smith snow so sparrow spring star sterling stone storm strong summer sunny sunshine
swan tan taylor to trinity true trust tucker up us violet wade walker ward ware west white will
win winter wolf wood woods worth wren yang young
"""
COMMON_WORDS = frozenset(_COMMON_WORDS_TEXT.split())

_TITLES = r"(?:mr|mrs|ms|miss|mx|dr|mister|master)\.?"
_MODALS = r"(?:will|would|can|could|should|must|shall|might|did|does|has|had|needs|reads|wrote)"
_MONTHS = {
    "january": 1, "february": 2, "march": 3, "april": 4, "may": 5, "june": 6, "july": 7,
    "august": 8, "september": 9, "october": 10, "november": 11, "december": 12, "jan": 1,
    "feb": 2, "mar": 3, "apr": 4, "jun": 6, "jul": 7, "aug": 8, "sep": 9, "sept": 9, "oct": 10,
    "nov": 11, "dec": 12,
}  # fmt: skip
_MONTH = "(?:" + "|".join(sorted(_MONTHS, key=len, reverse=True)) + r")\.?"
_DAY = r"(?:[0-3]?\d)(?:st|nd|rd|th)?"
_YEAR = r"(?:'?\d{2}|\d{4})"
_NUMERIC_DATE = re.compile(
    r"(?<![\w.,/-])(?:"
    r"(?P<iy>\d{4})(?P<is>[-/.])(?P<im>\d{1,2})(?P=is)(?P<id>\d{1,2})"
    r"|(?P<a>\d{1,2})(?P<s>[-/.])(?P<b>\d{1,2})(?P=s)(?P<y>\d{4}|\d{2})"
    r"|(?P<ca>\d{2})(?P<cb>\d{2})(?P<cy>(?:19|20)\d{2})"  # 03142015 as some forms store it
    r")(?![\w]|[-/.,]\d)"
)
_NAMED_DATE = re.compile(
    rf"(?<!\w)(?:(?P<m1>{_MONTH})\s+(?P<d1>{_DAY}),?\s+(?P<y1>{_YEAR})"
    rf"|(?P<d2>{_DAY})\s+(?:of\s+)?(?P<m2>{_MONTH}),?\s+(?P<y2>{_YEAR}))(?![\w])",
    re.IGNORECASE,
)
_BIRTH_CUE = re.compile(r"(?:\bborn|\bd\.?o\.?b\.?|\bbirth\s*(?:date|day)?|\bbday)\W{0,3}$", re.I)
# Runs of five or more digits, alone or grouped with dashes, dots, slashes or spaces (IDs,
# phone and Medicaid numbers). Decimals (3.14159), thousands (2,340) and year ranges stay.
_ID_RUN = re.compile(
    r"(?<!\w)(?<!\d[.,])(?:"
    r"\d{2,}(?:-\d{2,})+"
    r"|\d{2,}(?:\.\d{2,}){2,}"
    r"|\d{3,}(?:[ \u00a0]\d{3,})+"
    r"|\d{5,}"
    r")(?![\w]|[.,]\d)"
)
_YEAR_RANGE = re.compile(r"^(?:1[6-9]|20)\d\d[-/](?:(?:1[6-9]|20)\d\d|\d\d)$")


@dataclass(frozen=True)
class Person:
    """What is private about one student, and the code that stands in for it."""

    code: str
    name: str | None = None
    birthdate: str | None = None
    student_id: str | None = None


@dataclass(frozen=True)
class Span:
    start: int
    end: int
    replacement: str


# --- folding ------------------------------------------------------------------------------


def fold_char(char: str) -> str:
    """One character as matching sees it: no accent, no zero-width, one apostrophe, one dash."""
    if char in _ZERO_WIDTH:
        return ""
    if char in _APOSTROPHES:
        return "'"
    if char in _DASHES:
        return "-"
    if char in _LETTERS:
        return _LETTERS[char]
    if char.isascii():
        return char
    decomposed = unicodedata.normalize("NFKD", char)
    return "".join(part for part in decomposed if not unicodedata.combining(part))


def fold(text: str) -> tuple[str, list[int]]:
    """The folded text, and for each of its characters the index of the original it came from."""
    pieces: list[str] = []
    origin: list[int] = []
    for index, char in enumerate(text):
        folded = fold_char(char)
        pieces.append(folded)
        origin.extend([index] * len(folded))
    return "".join(pieces), origin


def fold_text(text: str) -> str:
    return fold(unicodedata.normalize("NFC", text))[0]


# --- what to look for ---------------------------------------------------------------------


def name_parts(name: str) -> list[str]:
    """'José Núñez-Reyes' -> ['Jose', 'Nunez', 'Reyes']: folded, split at spaces and hyphens."""
    return [part for part in re.split(r"[\s\-]+", fold_text(name)) if part.strip(".'")]


def part_pattern(part: str) -> str:
    """A name part, with its apostrophe optional or spaced ("O'Brien", "OBrien", "O Brien")."""
    pieces = [re.escape(piece) for piece in part.strip(".").split("'")]
    return r"'?\s?".join(pieces)


def is_common(part: str) -> bool:
    return part.lower().strip("'.") in COMMON_WORDS


def strong_name_pattern(parts: list[str]) -> str | None:
    """Full name (any separators, either order) and initials with a surname part."""
    if not parts:
        return None
    joiner = r"[\s\-]*"  # "JoseNunez" (a soft hyphen or zero-width space between) too
    runs = [parts[i:j] for i in range(len(parts)) for j in range(i + 2, len(parts) + 1)]
    runs = sorted([parts, [parts[0], parts[-1]], *runs], key=len, reverse=True)
    options = [joiner.join(part_pattern(p) for p in run) for run in runs]
    if len(parts) > 1:
        options.append(part_pattern(parts[-1]) + r",\s*" + part_pattern(parts[0]))
        initials = "".join(sorted({p[0] for p in parts[:-1] if p[0].isalpha()}))
        surnames = "|".join(part_pattern(p) for p in parts[1:] if len(p) >= 2)
        if initials and surnames:
            options.append(
                rf"(?-i:[{re.escape(initials.upper())}])\.?(?:\s?[A-Z]\.)?\s*(?:{surnames})"
            )
    return "|".join(f"(?:{option})" for option in options)


def people_from(students: Iterable[object]) -> list[Person]:
    people = []
    for student in students:
        people.append(
            Person(
                code=str(getattr(student, "code", "")),
                name=getattr(student, "name", None),
                birthdate=getattr(student, "birthdate", None),
                student_id=getattr(student, "student_id", None),
            )
        )
    return people


# --- finding ------------------------------------------------------------------------------


def find_names(folded: str, people: list[Person], published: bool = False) -> Iterator[Span]:
    """Every caseload name in the text. In `published` text (a passage, a book chapter) one
    name part that stands inside another person's name ("George" in "George Washington") is that
    person, not the student; a full name, or a part standing alone ("George said"), still is."""
    all_parts = {p.lower() for person in people if person.name for p in name_parts(person.name)}
    squashed = squash(folded)
    for person in people:
        if not person.name or not person.name.strip():
            continue
        if not any(key in squashed for key in name_keys(person.name)):
            continue  # none of this student's name parts is in the text: nothing to look for
        strong, parts = name_patterns(person.name, person.code)
        if strong is not None:
            for match in strong.finditer(folded):
                yield Span(match.start(), match.end(), person.code)
        for bare, pattern in parts:
            for match in pattern.finditer(folded):
                if published and in_another_name(folded, match, all_parts):
                    continue
                if not is_common(bare) or used_as_name(folded, match, all_parts):
                    yield Span(match.start(), match.end(), person.code)


def squash(text: str) -> str:
    """Letters and digits only, lower case: for a cheap first look before any pattern runs."""
    return re.sub(r"[^0-9a-z]", "", text.lower())


@functools.lru_cache(maxsize=4096)
def name_keys(name: str) -> tuple[str, ...]:
    parts = [squash(part) for part in name_parts(name)]
    return tuple(part for part in parts if len(part) >= 2) or (squash("".join(parts)),)


@functools.lru_cache(maxsize=4096)
def name_patterns(
    name: str, code: str
) -> tuple[re.Pattern[str] | None, tuple[tuple[str, re.Pattern[str]], ...]]:
    """Compiled once per student: the strong pattern and one pattern per name part."""
    parts = name_parts(name)
    strong = strong_name_pattern(parts)
    compiled = re.compile(rf"(?<!\w)(?:{strong})(?!\w)", re.IGNORECASE) if strong else None
    singles = []
    for part in parts:
        bare = part.strip("'.")
        if len(re.sub(r"\W", "", bare)) < 2 or bare.lower() == code.lower():
            continue
        pattern = re.compile(rf"(?<![\w']){part_pattern(bare)}(?![\w])", re.IGNORECASE)
        singles.append((bare, pattern))
    return compiled, tuple(singles)


def used_as_name(folded: str, match: re.Match[str], all_parts: set[str]) -> bool:
    """A name part that is also an English word counts as a name only where it reads as one:
    capitalised away from a sentence start, after a title, before "'s", ":" (a notes list)
    or a verb such as "will", or next to another name part. Never when a number follows (the
    month "May 14")."""
    word = match.group(0)
    if not word[:1].isupper():
        return False
    before, after = folded[: match.start()], folded[match.end() :]
    if re.match(r"\s*\d", after):
        return False
    previous = re.search(r"([\w']+)\W*$", before)
    following = re.match(r"\W*?([\w']+)", after)
    if (previous and previous.group(1).lower() in all_parts and previous.group(1)[0].isupper()) or (
        following and following.group(1).lower() in all_parts and following.group(1)[0].isupper()
    ):
        return True
    if re.search(rf"(?i)\b{_TITLES}\s*$", before):
        return True
    if re.match(rf"'s\b|\s*:|\s+{_MODALS}\b", after) or re.match(
        rf"\s+{re.escape(word.lower())}\b", after
    ):
        return True
    return not at_sentence_start(before)


def in_another_name(folded: str, match: re.Match[str], all_parts: set[str]) -> bool:
    """A capitalised word that is no caseload name part right before or after the match, as in
    "George Washington" or "Lake Maya" (a word opening the sentence does not count: "Then")."""
    before, after = folded[: match.start()], folded[match.end() :]
    following = re.match(r"[ \t]+([A-Z][\w']*)", after)
    if following and following.group(1).lower() not in all_parts:
        return True
    previous = re.search(r"([A-Z][\w']*)[ \t]+$", before)
    if previous is None or previous.group(1).lower() in all_parts:
        return False
    if re.fullmatch(_TITLES, previous.group(1), re.IGNORECASE):
        return False
    return not at_sentence_start(before[: previous.start()])


def at_sentence_start(before: str) -> bool:
    stripped = before.rstrip(" \t\"'“‘([*•")
    return not stripped or stripped[-1] in ".!?:;\n-|>"


def find_ids(folded: str, people: list[Person]) -> Iterator[Span]:
    yield from find_stored_ids(folded, people)
    for match in _ID_RUN.finditer(folded):
        digits = re.sub(r"\D", "", match.group(0))
        text = match.group(0)
        if len(digits) >= 5 and not _YEAR_RANGE.match(text) and not readings(text):
            yield Span(match.start(), match.end(), ID_PLACEHOLDER)


_ID_SHAPES = re.compile(
    r"(?<![\w-])(?:\d{3}-\d{2}-\d{4}|\(\d{3}\)\s?\d{3}-\d{4}|\d{3}-\d{3}-\d{4})(?![\w]|-\d)"
)
_ID_CUE = re.compile(
    r"(?:\bid|\bssn|\bmedicaid|\bphone|\btel|\bcall|\bstudent\s*(?:no|number|#)|#|\bno\.)"
    r"\W{0,3}$",
    re.IGNORECASE,
)


def find_labelled_ids(folded: str) -> Iterator[Span]:
    """In content the teacher wrote (an assignment), only numbers that cannot be content: SSN and
    phone shapes, and ID-like runs right after "ID", "#", "SSN", "phone"."""
    for match in _ID_SHAPES.finditer(folded):
        yield Span(match.start(), match.end(), ID_PLACEHOLDER)
    for span in find_ids(folded, []):
        if _ID_CUE.search(folded[max(0, span.start - 12) : span.start]):
            yield span


def find_stored_ids(folded: str, people: list[Person]) -> Iterator[Span]:
    """A caseload's own IDs in any grouping: 40213377, 4021-3377, 40 21 33 77."""
    squashed = squash(folded)
    for person in people:
        value = re.sub(r"[^0-9A-Za-z]", "", fold_text(person.student_id or ""))
        digits = re.sub(r"\D", "", value)
        for form in {value, digits if len(digits) >= 5 else value}:
            if len(form) < 4 or form.lower() not in squashed:
                continue
            spaced = r"[\s.\-/]?".join(re.escape(char) for char in form)
            for match in re.finditer(rf"(?<![\w]){spaced}(?![\w])", folded, re.IGNORECASE):
                yield Span(match.start(), match.end(), person.code)


def find_dates(
    folded: str, people: list[Person], every_numeric: bool, today: date
) -> Iterator[Span]:
    """Dates private enough to remove: a caseload birthdate in any format, any full date after
    "born"/"DOB", any full date in the years students are born in, and (for a model) every
    numeric date at all."""
    birthdays = {day for person in people for day in readings(fold_text(person.birthdate or ""))}
    for pattern in (_NUMERIC_DATE, _NAMED_DATE):
        for match in pattern.finditer(folded):
            candidates = readings(match.group(0))
            if not candidates:
                continue
            private = (
                (every_numeric and pattern is _NUMERIC_DATE)
                or bool(candidates & birthdays)
                or any(today.year - 25 <= day.year <= today.year - 2 for day in candidates)
                or bool(_BIRTH_CUE.search(folded[max(0, match.start() - 16) : match.start()]))
            )
            if private:
                yield Span(match.start(), match.end(), DATE_PLACEHOLDER)


def find_birthdates(folded: str, people: list[Person]) -> Iterator[Span]:
    """The caseload's own birthdates in any format, and any date written after "born"/"DOB"."""
    birthdays = {day for person in people for day in readings(fold_text(person.birthdate or ""))}
    for pattern in (_NUMERIC_DATE, _NAMED_DATE):
        for match in pattern.finditer(folded):
            cue = _BIRTH_CUE.search(folded[max(0, match.start() - 16) : match.start()])
            if cue or readings(match.group(0)) & birthdays:
                yield Span(match.start(), match.end(), DATE_PLACEHOLDER)


def readings(text: str) -> set[date]:
    """Every calendar date a written date could mean (03/04/2015 is March 4 or 3 April)."""
    text = text.strip()
    if not text:
        return set()
    match = _NUMERIC_DATE.fullmatch(text) or _NUMERIC_DATE.search(text)
    if match and match.group("iy"):
        return valid_dates(int(match["iy"]), [(int(match["im"]), int(match["id"]))])
    if match and match.group("a"):
        a, b = int(match["a"]), int(match["b"])
        return valid_dates(full_year(match["y"]), [(a, b), (b, a)])
    if match and match.group("ca"):
        a, b = int(match["ca"]), int(match["cb"])
        return valid_dates(int(match["cy"]), [(a, b), (b, a)])
    named = _NAMED_DATE.search(text)
    if named:
        month = _MONTHS[(named["m1"] or named["m2"]).lower().rstrip(".")]
        day = int(re.match(r"\d+", named["d1"] or named["d2"]).group(0))
        return valid_dates(full_year(named["y1"] or named["y2"]), [(month, day)])
    return set()


def full_year(text: str) -> int:
    digits = int(text.lstrip("'"))
    if len(text.lstrip("'")) == 4:
        return digits
    return 2000 + digits if digits <= date.today().year % 100 else 1900 + digits


def valid_dates(year: int, month_days: list[tuple[int, int]]) -> set[date]:
    found = set()
    for month, day in month_days:
        try:
            found.add(date(year, month, day))
        except ValueError:
            continue
    return found


# --- replacing ----------------------------------------------------------------------------


def private_spans(
    text: str, people: list[Person], for_model: bool, generic: bool = True, published=False
) -> tuple[str, list[Span]]:
    """The NFC text and the non-overlapping spans (in its characters) to replace. Without
    `generic`, only the caseload's own names, IDs and birthdates are looked for; `published`
    text keeps other people's names (see find_names)."""
    text = unicodedata.normalize("NFC", text)
    folded, origin = fold(text)
    if generic:
        dates = find_dates(folded, people, every_numeric=for_model, today=date.today())
        ids = find_ids(folded, people)
    else:
        dates = find_birthdates(folded, people)
        ids = [*find_stored_ids(folded, people), *find_labelled_ids(folded)]
    found = [*dates, *ids, *find_names(folded, people, published)]
    chosen: list[Span] = []
    for span in sorted(found, key=lambda s: (s.start, -(s.end - s.start))):
        if chosen and span.start < chosen[-1].end:
            continue
        if chosen and joins(chosen[-1], span, folded):
            chosen[-1] = Span(chosen[-1].start, span.end, span.replacement)
            continue
        chosen.append(span)
    return text, [to_original(span, origin, text) for span in chosen]


def joins(previous: Span, span: Span, folded: str) -> bool:
    """'Jose Nunez' found part by part is one name: one code, not "Student A Student A"."""
    gap = folded[previous.end : span.start]
    return previous.replacement == span.replacement and re.fullmatch(r"[\s\-]{1,3}|,\s?", gap)


def to_original(span: Span, origin: list[int], text: str) -> Span:
    start = origin[span.start]
    end = origin[span.end - 1] + 1
    while end < len(text) and fold_char(text[end]) == "":
        end += 1  # a zero-width character or a detached accent right after the match
    return Span(start, end, span.replacement)


def replace_private(
    text: str,
    students: Iterable[object],
    for_model: bool,
    generic: bool = True,
    published: bool = False,
) -> str:
    """Names become the student's code; private dates and ID-like numbers become placeholders."""
    if not text:
        return text
    text, spans = private_spans(text, people_from(students), for_model, generic, published)
    pieces, last = [], 0
    for span in spans:
        pieces.append(text[last : span.start])
        pieces.append(span.replacement)
        last = span.end
    pieces.append(text[last:])
    return "".join(pieces)


def is_private_term(text: str, students: Iterable[object]) -> bool:
    """True when text, as a whole, is one of the caseload's names, name parts, IDs or birthdates:
    what a student code must never be."""
    folded = " ".join(fold_text(text).split())
    if not folded:
        return False
    people = people_from(students)
    whole = [span for span in (*find_names(folded, people), *find_stored_ids(folded, people))
             if span.start == 0 and span.end == len(folded)]  # fmt: skip
    if whole:
        return True
    lowered = folded.lower()
    for person in people:
        parts = [p.lower().strip("'.") for p in name_parts(person.name or "")]
        if lowered in parts or lowered == " ".join(parts):
            return True
    birthdays = {day for person in people for day in readings(fold_text(person.birthdate or ""))}
    return bool(readings(folded) & birthdays)
