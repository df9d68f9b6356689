"""Read tables 2, 3 and 4 from `Grid`s into canonical keys (see nlp/data/tables.yaml)."""

from __future__ import annotations

import itertools
import re
from dataclasses import dataclass
from difflib import SequenceMatcher

from nlp.tables.grid import Grid, GridCell
from nlp.tables.labels import Labelled, TableSchema, squash
from nlp.text.values import looks_numeric

NEAR_ROWS = 2  # how far ahead a row may be matched by its group label alone
DISTINCT_LABEL = 4  # a label at least this long is specific enough to be matched far ahead
FUZZY_LABEL = 0.6  # similarity at which a misprinted label ("其他法律行政止公开") still names the next row
COLUMN_TOLERANCE = 1.0  # points: neighbouring value columns may share this much of an edge
DIGIT_RE = re.compile(r"\d")
T2_ITEM_RE = re.compile(r"第二十条第\s*([（(][一二三四五六七八九十]+[）)])\s*项")


@dataclass
class Found:
    """A cell read for a canonical key (or a note that it is ambiguous, with the readings the
    printed text still allows)."""

    cell: GridCell
    flag: str | None = None
    candidates: tuple[str, ...] | None = None


def read_table3(grid: Grid, schema: TableSchema) -> dict[str, Found]:
    first = _first_row_named(grid, schema.t3_rows[0])
    if first is None:
        return {}
    keys = [c.key for c in schema.t3_columns]
    header = _header_columns(grid, first, schema.t3_columns) if grid.aligned or grid.regular else {}
    columns_of = _columns_by_page(grid, first, header, schema.t3_columns)
    placed: list[tuple[int | None, dict[str, Found]]] = []  # (row index or None for unlabelled, values)
    last = -1
    for r in range(first, len(grid.rows)):
        columns = columns_of[r]
        value_cells = _value_cells(grid, r, columns, keys) if columns is not None else _withheld_cells(grid, r, keys)
        if value_cells is None:
            continue
        label_cells = _label_cells(grid, r, min(f.cell.col for f in value_cells.values()))
        if not label_cells:
            placed.append((None, value_cells))
            continue
        index = _match_row(label_cells, schema.t3_rows, last)
        if index is not None:
            placed.append((index, value_cells))
            last = index
    out: dict[str, Found] = {}
    for index, value_cells, flag in _place_unlabelled(placed, schema.t3_rows):
        for column_key, found in value_cells.items():
            key = f"t3.{schema.t3_rows[index].key}.{column_key}"
            if flag is None or key not in out:
                out[key] = Found(found.cell, flag or found.flag, found.candidates)
    return out


def _columns_by_page(
    grid: Grid, first: int, header: dict[str, GridCell], labels: tuple[Labelled, ...]
) -> dict[int, dict[str, GridCell] | None]:
    """The columns each row's cells are placed by (row index from `first` on). A table continued
    on another page than its header may stand elsewhere there (a narrower label column shifts every
    value column): a header printed again on that page gives its columns; else the page's own value
    columns, in order, when it has as many as the header; else the header's, when each of the
    page's columns stands under a different header cell; else none are known (None)."""
    rows = range(first, len(grid.rows))
    pages = grid.pages or [None] * len(grid.rows)
    header_page = pages[next(iter(header.values())).row] if header else None
    if header_page is None or not all(h.bbox for h in header.values()):
        return dict.fromkeys(rows, header)
    out: dict[int, dict[str, GridCell] | None] = {}
    for page in dict.fromkeys(pages[r] for r in rows):
        on_page = [r for r in rows if pages[r] == page]
        columns = header if page == header_page else _page_columns(grid, on_page, header, labels)
        out |= dict.fromkeys(on_page, columns)
    return out


def _page_columns(
    grid: Grid, on_page: list[int], header: dict[str, GridCell], labels: tuple[Labelled, ...]
) -> dict[str, GridCell] | None:
    """The columns of a table's rows on a page without the table's header (see _columns_by_page)."""
    before_values = list(itertools.takewhile(lambda r: not any(DIGIT_RE.search(c.text) for c in grid.rows[r]), on_page))
    again = _header_columns(grid, before_values[-1] + 1, labels, start=before_values[0]) if before_values else {}
    if again:
        return again
    spans = _value_columns([grid.rows[r] for r in on_page])
    if not spans:
        return header
    if len(spans) == len(header):  # in printed order
        return {label.key: GridCell(-1, col, 1, 1, 0, 0, "", (x0, 0.0, x1, 0.0)) for label, (x0, x1, col) in zip(labels, spans)}
    under = [[key for key, h in header.items() if h.bbox[0] <= (x0 + x1) / 2 <= h.bbox[2]] for x0, x1, _ in spans]
    distinct = all(len(keys) == 1 for keys in under) and len({keys[0] for keys in under}) == len(under)
    return header if distinct else None


def _value_columns(rows: list[list[GridCell]]) -> list[tuple[float, float, int]]:
    """(x0, x1, grid column) of the columns the printed values of labelled rows stand in, left to
    right: cells whose middles fall within each other's extent share a column."""
    spans: list[list] = []
    for row in rows:
        if all(looks_numeric(c.text) for c in row):
            continue
        for cell in _after_labels(row):
            if cell.bbox is None or not cell.text.strip():  # a blank may be a label cell left empty
                continue
            x0, _, x1, _ = cell.bbox
            middle = (x0 + x1) / 2
            hit = next((s for s in spans if s[0] <= middle <= s[1] or x0 <= (s[0] + s[1]) / 2 <= x1), None)
            if hit is None:
                spans.append([x0, x1, [cell.col]])
            else:
                hit[0], hit[1] = min(hit[0], x0), max(hit[1], x1)
                hit[2].append(cell.col)
    ordered = sorted(spans, key=lambda s: s[0])
    if any(a[1] > b[0] + COLUMN_TOLERANCE for a, b in zip(ordered, ordered[1:])):  # columns that overlap: no clear columns
        return []
    return [(x0, x1, max(set(cols), key=cols.count)) for x0, x1, cols in ordered]


def _withheld_cells(grid: Grid, r: int, keys: list[str]) -> dict[str, Found] | None:
    """A row whose columns are not known: its values in order when there is one per column, else
    each column withheld (shown with the row's values) with the values that may stand in it (they
    keep their order; a column may also be the blank one)."""
    values = _after_labels(grid.rows[r])
    if not any(c.text.strip() for c in values):
        return None
    if len(values) == len(keys):
        return {key: Found(cell) for key, cell in zip(keys, values)}
    boxes = [c.bbox for c in values if c.bbox]
    bbox = (
        (min(b[0] for b in boxes), min(b[1] for b in boxes), max(b[2] for b in boxes), max(b[3] for b in boxes))
        if boxes
        else None
    )
    row_values = GridCell(
        r, values[0].col, 1, len(values), values[0].start, values[-1].end, "\t".join(c.text for c in values), bbox
    )
    spare = len(keys) - len(values)
    out = {}
    for i, key in enumerate(keys):
        texts = [c.text for c in values[max(0, i - spare) : i + 1] if c.text.strip()] if spare > 0 else []
        out[key] = Found(row_values, "ambiguous", tuple(dict.fromkeys(texts)) or None)
    return out


def _place_unlabelled(placed, rows: tuple[Labelled, ...]):
    """Give value rows printed without their label (a PDF-to-text conversion can move labels away
    from the numbers but keeps the numbers in order) the unfilled rows between their labelled
    neighbours, in order; a stretch where the counts differ is flagged ambiguous."""
    filled = {i for i, _ in placed if i is not None}
    segment: list[dict[str, GridCell]] = []
    before = -1
    for index, values in placed + [(len(rows), None)]:
        if index is None:
            segment.append(values)
            continue
        if segment:
            gaps = [i for i in range(before + 1, index) if i not in filled and _fillable(rows, i, filled)]
            flag = None if len(gaps) == len(segment) else "ambiguous"
            if flag is None:
                yield from ((i, orphan, None) for i, orphan in zip(gaps, segment))
            else:  # withheld: shown under the first open row so the numbers are not lost
                yield from ((i, orphan, flag) for i, orphan in zip(gaps[:1] * len(segment), segment[:1]))
            segment = []
        if values is not None:
            yield index, values, None
        before = index


def _fillable(rows: tuple[Labelled, ...], i: int, filled: set[int]) -> bool:
    """A row that can take unlabelled values: not the one-row 其他处理 when its sub-rows are printed."""
    key = rows[i].key
    sub_rows = {j for j, r in enumerate(rows) if r.key.startswith(key + ".")}
    return not (sub_rows & filled)


def read_table4(parts: list[Grid], schema: TableSchema) -> dict[str, Found]:
    """Table 4: a row of 15 numbers, or three rows of 5 each under its group's caption."""
    keys, out = schema.t4_keys(), {}
    width = len(schema.t4_columns)
    for grid in parts:
        group = _last_named(grid.context, schema.t4_groups)  # the caption names the first group only
        for row in grid.rows:
            labels = " ".join(c.text for c in row if not looks_numeric(c.text))
            group = _last_named(labels, schema.t4_groups) or group
            cells = [c for c in row if looks_numeric(c.text)]
            if len(cells) != len(row) or not any(c.text.strip() for c in cells):
                continue
            if len(cells) == len(keys):
                out.update({key: Found(cell) for key, cell in zip(keys, cells)})
            elif len(cells) == width and group is not None:
                out.update({f"t4.{group}.{col.key}": Found(cell) for col, cell in zip(schema.t4_columns, cells)})
    return out


def _last_named(text: str, labels: tuple[Labelled, ...]) -> str | None:
    """The key whose label occurs last in `text`."""
    best, where = None, -1
    for label in labels:
        for v in label.variants:
            i = text.rfind(v)
            if i > where:
                best, where = label.key, i
    return best


def read_table2(grids: list[Grid], schema: TableSchema) -> dict[str, Found]:
    """Table 2's small blocks. A block is known by its 第二十条第（X）项 caption (in a row or just
    above the grid), else by its row labels (行政许可 → （五）); values pair with the header row."""
    out: dict[str, Found] = {}
    header: list[GridCell] = []  # the last header row; a converted table may print it apart from its rows
    for grid in grids:
        caption = T2_ITEM_RE.search(grid.context)
        block = _block(schema, caption.group(1) if caption else None)
        header = [] if caption else header
        for row in grid.rows:
            item = next((m.group(1) for c in row for m in [T2_ITEM_RE.search(c.text)] if m), None)
            if item:
                block, header = _block(schema, item), []
                continue
            if any(squash(c.text) in schema.t2_headers for c in row):
                header = row
                continue
            row_block = block or next((b for b in schema.t2 for lab in b.rows if row and lab.named_by(row[0].text)), None)
            row_key = next((lab.key for lab in (row_block.rows if row_block else ()) if row and lab.named_by(row[0].text)), None)
            if row_key is None:
                continue
            columns = {c.col: col.key for c in header for col in row_block.columns if _is_label(c.text, col)}
            values = row[1:]
            if not grid.aligned and len(values) > len(columns):
                values = _fit_to_columns(values, len(columns))
            if len(values) < len(columns):  # cells lost in conversion: which is which is unknowable
                out.update({f"t2.{row_key}.{key}": Found(row[1], "ambiguous") for key in columns.values() if row[1:]})
                continue
            for cell, column_key in _under_headers(values, columns):
                out[f"t2.{row_key}.{column_key}"] = Found(cell)
    return out


def _under_headers(cells: list[GridCell], columns: dict[int, str]) -> list[tuple[GridCell, str]]:
    """Pair value cells with header columns: in order when they are as many (a header and its
    values may be merged differently), else by grid column."""
    if len(cells) == len(columns):
        return list(zip(cells, [columns[c] for c in sorted(columns)]))
    return [(cell, columns[cell.col]) for cell in cells if cell.col in columns]


def _block(schema: TableSchema, item: str | None):
    if item is None:
        return None
    item = item.replace("(", "（").replace(")", "）")
    return next((b for b in schema.t2 if b.item == item), None)


def _first_row_named(grid: Grid, label: Labelled) -> int | None:
    for r, row in enumerate(grid.rows):
        if any(label.named_by(c.text) for c in row):
            return r
    return None


def _is_label(text: str, label: Labelled) -> bool:
    return squash(text) in label.squashed


def _header_columns(grid: Grid, first_data_row: int, columns: tuple[Labelled, ...], start: int = 0) -> dict[str, GridCell]:
    """Column key → its header cell, from the header rows above the first data row (from `start`)."""
    found: dict[str, GridCell] = {}
    for row in grid.rows[start:first_data_row]:
        for cell in row:
            for label in columns:
                if _is_label(cell.text, label) and label.key not in found:
                    found[label.key] = cell
    return found if len(found) == len(columns) else {}


def _under(cell: GridCell, header: GridCell) -> bool:
    """Is `cell` in the header's column? By x-position where both have boxes (a table continued on
    the next page may number its columns differently), else by grid column."""
    if cell.bbox and header.bbox:
        middle = (cell.bbox[0] + cell.bbox[2]) / 2
        return header.bbox[0] <= middle <= header.bbox[2]
    return header.col <= cell.col < header.col + header.colspan


def _value_cells(grid: Grid, r: int, columns: dict[str, GridCell], keys: list[str]) -> dict[str, Found] | None:
    """The row's value cells by column key: under their header, else its last len(keys) cells."""
    row = grid.rows[r]
    if columns:
        placed: dict[str, Found] = {}
        for cell in row:
            under = [key for key, header in columns.items() if _under(cell, header) and key not in placed]
            aligned = [key for key in under if columns[key].col == cell.col]  # same left edge wins
            if aligned or len(under) == 1:
                placed[(aligned or under)[0]] = Found(cell)
        return placed or None
    values = _after_labels(row)
    if len(values) > len(keys):
        values = _fit_to_columns(values, len(keys))
    return {key: Found(cell) for key, cell in zip(keys, values)} if len(values) == len(keys) else None


def _fit_to_columns(values: list[GridCell], n: int) -> list[GridCell]:
    """The n cells of a row of an ungridded table that has more cells than columns: its filled
    cells when exactly n are filled (the rest are blank spacers left by merged cells in a converted
    table); else without the blanks at one end (a ragged export's trailing tabs, the rest of a
    merged label). [] when that is not n cells, or blanks stand at both ends: which are cells is
    unknowable."""
    filled = [c for c in values if c.text.strip()]
    if len(filled) == n:
        return filled
    if not values[0].text.strip() and not values[-1].text.strip():
        return []
    values = list(values)
    while len(values) > n and not values[-1].text.strip():
        values.pop()
    while len(values) > n and not values[0].text.strip():
        values.pop(0)
    return values if len(values) == n else []


def _after_labels(row: list[GridCell]) -> list[GridCell]:
    """The cells right of the row's last label (words), where its values stand."""
    last_label = max((i for i, c in enumerate(row) if not looks_numeric(c.text)), default=-1)
    return [c for c in row[last_label + 1 :] if looks_numeric(c.text)]


def _label_cells(grid: Grid, r: int, first_value_col: int) -> list[str]:
    """Texts that label row r: every cell left of the values, including merged cells from above."""
    labels = []
    for col in range(first_value_col):
        cell = grid.covering(r, col)
        if cell is not None and cell.text.strip() and cell.text not in labels:
            labels.append(cell.text)
    return labels


def _match_row(labels: list[str], rows: tuple[Labelled, ...], last: int) -> int | None:
    """The row key after `last` that the row's labels name, trying in turn: the most specific
    label equal to a variant anywhere ahead, or containing one just ahead; a misprint close to the
    next key's label; a long variant anywhere ahead; the group labels (merged cells on the left)."""
    if not labels:
        return None
    specific, everything = squash(labels[-1]), squash("".join(labels))
    ahead = range(last + 1, len(rows))
    near = range(last + 1, min(last + 1 + NEAR_ROWS, len(rows)))
    tiers = (
        (ahead, lambda v: v == specific),
        (near, lambda v: v in specific),
        (near[:1], lambda v: SequenceMatcher(None, v, specific).ratio() >= FUZZY_LABEL),
        (near, lambda v: len(specific) >= DISTINCT_LABEL + 2 and specific in v),  # a fragment of a wrapped label
        (ahead, lambda v: len(v) >= DISTINCT_LABEL and v in specific),
        (near, lambda v: v in everything),
    )
    for candidates, test in tiers:
        for i in candidates:
            if any(test(v) for v in rows[i].squashed):
                return i
    return None
