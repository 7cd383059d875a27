"""Every packet made: find it, see what was asked and measured, download again, rename, delete."""

from __future__ import annotations

from datetime import datetime
from textwrap import shorten

import streamlit as st

from generators import registry
from generators.library import PacketSummary
from ui import common, notes, results

ALL = "all"


def kind_title(kind: str) -> str:
    try:
        return registry.get(kind).title
    except Exception:
        return kind  # a packet of a kind this version no longer has


def when(created: datetime) -> str:
    return created.astimezone().strftime("%Y-%m-%d %H:%M")


def packet_label(summary: PacketSummary) -> str:
    return f"#{summary.id} {summary.title} ({kind_title(summary.kind)}, {when(summary.created)})"


def listing(packets: list[PacketSummary]) -> None:
    notes.table(
        [
            {
                "Packet": f"#{summary.id}",
                "Title": summary.title,
                "Kind": kind_title(summary.kind),
                "Made": when(summary.created),
                "For": ", ".join(summary.students),
                "Levels": ", ".join(str(level.get("target")) for level in summary.levels),
                "Warnings": len(summary.warnings),
                "Documents": summary.documents,
            }
            for summary in packets
        ],
        "Packet",
    )


def details(packet_id: int) -> None:
    lib = common.library()
    packet = lib.packet(packet_id)
    summary = packet.summary
    st.subheader(common.escape(summary.title))  # a title is data, never markup
    made = f"{kind_title(summary.kind)}, made {when(summary.created)}"
    if summary.engine:
        made += f" by {summary.engine}"
    if summary.students:
        made += f", for {', '.join(summary.students)}"
    st.caption(f"{common.escape(made)}.")
    results.show_packet(
        summary.title, packet.documents, summary.levels, summary.warnings, f"library:{summary.id}"
    )
    with st.expander("What was asked"):
        asked = asked_rows(packet.inputs)
        if asked:
            notes.table(asked, "Field")
        st.caption("Everything, as stored (for whoever helps with IT):")
        st.json(packet.inputs, expanded=False)
    manage(summary)


def asked_rows(inputs: dict) -> list[dict]:
    """The inputs as a para reads them: words for names, lists joined, long text shortened,
    empty and internal settings left out (the whole record stays in the JSON below)."""
    rows = []
    for name, value in inputs.items():
        if value in (None, "", [], {}) or isinstance(value, dict):
            continue
        if isinstance(value, list):
            if any(isinstance(item, dict | list) for item in value):
                continue
            value = ", ".join(str(item) for item in value)
        shown = shorten(" ".join(str(value).split()), 160, placeholder=" …")
        rows.append({"Field": name.replace("_", " ").capitalize(), "Value": shown})
    return rows


def manage(summary: PacketSummary) -> None:
    lib = common.library()
    with st.form(f"rename:{summary.id}"):
        title = st.text_input("New title", value=summary.title)
        if st.form_submit_button("Rename"):
            with common.user_errors():
                lib.rename_packet(summary.id, title)
                st.session_state["library:notice"] = "Renamed."
                st.rerun()
    with st.expander(f"Delete packet #{summary.id}"):
        sure = st.checkbox("Yes, delete this packet and its documents", key=f"sure:{summary.id}")
        if st.button("Delete packet", disabled=not sure, key=f"delete:{summary.id}"):
            with common.user_errors():
                lib.delete_packet(summary.id)
                st.session_state["library:notice"] = f"Deleted packet #{summary.id}."
                st.session_state.pop("library:choice", None)
                st.rerun()


def main() -> None:
    st.title("Library")
    st.caption("Every packet you make is saved here, on this computer, with its documents.")
    notice = st.session_state.pop("library:notice", None)
    if notice:
        st.success(notice)
    lib = common.library()
    packets = lib.packets()
    if not packets:
        st.info("Nothing here yet: packets appear as soon as you generate one.")
        return
    kinds = sorted({summary.kind for summary in packets})
    left, right = st.columns(2)
    kind = left.selectbox(
        "Kind", [ALL, *kinds], format_func=lambda k: "All kinds" if k == ALL else kind_title(k)
    )
    search = right.text_input("Search titles and students", placeholder="e.g. water, Student A")
    shown = [
        summary
        for summary in packets
        if (kind == ALL or summary.kind == kind)
        and (
            not search.strip()
            or search.strip().lower() in f"{summary.title} {' '.join(summary.students)}".lower()
        )
    ]
    if not shown:
        st.info(
            "No packet matches. Packets are found by their title and by the students' codes "
            "(such as Student A), never by a real name, which no packet holds."
        )
        return
    listing(shown)
    by_id = {summary.id: summary for summary in shown}
    choice = st.selectbox(
        "Open a packet",
        list(by_id),
        format_func=lambda i: packet_label(by_id[i]),
        key="library:choice",
    )
    if choice in by_id:
        with common.user_errors():
            details(choice)


main()
