"""Open questions from a text, each asked once: the offline worksheet's and quiz's written items.

A text-evidence question on the first paragraph, then each other paragraph's main idea once,
then what the text says about each key term, then the whole passage's main idea. A prompt is
never repeated: eight questions on a four-paragraph text do not ask about paragraph 2 twice.
"""

from __future__ import annotations

from dataclasses import dataclass

from generators import textwork
from generators.items import Term, Text


@dataclass(frozen=True)
class OpenQuestion:
    kind: str  # "text_evidence" or "short_answer"
    prompt: str
    answer: str
    starter: str
    evidence: str | None
    dok: int


def open_questions(
    text: Text, terms: list[Term], count: int, skip: set[str] = frozenset()
) -> list[OpenQuestion]:
    """A text-evidence question, then each paragraph's main idea once, then what the text says
    about each key term, then the whole passage's main idea: never the same question twice."""
    questions = [evidence_question(text)]
    for number, paragraph in enumerate(text.paragraphs[1:], 2):
        questions.append(main_idea_question(number, paragraph))
    for term in terms:
        if term.word not in skip:
            questions.append(term_question(term))
    if len(text.paragraphs) > 1:
        questions.append(whole_passage_question(text))
    unique: list[OpenQuestion] = []
    for question in questions:
        if question.prompt not in {q.prompt for q in unique}:
            unique.append(question)
    return unique[:count]


def evidence_question(text: Text) -> OpenQuestion:
    opening = textwork.first_words(text.paragraphs[0])
    return OpenQuestion(
        kind="text_evidence",
        prompt="Copy one sentence from paragraph 1 that tells something important. Then explain "
        "why it is important.",
        answer=f"Any sentence from paragraph 1 (it begins “{opening}”) with a reason that fits it.",
        starter="One important sentence is ... It is important because ...",
        evidence=None,
        dok=2,
    )


def main_idea_question(number: int, paragraph: str) -> OpenQuestion:
    return OpenQuestion(
        kind="short_answer",
        prompt=f"Reread paragraph {number}. What is the most important idea in this paragraph? "
        "Use a detail from the text.",
        answer=f"Answers will vary. Look for the main idea of paragraph {number} (it begins "
        f"“{textwork.first_words(paragraph)}”) supported by one of its details.",
        starter=f"In paragraph {number}, the most important idea is ...",
        evidence=None,
        dok=2,
    )


def term_question(term: Term) -> OpenQuestion:
    return OpenQuestion(
        kind="short_answer",
        prompt=f"What does the passage tell you about “{term.word}”? Use a detail from the text.",
        answer=f"A detail from the sentence that uses the word: “{term.sentence}”",
        starter="The passage tells me that ...",
        evidence=term.sentence,
        dok=1,
    )


def whole_passage_question(text: Text) -> OpenQuestion:
    return OpenQuestion(
        kind="short_answer",
        prompt="What is the whole passage mostly about? Give two details that show it.",
        answer="Answers will vary: the topic of the passage with two details from different "
        "paragraphs.",
        starter="The passage is mostly about ...",
        evidence=None,
        dok=2,
    )
