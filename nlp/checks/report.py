"""Table identities (勾稽关系) that every standard report must satisfy, as pass/fail checks."""

from __future__ import annotations

from collections.abc import Iterable

from nlp import data
from nlp.schema import Check, FieldValue, TableCell
from nlp.tables.identities import TOLERANCE, Identity, Verdict, within_report

TABLES = ("t3.", "t4.")  # a report printing neither table 3 nor table 4 gets no identity checks


def table_checks(tables: dict[str, TableCell]) -> list[Check]:
    """The identities of nlp/data/identities.yaml between the cells of one report."""
    if not any(k.startswith(TABLES) for k in tables):
        return []
    return identity_checks(within_report(), tables)


def identity_checks(identities: Iterable[Identity], tables: dict[str, TableCell]) -> list[Check]:
    """A check for each identity that applies to these cells. A blank, "/" or "—" among the parts
    counts as 0, as reports use them, and the message says so; a blank total makes the check n/a."""
    values = {k: c.value for k, c in tables.items()}
    flagged = {k for k, c in tables.items() if c.flag}
    return [_check(i, i.evaluate(values, flagged), values) for i in identities if i.applies(values)]


def _check(identity: Identity, verdict: Verdict, values: dict[str, float | None]) -> Check:
    """The check as a report shows it: the cells read, and the verdict in words."""
    shown = {k: values.get(k) for k in verdict.left + verdict.right}
    return Check(rule=identity.rule, status=verdict.status, values=shown, message=f"{identity.formula}: {_outcome(verdict)}")


def _outcome(verdict: Verdict) -> str:
    """Why the identity was not checked, or its two sums."""
    if verdict.absent:
        return f"not printed: {', '.join(verdict.absent)}"
    if verdict.unreadable:
        return f"unreadable: {', '.join(verdict.unreadable)}"
    if verdict.status == "not_applicable":
        return "total left blank"
    note = f" (blank counted as 0: {', '.join(verdict.blank)})" if verdict.blank else ""
    a, b = verdict.sums
    return f"{_fmt(a)} {'=' if verdict.status == 'pass' else '≠'} {_fmt(b)}{note}"


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
