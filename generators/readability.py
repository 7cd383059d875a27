"""Estimate the US grade level (K-12, K = 0) of a prose passage, offline, with a range.

One scale, a function of the text alone: the same passage gets the same grade on the teacher
copy, in the app, in `paraprep level` and in the evaluation, whatever grade it was written for.

How the grade is made (see README, "Reading levels", and BENCHMARKS.md for the agreement with
teachers):

* Three classic formulas, with their authors' counting rules (generators.familiar): Spache
  (1953, normed on primary readers), New Dale-Chall (Dale & Chall 1948 / Chall & Dale 1995,
  normed from grade 4 up) and Flesch-Kincaid (syllables instead of a word list).
* New Dale-Chall as its authors wrote it: 0.1579 x %difficult + 0.0496 x words per sentence +
  3.6365, always. The popular "add 3.6365 only above 5% difficult words" rule (Wikipedia,
  textstat) makes a 3.7-grade jump at 5%: one excerpt more or less in a list changes the grade
  by four. The raw score goes through the published grade table as a continuous line (5.0-5.9 ->
  grades 5-6 means 5.0 up to 7.0, ...); below 5.0 the table only says "4 and below", so the line
  continues with the table's own slope of two grades per point.
* The word-list grade blends Spache and New Dale-Chall by where the text is, never by the target:
  Spache alone while New Dale-Chall says grade 4 or below (the table cannot tell those grades
  apart), New Dale-Chall alone from grade 6 (where Spache, normed on grades 1-3, has nothing to
  say), and a linear mix across the 4-6 span between. The blend is continuous, so there is no
  step at the grade 3/4 line, or anywhere.
* The estimate is that word-list grade. Flesch-Kincaid widens the range (low-high) and is
  reported in `scores`: syllable counts agree with teachers less well than word familiarity
  (on the CLEAR sample, Spearman 0.54-0.56 against 0.61-0.65), so it is a second opinion, not a
  vote. The range spans the formulas in play at that level, the estimate always inside it.

How this was chosen, honestly: no weight or threshold was fitted to rating data. The ramp
follows the formulas' published norming ranges; the modern word list has the Dale list's size.
The CLEAR development file was used to check candidates that were each set on such grounds
first, and the report says which were dropped: Flesch-Kincaid at one third of the estimate (the
previous design) ranked texts less well (0.63); modern lists of 1,000 or 2,000 words were
looked at and not taken (no reason to prefer them but the data); a Spache stand-in of Spache's
own size was dropped because it put a grade-1 text at 2.4. The other half of CLEAR, kept apart
by the project, is the independent check.

Known weaknesses: Spache reads about 1.5 grades below New Dale-Chall where the two meet, so
across grades 4-6 the estimate moves faster than either formula (a few word choices can move a
grade-5 draft by a grade). Kindergarten text cannot measure below about 1.5 (Spache's floor with
real sentences), so a K version is reported as it measures. Above about grade 8 the scale reads
lower than Flesch-Kincaid (the modern list counts academic words such as "system" as familiar).

Counting (generators.familiar): list words and their regular inflections, numerals, names (whole
and multi-word) and terms the passage explains are familiar; Spache counts each unfamiliar word
once per 100-word sample, New Dale-Chall every use. Sentences are split with pysbd, so "Mount St.
Helens" and "9 a.m." stay whole; textstat's sentence counter, which drops sentences of two words
or fewer, is not used. Zero-width characters are removed first. Only textstat's word list and
syllable counter (through its backend, with an explicit language) are used: nothing global is read
or changed, so `measure` may be called from several threads.

Limits: every formula sees only surface features (sentence length, familiar or short words).
None of them sees concept load, background knowledge, text structure or cohesion, so treat the
result as +/- 1 grade at best. Under 100 words the estimate is marked low-confidence. Poems,
lists, dialogue-heavy text and text in Title Case or ALL CAPS measure poorly; text that is not
English gets a note instead of a confident grade.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from itertools import pairwise

from pydantic import BaseModel, ConfigDict

from generators import familiar, textwork
from generators.familiar import drop_possessive, normalize, syllables_in

MAX_GRADE = 16.0  # the New Dale-Chall table tops out at "college graduate"
CONFIDENT_WORDS = 100  # the formulas were normed on 100-word samples
DISAGREEMENT_NOTE = 3.0  # grades between the formulas worth telling the user about
SPACHE_UNTIL, DALE_CHALL_FROM = 4.0, 6.0  # the blend's span, on New Dale-Chall's grade
IN_BAND = 1.0  # grades either side of the target
NOT_ENGLISH = (
    "This text does not look like English: the formulas measure English only, so its grade "
    "means nothing here."
)

# The one sentence a teacher reads about the scale (teacher copy, app, README).
SCALE_NOTE = (
    "Reading level is one estimate from the text alone (New Dale-Chall and Spache word-list "
    "formulas, blended; Flesch-Kincaid widens the range), the same whatever grade was asked "
    "for. In band means the estimate is within one grade of the target grade."
)

# (raw New Dale-Chall score, grade) knots of the published table, read as continuous grade
# ranges: 5.0-5.9 -> grades 5-6 means grade 5.0 up to 7.0, ..., 9.0-9.9 -> 13-15 up to 16.0.
# Below 5.0 ("grade 4 and below") the table's slope of 2 grades per point continues to 0.
_NDC_KNOTS = ((2.5, 0.0), (5.0, 5.0), (6.0, 7.0), (7.0, 9.0), (8.0, 11.0), (9.0, 13.0))
_NDC_TOP = (10.0, MAX_GRADE)


class ReadingEstimate(BaseModel):
    """A grade level with the range the formulas span."""

    model_config = ConfigDict(frozen=True)

    grade: float  # the estimate, 0..16 (0 = K), 1 decimal
    low: float
    high: float
    primary: str  # which formulas the estimate rests on: "spache", "new-dale-chall" or a blend
    scores: dict[str, float]  # grade equivalents: "spache", "new-dale-chall", "flesch-kincaid"
    words: int
    sentences: int
    confident: bool
    note: str | None = None

    def label(self) -> str:
        """Format for people, e.g. 'grade 5.2 (range 4.6-6.1)' or 'grade K (range K-1.2)'."""
        low, high = format_grade(self.low), format_grade(self.high)
        return f"grade {format_grade(self.grade)} (range {low}-{high})"

    def within(self, target: int, tolerance: float = IN_BAND) -> bool:
        """Say whether the estimate is in band: within `tolerance` grades of `target`."""
        return abs(self.grade - target) <= tolerance + 1e-9  # grades are rounded to 0.1


def format_grade(grade: float) -> str:
    """Write a grade as teachers do: 'K' below 0.5, else one decimal."""
    return "K" if grade < 0.5 else f"{grade:.1f}"


def measure(text: str, glossed: Iterable[str] = ()) -> ReadingEstimate:
    """Measure the prose in `text`: a function of the text (and its glossary) alone.

    Headings, questions and answer choices are left out. A text that is only a list is measured
    item by item, with a note. `glossed` are terms the packet's vocabulary list explains: they
    count as familiar after their first use. Raises ValueError("no prose to measure") only when
    no word is left at all.
    """
    text = textwork.strip_invisible(text)
    notes = []
    prose = prose_only(text)
    if not prose:
        prose = list_items(text)
        if prose:
            notes.append("No paragraphs: the list items were measured as sentences (rough).")
    sentences = split_sentences(prose)
    if not sentences:
        raise ValueError("no prose to measure")
    counts = Counts.of(sentences, prose, familiar.glossed_forms(glossed))
    estimate = build_estimate(counts, notes)
    if familiar.english_share(w for s in sentences for w in s) < familiar.ENGLISH_SHARE:
        return estimate.model_copy(update={"confident": False, "note": NOT_ENGLISH})
    return estimate


class Counts:
    """The counts every formula needs, made once: words, sentences, syllables, unfamiliar."""

    def __init__(
        self, sentences: list[list[str]], flags: list[list[bool]], hard: list[list[bool]]
    ) -> None:
        self.sentences = sentences
        self.words = sum(len(sentence) for sentence in sentences)
        self.unfamiliar = flags  # per word: not familiar by Dale's list (Spache's stand-in)
        self.hard = hard  # per word: not familiar by the modernised Dale list (New Dale-Chall)
        self.difficult = sum(map(sum, hard))

    @classmethod
    def of(cls, sentences: list[list[str]], prose: str, glossed: frozenset[str]) -> Counts:
        names = familiar.find_names(sentences)
        taught = glossed | {term for _, term in familiar.explained_terms(prose)}
        taught = frozenset(taught)
        seen: set[str] = set()
        flags: list[list[bool]] = []
        hard: list[list[bool]] = []
        for sentence in sentences:
            pairs = [word_flags(word, names, taught, seen) for word in sentence]
            flags.append([spache for spache, _ in pairs])
            hard.append([dale for _, dale in pairs])
        return cls(sentences, flags, hard)

    @property
    def per_sentence(self) -> float:
        return self.words / len(self.sentences)


def word_flags(
    word: str, names: frozenset[str], taught: frozenset[str], seen: set[str]
) -> tuple[bool, bool]:
    """(unfamiliar by Dale's list for Spache, by the modernised list for New Dale-Chall).

    A taught term is familiar from its second use on: its first use is where it is explained.
    """
    if drop_possessive(word) in names or is_abbreviation(word):
        return False, False
    lower = normalize(word)
    if taught and familiar.matches_term(lower, taught):
        key = lower.rstrip("s")
        if key in seen:
            return False, False
        seen.add(key)
    old = not familiar.is_familiar_form(lower)
    return old, old and not familiar.is_familiar_form(lower, modern=True)


def uncommon_words(text: str, glossed: Iterable[str] = ()) -> list[str]:
    """The words of `text` New Dale-Chall counts as unfamiliar, in order, each once.

    Names, numbers and taught terms after their first use are not among them. Spache's shorter
    list would also name everyday words ("travel", "energy") that no rewrite should avoid.
    """
    text = textwork.strip_invisible(text)
    prose = prose_only(text) or list_items(text)
    sentences = split_sentences(prose)
    if not sentences:
        return []
    counts = Counts.of(sentences, prose, familiar.glossed_forms(glossed))
    found: dict[str, str] = {}
    for sentence, flags in zip(counts.sentences, counts.hard, strict=True):
        for word, hard in zip(sentence, flags, strict=True):
            if hard:
                found.setdefault(normalize(word), word)
    return list(found.values())


def is_abbreviation(word: str) -> bool:
    """Dotted abbreviations ("U.S.", "a.m.") are read letter by letter, not as hard words."""
    return word.count(".") >= 2


def build_estimate(counts: Counts, notes: list[str]) -> ReadingEstimate:
    """Blend the word-list formulas by where the text is; Flesch-Kincaid widens the range."""
    spache = clamp(spache_grade(counts))
    dale = clamp(dale_chall_grade(new_dale_chall_raw(counts)))
    kincaid = clamp(flesch_kincaid_grade(counts))
    weight = spache_weight(dale)
    grade = weight * spache + (1 - weight) * dale
    in_play = [spache] * (weight > 0) + [dale] * (weight < 1) + [kincaid, grade]
    if counts.words < CONFIDENT_WORDS:
        notes.append(f"Short text ({counts.words} words): estimate is rough.")
    spread = max(in_play) - min(in_play)
    if spread > DISAGREEMENT_NOTE:
        notes.append(f"Formulas disagree by {spread:.1f} grades.")
    return ReadingEstimate(
        grade=round(grade, 1),
        low=round(min(in_play), 1),
        high=round(max(in_play), 1),
        primary=primary_name(weight),
        scores={
            "spache": round(spache, 1),
            "new-dale-chall": round(dale, 1),
            "flesch-kincaid": round(kincaid, 1),
        },
        words=counts.words,
        sentences=len(counts.sentences),
        confident=counts.words >= CONFIDENT_WORDS,
        note=" ".join(notes) or None,
    )


def spache_weight(dale: float) -> float:
    """Spache's share of the word-list grade: 1 up to grade 4, 0 from grade 6, linear between."""
    return min(1.0, max(0.0, (DALE_CHALL_FROM - dale) / (DALE_CHALL_FROM - SPACHE_UNTIL)))


def primary_name(weight: float) -> str:
    if weight >= 1:
        return "spache"
    if weight <= 0:
        return "new-dale-chall"
    return f"spache {weight:.0%} + new-dale-chall {1 - weight:.0%}"


def clamp(grade: float) -> float:
    """Keep a grade equivalent on the K..college scale the table defines."""
    return min(max(grade, 0.0), MAX_GRADE)


# --- formulas -----------------------------------------------------------------------------


def dale_chall_grade(raw: float) -> float:
    """Map a raw New Dale-Chall score to a grade: continuous, monotonic, through the table."""
    knots = (*_NDC_KNOTS, _NDC_TOP)
    if raw >= knots[-1][0]:
        return knots[-1][1]  # "college graduate" is open-ended; the scale stops there
    if raw < knots[0][0]:
        return 0.0
    (x0, y0), (x1, y1) = next(pair for pair in pairwise(knots) if raw < pair[1][0])
    return max(0.0, y0 + (raw - x0) * (y1 - y0) / (x1 - x0))


def new_dale_chall_raw(counts: Counts) -> float:
    """Raw New Dale-Chall: 0.1579 x %difficult + 0.0496 x ASL + 3.6365 (Dale & Chall 1948)."""
    percent = 100 * counts.difficult / counts.words
    return 0.1579 * percent + 0.0496 * counts.per_sentence + 3.6365


def spache_grade(counts: Counts) -> float:
    """Spache, averaged over ~100-word samples, weighted by their length.

    Spache counts each unfamiliar word once, so on one long sample the percentage falls as
    the text grows: the three sample articles repeated to 34,000 words read 3.2 as one sample
    and 4.2 sampled, as each article alone does. The formula was normed on 100-word samples.
    """
    rows = list(zip(counts.sentences, counts.unfamiliar, strict=True))
    return sum(
        spache_sample(sample) * sum(len(words) for words, _ in sample) / counts.words
        for sample in samples(rows)
    )


def spache_sample(sample: list[tuple[list[str], list[bool]]]) -> float:
    """Spache on one sample: 0.141 * ASL + 0.086 * %unique-unfamiliar + 0.839 (1953)."""
    words = sum(len(sentence) for sentence, _ in sample)
    unfamiliar = {
        normalize(word)
        for sentence, flags in sample
        for word, flag in zip(sentence, flags, strict=True)
        if flag
    }
    return 0.141 * (words / len(sample)) + 0.086 * (100 * len(unfamiliar) / words) + 0.839


def samples(rows: list) -> list[list]:
    """Cut whole sentences into samples of at least 100 words; a short tail joins the last."""
    cut: list[list] = [[]]
    filled = 0  # words in the last sample
    for row in rows:
        if filled >= CONFIDENT_WORDS:
            cut.append([])
            filled = 0
        cut[-1].append(row)
        filled += len(row[0])
    if len(cut) > 1 and filled < CONFIDENT_WORDS // 2:
        cut[-2].extend(cut.pop())
    return cut


def flesch_kincaid_grade(counts: Counts) -> float:
    """Flesch-Kincaid grade from the same word and sentence counts as the word-list formulas."""
    syllables = sum(syllables_in(word) for sentence in counts.sentences for word in sentence)
    return 0.39 * counts.per_sentence + 11.8 * (syllables / counts.words) - 15.59


# --- sentences ----------------------------------------------------------------------------

# Numbers first so "50,000" and "3.5" stay one word, and dotted abbreviations ("U.S.");
# then words with inner apostrophes and hyphens ("colony's", "tube-shaped"), which the
# formulas count as one word each.
_WORD = re.compile(
    r"\d+(?:[.,:]\d+)*(?:[^\W\d_]+)?"
    r"|(?:[^\W\d_]\.){2,}"
    r"|[^\W_]+(?:['\u2019][^\W_]+)*(?:-[^\W_]+(?:['\u2019][^\W_]+)*)*"
)


def split_sentences(prose: str) -> list[list[str]]:
    """Split prose into sentences of words; a paragraph end always ends a sentence."""
    sentences = []
    for paragraph in re.split(r"\n\s*\n", prose):
        for sentence in textwork.split_sentences(paragraph):
            words = _WORD.findall(sentence)
            if words:
                sentences.append(words)
    return sentences


def list_items(text: str) -> str:
    """The text of a list's items without their markers, one item a paragraph."""
    items = [_ITEM.sub("", line.strip()) for line in text.splitlines() if _ITEM.match(line.strip())]
    return "\n\n".join(item for item in items if any(char.isalpha() for char in item))


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
