"""What the pages say on screen: NOT APPLIED with what to do, grouped warnings, sizes and costs
up front, short texts, the start page, forms that keep their values, plurals."""

from __future__ import annotations

import re

import pytest
from app_pages import (
    APP,
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
from docx_read import all_text, open_docx
from samples import sample
from streamlit.testing.v1 import AppTest

from generators import drafts, registry
from ui import notes, wording

FLAG = re.compile(r"(?<![\w|-])--[a-z]")  # a command-line flag (not a table's |---|)
SHORT = (
    "Bees live in hives. They make honey from the nectar of flowers. Worker bees fly out each "
    "day and carry pollen back to the hive to feed the young bees."
)  # 30 words
CHOICES = """Fractions check

1. Which fraction is equal to 1/2?
   a) 2/3  b) 2/4  c) 3/5  d) 4/5
2. Which fraction is the largest?
   a) 1/8  b) 1/4  c) 1/2  d) 1/3
3. Which fraction is equal to 3/6?
   a) 1/3  b) 2/3  c) 1/2  d) 3/4
"""


def test_reduced_choices_without_a_key_says_not_applied_and_what_to_do():
    at = open_page("modify")
    find(at.text_area, "...or paste the assignment").input(CHOICES)
    find(at.multiselect, "Accommodations").set_value(["reduced-choices"])
    done = generate(at)
    assert not errors(done)
    box = done.warning[0].value.replace("\\", "")  # as the page reads, markdown escapes removed
    assert box.startswith("**NOT APPLIED: 1 accommodation.**")
    assert "Reduced answer choices" in box and "the correct choice is not known" in box
    assert 'Give it in the answer key, e.g. "1:<letter>".' in box  # what to do, in the app's words
    assert not FLAG.search(texts(done))


def test_fewer_items_offline_says_not_applied_and_how_to_pick():
    at = open_page("modify")
    find(at.text_area, "...or paste the assignment").input(CHOICES)
    find(at.multiselect, "Accommodations").set_value(["fewer-items"])
    done = generate(at)
    box = done.warning[0].value.replace("\\", "")
    assert "Fewer items" in box and "Pick the items to keep yourself, e.g. 1, 3, 5." in box
    assert not FLAG.search(texts(done))


def test_a_passage_over_the_limit_is_refused_with_how_to_split_it():
    at = open_page("worksheet")
    find(at.text_area, "...or paste").input(sample("water_cycle.txt").read_text() * 40)
    done = generate(at)
    message = errors(done)[0]
    assert "ParaPrep takes up to 5,000 words per passage" in message
    assert "Split it into" in message and not library().packets()


def test_with_a_model_the_form_estimates_calls_and_tokens(stub_env):
    at = open_page("worksheet")
    find(at.text_area, "...or paste").input(sample("water_cycle.txt").read_text())
    at.run()
    assert "With the model: about 5 to 9 calls and roughly" in texts(at)  # 2 levels, 6 questions
    assert stub_env.requests == []  # estimating asks nothing


def test_offline_there_is_no_cost_estimate():
    assert "With the model" not in texts(open_page("worksheet"))


def test_a_30_word_paste_makes_a_worksheet_offline():
    at = open_page("worksheet")
    find(at.text_area, "...or paste").input(SHORT)
    done = generate(at)
    assert not errors(done), errors(done)
    assert downloads(done)[0] == "Download all 3 documents (ZIP)"
    note = [info.value for info in done.info if "This passage is short" in info.value]
    assert note and "(30 words), so the worksheet has fewer activities" in note[0]


def test_a_full_length_passage_has_no_short_text_note():
    at = open_page("worksheet")
    find(at.text_area, "...or paste").input(sample("honeybees.txt").read_text())
    assert "This passage is short" not in texts(generate(at))


def test_the_form_keeps_its_values_across_pages_and_a_new_session():
    at = open_page("worksheet")
    find(at.text_input, "Topic").input("Honeybees")
    find(at.text_area, "...or paste").input(SHORT)
    find(at.multiselect, "Reading levels").set_value([2, 4, 6])
    at.run()
    go(at, "students")
    back = go(at, "worksheet")
    assert find(back.text_area, "...or paste").value == SHORT
    assert find(back.multiselect, "Reading levels").value == [2, 4, 6]
    reloaded = open_page("worksheet")  # a reload is a new session: the draft comes back
    assert find(reloaded.text_input, "Topic").value == "Honeybees"
    assert find(reloaded.multiselect, "Reading levels").value == [2, 4, 6]
    assert drafts.load_all(library())["worksheet"]["levels"] == [2, 4, 6]


def test_a_field_redrawn_from_scratch_shows_what_was_typed():
    """A browser that begins another page and then gets this one again (a link clicked while
    typing) draws the fields afresh from each widget's own default: so after a rerun on the same
    page, that default is the value the field holds, not the empty or minimum one."""
    at = open_page("worksheet")
    find(at.text_input, "Topic").input("Honeybees in spring")
    find(at.number_input, "Questions").set_value(9)
    find(at.multiselect, "Reading levels").set_value([2, 4, 6])
    at.run()
    find(at.text_area, "...or paste").input(SHORT).run()  # a rerun that stays on the page
    assert find(at.text_input, "Topic").proto.default == "Honeybees in spring"
    assert find(at.number_input, "Questions").proto.default == 9
    levels = find(at.multiselect, "Reading levels").proto
    assert [levels.options[i] for i in levels.default] == ["2", "4", "6"]
    assert find(at.text_area, "...or paste").proto.default == SHORT


def test_the_result_keeps_the_form_it_came_from():
    at = open_page("worksheet")
    find(at.text_area, "...or paste").input(sample("honeybees.txt").read_text())
    find(at.multiselect, "Reading levels").set_value([2, 4, 6])
    done = generate(at)
    go(done, "library")
    back = go(done, "worksheet")
    assert find(back.multiselect, "Reading levels").value == [2, 4, 6]
    assert back.table[0].value.shape[0] == 3  # the packet beside it has the same three levels


def upload(at, label: str, name: str, data: bytes):
    find(at.file_uploader, label).set_value((name, data, "text/plain"))
    return at.run()


def test_an_uploaded_passage_stays_in_use_across_pages_and_a_reload_until_removed():
    passage = sample("honeybees.txt").read_bytes()
    at = upload(open_page("worksheet"), "Source passage", "bees.txt", passage)
    back = go(go(at, "students"), "worksheet")  # the browser's file input is empty again
    assert "Using bees.txt (" in texts(back) and "uploaded earlier" in texts(back)
    reloaded = open_page("worksheet")
    assert "Using bees.txt (" in texts(reloaded)
    done = generate(reloaded)
    assert not errors(done)
    [packet] = library().packets()
    assert library().packet(packet.id).inputs["source_name"] == "bees.txt"
    removed = click(done, "Remove")
    assert "Using bees.txt" not in texts(removed)
    assert "Using bees.txt" not in texts(open_page("worksheet"))  # forgotten in the database too
    assert drafts.load_file(library(), "worksheet", "upload") is None


def test_a_new_upload_replaces_the_kept_one():
    at = upload(open_page("modify"), "The assignment", "old.txt", CHOICES.encode())
    at = go(go(at, "library"), "modify")
    at = upload(at, "The assignment", "new.txt", CHOICES.encode())
    assert drafts.load_file(library(), "modify", "upload")[0] == "new.txt"
    assert "Using old.txt" not in texts(go(go(at, "library"), "modify"))


def test_a_caseload_name_in_the_passage_is_replaced_and_the_page_says_so():
    seed(library(), *TWO_STUDENTS)
    at = open_page("worksheet")
    passage = sample("honeybees.txt").read_text()
    find(at.text_area, "...or paste").input(f"{passage}\n\nMaria Lopez and George Washington")
    done = generate(at)
    shown = texts(done).replace("\\", "")  # as the page reads, markdown escapes removed
    assert "A student's name in the source passage was replaced by their code." in shown
    [packet] = library().packets()
    documents = library().packet(packet.id).documents
    printed = " ".join(all_text(open_docx(document.data)) for document in documents)
    assert (
        library()
        .packet(packet.id)
        .inputs["source_text"]
        .endswith("Student A and George Washington")
    )
    assert "Lopez" not in printed and "George Washington" in printed


def test_after_a_reload_the_page_says_where_its_last_packet_is():
    at = open_page("worksheet")
    find(at.text_area, "...or paste").input(sample("honeybees.txt").read_text())
    generate(at)
    [packet] = library().packets()
    reloaded = open_page("worksheet")  # a new session: the result is not on the page any more
    assert f"is saved in the Library as packet #{packet.id}." in texts(reloaded)
    assert "The last one made here" not in texts(open_page("modify"))  # only this kind's


def test_delete_all_data_clears_the_drafts():
    at = open_page("worksheet")
    find(at.text_input, "Topic").input("Honeybees")
    at.run()
    at = go(at, "settings")
    find(at.text_input, "Type DELETE").input("DELETE")
    click(at, "Delete all data")
    assert drafts.load_all(library()) == {}


def test_the_start_page_lists_every_kind_and_makes_a_sample():
    at = open_page("start")
    links = [link.label for link in at.get("page_link")]
    for kind in registry.kinds():  # every kind with a page, from the registry
        assert f"**{kind.title}**" in links and kind.description in texts(at)
    assert "Students' names stay on this computer" in texts(at)
    assert "In use: ParaPrep offline engine" in texts(at)
    done = click(at, "Try it with a sample passage")
    assert not done.exception and not errors(done)
    assert done.title[0].value == "Leveled worksheet"
    assert downloads(done)[0] == "Download all 3 documents (ZIP)"
    assert "Monarch" in texts(done)


def test_the_group_plan_grade_follows_the_chosen_students():
    ids = seed(library(), *TWO_STUDENTS)  # both in grade 5
    at = open_page("group-plan")
    assert find(at.selectbox, "Grade").value == 3
    find(at.multiselect, "Students").set_value(ids)
    at.run()
    assert find(at.selectbox, "Grade").value == 5


def test_one_document_is_not_documents():
    assert wording.plural(1, "document") == "1 document"
    assert wording.plural(2, "group") == "2 groups"


def test_warnings_are_grouped_per_version():
    grouped = notes.grouped(
        [
            "Grade 3: the passage lost the number 97%.",
            "Grade 3: question 4 has no support in this passage.",
            "Grade 5: measured 6.4, above the band.",
            "Grade 3 version measures grade 1.5 (range 0.6-2.0), more than a grade from grade 3.",
            "The source had a table that was left out.",
        ]
    )
    assert list(grouped) == ["The whole packet", "Grade 3", "Grade 5"]
    assert grouped["Grade 3"] == [
        "The passage lost the number 97%.",
        "Question 4 has no support in this passage.",
        "Grade 3 version measures grade 1.5 (range 0.6-2.0), more than a grade from grade 3.",
    ]


def test_technical_detail_is_split_from_the_plain_sentence():
    plain, detail = wording.split_detail(
        "The model's answer could not be read: items.3: Value error, missing refs [2, 10]"
    )
    assert plain == "The model's answer could not be read."
    assert detail == "items.3: Value error, missing refs [2, 10]"
    assert wording.split_detail("Could not reach the server: check OPENAI_BASE_URL.") == (
        "Could not reach the server: check the server address in Settings.",
        "",
    )


def test_flags_become_the_apps_words():
    text = wording.in_app_words(
        "give a source text (--source), or configure a model (OPENAI_API_KEY or OPENAI_BASE_URL)."
    )
    assert "--" not in text and "OPENAI" not in text
    assert "connect a model in Settings" in text


@pytest.mark.parametrize("kind", registry.kinds(), ids=lambda kind: kind.name)
def test_every_material_page_keeps_what_was_typed(kind):
    """Every kind's page, new ones included: the first text field survives another page and a
    new session (a reload)."""
    at = AppTest.from_file(APP, default_timeout=60).run()
    at.switch_page(kind.page_script).run()
    field = (list(at.text_input) + list(at.text_area))[0]
    field.input("Kept as typed 42").run()
    go(at, "students")
    at.switch_page(kind.page_script).run()
    assert any(w.value == "Kept as typed 42" for w in [*at.text_input, *at.text_area])
    again = AppTest.from_file(APP, default_timeout=60).run()
    again.switch_page(kind.page_script).run()
    assert any(w.value == "Kept as typed 42" for w in [*again.text_input, *again.text_area])


def test_the_study_guide_page_makes_its_packet_offline():
    # (the quiz page is driven the same way; its offline rendering is covered by
    # tests/test_quiz_offline.py)
    for page in ("ui/pages/study_guide.py",):
        at = AppTest.from_file(APP, default_timeout=60).run()
        at.switch_page(page).run()
        find(at.text_area, "...or paste").input(sample("honeybees.txt").read_text())
        done = generate(at)
        assert not errors(done), (page, errors(done))
        assert downloads(done)[0].startswith("Download all")


def test_topic_only_offline_says_what_to_do_in_the_apps_words():
    at = open_page("worksheet")
    find(at.text_input, "Topic").input("Volcanoes")
    done = generate(at)
    [message] = errors(done)
    assert "cannot write a passage from a topic alone" in message
    assert not FLAG.search(message) and "OPENAI" not in message
    assert "Settings" in message


@pytest.mark.parametrize(
    "page",
    ["ui/pages/group_plan.py", "ui/pages/modify.py", "ui/pages/quiz.py", "ui/pages/study_guide.py"],
)
def test_every_model_page_estimates_before_generate(stub_env, page):
    at = AppTest.from_file(APP, default_timeout=60).run()
    at.switch_page(page).run()
    assert "With the model:" in texts(at) and "tokens" in texts(at)
    assert stub_env.requests == []


def test_an_unreadable_model_answer_is_a_sentence_with_the_detail_behind_an_expander(stub_env):
    stub_env.set_responder(lambda body: '{"title": 7}')  # JSON, but not what was asked for
    at = open_page("worksheet")
    find(at.text_area, "...or paste").input(sample("water_cycle.txt").read_text())
    find(at.multiselect, "Reading levels").set_value([5])
    done = generate(at)
    shown = errors(done) + [w.value for w in done.warning]
    assert shown, texts(done)
    assert not any("validation error" in message.lower() for message in shown)
    assert "did not fit the expected form after 3 tries. Try again" in shown[0], shown
    assert "Input should" not in shown[0]
    [detail] = [e for e in done.expander if e.label.startswith("Technical detail")]
    assert detail.code[0].value  # the technical part is there, for whoever helps with IT


def test_not_applied_is_listed_for_every_students_copy():
    ids = seed(library(), *TWO_STUDENTS)
    at = open_page("modify")
    find(at.text_area, "...or paste the assignment").input(CHOICES)
    find(at.multiselect, "Accommodations").set_value(["reduced-choices"])
    find(at.multiselect, "Students").set_value(ids)
    done = generate(at)
    box = done.warning[0].value.replace("\\", "")
    assert "NOT APPLIED: 3 accommodations" in box
    assert "Student B: Word bank" in box and "Connect a model in Settings" in box
    assert "Student A: Reduced answer choices" in box
    assert "Student B: Reduced answer choices" in box


def test_a_new_session_takes_over_a_job_whose_session_is_gone():
    """What a reload mid-generation meets: the job the old session left, its form, its end."""
    import threading

    from generators.errors import ModelError
    from ui import jobs

    release = threading.Event()

    def work(progress):
        progress("Grade 3: measured 3.2 (range 2.8 to 3.6)")
        release.wait(10)
        raise ModelError("The model at 127.0.0.1 did not answer within 60 s. Try again later.")

    job = jobs.Job("Making the worksheet...", work, what="the worksheet", levels=2,
                   form={"topic": "Volcanoes", "levels": [2, 6]})  # fmt: skip
    job.owner = "a-session-that-was-reloaded"
    jobs._LATEST["worksheet"] = job.start()
    threading.Timer(1.0, release.set).start()
    at = open_page("worksheet")
    assert find(at.text_input, "Topic").value == "Volcanoes"
    assert find(at.multiselect, "Reading levels").value == [2, 6]
    assert "did not answer within 60 s" in errors(at)[0]
    assert job.claimed and job.adopted
    assert not open_page("worksheet").error  # taken once: another session does not see it


def test_a_20_word_passage_makes_a_worksheet_and_says_why_it_is_smaller():
    twenty = (
        "Bees live in hives. They make honey from nectar. Worker bees fly to flowers and carry "
        "pollen home. Bees dance."
    )
    assert len(twenty.split()) == 20
    at = open_page("worksheet")
    find(at.text_area, "...or paste").input(twenty)
    done = generate(at)
    assert not errors(done), errors(done)
    assert downloads(done)[0] == "Download all 3 documents (ZIP)"
    [note] = [info.value for info in done.info if "This passage is short" in info.value]
    assert "(20 words), so the worksheet has fewer activities" in note
    assert "asks nothing the passage does not answer" in note
