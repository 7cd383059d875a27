"""Every part of every generated DOCX is valid against the ECMA-376 transitional schemas.

Word is strict about what LibreOffice forgives (an out-of-order w:pBdr dropped the writing
lines or raised "Word found unreadable content"), and every printed check so far went through
LibreOffice. The schemas live in tests/xsd/ (source and licence in its README);
tests/ooxml_schema.py says how Microsoft's ignorable extension markup is treated.
"""

from __future__ import annotations

import io
import zipfile

import pytest
from kind_cases import GROUP_CSV
from ooxml_schema import parts_checked, violations
from word_packets import case_for, kind_names, model_packets, offline_packets

from generators import registry
from generators.cli import main
from generators.render.docx_base import PROFILES, TEMPLATES_DIR, Writer

# Every part a ParaPrep DOCX holds is checked except the core properties (see ooxml_schema)
EXPECTED_PARTS = {
    "[Content_Types].xml", "_rels/.rels", "docProps/app.xml", "word/_rels/document.xml.rels",
    "word/document.xml", "word/styles.xml", "word/numbering.xml", "word/settings.xml",
    "word/fontTable.xml", "word/webSettings.xml", "word/theme/theme1.xml",
}  # fmt: skip


def assert_valid(label: str, data: bytes) -> None:
    found = violations(data)
    assert not found, f"{label}: {len(found)} schema error(s):\n" + "\n".join(found[:10])


@pytest.mark.parametrize("profile", PROFILES)
def test_templates_are_schema_valid(profile):
    assert_valid(profile, (TEMPLATES_DIR / f"{profile}.docx").read_bytes())


@pytest.mark.parametrize("kind", kind_names())
def test_offline_documents_are_schema_valid(kind):
    packets = offline_packets(kind)
    for label, documents in packets:
        for document in documents:
            parts = set(parts_checked(document.data))
            assert parts >= EXPECTED_PARTS, f"{document.filename}: missing parts"
            assert any(p.startswith("word/footer") for p in parts), document.filename
            assert_valid(f"{kind} / {label} / {document.filename}", document.data)


@pytest.mark.parametrize("kind", kind_names())
def test_model_path_documents_are_schema_valid(kind, stub_env):
    for label, documents in model_packets(kind, stub_env):
        assert documents, f"{kind} / {label}: no documents"
        for document in documents:
            assert_valid(f"{kind} / {label} (model) / {document.filename}", document.data)


@pytest.mark.parametrize("kind", kind_names())
def test_caseload_copies_are_schema_valid(kind, tmp_path, capsys):
    """Copies per student (labelled with the student's code afterwards) from the command line."""
    if not registry.get(kind).makes_copies:
        pytest.skip(f"'{kind}' makes no copies per student")
    case = case_for(kind)
    assert case.caseload_args, f"add caseload_args for '{kind}' to tests/kind_cases.py"
    roster = tmp_path / "students.csv"
    roster.write_text(GROUP_CSV, encoding="utf-8")
    out = tmp_path / "out"
    arguments = [kind, "--students", str(roster), *case.caseload_args, "--out", str(out)]
    code = main([*arguments, "--engine", "offline"] if registry.get(kind).uses_model else arguments)
    assert code == 0, capsys.readouterr().err
    files = sorted(out.glob("*.docx"))
    assert len(files) >= 2, files  # copies for at least two students (not all have goals)
    for path in files:
        assert_valid(f"{kind} caseload / {path.name}", path.read_bytes())


def test_the_check_catches_the_border_order_word_rejects():
    """The check can fail: the Answer Line style as it was (w:pBdr after w:spacing)."""
    writer = Writer("standard")
    writer.answer_lines(2)
    data = writer.to_bytes()
    styles = read_part(data, "word/styles.xml")
    start = styles.index('w:styleId="AnswerLine"')
    ppr = styles.index("<w:pPr>", start)
    end = styles.index("</w:pPr>", ppr)
    block = styles[ppr + len("<w:pPr>") : end]
    border = block[block.index("<w:pBdr>") : block.index("</w:pBdr>") + len("</w:pBdr>")]
    moved = "<w:pPr>" + block.replace(border, "") + border + "</w:pPr>"
    broken = styles[:ppr] + moved + styles[end + len("</w:pPr>") :]
    found = violations(replace_part(data, "word/styles.xml", broken))
    assert any("pBdr" in message and "not expected" in message for message in found), found


def test_the_check_reports_extension_markup_not_declared_ignorable():
    """Only namespaces a part itself declares mc:Ignorable are skipped."""
    data = Writer("standard").to_bytes()
    document = read_part(data, "word/document.xml")
    extra = (
        '<w:p xmlns:x15="http://schemas.microsoft.com/office/word/2012/wordml">'
        "<w:pPr><x15:collapsed/></w:pPr></w:p>"
    )
    broken = document.replace("<w:body>", "<w:body>" + extra, 1)
    assert violations(replace_part(data, "word/document.xml", broken))


def read_part(data: bytes, name: str) -> str:
    with zipfile.ZipFile(io.BytesIO(data)) as package:
        return package.read(name).decode("utf-8")


def replace_part(data: bytes, name: str, text: str) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as source, zipfile.ZipFile(out, "w") as target:
        for item in source.infolist():
            body = text.encode("utf-8") if item.filename == name else source.read(item)
            target.writestr(item, body)
    return out.getvalue()
