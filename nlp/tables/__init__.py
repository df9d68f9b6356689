"""Tables 2, 3 and 4 of a report, read into canonical keys with provenance for every cell."""

from __future__ import annotations

from nlp.ingest.document import Document
from nlp.schema import Section, TableCell
from nlp.tables.confirm import confirm_by_identities
from nlp.tables.grid import Grid, GridCell, grids, merge
from nlp.tables.labels import TableSchema, schema
from nlp.tables.reader import T2_ITEM_RE, Found, read_table2, read_table3, read_table4
from nlp.tables.runon import read_runon_table2, read_runon_table3, read_runon_table4
from nlp.text.values import parse_value


def extract_tables(doc: Document, sections: list[Section]) -> dict[str, TableCell]:
    """Every table cell we can place, by canonical key (t2.*, t3.*, t4.*); an unverified cell the
    identities settle is confirmed (nlp/tables/confirm.py)."""
    found_grids = grids(doc, sections)
    s = schema()
    found: dict[str, Found] = {}
    found.update(read_table2(found_grids, s))
    found.update(read_table3(merge(_table3_parts(found_grids, s)), s))
    t4_parts = [g for g in found_grids if g.section == "review_litigation" or s.t4_columns[0].named_by(g.text())]
    found.update(read_table4(t4_parts, s))
    # Tables printed as plain lines, their cells possibly run together (crawled text, in any
    # format): read for the keys no grid gave.
    for key, value in read_runon_table2(doc.text, s).items():
        found.setdefault(key, value)
    for reader, prefix in ((read_runon_table3, "t3."), (read_runon_table4, "t4.")):
        if not any(k.startswith(prefix) for k in found):
            found.update(reader(doc.text, s))
    cells = {key: _table_cell(doc, f.cell, f.flag or _unverified(doc, f.cell), f.candidates) for key, f in found.items()}
    confirm_by_identities(cells)
    return cells


def _unverified(doc: Document, cell: GridCell) -> str | None:
    """'unverified' when a character of the cell cannot be trusted (undecodable glyph, unsure OCR)."""
    return "unverified" if cell.verified is False else None


def _table3_parts(found_grids: list[Grid], s: TableSchema) -> list[Grid]:
    """The grid where table 3 starts and the grids that continue it, up to table 4."""
    start = next((i for i, g in enumerate(found_grids) if s.t3_rows[0].named_by(g.text())), None)
    if start is None:
        return []
    parts = [found_grids[start]]
    for grid in found_grids[start + 1 :]:
        text = grid.context + grid.text()
        if s.t4_columns[0].named_by(text) or T2_ITEM_RE.search(text) or grid.section == "review_litigation":
            break
        parts.append(grid)
    return parts


def _table_cell(doc: Document, cell: GridCell, flag: str | None, candidates: tuple | None) -> TableCell:
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
        candidates=list(candidates) if candidates else None,
    )
