"""A scripted model for small-group plans: answers a PlanContent request the way a good model
would, with practice for exactly the student codes named in the prompt, at their levels."""

from __future__ import annotations

import re

STUDENT_LINE = re.compile(r"^- (.+?): reading level grade (\w+) \(", re.MULTILINE)

MISCONCEPTIONS = [
    {"misconception": "Picks the first sentence as the main idea every time.",
     "looks_like": "Underlines sentence one without reading on.",
     "adult_move": "Ask: does every sentence tell more about this one? Reread together."},
    {"misconception": "Gives a detail instead of the main idea.",
     "looks_like": "Answers with one fact, such as a number or a name of a place.",
     "adult_move": "Say: that is one detail. What do all the details have in common?"},
    {"misconception": "Names the topic only, in one or two words.",
     "looks_like": "Writes 'bees' or 'the water cycle'.",
     "adult_move": "Say: what about bees? Use the starter 'This paragraph tells us that ...'."},
]  # fmt: skip


def codes_and_levels(body: dict) -> list[tuple[str, str]]:
    return STUDENT_LINE.findall(body["messages"][-1]["content"])


def practice_for(code: str, level: str, items: int = 4) -> dict:
    return {
        "student_code": code,
        "items": [
            {"prompt": f"Paragraph {n} (grade {level} text): what is the main idea?",
             "answer": f"The main idea of paragraph {n}.",
             "starter": "This paragraph is mostly about ..."}
            for n in range(1, items + 1)
        ],
    }  # fmt: skip


def plan_reply(pairs: list[tuple[str, str]], **overrides) -> dict:
    reply = {
        "objective": "Students will state the main idea of a paragraph and one supporting "
        "detail in 3 of 4 practice items.",
        "student_goal": "I can tell what a paragraph is mostly about.",
        "prerequisite": "Telling a detail from the topic.",
        "materials": ["Whiteboard and marker", "Three short paragraphs on cards"],
        "warm_up": "Sort three sentences into topic and detail.",
        "i_do_script": ["I read the paragraph once all the way through.",
                        "I ask myself: what do all the sentences tell about?",
                        "I say the main idea in my own words."],
        "we_do_script": ["Read paragraph two together.",
                         "Each student points to one detail.",
                         "Together, say what the details have in common."],
        "you_do": "Students find the main idea of short paragraphs on their pages.",
        "prompts": ["Wait five seconds.", "Point to the first and last sentence.",
                    "Say: what do these details have in common?", "Show how with paragraph one."],
        "misconceptions": MISCONCEPTIONS,
        "look_fors": ["Rereads before answering.", "Uses a detail to check the main idea."],
        "mid_check": {"question": "What is paragraph two mostly about?",
                      "answer": "How bees make honey.",
                      "if_not_yet": "Model one more paragraph, thinking aloud."},
        "exit_ticket": {"question": "This paragraph has no topic sentence. What is its main idea?",
                        "answer": "Bees work together to keep the hive alive.",
                        "starter": "The paragraph is mostly about ...",
                        "got_it": "States the unstated main idea in a sentence.",
                        "almost": "Names the topic or one detail only.",
                        "reteach": "Copies a sentence that is not the main idea."},
        "word_bank": ["main idea", "detail", "paragraph"],
        "next_steps": ["Got it: paragraphs with no topic sentence next time."],
        "practice": [practice_for(code, level) for code, level in pairs],
    }  # fmt: skip
    reply.update(overrides)
    return reply


def plan_responder(body: dict) -> dict:
    name = body["response_format"]["json_schema"]["name"]
    if name != "PlanContent":
        raise AssertionError(f"unexpected schema {name}")
    return plan_reply(codes_and_levels(body))
