"""The results database: tables generated from the schema models, older databases upgraded on open,
values stored through parameters, exports that take any path."""

import json

import duckdb
import pandas as pd
import pytest

import nlp
from nlp.schema import (
    Check,
    ErrorInfo,
    FieldValue,
    Mention,
    ModelRun,
    PipelineInfo,
    Report,
    ReportMeta,
    Section,
    Source,
    Statement,
    Subpoint,
    TableCell,
)
from nlp.surfaces import store

TABLES = ("reports", "sections", "table_cells", "mentions", "fields", "statements", "checks", "errors")
# Each result table: its key columns, then the fields of the model it holds.
RESULT_LAYOUT = {
    "sections": (["sha256"], Section),
    "table_cells": (["sha256", "key"], TableCell),
    "mentions": (["sha256", "idx"], Mention),
    "fields": (["sha256", "field"], FieldValue),
    "statements": (["sha256", "idx"], Statement),
    "checks": (["sha256"], Check),
}
# Report fields that are not columns of `reports`: flattened into it, kept in their own table, or not kept.
NOT_REPORT_COLUMNS = set("source report error paragraphs sections tables mentions fields statements checks".split())
# Every column of the hand-written layout, which users' scripts and notebooks rely on.
COLUMNS_BEFORE = {
    "reports": "sha256 path format pages bytes title agency year period flags schema_version text processed_at",
    "errors": "path sha256 type message processed_at",
    "sections": "sha256 kind number title start end page_start page_end",
    "table_cells": "sha256 key value raw page bbox offset start end flag candidates",
    "mentions": "sha256 idx value unit qualifier type subject action channel field confidence text sentence section page start end parent",
    "fields": "sha256 field value unit qualifier mention",
    "statements": "sha256 idx kind lead text labels section page start end",
    "checks": "sha256 rule status values message",
}


def _columns(db, table):
    """(name, type, nullable) of each column of a table, in order."""
    with duckdb.connect(str(db), read_only=True) as con:
        return [(name, kind, null == "YES") for name, kind, null, *_ in con.execute(f'DESCRIBE "{table}"').fetchall()]


def _names(db, table):
    return [name for name, _, _ in _columns(db, table)]


def _report(sha="abc123", path="/reports/a.txt"):
    """A report with one of everything the database keeps."""
    subpoint = Subpoint(number="（一）", title="主动公开", start=7, end=15)
    cell = TableCell(value=3, raw="3", start=9, end=10, bbox=[1.0, 2.0, 3.0, 4.0], flag="ambiguous", candidates=["3", "8"])
    figure = {"unit": "件", "qualifier": "exact", "type": "count", "text": "3件", "sentence": "新收申请3件。"}
    models = {"ner": ModelRun(version="v1"), "textcat": ModelRun(missing=True)}
    return Report(
        source=Source(path=path, sha256=sha, format="text", bytes=120),
        report=ReportMeta(title="某局2024年报告", agency="某局", year=2024, period="2024-01-01/2024-12-31"),
        text="一、总体情况 新收申请3件。",
        sections=[Section(kind="overview", number="一", title="总体情况", start=0, end=15, subpoints=[subpoint])],
        tables={"t3.new.total": cell},
        mentions=[Mention(value=3, start=9, end=11, **figure), Mention(value=1.5, start=12, end=15, parent=0, **figure)],
        fields={"applications.new": FieldValue(value=3, unit="件", qualifier="exact", mention=0)},
        statements=[
            Statement(
                kind="problem", lead="公开意识有待增强", text="一是公开意识有待增强。", labels={"awareness": 0.9}, start=0, end=11
            )
        ],
        checks=[Check(rule="t3.balance.total", status="pass", values={"t3.new.total": 3, "t3.total": None}, message="3 = 3")],
        flags=["needs_ocr", "tables_failed"],
        pipeline=PipelineInfo(touming="0.1.0", rules="r1", models=models),
    )


@pytest.fixture
def db(tmp_path):
    path = tmp_path / "results.duckdb"
    con = store.connect(path)
    store.save(con, _report())
    broken = Source(path="/reports/broken.pdf", sha256="dead")
    store.save(con, Report(source=broken, error=ErrorInfo(type="CorruptFile", message="bad")))
    con.close()
    return path


def test_each_table_has_the_fields_of_its_model_plus_its_keys(db):
    for table, (keys, model) in RESULT_LAYOUT.items():
        assert _names(db, table) == keys + list(model.model_fields), table
    assert _names(db, "errors") == ["path", "sha256", *ErrorInfo.model_fields, "retryable", "processed_at"]
    own = [name for name in Report.model_fields if name not in NOT_REPORT_COLUMNS]
    stored = {"sha256", "duplicate_of", "processed_at"}  # the store's own: which file a copy is of, when it was saved
    assert set(_names(db, "reports")) == {*stored, *Source.model_fields, *ReportMeta.model_fields, *own}
    for table, before in COLUMNS_BEFORE.items():
        assert set(before.split()) <= set(_names(db, table)), table


def test_column_types_follow_the_annotations(db):
    mentions = {name: (kind, nullable) for name, kind, nullable in _columns(db, "mentions")}
    assert mentions["value"] == ("DOUBLE", False)  # int | float
    assert mentions["confidence"] == ("DOUBLE", False)
    assert mentions["parent"] == ("BIGINT", True)  # int | None
    assert mentions["unit"] == ("VARCHAR", False)
    cells = {name: (kind, nullable) for name, kind, nullable in _columns(db, "table_cells")}
    assert cells["value"] == ("DOUBLE", True) and cells["candidates"] == ("VARCHAR", True)  # JSON as text
    reports = {name: kind for name, kind, _ in _columns(db, "reports")}
    assert reports["pipeline"] == "VARCHAR" and reports["year"] == "BIGINT" and reports["processed_at"] == "TIMESTAMP"


def test_values_are_stored_as_before_and_json_where_structured(db):
    results = nlp.load(db)
    report = results.reports.iloc[0]
    assert (report.sha256, report.path, report.agency, report.year) == ("abc123", "/reports/a.txt", "某局", 2024)
    assert report["flags"] == "needs_ocr,tables_failed"  # comma-separated, as always
    assert json.loads(report.pipeline)["models"]["textcat"] == {"version": None, "missing": True}
    cell = results.table_cells.iloc[0]
    assert (cell.key, cell.value, cell.flag) == ("t3.new.total", 3.0, "ambiguous")
    assert (json.loads(cell.bbox), json.loads(cell.candidates)) == ([1, 2, 3, 4], ["3", "8"])
    assert results.mentions.idx.tolist() == [0, 1] and pd.isna(results.mentions.parent[0]) and results.mentions.parent[1] == 0
    assert json.loads(results.sections.subpoints[0])[0]["title"] == "主动公开"
    assert json.loads(results.statements.labels[0]) == {"awareness": 0.9}
    assert json.loads(results.checks["values"][0]) == {"t3.new.total": 3, "t3.total": None}
    assert results.fields.field.tolist() == ["applications.new"] and results.fields.mention.tolist() == [0]
    assert {"agency", "year", "path"} <= set(results.mentions.columns)
    error = results.errors.iloc[0]
    assert (error.path, error.sha256, error.type, error.message) == ("/reports/broken.pdf", "dead", "CorruptFile", "bad")


def test_saving_again_replaces_the_rows_of_the_same_content(db):
    con = store.connect(db)
    store.save(con, _report(path="/elsewhere/a.txt"))
    store.save(con, _report(sha="dead", path="/reports/broken.pdf"))  # the broken file, now read
    con.close()
    results = nlp.load(db)
    assert sorted(results.reports.path) == ["/elsewhere/a.txt", "/reports/broken.pdf"]
    assert len(results.mentions) == 4 and results.errors.empty


def test_export_to_a_path_with_a_quote_and_spaces(db, tmp_path):
    out = tmp_path / "it's a dir" / "out put"
    written = store.export(db, out, "csv")
    assert [p.name for p in written] == [f"{table}.csv" for table in TABLES]
    assert (out / "reports.csv").read_text("utf-8").startswith("sha256,path,format,")
    cells = pd.read_csv(out / "table_cells.csv")
    assert list(cells.columns)[:3] == ["sha256", "key", "value"] and cells.key.tolist() == ["t3.new.total"]
    parquet = store.export(db, tmp_path / "it's a dir" / "parquet", "parquet")
    assert pd.read_parquet(parquet[0]).agency.tolist() == ["某局"]


def test_export_never_overwrites_and_writes_nothing_when_it_refuses(db, tmp_path):
    out = tmp_path / "export"
    out.mkdir()
    (out / "errors.csv").write_text("mine", "utf-8")
    with pytest.raises(FileExistsError, match="errors.csv exists"):
        store.export(db, out, "csv")
    assert [p.name for p in out.iterdir()] == ["errors.csv"] and (out / "errors.csv").read_text("utf-8") == "mine"


def test_an_older_database_gets_the_new_columns_on_open(tmp_path):
    db = tmp_path / "old.duckdb"
    with duckdb.connect(str(db)) as con:  # reports and mentions as they were: no pipeline, no parent
        con.execute(
            "CREATE TABLE reports (sha256 VARCHAR PRIMARY KEY, path VARCHAR, format VARCHAR, pages INTEGER, bytes BIGINT, "
            "title VARCHAR, agency VARCHAR, year INTEGER, period VARCHAR, flags VARCHAR, schema_version VARCHAR, text VARCHAR, "
            "processed_at TIMESTAMP DEFAULT current_timestamp)"
        )
        con.execute("INSERT INTO reports (sha256, path, year, flags) VALUES ('old', '/old.txt', 2019, 'needs_ocr')")
        con.execute(
            "CREATE TABLE mentions (sha256 VARCHAR, idx INTEGER, value DOUBLE, unit VARCHAR, qualifier VARCHAR, type VARCHAR, "
            "subject VARCHAR, action VARCHAR, channel VARCHAR, field VARCHAR, confidence DOUBLE, text VARCHAR, sentence VARCHAR, "
            'section VARCHAR, page INTEGER, start INTEGER, "end" INTEGER)'
        )
    con = store.connect(db)
    store.save(con, _report())
    con.close()
    assert "pipeline" in _names(db, "reports") and _names(db, "mentions")[-1] == "parent"
    results = nlp.load(db)
    old, new = (results.reports.set_index("sha256").loc[key] for key in ("old", "abc123"))
    assert (old.path, old["flags"]) == ("/old.txt", "needs_ocr") and pd.isna(old.pipeline)
    assert (new["flags"], new.schema_version, json.loads(new.pipeline)["rules"]) == ("needs_ocr,tables_failed", "1.0", "r1")
    assert results.mentions.parent.tolist()[1] == 0
