"""Images of report pages (PNG, JPEG, a TIFF of one or more pages) → a PDF of one image page per
image page, which is then read as a scanned PDF: each page by OCR (nlp/ingest/ocr.py).

A page is the size the image's resolution gives it, unless that is no paper a report is printed on
(nlp/data/ocr.yaml `image`): font sizes and margins are read in points, as on a PDF page.
"""

from __future__ import annotations

import pymupdf

from nlp.errors import CorruptFile
from nlp.ingest import ocr
from nlp.ingest.pdf import quiet_mupdf


def image_pdf(path: str, data: bytes, kind: str) -> bytes:
    """The PDF of an image's pages; CorruptFile when the image cannot be decoded."""
    pages = _as_pdf(path, data, kind)
    out = pymupdf.open()
    for number, page in enumerate(pages):
        width, height = paper_size(page.rect)
        out.new_page(width=width, height=height).show_pdf_page(pymupdf.Rect(0, 0, width, height), pages, number)
    return out.tobytes()


def _as_pdf(path: str, data: bytes, kind: str) -> pymupdf.Document:
    """MuPDF's PDF of the image's pages, each as large as the image at its resolution."""
    quiet_mupdf()
    try:
        with pymupdf.open(stream=data, filetype=kind) as images:
            return pymupdf.open("pdf", images.convert_to_pdf())
    except Exception as exc:  # MuPDF raises several types for damaged images
        raise CorruptFile(path, f"not a readable {kind.upper()} image ({exc})") from exc


def paper_size(rect: pymupdf.Rect) -> tuple[float, float]:
    """An image page's width and height in points: as its resolution gives them, or scaled so that
    its narrow side is A4's when that is no paper size."""
    rule = ocr.settings()["image"]
    low, high = rule["paper_narrow_side"]
    narrow = min(rect.width, rect.height)
    scale = 1.0 if low <= narrow <= high else rule["assumed_narrow_side"] / narrow
    return rect.width * scale, rect.height * scale
