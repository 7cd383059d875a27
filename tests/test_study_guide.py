"""The study guide offline: cards from the text, definitions honest, answers on the back page."""

from __future__ import annotations

from pathlib import Path

import pytest
from docx_read import all_text, open_docx

from generators import api
from generators.errors import InputError
from generators.models import OfflineEngine
from generators.study_guide import make_request, parse_glossary

FIXTURES = Path(__file__).resolve().parent / "fixtures"
GLOSSARY = """\
# glossary for the coral reef lesson
polyps: Tiny soft animals that build coral.
larva - A baby animal that looks different from its parents.
bleaching\tWhen coral turns white because it pushed out its algae.
"""


def guide(level=4, **extra):
    request = make_request(
        source_text=(FIXTURES / "coral_reef.txt").read_text(), source_name="coral_reef.txt",
        level=level, **extra,
    )  # fmt: skip
    material = api.generate("study-guide", request, OfflineEngine())
    return material, api.render(material)


def body_order(document) -> list[str]:
    return [p.text for p in document.paragraphs]


def test_offline_cards_come_from_the_text_with_labelled_blank_definitions():
    material, documents = guide()
    source = (FIXTURES / "coral_reef.txt").read_text()
    assert len(material.cards) == 6
    for card in material.cards:
        assert card.term in source and card.sentence in source
        assert card.term.lower() in card.sentence.lower()
        assert card.source == "blank" and card.definition == ""
    student = all_text(open_docx(documents[0].data))
    assert student.count("Meaning (write it in your own words):") == 6
    assert student.count("Picture:") == 6
    assert any("no definition" in w for w in material.warnings)


def test_glossary_definitions_are_used_and_their_terms_come_first():
    material, documents = guide(glossary_text=GLOSSARY)
    first = [(c.term, c.source) for c in material.cards[:3]]
    assert first == [("polyps", "glossary"), ("larva", "glossary"), ("bleaching", "glossary")]
    assert material.cards[0].definition == "Tiny soft animals that build coral."
    teacher = all_text(open_docx(documents[1].data))
    assert "from your glossary" in teacher and "left blank for the student" in teacher


def test_key_ideas_are_the_passage_topic_sentences_offline_and_said_so():
    material, documents = guide()
    assert not material.ideas_rewritten
    assert material.key_ideas[0].startswith("A coral reef looks like a garden")
    teacher = all_text(open_docx(documents[1].data))
    assert "own topic sentences" in teacher and "offline engine" in teacher.lower()


def test_cards_sit_on_a_dashed_cut_out_grid_after_the_one_page_summary():
    _, documents = guide()
    document = open_docx(documents[0].data)
    table = document.tables[0]
    assert len(table.columns) == 2 and len(table.rows) == 3
    assert 'w:val="dashed"' in table._tbl.xml
    paragraphs = body_order(document)
    cards_at = paragraphs.index("Vocabulary cards")
    assert "<w:pageBreakBefore/>" in document.paragraphs[cards_at]._element.xml


def test_self_check_answers_are_alone_on_the_back_page():
    material, documents = guide(frayer=2)
    document = open_docx(documents[0].data)
    texts = body_order(document)
    back = texts.index("Self-check answers (back page)")
    assert "<w:pageBreakBefore/>" in document.paragraphs[back]._element.xml
    before = "\n".join(texts[:back])
    for check in material.self_check:
        assert check.question in before
    after = "\n".join(texts[back:])
    for number, check in enumerate(material.self_check, 1):
        assert f"{number}. " in after and check.answer.split(":")[0] in after
    assert "Frayer cards" in before and len(material.frayer) == 2


def test_requests_are_checked():
    with pytest.raises(InputError, match="between 3 and 12"):
        make_request(source_text="Text.", level=4, terms=20)
    with pytest.raises(InputError, match="Line 2 of the glossary has no definition"):
        parse_glossary("polyps: animals\njust a word\n")
    assert parse_glossary("term,definition\nreef,A ridge of coral.") == (
        ("reef", "A ridge of coral."),
    )
