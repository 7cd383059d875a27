"""Where a model server is, as it may be shown: host and port, never user, password or path.

OPENAI_BASE_URL may carry credentials (http://teacher:SECRET@host/v1). Whatever ParaPrep prints,
stores or logs about the server (teacher copies, the library, CLI output, error messages) goes
through `host_port`, so the user info never leaves the environment variable.
"""

from __future__ import annotations

from urllib.parse import urlsplit

OPENAI_ADDRESS = "api.openai.com"


def host_port(base_url: str | None) -> str:
    """'http://teacher:SECRET@10.0.0.5:11434/v1' -> '10.0.0.5:11434'; None -> api.openai.com."""
    if not base_url or not base_url.strip():
        return OPENAI_ADDRESS
    text = base_url.strip()
    try:
        parts = urlsplit(text if "//" in text else f"//{text}")
        host, port = parts.hostname, parts.port
    except ValueError:  # a malformed port or bracket: show only what is surely not user info
        host, port = text.rpartition("@")[2].split("/")[0].rsplit(":", 1)[0], None
    if not host:
        return "the configured server"
    shown = f"[{host}]" if ":" in host else host
    return f"{shown}:{port}" if port else shown
