"""DOCX → `Line`s (python-docx). Offsets point into the document's plain text: paragraphs and
table rows in body order, one per line, cells separated by a tab."""

from __future__ import annotations

import io
import zipfile

import docx
from docx.document import Document as DocxDocument
from docx.table import Table
from docx.text.paragraph import Paragraph

from nlp.errors import CorruptFile, FileTooLarge
from nlp.ingest.document import Line, SourceCell, TrackedText, row_line
from nlp.settings import MAX_UNZIPPED_BYTES, MAX_ZIP_RATIO, ZIP_RATIO_FLOOR


def read_docx(path: str, data: bytes) -> list[Line]:
    try:
        _check_inflated_sizes(path, zipfile.ZipFile(io.BytesIO(data)))
        document = docx.Document(io.BytesIO(data))
    except (zipfile.BadZipFile, KeyError, ValueError) as exc:
        raise CorruptFile(path, f"not a readable DOCX ({exc})") from exc
    lines, offset = [], 0
    for block in _body_blocks(document):
        if isinstance(block, Paragraph):
            line = _paragraph_line(block, offset)
            lines.extend([line] if line else [])
            offset += len(block.text) + 1
        else:
            rows, offset = _table_lines(block, offset)
            lines.extend(rows)
    return [ln for ln in lines if ln.text.text.strip()]


def _check_inflated_sizes(path: str, archive: zipfile.ZipFile) -> None:
    """Refuse a decompression bomb from the sizes the archive declares, before inflating anything."""
    members = archive.infolist()
    total = sum(m.file_size for m in members)
    if total > MAX_UNZIPPED_BYTES:
        raise FileTooLarge(path, f"inflates to {total / 2**20:.0f} MB, over the {MAX_UNZIPPED_BYTES / 2**20:.0f} MB limit for DOCX")
    for m in members:
        if m.file_size > ZIP_RATIO_FLOOR and m.file_size > MAX_ZIP_RATIO * max(m.compress_size, 1):
            raise FileTooLarge(path, f"{m.filename} inflates {m.file_size // max(m.compress_size, 1)} times: a decompression bomb")


def _body_blocks(document: DocxDocument):
    for child in document.element.body.iterchildren():
        if child.tag.endswith("}p"):
            yield Paragraph(child, document)
        elif child.tag.endswith("}tbl"):
            yield Table(child, document)


def _paragraph_line(p: Paragraph, offset: int) -> Line | None:
    text = p.text
    if not text.strip():
        return None
    runs = [r for r in p.runs if r.text.strip()]
    bold = bool(runs) and all(r.bold for r in runs)
    style = (p.style.name if p.style is not None else "") or ""
    level = int(style.split()[-1]) if style.startswith("Heading") and style.split()[-1].isdigit() else 0
    centered = p.alignment is not None and int(p.alignment) == 1
    return Line(
        text=TrackedText.of(text, range(offset, offset + len(text))),
        bold=bold,
        hard_break=True,
        heading_level=level,
        centered=centered,
    )


def _table_lines(table: Table, offset: int) -> tuple[list[Line], int]:
    """One line per row. python-docx repeats a merged cell across its span: read it once, and
    count the repeats as its colspan (same row) or rowspan (same column in the rows below)."""
    lines: list[Line] = []
    above: dict[int, SourceCell] = {}  # grid column -> the cell that covers it from a row above
    above_tc: dict[int, object] = {}
    for row in table.rows:
        cells: list[SourceCell] = []
        previous_tc = None
        for col, cell in enumerate(row.cells):
            if cell._tc is previous_tc:
                cells[-1].colspan += 1
                continue
            previous_tc = cell._tc
            if above_tc.get(col) is cell._tc:
                above[col].rowspan += 1
                previous_tc = None
                continue
            text = cell.text.strip()
            cells.append(SourceCell(TrackedText.of(text, range(offset, offset + len(text))), col=col))
            above[col], above_tc[col] = cells[-1], cell._tc
            offset += len(text) + 1
        lines.append(row_line(cells))
    return lines, offset
