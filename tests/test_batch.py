"""Batch runs into DuckDB: nothing lost, nothing duplicated, resumable after a kill, exportable."""

import re
import signal
import subprocess
import sys

import duckdb
import pytest
from test_generated import WRITERS

import nlp
from corpus.synth.generate import make_report, write_html, write_text
from nlp.ingest import ocr
from nlp.surfaces.batch import REPORT_SUFFIXES


@pytest.fixture
def reports_dir(tmp_path):
    folder = tmp_path / "reports"
    folder.mkdir()
    for seed in range(30):
        (write_text if seed % 2 else write_html)(make_report(seed), folder / f"r{seed}.{'txt' if seed % 2 else 'html'}")
    (folder / "broken.pdf").write_bytes(b"%PDF-1.7 garbage")
    (folder / "empty.txt").write_bytes(b"")
    return folder


def _run(args, **kw):
    return subprocess.run([sys.executable, "-m", "nlp", "run", *args], capture_output=True, text=True, **kw)


def _count(db, table):
    with duckdb.connect(str(db), read_only=True) as con:
        return con.execute(f"SELECT count(*) FROM {table}").fetchone()[0]


def test_a_batch_records_every_file_and_resumes_without_duplicates(tmp_path, reports_dir):
    db = tmp_path / "results.duckdb"
    first = _run([str(reports_dir), "--db", str(db), "--workers", "2"])
    assert first.returncode == 1, first.stderr  # two files failed in this run
    assert "30 extracted, 2 failed" in first.stderr
    assert _count(db, "reports") == 30 and _count(db, "errors") == 2
    mentions = _count(db, "mentions")
    again = _run([str(reports_dir), "--db", str(db)])
    assert again.returncode == 0
    assert "0 extracted" in again.stderr and "32 already" in again.stderr  # failed files are remembered too
    assert (_count(db, "reports"), _count(db, "mentions")) == (30, mentions)


def test_a_database_made_before_a_column_was_added_takes_new_reports(tmp_path, reports_dir):
    db = tmp_path / "old.duckdb"
    with duckdb.connect(str(db)) as con:  # table_cells as it was before `candidates`
        con.execute(
            "CREATE TABLE table_cells (sha256 VARCHAR, key VARCHAR, value DOUBLE, raw VARCHAR, page INTEGER, bbox VARCHAR, "
            '"offset" INTEGER, start INTEGER, "end" INTEGER, flag VARCHAR)'
        )
        con.execute("INSERT INTO table_cells VALUES ('old', 't3.new.total', 1, '1', NULL, NULL, 0, 0, 1, NULL)")
    result = _run([str(reports_dir), "--db", str(db)])
    assert result.returncode == 1, result.stderr  # broken.pdf and empty.txt
    with duckdb.connect(str(db), read_only=True) as con:
        assert con.execute("SELECT count(*) FROM table_cells WHERE sha256 = 'old'").fetchone()[0] == 1
        assert "candidates" in [row[0] for row in con.execute("DESCRIBE table_cells").fetchall()]
    assert _count(db, "reports") == 30


def test_a_killed_batch_resumes_where_it_stopped(tmp_path, reports_dir):
    db = tmp_path / "results.duckdb"
    proc = subprocess.Popen([sys.executable, "-m", "nlp", "run", str(reports_dir), "--db", str(db), "--workers", "1"],
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)  # fmt: skip
    progress = b""
    while not re.search(rb" (\d+)/32 ", progress) or int(re.findall(rb" (\d+)/32 ", progress)[-1]) < 5:
        chunk = proc.stderr.read(1)
        assert chunk, "the batch ended before it could be killed"
        progress += chunk
    proc.send_signal(signal.SIGKILL)  # halfway: no chance to clean up
    proc.wait()
    done_before = _count(db, "reports") + _count(db, "errors")
    assert 0 < done_before < 32
    resumed = _run([str(reports_dir), "--db", str(db)])
    assert resumed.returncode == 0
    assert _count(db, "reports") == 30 and _count(db, "errors") == 2
    with duckdb.connect(str(db), read_only=True) as con:
        assert con.execute("SELECT count(*) - count(DISTINCT sha256) FROM reports").fetchone()[0] == 0
        assert con.execute("SELECT count(DISTINCT sha256) FROM mentions").fetchone()[0] == 30


def test_load_gives_dataframes_with_provenance(tmp_path, reports_dir):
    db = tmp_path / "results.duckdb"
    _run([str(reports_dir), "--db", str(db)])
    results = nlp.load(db)
    assert len(results.reports) == 30
    assert {"agency", "year", "path", "page", "start", "end"} <= set(results.mentions.columns)
    hotline = results.fields[results.fields.field == "hotline.received"]
    assert hotline.groupby("year").value.count().sum() >= 1
    assert set(results.errors.type) == {"CorruptFile", "EmptyFile"}


def test_export_parquet_and_csv_never_overwrite(tmp_path, reports_dir):
    db = tmp_path / "results.duckdb"
    _run([str(reports_dir), "--db", str(db)])
    out = tmp_path / "export"
    run = subprocess.run([sys.executable, "-m", "nlp", "export", str(db), "--parquet", str(out)], capture_output=True, text=True)
    assert run.returncode == 0 and (out / "mentions.parquet").exists()
    again = subprocess.run(
        [sys.executable, "-m", "nlp", "export", str(db), "--parquet", str(out)], capture_output=True, text=True
    )
    assert again.returncode == 2 and "exists" in again.stderr
    csv = subprocess.run(
        [sys.executable, "-m", "nlp", "export", str(db), "--csv", str(tmp_path / "csv")], capture_output=True, text=True
    )
    assert csv.returncode == 0 and (tmp_path / "csv" / "table_cells.csv").read_text("utf-8").startswith("sha256,key,value")


def test_the_same_batch_on_a_dask_cluster(tmp_path, reports_dir):
    distributed = pytest.importorskip("dask.distributed", reason="dask[distributed] is not installed")
    from nlp.surfaces.batch import run

    with distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None) as cluster:
        summary = run([str(reports_dir)], tmp_path / "dask.duckdb", progress=False, scheduler=cluster.scheduler_address)
    assert (summary.done, summary.failed) == (30, 2)
    assert _count(tmp_path / "dask.duckdb", "reports") == 30


@pytest.mark.slow
def test_real_corpus_plus_a_thousand_generated_reports_lose_nothing(tmp_path, real):
    folder = tmp_path / "many"
    folder.mkdir()
    formats = list(WRITERS)
    for seed in range(1000):
        suffix = formats[seed % len(formats)]
        WRITERS[suffix](make_report(seed), folder / f"g{seed:04d}.{suffix}")
    db = tmp_path / "many.duckdb"
    run = _run([str(real), str(folder), "--db", str(db)], timeout=1500)
    assert run.returncode == 0, run.stderr[-2000:]
    files = sum(1 for p in real.rglob("*") if p.suffix.lower() in REPORT_SUFFIXES) + 1000
    assert _count(db, "reports") + _count(db, "errors") == files
    assert _count(db, "errors") == 0


@pytest.mark.skipif(not ocr.available(), reason="the OCR extra is not installed")
def test_a_batch_with_scanned_files_reads_them_by_ocr(tmp_path):
    """A scanned PDF and a PNG of a page, beside text reports: each is read by OCR, counted, and
    stored with its figures and the `ocr` flag."""
    import pymupdf

    folder = tmp_path / "mixed"
    folder.mkdir()
    for seed in range(2):
        write_text(make_report(seed), folder / f"r{seed}.txt")
    born = tmp_path / "born.pdf"
    WRITERS["pdf"](make_report(5), born)
    page = pymupdf.open(born)[0]
    scan = pymupdf.open()
    picture = page.get_pixmap(dpi=150, colorspace=pymupdf.csGRAY)
    scan.new_page(width=page.rect.width, height=page.rect.height).insert_image(page.rect, stream=picture.tobytes("jpg"))
    scan.save(folder / "scanned.pdf")
    picture.save(folder / "page.png")
    db = tmp_path / "mixed.duckdb"
    result = _run([str(folder), "--db", str(db), "--workers", "2"])
    assert result.returncode == 0, result.stderr
    assert "4 extracted" in result.stderr and "2 scanned pages read by OCR" in result.stderr
    with duckdb.connect(str(db), read_only=True) as con:
        flagged = con.execute("SELECT path, flags FROM reports WHERE flags LIKE '%ocr%' ORDER BY path").fetchall()
        figures = con.execute(
            "SELECT count(*) FROM mentions m JOIN reports r USING (sha256) WHERE r.flags LIKE '%ocr%'"
        ).fetchone()[0]
    assert [p.rsplit("/", 1)[-1] for p, _ in flagged] == ["page.png", "scanned.pdf"]
    assert figures > 0
