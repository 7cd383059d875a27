"""Offline items built from a text's own sentences: one builder for the worksheet and the quiz.

No model, no randomness. Every item's answer is determined by the text itself, and the builder
refuses items that a careful student could answer two ways:

- key terms are whole words as written, never a possessive ("colony's" counts as "colony"), and
  one word family gives one term (erupt, erupts, erupted and eruption are one term);
- a cloze blank is only made in a sentence that says enough to fix the word (three content
  words besides it) and that holds the word once;
- distractors are key terms of the same form as the answer (a past tense for a past tense, a
  plural for a plural), from other sentences, and never a term the text itself uses in the same
  frame as the answer ("swims in" / "grows in", "It swims" / "It grows"): such a word could fill
  the blank as well;
- a false statement changes one stated fact (a number, or a key term swapped for one that does
  not fit) and is checked against every other sentence so it cannot also be true;
- open questions are never repeated: each paragraph is asked about once, then the key terms.
"""

from __future__ import annotations

import itertools
import re
from dataclasses import dataclass
from functools import cached_property

from generators import textwork

CHOICES = 4
MIN_CONTEXT_WORDS = 3  # content words a cloze sentence needs besides the blank
MIN_SENTENCE_WORDS = 7
MAX_SENTENCE_WORDS = 40
MIN_ZIPF, MAX_ZIPF = 1.0, 4.5
BLANK = "_____"

_TOKEN = re.compile(r"[A-Za-z][A-Za-z'’-]*[A-Za-z]|[A-Za-z]|\d[\d,.]*\d|\d")


def word_set(words: str) -> frozenset[str]:
    """A set of words written as one string, for the word lists below."""
    return frozenset(words.split())


_POSSESSIVE = re.compile(r"(?:'s|’s|'|’)$")
_NUMBER_UNIT = re.compile(r"(?<![\w.,])(\d{1,3}(?:,\d{3})+|\d+(?:\.\d+)?)(\s+)([A-Za-z]+)?")
STOPWORDS = word_set(
    """a about above after again against all also am an and any are as at be because been before
    being below between both but by can could did do does doing down during each few for from
    further had has have having he her here hers herself him himself his how i if in into is it
    its itself just me more most my myself no nor not now of off on once only or other our ours
    out over own same she should so some such than that the their theirs them then there these
    they this those through to too under until up very was we were what when where which while
    who whom why will with would you your yours one two three many much every may might must
    shall soon even still however"""
)
WEAK_NEIGHBOURS = word_set(
    "a an the this that these those its their his her our your my and or but of"
)
NOUN_MARKERS = word_set(
    "a an the this these those its their his her our your my some many few several each every"
    " of with from into onto about through"
)
SUBJECT_PRONOUNS = word_set("it they he she we i you")
VERB_MARKERS = SUBJECT_PRONOUNS | word_set("to will would can could may might must should who")
_FORMS = (
    ("ing", ("ing",)),
    ("past", ("ed",)),
    ("adverb", ("ly",)),
    ("noun", ("tion", "sion", "ment", "ness", "ity", "ance", "ence", "ism", "ship", "hood")),
    ("adjective", ("ous", "ful", "ive", "able", "ible", "less", "ical", "ary", "ic", "al")),
    ("plural", ("s",)),
)
_SUFFIXES = ("ations", "ments", "ation", "ings", "ions", "ment", "ing", "ies", "ion", "ers",
             "ed", "es", "ly", "er", "s", "d")  # fmt: skip


# --- Words ---


def tokens(sentence: str) -> list[str]:
    """Words and numbers in order, lower case, possessive endings removed."""
    return [_POSSESSIVE.sub("", token.lower()) for token in _TOKEN.findall(sentence)]


def word_family(word: str) -> str:
    """A crude stem, enough to tell that erupt, erupts, erupted and eruption are one family.

    A suffix only comes off when what is left is itself a word ("butterfly" keeps its "ly")."""
    word = _POSSESSIVE.sub("", word.lower())
    for suffix in _SUFFIXES:
        if not word.endswith(suffix) or len(word) - len(suffix) < 3:
            continue
        stem = word[: -len(suffix)]
        doubled = stem[:-1] if len(stem) > 3 and stem[-1] == stem[-2] else ""
        for candidate in (doubled, stem + "y" if suffix == "ies" else stem, stem + "e"):
            if candidate and is_word(candidate):
                return candidate.removesuffix("e")
    return word.removesuffix("e") if len(word) > 3 else word


def is_word(text: str) -> bool:
    return len(text) >= 3 and textwork.zipf(text) >= 1.5


def word_form(word: str) -> str:
    """The word's grammatical form, read from its ending: distractors share the answer's form,
    so no choice is ruled out by grammar alone. An ending counts only on a real stem
    ("milkweed" is not a past tense)."""
    lower = word.lower()
    for form, endings in _FORMS:
        if form == "plural" and lower.endswith(("ss", "us", "is", "ous")):
            continue
        ending = next((e for e in endings if lower.endswith(e) and len(lower) > len(e) + 2), None)
        if ending is None:
            continue
        if form in ("past", "adverb", "ing", "plural") and word_family(lower) == lower.removesuffix(
            "e"
        ):
            continue  # nothing came off: the ending is part of the word itself
        return form
    return "base"


def content_words(sentence: str, *, without: str = "") -> list[str]:
    family = word_family(without) if without else None
    return [
        token
        for token in tokens(sentence)
        if len(token) >= 4
        and token not in STOPWORDS
        and not token[0].isdigit()
        and word_family(token) != family
    ]


@dataclass(frozen=True)
class Term:
    """A key term: the word as the text writes it (lower case), with where it first appears."""

    word: str
    sentence: str
    zipf: float

    @property
    def family(self) -> str:
        return word_family(self.word)

    @property
    def form(self) -> str:
        return word_form(self.word)


class Text:
    """A passage read once: its sentences, names, and each word's neighbours, for the checks."""

    def __init__(self, paragraphs: list[str]) -> None:
        self.paragraphs = [p for p in paragraphs if p.strip()]
        self.sentences = [
            sentence
            for paragraph in self.paragraphs
            for sentence in textwork.split_sentences(paragraph)
        ]

    @cached_property
    def names(self) -> frozenset[str]:
        """Words never written in lower case: names, which make poor vocabulary items. (Read
        from every occurrence, so "Helens" after "Mount St." is a name wherever the split falls.)"""
        lower, capital = set(), set()
        for raw in _TOKEN.findall(" ".join(self.paragraphs)):
            key = _POSSESSIVE.sub("", raw.lower())
            (capital if raw[0].isupper() else lower).add(key)
        return frozenset(capital - lower) | frozenset(textwork.proper_nouns(self.paragraphs))

    @cached_property
    def frames(self) -> dict[str, set[tuple[str, str]]]:
        """Each word family's neighbours in the text: ("L", word before) and ("R", word after)."""
        found: dict[str, set[tuple[str, str]]] = {}
        for sentence in self.sentences:
            words = tokens(sentence)
            for index, word in enumerate(words):
                frame = found.setdefault(word_family(word), set())
                if index > 0 and words[index - 1] not in WEAK_NEIGHBOURS:
                    frame.add(("L", words[index - 1]))
                if index + 1 < len(words) and words[index + 1] not in WEAK_NEIGHBOURS:
                    frame.add(("R", words[index + 1]))
        return found

    @cached_property
    def word_roles(self) -> dict[str, set[str]]:
        """How the text uses each word: as a noun (after "the", "a", "of", a number...) or as a
        verb (after "it", "they", "to", "will"...); a word may have both or neither."""
        found: dict[str, set[str]] = {}
        for sentence in self.sentences:
            words = tokens(sentence)
            for before, word in itertools.pairwise(words):
                if before in NOUN_MARKERS or before[0].isdigit():
                    found.setdefault(word, set()).add("noun")
                elif before in VERB_MARKERS:
                    found.setdefault(word, set()).add("verb")
        return found

    def roles(self, term: Term) -> set[str]:
        """The term's own uses, else those of its plain forms ("to erupt" makes "erupts" a
        verb; "eruption", a noun made from it, does not make it a noun)."""
        if self.word_roles.get(term.word):
            return self.word_roles[term.word]
        related = set()
        for word, roles in self.word_roles.items():
            plain = len(word) <= len(term.family) + 2  # erupt, erupts, erupted; not eruption
            if plain and word_family(word) == term.family:
                related |= roles
        return related

    def same_kind(self, one: Term, other: Term) -> bool:
        """Same form, and not a noun against a verb where the text shows how each is used."""
        mine, theirs = self.roles(one), self.roles(other)
        if one.form != other.form:
            return False
        if {"verb"} in (mine, theirs):  # a verb is matched only by a word the text uses as one
            return "verb" in mine and "verb" in theirs
        return not mine or not theirs or bool(mine & theirs)

    def sentences_with(self, word: str) -> list[str]:
        pattern = textwork.whole_word(word)
        return [sentence for sentence in self.sentences if pattern.search(sentence)]

    def paragraph_of(self, sentence: str) -> int:
        return next((n for n, p in enumerate(self.paragraphs, 1) if sentence in p), 1)


def key_terms(text: Text, count: int) -> list[Term]:
    """The passage's least common real words, one per word family, in passage order.

    Below Zipf 1.0 words are mostly typos or jargon nobody can work out from context; above 4.5
    every student knows them. Names, possessives and near-duplicates never become terms.
    """
    best: dict[str, Term] = {}
    order: list[str] = []
    for sentence in text.sentences:
        for word in tokens(sentence):
            if len(word) < 5 or not word.isalpha() or word in text.names or word in STOPWORDS:
                continue
            family = word_family(word)
            if family in best:
                continue
            score = textwork.zipf(word)
            if MIN_ZIPF <= score <= MAX_ZIPF:
                best[family] = Term(word=word, sentence=sentence, zipf=score)
                order.append(family)
    rarest = set(sorted(order, key=lambda family: best[family].zipf)[:count])
    return [best[family] for family in order if family in rarest]


# --- Checks that keep an item to one right answer ---


def blank_frame(sentence: str, word: str) -> set[tuple[str, str]]:
    """The blank's neighbours, in the same form as `Text.frames`."""
    words = tokens(sentence)
    index = words.index(word) if word in words else -1
    frame: set[tuple[str, str]] = set()
    if index > 0 and words[index - 1] not in WEAK_NEIGHBOURS:
        frame.add(("L", words[index - 1]))
    if 0 <= index < len(words) - 1 and words[index + 1] not in WEAK_NEIGHBOURS:
        frame.add(("R", words[index + 1]))
    return frame


def could_fill(candidate: Term, sentence: str, answer: Term, text: Text) -> bool:
    """True when the text gives reason to think `candidate` fits the answer's blank as well:
    the text uses it beside the blank's own neighbours, or in a frame the answer also has, or in
    the very sentence of the item."""
    if candidate.family == answer.family:
        return True
    theirs = text.frames.get(candidate.family, set())
    if theirs & blank_frame(sentence, answer.word):
        return True
    if theirs & text.frames.get(answer.family, set()):
        return True
    return textwork.whole_word(candidate.word).search(sentence) is not None


def good_cloze_sentence(sentence: str, answer: Term) -> bool:
    """Long enough to fix the word, holding it once, and not a question or a quotation."""
    words = tokens(sentence)
    families = [word_family(word) for word in words]
    return (
        MIN_SENTENCE_WORDS <= len(words) <= MAX_SENTENCE_WORDS
        and answer.word in words
        and families.count(answer.family) == 1
        and len(set(content_words(sentence, without=answer.word))) >= MIN_CONTEXT_WORDS
        and not sentence.rstrip().endswith("?")
        and words[max(words.index(answer.word) - 1, 0)] not in SUBJECT_PRONOUNS
    )  # "It _____ in the water": a verb after a bare pronoun is open to too many words


def distractors_for(answer: Term, sentence: str, terms: list[Term], text: Text) -> list[str]:
    """Up to three terms of the answer's form that the text gives no reason to fit the blank."""
    chosen: list[Term] = []
    for candidate in terms:
        if len(chosen) == CHOICES - 1:
            break
        if not text.same_kind(candidate, answer) or could_fill(candidate, sentence, answer, text):
            continue
        if any(could_fill(candidate, sentence, other, text) for other in chosen):
            continue  # two distractors in one frame would point at each other
        chosen.append(candidate)
    return [term.word for term in chosen]


# --- Items ---


@dataclass(frozen=True)
class ClozeChoice:
    """'Which word completes this sentence from the passage?' with four choices."""

    sentence: str
    blanked: str
    answer: str
    choices: tuple[str, ...]
    correct: int
    paragraph: int


@dataclass(frozen=True)
class TrueFalse:
    statement: str
    true: bool
    sentence: str  # the text's own sentence, which decides it
    changed: str = ""  # for a false statement: what was changed, for the rationale


@dataclass(frozen=True)
class Match:
    term: str
    blanked: str  # the term's sentence with a blank in its place
    sentence: str


@dataclass(frozen=True)
class OpenQuestion:
    kind: str  # "text_evidence" or "short_answer"
    prompt: str
    answer: str
    starter: str
    evidence: str | None
    dok: int


def place_correct(
    answer: str, distractors: list[str], position: int
) -> tuple[tuple[str, ...], int]:
    """Put the answer at `position` among the distractors (kept in their order), so the key's
    letters vary from item to item instead of always sorting the same way."""
    position = position % (len(distractors) + 1)
    choices = [*distractors]
    choices.insert(position, answer)
    return tuple(choices), position


def cloze_choices(
    text: Text, terms: list[Term], count: int, skip: set[str] = frozenset()
) -> list[ClozeChoice]:
    """Cloze multiple choice from the text's own sentences, at most one per sentence."""
    items: list[ClozeChoice] = []
    used_sentences: set[str] = set()
    for term in terms:
        if len(items) == count:
            break
        if term.word in skip:
            continue
        sentence = next(
            (
                s
                for s in text.sentences_with(term.word)
                if s not in used_sentences and good_cloze_sentence(s, term)
            ),
            None,
        )
        if sentence is None:
            continue
        distractors = distractors_for(term, sentence, terms, text)
        if len(distractors) < CHOICES - 1:
            continue
        choices, correct = place_correct(term.word, distractors, len(items) * 3 + 1)
        used_sentences.add(sentence)
        items.append(
            ClozeChoice(
                sentence=sentence,
                blanked=textwork.blank_out(sentence, term.word),
                answer=term.word,
                choices=choices,
                correct=correct,
                paragraph=text.paragraph_of(sentence),
            )
        )
    return items


def cloze_bank(
    text: Text, terms: list[Term], skip: set[str], skip_sentences: set[str]
) -> list[Match]:
    """Fill-in-the-blank items sharing one word bank: no bank word may fit another's blank."""
    items: list[Match] = []
    chosen: list[Term] = []
    for term in terms:
        if term.word in skip:
            continue
        sentence = next(
            (
                s
                for s in text.sentences_with(term.word)
                if s not in skip_sentences and good_cloze_sentence(s, term)
            ),
            None,
        )
        if sentence is None or any(
            could_fill(term, item.sentence, other, text) or could_fill(other, sentence, term, text)
            for item, other in zip(items, chosen, strict=True)
        ):
            continue
        skip_sentences = skip_sentences | {sentence}
        chosen.append(term)
        items.append(
            Match(
                term=term.word, blanked=textwork.blank_out(sentence, term.word), sentence=sentence
            )
        )
    return items


def matching(
    text: Text, terms: list[Term], count: int, skip: set[str] = frozenset()
) -> list[Match]:
    """Key terms to match with their sentences: the same rules as a word bank."""
    return cloze_bank(text, terms, skip, set())[:count]


# --- True or false from stated facts ---

PRONOUN_STARTS = word_set("it its they them their this these those he she his her that there")
TF_PATTERN = (True, False, False, True, False, True)  # mixed, and not guessable from position


def statement_sentences(text: Text, skip: set[str]) -> list[str]:
    """Sentences that state a fact on their own: not a question, not opening with a pronoun
    whose meaning is in the sentence before."""
    found = []
    for sentence in text.sentences:
        words = tokens(sentence)
        if sentence in skip or not MIN_SENTENCE_WORDS <= len(words) <= MAX_SENTENCE_WORDS:
            continue
        if sentence.rstrip().endswith("?") or words[0] in PRONOUN_STARTS:
            continue
        found.append(sentence)
    return found


def supported_elsewhere(statement: str, changed: str, original: str, text: Text) -> bool:
    """Would another sentence of the text make the changed statement true? Judged literally: a
    sentence that holds the new value and shares two content words with the statement."""
    context = set(content_words(statement)) - {changed.lower()}
    pattern = textwork.whole_word(changed)
    for sentence in text.sentences:
        if sentence == original or not pattern.search(sentence):
            continue
        if len(context & set(content_words(sentence))) >= 2:
            return True
    return False


def changed_number(sentence: str, text: Text) -> tuple[str, str, str] | None:
    """The sentence with one number changed: to another number the text uses with the same
    unit word, else to a value the text does not give for it. Returns (statement, old, new)."""
    for match in _NUMBER_UNIT.finditer(sentence):
        number, unit = match.group(1), (match.group(3) or "").lower()
        value = float(number.replace(",", ""))
        others = [
            m.group(1)
            for other in text.sentences
            for m in _NUMBER_UNIT.finditer(other)
            if (m.group(3) or "").lower() == unit and unit and m.group(1) not in sentence
        ]
        if others:
            new = others[0]
        elif 1000 <= value <= 2100 and "." not in number and "," not in number:
            new = str(int(value) - 10)  # a year ten years off
        else:
            new = f"{int(value * 2):,}" if value.is_integer() else f"{value * 2:g}"
        statement = sentence[: match.start(1)] + new + sentence[match.end(1) :]
        if not supported_elsewhere(statement, new, sentence, text):
            return statement, number, new
    return None


def swapped_term(sentence: str, terms: list[Term], text: Text) -> tuple[str, str, str] | None:
    """The sentence with a key term swapped for one of the same form that the text never uses in
    its frame. Returns (statement, old word, new word)."""
    for answer in terms:
        if answer.word not in tokens(sentence):
            continue
        for other in terms:
            nouns = "noun" in text.roles(answer) & text.roles(
                other
            )  # only nouns are swapped: a swapped verb reads as nonsense, not as a false fact
            if (
                nouns
                and other.form == answer.form
                and not could_fill(other, sentence, answer, text)
            ):
                statement = textwork.whole_word(answer.word).sub(other.word, sentence, count=1)
                if not supported_elsewhere(statement, other.word, sentence, text):
                    return statement, answer.word, other.word
    return None


def true_false(
    text: Text, terms: list[Term], count: int, skip: set[str] = frozenset()
) -> list[TrueFalse]:
    """Statements from the text: true ones as written, false ones with one fact changed."""
    items: list[TrueFalse] = []
    for sentence in statement_sentences(text, set(skip)):
        if len(items) == count:
            break
        if TF_PATTERN[len(items) % len(TF_PATTERN)]:
            if any(term.word in tokens(sentence) for term in terms) or _NUMBER_UNIT.search(
                sentence
            ):
                items.append(TrueFalse(statement=sentence, true=True, sentence=sentence))
            continue
        number = changed_number(sentence, text)
        if number:
            statement, old, new = number
            items.append(TrueFalse(statement, False, sentence, f"{old} changed to {new}"))
            continue
        swapped = swapped_term(sentence, terms, text)
        if swapped:
            items.append(
                TrueFalse(swapped[0], False, sentence, f"“{swapped[1]}” changed to “{swapped[2]}”")
            )
    return items


# --- Open questions, each asked once ---


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
