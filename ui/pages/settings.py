"""Which engine is in use and whether it answers; where data is stored; export or delete it all."""

from __future__ import annotations

import os
from datetime import date

import streamlit as st

from generators import delivery, drafts, registry, settings_store
from generators.errors import InputError, ParaPrepError
from generators.library import DATA_DIR_ENV, DATABASE_URL_ENV
from generators.models.address import host_port
from generators.models.connection import check_connection
from ui import common, connect, forms, wording

MODEL_VARIABLES = (
    ("OPENAI_API_KEY", "API key (any text for servers that need none)"),
    ("OPENAI_BASE_URL", "an OpenAI-compatible server, e.g. http://127.0.0.1:11434/v1 (Ollama)"),
    ("PARAPREP_MODEL", "model name (default gpt-4o-mini)"),
    ("PARAPREP_ENGINE", "auto (default), offline or openai"),
    ("PARAPREP_TIMEOUT", "seconds to wait for one model reply (default 60)"),
)
CONFIRM_WORD = "DELETE"
CHOICES = {
    "offline": "Offline engine (no AI): nothing leaves this computer",
    "openai": "OpenAI (needs an API key)",
    "server": "A local or school server (its address)",
}
MODELS = "settings:models"  # the model names the server listed, for the picker
FIXED_ADDRESS = "settings:address-fixed"  # the address with /v1 added, set before its widget


def shown_setting(name: str) -> str:
    """A variable's value as the page may show it: no key, no user info in a server address."""
    value = os.environ.get(name, "")
    if name == "OPENAI_API_KEY" and value:
        return "(set, hidden)"
    return host_port(value) if name == "OPENAI_BASE_URL" and value else value


def engine_section() -> None:
    st.subheader("Engine")
    with common.user_errors():
        model = settings_store.model()
        st.write(f"In use: **{common.escape(model.info.label)}**")
    if settings_store.env_wins():
        environment_note()
    else:
        offer_ollama()
        connect_form()
    test_button()


def environment_note() -> None:
    st.caption(
        "The engine is set by environment variables on the computer running ParaPrep; they win "
        "over the choices on this page. Ask whoever set them up to change it."
    )
    rows = [
        {
            "Variable": name,
            "Meaning": meaning,
            "Now": shown_setting(name),
        }
        for name, meaning in MODEL_VARIABLES
    ]  # fmt: skip
    st.table(rows)


def offer_ollama() -> None:
    """Ollama found running on this computer (checked at start): one click to use it."""
    found = connect.ollama_models()
    if not found:
        return
    st.info(
        f"Ollama is running on this computer with {forms.plural(len(found), 'model')} "
        f"({', '.join(found[:5])}). Nothing you send it leaves this computer."
    )
    if st.button(f"Use Ollama with {found[0]}", key="settings:use-ollama"):
        use(settings_store.ModelSettings("server", settings_store.ollama_url(), found[0]))


def connect_form() -> None:
    stored = settings_store.load()
    choice = st.radio(
        "Make materials with",
        list(CHOICES),
        index=list(CHOICES).index(stored.provider),
        format_func=CHOICES.get,
        key="settings:provider",
    )
    if choice == "offline":
        if stored.provider != "offline" and st.button("Use the offline engine"):
            use(settings_store.ModelSettings())
        return
    address = ""
    if choice == "server":
        fixed = st.session_state.pop(FIXED_ADDRESS, None)
        if fixed:  # before the widget is drawn: the address the server answered at
            st.session_state["settings:address"] = fixed
            st.info(f"The server answered at {common.escape(fixed)}: the address now ends in /v1.")
        address = st.text_input(
            "Server address",
            value=stored.base_url,
            placeholder=f"e.g. {settings_store.OLLAMA_URL} (Ollama on this computer)",
            key="settings:address",
        )
    has_key = settings_store.read_key() is not None
    key = st.text_input(
        "API key" + (" (optional for most local servers)" if choice == "server" else ""),
        type="password",
        placeholder="e.g. sk-..., kept in the system keyring" + (" (one is saved)" * has_key),
        key="settings:key",
    )
    if st.button("List the server's models", key="settings:list"):
        with st.spinner("Asking the server for its models..."), common.user_errors():
            key = key or settings_store.read_key()
            if choice == "server":
                found_at, listed = settings_store.find_models(address, key)
            else:
                found_at, listed = None, settings_store.list_models(None, key)
            st.session_state[MODELS] = list(listed)
            if found_at and found_at != settings_store.check_address(address):
                st.session_state[FIXED_ADDRESS] = found_at
                st.rerun()
            if not listed:
                st.info("The server lists no models: type the model's name below.")
    pick_and_save(choice, address, key, stored)


def pick_and_save(choice: str, address: str, key: str, stored) -> None:
    listed = st.session_state.get(MODELS) or []
    if listed:
        current = stored.model if stored.model in listed else listed[0]
        name = st.selectbox("Model", listed, index=listed.index(current), key="settings:model")
    else:
        name = st.text_input(
            "Model",
            value=stored.model,
            placeholder="e.g. gpt-4o-mini, or llama3.2 on Ollama",
            key="settings:model-name",
            help="Press \"List the server's models\" to choose from the server's own list.",
        )
    if st.button("Save and use this model", type="primary", key="settings:save"):
        with common.user_errors():
            if not name.strip():
                raise InputError("Choose a model first (List the server's models).")
            where = settings_store.save_key(key) if key else None
            if choice == "openai" and not (where or settings_store.read_key()):
                raise InputError("Give your OpenAI API key.")
            use(settings_store.ModelSettings(choice, address.strip(), name.strip()), where)


def use(chosen, key_where: str | None = None) -> None:
    with common.user_errors():
        settings_store.save(chosen)
        note = f"Saved: {CHOICES[chosen.provider].split(':')[0].split(' (')[0]}"
        if chosen.model:
            note += f", model {chosen.model}"
        if key_where:
            note += f". The API key is kept in {key_where}, never in the database"
        st.session_state["settings:notice"] = note + "."
        st.rerun()


def test_button() -> None:
    if not st.button(
        "Test connection", help="Asks the server for its list of models (5 s at most)."
    ):
        return
    if not settings_store.is_model_set():
        st.info(
            "No model is connected, so there is nothing to test: the offline engine (no AI) "
            "works without one. Choose OpenAI or a server above to use a model."
        )
        return
    with st.spinner("Asking the model server..."):
        try:
            report = check_connection(settings_store.model_env())
        except ParaPrepError as error:
            wording.show_failure(str(error))
            return
    message = wording.in_app_words(report.message)
    if report.model_listed or not report.models:
        st.success(f"It works. {message}")
    else:
        st.warning(message)


def data_section() -> None:
    st.subheader("Your data")
    lib = common.library()
    st.write("Stored in:")
    st.code(lib.location, language=None)
    with st.expander("Keep the data somewhere else (for whoever helps with IT)"):
        st.caption(
            f"Set {DATA_DIR_ENV} to keep the database in another folder, or {DATABASE_URL_ENV} "
            "to use a school database server (any SQLAlchemy URL, e.g. "
            "postgresql+psycopg://...), before starting ParaPrep."
        )
    counts = lib.counts()
    st.write(
        f"{forms.plural(counts['students'], 'student')}, "
        f"{forms.plural(counts['groups'], 'group')}, {forms.plural(counts['packets'], 'packet')} "
        f"({forms.plural(counts['documents'], 'document')})."
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
                        drafts.clear(lib)  # what was typed in the forms goes too
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
