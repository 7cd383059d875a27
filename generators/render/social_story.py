"""A social story page: large first-person sentences, one to a line, blanks to fill in; the
sentence-type count in the footer for the adult (it is not part of the story)."""

from __future__ import annotations

from generators.domain.common import RenderedDocument
from generators.domain.social_story import DESCRIBING, DIRECTING, SocialStoryMaterial, ratio
from generators.render.docx_base import Writer, slug
from generators.render.forms import header_line, narrow_margins


def render(material: SocialStoryMaterial) -> list[RenderedDocument]:
    writer = Writer("large-print")
    narrow_margins(writer)
    writer.title(material.title)
    for sentence in material.sentences:
        writer.paragraph(sentence.text, "Passage")
    header_line(writer, type_line(material))
    writer.label_pages(material.student_code)
    return [
        RenderedDocument(
            filename=f"social-story_{slug(material.title)}_{slug(material.student_code)}.docx",
            role="student",
            title=f"Social story: {material.title}, {material.student_code}",
            data=writer.to_bytes(),
        )
    ]


def type_line(material: SocialStoryMaterial) -> str:
    counts = material.counts
    parts = [f"{counts[kind]} {kind}" for kind in (*DESCRIBING, *DIRECTING) if counts[kind]]
    describing, directing = ratio(material.sentences)
    return (
        f"For the adult: {material.student_code}. Sentence types: {', '.join(parts)} "
        f"({describing} describing to {directing} directing; at least 2 to 1). "
        "Fill in the blanks before reading it together."
    )
