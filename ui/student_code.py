"""A student chooser shared by the offline behaviour and visual pages: a saved student from the
caseload, or a typed code (never a name: the generators check it against the caseload)."""

from __future__ import annotations

import streamlit as st


def code_field(roster, page: str):
    """Inside a form: the chosen SavedStudent, or the code typed when the caseload is empty."""
    if roster:
        by_id = {saved.id: saved for saved in roster}
        chosen = st.selectbox("Student", list(by_id), format_func=lambda i: by_id[i].label,
                              key=f"{page}:student")  # fmt: skip
        return by_id[chosen]
    return st.text_input("Student code (never the name)", placeholder="Student A",
                         key=f"{page}:code")  # fmt: skip
