"""The quiz and study-guide pages in a real headless Chromium, against the stub model: paste a
passage, generate, download the student copy and the QTI package, and open them."""

from __future__ import annotations

import io
import sys
import zipfile
from pathlib import Path

import pytest
from app_server import free_port, running
from docx_read import all_text, open_docx
from leveled_texts import GRADE_8
from quiz_stub import quiz_responder
from test_browser import CHROMIUM_ARGS, chromium

from generators import qti


@pytest.fixture
def app_url(stub, tmp_path):
    stub.set_responder(quiz_responder)
    port = free_port()
    command = [str(Path(sys.executable).parent / "streamlit"), "run", "app.py",
               "--server.address", "127.0.0.1", "--server.port", str(port),
               "--server.headless", "true"]  # fmt: skip
    env = {"OPENAI_API_KEY": "test-key", "OPENAI_BASE_URL": stub.base_url,
           "PARAPREP_MODEL": "stub-model", "PARAPREP_DATA_DIR": str(tmp_path / "data")}  # fmt: skip
    with running(command, port, env, tmp_path / "server.log"):
        yield f"http://127.0.0.1:{port}"


def test_quiz_and_study_guide_pages_in_a_real_browser(app_url, tmp_path):
    from playwright.sync_api import expect, sync_playwright

    executable = chromium()
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=executable, args=CHROMIUM_ARGS)
        try:
            page = browser.new_page(viewport={"width": 1400, "height": 1500}, accept_downloads=True)
            page.goto(f"{app_url}/quiz")
            expect(page.get_by_role("heading", name="Leveled quiz")).to_be_visible(timeout=30_000)
            page.get_by_role("textbox", name="...or paste the passage here").fill(GRADE_8)
            page.get_by_role("button", name="Generate").click()
            zip_button = page.get_by_role("button", name="Download all 3 documents (ZIP)")
            expect(zip_button).to_be_visible(timeout=60_000)
            qti_button = page.get_by_role("button", name="QTI 1.2 package")
            expect(qti_button).to_be_visible()
            with page.expect_download() as package_info:
                qti_button.click()
            package = tmp_path / package_info.value.suggested_filename
            package_info.value.save_as(package)
            with page.expect_download() as zip_info:
                zip_button.click()
            packet = tmp_path / zip_info.value.suggested_filename
            zip_info.value.save_as(packet)

            page.get_by_role("link", name="Study guide and vocabulary cards").click()
            expect(
                page.get_by_role("heading", name="Study guide and vocabulary cards")
            ).to_be_visible(timeout=30_000)
            page.get_by_role("textbox", name="...or paste the passage here").fill(GRADE_8)
            page.get_by_role("button", name="Generate").click()
            expect(page.get_by_role("button", name="Download all 2 documents (ZIP)")).to_be_visible(
                timeout=60_000
            )
        finally:
            browser.close()
    assert qti.check_package(package.read_bytes()) == []
    archive = zipfile.ZipFile(io.BytesIO(packet.read_bytes()))
    students = [name for name in archive.namelist() if name.endswith("_student.docx")]
    assert len(students) == 2
    text = all_text(open_docx(archive.read(students[0])))
    assert "out of" in text and "Answer key" not in text
