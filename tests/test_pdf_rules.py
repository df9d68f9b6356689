"""Ruled tables read from the page's drawings (nlp/ingest/pdf_rules.py), find_tables only as fallback.

The PDFs are built here: a table with merged header cells drawn with lines, the same drawn with
thin filled rectangles, a page without drawings, a page with a lone rule. Which reader gave a
page's tables is recorded in `PdfPages.table_readers`.
"""

import pymupdf
import pytest

from nlp.ingest.pdf import FIND_TABLES, NO_DRAWINGS, RULES, read_pdf

COLUMNS = [72.0, 200.0, 280.0, 360.0, 440.0]
ROWS = [100.0, 120.0, 140.0, 160.0, 180.0]
# (row, col, rowspan, colspan, text): a header whose first and last cells span two rows and whose
# middle cell spans two columns, over two rows of values
CELLS = [
    (0, 0, 2, 1, "Item"),
    (0, 1, 1, 2, "Applicants"),
    (0, 3, 2, 1, "Total"),
    (1, 1, 1, 1, "Persons"),
    (1, 2, 1, 1, "Companies"),
    (2, 0, 1, 1, "Received"),
    (2, 1, 1, 1, "3"),
    (2, 2, 1, 1, "4"),
    (2, 3, 1, 1, "7"),
    (3, 0, 1, 1, "Answered"),
    (3, 1, 1, 1, "2"),
    (3, 2, 1, 1, "4"),
    (3, 3, 1, 1, "6"),
]


def _rules():
    """The grid's rules as (x0, y0, x1, y1): no rule where a cell spans."""
    x, y = COLUMNS, ROWS
    horizontal = [(x[0], y[0], x[4], y[0]), (x[1], y[1], x[3], y[1])] + [(x[0], v, x[4], v) for v in y[2:]]
    vertical = [(v, y[0], v, y[4]) for v in (x[0], x[1], x[3], x[4])] + [(x[2], y[1], x[2], y[4])]
    return horizontal + vertical


def _table_pdf(path, *, rules_as_rectangles=False, rules=None):
    """The table of CELLS on an A4 page, drawn with `rules` (default: all of _rules())."""
    doc = pymupdf.open()
    page = doc.new_page()
    page.insert_text((72, 80), "Table 1 Requests", fontsize=10)
    for x0, y0, x1, y1 in _rules() if rules is None else rules:
        if rules_as_rectangles:  # a rule as a filled rectangle 0.6 pt thick, as some producers draw them
            rect = pymupdf.Rect(x0 - 0.3, y0 - 0.3, x1 + 0.3, y1 + 0.3)
            page.draw_rect(rect, color=None, fill=(0, 0, 0), width=0)
        else:
            page.draw_line((x0, y0), (x1, y1), color=(0, 0, 0), width=0.5)
    for row, col, rowspan, colspan, text in CELLS:
        x0, x1 = COLUMNS[col], COLUMNS[col + colspan]
        y0, y1 = ROWS[row], ROWS[row + rowspan]
        width = pymupdf.get_text_length(text, fontsize=9)
        page.insert_text(((x0 + x1 - width) / 2, (y0 + y1) / 2 + 3), text, fontsize=9)
    page.insert_text((72, 220), "The figures above are counts of requests.", fontsize=10)
    doc.save(path)
    return path


def _read(path, tables="auto"):
    return read_pdf(str(path), path.read_bytes(), tables=tables)


def _cells(pages):
    return [[(c.text.text, c.col, c.rowspan, c.colspan) for c in line.cells] for line in pages.lines if line.cells]


def _boxes(pages):
    return [[c.bbox for c in line.cells] for line in pages.lines if line.cells]


EXPECTED = [
    [("Item", 0, 2, 1), ("Applicants", 1, 1, 2), ("Total", 3, 2, 1)],
    [("Persons", 1, 1, 1), ("Companies", 2, 1, 1)],
    [("Received", 0, 1, 1), ("3", 1, 1, 1), ("4", 2, 1, 1), ("7", 3, 1, 1)],
    [("Answered", 0, 1, 1), ("2", 1, 1, 1), ("4", 2, 1, 1), ("6", 3, 1, 1)],
]


@pytest.mark.parametrize("rectangles", [False, True], ids=["rules drawn as lines", "rules drawn as thin filled rectangles"])
def test_a_ruled_table_with_merged_header_cells_is_read_from_its_rules(tmp_path, rectangles):
    pdf = _table_pdf(tmp_path / "t.pdf", rules_as_rectangles=rectangles)
    pages = _read(pdf)
    assert pages.table_readers == {1: RULES}, "find_tables was not needed"
    assert _cells(pages) == EXPECTED
    assert all(c.verified for line in pages.lines if line.cells for c in line.cells if c.text.text.isdigit())
    found = _read(pdf, tables=FIND_TABLES)
    assert found.table_readers == {1: FIND_TABLES}
    assert _cells(found) == EXPECTED
    if not rectangles:
        assert _boxes(found) == _boxes(pages), "the same cell boxes, to the last bit"
    else:  # find_tables leaves out the outline of the rectangles (see test_a_table_without_its_outer_frame…)
        assert all(abs(a - b) <= 0.3 for r, q in zip(_boxes(found), _boxes(pages)) for x, y in zip(r, q) for a, b in zip(x, y))


def test_a_table_without_its_outer_frame_is_closed_by_the_outline_of_its_rules(tmp_path):
    """The outline of the drawings that hold the table closes its open sides, so the label and
    total columns are cells. (find_tables closes it only when text stands where the table would
    be if the page were turned upside down: its text test measures the characters' heights from
    the bottom of the page.)"""
    outer = {COLUMNS[0], COLUMNS[-1]}
    open_sides = [r for r in _rules() if not (r[0] == r[2] and r[0] in outer)]
    pages = _read(_table_pdf(tmp_path / "t.pdf", rules=open_sides))
    assert pages.table_readers == {1: RULES}
    assert _cells(pages) == EXPECTED


def test_a_page_without_drawings_skips_the_table_search_and_its_loose_table_is_read(tmp_path):
    pdf = _table_pdf(tmp_path / "t.pdf", rules=[])
    pages = _read(pdf)
    assert pages.table_readers == {1: NO_DRAWINGS}
    rows = {line.cells[0].text.text: [c.text.text for c in line.cells[1:]] for line in pages.lines if line.cells}
    assert rows["Received"] == ["3", "4", "7"] and rows["Answered"] == ["2", "4", "6"]


def test_a_page_whose_only_drawing_is_a_rule_has_no_table(tmp_path):
    doc = pymupdf.open()
    page = doc.new_page()
    page.draw_line((72, 60), (520, 60), width=0.5)
    page.insert_text((72, 100), "A report with a running header rule and no table.", fontsize=10)
    doc.save(tmp_path / "r.pdf")
    pages = _read(tmp_path / "r.pdf")
    assert pages.table_readers == {1: RULES}
    assert not _cells(pages)


def test_find_tables_reads_the_page_when_the_rule_reader_fails(tmp_path, monkeypatch):
    pdf = _table_pdf(tmp_path / "t.pdf")
    real = pymupdf.Page.get_cdrawings
    calls = []

    def fails_once(self, *args, **kwargs):  # PyMuPDF failing on our read of the drawings, not on find_tables'
        calls.append(1)
        if len(calls) == 1:
            raise ValueError("drawings unreadable")
        return real(self, *args, **kwargs)

    monkeypatch.setattr(pymupdf.Page, "get_cdrawings", fails_once)
    pages = _read(pdf)
    assert pages.table_readers == {1: FIND_TABLES}
    assert _cells(pages) == EXPECTED
    assert not pages.failures
