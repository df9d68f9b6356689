"""Table identities (勾稽关系) that every standard report must satisfy, as pass/fail checks."""

from __future__ import annotations

from nlp import data
from nlp.schema import Check, FieldValue, TableCell
from nlp.tables.labels import TableSchema, schema

OUTCOME_GROUPS = ("granted", "partly_granted", "denied.", "unable.", "not_processed.", "other.")
TOLERANCE = 1e-6


def table_checks(tables: dict[str, TableCell]) -> list[Check]:
    s = schema()
    if not any(k.startswith("t3.") or k.startswith("t4.") for k in tables):
        return []
    checks = []
    columns = [c.key for c in s.t3_columns]
    applicants = columns[:-1]
    for col in columns:
        checks.append(
            equal_sums(
                tables,
                f"t3.balance.{col}",
                [f"t3.new.{col}", f"t3.carried_in.{col}"],
                [f"t3.total.{col}", f"t3.carried_over.{col}"],
                "一 + 二 = （七）总计 + 四",
            )
        )
        checks.append(
            equal_sums(
                tables, f"t3.outcomes.{col}", _outcome_keys(tables, s, col), [f"t3.total.{col}"], "（七）总计 = 办理结果各项之和"
            )
        )
    for row in s.t3_rows:
        if any(k.startswith(f"t3.{row.key}.") for k in tables) and not _is_aggregate_gap(tables, row.key):
            checks.append(
                equal_sums(
                    tables,
                    f"t3.row.{row.key}",
                    [f"t3.{row.key}.{c}" for c in applicants],
                    [f"t3.{row.key}.total"],
                    "总计 = 自然人 + 法人或其他组织各列",
                )
            )
    for group in s.t4_groups:
        parts = [f"t4.{group.key}.{c.key}" for c in s.t4_columns[:-1]]
        checks.append(
            equal_sums(tables, f"t4.{group.key}.total", parts, [f"t4.{group.key}.total"], "总计 = 维持 + 纠正 + 其他 + 尚未审结")
        )
    return checks


def _outcome_keys(tables: dict[str, TableCell], s: TableSchema, col: str) -> list[str]:
    """The outcome rows of one column; a single （六）其他处理 row stands in for its three sub-rows."""
    rows = [r.key for r in s.t3_rows if r.key.startswith(OUTCOME_GROUPS)]
    if f"t3.other.{col}" in tables and not any(f"t3.{r}.{col}" in tables for r in rows if r.startswith("other.")):
        rows = [r for r in rows if not r.startswith("other.")] + ["other"]
    return [f"t3.{r}.{col}" for r in rows]


def _is_aggregate_gap(tables: dict[str, TableCell], row: str) -> bool:
    return row == "other" and any(k.startswith("t3.other.other.") for k in tables)


def equal_sums(tables: dict[str, TableCell], rule: str, left: list[str], right: list[str], formula: str) -> Check:
    """left sum = right sum (the right side holds the totals). A blank, "/" or "—" among the parts
    counts as 0, as reports use them, and the message says so; a blank total makes the check n/a."""
    keys = left + right
    absent = [k for k in keys if k not in tables]
    values = {k: tables[k].value if k in tables else None for k in keys}
    if absent:
        return Check(rule=rule, status="not_applicable", values=values, message=f"{formula}: not printed: {', '.join(absent)}")
    unreadable = [k for k in keys if values[k] is None and tables[k].flag]
    if unreadable:
        return Check(rule=rule, status="not_applicable", values=values, message=f"{formula}: unreadable: {', '.join(unreadable)}")
    blank = [k for k in keys if values[k] is None]
    if any(values[k] is None for k in right):  # a blank total is "not reported", not 0
        return Check(rule=rule, status="not_applicable", values=values, message=f"{formula}: total left blank")
    a = sum(values[k] or 0 for k in left)
    b = sum(values[k] or 0 for k in right)
    ok = abs(a - b) <= TOLERANCE
    note = f" (blank counted as 0: {', '.join(blank)})" if blank else ""
    message = f"{formula}: {_fmt(a)} {'=' if ok else '≠'} {_fmt(b)}{note}"
    return Check(rule=rule, status="pass" if ok else "fail", values=values, message=message)


def _fmt(x: float) -> str:
    return str(int(x)) if float(x).is_integer() else f"{x:g}"


def prose_checks(fields: dict[str, FieldValue], tables: dict[str, TableCell]) -> list[Check]:
    """A figure stated in prose against the table cells that report the same thing."""
    checks = []
    for field_id, spec in data.load("catalog")["table_counterparts"].items():
        stated = fields.get(field_id)
        if stated is None:
            continue
        rule = f"prose.{field_id}"
        sums = [spec["sum"]] + spec.get("also", [])
        values = {"prose": stated.value} | {k: tables[k].value if k in tables else None for keys in sums for k in keys}
        readable = [keys for keys in sums if all(values[k] is not None for k in keys)]
        if not readable:
            checks.append(
                Check(rule=rule, status="not_applicable", values=values, message=f"{field_id}: no table value to compare")
            )
            continue
        totals = [sum(values[k] for k in keys) for keys in readable]
        exact = stated.qualifier == "exact"
        agree = any(abs(t - stated.value) <= TOLERANCE for t in totals) if exact else True
        status = "pass" if agree else "fail"
        relation = "=" if agree else "≠"
        approx = "" if exact else f" ({stated.qualifier}: not compared exactly)"
        message = f"{field_id}: prose {_fmt(stated.value)} {relation} table {' / '.join(_fmt(t) for t in totals)}{approx}"
        checks.append(Check(rule=rule, status=status, values=values, message=message))
    return checks
