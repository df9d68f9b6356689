"""Throughput of the whole pipeline against raw PyMuPDF text extraction of the same files.

    .venv/bin/python bench/bench.py [FILES_OR_DIRS...] [--repeat N]

Runs on one core (no worker pool) so that the figure is reports per second per core. The
baseline is `page.get_text()` over every page of the same PDFs, measured in the same run, so
the ratio is comparable across machines. Peak memory is the process's maximum resident set.
Default inputs: the real PDFs beside the clone plus 20 generated PDFs.
"""

from __future__ import annotations

import argparse
import resource
import sys
import tempfile
import time
from pathlib import Path

import pymupdf

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

import nlp  # noqa: E402
from corpus.synth.generate import make_report, write_pdf  # noqa: E402


def default_inputs(tmp: Path) -> list[Path]:
    real = sorted((ROOT.parent / "shared" / "corpus" / "real").glob("*.pdf"))
    generated = []
    for seed in range(20):
        path = tmp / f"synth_{seed}.pdf"
        write_pdf(make_report(seed), path)
        generated.append(path)
    return real + generated


def raw_pymupdf(files: list[Path]) -> None:
    for f in files:
        with pymupdf.open(f) as doc:
            for page in doc:
                page.get_text()


def pipeline(files: list[Path]) -> None:
    for f in files:
        report = nlp.extract(f)
        assert report.error is None, report.error


def timed(fn, files: list[Path], repeat: int) -> float:
    best = float("inf")
    for _ in range(repeat):
        start = time.perf_counter()
        fn(files)
        best = min(best, time.perf_counter() - start)
    return best


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("inputs", nargs="*")
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        files = [Path(p) for p in args.inputs] or default_inputs(Path(tmp))
        nlp.extract(files[0])  # load the models once, outside the timing
        base = timed(raw_pymupdf, files, args.repeat)
        full = timed(pipeline, files, args.repeat)
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"files: {len(files)} PDFs, best of {args.repeat}")
    print(f"raw PyMuPDF text extraction: {len(files) / base:8.1f} reports/s/core")
    print(f"touming full pipeline:       {len(files) / full:8.1f} reports/s/core")
    print(f"ratio (pipeline / raw):      {full / base:8.1f}x the time of raw extraction")
    print(f"peak memory (max RSS):       {peak_mb:8.0f} MB")


if __name__ == "__main__":
    main()
