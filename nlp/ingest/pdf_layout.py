"""Tables printed without a grid of ruling lines, rebuilt from where their words stand.

`Page.find_tables` needs ruling lines; a table drawn with horizontal rules only, or with none,
is words in rows and columns. Here a line of text is cut where a gap is wider than a space (and
between two numbers, which are never printed with spaces), and:
- a number standing apart is a value; values at one height make a row;
- words left of a row's values, at its height, label it;
- a line right under another, no wider and with no value beside it, continues it (a wrapped
  label or header), unless it starts with an item number of its own;
- rows whose values keep to the same columns, close together and with no section heading
  between them, make one table;
- the lines just above a table's first row that stand over its columns are its header.
Geometry only: what a row means is decided later by the table reader, from its labels.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cached_property
from typing import Protocol

from nlp.text.headings import parse_section_heading
from nlp.text.values import looks_numeric

GAP_EM = 0.6  # a gap wider than this many glyph heights separates two cells
SAME_ROW = 0.3  # a word overlapping a row's height by this share of its own is in the row
WRAP_EM = 0.35  # a line at most this far below another (glyph heights), under it and no wider, continues it…
WRAP_ROOM_EM = 2.5  # …and, for a row label, it left no more room than this before the next word on its right
ROW_GAP_EM = 5.0  # rows further apart than this many line heights belong to different tables
HEADER_GAP_EM = 2.5  # header lines above the first row, each at most this far above the next
CLAUSE_CAPTION_RE = re.compile(r"\s*第.{1,6}条")  # "第二十条第（六）项" heads the next block of table 2
ITEM_NUMBER_RE = re.compile(r"\s*(\d+[.、．]|[（(][一二三四五六七八九十\d]+[）)]|[一二三四五六七八九十]+、)")
TRAILING_NUMBER_RE = re.compile(r"(?<![\d.])\d+(\.\d+)?$")
AMOUNT_RE = re.compile(r"^[+-]?\d[\d,]*(\.\d+)?(元|万元|%|％)$")  # a value printed with its unit ("6283150.40元")
COLUMN_TOLERANCE = 1.0  # points: value boxes this close count as one column


class Glyph(Protocol):
    c: str
    bbox: tuple[float, float, float, float]


@dataclass(eq=False)
class Piece:
    """Glyphs of one line that stand together: a cell's text, or part of it."""

    glyphs: list[Glyph]
    line: int  # index of the source line
    below: list[Piece] = field(default_factory=list)  # lines that continue it (wrapped text)

    @cached_property
    def bbox(self) -> tuple[float, float, float, float]:
        return union([g.bbox for g in self.glyphs])

    @property
    def text(self) -> str:
        return "".join(g.c for g in self.glyphs)

    @property
    def height(self) -> float:
        return max(self.bbox[3] - self.bbox[1], 1.0)

    @cached_property
    def is_value(self) -> bool:
        return bool(self.text.strip()) and (looks_numeric(self.text) or bool(AMOUNT_RE.match(self.text)))

    @property
    def has_digit(self) -> bool:
        return any(c.isdigit() for c in self.text)

    def stack(self) -> list[Piece]:
        """This piece and the lines that continue it, top to bottom."""
        return [self] + [p for below in self.below for p in below.stack()]


@dataclass
class Row:
    """Words at one height: the values and the labels left of them (or header words)."""

    values: list[Piece]
    labels: list[Piece] = field(default_factory=list)
    words_after: list[Piece] = field(default_factory=list)  # words right of its first value: prose, not a row

    @property
    def top(self) -> float:
        return min(p.bbox[1] for p in self.values + self.labels)

    @property
    def bottom(self) -> float:
        return max(p.bbox[3] for p in self.values + self.labels)

    @property
    def height(self) -> float:
        return min(p.height for p in self.values + self.labels)


@dataclass
class LooseTable:
    """Header and value rows in reading order, and the value columns (x ranges) they share."""

    rows: list[Row]
    columns: list[tuple[float, float]]

    def column_of(self, piece: Piece) -> int | None:
        """The value column a piece stands over, if any."""
        x0, _, x1, _ = piece.bbox
        overlaps = [min(x1, c1) - max(x0, c0) for c0, c1 in self.columns]
        best = max(range(len(overlaps)), key=overlaps.__getitem__, default=None)
        return best if best is not None and overlaps[best] > 0 else None


def split_line(glyphs: list[Glyph], line: int) -> list[Piece]:
    """Cut a line where the gap between two glyphs is wider than GAP_EM glyph heights."""
    pieces: list[Piece] = []
    current: list[Glyph] = []
    word: list[Glyph] = []  # the glyphs since the last space
    for g in glyphs:
        if not g.c.strip():
            word = []
            continue
        if current and (_wide_gap(current[-1], g) or (not word and _numbers_apart(current, g))):
            pieces.append(Piece(current, line))
            current = []
        current.append(g)
        word.append(g)
    if current:
        pieces.append(Piece(current, line))
    return _label_number_apart(pieces)


def _label_number_apart(pieces: list[Piece]) -> list[Piece]:
    """A label printed against the first of the numbers that follow it ("…申请数量20 0 0 0 0 0 20")
    gives up that number: when every piece after it is a value, its trailing digits are a cell."""
    for i, piece in enumerate(pieces[:-1]):
        m = TRAILING_NUMBER_RE.search(piece.text)
        if m and m.start() > 0 and not piece.is_value and all(p.is_value for p in pieces[i + 1 :]):
            cut = m.start()
            return pieces[:i] + [Piece(piece.glyphs[:cut], piece.line), Piece(piece.glyphs[cut:], piece.line)] + pieces[i + 1 :]
    return pieces


def _wide_gap(prev: Glyph, g: Glyph) -> bool:
    return g.bbox[0] - prev.bbox[2] > GAP_EM * max(prev.bbox[3] - prev.bbox[1], 1.0)


def _numbers_apart(current: list[Glyph], g: Glyph) -> bool:
    """A space between a number and a digit or a sign ends the number: numbers are not printed with
    spaces ("88 +7 161" is three numbers)."""
    last = "".join(x.c for x in current)
    return bool(TRAILING_NUMBER_RE.search(last)) and (looks_numeric(g.c) or g.c == "+")


def loose_tables(pieces: list[Piece]) -> list[LooseTable]:
    """The tables the pieces of one page form without ruling lines."""
    rows = [r for r in _value_rows(pieces) if _is_table_row(r)]
    attached = {id(p) for r in rows for p in r.values + r.labels}
    free = _stack_wrapped([p for p in pieces if id(p) not in attached], [p for r in rows for p in r.labels], pieces)
    tables, floor = [], float("-inf")
    for group in _group_rows(rows, free):
        columns = _columns(group) or []
        header = _header_rows(group, [p for p in free if p.bbox[1] >= floor], columns)
        floor = group[-1].bottom
        if not _looks_tabular(group, header):
            continue
        inside = _free_rows([p for p in free if group[0].top <= p.bbox[1] and p.bbox[3] <= group[-1].bottom])
        tables.append(LooseTable(sorted(header + inside + group, key=lambda r: r.top), columns))
    return tables


def _value_rows(pieces: list[Piece]) -> list[Row]:
    """Values whose vertical centres are within half a glyph height of each other, with their labels."""
    rows: list[Row] = []
    for p in sorted((p for p in pieces if p.is_value), key=_centre_y):
        if rows and abs(_centre_y(p) - _centre_y(rows[-1].values[0])) < 0.5 * min(p.height, rows[-1].height):
            rows[-1].values.append(p)
        else:
            rows.append(Row([p]))
    for row in rows:
        row.values.sort(key=lambda p: p.bbox[0])
        first_x = row.values[0].bbox[0] + COLUMN_TOLERANCE
        words = sorted(
            (p for p in pieces if not p.is_value and _overlap_y(p, row) >= SAME_ROW * p.height), key=lambda p: p.bbox[0]
        )
        row.labels = [p for p in words if p.bbox[2] <= first_x]
        row.words_after = [p for p in words if p.bbox[2] > first_x]
    return rows


def _is_table_row(row: Row) -> bool:
    """Numbers, labelled or several, and no words printed between or after them
    (prose such as "全年公开规章 22 件" puts words after its numbers)."""
    numbers = sum(p.has_digit for p in row.values)
    if numbers == 0 or (not row.labels and numbers < 2):  # "- 3 -" is a page number
        return False
    return not row.words_after


def _stack_wrapped(free: list[Piece], labels: list[Piece], pieces: list[Piece]) -> list[Piece]:
    """Hang each free line under the line it continues; return the free lines that start a stack
    (a header cell, a caption, a heading)."""
    tops: list[Piece] = []
    row_labels = {id(q) for q in labels}
    placed = list(labels)
    for p in sorted(free, key=lambda p: p.bbox[1]):
        above = [q for q in placed if _continues(p, q.stack()[-1]) and (id(q) not in row_labels or _full(q.stack()[-1], pieces))]
        if above:
            max(above, key=lambda q: q.stack()[-1].bbox[3]).stack()[-1].below.append(p)
        else:
            tops.append(p)
            placed.append(p)
    return tops


def _continues(p: Piece, above: Piece) -> bool:
    """Could p be the next line of the text ending with `above`: right under it, no wider, and
    not starting with an item number of its own ("4.保护第三方合法权益" is the next row)?"""
    gap = p.bbox[1] - above.bbox[3]
    glyph = p.height
    under = -0.5 * glyph <= gap < WRAP_EM * glyph and above.bbox[0] - glyph <= p.bbox[0] and p.bbox[2] <= above.bbox[2] + glyph
    return under and not ITEM_NUMBER_RE.match(p.text) and not CLAUSE_CAPTION_RE.match(p.text)


def _full(line: Piece, pieces: list[Piece]) -> bool:
    """Does a row label's line reach the next word on its right, so that it had to wrap? (In a
    tightly set table the next row's caption can stand as close under a label as its own next line.)"""
    return _room_right(line, pieces) < WRAP_ROOM_EM * line.height


def _room_right(piece: Piece, pieces: list[Piece]) -> float:
    """Space between a piece and the next word to its right on its line (none: no limit known, 0)."""
    x0, y0, x1, y1 = piece.bbox
    right = [q.bbox[0] for q in pieces if q.bbox[0] >= x1 and min(y1, q.bbox[3]) - max(y0, q.bbox[1]) > 0.5 * piece.height]
    return min(right) - x1 if right else 0.0


def _group_rows(rows: list[Row], free: list[Piece]) -> list[list[Row]]:
    """Consecutive rows close together whose values keep to shared columns, with no section
    heading between them."""
    headings = [_centre_y(p) for p in free if _is_heading(p)]
    groups: list[list[Row]] = []
    for row in sorted(rows, key=lambda r: r.top):
        last = groups[-1] if groups else None
        close = last and row.top - last[-1].bottom <= ROW_GAP_EM * row.height
        if close and not any(last[-1].bottom <= y <= row.top for y in headings) and _columns(last + [row]) is not None:
            last.append(row)
        else:
            groups.append([row])
    return groups


def _columns(rows: list[Row]) -> list[tuple[float, float]] | None:
    """The x ranges the rows' values fall into; None if one row puts two values in one column
    or a value straddles two columns (the rows are not one table)."""
    columns: list[list[float]] = []
    for row in rows:
        used: set[int] = set()
        for p in row.values:
            x0, _, x1, _ = p.bbox
            hits = [i for i, (c0, c1) in enumerate(columns) if x0 < c1 + COLUMN_TOLERANCE and c0 - COLUMN_TOLERANCE < x1]
            if len(hits) > 1 or (hits and hits[0] in used):
                return None
            if hits:
                columns[hits[0]] = [min(x0, columns[hits[0]][0]), max(x1, columns[hits[0]][1])]
                used.add(hits[0])
            else:
                columns.append([x0, x1])
                used.add(len(columns) - 1)
    return sorted((c0, c1) for c0, c1 in columns)


def _looks_tabular(rows: list[Row], header: list[Row]) -> bool:
    """A header of several words over the values, or rows of several values (a contents page
    has one number a line and no header: not a table)."""
    several = any(len(r.values) >= 2 for r in rows)
    return any(len(h.labels) >= 2 for h in header) or (len(rows) >= 2 and several) or any(len(r.values) >= 3 for r in rows)


def _header_rows(group: list[Row], free: list[Piece], columns: list[tuple[float, float]]) -> list[Row]:
    """Free lines above the first row, each close to the next: words over the value columns (the
    column headers), and right above the row, a line in the label column (the end of a label whose
    start is on the page before). A section heading is never part of a table."""
    left, right = (columns[0][0], columns[-1][1]) if columns else (0.0, 0.0)
    above = _free_rows([p for p in free if p.stack()[-1].bbox[3] <= group[0].top])
    header: list[Row] = []
    limit = group[0].top
    for row in reversed(above):
        boxes = [stack_box(p) for p in row.labels]
        x0, x1 = min(b[0] for b in boxes), max(b[2] for b in boxes)
        over_columns = len(boxes) >= 2 or (left - COLUMN_TOLERANCE <= x0 and x1 <= right + COLUMN_TOLERANCE)
        label_end = not header and x1 <= left
        heading = any(_is_heading(p) for p in row.labels)
        if heading or not (over_columns or label_end) or limit - max(b[3] for b in boxes) > HEADER_GAP_EM * row.height:
            break
        header.insert(0, row)
        limit = row.top
    return header


def stack_box(piece: Piece) -> tuple[float, float, float, float]:
    """The box of a piece and the lines that continue it."""
    return union([p.bbox for p in piece.stack()])


def union(boxes: list[tuple[float, float, float, float]]) -> tuple[float, float, float, float]:
    return min(b[0] for b in boxes), min(b[1] for b in boxes), max(b[2] for b in boxes), max(b[3] for b in boxes)


def _free_rows(free: list[Piece]) -> list[Row]:
    """Free lines at one height as rows of words (they have no values)."""
    rows: list[Row] = []
    for p in sorted(free, key=_centre_y):
        if rows and abs(_centre_y(p) - _centre_y(rows[-1].labels[0])) < 0.5 * min(p.height, rows[-1].height):
            rows[-1].labels.append(p)
        else:
            rows.append(Row([], [p]))
    for row in rows:
        row.labels.sort(key=lambda p: p.bbox[0])
    return rows


def _is_heading(p: Piece) -> bool:
    return parse_section_heading("".join(s.text for s in p.stack())) is not None


def _centre_y(p: Piece) -> float:
    return (p.bbox[1] + p.bbox[3]) / 2


def _overlap_y(p: Piece, row: Row) -> float:
    """How far a piece overlaps the height of a row's values."""
    top, bottom = min(v.bbox[1] for v in row.values), max(v.bbox[3] for v in row.values)
    return min(p.bbox[3], bottom) - max(p.bbox[1], top)
