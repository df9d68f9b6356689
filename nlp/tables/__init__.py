"""Tables 2, 3 and 4 of a report, read into canonical keys with provenance for every cell."""

from __future__ import annotations

from nlp.document import Document
from nlp.schema import TableCell
from nlp.tables.grid import Grid, GridCell, grids, merge
from nlp.tables.labels import schema
from nlp.tables.reader import T2_ITEM_RE, Found, read_table2, read_table3, read_table4
from nlp.tables.values import parse_value


def extract_tables(doc: Document) -> dict[str, TableCell]:
    """Every table cell we can place, by canonical key (t2.*, t3.*, t4.*)."""
    found_grids = grids(doc)
    s = schema()
    found: dict[str, Found] = {}
    found.update(read_table2(found_grids, s, _items_before(doc, found_grids)))
    for key, value in read_table3(merge(_table3_parts(found_grids, s)), s).items():
        found.setdefault(key, value)
    for grid in found_grids:
        for key, value in read_table4(grid, s).items():
            found.setdefault(key, value)
    return {key: _table_cell(doc, f.cell, f.flag) for key, f in found.items()}


def _table3_parts(found_grids: list[Grid], s) -> list[Grid]:
    """The grid where table 3 starts and the grids that continue it, up to table 4."""
    start = next((i for i, g in enumerate(found_grids) if s.t3_rows[0].named_by(g.text())), None)
    if start is None:
        return []
    parts = [found_grids[start]]
    for grid in found_grids[start + 1 :]:
        if any(col.named_by(grid.text()) for col in s.t4_columns[:1]) or T2_ITEM_RE.search(grid.text()):
            break
        parts.append(grid)
    return parts


def _items_before(doc: Document, found_grids: list[Grid]) -> dict[int, str]:
    """For each grid, the 第二十条第（X）项 printed in the text just before it (outside the grid)."""
    items, current, g = {}, None, 0
    starts = [grid.paragraphs[0] for grid in found_grids]
    for i, p in enumerate(doc.paragraphs):
        if g < len(starts) and i == starts[g]:
            if current:
                items[g] = current
            current, g = None, g + 1
        elif not p.is_table_row:
            m = T2_ITEM_RE.search(doc.text[p.start : p.end])
            current = m.group(1) if m else (current if len(doc.text[p.start : p.end]) < 30 else None)
    return items


def _table_cell(doc: Document, cell: GridCell, flag: str | None) -> TableCell:
    origin = doc.origin(cell.start) if cell.end > cell.start else None
    page = doc.page_at(cell.start) if doc.page_count else None
    return TableCell(
        value=None if flag else parse_value(cell.text),
        raw=cell.text,
        page=page,
        bbox=list(cell.bbox) if cell.bbox else None,
        offset=origin.offset if origin else None,
        start=cell.start,
        end=cell.end,
        flag=flag,
    )
