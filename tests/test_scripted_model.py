"""The in-process ScriptedModel: chosen by name, it drives a kind, the app and a retry the way
a model would, answering from the same responders as the loopback HTTP stub."""

from __future__ import annotations

import threading

import pytest
from app_pages import downloads, errors, find, generate, library, open_page
from samples import sample
from worksheet_stub import schema_name, worksheet_responder

from generators import api, worksheet
from generators.errors import ModelError, ModelUnavailableError
from generators.models import from_env
from generators.models.scripted import LABEL, ScriptedModel


def request(levels=(3, 6)):
    return worksheet.make_request(source_text=sample("water_cycle.txt").read_text(), levels=levels)


def test_a_kind_made_by_the_scripted_model(scripted):
    scripted.responder = worksheet_responder
    material = api.generate("worksheet", request(), from_env())
    assert material.engine.label == LABEL and material.engine.is_ai
    assert all(version.rewritten and version.status != "failed" for version in material.versions)
    names = scripted.schemas()
    assert names.count("WorksheetCore") == 1  # the questions are asked for once
    assert names.count("Passage") >= 2  # each level rewritten (plus any revision)
    assert scripted.usage.as_dict()["calls"] == len(names)
    assert "The Water Cycle" in scripted.history[0]["messages"][-1]["content"]


def test_a_failed_level_is_retried_through_the_api(scripted):
    failed_once = threading.Event()

    def flaky(body):
        if schema_name(body) == "Passage" and not failed_once.is_set():
            failed_once.set()
            return {"title": "The Water Cycle"}  # no paragraphs: does not fit the schema
        return worksheet_responder(body)

    scripted.responder = flaky
    material = api.generate("worksheet", request(levels=(4,)), from_env())
    assert api.failed_parts(material) == ["grade 4"]
    assert scripted.usage.as_dict()["schema_failures"] == 1
    retried = api.retry(material, from_env())
    assert api.failed_parts(retried) == [] and retried.versions[0].rewritten


def test_the_app_uses_the_scripted_model_by_name(scripted):
    scripted.responder = worksheet_responder
    at = open_page()
    assert any(LABEL in caption.value for caption in at.caption)  # the engine banner
    find(at.text_area, "...or paste").input(sample("water_cycle.txt").read_text())
    find(at.multiselect, "Reading levels").set_value([3, 6])
    done = generate(at)
    assert not errors(done)
    assert len(downloads(done)) == 4
    [summary] = library().packets()
    assert summary.engine == LABEL
    assert all(level["passage"] == "rewritten" for level in summary.levels)


def test_scripted_answers_that_do_not_fit_are_model_errors():
    def broken_core(body):
        return "not json" if schema_name(body) == "WorksheetCore" else worksheet_responder(body)

    model = ScriptedModel(broken_core)
    with pytest.raises(ModelError, match="did not fit WorksheetCore"):
        api.generate("worksheet", request(), model)
    cores = model.schemas().count("WorksheetCore")
    assert cores >= 1 and model.usage.as_dict()["schema_failures"] == cores


def test_it_is_never_a_users_engine(monkeypatch):
    with pytest.raises(ModelUnavailableError, match="for tests only"):
        from_env("scripted")
    from generators.cli import main

    with pytest.raises(SystemExit):  # argparse refuses it: not among --engine's choices
        main(["worksheet", "--levels", "3", "--topic", "x", "--engine", "scripted"])
