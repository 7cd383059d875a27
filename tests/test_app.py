"""The leveled worksheet page, driven by AppTest: offline, against the stub, bad input, caseload.

AppTest can click a download button but cannot read its bytes, so the bytes are checked where
the page put them: in the library, through the same API.
"""

from __future__ import annotations

import json
import time

from app_pages import (
    TWO_STUDENTS,
    click,
    downloads,
    errors,
    find,
    generate,
    go,
    library,
    open_page,
    seed,
    texts,
)
from docx_read import all_text, open_docx, word_banks
from samples import sample
from stub_openai import Reply
from worksheet_stub import schema_name, worksheet_responder

FOR_STUDENTS = "Students on my caseload"


def fill(at, text: str, levels=(3, 5), topic: str = ""):
    find(at.text_input, "Topic").input(topic)
    find(at.text_area, "...or paste").input(text)
    find(at.multiselect, "Reading levels").set_value(list(levels))
    return at


def test_page_opens_offline_and_says_so():
    at = open_page()
    assert any("offline engine (no AI)" in info.value for info in at.info)
    assert at.title[0].value == "Leveled worksheet"  # the kind's title, from the registry
    choices = find(at.multiselect, "Accommodations").options
    assert len(choices) == 19 and "Large print (presentation)" in choices  # the catalogue


def test_offline_generation_previews_offers_and_saves_every_document():
    started = time.perf_counter()
    done = generate(fill(open_page(), sample("honeybees.txt").read_text()))
    print(f"worksheet page, offline generation run: {time.perf_counter() - started:.2f} s")
    assert not errors(done)
    labels = downloads(done)
    assert labels[0] == "Download all 3 documents (ZIP)" and len(labels) == 4
    assert done.table[0].value.shape[0] == 2  # one row per level, with its measured grade
    assert "within one grade of the target" in texts(done)  # "in band" explained
    assert "Saved in the Library as packet #1" in texts(done)
    assert "Honeybees" in texts(done)  # the preview, read back from the DOCX itself
    [summary] = library().packets()
    packet = library().packet(summary.id)
    assert [d.role for d in packet.documents] == ["student", "student", "teacher"]
    assert "Answer key" in all_text(open_docx(packet.documents[-1].data))
    assert [level["target"] for level in summary.levels] == [3, 5]
    assert packet.inputs["levels"] == [3, 5] and packet.inputs["source_name"] == "pasted text"


def test_a_finished_packet_survives_reruns_and_a_visit_to_another_page():
    done = generate(fill(open_page(), sample("water_cycle.txt").read_text()))
    assert len(downloads(done)) == 4
    started = time.perf_counter()
    done.run()
    print(f"worksheet page rerun with a finished packet: {time.perf_counter() - started:.2f} s")
    assert len(downloads(done)) == 4
    go(done, "library")
    assert not done.exception
    back = go(done, "worksheet")
    assert len(downloads(back)) == 4 and "Saved in the Library" in texts(back)


def test_missing_source_and_topic_is_a_clear_message():
    done = generate(fill(open_page(), "   "))
    assert "Give a topic or a source text" in errors(done)[0]
    assert not downloads(done)


def test_no_level_is_a_clear_message():
    done = generate(fill(open_page(), sample("water_cycle.txt").read_text(), levels=()))
    assert "Choose at least one reading level" in errors(done)[0]


def test_a_bad_input_keeps_the_last_packet_downloadable():
    done = generate(fill(open_page(), sample("water_cycle.txt").read_text()))
    again = generate(fill(done, ""))
    assert errors(again) and len(downloads(again)) == 4
    assert "Below is the last packet made, from the form as it was then" in texts(again)
    assert "from the form as it was then" not in texts(
        generate(fill(again, sample("honeybees.txt").read_text()))
    )


def test_binary_paste_is_refused_with_the_readers_message():
    done = generate(fill(open_page(), "\x00\x01\x02 binary \x00" * 50))
    assert "binary" in errors(done)[0]


def test_model_failure_is_a_message_not_a_traceback(stub_env):
    stub_env.set_responder(lambda body: Reply(status=401, content="bad key"))
    done = generate(fill(open_page(), sample("water_cycle.txt").read_text(), levels=(5,)))
    assert "refused the API key" in errors(done)[0]
    assert not downloads(done)
    assert library().packets() == []


def test_generation_against_the_stub_model(stub_env):
    stub_env.set_responder(worksheet_responder)
    at = open_page()
    assert "stub-model" in texts(at)
    done = generate(fill(at, sample("water_cycle.txt").read_text(), levels=(2, 5)))
    assert not errors(done)
    assert len(downloads(done)) == 4
    [summary] = library().packets()
    assert "stub-model" in summary.engine
    assert [level["passage"] for level in summary.levels] == ["rewritten", "rewritten"]


# --- for students on the caseload ---


def pick_students(at, ids):
    at.radio[0].set_value(FOR_STUDENTS).run()
    find(at.multiselect, "Students").set_value(ids)
    return at


def test_copies_for_two_students_at_their_levels_with_their_accommodations():
    a, b = seed(library(), *TWO_STUDENTS)
    at = pick_students(open_page(), [a, b])
    find(at.text_area, "...or paste").input(sample("water_cycle.txt").read_text())
    done = generate(at)
    assert not errors(done)
    labels = downloads(done)
    assert labels[0] == "Download all 4 documents (ZIP)"  # a student copy + key for each
    [summary] = library().packets()
    assert summary.students == ("Student A", "Student B")
    documents = library().packet(summary.id).documents
    names = [d.filename for d in documents]
    assert names == [
        "student-a_the-water-cycle_grade-3_student.docx",
        "student-a_the-water-cycle_teacher.docx",
        "student-b_the-water-cycle_grade-5_student.docx",
        "student-b_the-water-cycle_teacher.docx",
    ]
    large = open_docx(documents[0].data)
    assert large.styles["Normal"].font.size.pt >= 18  # Student A's large print
    assert len(word_banks(large)) < len(word_banks(open_docx(documents[2].data)))
    # Student B's word-bank accommodation adds the bank before the written questions
    assert open_docx(documents[2].data).styles["Normal"].font.size.pt < 18
    everything = (
        b"".join(d.data for d in documents)
        + json.dumps(library().packet(summary.id).inputs).encode()
    )
    assert b"Maria" not in everything and b"Lopez" not in everything


def test_a_group_picks_its_members():
    lib = library()
    a, b = seed(lib, *TWO_STUDENTS)
    group = lib.save_group("Reading group 1", [a, b])
    at = open_page()
    at.radio[0].set_value(FOR_STUDENTS).run()
    find(at.selectbox, "...and/or a group").set_value(group)
    find(at.text_area, "...or paste").input(sample("honeybees.txt").read_text())
    done = generate(at)
    assert not errors(done)
    assert library().packets()[0].students == ("Student A", "Student B")


def test_students_mode_without_students_says_what_to_do():
    at = open_page()
    at.radio[0].set_value(FOR_STUDENTS).run()
    assert "Your caseload is empty" in texts(at)
    find(at.text_area, "...or paste").input(sample("water_cycle.txt").read_text())
    done = generate(at)
    assert "Choose at least one student or a group" in errors(done)[0]


def test_a_student_without_a_level_is_named():
    [a] = seed(library(), {"code": "Student C"})
    at = pick_students(open_page(), [a])
    find(at.text_area, "...or paste").input(sample("water_cycle.txt").read_text())
    done = generate(at)
    assert "Student C has no reading level or grade" in errors(done)[0]


def test_names_never_reach_the_model(stub_env):
    stub_env.set_responder(worksheet_responder)
    a, b = seed(library(), *TWO_STUDENTS)
    at = pick_students(open_page(), [a, b])
    find(at.text_input, "Topic").input("Water for Maria Lopez")
    find(at.text_area, "...or paste").input(sample("water_cycle.txt").read_text())
    done = generate(at)
    assert not errors(done)
    assert "replaced by their code" in texts(done)
    sent = json.dumps(stub_env.requests)
    assert "Maria" not in sent and "Lopez" not in sent
    assert stub_env.requests  # the model was really asked


def test_the_preview_shows_document_text_escaped():
    """What the page shows is the DOCX's text with every mark escaped (see test_delivery for
    markup that would otherwise restyle the page)."""
    done = generate(fill(open_page(), sample("water_cycle.txt").read_text(), levels=(5,)))
    assert "The water on our planet is never still for long\\." in texts(done)


def test_two_sessions_at_once_do_not_see_each_others_documents():
    """Each browser session keeps its own results; only the shared Library lists both."""
    first, second = open_page(), open_page()
    first = generate(fill(first, sample("honeybees.txt").read_text()))
    second = generate(fill(second, sample("water_cycle.txt").read_text(), levels=(8,)))
    assert "Honeybees" in texts(first) and "Water Cycle" not in texts(first)
    assert "Water Cycle" in texts(second) and "Honeybees" not in texts(second)
    assert len(downloads(first)) == 4 and len(downloads(second)) == 3
    third = open_page()  # a new session starts empty
    assert downloads(third) == []


def test_a_failed_level_is_retried_alone_from_the_page(stub_env):
    broken = {"on": True}

    def flaky(body):
        prompt = body["messages"][-1]["content"]
        if broken["on"] and schema_name(body) == "Passage" and "grade 5" in prompt:
            return Reply(status=500, content="boom")
        return worksheet_responder(body)

    stub_env.set_responder(flaky)
    done = generate(fill(open_page(), sample("water_cycle.txt").read_text(), levels=(2, 5)))
    assert any("Grade 5 could not be made" in message for message in errors(done))
    assert len(downloads(done)) == 3  # the grade-2 copy and the teacher copy are already here
    broken["on"] = False
    retried = click(done, "Retry grade 5 only")
    for _ in range(50):  # the retry runs in a job: follow it until it has finished
        if len(downloads(retried)) == 4:
            break
        retried = retried.run()
    assert not any("could not be made" in message for message in errors(retried))
    assert len(downloads(retried)) == 4
    [summary] = library().packets()  # the incomplete packet was replaced, not kept beside it
    assert [level["status"] for level in summary.levels] == ["in-band", "in-band"]
