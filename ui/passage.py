"""The passage a material is made from: a topic, a file or pasted text, and how it is read.

The worksheet, quiz and study-guide pages ask for it the same way, so a teacher meets one set of
fields and one set of messages (size limit, a name in the topic) wherever they start.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import streamlit as st

from generators.domain.students import keep_names_out  # topic and passage go to a model
from generators.library import SavedStudent
from ui import common, forms, sizes


@dataclass(frozen=True)
class Passage:
    topic: str
    text: str | None
    name: str | None
    warnings: list[str] = field(default_factory=list)

    def fields(self) -> dict:
        """The request fields every passage-based kind takes."""
        return {"topic": self.topic, "source_text": self.text, "source_name": self.name}


def source_fields(page: str, topic_example: str, topic_help: str | None = None) -> dict:
    """Topic, file and pasted text, each keeping its value across pages and reloads."""
    return {
        "topic": forms.text_input(
            page, "topic", "Topic", placeholder=f"e.g. {topic_example}", help=topic_help
        ),
        "upload": forms.file_uploader(
            page, "upload", "Source passage: a file", common.SOURCE_TYPES
        ),
        "pasted": forms.text_area(
            page,
            "pasted",
            "...or paste the passage here",
            height=170,
            placeholder=f"e.g. a passage of 100 to {sizes.MAX_PASSAGE_WORDS:,} words",
        ),
    }


def read(values: dict, roster: list[SavedStudent]) -> Passage:
    """The checked passage: the file (or pasted text) read and sized; the caseload's names out
    of the topic and the passage."""
    text, name = common.read_source(values["upload"], values["pasted"])
    sizes.check_passage(text)
    students = [saved.student for saved in roster]
    topic, text, warnings = keep_names_out(values["topic"], text, students)
    return Passage(topic, text, name, warnings)


def show_estimate(values: dict, questions: int) -> None:
    """With a model, roughly what Generate will spend, said before it is pressed (a copy per
    chosen level; for students, two levels as a typical caseload)."""
    model = common.model_or_none()
    if model is None or not model.info.is_ai:
        return
    levels = len(values["levels"] or []) if "levels" in values else 2  # no levels: students
    st.caption(sizes.worksheet_estimate(sizes.words(values["pasted"]), levels, questions))
