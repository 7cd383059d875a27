"""The shared offline item builder: every item has one right answer that the text decides.

The four faults a new user found in the offline worksheet each have a test here, run through
the worksheet itself (the builder's real user), on passages written for the purpose: repeated
questions, near-duplicate words, possessives as words, and cloze items with two right answers.
The built-in evaluation texts then check the same properties across twelve subjects.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from generators import api, items, textwork
from generators.evaluate import TEXTS_DIR
from generators.models import OfflineEngine
from generators.worksheet import make_request

FIXTURES = Path(__file__).resolve().parent / "fixtures"
EVAL_TEXTS = sorted(TEXTS_DIR.glob("*.txt"))


def fixture(name: str) -> str:
    return (FIXTURES / name).read_text()


def offline_worksheet(name: str, questions: int = 8):
    request = make_request(source_text=fixture(name), levels=(4,), questions=questions)
    return api.generate("worksheet", request, OfflineEngine())


def passage(path: Path) -> items.Text:
    return items.Text(textwork.split_title(path.read_text())[1])


# --- The four faults, through the worksheet ---


@pytest.mark.parametrize("name", ["coral_reef.txt", "island_volcano.txt"])
def test_eight_questions_on_four_paragraphs_never_repeat_a_question(name):
    material = offline_worksheet(name, questions=8)
    prompts = [question.prompt for question in material.questions]
    assert len(textwork.split_title(fixture(name))[1]) == 4
    assert len(prompts) == 8
    assert len(set(prompts)) == len(prompts)
    for number in range(1, 5):
        assert sum(f"paragraph {number}" in prompt for prompt in prompts) <= 1


def test_twenty_questions_stop_before_they_repeat():
    material = offline_worksheet("coral_reef.txt", questions=20)
    prompts = [question.prompt for question in material.questions]
    assert len(set(prompts)) == len(prompts)


def test_one_word_family_gives_one_word_item():
    """erupt, erupts, erupted and eruption(s) are one word: never two items or two choices."""
    material = offline_worksheet("island_volcano.txt")
    words = [entry.term for entry in material.vocabulary]
    words += [item.answer for item in material.cloze]
    for question in material.questions:
        words += question.choices
    families = {}
    for word in set(words):
        families.setdefault(items.word_family(word), set()).add(word)
    assert all(len(forms) == 1 for forms in families.values()), families
    assert len([w for w in {entry.term for entry in material.vocabulary} if "erupt" in w]) <= 1


def test_possessives_are_never_taken_as_words():
    material = offline_worksheet("coral_reef.txt")
    words = [entry.term for entry in material.vocabulary] + [i.answer for i in material.cloze]
    for question in material.questions:
        words += question.choices
    assert words and not [word for word in words if "'" in word or "’" in word]
    assert items.tokens("A coral colony’s skeleton and the colony's cups") == [
        "a", "coral", "colony", "skeleton", "and", "the", "colony", "cups",
    ]  # fmt: skip


def test_no_cloze_item_has_two_right_answers():
    """'It _____ in the water': swims / grows. The coral text has both verbs in that frame."""
    text = items.Text(textwork.split_title(fixture("coral_reef.txt"))[1])
    terms = {t.word: t for t in items.key_terms(text, 30)}
    swims, grows = terms["swims"], terms["grows"]
    assert swims.form == grows.form  # the same kind: grammar alone cannot rule either out
    sentence = "It swims in the water for a few days."
    assert sentence in text.sentences
    assert not items.good_cloze_sentence(sentence, swims)  # a bare pronoun leaves it open
    # "coral grows in clear water": the text uses grows where swims stands, so it could fill
    assert items.could_fill(grows, "A larva swims in the water for days.", swims, text)
    assert "grows" not in items.distractors_for(
        swims, "A larva swims in the water.", list(terms.values()), text
    )
    material = offline_worksheet("coral_reef.txt")
    blanks = [q.prompt for q in material.questions if q.kind == "multiple_choice"]
    blanks += [item.text for item in material.cloze]
    assert blanks
    assert not [blank for blank in blanks if "It _____" in blank]
    bank = [item.answer for item in material.cloze]
    for item in material.cloze:
        for other in bank:
            if other != item.answer:
                sentence = textwork.blank_out(item.text.replace("_____", item.answer), item.answer)
                assert not items.could_fill(terms[other], sentence, terms[item.answer], text)


# --- The same properties on the built-in texts ---


@pytest.mark.parametrize("path", EVAL_TEXTS, ids=lambda p: p.stem[:2])
def test_cloze_choices_have_one_answer_of_the_same_kind(path):
    text = passage(path)
    terms = items.key_terms(text, 14)
    choices = items.cloze_choices(text, terms, 4)
    for item in choices:
        assert len(set(item.choices)) == items.CHOICES
        assert item.choices[item.correct] == item.answer
        assert textwork.blank_out(item.sentence, item.answer) == item.blanked
        assert "_____" in item.blanked and item.sentence in " ".join(text.paragraphs)
        answer = next(t for t in terms if t.word == item.answer)
        frame = items.blank_frame(item.sentence, item.answer)
        for word in item.choices:
            if word == item.answer:
                continue
            other = next(t for t in terms if t.word == word)
            assert other.form == answer.form
            assert other.family != answer.family
            assert not text.frames.get(other.family, set()) & frame
            assert not textwork.whole_word(word).search(item.sentence)
    if len(choices) >= 3:
        assert len({item.correct for item in choices}) >= 3  # the key's letters vary


@pytest.mark.parametrize("path", EVAL_TEXTS, ids=lambda p: p.stem[:2])
def test_true_false_statements_are_decided_by_the_text(path):
    text = passage(path)
    statements = items.true_false(text, items.key_terms(text, 14), 6)
    assert statements
    assert {s.true for s in statements} == {True, False} or len(statements) == 1
    for statement in statements:
        assert statement.sentence in text.sentences
        if statement.true:
            assert statement.statement == statement.sentence
        else:
            assert statement.statement != statement.sentence and statement.changed
            assert statement.statement not in text.sentences


@pytest.mark.parametrize("path", EVAL_TEXTS, ids=lambda p: p.stem[:2])
def test_matching_sentences_hold_only_their_own_word(path):
    text = passage(path)
    terms = items.key_terms(text, 14)
    pairs = items.matching(text, terms, 5)
    words = [pair.term for pair in pairs]
    assert len(set(words)) == len(words)
    for pair in pairs:
        assert pair.blanked.count("_____") == 1
        for other in words:
            if other != pair.term:
                assert not textwork.whole_word(other).search(pair.blanked)


def test_word_families_and_forms():
    same = [("erupt", "erupts"), ("erupts", "erupted"), ("erupt", "eruption"),
            ("colony", "colonies"), ("colony's", "colony"), ("butterfly", "butterflies"),
            ("hop", "hopped")]  # fmt: skip
    for one, other in same:
        assert items.word_family(one) == items.word_family(other), (one, other)
    assert items.word_family("butterfly") != items.word_family("butter")
    assert items.word_form("milkweed") == "base"  # not a past tense
    assert items.word_form("erupted") == "past"
    assert items.word_form("eruption") == "noun"
