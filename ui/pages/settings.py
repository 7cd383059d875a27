"""Which engine is in use and whether it answers; where data is stored; export or delete it all."""

from __future__ import annotations

import os
from datetime import date

import streamlit as st

from generators import delivery, registry
from generators.library import DATA_DIR_ENV, DATABASE_URL_ENV
from generators.models import from_env
from generators.models.address import host_port
from generators.models.connection import check_connection
from ui import common

MODEL_VARIABLES = (
    ("OPENAI_API_KEY", "API key (any text for servers that need none)"),
    ("OPENAI_BASE_URL", "an OpenAI-compatible server, e.g. http://127.0.0.1:11434/v1 (Ollama)"),
    ("PARAPREP_MODEL", "model name (default gpt-4o-mini)"),
    ("PARAPREP_ENGINE", "auto (default), offline or openai"),
    ("PARAPREP_TIMEOUT", "seconds to wait for one model reply (default 60)"),
)
CONFIRM_WORD = "DELETE"


def shown_setting(name: str) -> str:
    """A variable's value as the page may show it: no key, no user info in a server address."""
    value = os.environ.get(name, "")
    if name == "OPENAI_API_KEY" and value:
        return "(set, hidden)"
    return host_port(value) if name == "OPENAI_BASE_URL" and value else value


def engine_section() -> None:
    st.subheader("Engine")
    with common.user_errors():
        model = from_env()
        st.write(f"In use: **{common.escape(model.info.label)}**")
        if not model.info.is_ai:
            st.caption(
                "No model is configured, so ParaPrep uses its offline engine: no AI, nothing "
                "leaves this computer. To use a model, set these variables before `make run`:"
            )
        rows = [
            {
                "Variable": name,
                "Meaning": meaning,
                "Now": shown_setting(name),
            }
            for name, meaning in MODEL_VARIABLES
        ]  # fmt: skip
        st.dataframe(rows, hide_index=True)
    if st.button("Test connection", help="Asks the server for its list of models (5 s at most)."):
        with st.spinner("Asking the model server..."), common.user_errors():
            report = check_connection()
            if report.model_listed or not report.models:
                st.success(report.message)
            else:
                st.warning(report.message)


def data_section() -> None:
    st.subheader("Your data")
    lib = common.library()
    st.write("Stored in:")
    st.code(lib.location, language=None)
    st.caption(
        f"Set {DATA_DIR_ENV} to keep the database in another folder, or {DATABASE_URL_ENV} to "
        "use a school database server (any SQLAlchemy URL, e.g. postgresql+psycopg://...)."
    )
    counts = lib.counts()
    st.write(
        f"{counts['students']} students, {counts['groups']} groups, {counts['packets']} "
        f"packets ({counts['documents']} documents)."
    )
    st.download_button(
        "Export all data (ZIP)",
        data=lib.export_zip,
        file_name=f"paraprep-export-{date.today().isoformat()}.zip",
        mime="application/zip",
        on_click="ignore",
        help="data.json (students, groups, packets with their inputs) and every document.",
    )
    st.caption("The export includes the real names you entered: keep it somewhere safe.")
    with st.expander("Delete all data"):
        st.write("Deletes every student, group, packet and document. This cannot be undone.")
        with st.form("delete-all"):
            typed = st.text_input(f"Type {CONFIRM_WORD} to confirm")
            if st.form_submit_button("Delete all data"):
                if typed.strip() != CONFIRM_WORD:
                    st.error(f"Nothing deleted: type {CONFIRM_WORD} in capitals to confirm.")
                else:
                    with common.user_errors():
                        lib.delete_everything()
                        for key in list(st.session_state):
                            del st.session_state[key]
                        st.session_state["settings:notice"] = "All data deleted."
                        st.rerun()


def documents_section() -> None:
    st.subheader("Documents")
    converter = delivery.pdf_converter()
    if converter:
        st.write(f"PDF downloads: available (LibreOffice at {common.escape(converter)}).")
    else:
        st.write(
            "PDF downloads: not available, LibreOffice is not installed. DOCX files open in "
            "Word, Google Docs and LibreOffice."
        )
    missing = [kind.title for kind in registry.kinds() if kind.name not in common.MATERIAL_PAGES]
    if missing:
        st.caption(f"Material kinds without a page here yet: {', '.join(missing)}.")


def privacy_section() -> None:
    st.subheader("Privacy")
    address = st.get_option("server.address") or "all addresses"
    stats = "off" if not st.get_option("browser.gatherUsageStats") else "ON"
    st.write(
        f"Listening on {address} only. Streamlit usage statistics: {stats}. Students' real "
        "names stay in the database on this computer: documents and model requests carry "
        "codes only."
    )


def main() -> None:
    st.title("Settings")
    notice = st.session_state.pop("settings:notice", None)
    if notice:
        st.success(notice)
    engine_section()
    with common.user_errors():
        data_section()
    documents_section()
    privacy_section()


main()
