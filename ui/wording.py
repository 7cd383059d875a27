"""The app's words: no command-line flags or variable names on screen, plain sentences first.

The engine's messages serve the CLI too, so they may name `--key` or OPENAI_BASE_URL; on the page
each becomes the field or setting the user actually sees. A message with technical detail
(a validation error, an HTTP status, a list of refs) is shown as its plain sentence, with the
detail behind an expander for whoever helps with IT.
"""

from __future__ import annotations

import re

import streamlit as st

from generators import textwork

APP_WORDS = (  # longest first: "--keep 1,3,5" before "--keep"
    (re.compile(r'with --key,? e\.g\. --key "?([^"\s]+)"?'),
     r'in the "Answer key" box, e.g. \1'),
    (re.compile(r"with --keep,? e\.g\. --keep ([\d, ]+\d)"),
     r'in the "Fewer items" box, e.g. \1'),
    (re.compile(r"--key \"?([^\"\s]+)\"?"), r'"\1" in the "Answer key" box'),
    (re.compile(r"--keep ([\d, ]+\d)"), r'"\1" in the "Fewer items" box'),
    (re.compile(r"\(--keep\)"), "(the Fewer items box)"),
    (re.compile(r"\(--source\)"), "(paste it or upload a file)"),
    (re.compile(r"--key\b"), 'the "Answer key" box'),
    (re.compile(r"--keep\b"), 'the "Fewer items" box'),
    (re.compile(r"--level\b"), 'a level in "Below-grade text"'),
    (re.compile(r"--terms\b"), 'the "Key terms" box'),
    (re.compile(r"--accommodations\b"), "Accommodations"),
    (re.compile(r"--source\b"), "a source passage"),
    (re.compile(r"--topic\b"), "a topic"),
    (re.compile(r"--students\b"), "students"),
    (re.compile(r"\bconfigure a model \(OPENAI_API_KEY or OPENAI_BASE_URL\)"),
     "connect a model in Settings"),
    (re.compile(r"\bConfigure a model\b"), "Connect a model in Settings"),
    (re.compile(r"\bconfigure a model\b(?! \()"), "connect a model in Settings"),
    (re.compile(r"\b(?:check|set) OPENAI_BASE_URL\b"), "check the server address in Settings"),
    (re.compile(r"\b(?:check|set) OPENAI_API_KEY\b"), "check the API key in Settings"),
    (re.compile(r"\b(?:check|set) PARAPREP_MODEL\b"), "check the model chosen in Settings"),
    (re.compile(r"\bOPENAI_API_KEY or OPENAI_BASE_URL\b"), "a model connected in Settings"),
    (re.compile(r"\bOPENAI_API_KEY\b"), "the API key in Settings"),
    (re.compile(r"\bOPENAI_BASE_URL\b"), "the server address in Settings"),
    (re.compile(r"\bPARAPREP_MODEL\b"), "the model in Settings"),
)  # fmt: skip
MEASURE_LABELS = {  # data sheets: what each measure records, as a para reads it
    "auto": "Chosen from the goal's wording (the reason is printed)",
    "prompt-level": "Prompt level (I, G, V, M, PP, FP, E, NR)",
    "accuracy": "Accuracy (+ / -)",
    "fluency": "Fluency (words correct per minute, errors, self-corrections)",
    "task-analysis": "Task analysis (one row per step)",
}
FLAG = re.compile(r"(?<![\w-])--[a-z][a-z-]+")
TECHNICAL = re.compile(
    r"Value error|validation error|Traceback|HTTP \d{3}|\[[^\]]*\]|\{|[a-z_]+\.[a-z_]+[:=]|"
    r"Error\b|refs? \d|[A-Za-z]+Error|Input should|Field required|should (?:be|have) (?:a|at)"
)
IN_PARENS = re.compile(r"\s*\(([^()]*)\)")


def in_app_words(text: str) -> str:
    """The same message with every command-line flag and variable name in the app's words."""
    for pattern, words in APP_WORDS:
        text = pattern.sub(words, text)
    return FLAG.sub("the matching field", text)


def split_detail(message: str) -> tuple[str, str]:
    """(plain sentence, technical detail or ""): detail after a colon or in parentheses."""
    message = in_app_words(message)
    details = [inner for inner in IN_PARENS.findall(message) if TECHNICAL.search(inner)]
    if details:
        plain = IN_PARENS.sub(lambda m: "" if TECHNICAL.search(m.group(1)) else m.group(0), message)
        return plain, "; ".join(details)
    head, colon, tail = message.partition(": ")
    if colon and TECHNICAL.search(tail):
        return head.rstrip(".") + ".", tail
    return message, ""


def plain(message: str) -> str:
    """Only the plain sentence: for progress lines, whose detail reaches the result's notes."""
    return split_detail(message)[0]


def show_failure(message: str) -> None:
    """A failure as a plain sentence, with the technical part in an expander below it."""
    plain, detail = split_detail(message)
    st.error(plain)
    if detail:
        with st.expander("Technical detail (for whoever helps with IT)"):
            st.code(detail, language=None, wrap_lines=True)


plural = textwork.plural  # '1 document', '3 documents': the engine's words and the app's agree
