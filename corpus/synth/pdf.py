"""PDF output laid out like a real report: A4, 16pt body, 28 characters a line, bordered tables.

Layout is a chain of small steps that produce page drafts (text runs and cell rectangles):
    tokenize → wrap (kinsoku, hanging punctuation) → place lines on pages (Flow)
    make_grid → cell lines → row heights → paginate rows → cell segments
and only `render` touches PyMuPDF. Digits and Latin letters are set in Times, a quarter em
from neighbouring ideographs as WPS sets them, so get_text() reads "3000 余条" (layout spaces).
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cache
from itertools import groupby

import pymupdf

from .grid import Cell, Grid, make_grid
from .model import SynthReport

# ------------------------------------------------------------------------------ settings


@dataclass(frozen=True)
class PdfStyle:
    page_width: float = 595.28          # A4
    page_height: float = 841.89
    left: float = 73.7                  # 28 characters of 16pt between the margins
    text_width: float = 448.0
    top: float = 72.0                   # top of the first line box
    bottom: float = 780.0               # bottom of the last line box
    body_size: float = 16.0
    line_pitch: float = 28.5
    title_size: float = 22.0
    title_pitch: float = 34.0
    title_top: float = 110.0
    header_size: float = 10.5           # running header
    header_baseline: float = 48.0
    footer_size: float = 14.0           # page number "- N -"
    footer_baseline: float = 808.0
    table_sizes: tuple = (("t2", 10.0), ("t3", 8.0), ("t4", 8.0))
    cell_padding: float = 3.5
    cell_leading: float = 1.3           # cell line height / font size
    table_gap: float = 8.0              # space above and below a table
    rule_width: float = 0.6
    latin_gap: float = 0.25             # em, between Latin/digits and an ideograph
    ascent: float = 0.86                # baseline below the top of a line box, in em
    min_rows_after_header: int = 2      # a table header never ends a page alone

    def table_size(self, name: str) -> float:
        return dict(self.table_sizes)[name]


STYLE = PdfStyle()
# Kinsoku: what may not begin a line (it hangs in the margin instead) and what may not end one.
NO_LINE_START = set("，。、；：？！）》〉〕】”’」』%…·")
NO_LINE_END = set("（《〈〔【“‘「『")
MAX_HANGING = 2
# Label cells narrower than this (pt) are centred: the vertical 三、本年度办理结果 column.
NARROW_CELL = 40.0
LATIN = re.compile(r"[\x21-\x7e]+")
IDEOGRAPH = re.compile(r"[\u3400-\u9fff]")


@cache
def font(name: str) -> pymupdf.Font:
    """"cjk" (Droid Sans Fallback, built into PyMuPDF) or "latin" (Times)."""
    return pymupdf.Font("cjk" if name == "cjk" else "tiro")


# -------------------------------------------------------------------------- page drafts

@dataclass
class Run:
    x: float
    y: float            # baseline
    text: str
    font: str           # cjk | latin
    size: float
    bold: bool = False


@dataclass
class PageDraft:
    runs: list[Run] = field(default_factory=list)
    tables: dict[str, list[tuple[float, float, float, float]]] = field(default_factory=dict)
    rules: list[tuple[float, float, float, float]] = field(default_factory=list)


# ----------------------------------------------------------------------- text measuring

def tokenize(text: str) -> list[str]:
    """Unbreakable pieces: a run of Latin letters/digits, or one other character."""
    tokens, position = [], 0
    for match in LATIN.finditer(text):
        tokens.extend(text[position:match.start()])
        tokens.append(match.group())
        position = match.end()
    tokens.extend(text[position:])
    return tokens


def is_latin(token: str) -> bool:
    return bool(LATIN.fullmatch(token))


def token_width(token: str, size: float) -> float:
    return font("latin" if is_latin(token) else "cjk").text_length(token, fontsize=size)


def gap_between(before: str | None, after: str, size: float, style: PdfStyle = STYLE) -> float:
    """WPS-like space between Latin and an ideograph, either way round."""
    if before is None:
        return 0.0
    pair = (is_latin(before) and IDEOGRAPH.match(after)) or (is_latin(after) and IDEOGRAPH.match(before[-1]))
    return style.latin_gap * size if pair else 0.0


@dataclass
class Line:
    tokens: list[str]
    offsets: list[float]   # x of each token from the line start
    width: float


def wrap(text: str, width: float, size: float, indent: float = 0.0) -> list[Line]:
    """Greedy line breaking by glyph widths; punctuation hangs rather than starting a line."""
    tokens = tokenize(text)
    lines: list[Line] = []
    current = Line([], [], indent)
    i, hung = 0, 0
    while i < len(tokens):
        token = tokens[i]
        previous = current.tokens[-1] if current.tokens else None
        advance = gap_between(previous, token, size) + token_width(token, size)
        fits = current.width + advance <= width + 0.01
        if fits or not current.tokens or (token in NO_LINE_START and hung < MAX_HANGING):
            hung = 0 if fits else hung + 1
            current.offsets.append(current.width + gap_between(previous, token, size))
            current.tokens.append(token)
            current.width += advance
            i += 1
            continue
        if previous in NO_LINE_END and len(current.tokens) > 1:
            current.tokens.pop()  # an opening bracket moves down with what it opens
            current.offsets.pop()
            current.width = current.offsets[-1] + token_width(current.tokens[-1], size)
            i -= 1
        lines.append(current)
        current, hung = Line([], [], 0.0), 0
    if current.tokens:
        lines.append(current)
    return lines


def line_runs(line: Line, x: float, baseline: float, size: float, bold: bool = False) -> list[Run]:
    """A wrapped line as text runs, one per stretch of the same font (gaps fall between)."""
    runs: list[Run] = []
    for token, offset in zip(line.tokens, line.offsets, strict=True):
        kind = "latin" if is_latin(token) else "cjk"
        if runs and runs[-1].font == kind:
            runs[-1].text += token
        else:
            runs.append(Run(x + offset, baseline, token, kind, size, bold))
    return runs


# ------------------------------------------------------------------------------ the flow

class Flow:
    """A cursor running down the pages: y is the top of the next free line box."""

    def __init__(self, style: PdfStyle):
        self.style = style
        self.pages: list[PageDraft] = [PageDraft()]
        self.y = style.top

    @property
    def page(self) -> PageDraft:
        return self.pages[-1]

    def room(self) -> float:
        return self.style.bottom - self.y

    def new_page(self) -> None:
        self.pages.append(PageDraft())
        self.y = self.style.top

    def line(self, line: Line, x: float, size: float, pitch: float, bold: bool = False) -> None:
        """Places one text line, starting a new page when this one is full."""
        if self.room() < pitch:
            self.new_page()
        baseline = self.y + (pitch - size) / 2 + self.style.ascent * size
        self.page.runs.extend(line_runs(line, x, baseline, size, bold))
        self.y += pitch


def place_title(flow: Flow, report: SynthReport) -> None:
    """Two centred lines: the agency, then "<year>年政府信息公开工作年度报告"."""
    s = flow.style
    flow.y = s.title_top
    for text in (report.agency, report.title[len(report.agency):]):
        line = wrap(text, s.text_width, s.title_size)[0]
        flow.line(line, s.left + (s.text_width - line.width) / 2, s.title_size, s.title_pitch, bold=True)
    flow.y += s.line_pitch


def place_paragraph(flow: Flow, text: str) -> None:
    """Body text, first line indented two characters."""
    s = flow.style
    for line in wrap(text, s.text_width, s.body_size, indent=2 * s.body_size):
        flow.line(line, s.left, s.body_size, s.line_pitch)


def place_heading(flow: Flow, text: str, split: bool = False) -> None:
    """A heading on its own line(s), kept with the next line; or, with `split`, starting on
    the last line of this page and ending on the next one."""
    s = flow.style
    if split:
        cut = max(3, len(text) // 2)
        if flow.room() < s.line_pitch:
            flow.new_page()
        flow.y = s.bottom - s.line_pitch
        flow.line(wrap(text[:cut], s.text_width, s.body_size, indent=2 * s.body_size)[0],
                  s.left, s.body_size, s.line_pitch, bold=True)
        flow.new_page()
        for line in wrap(text[cut:], s.text_width, s.body_size):
            flow.line(line, s.left, s.body_size, s.line_pitch, bold=True)
        return
    lines = wrap(text, s.text_width, s.body_size, indent=2 * s.body_size)
    if flow.room() < (len(lines) + 1) * s.line_pitch:
        flow.new_page()
    for line in lines:
        flow.line(line, s.left, s.body_size, s.line_pitch, bold=True)


# ---------------------------------------------------------------------------- the tables

@dataclass
class CellBox:
    cell: Cell
    x0: float
    x1: float
    lines: list[Line]


def column_edges(grid: Grid, style: PdfStyle) -> list[float]:
    """x of every column boundary, the grid filling the text width."""
    scale = style.text_width / sum(grid.widths)
    edges = [style.left]
    for w in grid.widths:
        edges.append(edges[-1] + w * scale)
    return edges


def cell_boxes(grid: Grid, edges: list[float], size: float, style: PdfStyle) -> list[CellBox]:
    """Each cell with its horizontal extent and its text wrapped to fit inside."""
    boxes = []
    for cell in grid.cells:
        x0, x1 = edges[cell.col], edges[cell.col + cell.colspan]
        lines = wrap(cell.text, x1 - x0 - 2 * style.cell_padding, size) if cell.text else []
        boxes.append(CellBox(cell, x0, x1, lines))
    return boxes


def row_heights(grid: Grid, boxes: list[CellBox], size: float, style: PdfStyle) -> list[float]:
    """Row heights that fit every cell's lines; a merged cell stretches its last row."""
    lead = size * style.cell_leading
    need = lambda box: len(box.lines) * lead + 2 * style.cell_padding  # noqa: E731
    heights = [lead + 2 * style.cell_padding] * grid.n_rows
    for box in sorted(boxes, key=lambda b: b.cell.rowspan):
        first, span = box.cell.row, box.cell.rowspan
        short = need(box) - sum(heights[first:first + span])
        if short > 0:
            heights[first + span - 1] += short
    return heights


def paginate_rows(flow: Flow, grid: Grid, heights: list[float], split: bool,
                  force_break: int | None) -> list[tuple[int, float]]:
    """(page index, top y) of every row; moves the flow below the table.

    Header rows stay together with the first body rows. Without `split` a table that does
    not fit on this page starts on the next; `force_break` starts that row on a new page.
    """
    s = flow.style
    start = sum(heights[: grid.header_rows + s.min_rows_after_header]) + s.table_gap
    whole = sum(heights) + s.table_gap
    if flow.room() < start or (not split and flow.room() < whole):
        flow.new_page()
    flow.y += s.table_gap
    places = []
    for i, h in enumerate(heights):
        if flow.room() < h or i == force_break:
            flow.new_page()
        places.append((len(flow.pages) - 1, flow.y))
        flow.y += h
    flow.y += s.table_gap
    return places


def place_table(flow: Flow, grid: Grid, split: bool, break_choice: int) -> None:
    """Draws the grid's cells (split at page breaks) and their text."""
    s = flow.style
    size = s.table_size(grid.name)
    edges = column_edges(grid, s)
    boxes = cell_boxes(grid, edges, size, s)
    heights = row_heights(grid, boxes, size, s)
    mark = (len(flow.pages), flow.y)
    places = paginate_rows(flow, grid, heights, split, None)
    if split and places[0][0] == places[-1][0]:
        _rewind(flow, *mark)
        places = paginate_rows(flow, grid, heights, split, _forced_break_row(grid, break_choice))
    for box in boxes:
        _draw_cell(flow, grid.name, box, heights, places, size)


def _rewind(flow: Flow, n_pages: int, y: float) -> None:
    del flow.pages[n_pages:]
    flow.y = y


def _forced_break_row(grid: Grid, choice: int) -> int:
    """A body row inside a merged label cell, so the break cuts that cell in two."""
    inside = sorted({r for c in grid.cells if c.rowspan > 1 and c.row >= grid.header_rows
                     for r in range(c.row + 1, c.row + c.rowspan) if c.col > 0})
    return inside[choice % len(inside)] if inside else grid.n_rows // 2


def _draw_cell(flow: Flow, grid_name: str, box: CellBox, heights: list[float],
               places: list[tuple[int, float]], size: float) -> None:
    """The cell's border on each page it spans, and its lines centred in its full height
    (a line that would straddle a page break moves to the next page, pushing the rest)."""
    rows = range(box.cell.row, box.cell.row + box.cell.rowspan)
    segments = _segments(rows, heights, places)
    for seg in segments:
        flow.pages[seg.page].tables.setdefault(grid_name, []).append(
            (box.x0, seg.top, box.x1, seg.top + seg.end - seg.start))
    s = flow.style
    lead = size * s.cell_leading
    offset = (segments[-1].end - len(box.lines) * lead) / 2
    for line in box.lines:
        seg = next((g for g in segments if offset < g.end - lead / 2), segments[-1])
        if offset + lead > seg.end and seg is not segments[-1]:
            seg = segments[segments.index(seg) + 1]
        offset = max(offset, seg.start + s.cell_padding / 2) if seg is not segments[0] else offset
        top = seg.top + offset - seg.start
        baseline = top + (lead - size) / 2 + s.ascent * size
        flow.pages[seg.page].runs.extend(line_runs(line, _cell_line_x(box, line, s), baseline, size))
        offset += lead


@dataclass
class Segment:
    """The part of a merged cell on one page: its page, its top y there, and the stretch
    [start, end) of the cell's full height that it shows."""

    page: int
    top: float
    start: float
    end: float


def _segments(rows: range, heights: list[float], places: list[tuple[int, float]]) -> list[Segment]:
    segments: list[Segment] = []
    position = 0.0
    for r in rows:
        page, top = places[r]
        if not segments or segments[-1].page != page:
            segments.append(Segment(page, top, position, position))
        position += heights[r]
        segments[-1].end = position
    return segments


def _cell_line_x(box: CellBox, line: Line, style: PdfStyle) -> float:
    """Row labels are set flush left, headers and numbers centred."""
    if box.cell.kind == "label" and box.x1 - box.x0 > NARROW_CELL:
        return box.x0 + style.cell_padding
    return box.x0 + (box.x1 - box.x0 - line.width) / 2


# ------------------------------------------------------------------------------- layout

@dataclass
class PdfOptions:
    split_heading: str | None = None     # number of the section whose heading is cut in two
    split_table: bool = True
    running_header: bool = False
    table_rules: str = "grid"  # grid | horizontal (rules between rows only) | none


def layout(report: SynthReport, options: PdfOptions, style: PdfStyle = STYLE) -> tuple[list[PageDraft], dict]:
    """The report as page drafts, and where each heading landed: {number: (page, y)}."""
    flow = Flow(style)
    place_title(flow, report)
    landed = {}
    for section in report.sections:
        if section.heading:
            place_heading(flow, section.heading, split=section.number == options.split_heading)
            landed[section.number] = (len(flow.pages) - 1, flow.y - style.line_pitch)
        for paragraph in section.paragraphs:
            place_paragraph(flow, paragraph)
        if section.table:
            split = options.split_table and section.table == "t3"
            place_table(flow, make_grid(section.table, report.tables), split, report.seed or 0)
    _decorate(flow.pages, report, options, style)
    return flow.pages, landed


def _decorate(pages: list[PageDraft], report: SynthReport, options: PdfOptions, style: PdfStyle) -> None:
    """Page numbers "- N -" centred at the bottom; optionally the agency at the top."""
    for n, page in enumerate(pages, start=1):
        page.runs.append(_centred_latin(f"- {n} -", style.footer_baseline, style.footer_size, style))
        if options.running_header:
            header = wrap(report.title, style.text_width, style.header_size)[0]
            page.runs[:0] = _centred(header, style.header_baseline, style.header_size, style)
            rule_y = style.header_baseline + 6
            page.rules.append((style.left, rule_y, style.left + style.text_width, rule_y))


def _centred_latin(text: str, baseline: float, size: float, style: PdfStyle) -> Run:
    width = font("latin").text_length(text, fontsize=size)
    return Run(style.left + (style.text_width - width) / 2, baseline, text, "latin", size)


def _centred(line: Line, baseline: float, size: float, style: PdfStyle) -> list[Run]:
    return line_runs(line, style.left + (style.text_width - line.width) / 2, baseline, size)


def heading_to_split(report: SynthReport, options: PdfOptions) -> str | None:
    """The heading (二 … 六) lying lowest on its page, so cutting it leaves the least gap."""
    _, landed = layout(report, options)
    candidates = {n: pos for n, pos in landed.items() if n != "一"}
    return max(candidates, key=lambda n: candidates[n][1]) if candidates else None


# ------------------------------------------------------------------------------- render

def render(pages: list[PageDraft], style: PdfStyle = STYLE, table_rules: str = "grid") -> pymupdf.Document:
    """Page drafts as a PDF: rectangles and rules stroked, runs written by TextWriters."""
    doc = pymupdf.open()
    for draft in pages:
        page = doc.new_page(width=style.page_width, height=style.page_height)
        _draw_lines(page, draft, style, table_rules)
        _write_runs(page, draft)
    return doc


def _draw_lines(page: pymupdf.Page, draft: PageDraft, style: PdfStyle, table_rules: str) -> None:
    """One path per table (one path for all would make find_tables see a single table). Cells are
    framed (grid), or only their top and bottom edges drawn (horizontal), or nothing (none)."""
    shape = page.new_shape()
    for rects in draft.tables.values() if table_rules != "none" else ():
        for x0, y0, x1, y1 in rects:
            if table_rules == "grid":
                shape.draw_rect(pymupdf.Rect(x0, y0, x1, y1))
            else:
                shape.draw_line((x0, y0), (x1, y0))
                shape.draw_line((x0, y1), (x1, y1))
        shape.finish(width=style.rule_width, color=(0, 0, 0))
    for x0, y0, x1, y1 in draft.rules:
        shape.draw_line((x0, y0), (x1, y1))
        shape.finish(width=style.rule_width / 2, color=(0, 0, 0))
    shape.commit()


def _write_runs(page: pymupdf.Page, draft: PageDraft) -> None:
    """Runs in reading order; bold runs are filled and stroked (a 黑体-like weight)."""
    for bold, runs in groupby(draft.runs, key=lambda r: r.bold):
        writer = pymupdf.TextWriter(page.rect)
        for run in runs:
            writer.append((run.x, run.y), run.text, font=font(run.font), fontsize=run.size)
        writer.write_text(page, render_mode=2 if bold else 0)


def write_pdf(report: SynthReport, path, *, split_heading_across_pages: bool = False,
              split_table_across_pages: bool = True, running_header: bool = False, table_rules: str = "grid") -> None:
    """Writes the report as a PDF (see the module docstring for what it looks like)."""
    options = PdfOptions(split_table=split_table_across_pages, running_header=running_header, table_rules=table_rules)
    if split_heading_across_pages:
        options.split_heading = heading_to_split(report, options)
    pages, _ = layout(report, options)
    doc = render(pages, table_rules=options.table_rules)
    doc.set_metadata({"title": report.title, "author": report.agency, "creator": "touming corpus.synth"})
    doc.subset_fonts()
    doc.save(str(path), garbage=3, deflate=True, no_new_id=True)  # same report, same bytes
    doc.close()
