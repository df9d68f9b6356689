"""Plain-text views of a report for the terminal."""

from __future__ import annotations

import unicodedata

from nlp.schema import Report, TableCell
from nlp.tables.labels import schema


def width(text: str) -> int:
    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in text)


def pad(text: str, size: int, right: bool = False) -> str:
    space = " " * max(0, size - width(text))
    return space + text if right else text + space


def _cell(cells: dict[str, TableCell], key: str) -> str:
    cell = cells.get(key)
    if cell is None:
        return "·"  # not printed in the report
    if cell.flag:
        return "?" + "|".join(cell.candidates or []) if cell.flag == "ambiguous" else f"?{cell.raw}"
    return cell.raw if cell.raw.strip() else "□"  # □ = blank cell


def render_tables(report: Report) -> list[str]:
    s, t = schema(), report.tables
    lines = ["表二 主动公开政府信息情况"]
    for block in s.t2:
        for row in block.rows:
            values = [(col.variants[0], _cell(t, f"t2.{row.key}.{col.key}")) for col in block.columns]
            shown = [f"{name} {v}" for name, v in values if v != "·"]
            if shown:
                lines.append(f"  第二十条第{block.item}项 {pad(row.variants[0], 22)} " + "  ".join(shown))
    lines += ["", "表三 收到和处理政府信息公开申请情况"]
    header = [c.variants[0] for c in s.t3_columns]
    lines.append(pad("", 34) + "".join(pad(h, 14, right=True) for h in header))
    for row in s.t3_rows:
        values = [_cell(t, f"t3.{row.key}.{c.key}") for c in s.t3_columns]
        if any(v != "·" for v in values):
            lines.append(pad(row.variants[0][:16], 34) + "".join(pad(v, 14, right=True) for v in values))
    lines += ["", "表四 行政复议、行政诉讼情况"]
    lines.append(pad("", 20) + "".join(pad(c.variants[0], 10, right=True) for c in s.t4_columns))
    for group in s.t4_groups:
        values = [_cell(t, f"t4.{group.key}.{c.key}") for c in s.t4_columns]
        lines.append(pad(group.variants[0], 20) + "".join(pad(v, 10, right=True) for v in values))
    failed = [c for c in report.checks if c.status == "fail"]
    lines += ["", f"勾稽检查: {sum(c.status == 'pass' for c in report.checks)} pass, {len(failed)} fail"]
    lines += [f"  ✗ {c.rule}: {c.message}" for c in failed]
    lines.append("  (· not printed, □ blank cell, ? withheld: ?a|b|c the values an ambiguous cell can take)")
    return lines


def render_mentions(report: Report) -> list[str]:
    header = f"{'figure':>14} {'value':>12} {'unit':<4} {'qualifier':<9} {'field':<28} {'subject':<18} {'action':<6} {'section':<12} page"
    lines = [header]
    for m in report.mentions:
        value = f"{m.value:g}" if isinstance(m.value, float) else str(m.value)
        lines.append(
            f"{pad(m.text, 14, right=True)} {value:>12} {pad(m.unit, 4)} {m.qualifier:<9} {m.field or '—':<28} "
            f"{pad((m.subject or '')[:9], 18)} {pad(m.action or '', 6)} {m.section or '':<12} {m.page or ''}"
        )
    lines.append(f"{len(report.mentions)} figures, {len(report.fields)} catalog fields filled")
    return lines


def render_compare(reports: list[Report]) -> list[str]:
    """Report × label matrices of problems and of measures."""
    from nlp.outputs.compare import label_matrix
    from nlp.statements.classify import labels

    lines = []
    for kind, title in (("problem", "问题 problems"), ("measure", "措施 measures")):
        matrix = label_matrix(reports, kind)
        names = labels()
        lines += ["", title, pad("", 30) + "".join(pad(n[:6], 7, right=True) for n in names)]
        for report, counts in matrix.items():
            lines.append(pad(report[:28], 30) + "".join(pad(str(counts.get(n, "")) or "·", 7, right=True) for n in names))
    return lines
