"""Read any supported file into a `Document`: detect the format from the content, run the
format's reader, then the shared cleaning steps. The PDF and DOCX readers (PyMuPDF, python-docx)
are imported for the first file of their format only. Images of report pages (PNG, JPEG, TIFF)
are read as a scanned PDF of those pages, by OCR."""

from __future__ import annotations

import codecs
import errno
import re
import stat
from pathlib import Path

from nlp.errors import EmptyFile, FileMissing, FileTooLarge, NotAFile, UnsupportedFormat
from nlp.ingest import clean
from nlp.ingest.document import Atoms, Document, TextAtoms
from nlp.ingest.html import read_html
from nlp.ingest.plain import read_text
from nlp.schema import Failure
from nlp.settings import MAX_PDF_BYTES, MAX_TEXT_BYTES

HTML_HINT = re.compile(r"<(html|body|p|div|table|span|br)\b", re.I)
MARKDOWN_HINT = re.compile(r"^(#{1,6} |\|.*\|\s*$)", re.M)
# UTF-32 first: its little-endian mark begins with UTF-16's.
BYTE_ORDER_MARKS = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
IMAGE_SIGNATURES = ((b"\x89PNG\r\n\x1a\n", "png"), (b"\xff\xd8\xff", "jpeg"), (b"II*\x00", "tiff"), (b"MM\x00*", "tiff"))
IMAGE_SUFFIXES = {".png", ".jpg", ".jpeg", ".tif", ".tiff"}
REPORT_SUFFIXES = {".pdf", ".docx", ".html", ".htm", ".txt", ".md", *IMAGE_SUFFIXES}  # for listing a folder, accepting an upload; the content decides the format
HTML_SNIFF_CHARS = 20000  # a page's markup shows in its first characters
MIN_HTML_TAGS = 10  # fewer "<" than this: text that mentions a tag, not a page


def read_document(path: str | Path, ocr: bool = True) -> Document:
    """`ocr`: False leaves scanned pages unread (flagged needs_ocr) even when OCR is installed."""
    path = Path(path)
    _check_is_file(path)
    size = path.stat().st_size
    if size == 0:
        raise EmptyFile(str(path), "the file is empty")
    with path.open("rb") as f:
        head = f.read(8)
    fmt = sniff_format(head, path)
    limit = MAX_PDF_BYTES if fmt in ("pdf", "docx", "image") else MAX_TEXT_BYTES
    if size > limit:
        raise FileTooLarge(str(path), f"{size / 2**20:.0f} MB is over the {limit / 2**20:.0f} MB limit for {fmt}")
    data = path.read_bytes()
    if fmt == "pdf":
        return _pdf_document(str(path), data, "pdf", ocr)
    if fmt == "image":
        return _image_document(str(path), data, ocr)
    if fmt == "docx":
        return _docx_document(str(path), data)
    return _text_document(str(path), decode(str(path), data))


def _check_is_file(path: Path) -> None:
    """A path that is not a regular file says what it is instead, without ever opening it."""
    try:
        mode = path.stat().st_mode
    except OSError as exc:
        if exc.errno == errno.ELOOP:
            raise NotAFile(str(path), "a loop of symbolic links") from exc
        raise FileMissing(str(path), "a symbolic link whose target is gone" if path.is_symlink() else "no such file") from exc
    if not stat.S_ISREG(mode):
        raise NotAFile(str(path), "not a file (a folder, a named pipe or a device)")


def sniff_format(head: bytes, path: Path) -> str:
    """'pdf', 'docx', 'image' or 'text' (text is told apart into html/markdown/text after decoding)."""
    if head.startswith(b"%PDF") or (path.suffix.lower() == ".pdf" and b"%PDF" in head):
        return "pdf"
    if head.startswith(b"PK\x03\x04"):
        return "docx"
    if head.startswith(b"\xd0\xcf\x11\xe0"):
        raise UnsupportedFormat(str(path), "a legacy Word .doc file: save it as .docx or PDF first")
    if image_kind(head):
        return "image"
    if head.startswith(b"GIF8"):
        raise UnsupportedFormat(str(path), "a GIF image: save its pages as PNG, JPEG or TIFF to have them read by OCR")
    return "text"


def image_kind(head: bytes) -> str | None:
    """'png', 'jpeg' or 'tiff' for the first bytes of an image of those kinds, else None."""
    return next((kind for signature, kind in IMAGE_SIGNATURES if head.startswith(signature)), None)


def decode(path: str, data: bytes) -> str:
    """Text of a file: by its byte-order mark (UTF-32, UTF-16), else UTF-8, else GB18030."""
    for bom, encoding in BYTE_ORDER_MARKS:
        if data.startswith(bom):
            try:
                return data.decode(encoding)
            except UnicodeDecodeError as exc:
                raise UnsupportedFormat(path, f"starts as {encoding} text but does not decode as it ({exc.reason})") from exc
    if b"\x00" in data[:4096]:
        raise UnsupportedFormat(path, "binary content that is not PDF or DOCX")
    for encoding in ("utf-8-sig", "gb18030"):
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise UnsupportedFormat(path, "text in an unknown encoding (tried UTF-8 and GB18030)")


def _image_document(path: str, data: bytes, ocr: bool) -> Document:
    from nlp.ingest.image import image_pdf

    return _pdf_document(path, image_pdf(path, data, image_kind(data)), "image", ocr)


def _pdf_document(path: str, data: bytes, fmt: str, ocr: bool) -> Document:
    """A PDF, or the PDF made of an image's pages (`fmt` 'image'), as a Document."""
    from nlp.ingest.pdf import read_pdf

    pages = read_pdf(path, data, ocr_pages=ocr)
    layout = clean.PdfLayout(pages.lines, pages.page_size[0])
    lines = clean.drop_pdf_furniture(pages.lines, pages.page_size[1])
    for ln in lines:
        ln.centered = ln.bbox is not None and ln.cells is None and layout.centered(ln)
    blocks = clean.join_lines(lines, lambda a, b: clean.pdf_continues(a, b, layout))
    doc = clean.build_document(path, fmt, blocks, pages.atoms, pages.page_count)
    if pages.damaged:
        doc.flags.append("pdf_damaged")
    if pages.failures:
        doc.flags += sorted({f.flag for f in pages.failures})
        doc.failures += pages.failures
    if pages.ocr_notes:
        doc.flags.append("ocr")
        doc.failures += [Failure(flag="ocr", page=n, message=note) for n, note in sorted(pages.ocr_notes.items())]
    if pages.scanned_pages:
        flag = "needs_ocr" if len(doc.text.strip()) < 50 else "pages_need_ocr"
        doc.flags.append(flag)
        doc.hints["scanned_pages"] = ",".join(map(str, pages.scanned_pages))
        doc.failures += [Failure(flag=flag, page=n, message=_unread_scan(ocr)) for n in pages.scanned_pages]
    return doc


def _unread_scan(wanted: bool) -> str:
    """Why a scanned page has no text: OCR was turned off, the OCR extra is missing, or OCR found none."""
    from nlp.ingest import ocr

    if not wanted:
        return "a scanned page, not read: OCR was turned off (--no-ocr)"
    if ocr.available():
        return "a scanned page: OCR found no text on it"
    return f"a scanned page with no text layer: install the OCR extra to read it ({ocr.INSTALL_HINT})"


def _docx_document(path: str, data: bytes) -> Document:
    from nlp.ingest.docx import read_docx

    lines = read_docx(path, data)
    layout = clean.TextLayout(lines)
    blocks = clean.join_lines(lines, lambda a, b: clean.text_continues(a, b, layout))
    return clean.build_document(path, "docx", blocks, TextAtoms())


def _text_document(path: str, text: str) -> Document:
    if HTML_HINT.search(text[:HTML_SNIFF_CHARS]) and text.count("<") > MIN_HTML_TAGS:
        html = read_html(text)
        lines, fmt, hints = html.lines, "html", {"title": html.title} if html.title else {}
    else:
        source = read_text(text)
        fmt = "markdown" if MARKDOWN_HINT.search(text) or path.lower().endswith(".md") else "text"
        lines, hints = clean.drop_page_number_lines(source.lines), source.hints
    layout = clean.TextLayout(lines)
    blocks = clean.join_lines(lines, lambda a, b: clean.text_continues(a, b, layout))
    doc = clean.build_document(path, fmt, blocks, TextAtoms())
    doc.hints.update(hints)
    return doc


__all__ = ["read_document", "Atoms"]
