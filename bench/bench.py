"""Throughput of the whole pipeline per input format, the time of each stage, and for PDFs the ratio
to raw PyMuPDF text extraction.

    .venv/bin/python bench/bench.py [FILES_OR_DIRS...] [--repeat N]

Runs on one core (no worker pool) so that the figures are per core. Files are grouped by the format
the pipeline reads them as (pdf, image, docx, html, markdown, text); each group is extracted N times and the
fastest run counts, its stage times included. The baseline is `page.get_text()` over every page of
the same PDFs, measured in the same run, so the ratio is comparable across machines. The stages are
those of `nlp.pipeline`; "other" is the rest of the time (building the `Report`). Peak memory is the
largest resident set of the whole run. Default inputs: the real reports beside the clone (PDF, HTML,
text, Markdown) plus 20 generated reports each as PDF, HTML and text; and, when the OCR extra is
installed, the first page of a generated report as a 150-dpi grey JPEG scan, whose pages/s/core is
OCR's (the "image" line).
"""

from __future__ import annotations

import argparse
import resource
import sys
import tempfile
import time
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import pymupdf

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

import nlp  # noqa: E402
from corpus.synth.generate import make_report, write_html, write_pdf, write_text  # noqa: E402
from nlp.ingest import IMAGE_SUFFIXES, REPORT_SUFFIXES, ocr  # noqa: E402

REAL = ROOT.parent / "shared" / "corpus" / "real"
GENERATED = 20  # reports per generated format
WRITERS = {"pdf": write_pdf, "html": write_html, "txt": write_text}
FORMATS = ("pdf", "image", "docx", "html", "markdown", "text")  # the order of the table
LABELS = {"image": "image (OCR)"}  # a format's name in the table, where it needs saying
SCAN_DPI = 150  # the OCR sample: a page scanned at the resolution OCR reads at (nlp/data/ocr.yaml)
STAGES = ("ingest", "structure", "tables", "prose", "statements", "checks")


def default_inputs(tmp: Path) -> list[Path]:
    """The real reports, then the generated ones, then a scanned page if OCR is installed."""
    real = sorted(p for p in REAL.rglob("*") if p.suffix in REPORT_SUFFIXES)
    generated = []
    for suffix, write in WRITERS.items():
        for seed in range(GENERATED):
            path = tmp / f"synth_{seed}.{suffix}"
            write(make_report(seed), path)
            generated.append(path)
    scans = [scanned_page(tmp / "synth_0.pdf")] if ocr.available() else []
    return real + generated + scans


def scanned_page(pdf: Path) -> Path:
    """The first page of a PDF as a scanner gives it: a grey JPEG with no text layer."""
    with pymupdf.open(pdf) as doc:
        pix = doc[0].get_pixmap(dpi=SCAN_DPI, colorspace=pymupdf.csGRAY)
    pix.set_dpi(SCAN_DPI, SCAN_DPI)
    path = pdf.with_name(f"{pdf.stem}_scan.jpg")
    pix.save(path, jpg_quality=80)
    return path


def expand(inputs: list[str]) -> list[Path]:
    """Files as given, and the report files under the folders given."""
    files = []
    for item in map(Path, inputs):
        files += sorted(p for p in item.rglob("*") if p.suffix in REPORT_SUFFIXES) if item.is_dir() else [item]
    return files


@dataclass
class Group:
    """The files of one format and their pages."""

    files: list[Path] = field(default_factory=list)
    pages: int = 0


def by_format(files: list[Path]) -> dict[str, Group]:
    """The files grouped by format. Extracting each once here also loads the models before anything is timed."""
    groups: dict[str, Group] = defaultdict(Group)
    for f in files:
        report = nlp.extract(f)
        assert report.error is None, f"{f}: {report.error}"
        group = groups[report.source.format]
        group.files.append(f)
        group.pages += report.source.pages or 0
    return {fmt: groups[fmt] for fmt in FORMATS if fmt in groups}


def raw_pymupdf(files: list[Path]) -> None:
    for f in files:
        with pymupdf.open(f) as doc:
            for page in doc:
                page.get_text()


def pipeline(files: list[Path]) -> dict[str, float]:
    """Extract every file; the seconds spent in each stage."""
    timings: dict[str, float] = {}
    for f in files:
        nlp.extract(f, timings)
    return timings


def timed(fn: Callable[[list[Path]], object], files: list[Path], repeat: int) -> tuple[float, object]:
    """The best time of `repeat` runs of fn(files), and what that run returned."""
    best, result = float("inf"), None
    for _ in range(repeat):
        start = time.perf_counter()
        out = fn(files)
        took = time.perf_counter() - start
        if took < best:
            best, result = took, out
    return best, result


def rows(fmt: str, group: Group, repeat: int) -> list[list[str]]:
    """The lines of one format: counts, throughput, share of each stage; for PDFs the ratio to raw
    PyMuPDF text extraction, and a line for that extraction itself."""
    seconds, stages = timed(pipeline, group.files, repeat)
    shares = [stages.get(s, 0.0) / seconds for s in STAGES]
    shares.append(1 - sum(shares))  # other
    if fmt != "pdf":
        return [[LABELS.get(fmt, fmt), *_throughput(group, seconds), "-", *(f"{s:.0%}" for s in shares)]]
    raw, _ = timed(raw_pymupdf, group.files, repeat)
    return [
        [fmt, *_throughput(group, seconds), f"{seconds / raw:.1f}x", *(f"{s:.0%}" for s in shares)],
        ["raw PyMuPDF", *_throughput(group, raw), "1.0x", *["-"] * len(shares)],
    ]


def _throughput(group: Group, seconds: float) -> list[str]:
    """Files, pages, reports per second and pages per second (pages: PDFs and images only)."""
    if not group.pages:
        return [str(len(group.files)), "-", _rate(len(group.files) / seconds), "-"]
    return [str(len(group.files)), str(group.pages), _rate(len(group.files) / seconds), _rate(group.pages / seconds)]


def _rate(per_second: float) -> str:
    """A rate with one decimal, or two significant digits under 1 (OCR reads a page in seconds)."""
    return f"{per_second:.1f}" if per_second >= 1 else f"{per_second:.2g}"


def show(table: list[list[str]]) -> None:
    """Columns aligned: the first to the left, the figures to the right."""
    widths = [max(len(r[i]) for r in table) for i in range(len(table[0]))]
    for r in table:
        print("  ".join(cell.ljust(w) if i == 0 else cell.rjust(w) for i, (cell, w) in enumerate(zip(r, widths))))


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("inputs", nargs="*", help="Report files or folders of them (default: real and generated reports).")
    parser.add_argument("--repeat", type=int, default=3, help="Runs of each format; the fastest counts.")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        files = expand(args.inputs) if args.inputs else default_inputs(Path(tmp))
        scans = [f for f in files if f.suffix.lower() in IMAGE_SUFFIXES]
        lines = table_lines([f for f in files if f not in scans], args.repeat)
        peak_mb = _peak_mb()  # before OCR, whose models would swell the figure of everything else
        lines += table_lines(scans, args.repeat)
    print(f"best of {args.repeat}, one core; the stage columns are shares of the pipeline's time")
    show([["format", "files", "pages", "reports/s/core", "pages/s/core", "vs raw PyMuPDF", *STAGES, "other"], *lines])
    ocr_mb = f"; {_peak_mb():.0f} MB once the images were read by OCR" if scans else ""
    print(f"peak memory (max RSS of the run): {peak_mb:.0f} MB{ocr_mb}")


def table_lines(files: list[Path], repeat: int) -> list[list[str]]:
    """The lines of the table for some files, format by format."""
    return [line for fmt, group in by_format(files).items() for line in rows(fmt, group, repeat)]


def _peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


if __name__ == "__main__":
    main()
