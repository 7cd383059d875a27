"""Hidden text in a Word document: found, taken out, and kept for the teacher.

Teachers hide answers in an assignment with Word's hidden font (`w:vanish`): on screen and on
paper they are gone, but a reader of the file's text sees them, so they printed on the modified
student copy. Text is hidden by the run's own properties, by its character style or by its
paragraph's style (each following its base styles); `w:val="0"`/`"false"` switches it off
again. The hidden runs are removed from the document before it is read, and their text is
returned so the teacher copy can offer it (as the answer key when it looks like one).
"""

from __future__ import annotations

import re
from typing import Any

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
OFF = {"0", "false", "off"}
ANSWERISH = re.compile(
    r"\b(?:answers?|key|correct)\b"  # "Answer: B", "Key", "correct answer"
    r"|^\s*\(?[A-Ha-h]\)?\s*[.)]?\s*$"  # a lone choice letter
    r"|\b\d{1,3}\s*[:.)=-]\s*\(?[A-Ha-h]\)?(?:\W|$)",  # "7: c", "8) b"
    re.IGNORECASE,
)


def take_hidden_text(document: Any) -> list[str]:
    """Remove every hidden run from `document` (python-docx), and a paragraph left with no
    visible text by it; return the hidden text, a string per paragraph it was in."""
    hidden_styles = styles_with_vanish(document)
    found = []
    for paragraph in list(document.element.body.iter(W + "p")):
        style = paragraph.find(f"{W}pPr/{W}pStyle")
        paragraph_hidden = style is not None and style.get(W + "val") in hidden_styles
        runs = [run for run in paragraph.iter(W + "r") if is_hidden(run, hidden_styles,
                                                                    paragraph_hidden)]  # fmt: skip
        if not runs:
            continue
        text = "".join(run_text(run) for run in runs).strip()
        for run in runs:
            run.getparent().remove(run)
        if text:
            found.append(text)
        if not "".join(t.text or "" for t in paragraph.iter(W + "t")).strip():
            parent = paragraph.getparent()
            if parent is not None and parent.tag != W + "tc":  # a cell needs its paragraph
                parent.remove(paragraph)
    return found


def looks_like_answers(texts: list[str]) -> bool:
    return any(ANSWERISH.search(text) for text in texts)


def vanish_state(properties: Any) -> bool | None:
    """True/False when run properties set the hidden font on or off, None when silent."""
    if properties is None:
        return None
    vanish = properties.find(W + "vanish")
    if vanish is None:
        return None
    return (vanish.get(W + "val") or "true").lower() not in OFF


def styles_with_vanish(document: Any) -> set[str]:
    """Ids of the paragraph and character styles whose text is hidden (through base styles)."""
    element = document.styles.element
    own, based = {}, {}
    for style in element.iter(W + "style"):
        style_id = style.get(W + "styleId")
        own[style_id] = vanish_state(style.find(W + "rPr"))
        base = style.find(W + "basedOn")
        based[style_id] = base.get(W + "val") if base is not None else None

    def hidden(style_id: str | None, depth: int = 0) -> bool:
        if style_id is None or depth > 20:
            return False
        state = own.get(style_id)
        return state if state is not None else hidden(based.get(style_id), depth + 1)

    return {style_id for style_id in own if hidden(style_id)}


def is_hidden(run: Any, hidden_styles: set[str], paragraph_hidden: bool) -> bool:
    properties = run.find(W + "rPr")
    state = vanish_state(properties)
    if state is not None:
        return state
    character = properties.find(W + "rStyle") if properties is not None else None
    if character is not None:
        return character.get(W + "val") in hidden_styles or paragraph_hidden
    return paragraph_hidden


def run_text(run: Any) -> str:
    parts = []
    for child in run.iter():
        if child.tag == W + "t":
            parts.append(child.text or "")
        elif child.tag in (W + "tab", W + "br"):
            parts.append(" ")
    return "".join(parts)
