"""Terminal views of reports: lines and tables for `nlp.outputs.terminal.show`."""

from __future__ import annotations

from typing import TYPE_CHECKING

from rich.table import Table

from nlp.outputs.terminal import Shown, name, number, table, text
from nlp.schema import Report, TableCell
from nlp.tables.labels import schema

if TYPE_CHECKING:
    from nlp.outputs.compare import Repeat, Stale


def _cell(cells: dict[str, TableCell], key: str) -> str:
    cell = cells.get(key)
    if cell is None:
        return "·"  # not printed in the report
    if cell.flag:
        return "?" + "|".join(cell.candidates or []) if cell.flag == "ambiguous" else f"?{cell.raw}"
    return cell.raw if cell.raw.strip() else "□"  # □ = blank cell


def _pages(first: int | None, last: int | None) -> str:
    if first is None:
        return ""
    return f"p{first}" if first == last else f"p{first}-{last}"


def render_sections(report: Report) -> list[Shown]:
    """The outline: each section's kind, number and title, pages and character offsets; its sub-points below it."""
    outline = table(text("kind"), text("section"), number("pages"), number("characters"))
    for s in report.sections:
        heading = f"{s.number or ''} {s.title or ''}".strip()
        outline.add_row(s.kind, heading, _pages(s.page_start, s.page_end), f"{s.start}–{s.end}")
        for sp in s.subpoints:
            outline.add_row("", f"  {sp.number}{sp.title}", _pages(sp.page_start, sp.page_end), "")
    return [outline]


def render_tables(report: Report) -> list[Shown]:
    """Tables 2, 3 and 4 as the report states them, then the failed checks."""
    failed = [c for c in report.checks if c.status == "fail"]
    return [
        _table2(report),
        "",
        _table3(report),
        "",
        _table4(report),
        "",
        f"勾稽检查: {sum(c.status == 'pass' for c in report.checks)} pass, {len(failed)} fail",
        *(f"  ✗ {c.rule}: {c.message}" for c in failed),
        "  (· not printed, □ blank cell, ? withheld: ?a|b|c the values an ambiguous cell can take)",
    ]


def _table2(report: Report) -> Shown:
    """Table 2: one row per kind of document, its figures named in one cell (the blocks have different columns)."""
    t2 = table(text("条款"), text("信息内容"), text("数据"), title="表二 主动公开政府信息情况")
    for block in schema().t2:
        for row in block.rows:
            values = [(col.variants[0], _cell(report.tables, f"t2.{row.key}.{col.key}")) for col in block.columns]
            shown = [f"{name} {v}" for name, v in values if v != "·"]
            if shown:
                t2.add_row(f"第二十条第{block.item}项", row.variants[0], "  ".join(shown))
    return t2


def _table3(report: Report) -> Shown:
    """Table 3: requests by kind of applicant; rows the report does not print are left out."""
    columns = schema().t3_columns
    t3 = table(text(), *(number(c.variants[0]) for c in columns), title="表三 收到和处理政府信息公开申请情况")
    for row in schema().t3_rows:
        values = [_cell(report.tables, f"t3.{row.key}.{c.key}") for c in columns]
        if any(v != "·" for v in values):
            t3.add_row(row.variants[0], *values)
    return t3


def _table4(report: Report) -> Shown:
    """Table 4: administrative reconsideration and litigation by outcome."""
    columns = schema().t4_columns
    t4 = table(text(), *(number(c.variants[0]) for c in columns), title="表四 行政复议、行政诉讼情况")
    for group in schema().t4_groups:
        t4.add_row(group.variants[0], *(_cell(report.tables, f"t4.{group.key}.{c.key}") for c in columns))
    return t4


def render_mentions(report: Report) -> list[Shown]:
    """Every figure of the prose with what it counts and where it is."""
    headers = ("unit", "qualifier", "field", "subject", "action", "section")
    figures = table(number("figure"), number("value"), *map(text, headers), number("page"))
    for m in report.mentions:
        value = f"{m.value:g}" if isinstance(m.value, float) else str(m.value)
        cells = (m.unit, m.qualifier, m.field or "—", m.subject or "", m.action or "", m.section or "")
        figures.add_row(m.text, value, *cells, str(m.page or ""))
    return [figures, f"{len(report.mentions)} figures, {len(report.fields)} catalog fields filled"]


def render_compare(reports: list[Report]) -> list[Shown]:
    """Report × label matrices of problems and of measures; statements repeated across years; stale
    years; problem labels with no matching measure."""
    from nlp.outputs.compare import repeats, report_statements, stale_years

    found, stale = repeats(report_statements(reports)), stale_years(reports)
    return [
        *_label_matrices(reports),
        "",
        f"重复表述 statements repeated from an earlier year ({len(found)}):",
        *_unless_empty(_repeats_table(found)),
        "",
        f"过时年份 plans dated in the report's own year ({len(stale)}):",
        *_unless_empty(_stale_table(stale)),
        "",
        "无对应措施的问题 problem labels with no matching measure:",
        *_unless_empty(_unmatched_table(reports)),
    ]


def _label_matrices(reports: list[Report]) -> list[Shown]:
    """For problems, then measures: how many statements of each report have each label."""
    from nlp.outputs.compare import label_matrix
    from nlp.statements.classify import labels

    shown: list[Shown] = []
    for kind, title in (("problem", "问题 problems"), ("measure", "措施 measures")):
        names = labels()
        matrix = table(name(), *map(number, names), title=title)
        for report, counts in label_matrix(reports, kind).items():
            matrix.add_row(report, *(str(counts.get(n, "")) or "·" for n in names))
        shown += ["", matrix]
    return shown


def _repeats_table(found: list[Repeat]) -> Table:
    repeated = table(text("report ← earlier"), text("kind"), number("similarity"), text("statement"))
    for rep in found:
        repeated.add_row(f"{rep.later.report}\n← {rep.earlier.report}", rep.later.kind, f"{rep.similarity:.2f}", rep.later.text)
    return repeated


def _stale_table(stale: list[Stale]) -> Table:
    dated = table(text("report"), text("statement"))
    for st in stale:
        dated.add_row(st.report, st.text)
    return dated


def _unmatched_table(reports: list[Report]) -> Table:
    from nlp.outputs.compare import report_label, unmatched_problems

    unmatched = table(text("report"), text("labels"))
    for r in reports:
        missing = unmatched_problems(r)
        if missing:
            unmatched.add_row(report_label(r), ", ".join(missing))
    return unmatched


def _unless_empty(rows: Table) -> list[Shown]:
    """The table, or nothing when it has no rows."""
    return [rows] if rows.row_count else []
