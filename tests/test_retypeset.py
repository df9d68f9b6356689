"""Real reports typeset again as PDFs, to read the same report through the PDF path.

Tables: the web pages typeset with full ruling, horizontal rules only, or none must give their
tables back whatever the ruling, and no cell may come back wrong; written as Word documents (their
tables with the same merged cells) or as Markdown pipe tables (merged cells blank or repeated, as
converters leave them) they must give every cell back. Text: the clean text of every
text and Markdown report typeset as a PDF (ragged right, so lines stop short wherever the next
word does not fit) must give the outline the text gives, every figure the text gives, and no
table cell that disagrees with it.

The saved web pages with tables (pingtan 2019–2025, shanghai_office_2019, shuyang_fgj_2023) are laid out by PyMuPDF's Story (HTML → PDF) with only
their rowspan/colspan kept, so the gold cells of the HTML (corpus/gold/tables/html/) hold for the PDFs.
"""

import html
import re
from collections import Counter
from pathlib import Path

import docx
import lxml.html
import pymupdf
import pytest
from gold import GOLD, GOLD_TABLES, cells_against_gold, real_path

import nlp

RULES_CSS = {
    "grid": "table{border-collapse:collapse;width:100%} td,th{border:0.5pt solid black;padding:1pt;font-size:8pt}",
    "horizontal": "table{border-collapse:collapse;width:100%} td,th{border-bottom:0.5pt solid black;padding:1pt;font-size:8pt}",
    "none": "table{width:100%} td,th{padding:2pt;font-size:8pt}",
}
PAGES = [f"html/pingtan_{year}.html" for year in range(2019, 2026)] + ["shanghai_office_2019.html", "html/shuyang_fgj_2023.html"]
# Where PyMuPDF lays the page out whole, every gold cell must come back. Elsewhere it drops part of a
# table (pingtan 2019 and 2022 without rules), sets header cells over the first row (pingtan 2021
# and 2022 ruled) or splits a row from its values (shuyang); shanghai_office_2019 prints zeros as
# blank cells, which leave no trace without ruling lines.
LAID_OUT_WHOLE = {
    "grid": (2019, 2020, 2023, 2024, 2025),
    "horizontal": (2019, 2020, 2021, 2023, 2024, 2025),
    "none": (2020, 2021, 2023, 2024, 2025),
}
KEPT_ATTRIBUTES = re.compile(r'(?:rowspan|colspan)="?\d+"?', re.I)


def retypeset(html_path, pdf_path, rules):
    """The web page's body as a PDF, with only rowspan and colspan kept of its markup's attributes."""
    page_html = html_path.read_text("utf-8")
    page_html = re.sub(r"(?is)<(script|style|head)[^>]*>.*?</\1>|<link[^>]*>", "", page_html)
    page_html = re.sub(
        r"<(\w+)(\s[^>]*)>", lambda m: f"<{m.group(1)} {' '.join(KEPT_ATTRIBUTES.findall(m.group(2)))}>", page_html
    )
    css = RULES_CSS[rules] + " * {font-family: sans-serif} p{font-size:10pt; margin:0}"
    _write(pymupdf.Story(html=page_html, user_css=css), pdf_path, margins=(40, 50, -40, -50))


def _write(story, pdf_path, margins):
    """Lay the story out on as many A4 pages as it takes."""
    writer = pymupdf.DocumentWriter(str(pdf_path))
    page = pymupdf.paper_rect("a4")
    more = True
    while more:
        device = writer.begin_page(page)
        more, _ = story.place(page + margins)
        story.draw(device)
        writer.end_page()
    writer.close()


def _compare(real, tmp_path, page, rules):
    pdf = tmp_path / f"{Path(page).stem}_{rules}.pdf"
    retypeset(real / page, pdf, rules)
    return cells_against_gold(nlp.extract(pdf), GOLD_TABLES / f"{page}.yaml")


def _laid_out_whole(page, rules):
    pingtan = {f"html/pingtan_{year}.html" for year in LAID_OUT_WHOLE[rules]}
    return page in pingtan or (page, rules) == ("shanghai_office_2019.html", "grid")


@pytest.mark.parametrize("rules", list(RULES_CSS))
@pytest.mark.parametrize("page", PAGES)
def test_no_cell_comes_back_wrong_whatever_the_ruling(real, tmp_path, page, rules):
    wrong, missing = _compare(real, tmp_path, page, rules)
    assert not wrong, f"{len(wrong)} wrong cells, e.g. {list(wrong.items())[:5]}"
    if _laid_out_whole(page, rules):
        assert not missing, f"{len(missing)} cells missing, e.g. {missing[:5]}"


TEXT_REPORTS = [real_path(g) for g in sorted(GOLD.rglob("*.yaml")) if g.stem.endswith((".txt", ".md"))]


def typeset_text(text, pdf_path):
    """One paragraph per line of the clean text, indented, on A4 pages."""
    body = "".join(f"<p>{html.escape(line)}</p>" for line in text.splitlines() if line.strip())
    css = "* {font-family: sans-serif} p{font-size:11pt; margin:0 0 4pt 0; text-indent:22pt}"
    _write(pymupdf.Story(html=body, user_css=css), pdf_path, margins=(60, 60, -60, -60))


@pytest.mark.parametrize("source", TEXT_REPORTS, ids=lambda p: p.name)
def test_a_text_report_typeset_as_pdf_reads_the_same(real, tmp_path, source):
    from_text = nlp.extract(source)
    pdf = tmp_path / f"{source.stem}.pdf"
    typeset_text(from_text.text, pdf)
    from_pdf = nlp.extract(pdf)
    assert [(s.kind, s.number, s.title) for s in from_pdf.sections] == [(s.kind, s.number, s.title) for s in from_text.sections]
    figures = lambda r: Counter((m.value, m.unit, m.field) for m in r.mentions)  # noqa: E731
    assert figures(from_text) - figures(from_pdf) == Counter()
    a = {k: c.value for k, c in from_text.tables.items() if not c.flag}
    b = {k: c.value for k, c in from_pdf.tables.items() if not c.flag}
    assert {k: (a[k], b[k]) for k in a.keys() & b.keys() if a[k] != b[k]} == {}


BLOCK_TAGS = {"p", "div", "h1", "h2", "h3", "h4", "li"}


def _blocks(element):
    """('p', text) and ('table', element) in document order, nested tables looked into."""
    for child in element:
        if not isinstance(child.tag, str):
            continue
        if child.tag == "table" and not child.xpath(".//table"):
            yield "table", child
        elif child.tag in BLOCK_TAGS and not child.xpath(".//table|.//p|.//div"):
            if text := re.sub(r"\s+", "", child.text_content()):
                yield "p", text
        else:
            yield from _blocks(child)


def _body(html_path):
    root = lxml.html.fromstring(html_path.read_text("utf-8"))
    for element in root.xpath("//script|//style|//head"):
        element.drop_tree()
    return root.find("body") if root.find("body") is not None else root


def _placed(table):
    """(text, row, col, rowspan, colspan) of every cell, placed as a browser places them, and the grid size."""
    taken, cells = set(), []
    for r, tr in enumerate(table.xpath(".//tr")):
        c = 0
        for td in tr.xpath("./td|./th"):
            while (r, c) in taken:
                c += 1
            rowspan, colspan = int(td.get("rowspan") or 1), int(td.get("colspan") or 1)
            cells.append((re.sub(r"\s+", "", td.text_content()), r, c, rowspan, colspan))
            taken |= {(r + i, c + j) for i in range(rowspan) for j in range(colspan)}
            c += colspan
    return cells, max(r for r, _ in taken) + 1, max(c for _, c in taken) + 1


def as_docx(html_path, docx_path):
    """The web page as a Word document: its paragraphs, and its tables with the same merged cells."""
    document = docx.Document()
    for kind, block in _blocks(_body(html_path)):
        if kind == "p":
            document.add_paragraph(block)
            continue
        cells, n_rows, n_cols = _placed(block)
        grid = document.add_table(rows=n_rows, cols=n_cols)
        grid.style = "Table Grid"
        for text, r, c, rowspan, colspan in cells:
            cell = grid.cell(r, c)
            if rowspan > 1 or colspan > 1:
                cell = cell.merge(grid.cell(min(r + rowspan, n_rows) - 1, min(c + colspan, n_cols) - 1))
            cell.text = text
        document.add_paragraph("")
    document.save(docx_path)


def as_markdown(html_path, md_path, merged):
    """The web page as Markdown, tables as pipe tables whose merged cells are left blank past their
    first cell (merged="blank") or repeat its text (merged="repeat"), as converters do."""
    lines = []
    for kind, block in _blocks(_body(html_path)):
        if kind == "p":
            lines += [block, ""]
            continue
        cells, n_rows, n_cols = _placed(block)
        grid = {}
        for text, r, c, rowspan, colspan in cells:
            for i in range(rowspan):
                for j in range(colspan):
                    grid[r + i, c + j] = text if merged == "repeat" or (i, j) == (0, 0) else ""
        for r in range(n_rows):
            lines.append("| " + " | ".join(grid.get((r, c), "") for c in range(n_cols)) + " |")
            lines += ["|" + "---|" * n_cols] if r == 0 else []
        lines.append("")
    md_path.write_text("\n".join(lines), "utf-8")


@pytest.mark.parametrize("page", PAGES)
def test_a_web_page_written_as_word_document_gives_every_cell(real, tmp_path, page):
    word = tmp_path / f"{Path(page).stem}.docx"
    as_docx(real / page, word)
    report = nlp.extract(word)
    assert cells_against_gold(report, GOLD_TABLES / f"{page}.yaml") == ({}, [])
    assert [s.number for s in report.sections if s.number] == ["一", "二", "三", "四", "五", "六"]


@pytest.mark.parametrize("merged", ["blank", "repeat"])
@pytest.mark.parametrize("page", PAGES)
def test_a_web_page_written_as_markdown_gives_every_cell(real, tmp_path, page, merged):
    md = tmp_path / f"{Path(page).stem}.md"
    as_markdown(real / page, md, merged)
    report = nlp.extract(md)
    assert cells_against_gold(report, GOLD_TABLES / f"{page}.yaml") == ({}, [])
    assert [s.number for s in report.sections if s.number] == ["一", "二", "三", "四", "五", "六"]
