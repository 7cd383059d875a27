"""Material kinds by name: the CLI, the app's page list, the library and the API read them here.

GUIDE FOR KIND AUTHORS: adding a kind edits no shared module
=============================================================
A kind's key is lower-case words joined by '-' (e.g. `behavior-sheet`); its module name is the key
with '_' (`behavior_sheet`). Your files, all new:

  generators/domain/<module>.py   pure request + material models (pydantic, stdlib only). The
                                  material has `kind: Literal["<key>"] = "<key>"`, a `title`,
                                  `engine: EngineInfo` and `warnings: tuple[str, ...]`.
  generators/<module>.py          make_request(...) -> request (every problem one InputError),
                                  generate(request, model, progress) -> material.
  generators/render/<module>.py   render(material) -> list[RenderedDocument] (styles from
                                  templates/, via render/docx_base.Writer).
  prompts/<module>.system.j2, prompts/<module>.user.j2   if a model is asked.
  generators/kinds/<module>.py    the contract: `KIND = MaterialKind(...)` (below). Found and
                                  registered automatically; a module here without KIND, or whose
                                  KIND.name does not match its file name, is an error.
  ui/pages/<module>.py            the app page (found by name; `page=None` for CLI/API-only).
  tests/test_<module>.py
  tests/kind_cases.py             one CASES entry (requests per print profile, stub responder,
                                  --students options): the Word checks (schema, fonts, page
                                  labels) run over every kind and fail until it is there.
Each document's Writer gets `writer.label_pages(...)`: the version letter or student code on a
student's copy, docx_base.TEACHER_COPY on an adult's; "Page X of Y" comes with every Writer.

`KIND = MaterialKind(` fields:
  name, title, description         key, menu title, one-line description (CLI `kinds`, app).
  request_model                    the pydantic request class.
  generate, render                 as above; `api.generate(key, ...)`/`api.render` call them.
  roles                            every RenderedDocument.role render may produce, e.g.
                                   ("student", "teacher"); a new role is fine ("cue-card"). The
                                   print check treats "student" copies strictest.
  cli=CommandLine(                 `paraprep <key>`:
      help, add_arguments(parser)  the kind's own options. The CLI adds --out, --json, --engine
                                   (when uses_model) and, when the kind makes copies, --students
                                   FILE and --group CODES. Do not add those yourself.
      make_request(args, roster)   -> request; roster = students read from --students, or [].
      summarize(made) -> dict      the --json object; `kinds/_cli.files_summary(made, warnings)`
                                   gives files/checks/warnings/seconds.
      report(made, summary)        -> lines printed without --json (`_cli.standard_report`).
      copy_fields(args) -> dict    optional: fields for per-student copies under --students;
      per_student(args) -> bool    whether --students means copies (default yes).
      succeeded(material) -> bool  optional: False exits 1 (e.g. a level failed).)
  uses_model                       False for kinds made offline (no --engine, no model asked).
  levels(material) -> list[dict]   optional: level rows the library keeps and the app shows.
  retry=Retry(failed, run)         optional: labels of failed parts; redo them (api.retry).
  copies(students, fields, roster) -> list[Copy]   optional: one Copy(codes, request) per
                                   student (or one for a group); Copy(codes, note=...) when a
                                   student gets none. `api.make_for_students` makes them, labels
                                   each file and title with the code, and is what the app's
                                   "for students" forms and `--students` call.
  caseload(students, fields, roster, model, progress) -> CaseloadPacket   optional, instead of
                                   copies, for kinds that share work across students (worksheet).
  order                            place in menus (built-ins use 10-40; default 100).

Messages: raise InputError with plain words. About one input, write `{field}` and pass
`field="keep"`: the CLI shows it as that flag, the app as the form label (ui/common.FIELD_LABELS),
str(error) in words (errors.FIELD_NAMES). No --flag in a string outside `cli` functions
(tests/test_messages.py checks).
Accommodations: take names, categories, teacher notes and para reminders from
domain/accommodations (`catalogue.teacher_notes(ids)`, `catalogue.reminders(ids)`); write one
ledger line per accommodation asked for (`domain.common.ledger_entry`), applied or why not, and
start it with `catalogue.ALREADY_MET` when the material already did it. Add your kind to MAKERS
in tests/test_accommodation_ledger.py: it checks, for every id, that the ledger says what the
student page does.
Student names never reach a request sent to a model or a document: use codes.
See tests/test_kind_contract.py for a complete toy kind in one file.
"""

from __future__ import annotations

import argparse
import importlib
import pkgutil
import re
import threading
import time
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from generators.domain.common import RenderedDocument
from generators.domain.students import Student
from generators.errors import InputError

Progress = Callable[[str], None]
KIND_KEY = re.compile(r"^[a-z][a-z0-9]*(-[a-z0-9]+)*$")
DEFAULT_ORDER = 100


@dataclass(frozen=True)
class Made:
    """What one command-line run produced, handed to a kind's summary and report."""

    material: Any
    documents: Sequence[RenderedDocument]
    paths: Sequence[Any]
    model: Any
    started: float

    @property
    def elapsed(self) -> float:
        return time.perf_counter() - self.started


@dataclass(frozen=True)
class CommandLine:
    """A kind's `paraprep <key>` sub-command. The CLI adds --out, --json, --engine (when the kind
    uses a model) and, for kinds with copies or a caseload, --students FILE and --group CODES."""

    help: str
    add_arguments: Callable[[argparse.ArgumentParser], None]
    # (args, students read from --students or []) -> the kind's checked request
    make_request: Callable[[argparse.Namespace, list[Student]], Any]
    summarize: Callable[[Made], dict]  # the one JSON object printed under --json
    report: Callable[[Made, dict], list[str]]  # the lines printed without --json
    # (args) -> keyword fields for api.make_for_students; None: --students is the kind's own
    copy_fields: Callable[[argparse.Namespace], dict] | None = None
    # with --students: make per-student copies (True) or one request that reads the file (False)
    per_student: Callable[[argparse.Namespace], bool] = lambda args: True
    succeeded: Callable[[Any], bool] = lambda material: True  # False exits 1


@dataclass(frozen=True)
class Retry:
    """Redo only what failed in a finished material, keeping the rest as it is."""

    failed: Callable[[Any], list[str]]  # material -> labels of the failed parts ("grade 5")
    run: Callable[[Any, Any, Progress], Any]  # (material, model, progress) -> material


@dataclass(frozen=True)
class CaseloadPacket:
    """Copies for chosen students: every document labelled with the codes it is for."""

    kind: str
    title: str
    codes: tuple[str, ...]
    materials: tuple[Any, ...]
    documents: tuple[RenderedDocument, ...]
    inputs: dict
    warnings: tuple[str, ...]


@dataclass(frozen=True)
class Copy:
    """One request for the students it is for, or (request None) why they get no copy."""

    codes: tuple[str, ...]
    request: Any = None
    note: str = ""


# (chosen students, fields, whole roster) -> the copies to make
Copies = Callable[[Sequence[Student], Mapping[str, Any], Sequence[Student]], list[Copy]]
# (chosen students, fields, whole roster, model, progress) -> a whole packet (shared work)
Caseload = Callable[[Sequence[Student], Mapping[str, Any], Sequence[Student], Any, Progress], Any]


@dataclass(frozen=True)
class MaterialKind:
    name: str  # the key: `paraprep <name>`, the app's URL, `material.kind`
    title: str
    description: str
    request_model: type  # the pydantic request `make_request` returns
    generate: Callable[..., Any]  # (request, model, progress) -> material
    render: Callable[[Any], list]  # material -> list[RenderedDocument]
    roles: tuple[str, ...]  # every RenderedDocument.role its render may produce
    cli: CommandLine | None = None
    page: str | None = ""  # "" = ui/pages/<module>.py; None = no app page (CLI/API only)
    uses_model: bool = True  # False: made offline, no --engine, no model is ever asked
    levels: Callable[[Any], list[dict]] | None = None  # material -> level rows for the library
    retry: Retry | None = None
    copies: Copies | None = None  # one or more requests per student (or per group)
    caseload: Caseload | None = None  # a kind that shares work across students
    order: int = DEFAULT_ORDER  # place in menus; ties by name
    extra: Mapping[str, Any] = field(default_factory=dict)

    @property
    def module_name(self) -> str:
        return self.name.replace("-", "_")

    @property
    def page_script(self) -> str | None:
        """The app page's script, relative to app.py (or absolute), or None."""
        if self.page is None:
            return None
        return self.page or f"ui/pages/{self.module_name}.py"

    @property
    def makes_copies(self) -> bool:
        return self.copies is not None or self.caseload is not None


_KINDS: dict[str, MaterialKind] = {}
_LOCK = threading.RLock()
_state = {"discovered": False, "discovering": False}


def register(kind: MaterialKind) -> None:
    """Add a kind; its key must be unique and lower-case words joined by hyphens."""
    if not KIND_KEY.match(kind.name):
        raise ValueError(f"Kind key {kind.name!r} must be lower-case words joined by '-'.")
    if not kind.roles:
        raise ValueError(f"Kind {kind.name!r} declares no document roles.")
    with _LOCK:
        known = _KINDS.get(kind.name)
        if known is not None and known is not kind:
            raise ValueError(f"Two material kinds are called {kind.name!r}.")
        _KINDS[kind.name] = kind


def unregister(name: str) -> None:
    with _LOCK:
        _KINDS.pop(name, None)


def kinds() -> list[MaterialKind]:
    discover()
    with _LOCK:
        return sorted(_KINDS.values(), key=lambda kind: (kind.order, kind.name))


def get(name: str) -> MaterialKind:
    discover()
    with _LOCK:
        if name not in _KINDS:
            known = ", ".join(kind.name for kind in kinds())
            raise InputError(f"Unknown material kind '{name}'. Known kinds: {known}.")
        return _KINDS[name]


def discover(package: str = "generators.kinds") -> None:
    """Import every module of `package` once and register its KIND (modules starting with '_'
    are helpers). A module without a KIND, or whose name does not match its key, is an error:
    a kind never silently disappears."""
    with _LOCK:
        if _state["discovered"] or _state["discovering"]:
            return
        _state["discovering"] = True
        try:
            for module in modules_in(package):
                kind = getattr(module, "KIND", None)
                short = module.__name__.rsplit(".", 1)[-1]
                if not isinstance(kind, MaterialKind):
                    raise TypeError(f"{module.__name__} must export KIND = MaterialKind(...).")
                if kind.module_name != short:
                    raise ValueError(f"{module.__name__} holds kind {kind.name!r}: rename one.")
                register(kind)
            _state["discovered"] = True
        finally:
            _state["discovering"] = False


def modules_in(package: str) -> list:
    root = importlib.import_module(package)
    names = sorted(info.name for info in pkgutil.iter_modules(root.__path__))
    return [importlib.import_module(f"{package}.{name}") for name in names if name[0] != "_"]
