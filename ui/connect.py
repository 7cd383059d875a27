"""Finding a model to connect: an Ollama already running on this computer is offered at start."""

from __future__ import annotations

import streamlit as st

from generators import settings_store


@st.cache_data(ttl=120, show_spinner=False)
def _ollama_models(url: str) -> tuple[str, ...]:
    return settings_store.detect_ollama({settings_store.OLLAMA_ENV: url})


def ollama_models() -> tuple[str, ...]:
    """Ollama's models when it runs here and no model is connected yet, else () (half a
    second at most, and asked again at most every two minutes)."""
    if settings_store.is_model_set():
        return ()
    return _ollama_models(settings_store.ollama_url())
