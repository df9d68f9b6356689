"""Scanned PDFs (issue 15): pages without a text layer are read by OCR into the same Document.

A generated report is printed to PDF, its pages rendered as grey JPEG images (200 dpi, as a
scanner would) and put into a new PDF with no text layer; that PDF must read like the original.
OCR costs several seconds a page, so the reports here are cut to their first two pages.
"""

import difflib

import pymupdf
import pytest

import nlp
from corpus.synth.generate import make_report
from corpus.synth.pdf import write_pdf
from nlp.ingest import ocr

needs_rapidocr = pytest.mark.skipif(
    not ocr.available(),
    reason="the OCR extra is not installed (pip install 'touming[ocr]')",
)
SCAN_DPI = 200


def _report_pdf(path, pages: int = 2):
    """The first `pages` pages of a generated report's PDF."""
    write_pdf(make_report(1), path)
    doc = pymupdf.open(path)
    doc.select(list(range(pages)))
    doc.save(path, incremental=True, encryption=pymupdf.PDF_ENCRYPT_KEEP)
    return path


def _scanned(src, dst, scan: set[int], dpi: int = SCAN_DPI):
    """A copy of `src` whose pages in `scan` (0-based) are grey JPEGs at `dpi`, with no text layer."""
    source, out = pymupdf.open(src), pymupdf.open()
    for i, page in enumerate(source):
        if i not in scan:
            out.insert_pdf(source, from_page=i, to_page=i)
            continue
        pix = page.get_pixmap(dpi=dpi, colorspace=pymupdf.csGRAY)
        new = out.new_page(width=page.rect.width, height=page.rect.height)
        new.insert_image(new.rect, stream=pix.tobytes("jpg", jpg_quality=80))
    out.save(dst)
    return dst


def _mentions(report) -> set[tuple[str, float]]:
    return {(m.text, m.value) for m in report.mentions}


@pytest.fixture(scope="module")
def digital(tmp_path_factory):
    path = _report_pdf(tmp_path_factory.mktemp("ocr") / "report.pdf")
    return path, nlp.extract(path)


@needs_rapidocr
def test_a_scanned_report_reads_like_the_born_digital_one(digital, tmp_path):
    path, born = digital
    report = nlp.extract(_scanned(path, tmp_path / "scan.pdf", {0, 1}))
    assert report.error is None and "needs_ocr" not in report.flags
    assert "ocr" in report.flags and [f.page for f in report.failures if f.flag == "ocr"] == [1, 2]
    assert [s.kind for s in report.sections] == [s.kind for s in born.sections]
    similar = difflib.SequenceMatcher(None, born.text, report.text, autojunk=False).ratio()
    assert similar > 0.9, similar
    assert len(_mentions(born) & _mentions(report)) >= 0.8 * len(_mentions(born))
    first = report.mentions[0]
    assert first.page in (1, 2)


@needs_rapidocr
def test_a_mixed_pdf_ocrs_only_its_scanned_pages(digital, tmp_path):
    path, born = digital
    report = nlp.extract(_scanned(path, tmp_path / "mixed.pdf", {1}))
    assert [f.page for f in report.failures if f.flag == "ocr"] == [2]
    assert [s.kind for s in report.sections] == [s.kind for s in born.sections]
    page_one = [m for m in born.mentions if m.page == 1]
    assert page_one and all(m in report.mentions for m in page_one)  # the text layer, untouched
    assert len(_mentions(born) & _mentions(report)) >= 0.8 * len(_mentions(born))


def test_without_the_ocr_extra_a_scan_says_how_to_install_it(digital, tmp_path, monkeypatch):
    monkeypatch.setattr(ocr, "available", lambda: False)
    path, _ = digital
    report = nlp.extract(_scanned(path, tmp_path / "scan.pdf", {0, 1}))
    assert "needs_ocr" in report.flags and "ocr" not in report.flags
    assert [f.page for f in report.failures if f.flag == "needs_ocr"] == [1, 2]
    assert ocr.INSTALL_HINT in report.failures[0].message


def test_a_table_cell_ocr_was_unsure_of_is_withheld():
    """An OCR'd page has no text layer to check a cell against: a cell with a character read under
    the confidence bar is unverified (its value withheld), the others are unchecked, not verified.
    On a text layer, a cell is verified unless a glyph did not decode (U+FFFD)."""
    from nlp.ingest.pdf import UNDECODED, _Glyph, _Space

    scan = _Space(pymupdf.Identity, 595, 842, scan=ocr.OcrPage([], (595, 842)))
    sure = [_Glyph("3", (0, 0, 5, 10), 0.99), _Glyph("8", (5, 0, 10, 10), 0.97)]
    unsure = [_Glyph("3", (0, 0, 5, 10), 0.99), _Glyph("8", (5, 0, 10, 10), 0.41)]
    assert scan.verify(sure) is None
    assert scan.verify(unsure) is False
    text_layer = _Space(pymupdf.Identity, 595, 842)
    assert text_layer.verify([_Glyph("3", (0, 0, 5, 10)), _Glyph("8", (5, 0, 10, 10))]) is True
    assert text_layer.verify([_Glyph("3", (0, 0, 5, 10)), _Glyph(UNDECODED, (5, 0, 10, 10))]) is False


def _cells_against(born, report) -> tuple[int, int, int]:
    """(cells with a value in the born-digital reading, equal in the scan's, given another value)."""
    cells = {k: c.value for k, c in born.tables.items() if c.value is not None}
    got = {k: c.value for k, c in report.tables.items() if c.value is not None}
    return len(cells), sum(got.get(k) == v for k, v in cells.items()), sum(k in got and got[k] != v for k, v in cells.items())


@needs_rapidocr
@pytest.mark.parametrize("source", ["generated", "hongze_2024.pdf"])
def test_scanned_tables_are_read_on_their_ruling_lines(source, request, tmp_path):
    """Image-only copies at 150 dpi: the tables' rules are found in the image and the cells read in
    their grid (lone digits the text detector missed are read in their cell): at least 97% of the
    cells equal the born-digital reading, and none is given another value."""
    path = _report_pdf(tmp_path / "report.pdf", pages=5) if source == "generated" else request.getfixturevalue("real") / source
    born = nlp.extract(path)
    scan = tmp_path / "scan.pdf"
    with pymupdf.open(path) as doc:
        pages = set(range(doc.page_count))
    report = nlp.extract(_scanned(path, scan, pages, dpi=150))
    total, equal, wrong = _cells_against(born, report)
    assert total > 150 and equal >= 0.97 * total and wrong == 0, (total, equal, wrong)
