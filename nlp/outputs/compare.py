"""Compare several reports: labels by report, text repeated across years, stale years in plans,
problems with no matching measure. (The table identities that tie one year to the next are
checks: nlp/checks/year_to_year.py.)"""

from __future__ import annotations

import re
from dataclasses import dataclass
from difflib import SequenceMatcher

from nlp.checks.year_to_year import same_agency
from nlp.schema import Report

REPEAT_SIMILARITY = 0.8  # statements this similar (after removing markers) count as repeated
MARKER_RE = re.compile(r"^\s*(?:[一二三四五六七八九十]是|[（(][一二三四五六七八九十]{1,2}[）)]|\d{1,2}[.、．])")


@dataclass
class Repeat:
    first: str  # report label, e.g. 平潭综合实验区 2019
    second: str
    kind: str
    similarity: float
    text: str  # the later report's statement
    earlier: str


@dataclass
class Stale:
    report: str
    year: int
    text: str


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


def repeats(reports: list[Report]) -> list[Repeat]:
    """Statements of a later report repeated nearly word for word from an earlier report of the
    same agency; each is listed once, against the most recent earlier year that has it."""
    found = []
    ordered = sorted((r for r in reports if r.report.year), key=lambda r: r.report.year)
    for i, later in enumerate(ordered):
        earlier = [r for r in ordered[:i] if r.report.year < later.report.year and same_agency(r, later)]
        for st in later.statements:
            for old_report in reversed(earlier):
                best = max(
                    ((similarity(st.text, old.text), old) for old in old_report.statements if old.kind == st.kind),
                    default=(0, None),
                    key=lambda t: t[0],
                )
                if best[0] >= REPEAT_SIMILARITY:
                    found.append(
                        Repeat(report_label(old_report), report_label(later), st.kind, round(best[0], 3), st.text, best[1].text)
                    )
                    break
    return found


def similarity(a: str, b: str) -> float:
    a, b = MARKER_RE.sub("", a), MARKER_RE.sub("", b)
    return SequenceMatcher(None, a, b, autojunk=False).ratio()


def stale_years(reports: list[Report]) -> list[Stale]:
    """Plans dated in the year the report covers ("2021年，我市将…" inside the 2021 report): the
    plans section of last year's report copied without changing its year."""
    out = []
    for r in reports:
        year = r.report.year
        if not year:
            continue
        text = _problems_text(r)
        for m in re.finditer(rf"{year}\s*年[，,]?\s*(?:我|本|全)?[\u4e00-\u9fff]{{0,4}}将", text):
            start = max(text.rfind(c, 0, m.start()) for c in "。；\n") + 1
            end = min((i for i in (text.find(c, m.end()) for c in "。；\n") if i >= 0), default=len(text))
            out.append(Stale(report_label(r), year, text[start : end + 1].strip()))
    return out


def _problems_text(report: Report) -> str:
    return "".join(report.text[s.start : s.end] for s in report.sections if s.kind == "problems")


def unmatched_problems(report: Report) -> list[str]:
    """Labels of problems the report states that none of its measures addresses."""
    problems = {label for st in report.statements if st.kind == "problem" for label in st.labels}
    measures = {label for st in report.statements if st.kind == "measure" for label in st.labels}
    return sorted(problems - measures)
