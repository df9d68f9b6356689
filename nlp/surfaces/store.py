"""Results in an embedded DuckDB database: one row per report, and one table per kind of result,
each row keyed by the report's content hash and carrying its provenance (page, offsets).

The tables are generated from the models in nlp.schema: a field added to a model becomes a column
(typed from its annotation), and a database made before that gets the column when it is opened.
"""

from __future__ import annotations

import json
import types
import typing
from collections.abc import Callable, Iterable
from dataclasses import dataclass, replace
from functools import partial
from pathlib import Path
from typing import Any

import duckdb
from pydantic import BaseModel

from nlp.errors import Duplicate, retryable
from nlp.schema import ErrorInfo, Report, ReportMeta, Source
from nlp.text.overlap import same_report_text

VARCHAR = "VARCHAR"
JSON = VARCHAR  # JSON as text, as these columns have always been: notebooks json.loads them
SCALAR_TYPES = {
    frozenset({int}): "BIGINT",
    frozenset({float}): "DOUBLE",
    frozenset({int, float}): "DOUBLE",
    frozenset({str}): VARCHAR,
    frozenset({bool}): "BOOLEAN",
}
UNIONS = (typing.Union, types.UnionType)


def quote(identifier: str) -> str:
    """An identifier quoted for SQL (start, end and values are reserved words)."""
    return '"' + identifier.replace('"', '""') + '"'


def _as_is(value: Any) -> Any:
    """A value DuckDB takes as it is."""
    return value


def _json(value: Any) -> str | None:
    """A list, dict or dumped model as JSON text; None stays NULL."""
    return None if value is None else json.dumps(value, ensure_ascii=False)


def _comma_joined(values: list[str]) -> str:
    """A list of flags as one text: needs_ocr,no_sections_found."""
    return ",".join(values)


@dataclass(frozen=True)
class Column:
    """One column: its name, DuckDB type and constraints, and how a Python value is stored in it."""

    name: str
    type: str
    nullable: bool = True
    primary_key: bool = False
    default: str | None = None  # an SQL expression DuckDB fills in: such a column is never inserted
    encode: Callable[[Any], Any] = _as_is

    def added(self) -> str:
        """The column as ALTER TABLE adds it to an older table, where DuckDB takes no constraint."""
        default = f" DEFAULT {self.default}" if self.default else ""
        return f"{quote(self.name)} {self.type}{default}"

    def definition(self) -> str:
        """The column as CREATE TABLE declares it."""
        constraint = " PRIMARY KEY" if self.primary_key else "" if self.nullable else " NOT NULL"
        return self.added() + constraint


def model_columns(model: type[BaseModel], skip: Iterable[str] = ()) -> tuple[Column, ...]:
    """A column for each field of a schema model, in the model's order, but those named in skip."""
    return tuple(field_column(name, info.annotation) for name, info in model.model_fields.items() if name not in skip)


def field_column(name: str, annotation: Any) -> Column:
    """The column of one model field: its DuckDB type from the annotation, nullable where None is allowed."""
    members = set(typing.get_args(annotation)) if typing.get_origin(annotation) in UNIONS else {annotation}
    nullable = types.NoneType in members
    kinds = frozenset(members - {types.NoneType})
    if kinds in SCALAR_TYPES:
        return Column(name, SCALAR_TYPES[kinds], nullable)
    if len(kinds) == 1 and _structured(next(iter(kinds))):
        return Column(name, JSON, nullable, encode=_json)
    raise TypeError(f"no DuckDB type for the field {name}: {annotation}")


def _structured(kind: Any) -> bool:
    """Whether a type is stored as JSON: a list, a dict or a model."""
    return typing.get_origin(kind) in (list, dict) or (isinstance(kind, type) and issubclass(kind, BaseModel))


@dataclass(frozen=True)
class Table:
    """One table: its columns, and how a report becomes its rows (dicts by column name)."""

    name: str
    columns: tuple[Column, ...]
    rows: Callable[[Report], list[dict[str, Any]]]

    def create(self) -> str:
        """CREATE TABLE for a new database."""
        return f"CREATE TABLE IF NOT EXISTS {quote(self.name)} ({', '.join(c.definition() for c in self.columns)})"

    @property
    def inserted(self) -> tuple[Column, ...]:
        """The columns an INSERT fills: all but those DuckDB fills by default."""
        return tuple(c for c in self.columns if c.default is None)

    def insert(self) -> str:
        """INSERT naming every inserted column, each value a parameter."""
        names = ", ".join(quote(c.name) for c in self.inserted)
        return f"INSERT INTO {quote(self.name)} ({names}) VALUES ({', '.join('?' for _ in self.inserted)})"


SHA256 = Column("sha256", VARCHAR)
INDEX = Column("idx", "BIGINT", nullable=False)  # the item's place in its Report list
PROCESSED_AT = Column("processed_at", "TIMESTAMP", default="current_timestamp")
PATH = Column("path", VARCHAR, primary_key=True)  # errors are keyed by path: a missing file has no hash
RETRYABLE = field_column("retryable", bool)  # a failure of ours (nlp.errors): the next run tries the file again
DUPLICATE = Duplicate.__name__  # says nothing of the content, which is extracted under another path
DUPLICATE_OF = Column("duplicate_of", VARCHAR, default="NULL")  # the sha256 of the copy of the same report kept
DUCKDB_MAGIC = b"DUCK"  # a DuckDB file begins with 8 bytes of checksum, then this

# The Report fields kept one row per item: (table, Report field, the column for the item's dict key or list index).
ITEMS = (
    ("sections", "sections", None),
    ("table_cells", "tables", Column("key", VARCHAR, nullable=False)),
    ("mentions", "mentions", INDEX),
    ("fields", "fields", Column("field", VARCHAR, nullable=False)),
    ("statements", "statements", INDEX),
    ("checks", "checks", None),
)
# Report fields that are not columns of `reports`: flattened into it (source, report), in a table of their own,
# or not kept (paragraph spans are layout, not results).
NOT_REPORT_COLUMNS = frozenset({"source", "report", "error", "paragraphs", *(field for _, field, _ in ITEMS)})
# flags were stored comma-separated before any column held JSON; scripts split them, so they stay so.
COMMA_JOINED = frozenset({"flags"})


def _report_columns() -> tuple[Column, ...]:
    """sha256, the other fields of the source and of the metadata, the report's own fields, when it was stored."""
    own = tuple(
        replace(c, type=VARCHAR, encode=_comma_joined) if c.name in COMMA_JOINED else c
        for c in model_columns(Report, skip=NOT_REPORT_COLUMNS)
    )
    key = replace(SHA256, primary_key=True)
    return (key, *model_columns(Source, skip={key.name}), *model_columns(ReportMeta), *own, DUPLICATE_OF, PROCESSED_AT)


def _report_rows(r: Report) -> list[dict[str, Any]]:
    """The one row of a report in `reports`."""
    return [{**r.source.model_dump(), **r.report.model_dump(), **r.model_dump(exclude=set(NOT_REPORT_COLUMNS))}]


def _item_table(name: str, field: str, key: Column | None) -> Table:
    """The table of one list or dict of Report: sha256, the item's key or index where it has that column, its fields."""
    model = typing.get_args(Report.model_fields[field].annotation)[-1]  # list[Model] or dict[str, Model]
    keys = (SHA256, key) if key else (SHA256,)
    return Table(name, (*keys, *model_columns(model)), partial(_item_rows, field, key))


def _item_rows(field: str, key: Column | None, r: Report) -> list[dict[str, Any]]:
    """One row per item of a Report list or dict."""
    items = getattr(r, field)
    pairs = items.items() if isinstance(items, dict) else enumerate(items)
    return [{SHA256.name: r.source.sha256, **({key.name: k} if key else {}), **item.model_dump()} for k, item in pairs]


def _error_rows(r: Report) -> list[dict[str, Any]]:
    """The one row of a file that could not be read, and whether a rerun tries it again."""
    return [{"path": r.source.path, "sha256": r.source.sha256, **r.error.model_dump(), RETRYABLE.name: retryable(r.error.type)}]


REPORTS = Table("reports", _report_columns(), _report_rows)
RESULTS = tuple(_item_table(*item) for item in ITEMS)
ERRORS = Table("errors", (PATH, SHA256, *model_columns(ErrorInfo), RETRYABLE, PROCESSED_AT), _error_rows)
TABLES = (REPORTS, *RESULTS, ERRORS)


def _write_parquet(relation: duckdb.DuckDBPyRelation, path: str) -> None:
    """A table as a Parquet file."""
    relation.write_parquet(path)


def _write_csv(relation: duckdb.DuckDBPyRelation, path: str) -> None:
    """A table as a UTF-8 CSV file with a header line."""
    relation.write_csv(path, header=True, sep=",")


WRITERS = {"parquet": _write_parquet, "csv": _write_csv}


def is_database(path: str | Path) -> bool:
    """Whether a path is a DuckDB database file, by its header whatever its name (False for a folder)."""
    try:
        with open(path, "rb") as f:
            return f.read(12)[8:] == DUCKDB_MAGIC
    except OSError:
        return False


def connect(db: str | Path) -> duckdb.DuckDBPyConnection:
    """The database, created if missing, with every table and column the schema has."""
    con = duckdb.connect(str(db))
    for table in TABLES:
        con.execute(table.create())
        _add_missing_columns(con, table)
    return con


def _add_missing_columns(con: duckdb.DuckDBPyConnection, table: Table) -> None:
    """Add the columns a table made by an older version lacks; its rows get NULL (or the default) there."""
    present = {row[0] for row in con.execute("SELECT name FROM pragma_table_info(?)", [table.name]).fetchall()}
    for column in table.columns:
        if column.name not in present:
            con.execute(f"ALTER TABLE {quote(table.name)} ADD COLUMN {column.added()}")


def done(con: duckdb.DuckDBPyConnection) -> set[str]:
    """Content hashes done with: extracted, or failed for a reason of the file's own. A rerun skips them, and
    tries again the files that failed for a reason of ours (retryable; NULL in a database made before the flag)."""
    rows = con.execute(
        f"SELECT sha256 FROM reports UNION SELECT sha256 FROM {quote(ERRORS.name)} "
        f"WHERE sha256 IS NOT NULL AND NOT {quote(RETRYABLE.name)} AND type <> ?",
        [DUPLICATE],
    ).fetchall()
    return {r[0] for r in rows}


def unreadable(con: duckdb.DuckDBPyConnection) -> set[str]:
    """Paths that failed for a reason of their own before any content was read (not a file, missing): a rerun
    skips them while they stay unreadable."""
    rows = con.execute(f"SELECT path FROM {quote(ERRORS.name)} WHERE sha256 IS NULL AND NOT {quote(RETRYABLE.name)}").fetchall()
    return {r[0] for r in rows}


def save(con: duckdb.DuckDBPyConnection, report: Report) -> None:
    """Write one report in one transaction, replacing any earlier result for the same content."""
    con.begin()
    try:
        if report.error is not None:
            _save_error(con, report)
        else:
            _save_report(con, report)
        con.commit()
    except Exception:
        con.rollback()
        raise


def _save_error(con: duckdb.DuckDBPyConnection, r: Report) -> None:
    """Record why a file could not be read, replacing an earlier error for the same path."""
    con.execute(f"DELETE FROM {quote(ERRORS.name)} WHERE path = ?", [r.source.path])
    _insert(con, ERRORS, r)


def _save_report(con: duckdb.DuckDBPyConnection, r: Report) -> None:
    """Replace every row of the report, and forget an earlier error for its path or content (but the
    duplicates of it, which stay recorded as such)."""
    for table in (REPORTS, *RESULTS):
        con.execute(f"DELETE FROM {quote(table.name)} WHERE sha256 = ?", [r.source.sha256])
        _insert(con, table, r)
    con.execute(
        f"DELETE FROM {quote(ERRORS.name)} WHERE path = ? OR (sha256 = ? AND type <> ?)",
        [r.source.path, r.source.sha256, DUPLICATE],
    )
    _mark_copies(con, r)


def _mark_copies(con: duckdb.DuckDBPyConnection, r: Report) -> None:
    """One report in several files (crawled text and HTML of one page): the files with its report_id
    whose texts agree are copies, and all but the one with the most table cells (then the smallest
    sha256) get duplicate_of. A text that differs from them is another report: it gets an id of its own."""
    report_id, sha256 = r.report.report_id, r.source.sha256
    if report_id is None:
        return
    others = con.execute("SELECT sha256, text FROM reports WHERE report_id = ? AND sha256 <> ?", [report_id, sha256]).fetchall()
    if others and not any(same_report_text(text, r.text) for _, text in others):
        con.execute("UPDATE reports SET report_id = ? WHERE sha256 = ?", [f"{report_id}~{sha256[:6]}", sha256])
        return
    kept = con.execute(
        "SELECT r.sha256 FROM reports r LEFT JOIN table_cells c USING (sha256) WHERE r.report_id = ? "
        "GROUP BY r.sha256 ORDER BY count(c.sha256) DESC, r.sha256 LIMIT 1",
        [report_id],
    ).fetchone()[0]
    con.execute(
        f"UPDATE reports SET {quote(DUPLICATE_OF.name)} = CASE WHEN sha256 = ? THEN NULL ELSE ? END WHERE report_id = ?",
        [kept, kept, report_id],
    )


def _insert(con: duckdb.DuckDBPyConnection, table: Table, r: Report) -> None:
    """Insert the report's rows of one table."""
    rows = [[c.encode(row[c.name]) for c in table.inserted] for row in table.rows(r)]
    if rows:
        con.executemany(table.insert(), rows)


@dataclass
class Results:
    """Every table of a results database as a pandas DataFrame (what `nlp.load` returns)."""

    reports: object
    sections: object
    table_cells: object
    mentions: object
    fields: object
    statements: object
    checks: object
    errors: object


def load(db: str | Path, copies: bool = False) -> Results:
    """Every table as a DataFrame; each result row joined with its report's id, agency (as printed and
    canonical), division, level, year and path. Each report counts once: the files that are copies of
    another (duplicate_of) are left out, unless `copies`."""
    with duckdb.connect(str(db), read_only=True) as con:
        frames = {table.name: _frame(con, table) for table in TABLES}
    reports = frames[REPORTS.name]
    if not copies:
        frames[REPORTS.name] = reports = reports[reports[DUPLICATE_OF.name].isna()].reset_index(drop=True)
    meta = reports[["sha256", "report_id", "agency", "agency_canonical", "division_code", "level", "year", "path"]]
    for table in RESULTS:
        frames[table.name] = frames[table.name].merge(meta, on="sha256")  # inner: the rows of copies go with them
    return Results(**frames)


def _frame(con: duckdb.DuckDBPyConnection, table: Table):
    """A table as a DataFrame with every column of today's schema: those a database made by an older
    version lacks (it is opened read-only, so they are not added) come as empty."""
    frame = con.table(table.name).df()
    for column in table.columns:
        if column.name not in frame:
            frame[column.name] = None
    return frame


def export(db: str | Path, out_dir: Path, fmt: str) -> list[Path]:
    """Every table as a Parquet or CSV file in out_dir; refuses, before writing any, if one exists."""
    write = WRITERS[fmt]
    paths = {table.name: out_dir / f"{table.name}.{fmt}" for table in TABLES}
    for path in paths.values():
        if path.exists():
            raise FileExistsError(f"{path} exists; choose an empty directory")
    out_dir.mkdir(parents=True, exist_ok=True)
    with duckdb.connect(str(db), read_only=True) as con:
        for name, path in paths.items():
            write(con.table(name), str(path))  # the path goes to DuckDB as a value, never inside SQL text
    return list(paths.values())
