"""What a result says on screen besides its documents: accommodations NOT APPLIED (with the reason
and what to do), warnings grouped per version, what "in band" means, and an engine caption that
matches what was used.

The ledger on the teacher copy is the record; this is the same information where the adult looks
right after pressing Generate, in the app's words (see ui.wording).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from typing import Any

import streamlit as st

from generators.domain.levels import grade_name
from ui import common, wording

NOT_APPLIED = "NOT APPLIED"
GENERAL = "The whole packet"
VERSION = re.compile(r"^(Grade [K\d]+|Version [A-Z]|Student [\w.-]+(?:'s copy)?)\s*[:,]\s*")
ABOUT = re.compile(r"^(Grade [K\d]+|Version [A-Z]|Student [\w.-]+)(?:'s)? (?:version|copy)\b")
IN_BAND = "within one grade of the target"
STATUS_WORDS = {
    "in-band": f"In band ({IN_BAND})",
    "out-of-band": "Out of band (more than one grade from the target)",
    "failed": "Not made (see the message above)",
}
MODEL_FAILED = re.compile(r"model.{0,40}(failed|could not)|could not be (made|rewritten)", re.I)


def ledger_entries(material: Any) -> list[tuple[str | None, Any]]:
    """(student code or None, entry) for the packet's ledger and each student's own ledger."""
    code = getattr(material, "student_code", None)
    entries = [(code, entry) for entry in getattr(material, "ledger", ()) or ()]
    for part in getattr(material, "students", ()) or ():
        entries += [(getattr(part, "code", None), e) for e in getattr(part, "ledger", ()) or ()]
    return entries


def not_applied_lines(material: Any) -> list[str]:
    """'Student A: Reduced answer choices: reason. What to do.' for every entry not applied."""
    lines = []
    for code, entry in ledger_entries(material):
        if getattr(entry, "applied", True):
            continue
        detail = re.sub(r"^Not applied( to [^:]*)?:\s*", "", entry.detail.strip())
        who = f"{code}: " if code else ""
        lines.append(f"{who}{entry.name}: {wording.in_app_words(detail)}")
    return list(dict.fromkeys(lines))


def show_not_applied(material: Any, warnings: Sequence[str]) -> None:
    lines = not_applied_lines(material)
    lines += [w.removeprefix(NOT_APPLIED).lstrip(" :") for w in warnings if is_not_applied(w)]
    if not lines:
        return
    count = wording.plural(len(lines), "accommodation")
    bullets = "\n".join(f"- {common.escape(line)}" for line in lines)
    st.warning(
        f"**{NOT_APPLIED}: {count}.** The rest is on the copies; these are not, and the teacher "
        f"copy's ledger says so too.\n\n{bullets}"
    )


def is_not_applied(warning: str) -> bool:
    return warning.startswith(NOT_APPLIED)


def grouped(warnings: Iterable[str]) -> dict[str, list[str]]:
    """Warnings by the version they are about ("Grade 3", "Student B"), the rest together."""
    groups: dict[str, list[str]] = {}
    for warning in warnings:
        match, about = VERSION.match(warning), ABOUT.match(warning)
        name = match.group(1) if match else about.group(1) if about else GENERAL
        text = warning[match.end() :] if match else warning  # "Grade 3 version ..." reads whole
        groups.setdefault(name, []).append(text[:1].upper() + text[1:])
    if GENERAL in groups:  # the packet-wide box first
        groups = {GENERAL: groups.pop(GENERAL), **groups}
    return groups


def show_warnings(warnings: Sequence[str]) -> None:
    """One box per version with a short list; technical detail behind one expander."""
    details: list[str] = []
    for name, items in grouped(w for w in warnings if not is_not_applied(w)).items():
        plain = []
        for item in items:
            sentence, detail = wording.split_detail(item)
            plain.append(sentence)
            if detail:
                details.append(f"{name}: {detail}")
        heading = f"**{name}**: {wording.plural(len(plain), 'thing')} to check"
        st.warning(heading + "\n\n" + "\n".join(f"- {common.escape(p)}" for p in plain))
    if details:
        with st.expander("Technical detail (for whoever helps with IT)"):
            st.code("\n".join(details), language=None, wrap_lines=True)


def level_rows(levels: Sequence[dict]) -> list[dict]:
    rows = []
    for level in levels:
        measured = level.get("measured")
        rows.append(
            {
                "Target grade": grade_name(level["target"]),
                "Measured grade": (
                    f"{measured:.1f} (range {level['low']:.1f} to {level['high']:.1f})"
                    if measured is not None
                    else "-"
                ),
                "Status": STATUS_WORDS.get(level.get("status", ""), level.get("status", "")),
                "Passage": level.get("passage", ""),
                "Revisions": level.get("revisions", 0),
            }
        )
    return rows


def table(rows: Sequence[dict], index: str) -> None:
    """A table whose cells wrap (a data grid cuts long text mid-word), keyed by one column."""
    import pandas as pd  # Streamlit's own dependency; only pages with a table need it

    st.table(pd.DataFrame(list(rows)).set_index(index))


def show_levels(levels: Sequence[dict]) -> None:
    """A table that wraps (nothing cut mid-word), and what "in band" means."""
    if not levels:
        return
    table(level_rows(levels), "Target grade")
    st.caption(
        f'"In band" means the measured reading level is {IN_BAND} (reading formulas '
        "disagree by a grade or more, so closer is not measurable)."
    )


def engine_caption(engine: str, warnings: Sequence[str], saved_note: str) -> str:
    """Who made it, in words that match what was used, even when the model was not."""
    if not engine:
        return saved_note
    text = f"Made by {common.escape(engine)}."
    current = common.model_or_none()
    if "offline" in engine.lower() and current is not None and current.info.is_ai:
        if any(MODEL_FAILED.search(w) for w in warnings):
            text += f" The {common.escape(current.info.label)} was asked but failed: see below."
        else:
            text += f" Nothing asked for needed the {common.escape(current.info.label)}."
    return f"{text} {saved_note}"
