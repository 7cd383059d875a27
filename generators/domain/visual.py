"""Visual supports: a picture schedule, a first-then board and a token board.

Each item is matched to a bundled symbol by the fixed vocabulary in `symbols`; an item with no
match is kept, to be drawn by hand in a labelled box. Limits keep each support on one page with
pictures large enough to read from a desk.
"""

from __future__ import annotations

import re
from typing import Literal

from generators.domain.common import OFFLINE_ENGINE, EngineInfo, Frozen
from generators.domain.symbols import CREDIT, SymbolMatch, match
from generators.errors import InputError

VisualType = Literal["schedule", "first-then", "token-board"]
VISUAL_TYPES: tuple[VisualType, ...] = ("schedule", "first-then", "token-board")
TITLES = {"schedule": "Picture schedule", "first-then": "First-then board",
          "token-board": "Token board"}  # fmt: skip
MAX_SCHEDULE_ITEMS = 6  # one portrait page with a 1.3-inch picture each
MIN_TOKENS, MAX_TOKENS, DEFAULT_TOKENS = 1, 10, 5
MAX_ITEM_CHARS = 40


def check_type(value: str) -> VisualType:
    key = value.strip().lower().replace("_", "-").replace(" ", "-")
    key = {"first-then-board": "first-then", "firstthen": "first-then", "tokens": "token-board",
           "token": "token-board", "visual-schedule": "schedule"}.get(key, key)  # fmt: skip
    if key not in VISUAL_TYPES:
        raise InputError(
            f"Unknown visual support '{value.strip()}': use schedule, first-then or token-board."
        )
    return key  # type: ignore[return-value]


def parse_items(text: str | None) -> tuple[str, ...]:
    """Items separated by commas, semicolons or new lines, in order, tidied."""
    if not text:
        return ()
    parts = (" ".join(part.split()) for part in re.split(r"[,;\n]", text))
    items = tuple(part for part in parts if part)
    for item in items:
        if len(item) > MAX_ITEM_CHARS:
            raise InputError(
                f"'{item[:30]}...' is over {MAX_ITEM_CHARS} characters: a schedule item is a few "
                "words (e.g. 'Reading', 'Wash hands')."
            )
    return items


def check_items(kind: VisualType, items: tuple[str, ...], reward: str | None) -> None:
    if kind == "schedule":
        if not items:
            raise InputError('A schedule needs its items, in order: e.g. "Reading, Math, Lunch".')
        if len(items) > MAX_SCHEDULE_ITEMS:
            raise InputError(
                f"{len(items)} schedule items: at most {MAX_SCHEDULE_ITEMS} fit one page with "
                "pictures large enough to read. Split the day into two schedules."
            )
    elif kind == "first-then" and len(items) != 2:
        raise InputError(
            f"A first-then board has exactly 2 items (first, then); {len(items)} given: "
            'e.g. "Math, iPad".',
        )
    elif kind == "token-board" and not (reward and reward.strip()):
        raise InputError(
            'A token board needs a reward, what the student works for: e.g. "iPad".',
        )


def check_tokens(tokens: int) -> int:
    if not MIN_TOKENS <= tokens <= MAX_TOKENS:
        raise InputError(
            f"{tokens} tokens: choose {MIN_TOKENS} to {MAX_TOKENS} (most boards use 3 to 5)."
        )
    return tokens


class VisualRequest(Frozen):
    type: VisualType
    student_code: str
    items: tuple[str, ...] = ()
    tokens: int = DEFAULT_TOKENS
    reward: str | None = None


class VisualMaterial(Frozen):
    kind: Literal["visual"] = "visual"
    type: VisualType
    student_code: str
    cards: tuple[SymbolMatch, ...]
    tokens: int
    reward: SymbolMatch | None
    token: SymbolMatch
    credit: str = CREDIT
    engine: EngineInfo = OFFLINE_ENGINE
    warnings: tuple[str, ...] = ()

    @property
    def title(self) -> str:
        return TITLES[self.type]


def build(request: VisualRequest) -> VisualMaterial:
    cards = tuple(match(item) for item in request.items)
    reward = match(request.reward) if request.reward else None
    unmatched = [card.item for card in (*cards, *([reward] if reward else [])) if not card.hexcode]
    warnings = []
    if unmatched:
        warnings.append(
            "No picture in the bundled set for: " + ", ".join(unmatched) + ". Each gets a "
            "labelled box to draw or glue a picture in."
        )
    return VisualMaterial(
        type=request.type,
        student_code=request.student_code,
        cards=cards,
        tokens=request.tokens,
        reward=reward,
        token=match("star"),
        warnings=tuple(warnings),
    )
