"""A scripted model for `modify`: reads the assignment out of the prompt and answers the plan the
way a careful model would, so tests can check what ParaPrep does with a good (or bad) answer.

Correct answers are known for the fixtures' multiple-choice items (tests/fixtures/); any other
item gets null, as a model that is not sure should answer.
"""

from __future__ import annotations

import re

ANSWERS = {  # stem -> 0-based index of the correct choice
    "Which word best describes how the bees in a colony work?": 2,  # together
    "About how many flowers might a forager visit on one trip?": 1,  # 50 to 100
    "Which fraction is equivalent to 2/3?": 1,  # 4/6
    "Which fraction is equivalent to 1/4?": 0,  # 2/8
    "Which planet is largest?": 3,  # Jupiter
    "Which gas do plants take in?": 0,  # carbon dioxide
}
TERMS = ("forager", "proboscis", "honeycomb", "equivalent", "fraction", "nectar", "Simplify")

ITEM = re.compile(r"^\[item (\d+)\] \((multiple choice|fill in|written)\) \S+ (.*)$", re.M)
NEEDED = re.compile(r"^- (.+?): (.*)$", re.M)


def schema_name(body: dict) -> str:
    return body["response_format"]["json_schema"]["name"]


def user_text(body: dict) -> str:
    """The request's prompt: the first user message (a re-ask adds more after it)."""
    return next(m["content"] for m in body["messages"] if m["role"] == "user")


def needed(body: dict) -> dict[str, str]:
    return dict(NEEDED.findall(user_text(body).split("<source>")[0]))


def refs(value: str) -> set[int]:
    return {int(part) for part in re.findall(r"\d+", value)} if value[:1].isdigit() else set()


def items(body: dict) -> list[tuple[int, str, str]]:
    source = user_text(body).rsplit("<source>", 1)[1]
    return [(int(ref), kind, stem) for ref, kind, stem in ITEM.findall(source)]


def plan(body: dict, *, starter=None, keep=None) -> dict:
    """The plan a good model gives. `starter(ref, stem)` and `keep(items)` override parts."""
    asked = needed(body)
    starters = refs(asked["starters for written items"])
    answers = refs(asked["correct_choice (answers) for items"])
    found = items(body)
    source = user_text(body).rsplit("<source>", 1)[1]
    entries = []
    for ref, kind, stem in found:
        entries.append(
            {
                "ref": ref,
                "skill": skill(kind, stem),
                "correct_choice": ANSWERS.get(stem) if ref in answers else None,
                "starter": (starter or neutral_starter)(ref, stem) if ref in starters else None,
            }
        )
    wants_keep = asked["keep (fewer items)"] == "yes"
    return {
        "directions_steps": [
            "Read each question.",
            "Do the work the question asks for.",
            "Check each answer.",
        ]
        if asked["directions_steps"] == "yes"
        else [],
        "key_terms": [t for t in TERMS if t in source] if asked["key_terms"] == "yes" else [],
        "items": entries,
        "keep": (keep or first_of_each_skill)(entries) if wants_keep else [],
    }


def skill(kind: str, stem: str) -> str:
    if kind == "multiple choice":
        return "recall a detail"
    return "explain with evidence" if "Explain" in stem or "Why" in stem else "answer in writing"


def neutral_starter(ref: int, stem: str) -> str:
    return "I think the answer is ... because ..."


def first_of_each_skill(entries: list[dict]) -> list[int]:
    kept: dict[str, int] = {}
    for entry in entries:
        kept.setdefault(entry["skill"], entry["ref"])
    return sorted(kept.values())


def responder(body: dict) -> dict:
    name = schema_name(body)
    if name == "ModifyPlan":
        return plan(body)
    if name == "RewrittenText":
        return {"paragraphs": ["Bees live together.", "They make honey from nectar."]}
    raise AssertionError(f"unexpected schema {name}")
