"""Validate every XML part of a DOCX against the ECMA-376 transitional schemas in tests/xsd/.

Word is strict where LibreOffice forgives (element order in w:pPr, required attributes), so a
document that prints fine through LibreOffice can still make Word report unreadable content.

Extension content: python-docx's starting document (and so every ParaPrep document) carries
Microsoft's later namespaces (w14, w15, wp14...) under `mc:Ignorable`, which ECMA-376 Part 3
(Markup Compatibility) lets a consumer that does not know them skip. The schemas here are the
2006 ones, so before validating, each part is read the way such a consumer reads it: elements
and attributes in the namespaces the part itself declares ignorable are removed, and
`mc:AlternateContent` is replaced by its `mc:Fallback`. Nothing else is removed: an extension
element outside a declared-ignorable namespace, or any error in the standard's own elements,
is reported.
"""

from __future__ import annotations

import functools
import io
import zipfile
from pathlib import Path

from lxml import etree

XSD_DIR = Path(__file__).resolve().parent / "xsd"
MC = "http://schemas.openxmlformats.org/markup-compatibility/2006"
# Parts with no schema here: the core properties import the Dublin Core schemas, which are not
# part of ECMA-376 and are not kept under tests/xsd/ (see tests/xsd/README.md).
UNCHECKED = {"docProps/core.xml": "Dublin Core schemas are not kept here"}


@functools.cache
def schema() -> etree.XMLSchema:
    return etree.XMLSchema(etree.parse(str(XSD_DIR / "paraprep-parts.xsd")))


def understood(root: etree._Element) -> etree._Element:
    """The part as a consumer that knows only ECMA-376's own namespaces reads it (see above)."""
    for alternate in root.iter(f"{{{MC}}}AlternateContent"):
        fallback = alternate.find(f"{{{MC}}}Fallback")
        parent = alternate.getparent()
        position = parent.index(alternate)
        for child in reversed(list(fallback) if fallback is not None else []):
            parent.insert(position, child)
        parent.remove(alternate)
    ignorable = set()
    for element in root.iter():
        prefixes = element.get(f"{{{MC}}}Ignorable")
        if prefixes:
            ignorable |= {element.nsmap[prefix] for prefix in prefixes.split()}
            del element.attrib[f"{{{MC}}}Ignorable"]
    for element in list(root.iter()):
        if not isinstance(element.tag, str):
            continue
        if etree.QName(element).namespace in ignorable:
            element.getparent().remove(element)
            continue
        for name in list(element.attrib):
            if etree.QName(name).namespace in ignorable:
                del element.attrib[name]
    return root


def xml_parts(data: bytes) -> dict[str, bytes]:
    with zipfile.ZipFile(io.BytesIO(data)) as package:
        return {
            name: package.read(name)
            for name in package.namelist()
            if name.endswith((".xml", ".rels")) and name not in UNCHECKED
        }


def violations(data: bytes) -> list[str]:
    """Every schema error in every checked part of a DOCX, as 'part:line: message'."""
    checker = schema()
    found = []
    for name, xml in xml_parts(data).items():
        root = understood(etree.fromstring(xml))
        if not checker.validate(root):
            found += [f"{name}:{error.line}: {error.message}" for error in checker.error_log]
    return found


def parts_checked(data: bytes) -> list[str]:
    return sorted(xml_parts(data))
