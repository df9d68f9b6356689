"""Scanned reports as images (issue 15): PNG, JPEG and multi-page TIFF pages are read by OCR as
scanned PDF pages are; a page scanned sideways or at a slant is turned upright first; --no-ocr
leaves scanned pages unread.

The images are made here, as a scanner gives them: pages rendered in grey at 150 dpi. The OCR'd
ones are pages of a real report, read against the born-digital reading of the same pages; OCR
costs seconds a page, so four pages are OCR'd in all (two in the TIFF, one turned, one skewed).
"""

import subprocess
import sys

import numpy as np
import pymupdf
import pytest

import nlp
from corpus.synth.generate import make_report
from corpus.synth.pdf import write_pdf
from nlp.ingest import ocr
from nlp.ingest.image import paper_size
from nlp.schema import Failure, Report, Source
from nlp.surfaces.batch import BatchSummary, _progress, expand

needs_rapidocr = pytest.mark.skipif(
    not ocr.available(),
    reason="the OCR extra is not installed (pip install 'touming[ocr]')",
)
SCAN_DPI = 150
REAL_REPORT = "huaian_2024.pdf"  # its first two pages: the preamble and overview, twenty figures in the prose


def _grey(page: pymupdf.Page) -> pymupdf.Pixmap:
    """A page as a scanner gives it: grey, at 150 dpi, no text layer."""
    pix = page.get_pixmap(dpi=SCAN_DPI, colorspace=pymupdf.csGRAY)
    pix.set_dpi(SCAN_DPI, SCAN_DPI)
    return pix


def _image(pix: pymupdf.Pixmap):
    from PIL import Image  # comes with the OCR extra

    return Image.frombytes("L", (pix.w, pix.h), pix.samples)


def _pages_pdf(source, pages: list[int], path):
    """A PDF of some pages of another."""
    out = pymupdf.open()
    for number in pages:
        out.insert_pdf(source, from_page=number, to_page=number)
    out.save(path)
    return path


def _mentions(report) -> list[tuple[str, float]]:
    return sorted((m.text, m.value) for m in report.mentions)


@pytest.fixture(scope="module")
def real_pages(real, tmp_path_factory):
    """The first two pages of a real report as 150-dpi grey images, and the born-digital readings of
    page 1 and of pages 1-2."""
    tmp = tmp_path_factory.mktemp("real_pages")
    source = pymupdf.open(real / REAL_REPORT)
    images = [_image(_grey(source[n])) for n in (0, 1)]
    first = nlp.extract(_pages_pdf(source, [0], tmp / "page1.pdf"))
    both = nlp.extract(_pages_pdf(source, [0, 1], tmp / "pages12.pdf"))
    return images, first, both


@pytest.fixture(scope="module")
def generated_png(tmp_path_factory):
    """The first page of a generated report as a 150-dpi grey PNG."""
    tmp = tmp_path_factory.mktemp("generated")
    write_pdf(make_report(1), tmp / "report.pdf")
    with pymupdf.open(tmp / "report.pdf") as doc:
        pix = _grey(doc[0])
    pix.save(tmp / "page.png")
    return tmp / "page.png"


def _ocr_notes(report) -> list[str]:
    return [f.message for f in report.failures if f.flag == "ocr"]


def _reads_like(report, born) -> None:
    """The same outline and prose figures as the born-digital reading."""
    assert [s.kind for s in report.sections] == [s.kind for s in born.sections]
    assert _mentions(report) == _mentions(born)


@needs_rapidocr
def test_a_multi_page_tiff_reads_like_the_born_digital_pages(real_pages, tmp_path):
    images, _, born = real_pages
    path = tmp_path / "scan.tif"
    images[0].save(path, save_all=True, append_images=images[1:], dpi=(SCAN_DPI, SCAN_DPI))
    report = nlp.extract(path)
    assert report.error is None and (report.source.format, report.source.pages) == ("image", 2)
    assert [f.page for f in report.failures if f.flag == "ocr"] == [1, 2]
    _reads_like(report, born)


@needs_rapidocr
def test_a_page_scanned_sideways_is_turned_upright(real_pages, tmp_path):
    images, born, _ = real_pages
    path = tmp_path / "sideways.jpg"
    images[0].rotate(-90, expand=True).save(path, quality=80)  # a quarter turn clockwise; no resolution saved
    report = nlp.extract(path)
    assert _ocr_notes(report)[0].startswith("read by OCR at 150 dpi, turned 90° counter-clockwise:")
    _reads_like(report, born)


@needs_rapidocr
def test_a_page_scanned_at_a_slant_is_levelled(real_pages, tmp_path):
    from PIL import Image

    images, born, _ = real_pages
    path = tmp_path / "skewed.png"
    images[0].rotate(1.5, resample=Image.BICUBIC, fillcolor=255).save(path, dpi=(SCAN_DPI, SCAN_DPI))
    report = nlp.extract(path)
    assert _ocr_notes(report)[0].startswith("read by OCR at 150 dpi, deskewed 1.5° clockwise:")
    _reads_like(report, born)


@needs_rapidocr
def test_each_quarter_turn_and_a_slant_are_found_without_reading_the_page(generated_png):
    """The turn is found by the text detector and direction classifier alone, on the page reduced."""
    import cv2

    pix = pymupdf.Pixmap(str(generated_png))
    grey = np.frombuffer(pix.samples, np.uint8).reshape(pix.h, pix.w).copy()
    for quarters in range(4):
        turned = np.ascontiguousarray(np.rot90(grey, quarters))
        assert ocr.upright_turn(turned).quarters == -quarters % 4, quarters
    matrix = cv2.getRotationMatrix2D((pix.w / 2, pix.h / 2), -3.0, 1.0)
    slanted = cv2.warpAffine(grey, matrix, (pix.w, pix.h), borderValue=255)
    turn = ocr.upright_turn(slanted)
    assert turn.quarters == 0 and turn.skew == pytest.approx(3.0, abs=0.2)


def test_a_corrupt_image_is_a_clear_error(generated_png, tmp_path):
    cut = tmp_path / "cut.png"
    cut.write_bytes(generated_png.read_bytes()[:5000])
    garbage = tmp_path / "garbage.jpg"
    garbage.write_bytes(b"\xff\xd8\xff\xe0" + bytes(range(256)) * 20)
    for path, kind in ((cut, "PNG"), (garbage, "JPEG")):
        report = nlp.extract(path)
        assert report.error is not None and report.error.type == "CorruptFile", path
        assert f"not a readable {kind} image" in report.error.message


def test_without_the_ocr_extra_an_image_says_how_to_install_it(generated_png, monkeypatch):
    monkeypatch.setattr(ocr, "available", lambda: False)
    report = nlp.extract(generated_png)
    assert report.error is None and report.source.format == "image"
    assert "needs_ocr" in report.flags and "ocr" not in report.flags
    assert ocr.INSTALL_HINT in next(f.message for f in report.failures if f.flag == "needs_ocr")


def test_without_ocr_a_scanned_page_keeps_needs_ocr(generated_png):
    report = nlp.extract(generated_png, ocr=False)
    assert "needs_ocr" in report.flags and "ocr" not in report.flags
    assert "OCR was turned off" in next(f.message for f in report.failures if f.flag == "needs_ocr")


def test_a_run_on_a_folder_takes_its_images_and_no_ocr_reaches_its_workers(generated_png, tmp_path):
    folder = tmp_path / "reports"
    folder.mkdir()
    (folder / "scan.PNG").write_bytes(generated_png.read_bytes())
    (folder / "notes.csv").write_text("not a report")
    assert expand([str(folder)]) == ([folder / "scan.PNG"], [])
    db = tmp_path / "results.duckdb"
    command = [sys.executable, "-m", "nlp", "run", str(folder), "--db", str(db), "--workers", "1", "--no-ocr"]
    result = subprocess.run(command, capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    assert "1 files: 1 extracted" in result.stderr and "read by OCR" not in result.stderr


def test_a_run_counts_the_pages_read_by_ocr(capsys):
    summary = BatchSummary()
    read = [Failure(flag="ocr", page=n, message="read by OCR") for n in (1, 2)]
    summary.count(Report(source=Source(path="scan.tif"), failures=read))
    assert summary.ocr_pages == 2
    _progress(1, 3, 0.0, summary.ocr_pages)
    assert "OCR 2 pages" in capsys.readouterr().err


def test_an_image_saved_without_its_resolution_is_taken_for_a4():
    """96 dpi, the resolution of an image that does not say, makes a 150-dpi A4 scan 930 points wide."""
    assert paper_size(pymupdf.Rect(0, 0, 930, 1316.25)) == pytest.approx((595, 842.1), abs=0.1)
    assert paper_size(pymupdf.Rect(0, 0, 595.2, 842.4)) == (595.2, 842.4)  # a resolution that gives paper: kept
