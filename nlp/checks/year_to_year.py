"""Identities between one agency's consecutive reports (nlp/data/identities.yaml, between_years):
what a year carries over (表三 四) is what the next carries in (表三 二), column by column; and
in the 2019 trial format a year's 上一年项目数量 is the year before's plus its 本年增/减."""

from __future__ import annotations

import re

from nlp.checks.report import identity_checks
from nlp.schema import Check, Report
from nlp.tables.identities import between_years

AGENCY_SUFFIX_RE = re.compile(r"(人民政府|管理委员会|管委会|办公室|办公厅)$")


def same_agency(a: Report, b: Report) -> bool:
    """Whether two reports are one agency's, by the names they print (same_agency_name)."""
    return same_agency_name(a.report.agency or "", b.report.agency or "")


def same_agency_name(a: str, b: str) -> bool:
    """洪泽区人民政府 and 淮安市洪泽区人民政府 are one agency: names equal after the suffix, or one
    ends with the other (a parent jurisdiction printed in one year only)."""
    x, y = agency_core(a), agency_core(b)
    return len(min(x, y, key=len)) >= 2 and (x.endswith(y) or y.endswith(x))


def agency_core(name: str) -> str:
    """The name without spaces and its closing 人民政府, 管委会, 办公室…: what same_agency_name compares."""
    return AGENCY_SUFFIX_RE.sub("", re.sub(r"\s", "", name))


def year_to_year(reports: list[Report]) -> list[Check]:
    """The between-years checks of each pair of consecutive years of one agency; cell keys are
    prefixed with their year ("2023:t3.carried_in.total")."""
    checks = []
    by_year = sorted((r for r in reports if r.report.year), key=lambda r: r.report.year)
    for before, after in zip(by_year, by_year[1:]):
        if after.report.year != before.report.year + 1 or not same_agency(before, after):
            continue
        y0, y1 = before.report.year, after.report.year
        cells = {f"{y0}:{k}": c for k, c in before.tables.items()} | {f"{y1}:{k}": c for k, c in after.tables.items()}
        checks += identity_checks(between_years(y0, y1), cells)
    return checks
