"""One folder of hostile inputs through `touming run`, as a crawler's output might hold them: truncated,
encrypted, bombs, a 20,000-span page, a 1,000-page PDF, deep HTML, a FIFO, a symlink loop, odd names,
UTF-16. No traceback, no file over its time limit, no worker over 1 GB, and every file in the database."""

import json
import os
import subprocess
import sys
import zipfile
from pathlib import Path

import duckdb
import pymupdf
import pytest
from hostile import flate_bomb_pdf, spans_pdf

from corpus.synth.generate import make_report
from corpus.synth.writers import write_text
from nlp.schema import printable_path

TIME_LIMIT = 120  # seconds per file (--timeout)
PEAK_LIMIT_MB = 1024  # resident memory of any one process of the run
ODD_NAMES = [
    "报告 2024（最终版）.txt",
    "line\nbreak.txt",
    "-rf.txt",
    "x'; DROP TABLE reports; --.txt",
    "a" * 240 + ".txt",
]
NOT_UTF8_NAME = b"latin1-\xe9.txt"  # a legal Linux file name that is not UTF-8
# What each hostile file must come out as: an error type, or None for extracted.
EXPECTED = {
    "truncated.pdf": "CorruptFile",
    "encrypted.pdf": "EncryptedFile",
    "zip_bomb.docx": "FileTooLarge",
    "empty.txt": "EmptyFile",
    "pipe.txt": "NotAFile",
    "loop_a.pdf": "NotAFile",
    "loop_b.pdf": "NotAFile",
    "folder.pdf": "NotAFile",
    "spans.pdf": "NotAReport",
    "flate_bomb.pdf": None,
    "thousand.pdf": None,
    "nested.html": None,
    "utf16.txt": None,
    **dict.fromkeys(ODD_NAMES, None),
}
# Measures the peak resident memory of the largest process under it (the run and its workers).
MEASURE = (
    "import json, resource, subprocess, sys\n"
    "run = subprocess.run(sys.argv[1:], capture_output=True, text=True, errors='replace')\n"
    "peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024\n"
    "print(json.dumps({'code': run.returncode, 'stderr': run.stderr, 'peak_mb': peak}))\n"
)


def _cjk_pages(path: Path, lines: list[str], pages: int) -> None:
    """A PDF of `pages` pages: the report's lines on the first pages, then copies of its pages."""
    font = pymupdf.Font("cjk").buffer
    doc = pymupdf.open()
    for start in range(0, len(lines), 28):
        page = doc.new_page()
        page.insert_font(fontname="cjk", fontbuffer=font)
        for i, line in enumerate(lines[start : start + 28]):
            page.insert_text((72, 72 + 24 * i), line[:40], fontname="cjk", fontsize=11)
    written = doc.page_count
    while doc.page_count < pages:
        doc.fullcopy_page(doc.page_count % written)  # shares the embedded font: a small file
    doc.save(path, garbage=3, deflate=True)


@pytest.fixture(scope="module")
def hostile(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("hostile")
    write_text(make_report(7), folder / "report.txt")
    text = (folder / "report.txt").read_text("utf-8")
    (folder / "report.txt").unlink()
    lines = [line for line in text.splitlines() if line.strip()]

    small = pymupdf.open()
    small.new_page().insert_text((72, 72), "hello")
    data = small.tobytes()
    (folder / "truncated.pdf").write_bytes(data[: len(data) // 2])
    small.save(folder / "encrypted.pdf", encryption=pymupdf.PDF_ENCRYPT_AES_256, user_pw="u", owner_pw="o")
    with zipfile.ZipFile(folder / "zip_bomb.docx", "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("[Content_Types].xml", "<Types/>")
        z.writestr("word/document.xml", "<w:document>" + " " * (100 * 2**20) + "</w:document>")
    flate_bomb_pdf(folder / "flate_bomb.pdf")
    spans_pdf(folder / "spans.pdf")
    _cjk_pages(folder / "thousand.pdf", lines, 1000)
    paragraphs = "".join(f"<p>{line}</p>" for line in lines)
    (folder / "nested.html").write_text("<div>" * 100_000 + paragraphs + "</div>" * 100_000, "utf-8")
    (folder / "utf16.txt").write_bytes(text.encode("utf-16"))
    (folder / "empty.txt").write_bytes(b"")
    os.mkfifo(folder / "pipe.txt")
    os.symlink("loop_b.pdf", folder / "loop_a.pdf")
    os.symlink("loop_a.pdf", folder / "loop_b.pdf")
    (folder / "folder.pdf").mkdir()
    for n, name in enumerate([*ODD_NAMES, os.fsdecode(NOT_UTF8_NAME)]):
        (folder / name).write_text(text + f"\n第{n}份", "utf-8")  # distinct content: not duplicates
    return folder


def _run(folder: Path, db: Path) -> dict:
    command = [sys.executable, "-m", "nlp", "run", str(folder), "--db", str(db), "--workers", "2"]
    command += ["--timeout", str(TIME_LIMIT)]
    measured = subprocess.run([sys.executable, "-c", MEASURE, *command], capture_output=True, text=True, check=True)
    return json.loads(measured.stdout)


def _outcomes(db: Path) -> dict[str, str | None]:
    with duckdb.connect(str(db), read_only=True) as con:
        extracted = {path: None for (path,) in con.execute("SELECT path FROM reports").fetchall()}
        failed = dict(con.execute("SELECT path, type FROM errors").fetchall())
    return {**extracted, **failed}


@pytest.fixture(scope="module")
def ran(hostile, tmp_path_factory) -> tuple[dict, Path]:
    """The first run over the folder, and its database."""
    db = tmp_path_factory.mktemp("db") / "r.duckdb"
    return _run(hostile, db), db


def test_a_folder_of_hostile_files_is_run_without_loss_or_excess(hostile, ran):
    run, db = ran

    assert "Traceback" not in run["stderr"]
    assert run["code"] == 1  # some files failed: the summary says which
    assert run["peak_mb"] <= PEAK_LIMIT_MB, f"a process of the run peaked at {run['peak_mb']:.0f} MB"
    outcomes = _outcomes(db)
    expected = {printable_path(str(hostile / name)): kind for name, kind in EXPECTED.items()}
    expected[printable_path(os.fsdecode(bytes(hostile) + b"/" + NOT_UTF8_NAME))] = None
    assert outcomes == expected  # every file accounted for, none a Timeout or a dead worker


def test_the_hostile_results_are_whole_and_a_rerun_redoes_nothing(hostile, ran):
    _, db = ran
    with duckdb.connect(str(db), read_only=True) as con:
        pages = dict(con.execute("SELECT regexp_extract(path, '[^/]+$'), pages FROM reports").fetchall())
        flags = dict(con.execute("SELECT regexp_extract(path, '[^/]+$'), flags FROM reports").fetchall())
        sections = dict(
            con.execute(
                "SELECT regexp_extract(r.path, '[^/]+$'), count(*) FROM sections s JOIN reports r USING (sha256) GROUP BY 1"
            ).fetchall()
        )
    assert pages["thousand.pdf"] == 1000
    assert "no_text" in flags["flate_bomb.pdf"]
    assert sections["utf16.txt"] > 3 and sections["nested.html"] > 3
    assert "latin1-\\xe9.txt" in pages  # the name's undecodable byte written as \xNN

    again = _run(hostile, db)
    assert again["code"] == 0 and "Traceback" not in again["stderr"]
    assert "0 extracted" in again["stderr"] and f"{len(EXPECTED) + 1} already in" in again["stderr"]
