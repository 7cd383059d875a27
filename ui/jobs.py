"""Generation in a background thread that outlives a rerun, with its progress streamed to the page.

Streamlit stops the script whenever the user clicks anything, so work done in the script thread
would be thrown away by a click elsewhere. A Job runs in its own thread and is kept in the
session: a rerun (or a visit to another page and back) finds it again, replays the progress so
far and keeps following it. The job saves its packet to the library itself, so a finished packet
is never lost, even if nobody comes back for it.

A reload starts a new session with an empty session state, so the latest job of each page is
also kept server-wide: a new session whose page has a job left by a session that is gone (the
one before the reload) takes it over, puts back the form it was started from, and shows it:
"Still making the worksheet you started at 16:42: 2 of 3 levels done", then its result. A job
of a session that is still open is never taken over, so two people never see each other's work.

Streamlit elements can only be written from the script thread, so progress lines travel from the
worker through a queue; the script moves them into `lines` (the replayable history) as it shows
them.
"""

from __future__ import annotations

import queue
import re
import threading
import time
from collections.abc import Callable
from datetime import datetime
from typing import Any

import streamlit as st

from ui import common, forms, wording

Progress = Callable[[str], None]
POLL_SECONDS = 0.1
LEVEL_DONE = re.compile(r": (measured |failed \(|the source is already in band)")
_LATEST: dict[str, Job] = {}  # page -> its latest job, for the session after a reload
_LATEST_LOCK = threading.Lock()


class Job:
    def __init__(
        self,
        label: str,
        work: Callable[[Progress], Any],
        *,
        what: str = "",
        levels: int = 0,
        form: dict | None = None,
    ) -> None:
        self.label = label
        self.what = what or label.rstrip(".").lower()
        self.levels = levels  # how many levels it makes, for "2 of 3 levels done"
        self.form = dict(form or {})  # the form it was started from
        self.owner = session_id()
        self.claimed = False  # its result or error has been shown to a session
        self.adopted = False  # taken over by a new session after a reload
        self.started_at = datetime.now()
        self.work = work
        self.queue: queue.Queue[str] = queue.Queue()
        self.lines: list[str] = []
        self.result: Any = None
        self.error: BaseException | None = None
        self.started = time.monotonic()
        self.finished: float | None = None
        self.thread = threading.Thread(target=self._run, name=f"paraprep-{label}", daemon=True)

    def _run(self) -> None:
        try:
            self.result = self.work(self.queue.put)
        except BaseException as error:  # shown by the script thread, never re-raised there
            self.error = error
        finally:
            self.finished = time.monotonic()

    def start(self) -> Job:
        self.thread.start()
        return self

    @property
    def running(self) -> bool:
        return self.thread.is_alive()

    def next_line(self, timeout: float) -> str | None:
        try:
            line = self.queue.get(timeout=timeout)
        except queue.Empty:
            return None
        self.lines.append(line)
        return line

    def levels_done(self) -> int:
        return sum(1 for line in self.lines if LEVEL_DONE.search(line))

    def heading(self, returning: bool) -> str:
        """The status line: what it makes and how far it is; "Still making..." on a return."""
        text = (
            f"Still making {self.what} you started at {self.started_at:%H:%M}"
            if returning
            else self.label.rstrip(".")
        )
        if self.levels > 1:
            text += f": {self.levels_done()} of {self.levels} levels done"
        return text


def session_id() -> str | None:
    from streamlit.runtime.scriptrunner import get_script_run_ctx

    context = get_script_run_ctx()
    return context.session_id if context else None


def session_open(session: str | None) -> bool:
    """Whether a browser session is still connected (a reloaded tab's old session is not)."""
    from streamlit import runtime

    if session is None or not runtime.exists():
        return False
    return runtime.get_instance().is_active_session(session) is True  # (AppTest mocks it)


def job_key(page: str) -> str:
    return f"job:{page}"


def result_key(page: str) -> str:
    return f"result:{page}"


def error_key(page: str) -> str:
    return f"error:{page}"


def busy(page: str) -> bool:
    job = st.session_state.get(job_key(page))
    return bool(job and job.running)


def start(
    page: str, label: str, work: Callable[[Progress], Any], *, what: str = "", levels: int = 0
) -> None:
    """Start `work(progress)` for a page; its return value becomes the page's result."""
    st.session_state.pop(error_key(page), None)
    job = Job(label, work, what=what, levels=levels, form=forms.snapshot(page)).start()
    st.session_state[job_key(page)] = job
    with _LATEST_LOCK:
        _LATEST[page] = job


def adopt(page: str) -> None:
    """Take over the page's job left by a session that is gone (a reload), with its form."""
    if job_key(page) in st.session_state:
        return
    me = session_id()
    with _LATEST_LOCK:
        job = _LATEST.get(page)
        if job is None or job.claimed or job.owner == me or session_open(job.owner):
            return
        job.owner, job.adopted = me, True
    st.session_state[job_key(page)] = job
    st.session_state.pop(result_key(page), None)
    forms.fill(page, job.form)


def follow(page: str) -> None:
    """Show the page's job: its progress so far, then each new line as it comes, until done.

    The elapsed-time caption is rewritten every second; besides telling the user the work is
    alive, each write lets Streamlit stop this loop at once when the user clicks elsewhere
    (the job itself keeps running and is picked up again on the next run).
    """
    job: Job | None = st.session_state.get(job_key(page))
    if job is None:
        return
    returning = bool(job.lines) or job.adopted
    with st.status(job.heading(returning), expanded=True) as status:
        for line in job.lines:
            status.write(wording.plain(line))
        elapsed = st.empty()
        last_tick = -1
        while job.running or not job.queue.empty():
            line = job.next_line(POLL_SECONDS)
            if line is not None:
                status.write(wording.plain(line))
                if job.levels > 1:
                    status.update(label=job.heading(returning))
            seconds = int(time.monotonic() - job.started)
            if job.running and seconds != last_tick:
                elapsed.caption(f"Working for {seconds} s. You can leave this page: the packet "
                                "is saved to the Library when it is ready.")  # fmt: skip
                last_tick = seconds
        elapsed.empty()
        took = (job.finished or time.monotonic()) - job.started
        if job.error is None:
            status.update(label=f"Done in {took:.1f} s", state="complete", expanded=False)
        else:
            status.update(label="Stopped: see the message below", state="error", expanded=True)
    job.claimed = True
    st.session_state.pop(job_key(page), None)
    if job.error is None:
        st.session_state[result_key(page)] = job.result
    else:
        st.session_state[error_key(page)] = common.message_for(job.error)


def show_error(page: str) -> None:
    message = st.session_state.get(error_key(page))
    if message:
        wording.show_failure(message)
