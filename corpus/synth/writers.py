"""DOCX, HTML, plain-text and Markdown output of a synthetic report.

All four walk the report the same way (`blocks`): title, then per section its heading, its
paragraphs and its table (a Grid, see grid.py), and differ only in how they print each block.
"""
from __future__ import annotations

import html
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from docx import Document
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml.ns import qn
from docx.shared import Cm, Pt

from .grid import Grid, make_grid, matrix
from .model import SynthReport

# DOCX typography of a government report: 小标宋 title, 黑体 headings, 仿宋 body.
DOCX_TITLE_FONT = "方正小标宋简体"
DOCX_HEADING_FONT = "黑体"
DOCX_BODY_FONT = "仿宋_GB2312"
DOCX_TABLE_FONT = "宋体"
DOCX_LATIN_FONT = "Times New Roman"
DOCX_TITLE_PT = 22
DOCX_BODY_PT = 16
DOCX_TABLE_PT = 9
DOCX_LINE_PT = 28
DOCX_MARGINS_CM = (3.7, 3.5, 2.8, 2.6)  # top, bottom, left, right (GB/T 9704)


@dataclass
class Block:
    kind: str                 # title | heading | paragraph | table
    text: str = ""
    grid: Grid | None = None


def blocks(report: SynthReport) -> Iterator[Block]:
    """The report in reading order, as the writers print it."""
    yield Block("title", report.title)
    for section in report.sections:
        if section.heading:
            yield Block("heading", section.heading)
        for paragraph in section.paragraphs:
            yield Block("paragraph", paragraph)
        if section.table:
            yield Block("table", grid=make_grid(section.table, report.tables))


# --------------------------------------------------------------------------------- text

def write_text(report: SynthReport, path) -> None:
    """Plain text: one line per title, heading and paragraph, blank lines between blocks,
    tables as tab-separated lines (a merged cell's text in its first position)."""
    Path(path).write_text("\n\n".join(_text_block(b) for b in blocks(report)) + "\n", encoding="utf-8")


def _text_block(block: Block) -> str:
    if block.kind == "table":
        return "\n".join("\t".join(row) for row in matrix(block.grid))
    return block.text


# ----------------------------------------------------------------------------- markdown

def write_markdown(report: SynthReport, path) -> None:
    """Markdown as converters make it: headings as plain lines, tables as pipe tables."""
    Path(path).write_text("\n\n".join(_markdown_block(b) for b in blocks(report)) + "\n", encoding="utf-8")


def _markdown_block(block: Block) -> str:
    if block.kind != "table":
        return block.text
    rows = matrix(block.grid)
    lines = [_pipe_row(rows[0]), _pipe_row(["---"] * len(rows[0]))]
    lines.extend(_pipe_row(row) for row in rows[1:])
    return "\n".join(lines)


def _pipe_row(cells: list[str]) -> str:
    return "| " + " | ".join(c.replace("|", "\\|") for c in cells) + " |"


# --------------------------------------------------------------------------------- html

HTML_PAGE = """<!DOCTYPE html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<title>{title}</title>
</head>
<body>
<div class="article">
{body}
</div>
</body>
</html>
"""
HTML_CELL_STYLE = "border:1px solid windowtext;padding:5px"


def write_html(report: SynthReport, path) -> None:
    """A government-site article: <p style="text-indent:2em">, headings in <strong>,
    tables with rowspan/colspan."""
    body = "\n".join(_html_block(b) for b in blocks(report))
    Path(path).write_text(HTML_PAGE.format(title=html.escape(report.title), body=body), encoding="utf-8")


def _html_block(block: Block) -> str:
    text = html.escape(block.text)
    if block.kind == "title":
        return f'<h1 style="text-align:center">{text}</h1>'
    if block.kind == "heading":
        return f'<p style="text-indent:2em"><strong>{text}</strong></p>'
    if block.kind == "paragraph":
        return f'<p style="text-indent:2em">{text}</p>'
    return _html_table(block.grid)


def _html_table(grid: Grid) -> str:
    rows: list[list[str]] = [[] for _ in range(grid.n_rows)]
    for cell in sorted(grid.cells, key=lambda c: (c.row, c.col)):
        spans = "".join(f' {name}="{n}"' for name, n in
                        (("rowspan", cell.rowspan), ("colspan", cell.colspan)) if n > 1)
        rows[cell.row].append(f'<td{spans} style="{HTML_CELL_STYLE}">{html.escape(cell.text)}</td>')
    body = "\n".join(f"<tr>{''.join(cells)}</tr>" for cells in rows)
    return (f'<table border="1" cellspacing="0" align="center" style="border-collapse:collapse">'
            f"<tbody>\n{body}\n</tbody></table>")


# --------------------------------------------------------------------------------- docx

def write_docx(report: SynthReport, path) -> None:
    """A Word document: A4, 仿宋 16pt body with a two-character first-line indent, headings
    as bold 黑体 paragraphs (no Heading styles, as offices write them), merged table headers."""
    doc = Document()
    _docx_page(doc)
    for block in blocks(report):
        if block.kind == "table":
            _docx_table(doc, block.grid)
            continue
        paragraph = doc.add_paragraph()
        fmt = paragraph.paragraph_format
        fmt.line_spacing = Pt(DOCX_LINE_PT)
        fmt.space_after = Pt(0)
        if block.kind == "title":
            paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
            _docx_run(paragraph, block.text, DOCX_TITLE_FONT, Pt(DOCX_TITLE_PT), bold=False)
            continue
        fmt.first_line_indent = Pt(2 * DOCX_BODY_PT)
        font = DOCX_HEADING_FONT if block.kind == "heading" else DOCX_BODY_FONT
        _docx_run(paragraph, block.text, font, Pt(DOCX_BODY_PT), bold=block.kind == "heading")
    doc.core_properties.title = report.title
    doc.core_properties.author = report.agency
    doc.save(str(path))


def _docx_page(doc) -> None:
    section = doc.sections[0]
    section.page_width, section.page_height = Cm(21.0), Cm(29.7)
    top, bottom, left, right = DOCX_MARGINS_CM
    section.top_margin, section.bottom_margin = Cm(top), Cm(bottom)
    section.left_margin, section.right_margin = Cm(left), Cm(right)


def _docx_run(paragraph, text: str, east_asian_font: str, size, bold: bool):
    """A run whose Chinese is set in `east_asian_font` and digits in Times New Roman."""
    run = paragraph.add_run(text)
    run.font.size = size
    run.font.bold = bold
    run.font.name = DOCX_LATIN_FONT
    fonts = run._element.get_or_add_rPr().get_or_add_rFonts()
    fonts.set(qn("w:eastAsia"), east_asian_font)
    return run


def _docx_table(doc, grid: Grid) -> None:
    """The grid as a Word table, merged cells merged, borders on (Table Grid style)."""
    table = doc.add_table(rows=grid.n_rows, cols=grid.n_cols)
    table.style = "Table Grid"
    # Cell objects fetched once (table.cell() rebuilds the whole grid on every call); merging
    # finds positions from the XML, so they stay valid while merges are done.
    cells = table._cells
    at = lambda row, col: cells[row * grid.n_cols + col]  # noqa: E731
    for cell in grid.cells:
        target = at(cell.row, cell.col)
        if cell.rowspan > 1 or cell.colspan > 1:
            target = target.merge(at(cell.row + cell.rowspan - 1, cell.col + cell.colspan - 1))
        paragraph = target.paragraphs[0]
        if cell.kind != "label":
            paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
        _docx_run(paragraph, cell.text, DOCX_TABLE_FONT, Pt(DOCX_TABLE_PT), bold=False)
