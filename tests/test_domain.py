"""The pure domain: reading levels and the accommodation catalogue."""

from __future__ import annotations

import pytest

from generators.domain import accommodations as catalogue
from generators.domain.accommodations import Category
from generators.domain.levels import level_for, parse_grade, parse_levels
from generators.errors import InputError

REQUIRED_IDS = {
    "large-print": Category.PRESENTATION,
    "dyslexia-friendly": Category.PRESENTATION,
    "extra-spacing": Category.PRESENTATION,
    "chunking": Category.PRESENTATION,
    "simplified-directions": Category.PRESENTATION,
    "read-aloud": Category.PRESENTATION,
    "highlight-key-terms": Category.PRESENTATION,
    "visual-supports": Category.PRESENTATION,
    "bilingual-glossary": Category.PRESENTATION,
    "graphic-organizer": Category.RESPONSE,
    "larger-answer-space": Category.RESPONSE,
    "sentence-starters": Category.RESPONSE,
    "word-bank": Category.RESPONSE,
    "extended-time": Category.TIMING,
    "breaks": Category.TIMING,
    "small-group-setting": Category.SETTING,
    "reduced-choices": Category.MODIFICATION,
    "fewer-items": Category.MODIFICATION,
    "below-grade-text": Category.MODIFICATION,
}


@pytest.mark.parametrize(("accommodation_id", "category"), REQUIRED_IDS.items())
def test_catalogue_has_each_required_id_with_its_category(accommodation_id, category):
    accommodation = catalogue.get(accommodation_id)
    assert accommodation.category is category
    assert accommodation.description and accommodation.page_effect and accommodation.content_effect


def test_only_modifications_are_labelled_modification():
    for accommodation in catalogue.CATALOGUE:
        assert (accommodation.category_label == "MODIFICATION") == accommodation.is_modification


def test_unknown_id_lists_every_valid_id():
    with pytest.raises(InputError) as caught:
        catalogue.get("big-font")
    message = str(caught.value)
    assert "big-font" in message
    assert all(accommodation_id in message for accommodation_id in REQUIRED_IDS)


def test_parse_ids_is_order_free_and_deduplicated():
    chosen = catalogue.parse_ids(" word-bank,LARGE-PRINT,word-bank,,")
    assert [a.id for a in chosen] == ["large-print", "word-bank"]


@pytest.mark.parametrize(
    ("text", "grades"),
    [("2,5,8", [2, 5, 8]), ("K, 3", [0, 3]), ("8,2,2", [2, 8]), ("grade 4", [4])],
)
def test_parse_levels(text, grades):
    assert parse_levels(text) == grades


@pytest.mark.parametrize(
    ("text", "fragment"),
    [
        ("13", "out of range"),
        ("-1", "out of range"),
        ("two", "not a reading level"),
        ("", "No reading levels"),
    ],
)
def test_bad_levels_say_what_is_allowed(text, fragment):
    with pytest.raises(InputError, match=fragment):
        parse_levels(text)


def test_grade_equivalents():
    assert level_for(0).fountas_pinnell == "A-D"
    assert level_for(3).fountas_pinnell == "N-P"
    assert parse_grade("k") == 0
