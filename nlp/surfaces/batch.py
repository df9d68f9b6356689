"""Many reports into one results database: parallel processes, resumable, never stopped by a bad file.

    touming run reports/ --db results.duckdb

Files already in the database (by content hash) are skipped, so a run that was killed can simply
be started again; each report is committed on its own, so nothing finished is lost.
"""

from __future__ import annotations

import glob
import os
import sys
import time
from concurrent.futures import ProcessPoolExecutor, as_completed
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from nlp.pipeline import extract
from nlp.provenance import file_sha256
from nlp.schema import ErrorInfo, Report, Source
from nlp.surfaces import store

REPORT_SUFFIXES = {".pdf", ".docx", ".html", ".htm", ".txt", ".md"}


@dataclass
class BatchSummary:
    found: int = 0
    skipped: int = 0  # already in the database
    done: int = 0
    failed: int = 0
    failures: list[str] = field(default_factory=list)


def expand(inputs: list[str]) -> list[Path]:
    """Files named, files under directories named, and files matching glob patterns, in order."""
    files: list[Path] = []
    for item in inputs:
        path = Path(item)
        if path.is_dir():
            files += sorted(p for p in path.rglob("*") if p.is_file() and p.suffix.lower() in REPORT_SUFFIXES)
        elif path.is_file():
            files.append(path)
        else:
            files += sorted(Path(p) for p in glob.glob(item, recursive=True) if Path(p).is_file())
    return list(dict.fromkeys(files))


def sha256(path: Path) -> str | None:
    try:
        return file_sha256(path)
    except OSError:
        return None


def run(inputs: list[str], db: str | Path, workers: int | None = None, progress: bool = True, scheduler: str | None = None) -> BatchSummary:
    """Extract every file not yet in `db`. `scheduler`: a Dask distributed scheduler address
    (tcp://host:port) to spread the work over a cluster; else local processes."""
    files = expand(inputs)
    summary = BatchSummary(found=len(files))
    con = store.connect(db)
    seen = store.done(con)
    todo, hashes = [], set()
    for path in files:
        digest = sha256(path)
        if digest is not None and (digest in seen or digest in hashes):
            summary.skipped += 1
            continue
        hashes.add(digest)
        todo.append(path)
    started = time.monotonic()
    with _executor(workers, scheduler) as (submit, completed):
        futures = {submit(extract, path): path for path in todo}
        for n, future in enumerate(completed(futures), 1):
            report = _result(future, futures[future])
            store.save(con, report)
            if report.error:
                summary.failed += 1
                summary.failures.append(f"{report.source.path}: {report.error.type}: {report.error.message}")
            else:
                summary.done += 1
            if progress:
                _progress(n, len(todo), started)
    con.close()
    if progress and todo:
        sys.stderr.write("\n")
    return summary


@contextmanager
def _executor(workers: int | None, scheduler: str | None):
    """(submit, completed) over local processes, or over a Dask cluster when given its scheduler.
    Results come back here either way: only this process writes the database."""
    if scheduler:
        from dask.distributed import Client
        from dask.distributed import as_completed as dask_completed

        with Client(scheduler) as client:
            yield (lambda fn, path: client.submit(fn, path, pure=False)), (lambda futures: dask_completed(list(futures)))
        return
    with ProcessPoolExecutor(max_workers=workers or os.cpu_count() or 1) as pool:
        yield pool.submit, as_completed


def _result(future, path: Path) -> Report:
    """The worker's report, or an error report if the worker itself died (never a lost file)."""
    try:
        return future.result()
    except Exception as exc:  # a crashed worker process, an unpicklable result…
        return Report(
            source=Source(path=str(path), sha256=sha256(path)),
            error=ErrorInfo(type="WorkerError", message=f"{type(exc).__name__}: {exc}"),
        )


def _progress(n: int, total: int, started: float) -> None:
    elapsed = time.monotonic() - started
    rate = n / elapsed if elapsed else 0.0
    eta = (total - n) / rate if rate else 0.0
    width = 30
    bar = "█" * int(width * n / total) + "·" * (width - int(width * n / total))
    sys.stderr.write(f"\r{bar} {n}/{total}  {rate:.1f} reports/s  ETA {eta:4.0f}s ")
    sys.stderr.flush()
