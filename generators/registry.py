"""Material kinds by name. The CLI and the app list kinds from here, never from their own lists.

Adding a kind is one module, its prompt templates, and one `register(...)` line below.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from generators.errors import InputError


@dataclass(frozen=True)
class MaterialKind:
    name: str
    title: str
    description: str
    generate: Callable[..., Any]  # (request, model, progress) -> material
    render: Callable[[Any], list]  # material -> list[RenderedDocument]


_KINDS: dict[str, MaterialKind] = {}


def register(kind: MaterialKind) -> None:
    _KINDS[kind.name] = kind


def kinds() -> list[MaterialKind]:
    return list(_KINDS.values())


def get(name: str) -> MaterialKind:
    if name not in _KINDS:
        raise InputError(f"Unknown material kind '{name}'. Known kinds: {', '.join(_KINDS)}.")
    return _KINDS[name]


def _register_builtin() -> None:
    from generators import worksheet
    from generators.render import worksheet as worksheet_render

    register(
        MaterialKind(
            name="worksheet",
            title="Leveled worksheet",
            description="One passage at several reading levels, shared questions, answer key.",
            generate=worksheet.generate,
            render=worksheet_render.render,
        )
    )
    _register_small_group_and_data_sheet()
    _register_modify()
    _register_behavior_and_visual()


def _register_small_group_and_data_sheet() -> None:
    from generators import data_sheet, small_group
    from generators.render import data_sheet as data_sheet_render
    from generators.render import small_group as small_group_render

    register(
        MaterialKind(
            name="group-plan",
            title="Small-group plan",
            description="Teacher/para plan, para run sheet and a page per student, timed.",
            generate=small_group.generate,
            render=small_group_render.render,
        )
    )
    register(
        MaterialKind(
            name="data-sheet",
            title="IEP progress data sheet",
            description="Trial-by-trial grid for one IEP goal (offline, no model needed).",
            generate=data_sheet.generate,
            render=data_sheet_render.render,
        )
    )


def _register_modify() -> None:
    from generators import modify
    from generators.render import modify as modify_render

    register(
        MaterialKind(
            name="modify",
            title="Modified assignment",
            description="An existing assignment reworked for a student's accommodations, "
            "with a change ledger.",
            generate=modify.generate,
            render=modify_render.render,
        )
    )


def _register_behavior_and_visual() -> None:
    from generators import behavior_sheet, progress_graph, visual
    from generators.render import behavior as behavior_render
    from generators.render import graph as graph_render
    from generators.render import visual as visual_render

    register(
        MaterialKind(
            name="behavior-sheet",
            title="Behaviour data sheet",
            description="ABC, frequency, duration, latency, interval, time-sampling or "
            "scatterplot recording, one landscape page (offline).",
            generate=behavior_sheet.generate,
            render=behavior_render.render,
        )
    )
    register(
        MaterialKind(
            name="graph",
            title="Progress graph",
            description="Entered session data as a line graph with phase, aim and trend lines, "
            "and the decision it shows (offline).",
            generate=progress_graph.generate,
            render=graph_render.render,
        )
    )
    register(
        MaterialKind(
            name="visual",
            title="Visual support",
            description="Picture schedule, first-then board or token board with OpenMoji "
            "pictures, to cut out (offline).",
            generate=visual.generate,
            render=visual_render.render,
        )
    )
    from generators import social_story
    from generators.render import social_story as social_story_render

    register(
        MaterialKind(
            name="social-story",
            title="Social story",
            description="A first-person story about one situation, describing more than it "
            "directs; offline, a template with labelled blanks.",
            generate=social_story.generate,
            render=social_story_render.render,
        )
    )


_register_builtin()
