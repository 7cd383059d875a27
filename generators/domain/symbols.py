"""The picture vocabulary for visual supports: OpenMoji symbols (CC BY-SA 4.0), bundled as PNG.

An item gets a picture only when one of its words or phrases is in this list; the longest
phrase wins ("wash hands" before "wash"). Anything else gets a labelled box to draw in: a wrong
picture on a schedule teaches the wrong thing, so there is no guessing or fuzzy matching.
Only the symbols listed here are bundled (generators/assets/symbols/, made by
scripts/make_symbols.py from the openmoji npm package's SVGs).
"""

from __future__ import annotations

import re

from generators.domain.common import Frozen

CREDIT = (
    "Pictures: OpenMoji (openmoji.org), the open-source emoji and icon project. "
    "License: CC BY-SA 4.0."
)

# hexcode -> (OpenMoji name, the words and phrases that pick it)
VOCABULARY: dict[str, tuple[str, tuple[str, ...]]] = {
    "1F4D6": ("open book", ("read", "reading", "book", "books", "story", "story time", "ela")),
    "1F4DA": ("books", ("library", "library time")),
    "270F": ("pencil", ("write", "writing", "journal", "handwriting", "worksheet")),
    "1F4DD": ("memo", ("spelling", "test", "quiz", "homework")),
    "1F522": ("input numbers", ("math", "maths", "numbers", "number", "counting", "centers")),
    "1F4BB": ("laptop", ("computer", "computers", "laptop", "chromebook", "typing")),
    "E1CC": ("tablet", ("ipad", "tablet")),
    "1F37D": ("fork and knife with plate", ("lunch", "eat", "eating", "cafeteria", "breakfast")),
    "1F34E": ("red apple", ("snack", "snack time", "apple", "fruit")),
    "1F6DD": ("playground slide", ("recess", "playground", "slide", "play outside")),
    "1F333": ("deciduous tree", ("outside", "nature walk", "garden")),
    "1F6BD": ("toilet", ("bathroom", "toilet", "potty", "restroom")),
    "1F3B5": ("musical note", ("music", "sing", "singing", "song", "songs")),
    "1F3A8": (
        "artist palette",
        ("art", "paint", "painting", "draw", "drawing", "coloring", "colouring"),
    ),
    "26BD": ("soccer ball", ("pe", "p.e.", "gym", "soccer", "sports", "physical education")),
    "1F3C0": ("basketball", ("basketball",)),
    "1F68C": ("bus", ("bus", "bus ride", "ride the bus")),
    "1F3E0": ("house", ("home", "go home", "dismissal", "home time")),
    "1F392": ("backpack", ("backpack", "pack up", "unpack", "arrival", "cubby")),
    "1F52C": ("microscope", ("science", "experiment", "microscope")),
    "1F9FC": ("soap", ("wash hands", "handwashing", "hand washing", "wash", "soap")),
    "1FAA5": ("toothbrush", ("brush teeth", "toothbrush")),
    "1F92B": ("shushing face", ("quiet", "quiet time", "quiet voice")),
    "1F9E9": ("puzzle piece", ("puzzle", "puzzles")),
    "1FAE7": ("bubbles", ("bubbles",)),
    "2B50": ("star", ("star", "stars", "token", "tokens", "sticker", "stickers")),
    "1F6B6": ("person walking", ("walk", "walking", "hallway", "line up", "transition")),
    "1F9F9": ("broom", ("clean", "clean up", "cleanup", "tidy", "tidy up", "chores", "jobs")),
    "1F634": ("sleeping face", ("rest", "nap", "sleep", "rest time")),
    "1F6B0": ("potable water", ("water", "drink", "drink of water", "water break")),
    "1F5E3": (
        "speaking head",
        ("speech", "talk", "talking", "speech therapy", "share", "sharing"),
    ),
    "1F4C5": ("calendar", ("calendar", "morning meeting", "circle", "circle time", "meeting")),
    "1F3B2": ("game die", ("game", "games", "board game", "free time", "choice time")),
    "1F57A": ("man dancing", ("dance", "dancing", "movement", "move", "movement break")),
    "1F9D1-200D-1F3EB": ("teacher", ("teacher", "small group", "lesson", "group work")),
    "1F91D": ("handshake", ("friend", "friends", "partner", "partner work", "social skills")),
    "2702": ("scissors", ("cut", "cutting", "scissors", "craft", "crafts")),
    "1F9E5": ("coat", ("coat", "jacket", "coats")),
    "1F6CB": (
        "couch and lamp",
        ("break", "calm down", "calm corner", "sensory break", "relax", "cozy corner"),
    ),
    "1F9D8": ("person in lotus position", ("yoga", "breathing", "mindfulness", "stretch")),
    "1F3A7": ("headphone", ("listen", "listening", "headphones", "audiobook")),
    "1F4FA": ("television", ("video", "tv", "movie", "show")),
    "1F389": ("party popper", ("party", "celebrate", "celebration")),
    "1F36D": ("lollipop", ("candy", "treat", "lollipop")),
    "1F36A": ("cookie", ("cookie", "cookies")),
    "1F388": ("balloon", ("balloon", "balloons")),
    "1F9F8": ("teddy bear", ("teddy", "teddy bear", "toy", "toys", "stuffed animal")),
    "1F9F1": ("brick", ("blocks", "lego", "legos", "build", "building")),
    "1F44D": ("thumbs up", ("all done", "finished", "done", "good job")),
    "1F3C3": ("person running", ("run", "running", "race", "tag")),
    "1F4F1": ("mobile phone", ("phone", "phone time")),
    "1F368": ("ice cream", ("ice cream",)),
    "1F415": ("dog", ("dog", "therapy dog", "puppy")),
}


class SymbolMatch(Frozen):
    item: str  # the item as the user wrote it
    hexcode: str | None  # None: no picture, a box to draw in
    name: str | None = None


def _norm(text: str) -> str:
    return " ".join(re.sub(r"[^a-z0-9.'\s]+", " ", text.lower()).split())


def _index() -> list[tuple[str, str]]:
    pairs = [(_norm(phrase), code) for code, (_, words) in VOCABULARY.items() for phrase in words]
    return sorted(pairs, key=lambda pair: len(pair[0]), reverse=True)


_PHRASES = _index()


def match(item: str) -> SymbolMatch:
    """The item's picture: the longest listed phrase found in it as whole words, or none."""
    text = f" {_norm(item)} "
    for phrase, code in _PHRASES:
        if f" {phrase} " in text:
            return SymbolMatch(item=item, hexcode=code, name=VOCABULARY[code][0])
    return SymbolMatch(item=item, hexcode=None)
