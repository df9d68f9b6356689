"""Consecutive table rows of a `Document` → `Grid`s: cells placed by row and column."""

from __future__ import annotations

from dataclasses import dataclass, field, replace

from nlp.ingest.document import Document, TextBlock
from nlp.schema import Section
from nlp.structure.sections import section_at

CAPTION_LINES = 2
CAPTION_CHARS = 40
ALIGNED_FORMATS = ("pdf", "image", "html", "docx")  # formats whose tables carry real column positions


@dataclass(frozen=True)
class GridCell:
    row: int
    col: int
    rowspan: int
    colspan: int
    start: int  # the cell's text is document.text[start:end]
    end: int
    text: str
    bbox: tuple[float, float, float, float] | None
    verified: bool | None = None


@dataclass
class Grid:
    """One table as laid out in the source (a table split over pages is one grid)."""

    rows: list[list[GridCell]]
    paragraphs: list[int]  # index of each row's paragraph in the document
    aligned: bool = True  # columns are real grid positions (PDF, HTML, DOCX), not just cell order
    context: str = ""  # the short lines printed just above the grid (captions such as 第二十条第（一）项)
    section: str | None = None  # kind of the section the grid stands in
    pages: list[int | None] = field(default_factory=list)  # page of each row (PDF); empty or None elsewhere

    def covering(self, row: int, col: int) -> GridCell | None:
        """The cell that covers (row, col), starting there or spanning into it from above/left."""
        for r in range(row, -1, -1):
            for cell in self.rows[r]:
                if cell.col <= col < cell.col + cell.colspan and cell.row + cell.rowspan > row:
                    return cell
        return None

    @property
    def regular(self) -> bool:
        """Every row has the same number of cells (a well-formed pipe or tab table): cell order
        is column position, even without geometry."""
        return len({len(row) for row in self.rows}) == 1 and all(c.col == i for row in self.rows for i, c in enumerate(row))

    def text(self) -> str:
        return "\n".join("\t".join(c.text for c in row) for row in self.rows)


def merge(parts: list[Grid]) -> Grid:
    """One grid from a table printed in pieces (over pages, or cut by captions in a text export)."""
    rows, paragraphs, pages = [], [], []
    for part in parts:
        for row in part.rows:
            rows.append([replace(c, row=len(rows)) for c in row])
        paragraphs += part.paragraphs
        pages += part.pages or [None] * len(part.rows)
    return Grid(
        rows,
        paragraphs,
        all(p.aligned for p in parts),
        parts[0].context if parts else "",
        parts[0].section if parts else None,
        pages,
    )


def grids(doc: Document, sections: list[Section]) -> list[Grid]:
    """Group runs of consecutive table-row paragraphs into grids, each with its caption and section."""
    found: list[Grid] = []
    run: list[int] = []
    for i, p in enumerate(doc.paragraphs + [TextBlock(len(doc.text), len(doc.text))]):
        if p.is_table_row:
            run.append(i)
        elif run:
            found.append(_grid(doc, run))
            run = []
    for grid in found:
        grid.context = _caption(doc, grid.paragraphs[0])
        start = doc.paragraphs[grid.paragraphs[0]].start
        section = section_at(sections, start)
        grid.section = section.kind if section else None
    return found


def _caption(doc: Document, first_row: int) -> str:
    """Short non-table lines right above a table (at most CAPTION_LINES of them)."""
    lines = []
    for i in range(first_row - 1, max(first_row - 1 - CAPTION_LINES, -1), -1):
        p = doc.paragraphs[i]
        text = doc.text[p.start : p.end]
        if p.is_table_row or len(text) > CAPTION_CHARS:
            break
        lines.insert(0, text)
    return "\n".join(lines)


def _grid(doc: Document, indexes: list[int]) -> Grid:
    rows = []
    for r, i in enumerate(indexes):
        p = doc.paragraphs[i]
        rows.append(
            [
                GridCell(r, c.col, c.rowspan, c.colspan, c.start, c.end, doc.text[c.start : c.end], c.bbox, c.verified)
                for c in p.cells
            ]
        )
    pages = [_page(doc, doc.paragraphs[i]) for i in indexes]
    return Grid(rows, indexes, aligned=doc.format in ALIGNED_FORMATS, pages=pages)


def _page(doc: Document, row: TextBlock) -> int | None:
    """The page a table row stands on (its first cell with text: a blank cell has no origin of its own)."""
    if not doc.page_count:
        return None
    return doc.page_at(next((c.start for c in row.cells if c.end > c.start), row.start))
