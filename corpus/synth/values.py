"""Table values: draws tables 2, 3, 4 that satisfy every 勾稽 identity, and plants an error.

Keys are the canonical keys of docs/domain.md. The identities are derived from the row
roles and column lists of tables.yaml, so the checker here and the form there cannot drift.
"""
from __future__ import annotations

import random
from collections import Counter
from dataclasses import dataclass

from . import data

Values = dict[str, int | float | None]

# Planted errors move a cell by one of these amounts (never below zero).
ERROR_DELTAS = (1, 2, 3, 5, 10)
# Share of planted errors that go into table 3 (the rest go into table 4).
ERROR_SHARE_T3 = 0.6
# Decimal places 行政事业性收费 (万元) is printed with, chosen per report.
FEE_DECIMALS = (0, 1, 2, 4, 6)


@dataclass(frozen=True)
class Identity:
    """sum(left) == sum(right), named for the report reader ("t3 column natural_person: …")."""

    name: str
    left: tuple[str, ...]
    right: tuple[str, ...]

    def holds(self, values: Values) -> bool:
        return _sum(values, self.left) == _sum(values, self.right)

    def cells(self) -> tuple[str, ...]:
        return self.left + self.right


def _sum(values: Values, keys: tuple[str, ...]) -> int | float:
    return sum(values[k] or 0 for k in keys)


# ---------------------------------------------------------------------------------- keys

def t3_row_keys() -> list[str]:
    return [row["key"] for row in data.tables()["t3"]["rows"]]


def t3_column_keys(with_total: bool = True) -> list[str]:
    form = data.tables()["t3"]
    keys = [col["key"] for col in form["columns"]]
    return keys + [form["total_column"]["key"]] if with_total else keys


def t4_keys() -> list[str]:
    form = data.tables()["t4"]
    return [f"t4.{g['key']}.{c['key']}" for g in form["groups"] for c in form["columns"]]


def t2_keys() -> list[str]:
    return [key for block in data.tables()["t2"]["blocks"] for row in block["rows"] for key in row["keys"]]


def all_keys() -> list[str]:
    """Every cell of tables 2, 3 and 4, in reading order."""
    t3 = [f"t3.{r}.{c}" for r in t3_row_keys() for c in t3_column_keys()]
    return t2_keys() + t3 + t4_keys()


# ---------------------------------------------------------------------------- identities

def identities() -> list[Identity]:
    """Every 勾稽 identity of tables 3 and 4."""
    return _t3_column_identities() + _t3_row_identities() + _t4_identities()


def _t3_rows_by_role() -> dict[str, list[str]]:
    by_role: dict[str, list[str]] = {}
    for row in data.tables()["t3"]["rows"]:
        by_role.setdefault(row["role"], []).append(row["key"])
    return by_role


def _t3_column_identities() -> list[Identity]:
    rows = _t3_rows_by_role()
    found = []
    for col in t3_column_keys():
        found.append(Identity(
            f"t3 column {col}: 一+二 = （七）总计+四",
            _t3_cells(rows["input"], col),
            _t3_cells(rows["total"] + rows["output"], col)))
        found.append(Identity(
            f"t3 column {col}: （七）总计 = sum of outcomes",
            _t3_cells(rows["total"], col),
            _t3_cells(rows["outcome"], col)))
    return found


def _t3_cells(rows: list[str], col: str) -> tuple[str, ...]:
    return tuple(f"t3.{row}.{col}" for row in rows)


def _t3_row_identities() -> list[Identity]:
    total = data.tables()["t3"]["total_column"]["key"]
    return [Identity(f"t3 row {row}: 总计 = sum of applicant columns",
                     (f"t3.{row}.{total}",),
                     tuple(f"t3.{row}.{c}" for c in t3_column_keys(with_total=False)))
            for row in t3_row_keys()]


def _t4_identities() -> list[Identity]:
    form = data.tables()["t4"]
    parts = [c["key"] for c in form["columns"] if c["key"] != "total"]
    return [Identity(f"t4 {g['key']}: 总计 = sum of four",
                     (f"t4.{g['key']}.total",),
                     tuple(f"t4.{g['key']}.{p}" for p in parts))
            for g in form["groups"]]


def broken_identities(values: Values) -> list[Identity]:
    return [i for i in identities() if not i.holds(values)]


# -------------------------------------------------------------------------------- values

def make_tables(rng: random.Random, profile: dict) -> Values:
    """Values for every key of tables 2, 3 and 4, all identities holding."""
    values: Values = {}
    values.update(make_t2(rng, profile))
    values.update(make_t3(rng, profile))
    values.update(make_t4(rng, profile))
    assert not broken_identities(values), "generator produced inconsistent tables"
    return values


def make_t2(rng: random.Random, profile: dict) -> Values:
    """Table 2: documents issued/repealed/in force, decisions, fees (万元, float)."""
    def draw(name: str) -> int:
        low, high = profile.get(name, (0, 0))
        return rng.randint(low, high)

    no_powers = rng.random() < profile["powers_zero"]
    normative_issued = draw("normative_issued")
    rules_issued = draw("rules_issued")
    return {
        "t2.rules.issued": rules_issued,
        "t2.rules.repealed": draw("rules_repealed"),
        "t2.rules.in_force": max(rules_issued, draw("rules_in_force")),
        "t2.normative_docs.issued": normative_issued,
        "t2.normative_docs.repealed": draw("normative_repealed"),
        "t2.normative_docs.in_force": max(normative_issued, draw("normative_in_force")),
        "t2.permits.decisions": 0 if no_powers else draw("permits"),
        "t2.penalties.decisions": 0 if no_powers else draw("penalties"),
        "t2.enforcement.decisions": 0 if no_powers else draw("enforcement"),
        "t2.fees.amount": _fee_amount(rng, profile, no_powers),
    }


def _fee_amount(rng: random.Random, profile: dict, no_powers: bool) -> float:
    """行政事业性收费 in 万元, as a float that prints back to itself (see format_value)."""
    if no_powers or rng.random() < profile["fees_zero"]:
        return 0
    low, high = profile["fees"]
    decimals = rng.choice(FEE_DECIMALS)
    return float(f"{rng.uniform(low, high):.{decimals}f}")


def make_t3(rng: random.Random, profile: dict) -> Values:
    """Table 3, column by column: new + carried in = outcomes + carried over."""
    form = data.tables()["t3"]
    new_total = rng.randint(*profile["applications_new"])
    new_by_column = _split(rng, new_total, {c["key"]: c["share"] for c in form["columns"]})
    rows = _t3_rows_by_role()
    weights = {r["key"]: r["weight"] for r in form["rows"] if r["role"] == "outcome"}
    values: Values = {}
    for col, new in new_by_column.items():
        carried_in = _share_of(rng, new, profile["carried_in_share"])
        carried_over = _share_of(rng, new + carried_in, profile["carried_over_share"])
        outcomes = _split(rng, new + carried_in - carried_over, weights)
        column = {"new": new, "carried_in": carried_in, "carried_over": carried_over, **outcomes}
        column[rows["total"][0]] = sum(outcomes.values())
        values.update({f"t3.{row}.{col}": n for row, n in column.items()})
    total = form["total_column"]["key"]
    for row in t3_row_keys():
        values[f"t3.{row}.{total}"] = sum(values[f"t3.{row}.{c}"] for c in new_by_column)
    return values


def make_t4(rng: random.Random, profile: dict) -> Values:
    """Table 4: each group's cases split over the four results; total = their sum."""
    form = data.tables()["t4"]
    weights = {c["key"]: c["weight"] for c in form["columns"] if c["key"] != "total"}
    values: Values = {}
    for group in form["groups"]:
        parts = _split(rng, rng.randint(*profile[group["key"]]), weights)
        values.update({f"t4.{group['key']}.{k}": n for k, n in parts.items()})
        values[f"t4.{group['key']}.total"] = sum(parts.values())
    return values


def _split(rng: random.Random, n: int, weights: dict[str, float]) -> dict[str, int]:
    """n items dealt out at random over the keys of `weights` (every key present)."""
    keys = list(weights)
    counts = Counter(rng.choices(keys, weights=[weights[k] for k in keys], k=n))
    return {k: counts[k] for k in keys}


def _share_of(rng: random.Random, n: int, share_range: list[float]) -> int:
    return int(n * rng.uniform(*share_range))


# ------------------------------------------------------------------------- planted error

def plant_error(rng: random.Random, values: Values) -> tuple[Values, str]:
    """A copy of `values` with one cell of table 3 or 4 moved, and that cell's key.

    Only the identities that contain the key break (for a table-3 cell: its row and its
    column identities; for a table-4 cell: its group's total).
    """
    if rng.random() < ERROR_SHARE_T3:
        key = f"t3.{rng.choice(t3_row_keys())}.{rng.choice(t3_column_keys())}"
    else:
        key = rng.choice(t4_keys())
    delta = rng.choice(ERROR_DELTAS)
    changed = dict(values)
    changed[key] = values[key] + delta if values[key] < delta or rng.random() < 0.5 else values[key] - delta
    expected = {i for i in identities() if key in i.cells()}
    assert set(broken_identities(changed)) == expected, f"planting {key} broke other identities"
    return changed, key


# ------------------------------------------------------------------------------- display

def format_value(value: int | float | None) -> str:
    """How a table cell is printed: integers plainly, amounts without trailing zeros."""
    if value is None:
        return ""
    if isinstance(value, float):
        text = f"{value:.6f}".rstrip("0").rstrip(".")
        return text or "0"
    return str(value)
