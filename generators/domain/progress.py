"""Progress data for one goal: sessions read from a CSV, phases, aim line, trend, the decision.

Pure: the CSV arrives as text, the numbers are computed here, and the decision sentence is the
one a team would read off the graph. A value that is not a number is refused with its row, never
skipped: a silently dropped session would change the decision.
"""

from __future__ import annotations

import csv
import io
from typing import Literal

from generators.domain.common import OFFLINE_ENGINE, EngineInfo, Frozen
from generators.domain.data_sheet import Mastery
from generators.errors import FIELD, InputError

MAX_SESSIONS = 200
MAX_LABEL_CHARS = 40
BELOW_AIM_RUN = 3  # consecutive sessions under the aim line that call for a change
MIN_FOR_TREND = 3
VALUE_COLUMNS = ("value", "score", "percent", "%", "result", "count", "wcpm", "data")
LABEL_COLUMNS = ("date", "session", "day", "label")
PHASE_COLUMNS = ("phase", "condition")


class Session(Frozen):
    label: str  # the date or session number as written
    value: float
    phase: str


class ProgressRequest(Frozen):
    goal: str
    student_code: str
    sessions: tuple[Session, ...]
    aim: float | None = None
    mastery: Mastery | None = None
    unit: str = "%"


class ProgressMaterial(Frozen):
    kind: Literal["graph"] = "graph"
    goal: str
    student_code: str
    sessions: tuple[Session, ...]
    aim: float | None
    mastery: Mastery | None
    unit: str
    aim_line: tuple[float, ...] | None  # the aim line's value at each session
    trend: tuple[float, ...] | None  # the trend line's value at each intervention session
    trend_slope: float | None
    decision: str
    engine: EngineInfo = OFFLINE_ENGINE
    warnings: tuple[str, ...] = ()

    @property
    def phase_changes(self) -> list[int]:
        """Indexes of the first session of each new phase (a phase line goes before them)."""
        return [
            index
            for index in range(1, len(self.sessions))
            if self.sessions[index].phase != self.sessions[index - 1].phase
        ]


def _column(header: list[str], names: tuple[str, ...]) -> int | None:
    keys = [cell.strip().lower() for cell in header]
    for index, key in enumerate(keys):
        if key in names or any(key.startswith(name) for name in names if len(name) > 2):
            return index
    return None


def parse_number(text: str, row: int, column: str) -> float:
    cleaned = text.strip().removesuffix("%").strip().replace(",", ".")
    try:
        value = float(cleaned)
    except ValueError:
        raise InputError(
            f"Row {row} of the data file: '{text.strip()}' in the {column} column is not a "
            "number. Write each session's result as a number (e.g. 70 or 70%), or leave the "
            "session out."
        ) from None
    if value != value or value in (float("inf"), float("-inf")):  # NaN, infinities
        raise InputError(f"Row {row} of the data file: '{text.strip()}' is not a number.")
    return value


def parse_sessions(text: str, baseline: int | None = None) -> tuple[Session, ...]:
    """Sessions from CSV text: a label column (date or session), a value column, and an
    optional phase column; or, without a phase column, the first `baseline` sessions are
    the baseline."""
    rows = [row for row in csv.reader(io.StringIO(text.lstrip("\ufeff"))) if any(map(str.strip,
            row))]  # fmt: skip
    if not rows:
        raise InputError("The data file is empty: give one row per session (date,value).")
    header = rows[0]
    value_at = _column(header, VALUE_COLUMNS)
    if value_at is None:
        names = ", ".join(cell.strip() for cell in header)
        raise InputError(
            f"The data file has no value column (its header is: {names}). The first row must "
            "name the columns, e.g. date,value or session,percent,phase."
        )
    label_at = _column(header, LABEL_COLUMNS)
    phase_at = _column(header, PHASE_COLUMNS)
    body = rows[1:]
    if not body:
        raise InputError("The data file has a header but no sessions: add one row per session.")
    if len(body) > MAX_SESSIONS:
        raise InputError(f"The data file has {len(body)} sessions; the limit is {MAX_SESSIONS}.")
    if baseline is not None and not 0 <= baseline < len(body):
        raise InputError(
            f"{FIELD} of {baseline} sessions: the file has {len(body)} sessions, so the "
            f"baseline can be 0 to {len(body) - 1} of them (some must follow it).",
            field="baseline",
        )
    sessions = []
    for number, row in enumerate(body, 2):
        cell = row[value_at] if value_at < len(row) else ""
        if not cell.strip():
            raise InputError(
                f"Row {number} of the data file has no value: fill it in, or delete the row."
            )
        value = parse_number(cell, number, header[value_at].strip() or "value")
        label = row[label_at].strip() if label_at is not None and label_at < len(row) else ""
        phase = row[phase_at].strip() if phase_at is not None and phase_at < len(row) else ""
        if not phase:
            in_baseline = baseline is not None and number - 2 < baseline
            phase = "Baseline" if in_baseline else "Intervention"
        sessions.append(
            Session(
                label=label[:MAX_LABEL_CHARS] or str(number - 1),
                value=value,
                phase=phase[:MAX_LABEL_CHARS],
            )
        )
    return tuple(sessions)


STUDENT_COLUMNS = ("student", "code", "student code")


def split_by_student(text: str) -> dict[str, str] | None:
    """A data file with a student column, as one CSV text per student (column dropped), or
    None when there is no such column."""
    rows = [row for row in csv.reader(io.StringIO(text.lstrip("\ufeff"))) if any(map(str.strip,
            row))]  # fmt: skip
    if not rows:
        return None
    keys = [cell.strip().lower() for cell in rows[0]]
    at = next((i for i, key in enumerate(keys) if key in STUDENT_COLUMNS), None)
    if at is None:
        return None
    header = rows[0][:at] + rows[0][at + 1 :]
    groups: dict[str, list[list[str]]] = {}
    for row in rows[1:]:
        key = " ".join((row[at] if at < len(row) else "").split())
        groups.setdefault(key, []).append(row[:at] + row[at + 1 :])
    texts = {}
    for key, body in groups.items():
        buffer = io.StringIO()
        csv.writer(buffer).writerows([header, *body])
        texts[key] = buffer.getvalue()
    return texts


def check_aim(aim: float | None, unit: str) -> float | None:
    if aim is None:
        return None
    if unit == "%" and not 0 <= aim <= 100:
        raise InputError(f"{FIELD} of {aim:g}: a percentage aim is 0 to 100.", field="aim")
    if aim < 0:
        raise InputError(f"{FIELD} of {aim:g}: the aim cannot be negative.", field="aim")
    return aim


RATE_WORDS = ("wcpm", "count", "rate", "per", "minute", "words", "number", "frequency")


def guess_unit(sessions: tuple[Session, ...], column: str = "") -> str:
    """The value column's name decides ("percent" or "wcpm"); else percentages when every value
    is 0-100, a count or rate otherwise."""
    name = column.strip().lower()
    if "%" in name or "percent" in name or "accuracy" in name:
        return "%"
    if any(word in name for word in RATE_WORDS):
        return ""
    return "%" if all(0 <= s.value <= 100 for s in sessions) else ""


def value_column(text: str) -> str:
    """The header of the value column (for the unit), or "" when there is none."""
    rows = list(csv.reader(io.StringIO(text.lstrip("\ufeff"))))
    if not rows:
        return ""
    index = _column(rows[0], VALUE_COLUMNS)
    return rows[0][index] if index is not None else ""


def least_squares(points: list[tuple[float, float]]) -> tuple[float, float]:
    """Slope and intercept of the ordinary least-squares line through the points."""
    count = len(points)
    mean_x = sum(x for x, _ in points) / count
    mean_y = sum(y for _, y in points) / count
    spread = sum((x - mean_x) ** 2 for x, _ in points)
    slope = sum((x - mean_x) * (y - mean_y) for x, y in points) / spread if spread else 0.0
    return slope, mean_y - slope * mean_x


def median(values: list[float]) -> float:
    ordered = sorted(values)
    middle = len(ordered) // 2
    return ordered[middle] if len(ordered) % 2 else (ordered[middle - 1] + ordered[middle]) / 2


def first_intervention(sessions: tuple[Session, ...]) -> int:
    """The index where the last phase starts: the trend and decision are about the phase now
    running, not the baseline."""
    start = 0
    for index in range(1, len(sessions)):
        if sessions[index].phase != sessions[index - 1].phase:
            start = index
    return start


def aim_line(sessions: tuple[Session, ...], aim: float, start: int) -> tuple[float, ...]:
    """From the baseline's median (at the last baseline session) up to the aim at the last
    session; with no baseline, from the first session's value."""
    if start == 0:
        begin, origin = sessions[0].value, 0
    else:
        begin, origin = median([s.value for s in sessions[:start]]), start - 1
    end = len(sessions) - 1
    step = (aim - begin) / max(end - origin, 1)
    return tuple(begin + step * max(index - origin, 0) for index in range(len(sessions)))


def fmt(value: float, unit: str) -> str:
    return f"{value:g}{unit}" if unit == "%" else f"{value:g}"


def decide(
    sessions: tuple[Session, ...],
    aim: float | None,
    line: tuple[float, ...] | None,
    mastery: Mastery | None,
    slope: float | None,
    unit: str,
) -> str:
    """The sentence a team reads off the graph: mastery first, then the aim line, then trend."""
    current = sessions[first_intervention(sessions) :]
    if mastery and mastery.parsed:
        window = current[-mastery.window :]
        hits = sum(s.value >= mastery.percent for s in window)
        if len(window) == mastery.window and hits >= mastery.met:
            return (
                f"{hits} of the last {mastery.window} sessions at or above {mastery.percent}%: "
                "mastery criterion met."
            )
    elif aim is not None and len(current) >= 5:
        window = current[-5:]
        hits = sum(s.value >= aim for s in window)
        if hits >= 4:
            return f"{hits} of the last 5 sessions at or above {fmt(aim, unit)}: aim reached."
    if line is not None and len(current) >= BELOW_AIM_RUN:
        offset = len(sessions) - BELOW_AIM_RUN
        last = sessions[offset:]
        if all(s.value < line[offset + i] for i, s in enumerate(last)):
            return f"Below the aim line for {BELOW_AIM_RUN} sessions: consider a change."
    if len(current) < MIN_FOR_TREND:
        return (
            f"Only {len(current)} {'session' if len(current) == 1 else 'sessions'} in this "
            f"phase: collect at least {MIN_FOR_TREND} "
            "before deciding."
        )
    if line is not None and slope is not None:
        aim_slope = (line[-1] - line[0]) / max(len(line) - 1, 1)
        if slope < aim_slope:
            return (
                "Trend is flatter than the aim line: keep collecting data and watch for 3 "
                "sessions below it."
            )
        return "At or above the aim line, trend on course: keep going."
    if slope is not None:
        direction = "rising" if slope > 0 else "falling" if slope < 0 else "flat"
        return f"Trend is {direction} ({slope:+.1f} per session); no aim given to judge it by."
    return "Not enough data to decide."


def build(request: ProgressRequest, warnings: list[str]) -> ProgressMaterial:
    sessions = request.sessions
    start = first_intervention(sessions)
    line = aim_line(sessions, request.aim, start) if request.aim is not None else None
    current = [(float(i), s.value) for i, s in enumerate(sessions) if i >= start]
    trend = slope = None
    if len(current) >= MIN_FOR_TREND:
        slope, intercept = least_squares(current)
        trend = tuple(intercept + slope * x for x, _ in current)
    decision = decide(sessions, request.aim, line, request.mastery, slope, request.unit)
    return ProgressMaterial(
        goal=request.goal,
        student_code=request.student_code,
        sessions=sessions,
        aim=request.aim,
        mastery=request.mastery,
        unit=request.unit,
        aim_line=line,
        trend=trend,
        trend_slope=slope,
        decision=decision,
        warnings=tuple(warnings),
    )
