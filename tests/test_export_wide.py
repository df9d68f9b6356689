"""`touming export --wide`: one row per report, as CSV that Excel opens (BOM), Parquet and Stata .dta."""

import subprocess
import sys

import pandas as pd
import pytest

import nlp
from corpus.synth.generate import make_report, write_html, write_text


def touming(*args):
    return subprocess.run([sys.executable, "-m", "nlp", *args], capture_output=True, text=True, timeout=600)


@pytest.fixture(scope="module")
def db(tmp_path_factory):
    folder = tmp_path_factory.mktemp("reports")
    for seed in range(4):
        write_text(make_report(seed), folder / f"r{seed}.txt")
    write_html(make_report(0), folder / "r0_again.html")  # the same report in another format
    path = folder / "results.duckdb"
    assert touming("run", str(folder), "--db", str(path)).returncode == 0
    return path


def test_the_csv_has_one_row_per_report_and_a_bom(db, tmp_path):
    out = tmp_path / "wide.csv"
    assert touming("export", str(db), "--wide", "--csv", str(out)).returncode == 0
    assert out.read_bytes().startswith(b"\xef\xbb\xbf")  # Excel on a Chinese Windows reads UTF-8 by it
    table = pd.read_csv(out, encoding="utf-8-sig", dtype={"division_code": str})
    assert len(table) == 4  # five files, one of them a copy
    assert list(table.columns[:6]) == ["report_id", "agency", "agency_canonical", "division_code", "level", "year"]
    results, table = nlp.load(db), table.set_index("sha256")
    cells = results.table_cells[results.table_cells.key == "t3.new.total"].set_index("sha256").value
    assert table["t3.new.total"].to_dict() == cells.to_dict()
    for field in results.fields.itertuples():
        assert table.loc[field.sha256, field.field] == field.value


def test_chinese_labels_name_the_columns(db, tmp_path):
    out = tmp_path / "wide.csv"
    assert touming("export", str(db), "--wide", "--csv", str(out), "--labels", "zh").returncode == 0
    header = out.read_text("utf-8-sig").splitlines()[0].split(",")
    assert header[:3] == ["报告编号", "发布机关（原文）", "发布机关"]
    assert "本年新收政府信息公开申请数量·总计" in header and "热线受理件数" in header


def test_parquet_and_stata_load_with_their_labels(db, tmp_path):
    assert touming("export", str(db), "--wide", "--parquet", str(tmp_path / "wide.parquet")).returncode == 0
    assert touming("export", str(db), "--wide", "--dta", str(tmp_path / "wide.dta")).returncode == 0
    parquet = pd.read_parquet(tmp_path / "wide.parquet")
    with pd.io.stata.StataReader(tmp_path / "wide.dta") as reader:
        stata, labels = reader.read(), reader.variable_labels()
    assert len(parquet) == len(stata) == 4
    assert labels["t3_new_total"] == "本年新收政府信息公开申请数量·总计" and labels["agency_canonical"] == "发布机关"
    assert (stata.t3_new_total.to_numpy() == parquet["t3.new.total"].to_numpy()).all()


def test_an_existing_file_is_never_overwritten(db, tmp_path):
    out = tmp_path / "wide.csv"
    out.write_text("mine", "utf-8")
    run = touming("export", str(db), "--wide", "--csv", str(out))
    assert run.returncode == 2 and "exists" in run.stderr and out.read_text("utf-8") == "mine"


def test_dta_needs_wide(db, tmp_path):
    assert touming("export", str(db), "--dta", str(tmp_path / "x.dta")).returncode == 2
