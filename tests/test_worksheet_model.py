"""The leveled worksheet through a real OpenAI-compatible HTTP exchange with the stub model."""

from __future__ import annotations

import json
import time

import pytest
from docx_read import all_text, open_docx
from overlap import Overlap
from samples import sample
from stub_openai import Reply
from worksheet_stub import CORE, passage_for, schema_name, worksheet_responder

from generators import api
from generators.errors import ModelError
from generators.models import from_env
from generators.models.openai_compat import OpenAICompatibleModel
from generators.worksheet import make_request, retry_failed


def request_for(levels=(2, 5, 8), **extra):
    text = sample("water_cycle.txt").read_text()
    return make_request(source_text=text, source_name="water_cycle.txt", levels=levels, **extra)


def test_model_packet_rewrites_each_level_and_measures_it(stub_env):
    stub_env.set_responder(worksheet_responder)
    model = from_env()
    # The water-cycle source measures 7.0, already in band for grade 8: ask for 2, 5 and 10.
    material = api.generate("worksheet", request_for(levels=(2, 5, 10)), model)
    assert material.engine.is_ai and "stub-model" in material.engine.label
    assert [v.target for v in material.versions] == [2, 5, 10]
    assert all(v.rewritten for v in material.versions)
    assert material.versions[0].paragraphs[0].startswith("Water on Earth moves all the time.")
    for version in material.versions:
        in_band = abs(version.measured.grade - version.target) <= 1
        assert version.status == ("in-band" if in_band else "out-of-band")
    assert material.versions[0].status == "in-band"
    assert len(material.questions) == 6
    # one shared core, three rewrites (all in band and faithful: no revision), one check
    assert model.usage.as_dict()["calls"] == 5
    schemas = sorted(schema_name(body) for body in stub_env.requests)
    assert schemas == ["AnswerCheck"] + ["Passage"] * 3 + ["WorksheetCore"]
    assert all(v.revisions == 0 and not v.facts and not v.unanswerable for v in material.versions)


def test_every_request_fences_the_source_as_untrusted_data(stub_env):
    stub_env.set_responder(worksheet_responder)
    api.generate("worksheet", request_for(levels=(3,)), from_env())
    for body in stub_env.requests:
        system, user = body["messages"]
        assert system["role"] == "system" and "<source>" not in system["content"]
        assert "untrusted data" in user["content"]
        fenced = user["content"].split("\n<source>\n", 1)[1].split("\n</source>", 1)[0]
        # the source passage, or (for the answer check) the version written from it
        assert "The water on our planet" in fenced or "Water on Earth moves" in fenced


def test_rewrites_run_concurrently(stub_env):
    """Three rewrites and the core at 0.4 s each should take ~0.4 s, not 1.6 s."""
    overlap = Overlap(worksheet_responder, seconds=0.4)
    stub_env.set_responder(overlap)
    api.generate("worksheet", request_for(levels=(2, 5, 10)), from_env())
    assert overlap.peak == 4


def test_model_documents_carry_definitions_and_the_key(stub_env):
    stub_env.set_responder(worksheet_responder)
    material = api.generate(
        "worksheet", request_for(accommodations=["sentence-starters"]), from_env()
    )
    documents = api.render(material)
    student = all_text(open_docx(documents[0].data))
    teacher = all_text(open_docx(documents[-1].data))
    assert "When water warms up and turns into a gas." in student
    assert "Clouds form when ..." in student
    assert "Answer: B. Energy from the Sun" in teacher and "Answer: B" not in student
    assert "stub-model" in teacher


def test_topic_only_request_writes_an_original_passage_first(stub_env):
    stub_env.set_responder(worksheet_responder)
    request = make_request(topic="The water cycle", levels=[2, 5])
    material = api.generate("worksheet", request, from_env())
    first = stub_env.requests[0]
    assert schema_name(first) == "Passage" and "The water cycle" in first["messages"][-1]["content"]
    assert len(material.versions) == 2


def test_one_failing_level_keeps_the_others(stub_env):
    def fail_grade_5(body):
        if schema_name(body) == "Passage" and "grade 5" in body["messages"][-1]["content"]:
            return Reply(status=500, content="boom")
        return worksheet_responder(body)

    stub_env.set_responder(fail_grade_5)
    material = api.generate("worksheet", request_for(), from_env())
    statuses = {v.target: v.status for v in material.versions}
    assert statuses[5] == "failed" and statuses[2] != "failed" and statuses[8] != "failed"
    assert any("Grade 5 failed" in w and "HTTP 500" in w for w in material.warnings)
    roles = [(d.role, d.level) for d in api.render(material)]
    assert ("student", 5) not in roles and ("student", 2) in roles and ("teacher", None) in roles


def test_invalid_reply_is_re_asked_with_the_validation_message(stub_env):
    broken = json.loads(json.dumps(CORE))
    broken["questions"][0]["choices"] = ["only", "three", "choices"]
    replies = iter([broken])

    def broken_first(body):
        if schema_name(body) == "WorksheetCore":
            return next(replies, CORE)
        return worksheet_responder(body)

    stub_env.set_responder(broken_first)
    material = api.generate("worksheet", request_for(levels=(5,)), from_env())
    assert len(material.questions) == 6
    re_ask = [b for b in stub_env.requests if "did not match" in b["messages"][-1]["content"]]
    assert len(re_ask) == 1 and "exactly 4 choices" in re_ask[0]["messages"][-1]["content"]


def test_malformed_json_every_time_is_a_clear_error(stub_env):
    stub_env.set_responder(lambda body: Reply(content="{not json"))
    with pytest.raises(ModelError, match="did not fit the expected form after 3 tries"):
        api.generate("worksheet", request_for(levels=(5,)), from_env())


def test_timeout_is_a_clear_error(stub):
    stub.set_responder(lambda body: Reply(content=passage_for(5), delay=3))
    model = OpenAICompatibleModel("stub-model", base_url=stub.base_url, timeout=1, max_retries=0)
    started = time.perf_counter()
    with pytest.raises(ModelError, match="did not answer within 1 s"):
        api.generate("worksheet", make_request(topic="Rain", levels=[5]), model)
    assert time.perf_counter() - started < 3


def test_a_failed_level_can_be_retried_alone(stub_env):
    broken = {"on": True}

    def flaky_grade_5(body):
        if (
            broken["on"]
            and schema_name(body) == "Passage"
            and "grade 5" in body["messages"][-1]["content"]
        ):
            return Reply(status=500, content="boom")
        return worksheet_responder(body)

    stub_env.set_responder(flaky_grade_5)
    model = from_env()
    material = api.generate("worksheet", request_for(), model)
    assert [v.status for v in material.versions].count("failed") == 1
    broken["on"] = False
    calls_before = len(stub_env.requests)
    retried = retry_failed(material, model)
    assert all(v.status != "failed" for v in retried.versions)
    assert (
        retried.versions[0] == material.versions[0] and retried.versions[2] == material.versions[2]
    )
    assert retried.questions == material.questions
    assert not any("failed" in warning for warning in retried.warnings)
    new_requests = stub_env.requests[calls_before:]
    assert {schema_name(body) for body in new_requests} == {"Passage", "AnswerCheck"}
    assert all("grade 5" in body["messages"][-1]["content"] for body in new_requests
               if schema_name(body) == "Passage")  # fmt: skip
