"""One row per report: its identity, then every table cell and every catalog field as a column.

    touming export results.duckdb --wide --csv reports.csv [--labels zh]

What researchers open in Excel, pandas, R or Stata. Each report counts once (copies of one report in
several files are left out, as nlp.load does); a cell or field the report does not state, or whose
value was withheld, is empty. Every value traces back through `sha256` to the long tables, which
keep its page and offsets.
"""

from __future__ import annotations

import hashlib
import re
from pathlib import Path

import pandas as pd

from nlp import data
from nlp.prose.fields import labels_zh as field_labels
from nlp.surfaces.store import load
from nlp.tables.labels import schema

STATA_NAME_CHARS = 32  # Stata's limit on a variable name
STATA_LABEL_CHARS = 80  # and on a variable label
FORMATS = ("csv", "parquet", "dta")


def column_labels() -> dict[str, str]:
    """Every column of the wide table, in order, with its Chinese label."""
    return {**data.load("export")["report_columns"], **schema().labels_zh(), **field_labels()}


def wide_table(db: str | Path, copies: bool = False) -> pd.DataFrame:
    """The wide table of a results database: one row per report, the columns of column_labels()."""
    results = load(db, copies)
    reports = results.reports.set_index("sha256", drop=False)
    cells = results.table_cells.pivot_table(index="sha256", columns="key", values="value", aggfunc="first")
    fields = results.fields.pivot_table(index="sha256", columns="field", values="value", aggfunc="first")
    table = reports.join(cells).join(fields)
    return table.reindex(columns=list(column_labels())).sort_values(["agency_canonical", "year", "path"]).reset_index(drop=True)


def write_wide(table: pd.DataFrame, path: Path, fmt: str, labels: str = "en") -> None:
    """Write the table as CSV (UTF-8 with a BOM, so Excel reads Chinese), Parquet or Stata .dta
    (ids made Stata names, Chinese variable labels); `labels="zh"` names CSV and Parquet columns in
    Chinese. Refuses to overwrite a file."""
    if path.exists():
        raise FileExistsError(f"{path} exists; choose another name")
    chinese = column_labels()
    if fmt == "dta":
        _write_stata(table, path, chinese)
        return
    named = table.rename(columns=chinese) if labels == "zh" else table
    if fmt == "csv":
        named.to_csv(path, index=False, encoding="utf-8-sig")
    else:
        named.to_parquet(path, index=False)


def _write_stata(table: pd.DataFrame, path: Path, chinese: dict[str, str]) -> None:
    names = {column: stata_name(column) for column in table.columns}
    text = table.select_dtypes(exclude="number").columns
    frame = table.astype({c: "string" for c in text}).fillna({c: "" for c in text}).rename(columns=names)
    labels = {names[c]: chinese[c][:STATA_LABEL_CHARS] for c in table.columns}
    frame.to_stata(path, write_index=False, version=118, variable_labels=labels)


def stata_name(column: str) -> str:
    """t3.new.total → t3_new_total; a name over Stata's 32 characters keeps its start and a digest."""
    name = re.sub(r"\W", "_", column, flags=re.ASCII)
    if len(name) <= STATA_NAME_CHARS:
        return name
    return f"{name[: STATA_NAME_CHARS - 7]}_{hashlib.sha1(column.encode()).hexdigest()[:6]}"
