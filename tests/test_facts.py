"""The fact check: names whole, forms of one name, 'one' not a number, one grouped sentence."""

from __future__ import annotations

import pytest

from generators.facts import FactCheck, check_facts, names_in

SOURCE = (
    "Mount St. Helens is in Washington State. The Ring of Fire circles the Pacific Ocean, and "
    "Mauna Loa stands in Hawaii. Susan B. Anthony traveled across the U.S. in 1872. People in "
    "England shared the news. Readers follow URLs from one page to another."
)


def test_names_are_found_whole():
    names = set(names_in(SOURCE).values())
    assert {"Mount St. Helens", "Ring of Fire", "Pacific Ocean", "Mauna Loa", "Susan B. Anthony",
            "U.S.", "England", "URLs", "Washington State"} <= names  # fmt: skip
    assert not names & {"Mount", "St", "Helens", "Mauna", "Loa", "Susan", "B", "Ring", "Fire"}


def test_a_faithful_simpler_version_raises_nothing():
    version = (
        "Mount St. Helens is in Washington State. The Ring of Fire goes around the Pacific "
        "Ocean. Mauna Loa is in Hawaii. In 1872, Anthony traveled across the U.S. to speak. "
        "English people shared the news. One of them wrote it down. Readers click a URL to "
        "go from one page to another."
    )
    assert check_facts(SOURCE, version).ok, check_facts(SOURCE, version)


@pytest.mark.parametrize(
    ("version", "dropped", "added"),
    [
        ("Mauna Loa is in Hawaii in 1872. Susan B. Anthony, England, URLs, the U.S., the "
         "Pacific Ocean, the Ring of Fire and Washington State.", ("Mount St. Helens",), ()),
        (SOURCE + " Ulysses S. Grant agreed in 1873.", (), ("1873", "Ulysses S. Grant")),
        (SOURCE.replace("1872", "1874"), ("1872",), ("1874",)),
    ],
)  # fmt: skip
def test_changes_are_reported_as_whole_names_and_numbers(version, dropped, added):
    found = check_facts(SOURCE, version)
    assert found.dropped_numbers + found.dropped_names == dropped
    assert found.added_numbers + found.added_names == added


@pytest.mark.parametrize(
    "sentence",
    ["One of the bees left.", "They moved from one page to another.", "No one saw it.",
     "Each one is different.", "One day it rained."],
)  # fmt: skip
def test_one_as_a_pronoun_or_idiom_is_not_an_added_number(sentence):
    assert check_facts("Bees make honey.", f"Bees make honey. {sentence}").ok


def test_one_grouped_sentence_per_version():
    check = FactCheck(
        dropped_numbers=("69",), dropped_names=("Sierra Nevada",),
        added_numbers=("1870",), added_names=("Ulysses S. Grant",),
    )  # fmt: skip
    assert check.summary() == (
        "It leaves out 69 and Sierra Nevada, and adds 1870 and Ulysses S. Grant, which the "
        "source does not have: check these against the source."
    )
    assert FactCheck(added_numbers=("3",)).summary() == (
        "It adds 3, which the source does not have: check that it is true."
    )
    assert FactCheck().summary() is None
