"""What the plan and the run sheet both say, worked out from the material: file stem, the
group, the decision rule, what each pile of the exit-ticket sort looks like, when to check.
Shared by render/small_group.py and render/run_sheet.py, so the two copies cannot disagree.
"""

from __future__ import annotations

from generators.domain.small_group import PlanContent, SmallGroupMaterial
from generators.render.docx_base import slug

# The sort's meaning: the same for every skill, so filled in offline too.
SORT_MEANS = {
    "Got it": "Correct on the hardest case, on their own.",
    "Almost": "Right idea or method with one slip, or correct only after a prompt.",
    "Re-teach": "Wrong method or no answer.",
}


def stem(material: SmallGroupMaterial) -> str:
    return f"group-plan_{slug(material.objective, 40)}"


def group_codes(material: SmallGroupMaterial) -> str:
    return ", ".join(plan.code for plan in material.students)


def decision_rule(material: SmallGroupMaterial) -> str:
    size, needed = len(material.students), material.mid_check_threshold
    otherwise = (
        material.content.mid_check.if_not_yet
        if material.content
        else "do one more We do example together, then check again."
    )
    who = f"all {size} students get" if needed == size else f"{needed} or more of the {size} get"
    if size == 1:
        who = "the student gets"
    return f"If {who} it right: go on to You do. If not: {otherwise}"


def sort_means(content: PlanContent | None) -> dict[str, str]:
    """What each pile looks like: the model's words for this skill, or the general meaning."""
    if content is None:
        return SORT_MEANS
    ticket = content.exit_ticket
    return {"Got it": ticket.got_it, "Almost": ticket.almost, "Re-teach": ticket.reteach}


def check_minute(material: SmallGroupMaterial) -> int:
    """The mid-lesson check comes in the last minute of We do."""
    return material.phases[2].end - 1
