"""`paraprep eval` with the quiz: answerable per level and one correct choice, measured."""

from __future__ import annotations

from quiz_stub import quiz_responder
from worksheet_stub import schema_name, worksheet_responder

from generators import evaluate, quiz_eval
from generators.models import OfflineEngine, from_env


def both(body):
    if schema_name(body) in ("WorksheetCore", "AnswerCheck"):
        return worksheet_responder(body)
    if schema_name(body) == "QuizCheck" and "caterpillar" in str(body):  # the grade-3 copy
        return {"unsupported": [{"question": 2, "missing": "the percentage"}],
                "ambiguous": [{"number": 1, "other": "Wind from the oceans"}]}  # fmt: skip
    return quiz_responder(body)


def test_eval_reports_the_quiz_per_level_with_the_model(stub_env):
    stub_env.set_responder(both)
    # The monarch text measures 3.5: the grade-3 copy keeps it as written (the caterpillar).
    report = evaluate.run_eval(from_env(), levels=(3, 8), max_revisions=0, only=["01"], quiz=True)
    assert [(row.text, row.target) for row in report.quiz] == [
        ("01_monarch_butterflies.txt", 3), ("01_monarch_butterflies.txt", 8),
    ]  # fmt: skip
    table = {row["Target grade"]: row for row in quiz_eval.quiz_table(list(report.quiz))}
    low, high = report.quiz
    assert low.checked and low.items == 8 and low.unsupported == 1 and low.ambiguous == 1
    assert high.unsupported == 0 and high.ambiguous == 0
    assert table["3"]["Items answerable"] == "88% (7/8)"
    assert table["8"]["Items answerable"] == "100% (8/8)"
    assert table["3"]["One correct choice"] == "80% (4/5)"  # 3 choice + 2 true/false items
    assert "## Quiz" in evaluate.to_markdown(report)


def test_offline_eval_says_answerability_was_not_checked():
    report = evaluate.run_eval(OfflineEngine(), levels=(5,), only=["05"], quiz=True)
    (row,) = quiz_eval.quiz_table(list(report.quiz))
    assert row["Items answerable"] == "not checked"
    assert row["One correct choice"].startswith("structure only: 100%")


def test_the_quiz_is_left_out_unless_asked(stub_env):
    stub_env.set_responder(both)
    report = evaluate.run_eval(from_env(), levels=(8,), only=["01"])
    assert report.quiz == () and "## Quiz" not in evaluate.to_markdown(report)
