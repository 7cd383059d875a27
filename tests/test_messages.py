"""Messages name no front end: the core says which field an error is about, the CLI shows it as
its flag, the app as its form label, and no string in generators/ outside the CLI names a flag."""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest
from docx_read import all_text, open_docx
from samples import sample

from generators import api, assignment, modify
from generators.cli import main
from generators.errors import FIELD, InputError
from ui import common

ROOT = Path(__file__).resolve().parents[1]
FLAG = re.compile(r"(?<![\w-])--[a-z][a-z-]+")
# The command line is the one place that names flags: generators/cli.py and the kinds' CLI parts.
CLI_FILES = {ROOT / "generators" / "cli.py", *(ROOT / "generators" / "kinds").glob("*.py")}
# Arguments handed to another program (LibreOffice), never shown to a user.
PROGRAM_ARGUMENTS = {"--headless", "--norestore", "--convert-to", "--outdir"}


def strings_outside_docstrings(tree: ast.AST):
    docstrings = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Module | ast.ClassDef | ast.FunctionDef | ast.AsyncFunctionDef):
            body = node.body
            if body and isinstance(body[0], ast.Expr) and isinstance(body[0].value, ast.Constant):
                docstrings.add(id(body[0].value))
    for node in ast.walk(tree):
        if (
            isinstance(node, ast.Constant)
            and isinstance(node.value, str)
            and id(node) not in docstrings
        ):
            yield node


def test_no_string_outside_the_cli_names_a_flag():
    found = []
    for path in sorted((ROOT / "generators").rglob("*.py")):
        if path in CLI_FILES:
            continue
        tree = ast.parse(path.read_text(), str(path))
        for node in strings_outside_docstrings(tree):
            for flag in FLAG.findall(node.value):
                if flag not in PROGRAM_ARGUMENTS:
                    found.append(f"{path.relative_to(ROOT)}:{node.lineno}: {flag}")
    assert not found, "\n".join(found)


def test_an_error_names_its_field_in_words_by_default():
    error = InputError(f"{FIELD} lists no items: give item numbers, e.g. 1,3,5.", field="keep")
    assert str(error) == "The items to keep lists no items: give item numbers, e.g. 1,3,5."
    assert error.field == "keep"
    plain = InputError("Choose at least one reading level.")
    assert str(plain) == plain.render(lambda _: "--x") == "Choose at least one reading level."


def fractions():
    return assignment.load(sample("main_idea_assignment.txt"))


def test_the_cli_names_the_flag(capsys):
    code = main(["modify", "--assignment", str(sample("main_idea_assignment.txt")),
                 "--accommodations", "large-print", "--keep", "1,2"])  # fmt: skip
    assert code == 2
    assert "error: --keep picks the items for the fewer-items modification" in (
        capsys.readouterr().err
    )


def test_the_app_names_the_form_label():
    with pytest.raises(InputError) as caught:
        modify.make_request(fractions(), accommodations=["large-print"], keep_text="1,2")
    message = common.message_for(caught.value)
    assert message.startswith('"Fewer items: the items to keep" picks the items')
    assert "--" not in message


def test_an_offline_ledger_names_no_flag():
    request = modify.make_request(
        fractions(), accommodations=["fewer-items", "reduced-choices", "highlight-key-terms"]
    )
    material = api.generate("modify", request)
    details = " ".join(entry.detail for entry in material.ledger)
    assert "Pick the items to keep yourself, e.g. 1, 3, 5." in details
    assert not FLAG.search(details)
    teacher = next(d for d in api.render(material) if d.role == "teacher")
    assert not FLAG.search(all_text(open_docx(teacher.data)))
