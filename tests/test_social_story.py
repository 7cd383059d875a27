"""Social stories: first person, Gray's sentence-type ratio checked, blanks labelled, offline."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from docx_read import all_text, open_docx

from generators import api
from generators.cli import main
from generators.domain.social_story import StorySentence, check_ratio, ratio, template
from generators.domain.students import Student
from generators.errors import InputError
from generators.social_story import make_request


def test_the_template_describes_more_than_it_directs_and_speaks_in_first_person():
    sentences = template("a fire drill")
    describing, directing = ratio(sentences)
    assert directing >= 1 and describing >= 2 * directing
    first_person = {"i", "me", "my"}
    assert sum(bool(first_person & set(s.text.lower().split())) for s in sentences) >= 5
    assert all("you" not in s.text.lower().split() for s in sentences)


def test_a_story_that_directs_too_much_is_refused():
    bossy = (StorySentence(type="descriptive", text="There is a fire drill."),
             StorySentence(type="directive", text="I will line up."),
             StorySentence(type="directive", text="I will be quiet."))  # fmt: skip
    with pytest.raises(InputError, match="1 describing sentences to 2 directing"):
        check_ratio(bossy)


def test_the_page_has_the_story_blanks_and_the_type_count_for_the_adult():
    request = make_request(topic="lining up for lunch", student_code="Student A")
    material = api.generate("social-story", request)
    [document] = api.render(material)
    docx = open_docx(document.data)
    text = all_text(docx)
    assert "Sometimes at school there is lining up for lunch." in text
    assert "[a feeling: ____________]" in text and "[what happens next: ____________]" in text
    footer = docx.sections[0].header.paragraphs[0].text
    assert "1 directive" in footer and "at least 2 to 1" in footer
    assert not material.engine.is_ai


@pytest.mark.parametrize(("topic", "message"), [
    (" ", "Give the story's situation"),
    ("x" * 61, "over 60 characters"),
    ("when Maria has a substitute teacher", "not a sentence starting 'when ...'"),
    ("During the fire drill", "not a sentence starting 'during ...'"),
])  # fmt: skip
def test_bad_topics_get_a_specific_message(topic, message):
    with pytest.raises(InputError, match=message):
        make_request(topic=topic, student_code="Student A")


def test_a_name_in_the_topic_is_printed_as_the_code():
    roster = [Student(code="Student A", name="Maria Lopez")]
    request = make_request(topic="Maria's speech session", student_code="Student A",
                           students=roster)  # fmt: skip
    assert request.topic == "Student A's speech session"


def test_cli_writes_one_story_per_student(tmp_path, capsys):
    roster = tmp_path / "students.csv"
    roster.write_text("code,grade,name\nStudent A,3,Maria Lopez\nStudent B,4,Jamal Brown\n")
    assert main(["social-story", "--topic", "a fire drill", "--students", str(roster),
                 "--out", str(tmp_path / "out"), "--json"]) == 0  # fmt: skip
    report = json.loads(capsys.readouterr().out)
    assert [Path(e["path"]).name for e in report["files"]] == [
        "social-story_a-fire-drill_student-a.docx",
        "social-story_a-fire-drill_student-b.docx",
    ]
