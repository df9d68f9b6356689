"""Files the command writes get the mode open() would give them: 0o666 less the umask (0o644 under the
usual umask 022), or the mode of the file they replace."""

import os
import stat

import pytest
from typer.testing import CliRunner

import nlp
from corpus.synth.generate import make_report, write_text
from nlp.surfaces import store
from nlp.surfaces.cli import app


@pytest.fixture(scope="module")
def report_file(tmp_path_factory):
    path = tmp_path_factory.mktemp("report") / "r0.txt"
    write_text(make_report(0), path)
    return path


@pytest.fixture(params=[(0o022, 0o644), (0o077, 0o600)], ids=["umask022", "umask077"])
def expected_mode(request):
    """Run the test under a umask; the mode the files it writes should get."""
    umask, mode = request.param
    before = os.umask(umask)
    yield mode
    os.umask(before)


def _touming(*args):
    result = CliRunner().invoke(app, [str(a) for a in args])
    assert result.exit_code == 0, result.output


def _mode(path):
    return stat.S_IMODE(path.stat().st_mode)


def test_extract_output(tmp_path, report_file, expected_mode):
    _touming("extract", report_file, "-o", tmp_path / "out.jsonl")
    assert _mode(tmp_path / "out.jsonl") == expected_mode
    assert [p.name for p in tmp_path.iterdir()] == ["out.jsonl"]  # no temporary file left beside it


def test_extract_over_an_existing_output_keeps_its_mode(tmp_path, report_file):
    out = tmp_path / "out.jsonl"
    out.write_text("old\n", "utf-8")
    out.chmod(0o640)
    _touming("extract", report_file, "-o", out)
    assert _mode(out) == 0o640 and out.read_text("utf-8") != "old\n"


def test_review_page(tmp_path, report_file, expected_mode):
    _touming("review", report_file, "-o", tmp_path / "page.html")
    assert _mode(tmp_path / "page.html") == expected_mode


@pytest.mark.parametrize("fmt", ["csv", "parquet"])
def test_database_and_exports(tmp_path, report_file, expected_mode, fmt):
    db = tmp_path / "results.duckdb"
    with store.connect(db) as con:  # as `touming run` makes it
        store.save(con, nlp.extract(report_file))
    _touming("export", db, f"--{fmt}", tmp_path / "out")
    written = list((tmp_path / "out").iterdir())
    assert len(written) == len(store.TABLES)
    assert {_mode(path) for path in [db, *written]} == {expected_mode}
