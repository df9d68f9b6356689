"""Compare several reports: labels by report, text repeated across years, stale years in plans,
problems with no matching measure. (The table identities that tie one year to the next are
checks: nlp/checks/year_to_year.py.)

Comparisons across reports work from `ReportStatement`s, which come from `Report`s
(`report_statements`) or from the statements table of a results database (`frame_statements`)."""

from __future__ import annotations

import json
import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from difflib import SequenceMatcher

from nlp import data
from nlp.checks.year_to_year import same_agency_name
from nlp.schema import Report

FOLLOWUP = data.load("followup")
REPEAT_SIMILARITY = FOLLOWUP["near_duplicate"]  # statements this similar (after removing markers) count as repeated
MARKER_RE = re.compile(r"^\s*(?:[一二三四五六七八九十]是|[（(][一二三四五六七八九十]{1,2}[）)]|\d{1,2}[.、．])")
PLAN_YEAR_RE = re.compile(FOLLOWUP["plan_year"])  # "2021年，我市将…"
SENTENCE_MARKS = "。；\n"


@dataclass(frozen=True)
class ReportStatement:
    """A statement of section 五 with the report it stands in: its file, year and agency."""

    kind: str  # problem | measure
    text: str
    labels: tuple[str, ...]
    file: str  # the report's source path
    page: int | None
    start: int  # offsets into the report's text
    end: int
    year: int | None
    agency: str | None  # as printed
    agency_canonical: str | None = None
    division_code: str | None = None
    level: str | None = None
    lead: str | None = None

    @property
    def report(self) -> str:
        """The report's label, e.g. 平潭综合实验区 2019."""
        return f"{self.agency or self.file} {self.year or '?'}"

    @property
    def agency_key(self) -> str:
        """The name agencies are grouped by: the canonical one where known."""
        return self.agency_canonical or self.agency or self.file


@dataclass
class Repeat:
    """A statement of a later report repeated nearly word for word from an earlier one."""

    later: ReportStatement
    earlier: ReportStatement
    similarity: float


@dataclass
class Stale:
    """A plan dated in the year its report covers, with where it stands in the report's text."""

    report: str
    year: int
    text: str
    file: str
    start: int
    end: int


def report_statements(reports: Iterable[Report]) -> list[ReportStatement]:
    """The statements of reports, each with its report's file, year and agency."""
    return [
        ReportStatement(
            kind=st.kind,
            text=st.text,
            labels=tuple(st.labels),
            file=r.source.path,
            page=st.page,
            start=st.start,
            end=st.end,
            year=r.report.year,
            agency=r.report.agency,
            agency_canonical=r.report.agency_canonical,
            division_code=r.report.division_code,
            level=r.report.level,
            lead=st.lead,
        )
        for r in reports
        for st in r.statements
    ]


def frame_statements(frame) -> list[ReportStatement]:
    """The statements of a results database (`nlp.load(db).statements`, a DataFrame)."""
    return [
        ReportStatement(
            kind=row["kind"],
            text=row["text"],
            labels=tuple(json.loads(row["labels"] or "{}")),
            file=row["path"],
            page=nullable_int(row["page"]),
            start=int(row["start"]),
            end=int(row["end"]),
            year=nullable_int(row["year"]),
            agency=nullable_text(row["agency"]),
            agency_canonical=nullable_text(row["agency_canonical"]),
            division_code=nullable_text(row["division_code"]),
            level=nullable_text(row["level"]),
            lead=nullable_text(row["lead"]),
        )
        for row in frame.to_dict("records")
    ]


def nullable_int(value) -> int | None:
    """A number of a DataFrame cell, None for NULL (NaN, NA, None)."""
    try:
        return int(value)
    except (TypeError, ValueError):
        return None


def nullable_text(value) -> str | None:
    """A text of a DataFrame cell, None for NULL."""
    return value if isinstance(value, str) else None


def report_label(report: Report) -> str:
    return f"{report.report.agency or report.source.path} {report.report.year or '?'}"


def label_matrix(reports: list[Report], kind: str) -> dict[str, dict[str, int]]:
    """report → label → number of statements of that kind with the label."""
    matrix = {}
    for r in reports:
        counts: dict[str, int] = {}
        for st in r.statements:
            if st.kind == kind:
                for label in st.labels:
                    counts[label] = counts.get(label, 0) + 1
        matrix[report_label(r)] = counts
    return matrix


def repeats(statements: Iterable[ReportStatement]) -> list[Repeat]:
    """Statements of a later report repeated nearly word for word from an earlier report of the
    same agency; each is listed once, against the most recent earlier year that has it."""
    by_report = _by_report(statements)
    found = []
    for later in by_report:
        year, agency = later[0].year, later[0].agency_key
        earlier = [r for r in by_report if r[0].year < year and same_agency_name(r[0].agency_key, agency)]
        found += [rep for st in later if (rep := _latest_repeat(st, earlier))]
    return found


def _by_report(statements: Iterable[ReportStatement]) -> list[list[ReportStatement]]:
    """The statements of each dated report, the reports in order of year."""
    reports: dict[str, list[ReportStatement]] = {}
    for st in statements:
        if st.year:
            reports.setdefault(st.file, []).append(st)
    return sorted(reports.values(), key=lambda r: r[0].year)


def _latest_repeat(st: ReportStatement, earlier: list[list[ReportStatement]]) -> Repeat | None:
    """The statement's best match in the most recent earlier report that repeats it."""
    for old_report in reversed(earlier):
        score, old = max(
            ((similarity(st.text, old.text, REPEAT_SIMILARITY), old) for old in old_report if old.kind == st.kind),
            default=(0, None),
            key=lambda t: t[0],
        )
        if score >= REPEAT_SIMILARITY:
            return Repeat(st, old, round(score, 3))
    return None


def similarity(a: str, b: str, floor: float = 0.0) -> float:
    """How alike two statements are, their item markers left out (difflib's ratio: 1.0 the same text);
    0.0 when it is surely below floor, as the characters they share in any order tell at less cost."""
    a, b = MARKER_RE.sub("", a), MARKER_RE.sub("", b)
    if floor and _shared_characters(a, b) < floor:
        return 0.0
    return SequenceMatcher(None, a, b, autojunk=False).ratio()


def _shared_characters(a: str, b: str) -> float:
    """The ratio the two texts would have if their common characters were in the same order: its upper bound."""
    total = len(a) + len(b)
    return 2 * sum((Counter(a) & Counter(b)).values()) / total if total else 1.0


def stale_years(reports: list[Report]) -> list[Stale]:
    """Plans dated in the year the report covers ("2021年，我市将…" inside the 2021 report): the
    plans section of last year's report copied without changing its year."""
    return [
        stale
        for r in reports
        if r.report.year
        for s in r.sections
        if s.kind == "problems"
        for stale in stale_plans(report_label(r), r.source.path, r.report.year, r.text, s.start, s.end)
    ]


def stale_plans(report: str, file: str, year: int, text: str, start: int, end: int) -> list[Stale]:
    """The sentences of text[start:end] that date a plan in `year`, the year of their report."""
    out = []
    for m in PLAN_YEAR_RE.finditer(text, start, end):
        if int(m["year"]) == year:
            a, b = sentence_around(text, m.start(), m.end(), start, end)
            out.append(Stale(report, year, text[a:b], file, a, b))
    return out


def sentence_around(text: str, start: int, end: int, lo: int = 0, hi: int | None = None) -> tuple[int, int]:
    """The span of the sentence holding text[start:end], within text[lo:hi]: its end mark included,
    the spaces around it left out."""
    hi = len(text) if hi is None else hi
    a = max(max(text.rfind(c, lo, start) for c in SENTENCE_MARKS) + 1, lo)
    ends = [i + 1 for i in (text.find(c, end, hi) for c in SENTENCE_MARKS) if i >= 0]
    b = min(ends, default=hi)
    while a < b and text[a].isspace():
        a += 1
    while b > a and text[b - 1].isspace():
        b -= 1
    return a, b


def unmatched_problems(report: Report) -> list[str]:
    """Labels of problems the report states that none of its measures addresses."""
    problems = {label for st in report.statements if st.kind == "problem" for label in st.labels}
    measures = {label for st in report.statements if st.kind == "measure" for label in st.labels}
    return sorted(problems - measures)
