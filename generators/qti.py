"""A quiz for learning-management systems: a QTI 1.2 package and a plain CSV.

QTI 1.2 (IMS Question and Test Interoperability, ASI) is what Canvas and Schoology import as a
quiz: a ZIP with `imsmanifest.xml` (IMS Content Packaging 1.1) naming one assessment XML per
resource. Each level's copy becomes its own assessment, worded as printed, with the shared key
as response processing and the rationale as feedback. Item types use Canvas's names
(multiple_choice_question, true_false_question, matching_question, essay_question), which
Schoology reads too. `check_package` validates the structure the spec requires, and every
package is checked before it is handed over.
"""

from __future__ import annotations

import csv
import io
import re
import xml.etree.ElementTree as ET
import zipfile

from generators.domain.levels import grade_name
from generators.domain.quiz import KIND_LABELS, QuizCopy, QuizItem, QuizMaterial, Wording
from generators.errors import ParaPrepError
from generators.render.docx_base import slug

IMSCP = "http://www.imsglobal.org/xsd/imscp_v1p1"
QTI = "http://www.imsglobal.org/xsd/ims_qtiasiv1p2"
QUESTION_TYPES = {
    "multiple_choice": "multiple_choice_question",
    "true_false": "true_false_question",
    "matching": "matching_question",
    "short_answer": "essay_question",  # open answer, scored by the teacher
}
CARDINALITIES = {"Single", "Multiple", "Ordered"}
ITEM_ORDER = ("itemmetadata", "presentation", "resprocessing", "itemfeedback")
_XML_UNSAFE = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


class PackageError(ParaPrepError):
    """The package does not have the structure QTI 1.2 requires (a bug, reported plainly)."""


# --- Building ---


def package(material: QuizMaterial) -> bytes:
    """The QTI 1.2 ZIP: imsmanifest.xml and one assessment per printed level."""
    copies = [copy for copy in material.copies if copy.version.status != "failed"]
    files = {
        f"{ident(material, copy)}/{ident(material, copy)}.xml": assessment_xml(material, copy)
        for copy in copies
    }
    files = {"imsmanifest.xml": manifest_xml(material, list(files)), **files}
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in files.items():
            archive.writestr(name, data)
    data = buffer.getvalue()
    problems = check_package(data)
    if problems:
        raise PackageError("The QTI package failed its structure check: " + "; ".join(problems))
    return data


def ident(material: QuizMaterial, copy: QuizCopy) -> str:
    return f"{slug(material.title, 40)}-grade-{grade_name(copy.target).lower()}"


def text(value: str) -> str:
    return _XML_UNSAFE.sub("", value)


def manifest_xml(material: QuizMaterial, hrefs: list[str]) -> bytes:
    ET.register_namespace("", IMSCP)
    root = ET.Element(f"{{{IMSCP}}}manifest", identifier=f"paraprep-{slug(material.title, 40)}")
    metadata = ET.SubElement(root, f"{{{IMSCP}}}metadata")
    ET.SubElement(metadata, f"{{{IMSCP}}}schema").text = "IMS Content"
    ET.SubElement(metadata, f"{{{IMSCP}}}schemaversion").text = "1.1.3"
    ET.SubElement(root, f"{{{IMSCP}}}organizations")
    resources = ET.SubElement(root, f"{{{IMSCP}}}resources")
    for href in hrefs:
        resource = ET.SubElement(
            resources,
            f"{{{IMSCP}}}resource",
            identifier=href.split("/")[0],
            type="imsqti_xmlv1p2",
            href=href,
        )
        ET.SubElement(resource, f"{{{IMSCP}}}file", href=href)
    return ET.tostring(root, encoding="utf-8", xml_declaration=True)


def assessment_xml(material: QuizMaterial, copy: QuizCopy) -> bytes:
    ET.register_namespace("", QTI)
    root = ET.Element(f"{{{QTI}}}questestinterop")
    title = f"{material.title} (grade {grade_name(copy.target)})"
    assessment = ET.SubElement(
        root, f"{{{QTI}}}assessment", ident=ident(material, copy), title=text(title)
    )
    metadata(assessment, {"cc_maxattempts": "1"})
    section = ET.SubElement(assessment, f"{{{QTI}}}section", ident="root_section")
    for number, (item, words) in enumerate(zip(material.items, copy.wording, strict=True), 1):
        write_item(section, number, item, words)
    return ET.tostring(root, encoding="utf-8", xml_declaration=True)


def metadata(parent: ET.Element, fields: dict[str, str]) -> None:
    tag = "itemmetadata" if parent.tag.endswith("}item") else None
    holder = ET.SubElement(parent, f"{{{QTI}}}{tag}") if tag else parent
    block = ET.SubElement(holder, f"{{{QTI}}}qtimetadata")
    for label, entry in fields.items():
        field = ET.SubElement(block, f"{{{QTI}}}qtimetadatafield")
        ET.SubElement(field, f"{{{QTI}}}fieldlabel").text = label
        ET.SubElement(field, f"{{{QTI}}}fieldentry").text = entry


def mattext(parent: ET.Element, value: str) -> None:
    material = ET.SubElement(parent, f"{{{QTI}}}material")
    ET.SubElement(material, f"{{{QTI}}}mattext", texttype="text/plain").text = text(value)


def write_item(section: ET.Element, number: int, item: QuizItem, words: Wording) -> None:
    item_id = f"item_{number}"
    node = ET.SubElement(section, f"{{{QTI}}}item", ident=item_id, title=f"Question {number}")
    metadata(
        node,
        {
            "question_type": QUESTION_TYPES[item.kind],
            "points_possible": str(item.points),
            "dok": str(item.dok),
        },
    )
    presentation = ET.SubElement(node, f"{{{QTI}}}presentation")
    mattext(presentation, words.stem)
    if item.kind in ("multiple_choice", "true_false"):
        choice_item(node, presentation, item_id, item, words)
    elif item.kind == "matching":
        matching_item(node, presentation, item_id, item, words)
    else:
        essay_item(node, presentation)
    feedback = ET.SubElement(node, f"{{{QTI}}}itemfeedback", ident="general_fb")
    flow = ET.SubElement(feedback, f"{{{QTI}}}flow_mat")
    mattext(flow, f"{item.rationale} Source: {item.source_sentence}".strip())


def outcomes(resprocessing: ET.Element) -> None:
    block = ET.SubElement(resprocessing, f"{{{QTI}}}outcomes")
    ET.SubElement(block, f"{{{QTI}}}decvar", maxvalue="100", minvalue="0", varname="SCORE",
                  vartype="Decimal")  # fmt: skip


def choice_item(node, presentation, item_id: str, item: QuizItem, words: Wording) -> None:
    response = ET.SubElement(presentation, f"{{{QTI}}}response_lid", ident="response1",
                             rcardinality="Single")  # fmt: skip
    choices = ET.SubElement(response, f"{{{QTI}}}render_choice")
    labels = [f"{item_id}_choice_{index}" for index in range(len(words.choices))]
    for label, choice in zip(labels, words.choices, strict=True):
        mattext(ET.SubElement(choices, f"{{{QTI}}}response_label", ident=label), choice)
    processing = ET.SubElement(node, f"{{{QTI}}}resprocessing")
    outcomes(processing)
    condition = ET.SubElement(processing, f"{{{QTI}}}respcondition", {"continue": "No"})
    variable = ET.SubElement(condition, f"{{{QTI}}}conditionvar")
    ET.SubElement(variable, f"{{{QTI}}}varequal", respident="response1").text = labels[
        item.correct_choice
    ]
    ET.SubElement(condition, f"{{{QTI}}}setvar", action="Set", varname="SCORE").text = "100"


def matching_item(node, presentation, item_id: str, item: QuizItem, words: Wording) -> None:
    """Each sentence is a response with every term as its options (Canvas's matching form)."""
    terms = sorted(pair.term for pair in item.pairs)
    term_ids = {term: f"{item_id}_term_{index}" for index, term in enumerate(terms)}
    for number, description in enumerate(words.descriptions, 1):
        response = ET.SubElement(presentation, f"{{{QTI}}}response_lid",
                                 ident=f"response_{number}", rcardinality="Single")  # fmt: skip
        mattext(response, description)
        options = ET.SubElement(response, f"{{{QTI}}}render_choice")
        for term in terms:
            mattext(ET.SubElement(options, f"{{{QTI}}}response_label", ident=term_ids[term]), term)
    processing = ET.SubElement(node, f"{{{QTI}}}resprocessing")
    outcomes(processing)
    share = f"{100 / len(item.pairs):.2f}"
    for number, pair in enumerate(item.pairs, 1):
        condition = ET.SubElement(processing, f"{{{QTI}}}respcondition")
        variable = ET.SubElement(condition, f"{{{QTI}}}conditionvar")
        ET.SubElement(
            variable, f"{{{QTI}}}varequal", respident=f"response_{number}"
        ).text = term_ids[pair.term]
        ET.SubElement(condition, f"{{{QTI}}}setvar", action="Add", varname="SCORE").text = share


def essay_item(node, presentation) -> None:
    response = ET.SubElement(presentation, f"{{{QTI}}}response_str", ident="response1",
                             rcardinality="Single")  # fmt: skip
    ET.SubElement(response, f"{{{QTI}}}render_fib", rows="4")
    processing = ET.SubElement(node, f"{{{QTI}}}resprocessing")
    outcomes(processing)


# --- CSV ---

CSV_HEADER = ["level", "number", "type", "dok", "points", "question", "choice_a", "choice_b",
              "choice_c", "choice_d", "answer", "rationale", "source_sentence"]  # fmt: skip


def items_csv(material: QuizMaterial) -> bytes:
    """Every level's items with the key, one row each; matching pairs as 'term = sentence'."""
    from generators.render.quiz import key_answer

    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(CSV_HEADER)
    for copy in material.copies:
        if copy.version.status == "failed":
            continue
        for number, (item, words) in enumerate(zip(material.items, copy.wording, strict=True), 1):
            options = list(words.choices)
            if item.kind == "matching":
                options = [f"{p.term} = {d}" for p, d in zip(item.pairs, words.descriptions,
                                                            strict=True)]  # fmt: skip
            options = (
                (options + [""] * 4)[:4]
                if len(options) <= 4
                else [*options[:3], " | ".join(options[3:])]
            )
            writer.writerow([grade_name(copy.target), number, KIND_LABELS[item.kind], item.dok,
                             item.points, words.stem, *options, key_answer(item), item.rationale,
                             item.source_sentence])  # fmt: skip
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")  # BOM: Excel reads it as UTF-8


def lms_files(material: QuizMaterial) -> dict[str, bytes]:
    """The files `--qti` adds beside the DOCX: the package and the CSV."""
    stem = f"{slug(material.title)}_quiz"
    return {f"{stem}_qti.zip": package(material), f"{stem}_items.csv": items_csv(material)}


# --- Checking the structure the spec requires ---


def check_package(data: bytes) -> list[str]:
    """Problems with a QTI 1.2 package's structure; empty when it is sound."""
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
    except zipfile.BadZipFile:
        return ["not a ZIP file"]
    names = set(archive.namelist())
    if "imsmanifest.xml" not in names:
        return ["no imsmanifest.xml at the top of the ZIP"]
    try:
        manifest = ET.fromstring(archive.read("imsmanifest.xml"))
    except ET.ParseError as error:
        return [f"imsmanifest.xml is not well-formed XML ({error})"]
    problems = check_manifest(manifest, names)
    for resource in manifest.iter(f"{{{IMSCP}}}resource"):
        href = resource.get("href", "")
        if href in names:
            try:
                root = ET.fromstring(archive.read(href))
            except ET.ParseError as error:
                problems.append(f"{href} is not well-formed XML ({error})")
                continue
            problems += [f"{href}: {p}" for p in check_assessment(root)]
    return problems


def check_manifest(manifest: ET.Element, names: set[str]) -> list[str]:
    problems = []
    if manifest.tag != f"{{{IMSCP}}}manifest" or not manifest.get("identifier"):
        problems.append("the manifest root must be an IMS CP <manifest> with an identifier")
    resources = list(manifest.iter(f"{{{IMSCP}}}resource"))
    if not resources:
        problems.append("the manifest lists no resources")
    seen = set()
    for resource in resources:
        identifier, href = resource.get("identifier"), resource.get("href")
        if not identifier or identifier in seen:
            problems.append(f"resource identifier missing or repeated: {identifier!r}")
        seen.add(identifier)
        if resource.get("type") != "imsqti_xmlv1p2":
            problems.append(f"resource {identifier} is not of type imsqti_xmlv1p2")
        if href not in names:
            problems.append(f"resource {identifier} names {href!r}, which is not in the ZIP")
        files = [f.get("href") for f in resource.iter(f"{{{IMSCP}}}file")]
        if href not in files:
            problems.append(f"resource {identifier} does not list its own file")
    return problems


def check_assessment(root: ET.Element) -> list[str]:
    if root.tag != f"{{{QTI}}}questestinterop":
        return ["root element must be <questestinterop> in the QTI 1.2 namespace"]
    assessments = root.findall(f"{{{QTI}}}assessment")
    if len(assessments) != 1 or not assessments[0].get("ident") or not assessments[0].get("title"):
        return ["exactly one <assessment> with ident and title is required"]
    sections = assessments[0].findall(f"{{{QTI}}}section")
    if not sections or any(not section.get("ident") for section in sections):
        return ["the assessment needs a <section> with an ident"]
    problems, idents = [], set()
    for item in assessments[0].iter(f"{{{QTI}}}item"):
        name = item.get("ident")
        if not name or name in idents:
            problems.append(f"item ident missing or repeated: {name!r}")
        idents.add(name)
        problems += [f"{name}: {p}" for p in check_item(item)]
    if not idents:
        problems.append("the assessment has no items")
    return problems


def check_item(item: ET.Element) -> list[str]:
    problems = []
    children = [child.tag.split("}")[-1] for child in item]
    positions = [ITEM_ORDER.index(c) for c in children if c in ITEM_ORDER]
    if positions != sorted(positions):
        problems.append("children out of the order itemmetadata, presentation, resprocessing")
    fields = {
        f.findtext(f"{{{QTI}}}fieldlabel"): f.findtext(f"{{{QTI}}}fieldentry")
        for f in item.iter(f"{{{QTI}}}qtimetadatafield")
    }
    if fields.get("question_type") not in QUESTION_TYPES.values():
        problems.append(f"unknown question_type {fields.get('question_type')!r}")
    presentation = item.find(f"{{{QTI}}}presentation")
    if presentation is None or presentation.find(f"{{{QTI}}}material/{{{QTI}}}mattext") is None:
        return [*problems, "no <presentation> with the question text"]
    labels: dict[str, set[str]] = {}
    for response in presentation.iter():
        tag = response.tag.split("}")[-1]
        if tag not in ("response_lid", "response_str"):
            continue
        if not response.get("ident") or response.get("rcardinality") not in CARDINALITIES:
            problems.append(f"<{tag}> needs an ident and rcardinality Single/Multiple/Ordered")
        found = [label.get("ident") for label in response.iter(f"{{{QTI}}}response_label")]
        if tag == "response_lid" and (not found or len(set(found)) != len(found)):
            problems.append(f"{response.get('ident')}: response labels missing or repeated")
        labels[response.get("ident")] = set(found)
    for equal in item.iter(f"{{{QTI}}}varequal"):
        respident = equal.get("respident")
        if respident not in labels or (equal.text or "") not in labels[respident]:
            problems.append(f"the key names {respident}/{equal.text}, which is not a choice")
    return problems
