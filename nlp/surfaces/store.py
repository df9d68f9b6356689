"""Results in an embedded DuckDB database: one row per report, and one table per kind of result,
each row keyed by the report's content hash and carrying its provenance (page, offsets)."""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

import duckdb

from nlp.schema import Report

SCHEMA = """
CREATE TABLE IF NOT EXISTS reports (
    sha256 VARCHAR PRIMARY KEY, path VARCHAR, format VARCHAR, pages INTEGER, bytes BIGINT,
    title VARCHAR, agency VARCHAR, year INTEGER, period VARCHAR, flags VARCHAR,
    schema_version VARCHAR, text VARCHAR, processed_at TIMESTAMP DEFAULT current_timestamp);
CREATE TABLE IF NOT EXISTS errors (
    path VARCHAR PRIMARY KEY, sha256 VARCHAR, type VARCHAR, message VARCHAR, processed_at TIMESTAMP DEFAULT current_timestamp);
CREATE TABLE IF NOT EXISTS sections (
    sha256 VARCHAR, kind VARCHAR, number VARCHAR, title VARCHAR, start INTEGER, "end" INTEGER, page_start INTEGER, page_end INTEGER);
CREATE TABLE IF NOT EXISTS table_cells (
    sha256 VARCHAR, key VARCHAR, value DOUBLE, raw VARCHAR, page INTEGER, bbox VARCHAR, "offset" INTEGER, start INTEGER, "end" INTEGER, flag VARCHAR,
    candidates VARCHAR);
CREATE TABLE IF NOT EXISTS mentions (
    sha256 VARCHAR, idx INTEGER, value DOUBLE, unit VARCHAR, qualifier VARCHAR, type VARCHAR, subject VARCHAR, action VARCHAR,
    channel VARCHAR, field VARCHAR, confidence DOUBLE, text VARCHAR, sentence VARCHAR, section VARCHAR, page INTEGER,
    start INTEGER, "end" INTEGER, parent INTEGER);
CREATE TABLE IF NOT EXISTS fields (
    sha256 VARCHAR, field VARCHAR, value DOUBLE, unit VARCHAR, qualifier VARCHAR, mention INTEGER);
CREATE TABLE IF NOT EXISTS statements (
    sha256 VARCHAR, idx INTEGER, kind VARCHAR, lead VARCHAR, text VARCHAR, labels VARCHAR, section VARCHAR, page INTEGER,
    start INTEGER, "end" INTEGER);
CREATE TABLE IF NOT EXISTS checks (
    sha256 VARCHAR, rule VARCHAR, status VARCHAR, "values" VARCHAR, message VARCHAR);
"""
RESULT_TABLES = ("sections", "table_cells", "mentions", "fields", "statements", "checks")


# Columns added since a database may have been made: added to it when it is opened.
ADDED_COLUMNS = ("ALTER TABLE table_cells ADD COLUMN IF NOT EXISTS candidates VARCHAR",)


def connect(db: str | Path) -> duckdb.DuckDBPyConnection:
    con = duckdb.connect(str(db))
    con.execute(SCHEMA)
    for statement in ADDED_COLUMNS:
        con.execute(statement)
    return con


def done(con: duckdb.DuckDBPyConnection) -> set[str]:
    """Content hashes already processed (successfully or not): a rerun skips them."""
    rows = con.execute("SELECT sha256 FROM reports UNION SELECT sha256 FROM errors WHERE sha256 IS NOT NULL").fetchall()
    return {r[0] for r in rows}


def save(con: duckdb.DuckDBPyConnection, report: Report) -> None:
    """Write one report in one transaction, replacing any earlier result for the same content."""
    con.execute("BEGIN TRANSACTION")
    try:
        if report.error is not None:
            con.execute("DELETE FROM errors WHERE path = ?", [report.source.path])
            con.execute("INSERT INTO errors (path, sha256, type, message) VALUES (?, ?, ?, ?)",
                        [report.source.path, report.source.sha256, report.error.type, report.error.message])  # fmt: skip
        else:
            _save_report(con, report)
        con.execute("COMMIT")
    except Exception:
        con.execute("ROLLBACK")
        raise


def _save_report(con: duckdb.DuckDBPyConnection, r: Report) -> None:
    key = r.source.sha256
    for table in ("reports", *RESULT_TABLES):
        con.execute(f"DELETE FROM {table} WHERE sha256 = ?", [key])
    con.execute("DELETE FROM errors WHERE path = ? OR sha256 = ?", [r.source.path, key])
    s, m = r.source, r.report
    con.execute(
        "INSERT INTO reports (sha256, path, format, pages, bytes, title, agency, year, period, flags, schema_version, text) "
        "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        [
            key,
            s.path,
            s.format,
            s.pages,
            s.bytes,
            m.title,
            m.agency,
            m.year,
            m.period,
            ",".join(r.flags),
            r.schema_version,
            r.text,
        ],
    )
    _insert(con, "sections", [(key, x.kind, x.number, x.title, x.start, x.end, x.page_start, x.page_end) for x in r.sections])
    _insert(
        con,
        "table_cells",
        [
            (key, k, c.value, c.raw, c.page, json.dumps(c.bbox) if c.bbox else None, c.offset, c.start, c.end, c.flag,
             json.dumps(c.candidates) if c.candidates else None)  # fmt: skip
            for k, c in r.tables.items()
        ],
    )
    _insert(con, "mentions", [(key, i, x.value, x.unit, x.qualifier, x.type, x.subject, x.action, x.channel, x.field, x.confidence,
                               x.text, x.sentence, x.section, x.page, x.start, x.end, x.parent) for i, x in enumerate(r.mentions)])  # fmt: skip
    _insert(con, "fields", [(key, k, f.value, f.unit, f.qualifier, f.mention) for k, f in r.fields.items()])
    _insert(con, "statements", [(key, i, x.kind, x.lead, x.text, json.dumps(x.labels, ensure_ascii=False), x.section, x.page, x.start, x.end)
                                for i, x in enumerate(r.statements)])  # fmt: skip
    _insert(con, "checks", [(key, c.rule, c.status, json.dumps(c.values, ensure_ascii=False), c.message) for c in r.checks])


def _insert(con: duckdb.DuckDBPyConnection, table: str, rows: list[tuple]) -> None:
    if rows:
        con.executemany(f"INSERT INTO {table} VALUES ({', '.join('?' * len(rows[0]))})", rows)


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


def load(db: str | Path) -> Results:
    con = duckdb.connect(str(db), read_only=True)
    try:
        frames = {t: con.execute(f"SELECT * FROM {t}").df() for t in ("reports", *RESULT_TABLES, "errors")}
    finally:
        con.close()
    meta = frames["reports"][["sha256", "agency", "year", "path"]]
    for table in RESULT_TABLES:  # each result row says which report (agency, year, file) it is from
        frames[table] = frames[table].merge(meta, on="sha256", how="left")
    return Results(**frames)


def export(db: str | Path, out_dir: Path, fmt: str) -> list[Path]:
    """Every table as Parquet or CSV files in out_dir; never overwrites an existing file."""
    out_dir.mkdir(parents=True, exist_ok=True)
    con = duckdb.connect(str(db), read_only=True)
    written = []
    try:
        for table in ("reports", *RESULT_TABLES, "errors"):
            path = out_dir / f"{table}.{fmt}"
            if path.exists():
                raise FileExistsError(f"{path} exists; choose an empty directory")
            option = "(FORMAT PARQUET)" if fmt == "parquet" else "(HEADER, DELIMITER ',')"
            con.execute(f"COPY {table} TO '{path}' {option}")
            written.append(path)
    finally:
        con.close()
    return written
