"""One scale everywhere: the same text gets the same grade whatever grade it was meant for,
on the teacher copy, in the app's data, from `paraprep level` and in the evaluation."""

from __future__ import annotations

import json
import subprocess
import sys

from docx_read import all_text, open_docx
from samples import sample

from generators import api, leveling, readability, textwork
from generators.models import OfflineEngine
from generators.worksheet import make_request

MOUNT_ST_HELENS = (
    "Mount St. Helens is a volcano in the Cascade Range of Washington State. In March 1980, "
    "small earthquakes showed that magma was rising inside it. On May 18, 1980, the north side "
    "collapsed and the volcano erupted. Susan B. Anthony never saw it; she died in 1906. Dr. "
    "Lee of the U.S. Geological Survey measured 2.5 cm of ash at 9 a.m. the next day. "
    "Scientists still watch Mount St. Helens closely, and Mauna Loa in Hawaii too."
)


def test_same_text_same_grade_for_every_target_k_to_12():
    paragraphs = textwork.split_paragraphs(sample("water_cycle.txt").read_text())[1:]
    estimates = {leveling.as_written(target, paragraphs).measured for target in range(13)}
    assert len(estimates) == 1
    (measured,) = estimates
    assert measured.grade == readability.measure("\n\n".join(paragraphs)).grade
    assert measured.grade == api.measure_text(sample("water_cycle.txt").read_text()).grade


def test_teacher_copy_and_level_command_agree_and_say_what_in_band_means():
    text = sample("honeybees.txt").read_text()
    request = make_request(source_text=text, levels=(2, 4, 6, 8, 10, 12))
    material = api.generate("worksheet", request, OfflineEngine())
    grades = {version.measured.grade for version in material.versions}
    assert len(grades) == 1
    teacher = all_text(open_docx(api.render(material)[-1].data))
    (grade,) = grades
    row = f"\n{grade:.1f} ({material.versions[0].measured.low:.1f}-"
    assert teacher.count(row) == 6  # one row a version, all the same grade
    assert "In band means the estimate is within one grade of the target grade." in teacher
    cli = subprocess.run(
        [sys.executable, "-m", "generators.cli", "level", str(sample("honeybees.txt")), "--json"],
        capture_output=True,
        text=True,
        check=True,
    )
    assert json.loads(cli.stdout)[0]["grade"] == grade


def test_names_initials_and_decimals_do_not_split_sentences():
    sentences = textwork.split_sentences(" ".join(MOUNT_ST_HELENS.split()))
    assert len(sentences) == 6
    assert sentences[3].startswith("Susan B. Anthony never saw it")
    assert sentences[4].startswith("Dr. Lee of the U.S. Geological Survey measured 2.5 cm")


def test_offline_word_study_has_no_name_parts_or_sentence_fragments():
    """'Helens' was a vocabulary item, and 'Anthony traveled...' a fragment, when sentences
    broke at 'St.' and 'B.'."""
    body = MOUNT_ST_HELENS + "\n\n" + MOUNT_ST_HELENS.replace("Scientists", "Experts")
    material = api.generate(
        "worksheet", make_request(source_text=body, levels=(6,)), OfflineEngine()
    )
    terms = {entry.term.lower() for entry in material.vocabulary}
    assert not terms & {"helens", "mauna", "cascade", "anthony", "susan", "geological"}
    quoted = [q.evidence or "" for q in material.questions] + [c.text for c in material.cloze]
    assert not any(text.startswith(("Helens", "Anthony", "Lee of")) for text in quoted)


def test_a_passage_not_in_english_is_flagged_on_the_teacher_copy():
    spanish = (
        "El agua de la Tierra siempre está en movimiento. Sube del mar al cielo, cae sobre la "
        "tierra y vuelve al mar. Los científicos llaman a este viaje el ciclo del agua. El Sol "
        "calienta el agua de los océanos y de los ríos, y una parte se convierte en vapor. "
        "Cuando el aire sube, se enfría, y el vapor forma gotas pequeñas que hacen las nubes."
    )
    material = api.generate(
        "worksheet", make_request(source_text=spanish, levels=(3,)), OfflineEngine()
    )
    assert not material.versions[0].measured.confident
    teacher = all_text(open_docx(api.render(material)[-1].data))
    assert readability.NOT_ENGLISH in teacher
