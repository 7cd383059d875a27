"""A scripted model for quizzes and study guides: answers each request by the schema asked for,
the way a strong model fills it (real lengths, real content about the water cycle passages in
leveled_texts), and a rewrite by the target grade named in the prompt."""

from __future__ import annotations

import re

from worksheet_stub import first_user_message, passage_for, schema_name, target_grade


def mc(stem, choices, correct, rationale, source, dok=1):
    return {"kind": "multiple_choice", "stem": stem, "choices": choices,
            "correct_choice": correct, "pairs": [], "answer": choices[correct],
            "rationale": rationale, "source_sentence": source, "dok": dok}  # fmt: skip


def tf(stem, true, rationale, source, dok=1):
    return {"kind": "true_false", "stem": stem, "choices": ["True", "False"],
            "correct_choice": 0 if true else 1, "pairs": [], "answer": "True" if true else "False",
            "rationale": rationale, "source_sentence": source, "dok": dok}  # fmt: skip


def short(stem, answer, rationale, source, dok=2):
    return {"kind": "short_answer", "stem": stem, "choices": [], "correct_choice": None,
            "pairs": [], "answer": answer, "rationale": rationale, "source_sentence": source,
            "dok": dok}  # fmt: skip


MATCHING = {
    "kind": "matching",
    "stem": "Match each term with what it means in the passage.",
    "choices": [], "correct_choice": None,
    "pairs": [
        {"term": "evaporation", "description": "Liquid water changing into an invisible gas."},
        {"term": "water vapor", "description": "The invisible gas that rises from oceans."},
        {"term": "groundwater", "description": "Water that soaks into the soil and stays there."},
        {"term": "transpiration", "description": "Plants giving off vapor through their leaves."},
    ],
    "answer": "evaporation, water vapor, groundwater, transpiration",
    "rationale": "Each description restates how the passage explains the term.",
    "source_sentence": "When sunlight warms the surface of oceans, lakes, and rivers, liquid "
    "water absorbs energy and changes into an invisible gas called water vapor.",
    "dok": 1,
}  # fmt: skip

CORE = {
    "title": "The Water Cycle",
    "items": [
        mc("What powers the water cycle?", ["The Moon's pull", "Energy from the Sun",
           "Wind from the oceans", "Heat from inside Earth"], 1,
           "The passage says the cycle is powered almost entirely by energy from the Sun.",
           "Scientists call this endless journey the water cycle, and it is powered almost "
           "entirely by energy from the Sun."),
        mc("About how much of Earth's evaporation happens over the oceans?",
           ["About 15 percent", "About 50 percent", "About 69 percent", "About 86 percent"], 3,
           "The passage gives 86 percent for evaporation over the oceans; 69 percent is the "
           "share of fresh water held in ice.",
           "About 86 percent of the evaporation on our planet happens over the oceans."),
        mc("Why does water vapor turn into droplets as air rises?",
           ["The air gets cooler and holds less vapor", "The air gets saltier",
            "The Sun shines more strongly higher up", "Plants pull the vapor down"], 0,
           "Cooler air cannot hold as much water vapor, so the vapor condenses.",
           "Cooler air cannot hold as much water vapor, so the vapor condenses onto tiny "
           "particles of dust and salt and forms droplets.", dok=2),
        tf("Glaciers and ice sheets hold about 69 percent of Earth's fresh water.", True,
           "The passage states this number for glaciers and ice sheets.",
           "Glaciers and ice sheets hold about 69 percent of Earth's fresh water."),
        tf("Water that soaks into the soil leaves the ground within a few days.", False,
           "The passage says groundwater can stay underground for thousands of years.",
           "It can stay underground for thousands of years."),
        MATCHING,
        short("Explain how a cloud forms. Use two steps from the passage.",
              "Warm, moist air rises and cools; the vapor condenses into droplets that gather "
              "into clouds.",
              "A full answer names cooling and condensing, in order.",
              "Billions of droplets gather to form clouds.", dok=2),
        short("Why is the water cycle called a cycle? Use evidence from the passage.",
              "Because water keeps moving from the ocean to the sky, to the land and back to "
              "the ocean, where it begins again.",
              "A full answer explains that the journey returns to its start and repeats.",
              "The rest runs across the land into streams and rivers, which carry it back to the "
              "ocean so the cycle can begin again.", dok=3),
    ],
}  # fmt: skip

ALL_OF_THE_ABOVE = {
    "title": "The Water Cycle",
    "items": [dict(CORE["items"][0], choices=["The Moon's pull", "Energy from the Sun",
                                              "Wind from the oceans", "All of the above"]),
              *CORE["items"][1:]],
}  # fmt: skip

ITEM_LINE = re.compile(r"^(\d+)\. \[(\w+)\] (.*)$")
CHOICE_LINE = re.compile(r"^\s+choice \d+: (.*)$")
DESCRIPTION_LINE = re.compile(r"^\s+description \d+: (.*)$")


def simpler(text: str) -> str:
    """A plainer wording, as a model writing for a younger reader would give."""
    swaps = {"Explain how": "Tell how", "evidence": "facts", "approximately": "about",
             "Why does": "Why does", "powers": "makes go", "droplets": "tiny drops"}  # fmt: skip
    for old, new in swaps.items():
        text = text.replace(old, new)
    return text


def reworded(body: dict) -> dict:
    """Word the items the prompt lists for its grade: same order, same count of choices."""
    items, current = [], None
    for line in first_user_message(body).splitlines():
        if match := ITEM_LINE.match(line):
            current = {"number": int(match[1]), "stem": simpler(match[3]), "choices": [],
                       "descriptions": []}  # fmt: skip
            items.append(current)
        elif (match := CHOICE_LINE.match(line)) and current is not None:
            current["choices"].append(simpler(match[1]))
        elif (match := DESCRIPTION_LINE.match(line)) and current is not None:
            current["descriptions"].append(simpler(match[1]))
    return {"items": items}


STUDY_GUIDE = {
    "title": "The Water Cycle",
    "key_ideas": [
        "Water on Earth is always moving between the oceans, the sky and the land.",
        "The Sun's energy powers the cycle by turning water into water vapor.",
        "About 86 percent of evaporation happens over the oceans.",
        "Rising air cools, and the vapor condenses into drops that form clouds.",
        "Rain, snow and hail fall, soak into the ground or run back to the ocean.",
    ],
    "terms": [
        {"term": "evaporation", "definition": "When water is heated and turns into a gas.",
         "picture": "a pot of water with steam rising"},
        {"term": "water vapor", "definition": "Water in the form of a gas you cannot see.",
         "picture": "wavy lines rising over the sea"},
        {"term": "condenses", "definition": "Turns from a gas back into tiny drops of liquid.",
         "picture": "drops on a cold glass"},
        {"term": "groundwater", "definition": "Water stored in the soil and rock underground.",
         "picture": "rain soaking into the ground"},
        {"term": "transpiration", "definition": "When plants give off water vapor from leaves.",
         "picture": "a leaf with tiny drops"},
        {"term": "hydrosphere", "definition": "All the water on Earth.",
         "picture": "a globe"},
    ],
    "frayer": [
        {"term": "evaporation", "definition": "Liquid water changing into water vapor.",
         "characteristics": ["needs heat", "happens at the surface"],
         "examples": ["a puddle drying", "wet clothes drying"],
         "non_examples": ["ice melting", "rain falling"]},
        {"term": "condenses", "definition": "Changes from a gas into a liquid.",
         "characteristics": ["needs cooling", "makes drops"],
         "examples": ["clouds forming", "dew on grass"],
         "non_examples": ["water boiling", "snow melting"]},
    ],
    "self_check": [
        {"question": "What powers the water cycle?", "answer": "Energy from the Sun."},
        {"question": "Where does most evaporation happen?", "answer": "Over the oceans."},
        {"question": "What happens to water vapor when air cools?",
         "answer": "It condenses into tiny drops."},
        {"question": "What is groundwater?", "answer": "Water that soaks into the ground."},
    ],
}  # fmt: skip


def quiz_responder(body: dict) -> dict:
    name = schema_name(body)
    if name == "QuizCore":
        return CORE
    if name == "Passage":
        return passage_for(target_grade(body))
    if name == "LevelWording":
        return reworded(body)
    if name == "QuizCheck":
        return {"unsupported": [], "ambiguous": []}
    if name == "StudyGuideCore":
        return STUDY_GUIDE
    raise AssertionError(f"unexpected schema {name}")
