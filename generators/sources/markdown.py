"""Markdown files: the prose a reader of the rendered page would see."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    pass
from generators.sources.common import Limits, _too_much_text, clean_text
from generators.sources.plain import _decode


def strip_markdown(text: str) -> str:
    """Turn Markdown into the prose a reader of the rendered page would see.

    Headings, emphasis, link and list markup go; link text stays; images, code blocks, HTML
    comments and reference definitions go. Numbered-list numbers stay because assignments
    number their questions. Runs of underscores (answer blanks) and a spaced `*` (times) stay.
    """
    text = text.replace("\x00", "").replace("\r\n", "\n").replace("\r", "\n")
    text = _protect_escapes(text)
    text = _drop_html_comments(text)
    lines = [_strip_markdown_line(line) for line in _drop_code_blocks(text.split("\n"))]
    text = "\n".join(line for line in lines if line is not None)
    for pattern, replacement in _MARKDOWN_INLINE:
        text = pattern.sub(replacement, text)
    return _restore_escapes(text)


def _text_from_markdown(data: bytes, name: str, limits: Limits) -> str:
    """Refuse far-too-long Markdown before stripping it, which costs more per character.

    Markup can make up much of a file, so the pre-check allows twice the text limit; the usual
    check on the stripped prose still follows.
    """
    text = clean_text(_decode(data, name))
    if len(text) > 2 * limits.max_text_chars:
        raise _too_much_text(name, len(text), limits)
    return strip_markdown(text)


_ESCAPABLE = re.compile(r"\\([\\`*_{}\[\]()#+\-.!|>~<])")


_ESCAPED = re.compile("\x00(\\d+)\x00")


_FENCE = re.compile(r"^ {0,3}(`{3,}|~{3,})")


_RULE = re.compile(r"^ {0,3}(?:([-*_])(?:[ \t]*\1){2,}|=+)[ \t]*$")


_TABLE_DIVIDER = re.compile(r"^[ \t]*\|?[ \t]*:?-+:?[ \t]*(?:\|[ \t]*:?-+:?[ \t]*)+\|?[ \t]*$")


_LINK_DEFINITION = re.compile(r"^ {0,3}\[(?!\^)[^\]]+\]:[ \t]*\S+.*$")


_QUOTE = re.compile(r"^[ \t]*(?:>[ \t]?)+")


_LINE_PREFIXES = (
    re.compile(r"^ {0,3}\[\^[^\]]+\]:[ \t]*"),  # footnote definition label
    _QUOTE,
    re.compile(r"^[ \t]*[-*+][ \t]+(?:\[[ xX]\][ \t]+)?"),  # bullet, task box
    re.compile(r"^[ \t]+"),  # indentation
)


_HEADING = re.compile(r"^ {0,3}#{1,6}(?:[ \t]+|$)")


_HEADING_CLOSE = re.compile(r"(?:^|[ \t])#+$")


# Every span below is bounded (to 250 characters, 2,000 for a URL): an unbounded one rescans the
# rest of the line from each opening that never closes, and a hostile 100,000-character line of
# "**a " then takes minutes instead of milliseconds.
_URL = r"\((?:[^()\n]|\([^()\n]{0,250}\)){0,2000}\)"


_LABEL = r"[^\]\n]{1,250}"


_MARKDOWN_INLINE: tuple[tuple[re.Pattern[str], str | Callable[[re.Match[str]], str]], ...] = (
    (re.compile(rf"!\[(?:{_LABEL})?\](?:{_URL}|\[(?:{_LABEL})?\])"), ""),  # image
    (re.compile(rf"\[({_LABEL})\]{_URL}"), r"\1"),  # inline link
    (re.compile(rf"\[\^{_LABEL}\]"), ""),  # footnote reference
    (re.compile(rf"\[({_LABEL})\]\[(?:{_LABEL})?\]"), r"\1"),  # reference link
    (re.compile(r"<((?:https?|ftp|mailto):[^>\s]{1,2000})>"), r"\1"),  # autolink
    (re.compile(r"<br\s{0,9}/?>", re.IGNORECASE), "\n"),
    (re.compile(r"(`{1,9})([^\n]{1,250}?)\1"), lambda m: m.group(2).strip()),  # inline code
    (re.compile(r"\*\*\*([^\s*](?:[^\n]{0,250}?[^\s*])?)\*\*\*"), r"\1"),
    (re.compile(r"\*\*([^\s*](?:[^\n]{0,250}?[^\s*])?)\*\*"), r"\1"),
    (re.compile(r"\*([^\s*](?:[^\n*]{0,250}?[^\s*])?)\*"), r"\1"),
    # Underscore emphasis must hug letters or digits, so answer blanks like "2/5 = __/10" survive.
    (re.compile(r"(?<!\w)(_{1,3})([^\W_](?:[^\n]{0,250}?[^\W_])?)\1(?!\w)"), r"\2"),
    (re.compile(r"~~([^\s~](?:[^\n]{0,250}?[^\s~])?)~~"), r"\1"),
)


def _protect_escapes(text: str) -> str:
    """Hide backslash-escaped characters so that no markup rule can consume them."""
    return _ESCAPABLE.sub(lambda m: f"\x00{ord(m.group(1))}\x00", text)


def _restore_escapes(text: str) -> str:
    return _ESCAPED.sub(lambda m: chr(int(m.group(1))), text)


def _drop_html_comments(text: str) -> str:
    """Cut <!-- ... --> with str.find, which stays linear where a regex would rescan."""
    kept: list[str] = []
    position = 0
    while (start := text.find("<!--", position)) != -1:
        end = text.find("-->", start + 4)
        if end == -1:
            break
        kept.append(text[position:start])
        position = end + 3
    kept.append(text[position:])
    return "".join(kept)


def _drop_code_blocks(lines: list[str]) -> Iterator[str]:
    """Leave out fenced code; an unclosed fence loses only its own line, never the rest."""
    index = 0
    while index < len(lines):
        fence = _FENCE.match(lines[index])
        if fence is None:
            yield lines[index]
            index += 1
            continue
        marker = fence.group(1)
        closing = re.compile(rf"^ {{0,3}}{re.escape(marker[0])}{{{len(marker)},}}[ \t]*$")
        end = next((i for i in range(index + 1, len(lines)) if closing.match(lines[i])), None)
        yield ""
        index = index + 1 if end is None else end + 1


def _strip_markdown_line(line: str) -> str | None:
    """Return the line without block markup, or None when the whole line is markup."""
    if _RULE.match(line) or _TABLE_DIVIDER.match(line) or _LINK_DEFINITION.match(line):
        return None
    for prefix in _LINE_PREFIXES:
        line = prefix.sub("", line, count=1)
        if prefix is _QUOTE and _HEADING.match(line):
            line = _HEADING_CLOSE.sub("", _HEADING.sub("", line, count=1).rstrip())
    if line.startswith("|") and line.rstrip().endswith("|") and len(line.strip()) > 1:
        line = line.strip()[1:-1].strip()
    return line
