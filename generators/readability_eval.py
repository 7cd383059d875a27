"""How well the reading-level scale agrees with teachers: the CLEAR evaluation.

`python -m generators.readability_eval [PATH [BENCHMARKS.md]]` (or `make eval-readability`)
measures every excerpt of a CLEAR file (CommonLit Ease of Readability corpus; teachers compared
excerpts in pairs, `BT_easiness` is the resulting Bradley-Terry score, higher = easier) and
reports:

* Spearman rank correlation of each measure with -BT_easiness (higher = agrees better with the
  teachers' order): ParaPrep's estimate, its three formulas, and the classic formulas as the
  corpus itself computed them (its own New Dale-Chall and Flesch-Kincaid columns);
* median and interquartile range of the estimate inside each Lexile band the corpus gives;
* every excerpt that could not be given a confident grade, and why.

The corpus is CC BY-NC-SA: nothing here copies its texts or was fitted to it. The file is read
from where it lies (by default ../shared/data/clear-dev.csv beside the project) and only figures
leave this module.
"""

from __future__ import annotations

import argparse
import csv
import re
import statistics
import sys
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from itertools import pairwise
from pathlib import Path

from generators import readability

DEFAULT_PATH = Path(__file__).resolve().parents[2] / "shared" / "data" / "clear-dev.csv"
SECTION_START = "<!-- readability-eval:start -->"
SECTION_END = "<!-- readability-eval:end -->"
# Goals from issue 11: agreement with teachers, no band split in two.
GOAL_SPEARMAN = 0.64
GOAL_IQR_TO_900, GOAL_IQR_ABOVE = 2.5, 3.0
# The corpus spells a few bands as ranges; each goes to the band whose centre it shares.
_BAND_ALIASES = {"410L-600L": 500, "610L-800L": 700}


@dataclass(frozen=True)
class Excerpt:
    """One rated excerpt, measured: no text is kept."""

    ident: str
    band: int
    hardness: float  # -BT_easiness: higher = harder for students
    grade: float
    scores: dict[str, float]
    corpus: dict[str, float]  # the corpus's own columns for the classic formulas
    note: str | None


@dataclass(frozen=True)
class BandRow:
    band: int
    count: int
    median: float
    iqr: float


@dataclass(frozen=True)
class Report:
    source: str
    excerpts: int
    spearman: dict[str, float]
    bands: tuple[BandRow, ...]
    notes: tuple[tuple[str, str], ...]  # (excerpt id, note) for grades given with a note
    unmeasured: tuple[tuple[str, str], ...]  # (excerpt id, reason): should stay empty

    def goals(self) -> list[tuple[str, bool]]:
        """The issue's goals, each with whether it is met."""
        ours = self.spearman["ParaPrep estimate"]
        classic = {k: v for k, v in self.spearman.items() if k.startswith("corpus")}
        medians = [row.median for row in self.bands]
        return [
            (f"Spearman ≥ {GOAL_SPEARMAN}", ours >= GOAL_SPEARMAN),
            ("ahead of every classic formula", all(ours > value for value in classic.values())),
            ("band medians rising", all(a < b for a, b in pairwise(medians))),
            (
                f"IQR ≤ {GOAL_IQR_TO_900} up to 900L, ≤ {GOAL_IQR_ABOVE} above",
                all(row.iqr <= iqr_goal(row.band) for row in self.bands),
            ),
            ("every excerpt measured", not self.unmeasured),
        ]


def iqr_goal(band: int) -> float:
    return GOAL_IQR_TO_900 if band <= 900 else GOAL_IQR_ABOVE


def band_of(text: str) -> int | None:
    """'900' -> 900; '410L - 600L' -> 500; anything else -> None."""
    cleaned = re.sub(r"\s+", "", text)
    if cleaned in _BAND_ALIASES:
        return _BAND_ALIASES[cleaned]
    return int(cleaned) if cleaned.isdigit() else None


def load(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def measure_rows(rows: Iterable[dict[str, str]]) -> tuple[list[Excerpt], list[tuple[str, str]]]:
    """Measure every excerpt; one that cannot be measured is listed, never raised."""
    measured, unmeasured = [], []
    for row in rows:
        band = band_of(row.get("Lexile Band", ""))
        try:
            estimate = readability.measure(row["Excerpt"])
        except ValueError as error:
            unmeasured.append((row.get("ID", "?"), str(error)))
            continue
        if band is None:
            continue
        corpus = {
            "corpus New Dale-Chall": float(row["New Dale-Chall Readability Formula"]),
            "corpus Flesch-Kincaid": float(row["Flesch-Kincaid-Grade-Level"]),
        }
        measured.append(
            Excerpt(
                ident=row.get("ID", "?"),
                band=band,
                hardness=-float(row["BT_easiness"]),
                grade=estimate.grade,
                scores=estimate.scores,
                corpus=corpus,
                note=estimate.note,
            )
        )
    return measured, unmeasured


def evaluate(rows: Iterable[dict[str, str]], source: str = "") -> Report:
    excerpts, unmeasured = measure_rows(rows)
    hardness = [e.hardness for e in excerpts]
    columns = {
        "ParaPrep estimate": [e.grade for e in excerpts],
        "ParaPrep Spache": [e.scores["spache"] for e in excerpts],
        "ParaPrep New Dale-Chall": [e.scores["new-dale-chall"] for e in excerpts],
        "ParaPrep Flesch-Kincaid": [e.scores["flesch-kincaid"] for e in excerpts],
        "corpus New Dale-Chall": [e.corpus["corpus New Dale-Chall"] for e in excerpts],
        "corpus Flesch-Kincaid": [e.corpus["corpus Flesch-Kincaid"] for e in excerpts],
    }
    spearman = {
        name: round(rank_correlation(values, hardness), 3) for name, values in columns.items()
    }
    notes = tuple(
        (e.ident, e.note) for e in excerpts if e.note and not e.note.startswith("Formulas disagree")
    )
    return Report(source, len(excerpts), spearman, band_rows(excerpts), notes, tuple(unmeasured))


def band_rows(excerpts: Sequence[Excerpt]) -> tuple[BandRow, ...]:
    rows = []
    for band in sorted({e.band for e in excerpts}):
        grades = sorted(e.grade for e in excerpts if e.band == band)
        if len(grades) < 4:
            continue  # a quartile of fewer than four excerpts says nothing
        q1, _, q3 = statistics.quantiles(grades, n=4, method="inclusive")
        rows.append(BandRow(band, len(grades), statistics.median(grades), q3 - q1))
    return tuple(rows)


def ranks(values: Sequence[float]) -> list[float]:
    """Ranks from 1, ties sharing their average rank (as Spearman's rho needs)."""
    order = sorted(range(len(values)), key=values.__getitem__)
    result = [0.0] * len(values)
    start = 0
    while start < len(order):
        end = start
        while end + 1 < len(order) and values[order[end + 1]] == values[order[start]]:
            end += 1
        for index in order[start : end + 1]:
            result[index] = (start + end) / 2 + 1
        start = end + 1
    return result


def rank_correlation(xs: Sequence[float], ys: Sequence[float]) -> float:
    """Spearman's rho: Pearson's correlation of the ranks."""
    if len(xs) != len(ys) or len(xs) < 3:
        raise ValueError("need two equally long series of at least 3 values")
    return statistics.correlation(ranks(xs), ranks(ys))


# --- report -------------------------------------------------------------------------------


def to_markdown(report: Report) -> str:
    lines = [
        "## Reading-level scale against teachers (CLEAR)",
        "",
        "Written by `make eval-readability` (generators/readability_eval.py); do not edit by hand. "
        f"{report.excerpts} excerpts of `{report.source}` (CommonLit CLEAR corpus: teachers "
        "compared excerpts in pairs). Nothing was fitted to this file: see "
        "generators/readability.py for where each rule and weight comes from.",
        "",
        "| Measure | Spearman with teachers' order (-BT_easiness) |",
        "|---|---:|",
        *[f"| {name} | {value:.3f} |" for name, value in report.spearman.items()],
        "",
        "| Lexile band | Excerpts | Median grade | Interquartile range (grades) | Goal |",
        "|---|---:|---:|---:|---:|",
        *[
            f"| {row.band}L | {row.count} | {row.median:.1f} | {row.iqr:.1f} | "
            f"≤ {iqr_goal(row.band):.1f} |"
            for row in report.bands
        ],
        "",
        "For orientation only (no grade is given in the corpus): the Common Core text-complexity "
        "bands put 420-820L at grades 2-3, 740-1010L at 4-5, 925-1185L at 6-8, 1050-1335L at "
        "9-10 and 1185-1385L at 11-12. Up to 1100L the medians fall inside those grades; above, "
        "the scale reads lower (Flesch-Kincaid, reported in each range, reads higher). Bands with "
        "fewer than four excerpts are left out.",
        "",
        "| Goal | Met |",
        "|---|---|",
        *[f"| {goal} | {'yes' if met else 'NO'} |" for goal, met in report.goals()],
        "",
    ]
    if report.notes:
        shown = "; ".join(f"{ident}: {note}" for ident, note in report.notes[:5])
        lines += [f"Graded with a note ({len(report.notes)}): {shown}", ""]
    if report.unmeasured:
        shown = "; ".join(f"{ident}: {why}" for ident, why in report.unmeasured)
        lines += [f"Not measured ({len(report.unmeasured)}): {shown}", ""]
    return "\n".join(lines)


def write_section(markdown: str, path: Path) -> None:
    """Replace this report's own section of `path` (or add it at the end), nothing else."""
    section = f"{SECTION_START}\n{markdown.rstrip()}\n{SECTION_END}\n"
    text = path.read_text(encoding="utf-8") if path.exists() else ""
    if SECTION_START in text and SECTION_END in text:
        before, _, rest = text.partition(SECTION_START)
        _, _, after = rest.partition(SECTION_END)
        text = before + section.rstrip("\n") + after
    else:
        text = text.rstrip("\n") + ("\n\n" if text else "") + section
    path.write_text(text, encoding="utf-8")


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m generators.readability_eval",
        description="Compare the reading-level scale with teachers' judgements (CLEAR corpus).",
    )
    parser.add_argument("path", nargs="?", default=str(DEFAULT_PATH), help="CLEAR CSV file")
    parser.add_argument(
        "markdown", nargs="?", help="a Markdown file whose report section to replace (optional)"
    )
    args = parser.parse_args(argv)
    path = Path(args.path)
    if not path.is_file():
        print(
            f"error: {path} not found: the CLEAR file is not part of the project.", file=sys.stderr
        )
        return 2
    try:
        report = evaluate(load(path), source=path.name)
    except (KeyError, ValueError) as error:
        print(f"error: {path} is not a CLEAR file ({error}).", file=sys.stderr)
        return 2
    markdown = to_markdown(report)
    print(markdown)
    if args.markdown:
        write_section(markdown, Path(args.markdown))
        print(f"wrote the section into {args.markdown}")
    return 0 if all(met for _, met in report.goals()) else 1


if __name__ == "__main__":
    sys.exit(main())
