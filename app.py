"""ParaPrep in the browser. UI only: widgets -> request -> the same API the CLI calls -> downloads.

Run with `make run` (binds to 127.0.0.1:8501). Each page is a script in ui/pages/; the material
pages are listed from the registry of material kinds, so a kind without a page is simply absent.
No prompt, model or DOCX code lives in the UI.
"""

from __future__ import annotations

from pathlib import Path

import streamlit as st

from generators import registry
from ui import connect, forms
from ui.common import MATERIAL_PAGES, user_errors

ORDER = list(MATERIAL_PAGES)
# A chosen option's chip wraps its words instead of ending in "(MODIFICAT…": whether a choice
# is a modification is the part of the label that matters most.
WRAP_CHIPS = """<style>
[data-testid="stMultiSelectTagsContainer"] [data-tag] { height: auto; min-height: 1.75rem; }
[data-testid="stMultiSelectTagsContainer"] [data-tag] * {
  white-space: normal; overflow: visible; text-overflow: clip; overflow-wrap: anywhere;
}
</style>"""
HERE = Path(__file__).resolve().parent


def page_exists(kind) -> bool:
    return (HERE / MATERIAL_PAGES[kind.name]).is_file()


def material_pages() -> list:
    kinds = sorted(
        (kind for kind in registry.kinds() if kind.name in MATERIAL_PAGES and page_exists(kind)),
        key=lambda kind: ORDER.index(kind.name),
    )
    return [
        st.Page(MATERIAL_PAGES[kind.name], title=kind.title, url_path=kind.name) for kind in kinds
    ]


def main() -> None:
    st.set_page_config(page_title="ParaPrep", page_icon=":material/description:", layout="wide")
    pages = {
        "ParaPrep": [
            st.Page("ui/pages/start.py", title="Start", icon=":material/home:", default=True)
        ],
        "Make materials": material_pages(),
        "Your data": [
            st.Page("ui/pages/students.py", title="Students", icon=":material/group:"),
            st.Page("ui/pages/library.py", title="Library", icon=":material/folder_open:"),
            st.Page("ui/pages/settings.py", title="Settings", icon=":material/settings:"),
        ],
    }
    page = st.navigation(pages, expanded=True)  # every page listed, none under "View more"
    forms.note_page(page.title)  # first: any later Streamlit call may end this run early
    st.html(WRAP_CHIPS)
    st.sidebar.caption("ParaPrep: printable materials at the right level, accommodations applied.")
    offer_ollama()
    with user_errors():  # e.g. a database that cannot be opened: one message, no traceback
        page.run()


def offer_ollama() -> None:
    """A model already running on this computer, found at start: say so where it is seen."""
    found = connect.ollama_models()
    if found:
        st.sidebar.info(
            f"Ollama is running on this computer ({found[0]}"
            f"{' and more' if len(found) > 1 else ''}). Use it from Settings."
        )


main()
