"""The `paraprep` command: real subprocesses, real files, one clear line for every user error."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from samples import PASSAGES, sample
from worksheet_stub import worksheet_responder

from generators.cli import main

PARAPREP = [sys.executable, "-m", "generators.cli"]


def run(args, *, env=None, stdin=None, cwd=None):
    environment = {k: v for k, v in os.environ.items() if not k.startswith(("OPENAI", "PARAPREP"))}
    environment.update(env or {})
    return subprocess.run(
        [*PARAPREP, *args],
        capture_output=True,
        text=True,
        env=environment,
        input=stdin,
        cwd=cwd,
        timeout=120,
    )


@pytest.mark.parametrize("name", PASSAGES)
def test_offline_worksheet_json_lists_every_file(name, tmp_path):
    result = run(
        ["worksheet", "--source", str(sample(name)), "--levels", "2,5,8",
         "--accommodations", "large-print,word-bank", "--questions", "6",
         "--out", str(tmp_path), "--json"]
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    report = json.loads(result.stdout)
    assert report["engine"]["kind"] == "offline"
    assert [(f["role"], f["level"]) for f in report["files"]] == [
        ("student", 2),
        ("student", 5),
        ("student", 8),
        ("teacher", None),
    ]
    assert all(Path(f["path"]).is_file() for f in report["files"])
    assert [v["target"] for v in report["versions"]] == [2, 5, 8]
    assert all(isinstance(v["measured"], float) for v in report["versions"])
    assert report["warnings"]  # the samples read far above grade 2: said, not hidden


def test_human_summary(tmp_path):
    result = run(
        ["worksheet", "--source", str(sample("honeybees.txt")), "--levels", "4",
         "--out", str(tmp_path)]
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    assert "offline engine (no AI)" in result.stdout
    assert "grade 4: measured" in result.stdout
    assert "wrote" in result.stdout


def test_worksheet_against_the_stub_model(stub, tmp_path):
    stub.set_responder(worksheet_responder)
    env = {"OPENAI_API_KEY": "k", "OPENAI_BASE_URL": stub.base_url, "PARAPREP_MODEL": "stub-model"}
    result = run(
        ["worksheet", "--source", str(sample("water_cycle.txt")), "--levels", "2,5",
         "--out", str(tmp_path), "--json"],
        env=env,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    report = json.loads(result.stdout)
    assert report["engine"]["kind"] == "model"
    assert all(v["rewritten"] for v in report["versions"])
    assert report["usage"]["calls"] == 4  # core, two rewrites, one answer check for both


def test_level_reads_stdin_and_files():
    result = run(["level", "-"], stdin=sample("honeybees.txt").read_text())
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("standard input: grade")
    result = run(["level", str(sample("water_cycle.txt")), "--json"])
    assert json.loads(result.stdout)[0]["words"] > 200


def test_level_measures_many_files_in_the_order_given(tmp_path):
    """A table, or --json one object a file, in order; a file with no prose gets a note."""
    empty = tmp_path / "questions.txt"
    empty.write_text("Just A Title\n", encoding="utf-8")
    paths = [str(sample("water_cycle.txt")), str(empty), str(sample("honeybees.txt"))]
    result = run(["level", *paths, "--json"])
    assert result.returncode == 1  # one file could not be measured: said, not hidden
    rows = json.loads(result.stdout)
    assert [row["path"] for row in rows] == paths
    assert set(rows[0]) == {"path", "grade", "low", "high", "scores", "words", "note"}
    assert rows[0]["low"] <= rows[0]["grade"] <= rows[0]["high"] and rows[2]["words"] > 200
    assert rows[1]["grade"] is None and "no prose" in rows[1]["note"]
    table = run(["level", paths[0], paths[2]])
    assert table.returncode == 0
    lines = table.stdout.splitlines()
    assert lines[0].split()[:4] == ["file", "grade", "range", "words"]
    assert f"{rows[0]['grade']:.1f}" in lines[1] and f"{rows[2]['grade']:.1f}" in lines[2]


def test_accommodations_lists_the_catalogue():
    result = run(["accommodations"])
    assert result.returncode == 0
    assert "reduced-choices" in result.stdout and "MODIFICATION" in result.stdout


ERRORS = [
    (["worksheet", "--source", "missing.txt", "--levels", "3"], "not found"),
    (["worksheet", "--source", "{honeybees}", "--levels", "3", "--accommodations", "big"],
     "Unknown accommodation 'big'"),
    (["worksheet", "--source", "{honeybees}", "--levels", "15"], "out of range"),
    (["worksheet", "--source", "{honeybees}", "--levels", "3", "--questions", "500"],
     "between 3 and 20"),
    (["worksheet", "--topic", "Volcanoes", "--levels", "3"], "cannot write a passage"),
    (["worksheet", "--source", "{binary}", "--levels", "3"], "binary"),
    (["worksheet", "--source", "{honeybees}", "--levels", "3", "--engine", "openai"],
     "OPENAI_API_KEY"),
    (["level", "{empty}"], "empty"),
    (["worksheet", "--source", "{honeybees}", "--levels", "3", "--out", "{honeybees}"],
     "is a file"),
]  # fmt: skip


@pytest.mark.parametrize(("args", "fragment"), ERRORS)
def test_user_errors_print_one_line_and_exit_non_zero(args, fragment, tmp_path):
    binary = tmp_path / "data.txt"
    binary.write_bytes(bytes(range(256)) * 8)
    empty = tmp_path / "empty.txt"
    empty.write_text("  \n")
    names = {"honeybees": str(sample("honeybees.txt")), "binary": str(binary),
             "empty": str(empty)}  # fmt: skip
    result = run([arg.format(**names) for arg in args], cwd=tmp_path)
    assert result.returncode != 0
    assert "Traceback" not in result.stderr
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("error: ")
    assert fragment in lines[0]


def test_unexpected_errors_never_show_a_traceback(monkeypatch, capsys):
    def explode(*_args, **_kwargs):
        raise RuntimeError("disk on fire")

    monkeypatch.setattr("generators.api.generate", explode)
    code = main(["worksheet", "--source", str(sample("honeybees.txt")), "--levels", "3"])
    captured = capsys.readouterr()
    assert code == 1
    assert "unexpected problem (RuntimeError: disk on fire)" in captured.err
    assert "Traceback" not in captured.err
