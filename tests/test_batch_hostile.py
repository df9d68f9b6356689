"""Batch runs under hostile conditions: a worker killed, a file that never ends, the parent killed, pipes and
loops among the inputs, a second run on the same database. Nothing is lost, nothing hangs, nothing is left running."""

import os
import re
import signal
import subprocess
import sys
import time
from contextlib import contextmanager

import duckdb
import pytest

from corpus.synth.generate import make_report, write_text
from nlp.provenance import file_sha256
from nlp.schema import Report, Source
from nlp.surfaces import batch

POISON = "poison.txt"  # a file whose worker dies under it, as under the out-of-memory killer
SLOW = "slow.txt"  # a file whose extraction never ends
HANG = 3600  # seconds the slow file would take
LIMIT = 120  # seconds any test here may take before it counts as hung
GONE = 10  # seconds processes may take to disappear
PROGRESS = re.compile(rb" (\d+)/\d+ ")


def _stub(path):
    """A report of the file without extracting it: these tests are about the batch, not the pipeline."""
    return Report(source=Source(path=str(path), sha256=file_sha256(path)))


def _dies_on_poison(path):
    """The stub, but the worker is killed by SIGKILL on the poison file."""
    if path.name == POISON:
        os.kill(os.getpid(), signal.SIGKILL)
    return _stub(path)


def _hangs_on_slow(path):
    """The stub, but the slow file takes an hour."""
    if path.name == SLOW:
        time.sleep(HANG)
    return _stub(path)


@contextmanager
def _no_longer_than(seconds):
    """Fail the test, rather than hang it, if the block takes longer than `seconds`."""

    def hung(*_):
        raise TimeoutError(f"still running after {seconds} s")

    previous = signal.signal(signal.SIGALRM, hung)
    signal.alarm(seconds)
    try:
        yield
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, previous)


@pytest.fixture
def small(tmp_path):
    """Ten small distinct text files, a poison one and a slow one."""
    folder = tmp_path / "small"
    folder.mkdir()
    for name in [f"f{i}.txt" for i in range(10)] + [POISON, SLOW]:
        (folder / name).write_text(f"政府信息公开 {name}", "utf-8")
    return folder


@pytest.fixture
def reports(tmp_path):
    """Thirty generated reports, to be extracted for real."""
    folder = tmp_path / "reports"
    folder.mkdir()
    for seed in range(30):
        write_text(make_report(seed), folder / f"r{seed}.txt")
    return folder


def _run(args, **kw):
    return subprocess.run([sys.executable, "-m", "nlp", "run", *args], capture_output=True, text=True, timeout=LIMIT, **kw)


def _start(args):
    """`touming run` in the background, its progress bar on a pipe."""
    return subprocess.Popen([sys.executable, "-m", "nlp", "run", *args], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)


def _wait_for_progress(proc, at_least):
    """Read the progress bar until `at_least` files are done."""
    seen = b""
    while not (found := PROGRESS.findall(seen)) or int(found[-1]) < at_least:
        chunk = proc.stderr.read(1)
        assert chunk, "the batch ended before it got there"
        seen += chunk


def _children(pid):
    """The processes whose parent is `pid`."""
    found = []
    for entry in filter(str.isdigit, os.listdir("/proc")):
        try:
            with open(f"/proc/{entry}/stat") as f:
                parent = int(f.read().rsplit(")", 1)[1].split()[1])
        except (FileNotFoundError, ProcessLookupError):
            continue
        if parent == pid:
            found.append(int(entry))
    return found


def _alive(pid):
    """Whether a process exists and is not a zombie."""
    try:
        with open(f"/proc/{pid}/stat") as f:
            return f.read().rsplit(")", 1)[1].split()[0] not in "ZX"
    except (FileNotFoundError, ProcessLookupError):
        return False


def _rows(db, sql):
    with duckdb.connect(str(db), read_only=True) as con:
        return con.execute(sql).fetchall()


def _count(db, table):
    return _rows(db, f"SELECT count(*) FROM {table}")[0][0]


def test_a_worker_killed_mid_run_loses_nothing(tmp_path, reports):
    db = tmp_path / "results.duckdb"
    proc = _start([str(reports), "--db", str(db), "--workers", "2"])
    _wait_for_progress(proc, 1)
    os.kill(_children(proc.pid)[0], signal.SIGKILL)  # as the out-of-memory killer would
    _, err = proc.communicate(timeout=LIMIT)
    assert proc.returncode == 0, err.decode()[-2000:]  # the killed worker's file was tried again on a fresh one
    assert _count(db, "reports") == 30 and _count(db, "errors") == 0
    again = _run([str(reports), "--db", str(db)])
    assert again.returncode == 0 and "30 already" in again.stderr and _count(db, "reports") == 30


def test_a_file_that_kills_its_worker_is_tried_again_in_the_run_and_by_the_next(tmp_path, small):
    db = tmp_path / "results.duckdb"
    with _no_longer_than(LIMIT):
        summary = batch.run([str(small / "f*.txt"), str(small / POISON)], db, workers=2, progress=False, work=_dies_on_poison)
    assert (summary.done, summary.failed) == (10, 1)
    [(kind, message, retryable)] = _rows(db, "SELECT type, message, retryable FROM errors")
    assert (kind, retryable) == ("WorkerError", True)
    assert f"killed by SIGKILL) on each of {batch.ATTEMPTS} tries" in message
    with _no_longer_than(LIMIT):
        rerun = batch.run([str(small / "f*.txt"), str(small / POISON)], db, progress=False, work=_stub)
    assert (rerun.skipped, rerun.done, rerun.failed) == (10, 1, 0)  # ours, not the file's: tried again
    assert _count(db, "reports") == 11 and _count(db, "errors") == 0


def test_an_error_of_ours_in_an_older_database_is_tried_again(tmp_path, small):
    db = tmp_path / "old.duckdb"
    victim = small / "f0.txt"
    with duckdb.connect(str(db)) as con:  # errors as it was before `retryable`, with the victim of a broken pool
        con.execute("CREATE TABLE errors (path VARCHAR PRIMARY KEY, sha256 VARCHAR, type VARCHAR, message VARCHAR)")
        con.execute("INSERT INTO errors VALUES (?, ?, 'WorkerError', 'BrokenProcessPool')", [str(victim), file_sha256(victim)])
    with _no_longer_than(LIMIT):
        summary = batch.run([str(victim)], db, progress=False, work=_stub)
    assert (summary.done, summary.skipped) == (1, 0)
    assert _rows(db, "SELECT path FROM reports") == [(str(victim),)] and _count(db, "errors") == 0


def test_a_file_over_the_time_limit_is_a_timeout_and_the_batch_goes_on(tmp_path, small):
    db = tmp_path / "results.duckdb"
    started = time.monotonic()
    with _no_longer_than(LIMIT):
        summary = batch.run(
            [str(small / "f*.txt"), str(small / SLOW)], db, workers=2, progress=False, timeout=2, work=_hangs_on_slow
        )
    assert time.monotonic() - started < LIMIT
    assert (summary.done, summary.failed) == (10, 1)
    assert _rows(db, "SELECT path, type, retryable FROM errors") == [(str(small / SLOW), "Timeout", True)]
    assert "not done after 2 s" in summary.failures[0]


def test_what_is_not_a_file_or_is_a_copy_gets_a_row_saying_why(tmp_path, reports):
    folder = tmp_path / "mixed"
    folder.mkdir()
    for name in ("r0.txt", "r1.txt"):
        (folder / name).write_bytes((reports / name).read_bytes())
    (folder / "r1 copy.txt").write_bytes((reports / "r1.txt").read_bytes())
    os.mkfifo(folder / "pipe.txt")
    os.symlink("loop.pdf", folder / "loop.pdf")
    (folder / "x.pdf").mkdir()
    named_pipe = tmp_path / "named.pdf"
    os.mkfifo(named_pipe)
    db = tmp_path / "results.duckdb"
    first = _run([str(folder), str(named_pipe), "--db", str(db)])
    assert first.returncode == 1, first.stderr
    errors = {path: (kind, message) for path, kind, message in _rows(db, "SELECT path, type, message FROM errors")}
    assert {os.path.basename(path): kind for path, (kind, _) in errors.items()} == {
        "pipe.txt": "NotAFile",
        "named.pdf": "NotAFile",
        "loop.pdf": "NotAFile",
        "x.pdf": "NotAFile",
        "r1.txt": "Duplicate",
    }
    assert "named pipe" in errors[str(folder / "pipe.txt")][1] and "link loop" in errors[str(folder / "loop.pdf")][1]
    assert "directory" in errors[str(folder / "x.pdf")][1]
    assert str(folder / "r1 copy.txt") in errors[str(folder / "r1.txt")][1]
    assert _count(db, "reports") == 2
    again = _run([str(folder), str(named_pipe), "--db", str(db)])
    assert again.returncode == 0 and "7 already" in again.stderr  # final errors are final


def test_nothing_to_run_exits_2_in_one_line_and_makes_no_database(tmp_path, small):
    (tmp_path / "empty-dir").mkdir()
    for inputs in (["/no/such/dir"], [str(small / "*.pdf")], [str(tmp_path / "empty-dir")]):
        db = tmp_path / "never.duckdb"
        result = _run([*inputs, "--db", str(db)])
        assert result.returncode == 2 and len(result.stderr.strip().splitlines()) == 1, result.stderr
        assert "no file to extract" in result.stderr and not db.exists()


def test_the_workers_go_when_the_parent_is_killed(tmp_path, reports):
    proc = _start([str(reports), "--db", str(tmp_path / "results.duckdb"), "--workers", "2"])
    _wait_for_progress(proc, 1)
    workers = _children(proc.pid)
    assert workers
    proc.kill()
    proc.wait()
    deadline = time.monotonic() + GONE
    while any(_alive(pid) for pid in workers) and time.monotonic() < deadline:
        time.sleep(0.1)
    assert not any(_alive(pid) for pid in workers)


def test_a_second_run_on_the_same_database_says_so_in_one_line(tmp_path, small):
    db = tmp_path / "results.duckdb"
    with duckdb.connect(str(db)):  # held by this process, as by a run in progress
        result = _run([str(small / "f0.txt"), "--db", str(db)])
    assert result.returncode == 2 and "Traceback" not in result.stderr
    [line] = result.stderr.strip().splitlines()
    assert "another run holds the database" in line and f"PID {os.getpid()}" in line


def test_workers_that_cannot_start_stop_the_run_with_a_reason(tmp_path, small, monkeypatch):
    monkeypatch.setattr(batch, "_die_with", lambda parent: os._exit(3))  # every worker dies before it is ready
    with _no_longer_than(LIMIT), pytest.raises(batch.WorkersFailed, match="die as they start .exit code 3"):
        batch.run([str(small / "f0.txt")], tmp_path / "results.duckdb", progress=False, work=_stub)
