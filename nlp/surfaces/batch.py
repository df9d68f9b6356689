"""Many reports into one results database: parallel processes, resumable, never stopped by a bad file.

    touming run reports/ --db results.duckdb

Files already in the database (by content hash) are skipped, so a run that was killed can simply
be started again; each report is committed on its own, so nothing finished is lost. Each worker
process takes one file at a time, so when a worker dies (killed, out of memory) or overruns the
time limit the file is known: that worker alone is replaced and the others go on. A file whose
worker died is tried once more in the run. Failures of ours (a dead worker, a timeout, a bug) are
tried again by the next run; failures of the file itself are final (nlp.errors).
"""

from __future__ import annotations

import ctypes
import errno
import functools
import glob
import multiprocessing
import os
import re
import signal
import stat
import sys
import threading
import time
from collections import Counter, deque
from collections.abc import Callable, Iterator
from contextlib import closing
from dataclasses import dataclass, field
from multiprocessing.connection import Connection, wait
from multiprocessing.process import BaseProcess
from pathlib import Path

import duckdb

from nlp.errors import Duplicate, FileMissing, NotAFile, Timeout, TouMingError, Unreadable, WorkerError, retryable
from nlp.ingest import REPORT_SUFFIXES
from nlp.pipeline import extract, load_models
from nlp.provenance import file_sha256
from nlp.schema import ErrorInfo, Report, Source, printable_path
from nlp.surfaces import store

DEFAULT_TIMEOUT = 300.0  # seconds one file may take before its worker is stopped
ATTEMPTS = 2  # workers a file may see die under it in one run before it is recorded as WorkerError
STILLBORN = 3  # workers in a row that die before they are ready: they cannot start, the run stops
READY = "ready"  # what a new worker sends once it can take files
PARENT_POLL = 1.0  # seconds between a worker's checks that the parent is still there
PR_SET_PDEATHSIG = 1  # prctl(2) option: the signal a Linux process gets when its parent dies
START_METHOD = "fork" if sys.platform.startswith("linux") else "spawn"  # fork: workers start at once, package imported
LOCK_CONFLICT = "Could not set lock"  # DuckDB's words when another process has the database open
LOCK_HOLDER = re.compile(r"PID \d+")
NOT_FILES = (  # what a path that is not a regular file is, tested on its mode without opening it
    (stat.S_ISDIR, "a directory"),
    (stat.S_ISFIFO, "a named pipe (FIFO), never opened: reading it could wait forever"),
    (stat.S_ISSOCK, "a socket"),
    (stat.S_ISCHR, "a character device"),
    (stat.S_ISBLK, "a block device"),
)
LINK_LOOP = "a symbolic link loop (too many levels of symbolic links)"
OCR_FLAG = "ocr"  # a report's failures hold one entry of this flag per page read by OCR


class BatchError(Exception):
    """The batch cannot run; the message is the one line to show."""


class NothingToRun(BatchError):
    """The inputs name no file at all: nothing is started and no database made."""


class DatabaseBusy(BatchError):
    """Another process (another `touming run`) has the database open; DuckDB lets only one write."""


class WorkersFailed(BatchError):
    """Worker processes die as they start, before taking any file."""


@dataclass
class BatchSummary:
    """What one run did with the files it found."""

    found: int = 0
    skipped: int = 0  # already in the database
    done: int = 0
    failed: int = 0
    duplicates: int = 0  # the same content as another file of the run: recorded in errors, extracted once
    ocr_pages: int = 0  # scanned pages read by OCR in the files extracted
    failures: list[str] = field(default_factory=list)
    unmatched: list[str] = field(default_factory=list)  # inputs that named no file

    def count(self, report: Report) -> None:
        """Count one outcome of this run."""
        error = report.error
        self.ocr_pages += sum(f.flag == OCR_FLAG for f in report.failures)
        if error is None:
            self.done += 1
        elif error.type == Duplicate.__name__:
            self.duplicates += 1
        else:
            self.failed += 1
            again = " (the next run tries it again)" if retryable(error.type) else ""
            self.failures.append(f"{report.source.path}: {error.type}: {error.message}{again}")


def expand(inputs: list[str]) -> tuple[list[Path], list[str]]:
    """The paths the inputs name, in order, once each; and the inputs that name none."""
    matches = {item: _matches(item) for item in inputs}
    paths = dict.fromkeys(path for found in matches.values() for path in found)
    return list(paths), [item for item, found in matches.items() if not found]


def _matches(item: str) -> list[Path]:
    """A directory's report files (by suffix), a path that exists (whatever it is), or what a glob pattern matches."""
    path = Path(item)
    if path.is_dir():
        return sorted(p for p in path.rglob("*") if p.suffix.lower() in REPORT_SUFFIXES)  # symlinked dirs not followed
    if os.path.lexists(path):
        return [path]
    return [p for found in sorted(glob.glob(item, recursive=True)) for p in _matches(found)]


def run(
    inputs: list[str],
    db: str | Path,
    workers: int | None = None,
    progress: bool = True,
    scheduler: str | None = None,
    timeout: float = DEFAULT_TIMEOUT,
    work: Callable[[Path], Report] = extract,
    ocr: bool = True,
) -> BatchSummary:
    """Extract every file not yet in `db`. `scheduler`: a Dask distributed scheduler address
    (tcp://host:port) to spread the work over a cluster; else local processes, each file stopped
    after `timeout` seconds. `work` turns a path into its report (tests stand in their own);
    `ocr` False has it leave scanned pages unread (work(path, ocr=False))."""
    work = work if ocr else functools.partial(work, ocr=False)
    files, unmatched = expand(inputs)
    if not files:
        raise NothingToRun(f"no file to extract in {', '.join(inputs)}")
    summary = BatchSummary(found=len(files), unmatched=unmatched)
    with closing(_connect(db)) as con:
        todo, settled = _plan(files, con, summary)
        for report in settled:
            _record(con, report, summary)
        started = time.monotonic()
        with closing(_reports(todo, workers, scheduler, timeout, work)) as reports:
            for n, report in enumerate(reports, 1):
                _record(con, report, summary)
                if progress:
                    _progress(n, len(todo), started, summary.ocr_pages)
    if progress and todo:
        sys.stderr.write("\n")
    return summary


def _reports(
    todo: dict[Path, str], workers: int | None, scheduler: str | None, timeout: float, work: Callable[[Path], Report]
) -> Iterator[Report]:
    """The reports of the files to extract, as they are finished: from a Dask cluster, else from local processes."""
    if scheduler:
        return _on_cluster(todo, scheduler, work)
    if getattr(work, "func", work) is extract and todo and START_METHOD == "fork":
        load_models()  # once, here: the forked workers start with spaCy and the models loaded
    return _Pool(todo, workers or os.cpu_count() or 1, timeout, work).reports()


def _connect(db: str | Path) -> duckdb.DuckDBPyConnection:
    """The results database; DatabaseBusy when another process holds it."""
    try:
        return store.connect(db)
    except duckdb.IOException as exc:
        if LOCK_CONFLICT not in str(exc):
            raise
        holder = LOCK_HOLDER.search(str(exc))
        held_by = f" ({holder.group()})" if holder else ""
        raise DatabaseBusy(f"another run holds the database {db}{held_by}; wait for it to end or use another --db") from None


def _plan(files: list[Path], con: duckdb.DuckDBPyConnection, summary: BatchSummary) -> tuple[dict[Path, str], list[Report]]:
    """The files to extract (path → content hash), and the error reports of those that cannot or need not be;
    files the database is done with are counted as skipped."""
    seen, unreadable = store.done(con), store.unreadable(con)
    todo: dict[Path, str] = {}
    settled: list[Report] = []
    first: dict[str, Path] = {}
    for path in files:
        digest, problem = _identify(path)
        if digest in seen or (digest is None and printable_path(str(path)) in unreadable):
            summary.skipped += 1
            continue
        if digest in first:
            problem = Duplicate(str(path), f"the same content as {first[digest]}, which is extracted in its stead")
        if problem is not None:
            settled.append(_failed(path, digest, problem))
            continue
        first[digest] = path
        todo[path] = digest
    return todo, settled


def _identify(path: Path) -> tuple[str | None, TouMingError | None]:
    """The content hash of a regular file, or why the path cannot be read (found without opening anything else)."""
    problem = _not_a_file(path)
    if problem is not None:
        return None, problem
    try:
        return file_sha256(path), None
    except OSError as exc:
        return None, Unreadable(str(path), exc.strerror or str(exc))


def _not_a_file(path: Path) -> TouMingError | None:
    """Why a path is not a regular file to read, from its mode alone; None when it is one."""
    try:
        mode = path.stat().st_mode
    except FileNotFoundError:
        return FileMissing(str(path), "does not exist (a broken symbolic link, or removed during the run)")
    except OSError as exc:
        if exc.errno == errno.ELOOP:
            return NotAFile(str(path), LINK_LOOP)
        return Unreadable(str(path), exc.strerror or str(exc))
    if stat.S_ISREG(mode):
        return None
    what = next((name for test, name in NOT_FILES if test(mode)), "not a regular file")
    return NotAFile(str(path), what)


def _failed(path: Path, digest: str | None, error: TouMingError) -> Report:
    """The report of a file that gave no result: its path, its content hash if known, and why."""
    return Report(source=Source(path=str(path), sha256=digest), error=ErrorInfo(type=error.kind, message=error.message))


def _record(con: duckdb.DuckDBPyConnection, report: Report, summary: BatchSummary) -> None:
    """Save one outcome (its own transaction) and count it."""
    store.save(con, report)
    summary.count(report)


@dataclass
class _Worker:
    """A worker process, the parent's end of its pipe, and the file it is on since when (path None: idle)."""

    process: BaseProcess
    conn: Connection
    ready: bool = False
    path: Path | None = None
    since: float = 0.0

    def give(self, path: Path) -> bool:
        """Send the worker a file and start its clock; False if the worker is gone."""
        try:
            self.conn.send(path)
        except OSError:
            return False
        self.path, self.since = path, time.monotonic()
        return True

    def stop(self) -> None:
        """Kill the process (idle or not) and reap it."""
        self.process.kill()
        self.process.join()
        self.conn.close()


class _Pool:
    """Local worker processes, one file each at a time: a death or an overrun is known to be that file's,
    and only that worker is replaced. Only the parent gets the reports (and writes the database)."""

    def __init__(self, todo: dict[Path, str], size: int, timeout: float, work: Callable[[Path], Report]):
        self.todo, self.size, self.timeout, self.work = todo, size, timeout, work
        self.queue = deque(todo)
        self.deaths: Counter[Path] = Counter()
        self.stillborn = 0  # workers in a row that died before they were ready
        self.workers: list[_Worker] = []

    def reports(self) -> Iterator[Report]:
        """Each file's report, in the order they are finished; every worker is stopped at the end."""
        try:
            while self.queue or self._busy():
                self._staff()
                wait([h for w in self.workers for h in (w.conn, w.process.sentinel)], self._until_deadline())
                yield from self._collect()
        finally:
            for worker in self.workers:
                worker.stop()

    def _busy(self) -> list[_Worker]:
        """The workers on a file."""
        return [w for w in self.workers if w.path is not None]

    def _staff(self) -> None:
        """Give each idle ready worker a waiting file, and start workers for the files still waiting."""
        for worker in self.workers:
            if worker.ready and worker.path is None and self.queue and worker.give(self.queue[0]):
                self.queue.popleft()  # else the worker just died: _collect drops it, the file waits
        starting = sum(not w.ready for w in self.workers)
        for _ in range(min(self.size - len(self.workers), len(self.queue) - starting)):
            self.workers.append(_start(self.work))

    def _until_deadline(self) -> float | None:
        """Seconds until the first busy worker's time is up (None: no worker is busy)."""
        since = [w.since for w in self._busy()]
        return max(0.0, min(since) + self.timeout - time.monotonic()) if since else None

    def _collect(self) -> Iterator[Report]:
        """The reports sent back, and an error report for a file whose worker died for good or overran."""
        now = time.monotonic()
        for worker in list(self.workers):
            if worker.conn.poll():
                yield from self._receive(worker)
            elif not worker.process.is_alive():
                yield from self._died(worker)
            elif worker.path is not None and now - worker.since >= self.timeout:
                yield self._overran(worker)

    def _receive(self, worker: _Worker) -> Iterator[Report]:
        """A worker's message: that it is ready, or a report; end of file if it died."""
        try:
            message = worker.conn.recv()
        except (EOFError, OSError):
            yield from self._died(worker)
            return
        if message == READY:
            worker.ready, self.stillborn = True, 0
            return
        worker.path = None
        yield message

    def _died(self, worker: _Worker) -> Iterator[Report]:
        """Drop a dead worker; its file waits for a fresh one, or is recorded once ATTEMPTS workers died under it."""
        self._drop(worker)
        path = worker.path
        if path is None:
            self.stillborn += not worker.ready
            if self.stillborn >= STILLBORN:
                raise WorkersFailed(
                    f"worker processes die as they start ({_exit(worker.process)}); nothing more can be extracted"
                )
            return
        self.deaths[path] += 1
        if self.deaths[path] < ATTEMPTS:
            self.queue.append(path)
            return
        message = f"its worker process died ({_exit(worker.process)}) on each of {ATTEMPTS} tries"
        yield _failed(path, self.todo[path], WorkerError(str(path), message))

    def _overran(self, worker: _Worker) -> Report:
        """Stop a worker past the time limit; its file is recorded as Timeout."""
        self._drop(worker)
        path = worker.path
        return _failed(path, self.todo[path], Timeout(str(path), f"not done after {self.timeout:g} s; its worker was stopped"))

    def _drop(self, worker: _Worker) -> None:
        """Stop a worker and take it out of the pool."""
        worker.stop()
        self.workers.remove(worker)


def _exit(process: BaseProcess) -> str:
    """How a process ended, in words: killed by SIGKILL (as the out-of-memory killer does), exit code 1."""
    code = process.exitcode
    if code is not None and code < 0:
        return f"killed by {signal.Signals(-code).name}"
    return f"exit code {code}"


def _start(work: Callable[[Path], Report]) -> _Worker:
    """A new worker process; it says READY once it can take files."""
    context = multiprocessing.get_context(START_METHOD)
    ours, theirs = context.Pipe()
    process = context.Process(target=serve_files, args=(theirs, os.getpid(), work), daemon=True)
    process.start()
    theirs.close()
    return _Worker(process, ours)


def serve_files(
    conn: Connection, parent: int, work: Callable[[Path], Report], warm_up: Callable[[], object] | None = None
) -> None:
    """A worker process (of `run` and of the service): after `warm_up` (e.g. loading the models),
    say READY, then turn each path the parent sends into its report, one at a time, until the parent goes."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is for the parent, which stops the workers
    _die_with(parent)
    if warm_up:
        warm_up()
    conn.send(READY)
    while True:
        try:
            path = conn.recv()
        except EOFError:
            return
        conn.send(work(path))


def _die_with(parent: int) -> None:
    """End this process when the parent ends, even by kill -9: the kernel's parent-death signal on Linux,
    a watchdog thread everywhere (it also catches a parent that died before this was set)."""
    if sys.platform.startswith("linux"):
        ctypes.CDLL(None).prctl(PR_SET_PDEATHSIG, signal.SIGKILL)
    threading.Thread(target=_watch, args=(parent,), daemon=True).start()


def _watch(parent: int) -> None:
    """Exit as soon as this process is no longer the parent's child (the parent is gone)."""
    while os.getppid() == parent:
        time.sleep(PARENT_POLL)
    os._exit(1)


def _on_cluster(todo: dict[Path, str], scheduler: str, work: Callable[[Path], Report]) -> Iterator[Report]:
    """Reports from the workers of a Dask cluster; a task that fails there (its worker died) is a WorkerError."""
    from dask.distributed import Client, as_completed

    with Client(scheduler) as client:
        futures = {client.submit(work, path, pure=False): path for path in todo}
        for future in as_completed(list(futures)):
            yield _cluster_result(future, futures[future], todo)


def _cluster_result(future, path: Path, todo: dict[Path, str]) -> Report:
    """The report a Dask task returned, or a WorkerError report when the task failed."""
    try:
        return future.result()
    except Exception as exc:  # a worker lost, an unpicklable result…
        return _failed(path, todo[path], WorkerError(str(path), f"{type(exc).__name__}: {exc}"))


def _progress(n: int, total: int, started: float, ocr_pages: int) -> None:
    """The progress bar on stderr: done/total, rate, ETA and the scanned pages read by OCR so far."""
    elapsed = time.monotonic() - started
    rate = n / elapsed if elapsed else 0.0
    eta = (total - n) / rate if rate else 0.0
    width = 30
    bar = "█" * int(width * n / total) + "·" * (width - int(width * n / total))
    sys.stderr.write(f"\r{bar} {n}/{total}  {rate:.1f} reports/s  ETA {eta:4.0f}s  OCR {ocr_pages} pages ")
    sys.stderr.flush()
