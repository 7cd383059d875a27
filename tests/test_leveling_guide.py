"""The targets the level prompt gives match what the measure counts, grade by grade."""

from __future__ import annotations

from itertools import pairwise

import pytest

from generators import readability
from generators.domain.levels import writing_guide
from generators.leveling import passage_length


def middle(span: str) -> float:
    low, _, high = span.partition("-")
    return (float(low) + float(high)) / 2


def grade_of(per_sentence: float, uncommon: float) -> float:
    """The estimate for a text with these two counts (Spache's unique share taken as equal)."""
    spache = 0.141 * per_sentence + 0.086 * uncommon + 0.839
    dale = readability.dale_chall_grade(0.1579 * uncommon + 0.0496 * per_sentence + 3.6365)
    weight = readability.spache_weight(dale)
    return weight * spache + (1 - weight) * dale


@pytest.mark.parametrize("grade", range(1, 13))
def test_the_middle_of_each_target_measures_in_band(grade):
    guide = writing_guide(grade)
    measured = grade_of(middle(guide.words_per_sentence), middle(guide.uncommon_per_100))
    assert abs(measured - grade) <= 1, (grade, measured)


def test_kindergarten_sits_on_spaches_floor():
    """Spache cannot go below about 1.5 with real sentences: K text is reported as it measures."""
    guide = writing_guide(0)
    measured = grade_of(middle(guide.words_per_sentence), middle(guide.uncommon_per_100))
    assert 1.0 < measured < 2.0


def test_neighbouring_grades_get_distinct_targets():
    guides = [writing_guide(grade) for grade in range(13)]
    for lower, higher in pairwise(guides):
        assert lower.words_per_sentence != higher.words_per_sentence
        assert middle(lower.words_per_sentence) < middle(higher.words_per_sentence)
        assert middle(lower.uncommon_per_100) < middle(higher.uncommon_per_100)


@pytest.mark.parametrize(
    ("words", "target", "source_grade", "length"),
    [(190, 7, 5.0, "160-210"), (190, 3, 7.0, "150-240"), (600, 2, 8.0, "480-750")],
)
def test_length_follows_the_source(words, target, source_grade, length):
    """A 190-word source is never asked for 250-450 words: padding brings invented facts."""
    assert passage_length(words, target, source_grade) == length
