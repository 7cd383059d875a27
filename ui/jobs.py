"""Generation in a background thread that outlives a rerun, with its progress streamed to the page.

Streamlit stops the script whenever the user clicks anything, so work done in the script thread
would be thrown away by a click elsewhere. A Job runs in its own thread and is kept in the
session: a rerun (or a visit to another page and back) finds it again, replays the progress so
far and keeps following it. The job saves its packet to the library itself, so a finished packet
is never lost, even if nobody comes back for it.

Streamlit elements can only be written from the script thread, so progress lines travel from the
worker through a queue; the script moves them into `lines` (the replayable history) as it shows
them.
"""

from __future__ import annotations

import queue
import threading
import time
from collections.abc import Callable
from typing import Any

import streamlit as st

from ui import common

Progress = Callable[[str], None]
POLL_SECONDS = 0.1


class Job:
    def __init__(self, label: str, work: Callable[[Progress], Any]) -> None:
        self.label = label
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


def job_key(page: str) -> str:
    return f"job:{page}"


def result_key(page: str) -> str:
    return f"result:{page}"


def error_key(page: str) -> str:
    return f"error:{page}"


def busy(page: str) -> bool:
    job = st.session_state.get(job_key(page))
    return bool(job and job.running)


def start(page: str, label: str, work: Callable[[Progress], Any]) -> None:
    """Start `work(progress)` for a page; its return value becomes the page's result."""
    st.session_state.pop(error_key(page), None)
    st.session_state[job_key(page)] = Job(label, work).start()


def follow(page: str) -> None:
    """Show the page's job: its progress so far, then each new line as it comes, until done.

    The elapsed-time caption is rewritten every second; besides telling the user the work is
    alive, each write lets Streamlit stop this loop at once when the user clicks elsewhere
    (the job itself keeps running and is picked up again on the next run).
    """
    job: Job | None = st.session_state.get(job_key(page))
    if job is None:
        return
    with st.status(job.label, expanded=True) as status:
        for line in job.lines:
            status.write(line)
        elapsed = st.empty()
        last_tick = -1
        while job.running or not job.queue.empty():
            line = job.next_line(POLL_SECONDS)
            if line is not None:
                status.write(line)
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
    st.session_state.pop(job_key(page), None)
    if job.error is None:
        st.session_state[result_key(page)] = job.result
    else:
        st.session_state[error_key(page)] = common.message_for(job.error)


def show_error(page: str) -> None:
    message = st.session_state.get(error_key(page))
    if message:
        st.error(message)
