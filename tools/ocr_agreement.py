"""How close OCR comes to the born-digital reading: image-only copies of PDFs, read both ways.

    python tools/ocr_agreement.py [--dpi 150] [--seeds 3] [PDF ...]

Each PDF (default: the real PDFs beside the clone and generated reports of `--seeds` seeds) is
rendered page by page as grey JPEG at `--dpi` with no text layer, then extracted; its outline
(section kinds in order), table cells and prose figures are compared with the born-digital
file's. Prints one line per file and the totals the OCR issue asks for: files whose outline is
equal, cells equal (and cells given a different value without a flag: silently wrong), figure
precision and recall, and seconds per OCR'd page.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

import pymupdf

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

import nlp  # noqa: E402
from corpus.synth.generate import make_report, write_pdf  # noqa: E402

REAL = ROOT.parent / "shared" / "corpus" / "real"


def image_only(src: Path, dst: Path, dpi: int) -> Path:
    """A copy of `src` whose every page is a grey JPEG of it, with no text layer."""
    source, out = pymupdf.open(src), pymupdf.open()
    for page in source:
        pix = page.get_pixmap(dpi=dpi, colorspace=pymupdf.csGRAY)
        new = out.new_page(width=page.rect.width, height=page.rect.height)
        new.insert_image(new.rect, stream=pix.tobytes("jpg", jpg_quality=80))
    out.save(dst)
    return dst


def compare(digital, scanned) -> dict:
    """Outline, cells and figures of the scanned reading against the born-digital one."""
    cells = {k: c.value for k, c in digital.tables.items() if c.value is not None}
    got = {k: c.value for k, c in scanned.tables.items() if c.value is not None}
    figures = {(m.value, m.unit, m.field) for m in digital.mentions}
    found = {(m.value, m.unit, m.field) for m in scanned.mentions}
    return {
        "outline": [s.kind for s in digital.sections] == [s.kind for s in scanned.sections],
        "cells": len(cells),
        "cells_equal": sum(got.get(k) == v for k, v in cells.items()),
        "cells_wrong": sum(k in got and got[k] != v for k, v in cells.items()),
        "figures": len(figures),
        "figures_found": len(found),
        "figures_right": len(figures & found),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("pdfs", nargs="*", type=Path)
    parser.add_argument("--dpi", type=int, default=150)
    parser.add_argument("--seeds", type=int, default=3)
    args = parser.parse_args()
    tmp = Path(tempfile.mkdtemp(prefix="touming-ocr-"))
    pdfs = list(args.pdfs) or sorted(REAL.glob("*.pdf"))
    for seed in range(args.seeds) if not args.pdfs else ():
        pdfs.append(tmp / f"generated_{seed}.pdf")
        write_pdf(make_report(seed), pdfs[-1])
    total: dict[str, float] = {}
    for pdf in pdfs:
        digital = nlp.extract(pdf)
        started = time.perf_counter()
        scanned = nlp.extract(image_only(pdf, tmp / f"scan_{pdf.name}", args.dpi))
        seconds = time.perf_counter() - started
        row = compare(digital, scanned) | {"pages": digital.source.pages or 0, "seconds": seconds, "files": 1}
        print(f"{pdf.name}: outline {'equal' if row['outline'] else 'DIFFERS'}, cells {row['cells_equal']}/{row['cells']} "
              f"({row['cells_wrong']} silently wrong), figures {row['figures_right']} of {row['figures']} "
              f"({row['figures_found']} found), {seconds / max(row['pages'], 1):.1f} s a page")  # fmt: skip
        for key, value in row.items():
            total[key] = total.get(key, 0) + value
    print(
        f"outline equal on {total['outline']:.0f}/{total['files']:.0f} files; cells equal {total['cells_equal'] / total['cells']:.3f} "
        f"({total['cells_wrong']:.0f} silently wrong); figures precision {total['figures_right'] / max(total['figures_found'], 1):.3f}, "
        f"recall {total['figures_right'] / max(total['figures'], 1):.3f}; {total['seconds'] / total['pages']:.1f} s a page"
    )  # fmt: skip


if __name__ == "__main__":
    main()
