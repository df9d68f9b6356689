"""PDF → `Line`s with a glyph box for every character (PyMuPDF).

Pages are read one at a time and released, so memory grows with the text, not the page count.
Ruled tables become one `Line` per row with its cells, so the paragraph joiner never runs cell
text together; so do tables printed without ruling lines (pdf_layout).

Ruled tables are read from the page's drawings by our own reader (pdf_rules), from the one
text extraction of the page; a page without drawings has no ruled table to look for. PyMuPDF's
`Page.find_tables` (the same grid construction, at several times the cost) is asked only where
our reader visibly fails: it raised, or a table it found would drop text that stands inside
its box but in no cell (find_tables' tables are kept if they drop less). `PdfPages.table_readers`
records, page by page, which reader gave the tables.

A scanned page (an image and next to no text layer, nlp/data/ocr.yaml) is read by OCR when the
`ocr` extra is installed (nlp/ingest/ocr.py) and OCR is not turned off: it is turned upright, and
its recognised characters stand in for the text layer's glyphs, with their boxes on the page as
turned, and go through the same table and line reading. `PdfPages.ocr_notes` says which pages
were OCR'd, how they were turned and how confidently they were read.
"""

from __future__ import annotations

import bisect
import logging
import re
from dataclasses import dataclass, field
from functools import cached_property

import pymupdf

from nlp.errors import CorruptFile, EncryptedFile
from nlp.ingest import ocr
from nlp.ingest.document import Atoms, Line, SourceCell, TrackedText, row_line
from nlp.ingest.pdf_layout import LooseTable, Row, loose_tables, split_line, stack_box, union
from nlp.ingest.pdf_rules import ruled_tables
from nlp.schema import Failure

log = logging.getLogger(__name__)
TABLES_FAILED = "tables_failed"  # the report flag of a page whose tables could not be read
BOLD_FONT_HINTS = ("Bold", "bold", "黑", "Hei", "hei")
PYMUPDF_BOLD_FLAG = 16

SPAN_TOLERANCE = 2.0  # points: cell edges closer than this are the same grid line
DIGIT_RE = re.compile(r"\d")
UNDECODED = "\ufffd"  # what text extraction gives for a glyph its font maps to no character
TABLE_CAPTION_RE = re.compile(r"第.{1,6}条|^\s*附?表\s*[一二三四五六七八九十\d]")  # single-cell rows that belong to a table
MIN_GRID_ROW_SHARE = 0.5  # share of rows with two or more cells that makes a found table real

# How a page's ruled tables were looked for (PdfPages.table_readers):
NO_DRAWINGS = "none"  # no drawings on the page: no ruled table, no search
RULES = "rules"  # our reader of ruling lines (pdf_rules)
FIND_TABLES = "find_tables"  # PyMuPDF's find_tables, where ours failed (or when asked for)
READ_MODES = ("auto", RULES, FIND_TABLES)  # read_pdf(tables=…): auto = ours, find_tables where it fails


@dataclass
class PdfPages:
    lines: list[Line]
    atoms: Atoms
    page_count: int
    page_size: tuple[float, float]
    scanned_pages: list[int]
    damaged: bool  # MuPDF had to repair the file; some content may be missing
    failures: list[Failure]  # pages whose tables could not be searched
    table_readers: dict[int, str] = field(default_factory=dict)  # page number → NO_DRAWINGS, RULES or FIND_TABLES
    ocr_notes: dict[int, str] = field(default_factory=dict)  # page number → what OCR read on it (ocr.page_note)


def read_pdf(path: str, data: bytes, *, tables: str = "auto", ocr_pages: bool = True) -> PdfPages:
    """`tables`: "auto" (our ruling-line reader, find_tables where it fails), or one reader only
    ("rules", "find_tables"), to compare them (tools/pdf_tables_compare.py). `ocr_pages`: False
    leaves scanned pages unread (in `scanned_pages`) even when OCR is installed."""
    if tables not in READ_MODES:
        raise ValueError(f"tables must be one of {READ_MODES}, not {tables!r}")
    quiet_mupdf()
    pymupdf.TOOLS.mupdf_warnings(reset=True)
    doc = _open(path, data)
    atoms = Atoms()
    lines: list[Line] = []
    scanned: list[int] = []
    failures: list[Failure] = []
    readers: dict[int, str] = {}
    notes: dict[int, str] = {}
    size = (595.0, 842.0)
    try:
        for index in range(doc.page_count):
            page = doc.load_page(index)
            page_lines, size = read_page(page, index + 1, atoms, failures, readers, tables)
            if _is_scan(page, page_lines):
                found = ocr.read_image_page(page) if ocr_pages and ocr.available() else None
                if found and found.lines:
                    page_lines, size = read_page(page, index + 1, atoms, failures, readers, tables, found)
                    notes[index + 1] = ocr.page_note(found)
                else:
                    scanned.append(index + 1)
            lines.extend(page_lines)
            del page
        damaged = bool(pymupdf.TOOLS.mupdf_warnings(reset=True)) or doc.is_repaired
        return PdfPages(lines, atoms, doc.page_count, size, scanned, damaged, failures, readers, notes)
    finally:
        doc.close()


def _is_scan(page: pymupdf.Page, lines: list[Line]) -> bool:
    """A page with an image and next to no text: no text at all, or a few characters (a stamped
    page number) on an image that covers most of the page (nlp/data/ocr.yaml)."""
    rule = ocr.settings()["scan"]
    chars = sum(len(ln.text) for ln in lines)
    if chars >= rule["few_chars"] or not page.get_images():
        return False
    if chars < rule["min_chars"]:
        return True
    covered = sum((pymupdf.Rect(info["bbox"]) & page.rect).get_area() for info in page.get_image_info())
    return covered >= rule["page_share"] * page.rect.get_area()


def quiet_mupdf() -> None:
    """MuPDF prints its messages on stdout, where they would corrupt our JSON: collect them instead."""
    pymupdf.TOOLS.mupdf_display_errors(False)
    pymupdf.TOOLS.mupdf_display_warnings(False)
    if hasattr(pymupdf, "no_recommend_layout"):
        pymupdf.no_recommend_layout()


def _open(path: str, data: bytes) -> pymupdf.Document:
    try:
        doc = pymupdf.open(stream=data, filetype="pdf")
    except Exception as exc:  # PyMuPDF raises several types for damaged files
        raise CorruptFile(path, f"not a readable PDF ({exc})") from exc
    if doc.needs_pass and not doc.authenticate(""):
        doc.close()
        raise EncryptedFile(path, "the PDF is password-protected; decrypt it first (e.g. qpdf --decrypt)")
    if doc.page_count == 0:
        doc.close()
        raise CorruptFile(path, "the PDF has no pages")
    return doc


def read_page(
    page: pymupdf.Page,
    number: int,
    atoms: Atoms,
    failures: list[Failure],
    readers: dict[int, str] | None = None,
    mode: str = "auto",
    ocr_page: ocr.OcrPage | None = None,
) -> tuple[list[Line], tuple[float, float]]:
    """Text lines in reading order, with each table's rows put where the table stands; and the
    page's width and height as read. A table search that fails is added to `failures`; which
    reader gave the page's tables goes into `readers`. `ocr_page`, what OCR read on a scanned
    page, stands in for its text layer, on the page as OCR turned it."""
    if ocr_page is None:
        raw = page.get_text("rawdict", flags=pymupdf.TEXT_PRESERVE_WHITESPACE | pymupdf.TEXT_MEDIABOX_CLIP)
        space = _reading_space(page, raw)
        text_lines = list(_raw_lines(raw, space))
    else:
        space = _Space(pymupdf.Identity, *ocr_page.size, scan=ocr_page)
        text_lines = [_ocr_glyphs(line) for line in ocr_page.lines]
    tables, reader = _find_tables(page, space, text_lines, number, failures, mode)
    if readers is not None:
        readers[number] = reader
    if not tables:
        return _page_lines(page, number, space, atoms, [ln for ln in text_lines if ln[0]], [])
    outside, table_glyphs = [], [[] for _ in tables]
    for glyphs, meta in text_lines:
        inside = []
        for g in glyphs:
            t = _table_of(g, tables)
            if t is None:
                inside.append(g)
            else:
                table_glyphs[t].append(g)
        if inside:
            outside.append((inside, meta))
    rows = [row for i, t in enumerate(tables) for row in _table_rows(t, table_glyphs[i], page, space, atoms)]
    return _page_lines(page, number, space, atoms, outside, rows)


def _page_lines(page: pymupdf.Page, number: int, space: _Space, atoms: Atoms, outside: list, rows: list[Line]):
    """The page's lines in reading order: the ruled tables' `rows`, the rows of tables printed
    without rules among the `outside` lines, and the rest of them as text."""
    loose_rows, outside = _loose_table_rows(outside, page, space, atoms)
    text_lines = [_make_line(glyphs, meta, number, atoms, space.width) for glyphs, meta in outside]
    return sorted(text_lines + rows + loose_rows, key=lambda ln: ln.bbox[1] if ln.bbox else 0), (space.width, space.height)


@dataclass
class _Space:
    """Where a page is read. Text extraction gives the unrotated page, find_tables the page as
    displayed; a page whose /Rotate turns sideways text upright (a landscape table page) is read as
    displayed, any other page unrotated."""

    from_text: pymupdf.Matrix  # text extraction coordinates → reading coordinates
    width: float
    height: float
    scan: ocr.OcrPage | None = None  # what OCR read on the page, when its text is OCR's

    @property
    def ocr(self) -> bool:
        """Is the page's text OCR's (its characters carry confidences, its rules come from the image)?"""
        return self.scan is not None

    def verify(self, glyphs: list[_Glyph]) -> bool | None:
        """Can a cell's characters be trusted as read? A text layer's cell is False when a glyph
        did not decode (U+FFFD: the font maps it to no character), else True. An OCR'd cell is
        False when OCR was unsure of a character, else None (unchecked). False withholds the
        cell's value as unverified."""
        if self.ocr:
            return False if any(g.confidence < ocr.settings()["low_confidence"] for g in glyphs) else None
        return not any(g.c == UNDECODED for g in glyphs)


def _reading_space(page: pymupdf.Page, raw: dict) -> _Space:
    if page.rotation and _runs_left_to_right(raw):
        page.set_rotation(0)  # in memory only: the text stands upright without it
    if page.rotation == 0:
        return _Space(pymupdf.Identity, page.rect.width, page.rect.height)
    return _Space(page.rotation_matrix, page.rect.width, page.rect.height)


def _runs_left_to_right(raw: dict) -> bool:
    """Do most characters of the extracted text stand on lines that run left to right?"""
    along = across = 0
    for block in raw["blocks"]:
        for line in block.get("lines", []):
            n = sum(len(span["chars"]) for span in line["spans"])
            along, across = (along + n, across) if line["dir"][0] > 0.9 else (along, across + n)
    return along >= across


@dataclass(slots=True)
class _Glyph:
    c: str
    bbox: tuple[float, float, float, float]
    confidence: float = 1.0  # OCR's confidence in the character; a text layer's glyph is certain
    center: tuple[float, float] = field(init=False)  # where the glyph is placed into cells and tables

    def __post_init__(self) -> None:
        self.center = (self.bbox[0] + self.bbox[2]) / 2, (self.bbox[1] + self.bbox[3]) / 2


def _raw_lines(raw: dict, space: _Space):
    """(glyphs, {size, bold}) for every text line of the page, in PyMuPDF's order."""
    turned = space.from_text != pymupdf.Identity
    for block in raw["blocks"]:
        for line in block.get("lines", []):
            glyphs, sizes, bold = [], [], False
            for span in line["spans"]:
                font = _font_name(span["font"])
                bold = bold or bool(span["flags"] & PYMUPDF_BOLD_FLAG) or any(h in font for h in BOLD_FONT_HINTS)
                sizes.append(span["size"])
                glyphs.extend(
                    _Glyph(ch["c"], tuple(pymupdf.Rect(ch["bbox"]) * space.from_text) if turned else ch["bbox"])
                    for ch in span["chars"]
                )
            if "".join(g.c for g in glyphs).strip():
                yield glyphs, {"size": max(sizes), "bold": bold}


def _ocr_glyphs(line: ocr.OcrLine) -> tuple[list[_Glyph], dict]:
    """An OCR'd text box as a text line: (glyphs, {size, bold}). Its font size is the median width
    of its CJK characters (one em each), else a share of its height; boldness is not known."""
    glyphs = [_Glyph(c, box, confidence) for c, box, confidence in line.chars]
    widths = sorted(g.bbox[2] - g.bbox[0] for g in glyphs if "\u4e00" <= g.c <= "\u9fff")
    height = max(g.bbox[3] for g in glyphs) - min(g.bbox[1] for g in glyphs)
    size = widths[len(widths) // 2] if widths else ocr.settings()["size_of_height"] * height
    return glyphs, {"size": size, "bold": False}


def _font_name(name: str) -> str:
    """Some producers store UTF-8 font names that PyMuPDF decodes as Latin-1 ('é»\x91ä½\x93' = 黑体)."""
    try:
        return name.encode("latin-1").decode("utf-8")
    except (UnicodeEncodeError, UnicodeDecodeError):
        return name


def _make_line(glyphs: list[_Glyph], meta: dict, page: int, atoms: Atoms, page_width: float) -> Line:
    text = TrackedText.of("".join(g.c for g in glyphs), (atoms.add_glyph(page, g.bbox) for g in glyphs))
    x0 = min(g.bbox[0] for g in glyphs if g.c.strip())
    x1 = max(g.bbox[2] for g in glyphs if g.c.strip())
    y0 = min(g.bbox[1] for g in glyphs)
    y1 = max(g.bbox[3] for g in glyphs)
    return Line(text=text, page=page, bbox=(x0, y0, x1, y1), size=meta["size"], bold=meta["bold"])


@dataclass
class _GridRow:
    """A row of a table PyMuPDF found, in reading coordinates; None for a cell covered by a merge."""

    bbox: tuple[float, float, float, float]
    cells: list[tuple[float, float, float, float] | None]


@dataclass
class _Region:
    """The rows of a table PyMuPDF found that really are table rows, and the box they cover."""

    rows: list[_GridRow]
    col_count: int

    @cached_property
    def bbox(self) -> tuple[float, float, float, float]:
        return union([r.bbox for r in self.rows])


def _find_tables(
    page: pymupdf.Page, space: _Space, lines: list, number: int, failures: list[Failure], mode: str
) -> tuple[list[_Region], str]:
    """The page's ruled tables and the reader that gave them (see the module docstring). On an
    OCR'd page the ruling lines found in its image stand in for the drawings; there is no vector
    graphics for find_tables to fall back on."""
    glyphs = [g for glyphs, _ in lines for g in glyphs if g.c.strip()]
    if mode == FIND_TABLES and not space.ocr:
        return _found_tables(page, space, lines, number, failures), FIND_TABLES
    try:
        drawings = space.scan.drawings if space.scan is not None else page.get_cdrawings()
        if not drawings:
            return [], NO_DRAWINGS
        regions = _ruled_regions(drawings, space, lines, glyphs)
        if space.ocr:
            return regions, RULES
    except Exception as exc:  # a malformed drawing must not cost us the page's text
        log.warning("page %d: the ruling-line reader failed (%s: %s); asking find_tables", number, type(exc).__name__, exc)
        if mode == RULES:
            failures.append(Failure(flag=TABLES_FAILED, page=number, message=f"table search failed: {type(exc).__name__}: {exc}"))
            return [], RULES
        found = _found_tables(page, space, lines, number, [], first_error=exc)
        if found is None:
            failures.append(Failure(flag=TABLES_FAILED, page=number, message=f"table search failed: {type(exc).__name__}: {exc}"))
            return [], FIND_TABLES
        return found, FIND_TABLES
    dropped = sum(_dropped(r, glyphs) for r in regions)
    if not dropped or mode == RULES:
        return regions, RULES
    found = _found_tables(page, space, lines, number, [])  # a failure here leaves our tables in place
    if found is not None and sum(_dropped(r, glyphs) for r in found) < dropped:
        return found, FIND_TABLES
    return regions, RULES


def _ruled_regions(drawings: list[dict], space: _Space, lines: list, glyphs: list[_Glyph]) -> list[_Region]:
    turned = None if space.from_text == pymupdf.Identity else space.from_text
    found = ruled_tables(drawings, [g.bbox for g in glyphs], (0.0, 0.0, space.width, space.height), turned)
    regions = [_trim([_GridRow(r.bbox, list(r.cells)) for r in t.rows], t.col_count, lines) for t in found]
    return [r for r in regions if r is not None and _is_grid(r)]


def _found_tables(page: pymupdf.Page, space: _Space, lines: list, number: int, failures: list[Failure], first_error=None):
    """The tables `Page.find_tables` finds, trimmed as ours are. On a failure: a `failures` entry,
    and [] (None when our reader's error `first_error` came first)."""
    if first_error is None and not page.get_cdrawings():  # no ruling lines, no grid: skip the costly search
        return []
    try:
        found = page.find_tables().tables
    except Exception as exc:  # a malformed drawing must not cost us the page's text; the report is flagged
        log.warning("page %d: the table search failed (%s: %s); its text is read without tables", number, type(exc).__name__, exc)
        failures.append(Failure(flag=TABLES_FAILED, page=number, message=f"table search failed: {type(exc).__name__}: {exc}"))
        return None if first_error is not None else []
    regions = [
        _trim([_GridRow(tuple(r.bbox), [None if c is None else tuple(c) for c in r.cells]) for r in t.rows], t.col_count, lines)
        for t in found
    ]
    return [r for r in regions if r is not None and _is_grid(r)]


def _trim(rows: list[_GridRow], col_count: int, lines: list) -> _Region | None:
    """Drop framed prose taken for single-cell rows above or below the grid (a caption row above
    it stays)."""
    multi = [i for i, r in enumerate(rows) if _cell_count(r) >= 2]
    if not multi:
        return None
    first, last = multi[0], multi[-1]
    while first > 0 and TABLE_CAPTION_RE.search(_text_in(rows[first - 1].bbox, lines)):
        first -= 1
    return _Region(rows[first : last + 1], col_count)


def _text_in(box, lines: list) -> str:
    """The characters whose boxes overlap `box`, a line of text a line, as `Page.get_textbox` gives them."""
    x0, y0, x1, y1 = box
    texts = []
    for glyphs, _ in lines:
        hit = "".join(g.c for g in glyphs if g.bbox[0] < x1 and x0 < g.bbox[2] and g.bbox[1] < y1 and y0 < g.bbox[3])
        if hit:
            texts.append(hit)
    return "\n".join(texts)


def _dropped(region: _Region, glyphs: list[_Glyph]) -> int:
    """Visible characters inside a table's box but in none of its cells (their text would be lost)."""
    x0, y0, x1, y1 = region.bbox
    inside = [g for g in glyphs if x0 <= g.center[0] <= x1 and y0 <= g.center[1] <= y1]
    cells = [c for row in region.rows for c in row.cells if c is not None]
    placed = {i for hits in _cell_glyphs(cells, inside) for i in hits}
    return len(inside) - len(placed)


def _cell_glyphs(cells: list, glyphs: list[_Glyph]) -> list[list[int]]:
    """For each cell box, the indices of the glyphs whose centre it holds (edges included), in order."""
    centres = [g.center for g in glyphs]
    order = sorted(range(len(glyphs)), key=lambda i: centres[i][1])
    ys = [centres[i][1] for i in order]
    placed = []
    for x0, y0, x1, y1 in cells:
        band = order[bisect.bisect_left(ys, y0) : bisect.bisect_right(ys, y1)]
        placed.append(sorted(i for i in band if x0 <= centres[i][0] <= x1))
    return placed


def _cell_count(row) -> int:
    return sum(c is not None for c in row.cells)


def _is_grid(region: _Region) -> bool:
    """A real table has rows of several cells; a framed text box is one column of lines."""
    multi = sum(_cell_count(row) >= 2 for row in region.rows)
    return multi >= MIN_GRID_ROW_SHARE * len(region.rows)


def _table_of(g: _Glyph, tables: list) -> int | None:
    x, y = g.center
    for i, t in enumerate(tables):
        x0, y0, x1, y1 = t.bbox
        if x0 <= x <= x1 and y0 <= y <= y1:
            return i
    return None


def _table_rows(table: _Region, glyphs: list[_Glyph], page: pymupdf.Page, space: _Space, atoms: Atoms) -> list[Line]:
    """One `Line` per table row; each cell's text comes from the glyphs whose centre it holds.
    A merged cell appears once, in the row and column where it starts, with its spans."""
    col_x = [min((r.cells[j][0] for r in table.rows if r.cells[j] is not None), default=1e9) for j in range(table.col_count)]
    row_y = [r.bbox[1] for r in table.rows]
    placed = iter(_cell_glyphs([box for row in table.rows for box in row.cells if box is not None], glyphs))
    lines = []
    for row in table.rows:
        cells = []
        for col, box in enumerate(row.cells):
            if box is None:  # covered by a merged cell to the left or above
                continue
            inside = [glyphs[i] for i in next(placed)]
            if space.scan is not None:
                inside = _ocr_cell(inside or [_Glyph(c, bbox, confidence) for c, bbox, confidence in space.scan.read_cell(box)])
            text = TrackedText.of("".join(g.c for g in inside), (atoms.add_glyph(page.number + 1, g.bbox) for g in inside))
            colspan = sum(box[0] - SPAN_TOLERANCE <= x < box[2] - SPAN_TOLERANCE for x in col_x)
            rowspan = sum(box[1] - SPAN_TOLERANCE <= y < box[3] - SPAN_TOLERANCE for y in row_y)
            verified = space.verify(inside) if DIGIT_RE.search(text.text) else None
            cells.append(SourceCell(text, col, max(rowspan, 1), max(colspan, 1), tuple(box), verified))
        lines.append(row_line(cells, page=page.number + 1, bbox=tuple(row.bbox)))
    return lines


def _ocr_cell(glyphs: list[_Glyph]) -> list[_Glyph]:
    """An OCR'd cell's characters line by line, top to bottom; in a number, the letters OCR takes
    digits for (o → 0, l → 1…, nlp/data/ocr.yaml) are read as those digits with no confidence, so
    the cell is withheld as unverified unless an identity settles it."""
    ordered = _by_lines(glyphs)
    lookalikes = ocr.settings()["digit_lookalikes"]
    text = "".join(g.c for g in ordered).strip()
    if not any(c in lookalikes for c in text) or not all(c.isdigit() or c in lookalikes or c in ".," for c in text):
        return ordered
    return [_Glyph(lookalikes[g.c], g.bbox, 0.0) if g.c in lookalikes else g for g in ordered]


def _by_lines(glyphs: list[_Glyph]) -> list[_Glyph]:
    """Glyphs in lines (centres less than half a glyph's height apart), each left to right."""
    lines: list[list[_Glyph]] = []
    for g in sorted(glyphs, key=lambda g: g.center[1]):
        if lines and g.center[1] - lines[-1][0].center[1] < (g.bbox[3] - g.bbox[1]) / 2:
            lines[-1].append(g)
        else:
            lines.append([g])
    return [g for line in lines for g in sorted(line, key=lambda g: g.center[0])]


def _loose_table_rows(lines: list, page: pymupdf.Page, space: _Space, atoms: Atoms) -> tuple[list[Line], list]:
    """Rows of the tables printed without ruling lines, and the lines left once their words are taken."""
    pieces = [p for i, (glyphs, _) in enumerate(lines) for p in split_line(glyphs, i)]
    tables = loose_tables(pieces)
    used = {id(g) for t in tables for row in t.rows for p in row.labels + row.values for s in p.stack() for g in s.glyphs}
    rows = [_loose_row(t, row, page, space, atoms) for t in tables for row in t.rows]
    rest = [([g for g in glyphs if id(g) not in used], meta) for glyphs, meta in lines]
    return rows, [(glyphs, meta) for glyphs, meta in rest if "".join(g.c for g in glyphs).strip()]


def _loose_row(table: LooseTable, row: Row, page: pymupdf.Page, space: _Space, atoms: Atoms) -> Line:
    """One `Line` per row: label cells first, then each word over a value column in that column."""
    label_cols = max((len(r.labels) for r in table.rows if r.values), default=0)
    cells = []
    for i, piece in enumerate(row.labels + row.values):
        glyphs = [g for s in piece.stack() for g in s.glyphs]
        text = TrackedText.of("".join(g.c for g in glyphs), (atoms.add_glyph(page.number + 1, g.bbox) for g in glyphs))
        box = stack_box(piece)
        column = table.column_of(piece)
        spans = sum(1 for c0, c1 in table.columns if box[0] < c1 and c0 < box[2])
        col = label_cols + column if column is not None and (piece.is_value or not row.values) else i
        verified = space.verify(glyphs) if piece.is_value else None
        cells.append(SourceCell(text, col, 1, max(spans, 1) if not piece.is_value else 1, box, verified))
    x0 = min(c.bbox[0] for c in cells)
    x1 = max(c.bbox[2] for c in cells)
    return row_line(cells, page=page.number + 1, bbox=(x0, row.top, x1, row.bottom))
