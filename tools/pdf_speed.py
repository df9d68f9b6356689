"""Time PDF reading: `nlp.extract` (the whole pipeline) and the PDF ingest alone.

    python tools/pdf_speed.py [--repeat N] [--out FILE]

Inputs: the real PDFs beside the clone (../shared/corpus/real/*.pdf) and 20 generated reports
(`make_report(seed)` + `write_pdf`, seeds 0–19). Best of N runs, in this process (pin it to one
core with `taskset -c 0`). Prints seconds, files/s and pages/s for each, and how many pages took
each table reader (`PdfPages.table_readers`, where the reader records it).
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

import pymupdf

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

import nlp  # noqa: E402
from corpus.synth.generate import make_report, write_pdf  # noqa: E402
from nlp.ingest.pdf import read_pdf  # noqa: E402

REAL = ROOT.parent / "shared" / "corpus" / "real"


def inputs(tmp: Path) -> list[Path]:
    generated = []
    for seed in range(20):
        path = tmp / f"synth_{seed}.pdf"
        write_pdf(make_report(seed), path)
        generated.append(path)
    return sorted(REAL.glob("*.pdf")) + generated


def best(fn, repeat: int) -> float:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return min(times)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--out", help="also write the numbers as JSON here")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        files = inputs(Path(tmp))
        data = [f.read_bytes() for f in files]
        pages = sum(pymupdf.open(f).page_count for f in files)
        nlp.extract(files[0])  # models loaded outside the timing
        ingest = best(lambda: [read_pdf(str(f), d) for f, d in zip(files, data, strict=True)], args.repeat)
        full = best(lambda: [nlp.extract(f) for f in files], args.repeat)
        paths = Counter(
            p for f, d in zip(files, data, strict=True) for p in getattr(read_pdf(str(f), d), "table_readers", {}).values()
        )
    numbers = {
        "files": len(files),
        "pages": pages,
        "ingest_s": round(ingest, 3),
        "ingest_pages_per_s": round(pages / ingest, 1),
        "extract_s": round(full, 3),
        "extract_files_per_s": round(len(files) / full, 2),
        "extract_pages_per_s": round(pages / full, 1),
        "table_readers": dict(paths),
    }
    print(json.dumps(numbers, indent=1))
    if args.out:
        Path(args.out).write_text(json.dumps(numbers, indent=1), "utf-8")


if __name__ == "__main__":
    main()
