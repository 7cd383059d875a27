"""Social stories (Carol Gray's Social Stories): first person, sentence types in a checked ratio.

A story describes more than it directs: descriptive, perspective, cooperative and affirmative
sentences together are at least twice the directive (coaching) and control sentences. The
offline story is a template with labelled blanks the adult fills in, because only they know the
student's day; the same ratio check applies to any story, however it was written.
"""

from __future__ import annotations

from collections import Counter
from typing import Literal

from generators.domain.common import OFFLINE_ENGINE, EngineInfo, Frozen
from generators.errors import InputError

SentenceType = Literal[
    "descriptive", "perspective", "cooperative", "affirmative", "directive", "control"
]
DESCRIBING = ("descriptive", "perspective", "cooperative", "affirmative")
DIRECTING = ("directive", "control")
MIN_RATIO = 2  # describing sentences per directing sentence, at least
MAX_TOPIC_CHARS = 60
BLANK = "____________"


class StorySentence(Frozen):
    type: SentenceType
    text: str


class SocialStoryRequest(Frozen):
    topic: str
    student_code: str


class SocialStoryMaterial(Frozen):
    kind: Literal["social-story"] = "social-story"
    title: str
    student_code: str
    sentences: tuple[StorySentence, ...]
    engine: EngineInfo = OFFLINE_ENGINE
    warnings: tuple[str, ...] = ()

    @property
    def counts(self) -> Counter:
        return Counter(sentence.type for sentence in self.sentences)


# A situation typed as a clause ("when the bell rings") reads wrongly in every template sentence.
CLAUSE_STARTS = frozenset({"when", "whenever", "if", "while", "during", "before", "after",
                           "because", "until", "once", "since", "as"})  # fmt: skip


def check_topic(topic: str) -> str:
    text = " ".join(topic.split()).rstrip(".")
    if not text:
        raise InputError("Give the story's situation (e.g. 'a fire drill', 'lining up for lunch').")
    if len(text) > MAX_TOPIC_CHARS:
        raise InputError(
            f"The situation is over {MAX_TOPIC_CHARS} characters: name it in a few words; the "
            "details go in the blanks."
        )
    first = text.split()[0].lower()
    if first in CLAUSE_STARTS:
        raise InputError(
            f"Name the situation itself, e.g. 'a substitute teacher' or 'a fire drill', not a "
            f"sentence starting '{first} ...': the story puts it into sentences such as "
            "'Sometimes at school there is a fire drill.'"
        )
    return text


def ratio(sentences: tuple[StorySentence, ...]) -> tuple[int, int]:
    """(describing, directing) sentence counts."""
    counts = Counter(sentence.type for sentence in sentences)
    return sum(counts[t] for t in DESCRIBING), sum(counts[t] for t in DIRECTING)


def check_ratio(sentences: tuple[StorySentence, ...]) -> None:
    """Refuse a story that directs more than it describes (Gray's ratio, at least 2 to 1)."""
    describing, directing = ratio(sentences)
    if directing == 0:
        raise InputError("The story has no coaching sentence: add one thing the student can try.")
    if describing < MIN_RATIO * directing:
        raise InputError(
            f"The story has {describing} describing sentences to {directing} directing ones: a "
            f"social story needs at least {MIN_RATIO} describing sentences for each directing "
            "one."
        )


def blank(label: str) -> str:
    return f"[{label}: {BLANK}]"


def template(topic: str) -> tuple[StorySentence, ...]:
    """The offline story: first person, the situation named, the particulars left as blanks."""
    lines: list[tuple[SentenceType, str]] = [
        ("descriptive", f"Sometimes at school there is {topic}."),
        ("descriptive", f"{topic[0].upper()}{topic[1:]} happens {blank('when or where')}."),
        ("descriptive", f"During {topic}, I may see or hear {blank('what I notice')}."),
        ("perspective", f"I might feel {blank('a feeling')}. That is okay."),
        ("perspective", f"{blank('An adult who helps')} wants me to be safe and calm."),
        ("affirmative", f"Many people feel that way about {topic}."),
        ("cooperative", f"{blank('That adult')} will help me by {blank('how they help')}."),
        ("directive", f"I can try to {blank('one thing I can do')}."),
        ("affirmative", "That is a good thing to do."),
        ("descriptive", f"When {topic} is over, {blank('what happens next')}."),
    ]
    return tuple(StorySentence(type=kind, text=text) for kind, text in lines)


def build(request: SocialStoryRequest) -> SocialStoryMaterial:
    sentences = template(request.topic)
    check_ratio(sentences)
    title = f"{request.topic[0].upper()}{request.topic[1:]}"
    return SocialStoryMaterial(
        title=title,
        student_code=request.student_code,
        sentences=sentences,
        warnings=(
            "Offline: a template with labelled blanks. Fill them in before reading the "
            "story with the student.",
        ),
    )
