"""The LMS export: a QTI 1.2 package Canvas and Schoology import, and a plain CSV.

The package is read back as an LMS would: the manifest first, then each assessment it names;
the structural check is exercised on the real package and on broken ones, so it can fail.
"""

from __future__ import annotations

import csv
import io
import zipfile
from pathlib import Path

import pytest
from lxml import etree

from generators import api, qti
from generators.models import OfflineEngine
from generators.quiz import make_request

FIXTURES = Path(__file__).resolve().parent / "fixtures"
QTI_NS = {"q": qti.QTI}
CP_NS = {"cp": qti.IMSCP}


@pytest.fixture(scope="module")
def material():
    request = make_request(
        source_text=(FIXTURES / "island_volcano.txt").read_text(), levels=(3, 6), items=8
    )
    return api.generate("quiz", request, OfflineEngine())


@pytest.fixture(scope="module")
def package(material) -> bytes:
    return qti.package(material)


def rebuilt(data: bytes, name: str, change) -> bytes:
    """The package with one file's XML changed by `change(root)`."""
    source = zipfile.ZipFile(io.BytesIO(data))
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for entry in source.namelist():
            content = source.read(entry)
            if entry == name:
                root = etree.fromstring(content)
                change(root)
                content = etree.tostring(root, xml_declaration=True, encoding="utf-8")
            archive.writestr(entry, content)
    return buffer.getvalue()


def test_the_package_passes_the_structure_check(package):
    assert qti.check_package(package) == []


def test_manifest_names_one_assessment_per_level_and_each_file_exists(package, material):
    archive = zipfile.ZipFile(io.BytesIO(package))
    manifest = etree.fromstring(archive.read("imsmanifest.xml"))
    assert manifest.tag == f"{{{qti.IMSCP}}}manifest" and manifest.get("identifier")
    resources = manifest.findall(".//cp:resource", CP_NS)
    assert len(resources) == len(material.copies) == 2
    for resource in resources:
        assert resource.get("type") == "imsqti_xmlv1p2"
        assert resource.get("href") in archive.namelist()
        assert resource.find("cp:file", CP_NS).get("href") == resource.get("href")


def test_each_assessment_holds_every_item_with_its_key(package, material):
    archive = zipfile.ZipFile(io.BytesIO(package))
    names = [n for n in archive.namelist() if n != "imsmanifest.xml"]
    for name, copy in zip(names, material.copies, strict=True):
        root = etree.fromstring(archive.read(name))  # well-formed, or this raises
        items = root.findall(".//q:item", QTI_NS)
        assert len(items) == len(material.items)
        for node, item, words in zip(items, material.items, copy.wording, strict=True):
            types = node.xpath(".//q:fieldlabel[text()='question_type']/../q:fieldentry/text()",
                               namespaces=QTI_NS)  # fmt: skip
            assert types == [qti.QUESTION_TYPES[item.kind]]
            assert node.findtext(".//q:presentation/q:material/q:mattext", namespaces=QTI_NS) == (
                words.stem
            )
            keyed = node.findall(".//q:varequal", QTI_NS)
            if item.kind in ("multiple_choice", "true_false"):
                label = keyed[0].text
                text = node.xpath(f".//q:response_label[@ident='{label}']//q:mattext/text()",
                                  namespaces=QTI_NS)  # fmt: skip
                assert text == [item.choices[item.correct_choice]]
            elif item.kind == "matching":
                assert len(keyed) == len(item.pairs)
            else:
                assert not keyed  # an essay is scored by the teacher


@pytest.mark.parametrize(
    ("name", "change", "problem"),
    [
        ("imsmanifest.xml", lambda r: r.attrib.pop("identifier"), "identifier"),
        (
            "imsmanifest.xml",
            lambda r: r.find(".//cp:resource", CP_NS).set("href", "missing.xml"),
            "not in the ZIP",
        ),
        (0, lambda r: r.find(".//q:varequal", QTI_NS).__setattr__("text", "nope"), "not a choice"),
        (0, lambda r: r.find(".//q:item", QTI_NS).attrib.pop("ident"), "item ident"),
        (
            0,
            lambda r: r.find(".//q:item", QTI_NS).append(r.find(".//q:itemmetadata", QTI_NS)),
            "out of the order",
        ),
    ],
)
def test_the_check_catches_a_broken_package(package, name, change, problem):
    if name == 0:
        name = next(n for n in zipfile.ZipFile(io.BytesIO(package)).namelist() if "/" in n)
    broken = rebuilt(package, name, change)
    assert any(problem in found for found in qti.check_package(broken)), qti.check_package(broken)


def test_not_a_zip_and_no_manifest_are_reported():
    assert qti.check_package(b"not a zip") == ["not a ZIP file"]
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("quiz.xml", "<questestinterop/>")
    assert "no imsmanifest.xml" in qti.check_package(buffer.getvalue())[0]


def test_csv_has_a_row_per_item_per_level_with_the_answer(material):
    data = qti.items_csv(material).decode("utf-8-sig")
    rows = list(csv.DictReader(io.StringIO(data)))
    assert len(rows) == len(material.items) * len(material.copies)
    first = rows[0]
    assert first["level"] == "3" and first["number"] == "1" and first["answer"]
    for row, item in zip(rows, material.items, strict=False):
        assert row["question"] == item.stem and row["dok"] == str(item.dok)


def test_lms_files_are_named_for_the_quiz(material):
    files = qti.lms_files(material)
    assert sorted(files) == [
        "kilauea-a-volcano-that-builds-land_quiz_items.csv",
        "kilauea-a-volcano-that-builds-land_quiz_qti.zip",
    ]
