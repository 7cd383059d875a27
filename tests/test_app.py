"""The Streamlit page, driven by AppTest: offline, against the stub, and with bad input."""

from __future__ import annotations

from pathlib import Path

import pytest
from samples import sample
from streamlit.testing.v1 import AppTest
from worksheet_stub import worksheet_responder

APP = str(Path(__file__).resolve().parents[1] / "app.py")


def fill_and_generate(at: AppTest, text: str, levels=(3, 5)) -> AppTest:
    at.text_area[0].input(text)
    at.multiselect[0].set_value(list(levels))
    at.button[0].click()
    return at.run(timeout=60)


@pytest.fixture
def app() -> AppTest:
    at = AppTest.from_file(APP, default_timeout=60)
    return at.run()


def test_page_opens_offline_and_says_so(app):
    assert not app.exception
    assert any("offline engine (no AI)" in info.value for info in app.info)


def test_offline_generation_offers_every_document(app):
    done = fill_and_generate(app, sample("honeybees.txt").read_text())
    assert not done.exception and not done.error
    labels = [button.label for button in done.get("download_button")]
    assert len(labels) == 3 and any("Teacher" in label for label in labels)
    assert done.table[0].value.shape[0] == 2  # one row per version, with its measured level


def test_missing_source_and_topic_is_a_clear_message(app):
    done = fill_and_generate(app, "   ")
    assert not done.exception
    assert "Give a topic or a source text" in done.error[0].value


def test_model_failure_is_a_message_not_a_traceback(stub_env):
    from stub_openai import Reply

    stub_env.set_responder(lambda body: Reply(status=401, content="bad key"))
    at = AppTest.from_file(APP, default_timeout=60).run()
    done = fill_and_generate(at, sample("water_cycle.txt").read_text(), levels=(5,))
    assert not done.exception
    assert "refused the API key" in done.error[0].value


def test_generation_against_the_stub_model(stub_env):
    stub_env.set_responder(worksheet_responder)
    at = AppTest.from_file(APP, default_timeout=60).run()
    assert "stub-model" in at.caption[0].value
    done = fill_and_generate(at, sample("water_cycle.txt").read_text(), levels=(2, 5))
    assert not done.exception and not done.error
    assert len(done.get("download_button")) == 3
