"""Measure -> revise, facts kept, questions answerable: the promises behind every level."""

from __future__ import annotations

import pytest
from docx_read import all_text, open_docx
from leveled_texts import BY_GRADE
from overlap import Overlap
from samples import sample
from worksheet_stub import passage_for, schema_name, target_grade, worksheet_responder

from generators import api
from generators.facts import check_facts
from generators.models import from_env
from generators.worksheet import make_request

TOO_HARD = passage_for(8)  # ~grade 9: far above a grade-2 target
IS_REVISION = "What to fix in the draft"


def is_revision(body: dict) -> bool:
    return schema_name(body) == "Passage" and IS_REVISION in body["messages"][-1]["content"]


def request_for(levels=(2,), **extra):
    text = sample("water_cycle.txt").read_text()
    return make_request(source_text=text, levels=levels, **extra)


def test_too_hard_first_then_in_band_on_revision(stub_env):
    def responder(body):
        if schema_name(body) == "Passage" and not is_revision(body):
            return TOO_HARD  # the first rewrite misses the target badly
        return worksheet_responder(body)

    stub_env.set_responder(responder)
    material = api.generate("worksheet", request_for(levels=(2,)), from_env())
    version = material.versions[0]
    assert version.status == "in-band" and version.revisions == 1
    assert version.first_grade > 4 and version.measured.grade < 3  # Spache: grade 8 text reads 5+
    revision = next(b for b in stub_env.requests if is_revision(b))["messages"][-1]["content"]
    assert "too hard for grade 2" in revision and "split the longest ones" in revision
    teacher = all_text(open_docx(api.render(material)[-1].data))
    assert "In band after 1 revision, first measured" in teacher


@pytest.mark.parametrize("limit", [0, 1, 3])
def test_never_in_band_still_delivers_and_stops_at_the_limit(stub_env, limit):
    stub_env.set_responder(
        lambda body: TOO_HARD if schema_name(body) == "Passage" else worksheet_responder(body)
    )
    material = api.generate("worksheet", request_for(levels=(2,), max_revisions=limit), from_env())
    version = material.versions[0]
    assert version.status == "out-of-band" and version.revisions == limit
    assert sum(is_revision(body) for body in stub_env.requests) == limit
    assert any(f"measures grade {version.measured.grade:.1f}" in w for w in material.warnings)
    documents = api.render(material)
    assert [d.role for d in documents] == ["student", "teacher"]
    assert "OUT OF BAND" in all_text(open_docx(documents[-1].data))


def test_a_dropped_number_is_reported_by_name_and_sent_back(stub_env):
    without_69 = {
        "title": "The Water Cycle",
        "paragraphs": BY_GRADE[5].replace("about 69 percent", "most").split("\n\n"),
    }

    def responder(body):
        if schema_name(body) == "Passage" and target_grade(body) == 5:
            return without_69
        return worksheet_responder(body)

    stub_env.set_responder(responder)
    material = api.generate("worksheet", request_for(levels=(2, 5)), from_env())
    by_target = {v.target: v for v in material.versions}
    grouped = "It leaves out 69 from the source: check that nothing needed is lost."
    assert by_target[5].facts == (grouped,)
    assert by_target[5].revisions == 2 and not by_target[2].facts
    assert f"Grade 5 version: {grouped}" in material.warnings
    revision = next(b for b in stub_env.requests if is_revision(b))["messages"][-1]["content"]
    assert f"Facts: {grouped}" in revision


def test_revisions_of_different_levels_run_concurrently(stub_env):
    def misses_then_lands(body):
        if not is_revision(body):
            return TOO_HARD if schema_name(body) == "Passage" else worksheet_responder(body)
        return worksheet_responder(body)

    overlap = Overlap(misses_then_lands, seconds=0.3, counted=is_revision)
    stub_env.set_responder(overlap)
    api.generate("worksheet", request_for(levels=(2, 5)), from_env())
    assert overlap.peak == 2


def test_unsupported_questions_are_reported_per_level(stub_env):
    """One check for the whole packet; each problem lands on its own level's version."""

    def responder(body):
        if schema_name(body) == "AnswerCheck":
            content = body["messages"][-1]["content"]
            assert "Passage for grade 2:" in content and "Passage for grade 5:" in content
            return {
                "unsupported": [
                    {"grade": 2, "question": 2, "missing": "no percentage given"},
                    {"grade": 2, "question": 99, "missing": "not a real question"},
                    {"grade": 7, "question": 1, "missing": "not a level of this packet"},
                ]
            }
        return worksheet_responder(body)

    stub_env.set_responder(responder)
    material = api.generate("worksheet", request_for(levels=(2, 5)), from_env())
    by_target = {v.target: v for v in material.versions}
    assert by_target[2].unanswerable == (2,) and by_target[5].unanswerable == ()
    assert "Grade 2 version may not support question 2: check them." in material.warnings
    assert sum(schema_name(body) == "AnswerCheck" for body in stub_env.requests) == 1


def test_answer_check_can_be_turned_off(stub_env):
    stub_env.set_responder(worksheet_responder)
    api.generate("worksheet", request_for(check_answers=False), from_env())
    assert not any(schema_name(body) == "AnswerCheck" for body in stub_env.requests)


@pytest.mark.parametrize(
    ("version", "expected"),
    [
        ("In 1869 the railroad was done.", ["dropped the number 1862"]),
        ("In 1862 and 1869 the railroad was done.", []),
        ("In 1,000 days and 1862 and 1869.", ["added a number not in the source: 1,000"]),
        ("Work began in 1862 and ended in 1869 under Ulysses Grant.",
         ["added a name not in the source: Ulysses Grant"]),
    ],
)  # fmt: skip
def test_fact_check_table(version, expected):
    source = "Congress acted in 1862. The work was finished in 1869 at Promontory."
    found = check_facts(source, version).warnings()
    assert [w for w in found if "Promontory" not in w] == expected


def test_fact_check_treats_written_and_digit_numbers_alike():
    assert check_facts(
        "It took 3 years and 1,000 workers.", "It took three years and 1000 workers."
    ).ok
