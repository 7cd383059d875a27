"""Read an existing assignment (.docx, .pdf, .txt, .md) into its parts: title, directions,
sections, numbered items with their answer choices and space for work, and tables.

Files are read only through generators.sources, which applies every size, zip-bomb, entity and
encryption check first; a .docx is then opened once more with `open_docx_safely` to see its
structure (heading styles, Word's automatic numbering, tables), which plain text loses.
Parsing is line by line and deterministic: teachers' worksheets follow a few conventions
("7.", "(a)", "Part B"), and anything that fits none of them is kept as text, never dropped.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal

from docx.table import Table

from generators import hidden_text, sources, textwork
from generators.domain.assignment import (
    Assignment,
    Block,
    Choice,
    Item,
    ItemKind,
    Section,
    TableBlock,
    TextBlock,
)
from generators.errors import SourceError

MAX_ITEMS = 300
PASSAGE_WORDS = 40  # a text block this long is reading matter, not an instruction
CONTINUATION_WORDS = 40  # a shorter line right after an item continues its stem

_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_M = "{http://schemas.openxmlformats.org/officeDocument/2006/math}"

_ITEM = re.compile(
    r"^\s*(?:(?:question|problem|item|q)\s*)?(?:\((\d{1,3})\)|(\d{1,3})[.)])\s+(?=\S)(.*)$",
    re.IGNORECASE,
)
_CHOICE_MARKER = re.compile(
    r"(?:(?<=\s)|^)(?:\((?P<paren>[A-Ha-h])\)|(?P<close>[A-Ha-h])\)|(?P<dot>[A-Ha-h])\.)(?=\s)"
)
_CHOICE_FORMATS = {"paren": "({})", "close": "{})", "dot": "{}."}
_SECTION = re.compile(
    r"^\s*(?:part|section|unit|lesson|activity|exercise)\s+(?:[A-Z]|\d{1,2}|[IVX]{1,5})\b"
    r"(?:\s*[:.\-–—)]\s*\S.*|\s*)$",
    re.IGNORECASE,
)
_DIRECTIONS = re.compile(r"^\s*(?:directions|instructions)\b", re.IGNORECASE)
_RULE = re.compile(r"^[\s_.\-–—]*_{3,}[\s_.\-–—]*$")  # a ruled answer line
_ANSWER_LABEL = re.compile(r"^\s*(?:answer|work|show your work)\s*:?\s*_*\s*$", re.IGNORECASE)
_NAME_LINE = re.compile(r"^\s*name\b.*(?:_{3,}|date)", re.IGNORECASE)
_BLANK = re.compile(r"_{2,}")
_WORK = re.compile(r"show (?:all )?(?:of )?your work|space provided|work space", re.IGNORECASE)
_PARAGRAPH = re.compile(r"\bparagraph\b|\bessay\b|\b\d\s*[-–]\s*\d\s+sentences\b", re.IGNORECASE)
_EXPLAIN = re.compile(
    r"\b(?:explain|describe|why|compare|contrast|summari[sz]e|sentences|support|justify|draw)\b",
    re.IGNORECASE,
)
_END_PUNCTUATION = (".", "?", "!", ":", ";", ",")


# --- Reading files ---


def load(path: str | Path, limits: sources.Limits = sources.DEFAULT_LIMITS) -> Assignment:
    """Read an assignment file; every check in generators.sources runs before it is parsed."""
    path = Path(path)
    text = sources.read_source(path, limits)
    suffix = path.suffix.lower()
    if suffix == ".docx":
        return parse_docx_bytes(_read_checked(path, limits), path.name, limits)
    return parse_text(text, path.name, _format(suffix))


def load_bytes(
    data: bytes, filename: str, limits: sources.Limits = sources.DEFAULT_LIMITS
) -> Assignment:
    """Read an upload already in memory (the app)."""
    text = sources.read_source_bytes(data, filename, limits)
    name = Path(filename.replace("\\", "/")).name or filename
    if name.lower().endswith(".docx"):
        return parse_docx_bytes(data, name, limits)
    return parse_text(text, name, _format(Path(name).suffix.lower()))


def _read_checked(path: Path, limits: sources.Limits) -> bytes:
    """Read the bytes sources.read_source has just vetted, bounded in case the file grew."""
    try:
        with open(path, "rb") as file:
            data = file.read(limits.max_file_bytes + 1)
    except OSError as error:
        raise SourceError(
            f"{path.name} could not be read again ({error.strerror or error}): "
            "check that the file is not in use, then try again."
        ) from None
    if len(data) > limits.max_file_bytes:
        raise SourceError(f"{path.name} changed while it was being read: try again.")
    return data


def _format(suffix: str) -> Literal["docx", "pdf", "txt", "md", "text"]:
    return {".docx": "docx", ".pdf": "pdf", ".txt": "txt", ".md": "md"}.get(suffix, "text")  # type: ignore[return-value]


def parse_docx_bytes(data: bytes, name: str, limits: sources.Limits) -> Assignment:
    document = sources.open_docx_safely(data, name, limits)
    try:
        hidden = hidden_text.take_hidden_text(document)  # never reaches the student copy
        lines = list(docx_lines(document))
        warnings = docx_warnings(document) + hidden_warnings(hidden)
    except SourceError:
        raise
    except Exception:
        raise SourceError(
            f"{name} could not be read (the Word reader failed on it): save it again as .docx, "
            "or paste the text into a .txt file."
        ) from None
    parsed = Parser(name, "docx", count_blanks=True).parse(lines, warnings)
    return parsed.model_copy(update={"hidden_text": tuple(hidden)}) if hidden else parsed


def hidden_warnings(hidden: list[str]) -> tuple[str, ...]:
    if not hidden:
        return ()
    what = (
        "It looks like an answer key: the teacher copy shows it as one"
        if hidden_text.looks_like_answers(hidden)
        else "The teacher copy lists it"
    )
    return (
        "The original has hidden text (Word's hidden font) in "
        f"{textwork.plural(len(hidden), 'place')}, left off "
        f"the student copy. {what}.",
    )


def parse_text(
    text: str, name: str, source_format: Literal["docx", "pdf", "txt", "md", "text"] = "text"
) -> Assignment:
    return Parser(name, source_format, count_blanks=False).parse(text_lines(text), ())


# --- Lines: the one shape both text and Word documents are parsed from ---


@dataclass(frozen=True)
class Line:
    text: str = ""
    style: Literal["title", "heading", "plain"] = "plain"
    numbering: Literal["item", "choice"] | None = None  # Word's automatic numbering
    table: tuple[tuple[str, ...], ...] | None = None

    @property
    def blank(self) -> bool:
        return self.table is None and not self.text.strip()


def text_lines(text: str) -> Iterator[Line]:
    for raw in text.split("\n"):
        yield Line(text=raw.replace("\t", " "))


def docx_lines(document: Any) -> Iterator[Line]:
    numbering = _NumberingFormats(document)
    for block in sources.iter_docx_blocks(document):
        if isinstance(block, Table):
            rows = [row for row in sources.docx_table_rows(block) if any(c.strip() for c in row)]
            if rows:
                width = max(len(row) for row in rows)
                yield Line(table=tuple(tuple(row + [""] * (width - len(row))) for row in rows))
            continue
        text = sources.clean_text(sources.docx_paragraph_text(block))
        style = _paragraph_style(block)
        auto = numbering.kind(block) if style == "plain" else None
        parts = text.split("\n") if text else [""]
        yield Line(text=parts[0], style=style, numbering=auto)
        for part in parts[1:]:  # soft line breaks inside one paragraph
            yield Line(text=part)


def _paragraph_style(paragraph: Any) -> Literal["title", "heading", "plain"]:
    style = paragraph.style
    while style is not None:
        name = (style.name or "").lower()
        if name == "title":
            return "title"
        if name.startswith("heading"):
            return "heading"
        style = style.base_style
    return "plain"


class _NumberingFormats:
    """Word's automatic list numbers are not in the text: look up each list level's format."""

    def __init__(self, document: Any) -> None:
        self.formats: dict[tuple[str, str], str] = {}
        try:
            root = document.part.numbering_part.element
        except (KeyError, NotImplementedError, AttributeError):
            return
        abstract = {
            node.get(_W + "abstractNumId"): {
                lvl.get(_W + "ilvl"): (fmt.get(_W + "val") if fmt is not None else "decimal")
                for lvl in node.iter(_W + "lvl")
                for fmt in [lvl.find(_W + "numFmt")]
            }
            for node in root.iter(_W + "abstractNum")
        }
        for num in root.iter(_W + "num"):
            link = num.find(_W + "abstractNumId")
            levels = abstract.get(link.get(_W + "val") if link is not None else None, {})
            for level, fmt in levels.items():
                self.formats[(num.get(_W + "numId"), level)] = fmt

    def kind(self, paragraph: Any) -> Literal["item", "choice"] | None:
        found = _num_pr(paragraph._p)
        if found is None:
            style = paragraph.style
            while found is None and style is not None:
                found = _num_pr(style.element)
                style = style.base_style
        if found is None:
            return None
        num_id, level = found
        fmt = self.formats.get((num_id, level), "decimal")
        if fmt in ("lowerLetter", "upperLetter"):
            return "choice"
        if fmt == "decimal" and level == "0":
            return "item"
        return None


def _num_pr(element: Any) -> tuple[str, str] | None:
    ppr = element.find(_W + "pPr")
    num_pr = ppr.find(_W + "numPr") if ppr is not None else None
    if num_pr is None:
        return None
    num_id = num_pr.find(_W + "numId")
    level = num_pr.find(_W + "ilvl")
    value = num_id.get(_W + "val") if num_id is not None else None
    if not value or value == "0":  # numId 0 switches numbering off
        return None
    return value, (level.get(_W + "val") if level is not None else "0")


def docx_warnings(document: Any) -> tuple[str, ...]:
    """Say what the copy cannot carry over, so the teacher adds it back by hand."""
    body = document.element.body
    pictures = sum(1 for _ in body.iter(_W + "drawing")) + sum(1 for _ in body.iter(_W + "pict"))
    equations = sum(1 for _ in body.iter(_M + "oMath"))
    boxes = sum(1 for _ in body.iter(_W + "txbxContent"))
    warnings = []
    if pictures:
        warnings.append(
            "The original has "
            f"{textwork.plural(pictures, 'picture or drawing', 'pictures or drawings')}, which "
            "are not copied: add them to the student copy by hand."
        )
    if equations:
        warnings.append(
            f"The original has {textwork.plural(equations, 'equation')} made with Word's "
            "equation editor, which "
            "could not be read: check those items against the original."
        )
    if boxes:
        warnings.append(
            f"The original has {textwork.plural(boxes, 'text box', 'text boxes')}, whose text "
            "is not copied: check the original."
        )
    return tuple(warnings)


# --- Parsing ---


@dataclass
class _Draft:
    """An item being read; its kind and space are settled once all its lines are in."""

    ref: int
    number: str
    stem: list[str]
    choices: list[Choice] = field(default_factory=list)
    choice_format: str = "{})"
    source_lines: int = 0
    open: bool = True  # a following short line still belongs to the stem


@dataclass
class _SectionDraft:
    heading: str | None
    blocks: list[Block | _Draft] = field(default_factory=list)

    @property
    def has_items(self) -> bool:
        return any(isinstance(block, _Draft) for block in self.blocks)


class Parser:
    def __init__(self, name: str, source_format: str, *, count_blanks: bool) -> None:
        self.name = name
        self.format = source_format
        self.count_blanks = count_blanks  # a Word document's empty paragraphs are work space
        self.title: str | None = None
        self.directions: list[str] = []
        self.sections: list[_SectionDraft] = [_SectionDraft(None)]
        self.item: _Draft | None = None
        self.refs = 0
        self.auto_numbers = 0
        self.started = False  # anything but the title has been read

    @property
    def section(self) -> _SectionDraft:
        return self.sections[-1]

    def parse(self, lines: Iterable[Line], warnings: Iterable[str]) -> Assignment:
        for line in lines:
            self.read(line)
        items = [b for s in self.sections for b in s.blocks if isinstance(b, _Draft)]
        if not items:
            raise SourceError(
                f"{self.name} has no numbered items ParaPrep can find (it looks for lines such "
                "as '1. ...', '2) ...' or Word's numbered lists): number the questions and try "
                "again, or use the worksheet command to build questions from a passage."
            )
        if len(items) > MAX_ITEMS:
            raise SourceError(
                f"{self.name} has {len(items)} numbered items (the limit is {MAX_ITEMS}): "
                "split it into shorter assignments."
            )
        work = any(_WORK.search(text) for text in self.all_directions())
        sections = tuple(
            self.finish_section(s, work) for s in self.sections if s.blocks or s.heading
        )
        return Assignment(
            title=self.title,
            directions=tuple(self.directions),
            sections=sections,
            source_name=self.name,
            source_format=self.format,  # type: ignore[arg-type]
            warnings=tuple(warnings),
        )

    def all_directions(self) -> Iterator[str]:
        yield from self.directions
        for section in self.sections:
            for block in section.blocks:
                if isinstance(block, TextBlock) and block.role == "directions":
                    yield block.text

    # One line at a time.

    def read(self, line: Line) -> None:
        if line.table is not None:
            self.close_item()
            self.section.blocks.append(TableBlock(rows=line.table))
            self.started = True
            return
        text = " ".join(line.text.split())
        if not text:
            self.blank()
            return
        if _RULE.match(text) or _ANSWER_LABEL.match(text):
            if self.item is not None:
                self.item.source_lines += 1
                self.item.open = False
            return
        if _NAME_LINE.match(text) and len(text.split()) <= 12:
            return  # the student copy prints its own name and date line
        if line.style in ("title", "heading"):
            self.heading(text, line.style)
        elif line.numbering == "item" or _ITEM.match(text):
            self.start_item(text, line.numbering == "item")
        elif self.is_choice_line(text, line):
            self.add_choice_line(text, line)
        else:
            self.plain(text)

    def blank(self) -> None:
        if self.item is not None:
            self.item.open = False
            if self.count_blanks and not self.item.choices:
                self.item.source_lines += 1

    def heading(self, text: str, style: str) -> None:
        if (
            self.title is None
            and not self.started
            and (style == "title" or not _SECTION.match(text))
        ):
            self.title = text
            return
        self.new_section(text)

    def new_section(self, heading: str) -> None:
        self.close_item()
        self.started = True
        if not self.section.blocks and self.section.heading is None and len(self.sections) == 1:
            self.sections[0] = _SectionDraft(heading)
        else:
            self.sections.append(_SectionDraft(heading))

    def start_item(self, text: str, automatic: bool) -> None:
        self.close_item()
        self.started = True
        if automatic:
            self.auto_numbers += 1
            number, stem = str(self.auto_numbers), text
        else:
            match = _ITEM.match(text)
            assert match is not None
            number, stem = match.group(1) or match.group(2), match.group(3)
        self.refs += 1
        draft = _Draft(ref=self.refs, number=number, stem=[])
        prefix, choice_format, choices = split_choices(stem)
        draft.stem.append(prefix if choices else stem)
        if choices:
            draft.choices, draft.choice_format = choices, choice_format
            draft.open = False
        self.item = draft
        self.section.blocks.append(draft)

    def is_choice_line(self, text: str, line: Line) -> bool:
        if self.item is None:
            return False
        if line.numbering == "choice":
            return True
        marker = _CHOICE_MARKER.match(text)
        if marker is None:
            return False
        letter = next(value for value in marker.groupdict().values() if value)
        return letter.lower() == "abcdefgh"[len(self.item.choices)]

    def add_choice_line(self, text: str, line: Line) -> None:
        item = self.item
        assert item is not None
        item.open = False
        if line.numbering == "choice":
            label = "abcdefgh"[len(item.choices) % 8]
            item.choices.append(Choice(label=label, text=text))
            return
        _, choice_format, choices = split_choices(text, start=len(item.choices))
        if not item.choices:
            item.choice_format = choice_format
        item.choices.extend(choices)

    def plain(self, text: str) -> None:
        words = len(text.split())
        if self.title is None and not self.started and looks_like_title(text):
            self.title = text
            return
        if _SECTION.match(text) or (looks_like_heading(text) and not self.continues_item()):
            self.new_section(text)
            return
        if self.continues_item() and words <= CONTINUATION_WORDS:
            assert self.item is not None
            self.item.stem.append(text)
            return
        self.close_item()
        self.started = True
        at_top = len(self.sections) == 1 and self.section.heading is None
        before_items = not self.section.has_items
        if at_top and before_items and (_DIRECTIONS.match(text) or words < PASSAGE_WORDS):
            self.directions.append(text)
        elif words >= PASSAGE_WORDS:
            self.section.blocks.append(TextBlock(text=text, role="passage"))
        else:
            role = "directions" if before_items else "note"
            self.section.blocks.append(TextBlock(text=text, role=role))

    def continues_item(self) -> bool:
        return self.item is not None and self.item.open and not self.item.choices

    def close_item(self) -> None:
        self.item = None

    # Settling each item's kind and space.

    def finish_section(self, draft: _SectionDraft, work: bool) -> Section:
        blocks: list[Block] = [
            finish_item(block, work) if isinstance(block, _Draft) else block
            for block in draft.blocks
        ]
        return Section(heading=draft.heading, blocks=tuple(blocks))


def finish_item(draft: _Draft, work: bool) -> Item:
    stem = " ".join(" ".join(draft.stem).split())
    kind = item_kind(stem, draft.choices)
    return Item(
        ref=draft.ref,
        number=draft.number,
        stem=stem,
        choices=tuple(draft.choices),
        choice_format=draft.choice_format,
        kind=kind,
        lines=max(space_for(kind, stem, work), draft.source_lines),
        source_lines=draft.source_lines,
    )


def item_kind(stem: str, choices: list[Choice]) -> ItemKind:
    if len(choices) >= 2:
        return "multiple_choice"
    if _BLANK.search(stem):
        return "fill_in"
    return "written"


def space_for(kind: ItemKind, stem: str, work: bool) -> int:
    """Writing lines after an item: by what it asks for, plus room to work where asked."""
    if kind == "written":
        if _PARAGRAPH.search(stem):
            return 6
        return 4 if _EXPLAIN.search(stem) else 3
    return 2 if work else 0


def split_choices(text: str, start: int = 0) -> tuple[str, str, list[Choice]]:
    """Split 'stem (a) 2/3 (b) 3/6' into the stem and its choices, when the labels run in order
    from the expected letter; otherwise return the text unchanged with no choices."""
    matches = list(_CHOICE_MARKER.finditer(text))
    for index, first in enumerate(matches):
        style, letter = _marker(first)
        if letter.lower() != "abcdefgh"[start]:
            continue
        run = [first]
        for later in matches[index + 1 :]:
            later_style, later_letter = _marker(later)
            expected = "abcdefgh"[start + len(run)] if start + len(run) < 8 else ""
            if later_style == style and later_letter == _same_case(expected, letter):
                run.append(later)
        if len(run) < 2 and not (start > 0 or first.start() == 0):
            continue  # one marker inside a sentence is not a list of choices
        choices = []
        for position, match in enumerate(run):
            end = run[position + 1].start() if position + 1 < len(run) else len(text)
            choice_text = " ".join(text[match.end() : end].split())
            choices.append(Choice(label=_marker(match)[1], text=choice_text))
        if all(choice.text for choice in choices):
            return text[: first.start()].strip(), _CHOICE_FORMATS[style], choices
    return text, "{})", []


def _marker(match: re.Match[str]) -> tuple[str, str]:
    return next((name, value) for name, value in match.groupdict().items() if value)


def _same_case(letter: str, like: str) -> str:
    return letter.upper() if like.isupper() else letter


def looks_like_title(text: str) -> bool:
    return (
        len(text.split()) <= 15
        and not text.rstrip().endswith((".", "?", "!"))
        and not _DIRECTIONS.match(text)
        and not _SECTION.match(text)
    )


def looks_like_heading(text: str) -> bool:
    """A short line in Title Case or capitals, with no sentence punctuation and no colon inside:
    "Comparing Fractions" is a heading, "Show your work" is not."""
    words = [word for word in text.split() if len(word) >= 4 or word == text.split()[0]]
    capitalised = sum(1 for word in words if word[:1].isupper())
    return (
        len(text.split()) <= 8
        and text[:1].isupper()
        and capitalised * 2 > len(words)
        and not text.rstrip().endswith(_END_PUNCTUATION)
        and ":" not in text
        and "_" not in text
        and not _DIRECTIONS.match(text)
    )
