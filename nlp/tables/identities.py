"""The table identities (勾稽关系) of nlp/data/identities.yaml: expanded over the table keys of
nlp/data/tables.yaml, and evaluated over cells. The one implementation: the report checks, the
run-together table reader and the year-to-year checks all evaluate these objects."""

from __future__ import annotations

import itertools
import re
from collections.abc import Collection, Iterable, Mapping
from dataclasses import dataclass
from fnmatch import fnmatchcase
from functools import cache
from typing import Literal

from nlp import data
from nlp.tables.labels import schema

TOLERANCE = 1e-6  # sums this close are equal (cells are counts, or 万元 printed to a few decimals)
PLACEHOLDER_RE = re.compile(r"\{(\w+)\}")

Status = Literal["pass", "fail", "not_applicable"]
Values = Mapping[str, float | None]  # cell key → value; None: printed blank (or unreadable); absent: not printed


@dataclass(frozen=True)
class StandIn:
    """One cell printed in place of several: （六）其他处理 as one row instead of its rows 1–3."""

    cell: str
    parts: tuple[str, ...]

    def resolve(self, side: tuple[str, ...], printed: Collection[str]) -> tuple[str, ...]:
        """`side` with the parts replaced by the cell where the cell is printed and none of the parts."""
        if self.parts[0] not in side or self.cell not in printed or any(p in printed for p in self.parts):
            return side
        kept = (k for k in side if k not in self.parts[1:])
        return tuple(self.cell if k == self.parts[0] else k for k in kept)


@dataclass(frozen=True)
class Verdict:
    """What one identity says about some cells, and why."""

    status: Status
    left: tuple[str, ...]  # the cells summed on each side, stand-ins applied
    right: tuple[str, ...]
    absent: tuple[str, ...] = ()  # not printed: not applicable
    unreadable: tuple[str, ...] = ()  # printed but not read: not applicable
    blank: tuple[str, ...] = ()  # printed blank: 0 on the left; a blank total makes it not applicable
    sums: tuple[float, float] = (0, 0)


@dataclass(frozen=True)
class Identity:
    """sum(left) = sum(right), the right side holding the totals."""

    rule: str  # e.g. t3.balance.total
    formula: str  # e.g. 一 + 二 = （七）总计 + 四
    left: tuple[str, ...]
    right: tuple[str, ...]
    if_printed: tuple[str, ...] = ()  # applies only if one of these cells is printed (empty: always)
    stand_ins: tuple[StandIn, ...] = ()

    def cells(self) -> set[str]:
        """Every cell the identity may read."""
        return {*self.left, *self.right, *self.if_printed, *(s.cell for s in self.stand_ins)}

    def applies(self, printed: Collection[str]) -> bool:
        """Whether the identity concerns a report that prints these cells."""
        return not self.if_printed or any(k in printed for k in self.if_printed)

    def sides(self, printed: Collection[str]) -> tuple[tuple[str, ...], tuple[str, ...]]:
        """The cells of each side, a stand-in taking the place of the cells it stands for."""
        left, right = self.left, self.right
        for stand_in in self.stand_ins:
            left, right = stand_in.resolve(left, printed), stand_in.resolve(right, printed)
        return left, right

    def evaluate(self, values: Values, unreadable: Collection[str] = ()) -> Verdict:
        """The identity over `values` (`unreadable`: keys whose None means "could not be read")."""
        left, right = self.sides(values)
        keys = left + right
        absent = tuple(k for k in keys if k not in values)
        if absent:
            return Verdict("not_applicable", left, right, absent=absent)
        unread = tuple(k for k in keys if values[k] is None and k in unreadable)
        if unread:
            return Verdict("not_applicable", left, right, unreadable=unread)
        blank = tuple(k for k in keys if values[k] is None)
        if any(values[k] is None for k in right):  # a blank total is "not reported", not 0
            return Verdict("not_applicable", left, right, blank=blank)
        sums = (sum(values[k] or 0 for k in left), sum(values[k] or 0 for k in right))
        status = "pass" if abs(sums[0] - sums[1]) <= TOLERANCE else "fail"
        return Verdict(status, left, right, blank=blank, sums=sums)


def consistent(identities: Iterable[Identity], values: Values) -> bool:
    """Whether no identity fails over `values` (one not applicable does not fail)."""
    return all(i.evaluate(values).status != "fail" for i in identities)


@cache
def within_report() -> tuple[Identity, ...]:
    """The identities between the cells of one report (t3.*, t4.*), in the order of its checks."""
    return _expand(_spec()["within_report"], {})


@cache
def between_years(y0: int, y1: int) -> tuple[Identity, ...]:
    """The identities between an agency's reports of years y0 and y1, over keys such as "2023:t3.new.total"."""
    return _expand(_spec()["between_years"], {"y0": str(y0), "y1": str(y1)})


@cache
def over(keys: frozenset[str]) -> tuple[Identity, ...]:
    """The identities of one report that read only cells among `keys`."""
    return tuple(i for i in within_report() if i.cells() <= keys)


def _spec() -> dict:
    """nlp/data/identities.yaml, parsed."""
    return data.load("identities")


def _expand(specs: list[dict], given: dict[str, str]) -> tuple[Identity, ...]:
    """One identity per key of the placeholders in each rule name; consecutive specs over the
    same placeholders are expanded together, key by key."""
    out: list[Identity] = []
    for names, run in itertools.groupby(specs, key=lambda spec: _names(spec["rule"])):
        specs_of_run = list(run)
        for bound in _bindings(names):
            out += [_identity(spec, given | bound) for spec in specs_of_run]
    return tuple(out)


def _identity(spec: dict, bound: dict[str, str]) -> Identity:
    left, right = _cells(spec["left"], bound), _cells(spec["right"], bound)
    return Identity(
        rule=_fill(spec["rule"], bound),
        formula=_fill(spec["formula"], bound),
        left=left,
        right=right,
        if_printed=_cells([spec["if_printed"]], bound) if "if_printed" in spec else (),
        stand_ins=tuple(s for s in _stand_ins() if set(s.parts) <= set(left) or set(s.parts) <= set(right)),
    )


@cache
def _stand_ins() -> tuple[StandIn, ...]:
    """Every stand-in of the yaml, one per key of the placeholders of its cell."""
    return tuple(
        StandIn(_fill(spec["cell"], bound), _cells([spec["for"]], bound))
        for spec in _spec()["stand_ins"]
        for bound in _bindings(_names(spec["cell"]))
    )


def _cells(patterns: list[str], bound: dict[str, str]) -> tuple[str, ...]:
    """The keys of each pattern: bound placeholders filled in, the others summed over (every key)."""
    out: list[str] = []
    for pattern in patterns:
        filled = _fill(pattern, bound)
        out += [_fill(filled, free) for free in _bindings(_names(filled))]
    return tuple(out)


def _bindings(names: tuple[str, ...]) -> list[dict[str, str]]:
    """Every combination of keys of the placeholders `names`, in table order."""
    return [dict(zip(names, keys)) for keys in itertools.product(*(_keys(n) for n in names))]


def _names(pattern: str) -> tuple[str, ...]:
    """The placeholders of a pattern, in order: "t3.{row}.{col}" → (row, col)."""
    return tuple(dict.fromkeys(PLACEHOLDER_RE.findall(pattern)))


def _fill(pattern: str, bound: dict[str, str]) -> str:
    """The pattern with the placeholders of `bound` filled in, the others left."""
    return PLACEHOLDER_RE.sub(lambda m: bound.get(m.group(1), m.group(0)), pattern)


@cache
def _keys(name: str) -> tuple[str, ...]:
    """The keys placeholder {name} stands for, in the order of nlp/data/tables.yaml."""
    spec = _spec()["placeholders"][name]
    keys = [k for k in _table_keys(spec["keys"]) if k not in spec.get("except", [])]
    return tuple(k for k in keys if any(fnmatchcase(k, p) for p in spec.get("only", ["*"])))


def _table_keys(name: str) -> list[str]:
    """The row, column or group keys that nlp/data/tables.yaml lists under `name`, e.g. t3.rows."""
    s = schema()
    lists = {
        "t2.rows": [row for block in s.t2 for row in block.rows],
        "t3.rows": s.t3_rows,
        "t3.columns": s.t3_columns,
        "t4.groups": s.t4_groups,
        "t4.columns": s.t4_columns,
    }
    return list(dict.fromkeys(labelled.key for labelled in lists[name]))
