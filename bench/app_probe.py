"""The worksheet page under Streamlit's AppTest, in a fresh interpreter, with two probes.

`python -m bench.app_probe SOURCE RERUNS CLICKS` prints one JSON object. The engine comes from
the environment, as for `make run` (bench/app_bench.py points it at the stub or sets offline).

How "click to first progress message" is taken: AppTest runs the page script in the same
process, so two wrappers installed before the first run see the script's work as it happens:
- `generators.api.generate` is wrapped so the progress callback it is given records when the
  generator first reports (app.py calls `api.generate` through the module, so it gets the
  wrapper);
- `DeltaGenerator.write` is wrapped to record when the page first writes a line into the
  st.status box (the pages write progress lines with .write and nothing else), i.e. when the
  user would see it.
Both are measured from the moment the script rerun triggered by the click starts. What AppTest
cannot show is the browser's share (websocket delivery and drawing), typically a few ms on
loopback.
"""

import json
import sys
import time
from pathlib import Path

started = time.perf_counter()
from streamlit.delta_generator import DeltaGenerator  # noqa: E402
from streamlit.testing.v1 import AppTest  # noqa: E402

from generators import api, registry  # noqa: E402

APP = str(Path(__file__).resolve().parents[1] / "app.py")
WORKSHEET_PAGE = "ui/pages/worksheet.py"
marks: dict[str, object] = {}


def install_probes() -> None:
    real_generate, real_write = api.generate, DeltaGenerator.write

    def timed_generate(kind, request, model=None, progress=None):
        def first_progress(line: str) -> None:
            marks.setdefault("callback", time.perf_counter())
            marks.setdefault("callback_line", line)
            if progress is not None:
                progress(line)

        material = real_generate(kind, request, model, first_progress)
        marks["generated"] = time.perf_counter()
        return material

    def timed_write(self, *args, **kwargs):
        marks.setdefault("write", time.perf_counter())
        marks.setdefault("write_line", str(args[0]) if args else "")
        return real_write(self, *args, **kwargs)

    api.generate = timed_generate
    DeltaGenerator.write = timed_write


def check(at: AppTest) -> None:
    if at.exception or at.error:
        problem = at.exception[0].value if at.exception else at.error[0].value
        raise SystemExit(f"app_probe: the page failed: {problem}")
    title = registry.get("worksheet").title
    if not at.title or at.title[0].value != title:
        raise SystemExit(f"app_probe: app.py did not open on the '{title}' page")


def labelled(widgets, label: str):
    """The widget a user finds by its label (the page's order of widgets may change)."""
    for widget in widgets:
        if widget.label.startswith(label):
            return widget
    raise SystemExit(f"app_probe: no widget labelled {label!r} on the worksheet page")


def main() -> None:
    source, reruns, clicks = Path(sys.argv[1]).read_text(), int(sys.argv[2]), int(sys.argv[3])
    install_probes()
    imported = time.perf_counter()
    at = AppTest.from_file(APP, default_timeout=300)
    at.run()
    first_load = time.perf_counter() - imported
    at.switch_page(WORKSHEET_PAGE).run()  # the app opens on its start page
    check(at)
    rerun_times = []
    for _ in range(reruns):
        began = time.perf_counter()
        at.run()
        rerun_times.append(time.perf_counter() - began)
        check(at)
    click_marks = []
    for _ in range(clicks):
        labelled(at.text_area, "...or paste").input(source)
        labelled(at.multiselect, "Reading levels").set_value([2, 5, 8])
        labelled(at.button, "Generate").click()
        marks.clear()
        began = time.perf_counter()
        at.run()
        done = time.perf_counter()
        check(at)
        downloads = [b for b in at.get("download_button") if "DOCX" in str(b.label).upper()]
        if "generated" not in marks or not downloads:
            raise SystemExit("app_probe: Generate did not make and offer the packet")
        click_marks.append(
            {
                "to_callback": marks["callback"] - began,
                "to_write": marks["write"] - began,
                "callback_line": marks["callback_line"],
                "write_line": marks["write_line"],
                "to_done": done - began,
            }
        )
    print(
        json.dumps(
            {
                "imports": imported - started,
                "first_load": first_load,
                "reruns": rerun_times,
                "clicks": click_marks,
            }
        )
    )


main()
