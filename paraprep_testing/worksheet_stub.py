"""A scripted model for worksheets: answers each request the way a good model would.

The stub server calls `worksheet_responder(body)` for every request; it answers by the JSON
schema asked for, and for a rewrite by the target grade named in the prompt.
"""

from __future__ import annotations

import re

from paraprep_testing.leveled_texts import BY_GRADE

CORE = {
    "title": "The Water Cycle",
    "vocabulary": [
        {"term": "evaporation", "definition": "When water warms up and turns into a gas.",
         "translation": None},
        {"term": "water vapor", "definition": "Water in the form of an invisible gas.",
         "translation": None},
        {"term": "condenses", "definition": "Turns from a gas back into liquid drops.",
         "translation": None},
        {"term": "groundwater", "definition": "Water stored under the ground.",
         "translation": None},
        {"term": "cycle", "definition": "Something that happens again and again in the same order.",
         "translation": None},
    ],
    "questions": [
        {"kind": "multiple_choice", "prompt": "What powers the water cycle?",
         "choices": ["The Moon", "Energy from the Sun", "Wind", "Plants"], "correct_choice": 1,
         "answer": "Energy from the Sun", "evidence": "The Sun makes it go.", "starter": None},
        {"kind": "multiple_choice", "prompt": "About how much evaporation happens over the oceans?",
         "choices": ["10 percent", "50 percent", "86 percent", "100 percent"],
         "correct_choice": 2, "answer": "86 percent",
         "evidence": "About 86 percent of it does.", "starter": None},
        {"kind": "short_answer", "prompt": "How do clouds form?",
         "choices": [], "correct_choice": None,
         "answer": "Rising air cools, and water vapor turns into tiny drops that gather as clouds.",
         "evidence": None, "starter": "Clouds form when ..."},
        {"kind": "text_evidence", "prompt": "Where does most water vapor come from? "
         "Copy a sentence from the text that shows it.",
         "choices": [], "correct_choice": None,
         "answer": "From the oceans: about 86 percent of evaporation happens over the oceans.",
         "evidence": "About 86 percent of this evaporation happens over the oceans.",
         "starter": "The text says ..."},
        {"kind": "short_answer", "prompt": "What happens to rain that soaks into the ground?",
         "choices": [], "correct_choice": None,
         "answer": "It becomes groundwater and can stay underground for a long time.",
         "evidence": None, "starter": "Rain that soaks in ..."},
        {"kind": "multiple_choice", "prompt": "What happens to warm air as it rises?",
         "choices": ["It cools", "It gets hotter", "It turns to ice", "It stops moving"],
         "correct_choice": 0, "answer": "It cools", "evidence": None, "starter": None},
    ],
}  # fmt: skip

GRADE_IN_PROMPT = re.compile(r"Target reading level: grade (\w+)")


def schema_name(body: dict) -> str:
    return body["response_format"]["json_schema"]["name"]


def first_user_message(body: dict) -> str:
    """The prompt itself: after a re-ask, the last message is the validation complaint."""
    return next(m["content"] for m in body["messages"] if m["role"] == "user")


def target_grade(body: dict) -> int:
    text = first_user_message(body)
    found = GRADE_IN_PROMPT.findall(text)
    return 0 if found[-1] == "K" else int(found[-1])


def passage_for(grade: int) -> dict:
    nearest = min(BY_GRADE, key=lambda known: abs(known - grade))
    return {"title": "The Water Cycle", "paragraphs": BY_GRADE[nearest].split("\n\n")}


def worksheet_responder(body: dict) -> dict:
    name = schema_name(body)
    if name == "WorksheetCore":
        return CORE
    if name == "Passage":
        return passage_for(target_grade(body))
    if name == "AnswerCheck":
        return all_supported(body)
    raise AssertionError(f"unexpected schema {name}")


def all_supported(body: dict) -> dict:
    """Answer a question check: every question in the prompt is supported."""
    return {"unsupported": []}
