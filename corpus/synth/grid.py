"""Tables as grids of (possibly merged) cells, laid out like the official form.

Every writer draws from the same Grid: PDF and DOCX draw the cells, HTML writes them with
rowspan/colspan, text and Markdown flatten them (see `matrix`).
"""
from __future__ import annotations

from dataclasses import dataclass, field

from . import data
from .values import Values, format_value


@dataclass
class Cell:
    row: int
    col: int
    text: str
    rowspan: int = 1
    colspan: int = 1
    kind: str = "label"   # header | label | value


@dataclass
class Grid:
    name: str                     # t2 | t3 | t4
    n_cols: int
    widths: list[float]           # relative column widths
    header_rows: int              # rows repeated by nothing, kept together on one page
    cells: list[Cell] = field(default_factory=list)

    @property
    def n_rows(self) -> int:
        return max(c.row + c.rowspan for c in self.cells)

    def add(self, row: int, col: int, text: str, rowspan: int = 1, colspan: int = 1,
            kind: str = "label") -> None:
        self.cells.append(Cell(row, col, text, rowspan, colspan, kind))


def make_grid(name: str, values: Values) -> Grid:
    """The grid of table `name`, cells in reading order (row by row)."""
    grid = {"t2": t2_grid, "t3": t3_grid, "t4": t4_grid}[name](values)
    grid.cells.sort(key=lambda c: (c.row, c.col))
    return grid


def matrix(grid: Grid) -> list[list[str]]:
    """The grid as rows of strings; a merged cell's text sits in its top-left position."""
    rows = [[""] * grid.n_cols for _ in range(grid.n_rows)]
    for cell in grid.cells:
        rows[cell.row][cell.col] = cell.text
    return rows


# ----------------------------------------------------------------------------- table 2

T2_WIDTHS = [1.4, 1, 1, 1]


def t2_grid(values: Values) -> Grid:
    """Four blocks (第二十条第（一）（五）（六）（八）项) stacked in one 4-column grid."""
    grid = Grid("t2", n_cols=4, widths=T2_WIDTHS, header_rows=0)
    row = 0
    for block in data.tables()["t2"]["blocks"]:
        grid.add(row, 0, block["heading"], colspan=4, kind="header")
        row += 1
        _t2_line(grid, row, block["columns"], "header")
        row += 1
        for line in block["rows"]:
            _t2_line(grid, row, [line["label"]] + [format_value(values[k]) for k in line["keys"]], "value")
            row += 1
    return grid


def _t2_line(grid: Grid, row: int, texts: list[str], kind: str) -> None:
    """A label and its value columns; a single value column spans the three."""
    grid.add(row, 0, texts[0], kind="label" if kind == "value" else "header")
    span = 3 // (len(texts) - 1)
    for i, text in enumerate(texts[1:]):
        grid.add(row, 1 + i * span, text, colspan=span, kind=kind)


# ----------------------------------------------------------------------------- table 3

# Columns: band (三、本年度办理结果, set vertically), group, item label, then 7 values.
T3_WIDTHS = [0.55, 1.35, 3.4] + [0.95] * 7
T3_LABEL_COLS = 3


def t3_grid(values: Values) -> Grid:
    form = data.tables()["t3"]
    grid = Grid("t3", n_cols=T3_LABEL_COLS + 7, widths=T3_WIDTHS, header_rows=3)
    _t3_header(grid, form)
    columns = [c["key"] for c in form["columns"]] + [form["total_column"]["key"]]
    rows = form["rows"]
    for i, row in enumerate(rows):
        r = grid.header_rows + i
        _t3_label(grid, r, rows, i)
        for j, col in enumerate(columns):
            grid.add(r, T3_LABEL_COLS + j, format_value(values[f"t3.{row['key']}.{col}"]), kind="value")
    return grid


def _t3_header(grid: Grid, form: dict) -> None:
    """申请人情况 over 自然人 | 法人或其他组织 (five) | 总计, beside the corner note."""
    grid.add(0, 0, form["corner"], rowspan=3, colspan=T3_LABEL_COLS, kind="header")
    grid.add(0, T3_LABEL_COLS, form["applicants"], colspan=7, kind="header")
    col = T3_LABEL_COLS
    organisations = [c for c in form["columns"] if c.get("organisation")]
    for column in form["columns"]:
        if column.get("organisation"):
            if column is organisations[0]:
                grid.add(1, col, form["organisations"], colspan=len(organisations), kind="header")
            grid.add(2, col, column["label"], kind="header")
        else:
            grid.add(1, col, column["label"], rowspan=2, kind="header")
        col += 1
    grid.add(1, col, form["total_column"]["label"], rowspan=2, kind="header")


def _t3_label(grid: Grid, r: int, rows: list[dict], i: int) -> None:
    """The label cells of row i: merged band and group cells start at their first row."""
    row = rows[i]
    band, group = row.get("band"), row.get("group")
    if not band:
        grid.add(r, 0, row["label"], colspan=T3_LABEL_COLS)
        return
    if i == 0 or rows[i - 1].get("band") != band:
        grid.add(r, 0, band, rowspan=_run_length(rows, i, "band"))
    if not group:
        grid.add(r, 1, row["label"], colspan=2)
        return
    if rows[i - 1].get("group") != group:
        grid.add(r, 1, group, rowspan=_run_length(rows, i, "group"))
    grid.add(r, 2, row["label"])


def _run_length(rows: list[dict], start: int, attr: str) -> int:
    """How many rows from `start` on share its value of `attr`."""
    n = 0
    while start + n < len(rows) and rows[start + n].get(attr) == rows[start].get(attr):
        n += 1
    return n


# ----------------------------------------------------------------------------- table 4

def t4_grid(values: Values) -> Grid:
    """行政复议 (5) | 行政诉讼: 未经复议直接起诉 (5), 复议后起诉 (5); one row of numbers."""
    form = data.tables()["t4"]
    columns = form["columns"]
    width = len(columns)
    grid = Grid("t4", n_cols=width * len(form["groups"]), widths=[1] * width * len(form["groups"]),
                header_rows=3)
    col = 0
    parents_written: set[str] = set()
    for group in form["groups"]:
        parent = group.get("parent")
        if parent is None:
            grid.add(0, col, group["label"], colspan=width, kind="header")
            for j, column in enumerate(columns):
                grid.add(1, col + j, column["label"], rowspan=2, kind="header")
        else:
            if parent not in parents_written:
                siblings = sum(1 for g in form["groups"] if g.get("parent") == parent)
                grid.add(0, col, parent, colspan=width * siblings, kind="header")
                parents_written.add(parent)
            grid.add(1, col, group["label"], colspan=width, kind="header")
            for j, column in enumerate(columns):
                grid.add(2, col + j, column["label"], kind="header")
        for j, column in enumerate(columns):
            grid.add(3, col + j, format_value(values[f"t4.{group['key']}.{column['key']}"]), kind="value")
        col += width
    return grid
