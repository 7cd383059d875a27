"""`paraprep eval` against the stub: a scripted model that misses first and lands on revision."""

from __future__ import annotations

import csv
import io
import json

from leveled_texts import BY_GRADE
from test_leveling import TOO_HARD, is_revision
from worksheet_stub import passage_for, schema_name, target_grade, worksheet_responder

from generators import evaluate
from generators.cli import main
from generators.models import from_env


def misses_then_lands(body):
    """First rewrite far too hard; every revision comes back at the target grade."""
    if schema_name(body) == "Passage":
        return passage_for(target_grade(body)) if is_revision(body) else TOO_HARD
    return worksheet_responder(body)


def test_builtin_set_covers_subjects_and_grades():
    texts = evaluate.load_texts()
    assert len(texts) >= 12
    assert len({t.subject for t in texts}) >= 5
    assert min(t.source_grade for t in texts) <= 3 and max(t.source_grade for t in texts) >= 10
    for text in texts:
        assert len(text.read().split()) > 150


def test_report_counts_before_and_after_revision(stub_env):
    stub_env.set_responder(misses_then_lands)
    model = from_env()
    report = evaluate.run_eval(model, levels=(2, 5, 8), max_revisions=1, only=["01", "09"])
    assert len(report.rows) == 6 and len(report.packets) == 2
    rewritten = [r for r in report.rows if r.rewritten]
    kept = [r for r in report.rows if not r.rewritten]
    assert rewritten and kept  # the ENIAC source (5.4) is already in band for grade 5
    for row in rewritten:  # TOO_HARD first (about grade 8-9), then the target's own text
        assert row.in_band_before == (abs(row.first_grade - row.target) <= 1)
        assert row.in_band_after and row.revisions == 1  # facts differ, so always revised once
    assert any(not row.in_band_before for row in rewritten)
    for row in kept:
        assert row.in_band_before == row.in_band_after and row.revisions == 0
    assert sum(p.calls for p in report.packets) == len(stub_env.requests)
    assert sum(is_revision(b) for b in stub_env.requests) == sum(r.revisions for r in report.rows)
    # the stub's passages are about the water cycle, not these texts: facts must be flagged
    assert sum(r.dropped_facts for r in report.rows if r.rewritten) > 0
    bands = {row["Band"]: row for row in evaluate.band_table(report)}
    assert bands["K-3"]["Within ±1 after revision"] == "100% (2/2)"
    grade_5 = {row.text[:2]: row for row in report.rows if row.target == 5}
    assert not grade_5["09"].rewritten and grade_5["09"].in_band_before  # source measures 5.4
    assert grade_5["01"].rewritten and not grade_5["01"].in_band_before  # TOO_HARD reads 7.8
    assert bands["4-5"]["Within ±1 before revision"] == "50% (1/2)"
    assert bands["4-5"]["Within ±1 after revision"] == "100% (2/2)"


def test_cli_writes_markdown_and_csv(stub_env, tmp_path, capsys):
    stub_env.set_responder(misses_then_lands)
    code = main(["eval", "--limit", "1", "--levels", "2,5", "--max-revisions", "1",
                 "--out", str(tmp_path), "--json"])  # fmt: skip
    assert code == 0
    summary = json.loads(capsys.readouterr().out)
    markdown = (tmp_path / "eval_report.md").read_text()
    assert "| Band | Versions | Within ±1 before revision |" in markdown
    assert "stub-model" in markdown
    rows = list(csv.DictReader(io.StringIO((tmp_path / "eval_report.csv").read_text())))
    assert [int(r["target"]) for r in rows] == [2, 5]
    assert summary["totals"]["Packets"] == "1"


def test_a_failing_model_is_reported_not_crashed(stub_env):
    from stub_openai import Reply

    stub_env.set_responder(lambda body: Reply(status=401, content="no"))
    report = evaluate.run_eval(from_env(), levels=(3,), limit=1)
    assert report.rows[0].status == "failed" and "API key" in report.packets[0].error
    assert BY_GRADE  # the scripted texts are shared with the leveling tests
