"""The quiz and study guide through a real OpenAI-compatible HTTP exchange with the stub."""

from __future__ import annotations

import json

from docx_read import all_text, open_docx
from leveled_texts import GRADE_8
from quiz_stub import ALL_OF_THE_ABOVE, CORE, STUDY_GUIDE, quiz_responder
from stub_openai import Reply
from worksheet_stub import passage_for, schema_name

from generators import api, qti
from generators.models import from_env
from generators.quiz import make_request
from generators.study_guide import make_request as guide_request


def request_for(levels=(3, 8), **extra):
    return make_request(source_text=GRADE_8, source_name="water_cycle.txt", levels=levels, **extra)


def test_model_quiz_rewords_each_level_and_keeps_one_key(stub_env):
    stub_env.set_responder(quiz_responder)
    model = from_env()
    material = api.generate("quiz", request_for(max_revisions=0), model)
    assert material.engine.is_ai and len(material.items) == 8
    schemas = sorted(schema_name(body) for body in stub_env.requests)
    # one core; grade 3 rewritten and reworded; grade 8 in band already; a check per level
    assert schemas == ["LevelWording", "Passage", "QuizCheck", "QuizCheck", "QuizCore"]
    low, high = material.copies
    assert low.reworded and not high.reworded
    assert [w.stem for w in high.wording] == [item.stem for item in material.items]
    assert low.wording[6].stem.startswith("Tell how a cloud forms")
    for copy in material.copies:  # the same answers everywhere: same count and position
        for item, words in zip(material.items, copy.wording, strict=True):
            assert len(words.choices) == len(item.choices)
    assert [d.role for d in api.render(material)] == ["student", "student", "teacher"]


def test_correct_positions_vary_and_the_key_letter_is_the_same_on_every_copy(stub_env):
    stub_env.set_responder(quiz_responder)
    material = api.generate("quiz", request_for(), from_env())
    choice = [item for item in material.items if item.kind == "multiple_choice"]
    assert len({item.correct_choice for item in choice}) == len(choice) == 3
    for item in choice:  # the right answer moved with its letter, not left behind
        assert item.choices[item.correct_choice] == item.answer
    documents = api.render(material)
    teacher = all_text(open_docx(documents[-1].data))
    for item in choice:
        assert f"{'ABCD'[item.correct_choice]}. {item.answer}" in teacher


def test_all_of_the_above_is_refused_and_the_model_repairs_it(stub_env):
    replies = iter([ALL_OF_THE_ABOVE, CORE])

    def responder(body):
        if schema_name(body) == "QuizCore":
            return next(replies)
        return quiz_responder(body)

    stub_env.set_responder(responder)
    model = from_env()
    material = api.generate("quiz", request_for(levels=(8,)), model)
    assert not any("of the above" in c.lower() for i in material.items for c in i.choices)
    core_bodies = [b for b in stub_env.requests if schema_name(b) == "QuizCore"]
    assert len(core_bodies) == 2
    assert "all of the above" in json.dumps(core_bodies[1]["messages"][-1]).lower()
    assert model.usage.as_dict()["schema_failures"] == 1


def test_the_per_level_check_flags_unsupported_and_ambiguous_items(stub_env):
    def responder(body):
        if schema_name(body) == "QuizCheck" and "moves all the time" not in json.dumps(body):
            return quiz_responder(body)
        if schema_name(body) == "QuizCheck":
            return {"unsupported": [{"question": 5, "missing": "no time underground"}],
                    "ambiguous": [{"number": 3, "other": "The air gets saltier"},
                                  {"number": 7, "other": "not a choice item"}]}  # fmt: skip
        return quiz_responder(body)

    stub_env.set_responder(responder)
    material = api.generate("quiz", request_for(), from_env())
    flagged = [copy for copy in material.copies if copy.ambiguous or copy.version.unanswerable]
    assert flagged, "the check's findings must reach the material"
    low = material.copies[0]
    assert low.version.unanswerable == (5,) and low.ambiguous == (3,)  # 7 is short answer
    teacher = all_text(open_docx(api.render(material)[-1].data))
    assert "item 3 may have a second defensible choice" in teacher
    assert "may not support item 5" in teacher


def test_only_codes_and_the_source_reach_the_model(stub_env):
    stub_env.set_responder(quiz_responder)
    api.generate("quiz", request_for(levels=(3,)), from_env())
    for body in stub_env.requests:
        user = body["messages"][1]["content"]
        assert "untrusted data" in user or schema_name(body) == "LevelWording"


def test_model_quiz_exports_a_valid_qti_package(stub_env):
    stub_env.set_responder(quiz_responder)
    material = api.generate("quiz", request_for(), from_env())
    assert qti.check_package(qti.package(material)) == []


def test_model_study_guide_uses_the_texts_sentences_and_drops_invented_terms(stub_env):
    stub_env.set_responder(quiz_responder)
    request = guide_request(source_text=GRADE_8, level=5, terms=6, frayer=2)
    material = api.generate("study-guide", request, from_env())
    assert material.ideas_rewritten and material.key_ideas[0] == STUDY_GUIDE["key_ideas"][0]
    terms = [card.term for card in material.cards]
    assert "hydrosphere" not in terms  # not in the passage: left out, and said so
    assert any("hydrosphere" in warning for warning in material.warnings)
    for card in material.cards:
        assert card.sentence in GRADE_8.replace("\n", " ") and card.source == "model"
    assert [f.term for f in material.frayer] == ["evaporation", "condenses"]
    assert material.frayer[0].non_examples == ("ice melting", "rain falling")
    student = all_text(open_docx(api.render(material)[0].data))
    assert "Meaning: When water is heated and turns into a gas." in student


def test_caseload_copies_share_one_generation(stub_env):
    """Three students at two levels: one quiz core, one study guide per level, codes only."""
    from generators.domain.students import Student

    stub_env.set_responder(quiz_responder)
    students = [
        Student(code="Student A", grade=5, reading_level=3, accommodations=("reduced-choices",)),
        Student(code="Student B", grade=5, reading_level=8),
        Student(code="Student C", grade=5, reading_level=8, accommodations=("large-print",)),
    ]
    fields = {"source_text": GRADE_8, "topic": "The water cycle", "max_revisions": 0}
    packet = api.make_for_students("quiz", students, fields, model=from_env())
    schemas = [schema_name(body) for body in stub_env.requests]
    assert schemas.count("QuizCore") == 1
    copies = [d for d in packet.documents if d.role == "student"]
    assert [(d.title.split(":")[0], d.level) for d in copies] == [
        ("Student A", 3), ("Student B", 8), ("Student C", 8),
    ]  # fmt: skip
    before = len(stub_env.requests)
    guide_fields = {"source_text": GRADE_8, "terms": 5}
    packet = api.make_for_students("study-guide", students, guide_fields, model=from_env())
    after = [schema_name(body) for body in stub_env.requests[before:]]
    assert after == ["StudyGuideCore"] * 2  # grades 3 and 8
    assert len([d for d in packet.documents if d.role == "student"]) == 3


def test_a_topic_alone_gets_an_original_passage_then_the_quiz(stub_env):
    stub_env.set_responder(quiz_responder)
    request = make_request(topic="The water cycle", levels=(5, 8), max_revisions=0)
    material = api.generate("quiz", request, from_env())
    schemas = [schema_name(body) for body in stub_env.requests]
    assert schemas[0] == "Passage" and schemas.count("QuizCore") == 1
    written = passage_for(8)["paragraphs"]  # the original passage, at the top level
    assert material.source.startswith(written[0][:40])
    assert all(copy.version.paragraphs for copy in material.copies)


def test_a_failed_level_can_be_retried_alone(stub_env):
    broken = {"on": True}

    def flaky_grade_3(body):
        if broken["on"] and schema_name(body) == "Passage" and "grade 3" in json.dumps(body):
            return Reply(status=500, content="boom")
        return quiz_responder(body)

    stub_env.set_responder(flaky_grade_3)
    model = from_env()
    material = api.generate("quiz", request_for(max_revisions=0), model)
    assert [copy.version.status for copy in material.copies] == ["failed", "in-band"]
    assert api.failed_parts(material) == ["grade 3"]
    assert [d.level for d in api.render(material) if d.role == "student"] == [8]
    broken["on"] = False
    before = len(stub_env.requests)
    retried = api.retry(material, model)
    assert api.failed_parts(retried) == []
    assert retried.copies[1] == material.copies[1] and retried.items == material.items
    assert retried.copies[0].reworded
    new = sorted({schema_name(body) for body in stub_env.requests[before:]})
    assert new == ["LevelWording", "Passage", "QuizCheck"]
