"""The start page: what ParaPrep makes, where data goes, which engine is in use, and a sample."""

from __future__ import annotations

from pathlib import Path

import streamlit as st

from generators import registry
from ui import common, forms, material

SAMPLE = Path(__file__).resolve().parents[2] / "generators" / "eval_texts"
SAMPLE_FILE = "01_monarch_butterflies.txt"
WORKSHEET_PAGE = "ui/pages/worksheet.py"


def kinds_list() -> None:
    """Every kind that has a page, from the registry (new kinds appear here by themselves)."""
    for kind in registry.kinds():
        page = common.MATERIAL_PAGES.get(kind.name)
        if page and (Path(__file__).resolve().parents[2] / page).is_file():
            st.page_link(page, label=f"**{kind.title}**")  # a link's label never wraps
            st.caption(kind.description)


def try_sample() -> None:
    """Fill the worksheet form with a sample passage and generate it there."""
    text = (SAMPLE / SAMPLE_FILE).read_text(encoding="utf-8")
    forms.fill(
        "worksheet",
        {"audience": material.FOR_LEVELS, "topic": "", "pasted": text, "levels": [3, 5]},
    )
    forms.drop_file("worksheet", "upload")  # a file kept from earlier would win over the sample
    material.generate_on_arrival("worksheet")
    st.switch_page(WORKSHEET_PAGE)


def main() -> None:
    st.title("ParaPrep")
    st.write(
        "Printable classroom materials at the right reading level, with the accommodations "
        "already applied and recorded for the teacher."
    )
    st.markdown("**What it makes**")
    kinds_list()
    st.markdown("**Your data**")
    st.write(
        "Students' names stay on this computer: documents and any model see codes such as "
        '"Student A" only.'
    )
    st.page_link("ui/pages/students.py", label="Students: your caseload and groups")
    st.page_link("ui/pages/library.py", label="Library: every packet you made")
    st.markdown("**Engine**")
    model = common.model_or_none()
    if model is not None:
        st.write(
            f"In use: {common.escape(model.info.label)}."
            + ("" if model.info.is_ai else " Connect a model in Settings to rewrite passages.")
        )
    st.page_link("ui/pages/settings.py", label="Settings: connect a model, your data")
    st.divider()
    st.write("New here? Make a worksheet from a sample passage at grades 3 and 5.")
    if st.button("Try it with a sample passage", type="primary"):
        try_sample()


main()
