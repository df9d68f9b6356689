"""Tables drawn with ruling lines, read from the page's vector graphics.

Our first choice for ruled tables (pdf.py falls back on PyMuPDF's `Page.find_tables` only where
this reader visibly fails). It builds the grid the way `find_tables` ("lines" strategy, the
pdfplumber algorithm) does, so the cell boxes are the same to the last bit, but from what the
page reader already has: the drawings (`Page.get_cdrawings`, read once) and the glyph boxes
of the one text extraction. `find_tables` extracts the page's characters again and computes
headers and cell texts we never use; that was 40 % of the time of reading a PDF.

- Rules: stroked or filled lines that run along an axis (within SNAP points), rectangles thinner
  than MIN_RULE (drawn rules: their midline) and the four sides of wider rectangles (cell
  frames and backgrounds); and the outline of each cluster of touching drawings that holds
  text, which closes a table printed without its outer frame.
- Rules within SNAP points of each other are moved to their mean position; collinear pieces
  less than JOIN points apart become one rule; pieces shorter than MIN_RULE are dropped.
- Where a horizontal and a vertical rule meet (within CROSS points) is a grid point. A cell
  is the smallest rectangle of grid points whose four sides lie on rules: where an inner rule
  is missing, the cell runs on to the next point, which gives merged cells.
- Cells sharing a corner make a table; one with a single column edge, or no text, is not one.
- Rows are the cells with the same top, laid over the table's column starts (None where a
  cell merged from the left or from above covers the slot), as `find_tables` gives them.
"""

from __future__ import annotations

import bisect
from collections import defaultdict
from dataclasses import dataclass

import pymupdf

Box = tuple[float, float, float, float]
Point = tuple[float, float]

SNAP = 3.0  # points: rules this close are one rule; lines this close to an axis run along it
JOIN = 3.0  # points: collinear pieces of a rule this far apart are joined
MIN_RULE = 3.0  # points: shorter pieces are not rules; thinner rectangles are drawn rules
CROSS = 3.0  # points: a rule that stops this short of another still meets it


@dataclass(eq=False)
class Rule:
    """A horizontal rule at y=`at` from x=`start` to `end`, or a vertical one at x=`at` from y=`start` to `end`."""

    horizontal: bool
    at: float
    start: float
    end: float


@dataclass
class RuledRow:
    bbox: Box
    cells: list[Box | None]  # one slot per column start of the table; None where a merged cell covers it


@dataclass
class RuledTable:
    rows: list[RuledRow]
    col_count: int


def ruled_tables(
    drawings: list[dict], glyphs: list[Box], clip: Box, to_reading: pymupdf.Matrix | None = None
) -> list[RuledTable]:
    """The tables the ruling lines of `drawings` (as `Page.get_cdrawings` gives them) draw on a
    page; `glyphs` are the boxes of its visible characters, `clip` the page's box, both in reading
    coordinates; `to_reading` takes the drawings' coordinates there (None: they already are)."""
    centres = _Centres(glyphs)
    rules = page_rules(drawings, centres, clip, to_reading)
    cells = grid_cells(rules)
    return [_rows(t) for t in _tables(cells, centres)]


def page_rules(drawings: list[dict], glyphs: _Centres, clip: Box, to_reading: pymupdf.Matrix | None = None) -> list[Rule]:
    """The page's rules, snapped, joined and long enough (in the order find_tables makes them,
    which fixes the rounding of the snapped positions)."""
    pieces: list[Rule] = []
    for path in drawings:
        for a, b in _path_lines(path, to_reading):
            piece = _piece(a, b, clip)
            if piece is not None:
                pieces.append(piece)
    for x0, y0, x1, y1 in _outlines(drawings, glyphs, to_reading):
        for a, b in (((x0, y0), (x1, y0)), ((x0, y1), (x1, y1)), ((x0, y0), (x0, y1)), ((x1, y0), (x1, y1))):
            piece = _piece(a, b, clip)
            if piece is not None:
                pieces.append(piece)
    vertical = _snap([p for p in pieces if not p.horizontal])
    horizontal = _snap([p for p in pieces if p.horizontal])
    return [r for r in _join(vertical + horizontal) if r.end - r.start >= MIN_RULE]


def _path_lines(path: dict, to_reading: pymupdf.Matrix | None):
    """The straight lines of a path: its line items, rectangle sides (or the midline of a thin
    rectangle) and quad sides; a closed path of lines gets its closing line."""
    items = list(path.get("items", ()))
    if path.get("closePath") and items and items[0][0] == "l" and items[-1][0] == "l":
        items.append(("l", items[-1][2], items[0][1]))
    for item in items:
        kind = item[0]
        if kind == "l":
            yield _at(item[1], to_reading), _at(item[2], to_reading)
        elif kind == "re":
            x0, y0, x1, y1 = _rect(item[1], to_reading)
            w, h = x1 - x0, y1 - y0
            if w <= MIN_RULE and w < h:  # a vertical rule drawn as a thin rectangle
                x = abs(x1 + x0) / 2
                yield (x, y0), (x, y1)
            elif h <= MIN_RULE and h < w:  # a horizontal one
                y = abs(y1 + y0) / 2
                yield (x0, y), (x1, y)
            else:
                yield from (((x0, y0), (x0, y1)), ((x0, y1), (x1, y1)), ((x1, y1), (x1, y0)), ((x1, y0), (x0, y0)))
        elif kind == "qu":
            ul, ur, ll, lr = (_at(p, to_reading) for p in item[1])
            yield from ((ul, ll), (ll, lr), (lr, ur), (ur, ul))


def _at(point, to_reading: pymupdf.Matrix | None) -> Point:
    if to_reading is None:
        return point[0], point[1]
    p = pymupdf.Point(point) * to_reading
    return p.x, p.y


def _rect(rect, to_reading: pymupdf.Matrix | None) -> Box:
    if to_reading is not None:
        r = pymupdf.Rect(rect).normalize() * to_reading
        return r.x0, r.y0, r.x1, r.y1
    x0, y0, x1, y1 = rect
    return min(x0, x1), min(y0, y1), max(x0, x1), max(y0, y1)


def _piece(a: Point, b: Point, clip: Box) -> Rule | None:
    """A line as a piece of a rule, cut to the page; None unless it runs along an axis."""
    if abs(a[0] - b[0]) > SNAP and abs(a[1] - b[1]) > SNAP:
        return None
    x0, x1 = min(a[0], b[0]), max(a[0], b[0])
    y0, y1 = min(a[1], b[1]), max(a[1], b[1])
    if x0 > clip[2] or x1 < clip[0] or y0 > clip[3] or y1 < clip[1]:
        return None
    x0, y0, x1, y1 = max(x0, clip[0]), max(y0, clip[1]), min(x1, clip[2]), min(y1, clip[3])
    if x0 == x1 and y0 == y1:
        return None
    # Only an exactly level line is horizontal: one slanting up to SNAP is taken as vertical
    # (and, as short as its slant, dropped), as find_tables takes it.
    return Rule(True, y0, x0, x1) if y0 == y1 else Rule(False, x0, y0, y1)


def _outlines(drawings: list[dict], glyphs: _Centres, to_reading: pymupdf.Matrix | None) -> list[Box]:
    """The boxes of clusters of drawings that touch (within SNAP) and hold a character.

    A cluster grows from the lowest box left (boxes in order of their bottom, then left edge)
    by every box touching it, until none does. Boxes are found through a grid of BUCKET points,
    so that a page of thousands of drawings costs the boxes near each cluster, not all of them."""
    boxes = sorted({_rect(d["rect"], to_reading) for d in drawings if "rect" in d}, key=lambda r: (r[3], r[0]))
    buckets: dict[tuple[int, int], list[int]] = defaultdict(list)
    for i, box in enumerate(boxes):
        for key in _buckets(box, 0.0):
            buckets[key].append(i)
    alive = [True] * len(boxes)
    outlines = []
    for start, grown in enumerate(boxes):
        if not alive[start]:
            continue
        alive[start] = False
        more = True
        while more:
            more = False
            near = sorted({i for key in _buckets(grown, SNAP) for i in buckets.get(key, ()) if alive[i]}, reverse=True)
            for i in near:
                if _touch(grown, boxes[i]):
                    grown = _union(grown, boxes[i])
                    alive[i] = False
                    more = True
        if glyphs.any_in(grown):
            outlines.append(grown)
    return outlines


BUCKET = 64.0  # points: the side of the squares boxes are filed under


def _buckets(box: Box, margin: float):
    """The grid squares a box, grown by `margin` on every side, lies on."""
    x0, y0 = int((box[0] - margin) // BUCKET), int((box[1] - margin) // BUCKET)
    x1, y1 = int((box[2] + margin) // BUCKET), int((box[3] + margin) // BUCKET)
    return ((x, y) for x in range(x0, x1 + 1) for y in range(y0, y1 + 1))


def _touch(a: Box, b: Box) -> bool:
    """An end of one box within SNAP of the other's extent, across and down (either way round)."""

    def ends_within(r: Box, s: Box) -> bool:
        across = s[0] - SNAP <= r[0] <= s[2] + SNAP or s[0] - SNAP <= r[2] <= s[2] + SNAP
        return across and (s[1] - SNAP <= r[1] <= s[3] + SNAP or s[1] - SNAP <= r[3] <= s[3] + SNAP)

    return ends_within(a, b) or ends_within(b, a)


def _snap(rules: list[Rule]) -> list[Rule]:
    """Rules whose positions chain within SNAP of each other, moved to their mean position."""
    values = sorted({r.at for r in rules})
    cluster: dict[float, int] = {}
    for i, v in enumerate(values):
        cluster[v] = cluster[values[i - 1]] + (v > values[i - 1] + SNAP) if i else 0
    groups: dict[int, list[Rule]] = defaultdict(list)
    for r in rules:
        groups[cluster[r.at]].append(r)
    snapped = []
    for key in sorted(groups):
        group = groups[key]
        mean = sum(r.at for r in group) / len(group)
        snapped += [Rule(r.horizontal, r.at + (mean - r.at), r.start, r.end) for r in group]
    return snapped


def _join(rules: list[Rule]) -> list[Rule]:
    """Collinear pieces (same direction, same position) less than JOIN apart, as one rule."""
    lines: dict[tuple[bool, float], list[Rule]] = defaultdict(list)
    for r in sorted(rules, key=lambda r: (r.horizontal, r.at)):
        lines[r.horizontal, r.at].append(r)
    joined = []
    for pieces in lines.values():
        pieces.sort(key=lambda r: r.start)
        current = Rule(pieces[0].horizontal, pieces[0].at, pieces[0].start, pieces[0].end)
        for p in pieces[1:]:
            if p.start <= current.end + JOIN:
                current.end = max(current.end, p.end)
            else:
                joined.append(current)
                current = Rule(p.horizontal, p.at, p.start, p.end)
        joined.append(current)
    return joined


def grid_cells(rules: list[Rule]) -> list[Box]:
    """The smallest rectangles of grid points whose sides lie on rules."""
    points: dict[Point, tuple[set[int], set[int]]] = {}
    vertical = sorted((r for r in rules if not r.horizontal), key=lambda r: (r.at, r.start))
    horizontal = sorted((r for r in rules if r.horizontal), key=lambda r: (r.at, r.start))
    xs = [v.at for v in vertical]
    for h in horizontal:
        for v in vertical[bisect.bisect_left(xs, h.start - CROSS) : bisect.bisect_right(xs, h.end + CROSS)]:
            if v.start <= h.at + CROSS and v.end >= h.at - CROSS:
                down, across = points.setdefault((v.at, h.at), (set(), set()))
                down.add(id(v))
                across.add(id(h))
    ys_at: dict[float, list[float]] = defaultdict(list)
    xs_at: dict[float, list[float]] = defaultdict(list)
    for x, y in sorted(points):
        ys_at[x].append(y)
        xs_at[y].append(x)

    def same_vertical(p: Point, q: Point) -> bool:
        return not points[p][0].isdisjoint(points[q][0])

    def same_horizontal(p: Point, q: Point) -> bool:
        return not points[p][1].isdisjoint(points[q][1])

    cells = []
    for x, y in sorted(points):
        cell = _smallest_cell(
            (x, y), [b for b in ys_at[x] if b > y], [r for r in xs_at[y] if r > x], points, same_vertical, same_horizontal
        )
        if cell is not None:
            cells.append(cell)
    return cells


def _smallest_cell(top_left: Point, below: list[float], right: list[float], points, same_vertical, same_horizontal) -> Box | None:
    x, y = top_left
    for y1 in below:
        if not same_vertical(top_left, (x, y1)):
            continue
        for x1 in right:
            if not same_horizontal(top_left, (x1, y)):
                continue
            corner = (x1, y1)
            if corner in points and same_vertical(corner, (x1, y)) and same_horizontal(corner, (x, y1)):
                return x, y, x1, y1
    return None


def _tables(cells: list[Box], glyphs: _Centres) -> list[list[Box]]:
    """Cells that share corners, as tables: those with two column edges or more and some text,
    top to bottom."""
    parent: dict[Point, Point] = {}

    def find(p: Point) -> Point:
        while parent.setdefault(p, p) != p:
            parent[p] = parent[parent[p]]
            p = parent[p]
        return p

    for x0, y0, x1, y1 in cells:
        corners = [(x0, y0), (x0, y1), (x1, y0), (x1, y1)]
        for c in corners[1:]:
            parent[find(c)] = find(corners[0])
    groups: dict[Point, list[Box]] = defaultdict(list)
    for cell in cells:
        groups[find((cell[0], cell[1]))].append(cell)
    tables = []
    for group in groups.values():
        box = (min(c[0] for c in group), min(c[1] for c in group), max(c[2] for c in group), max(c[3] for c in group))
        if len({c[0] for c in group}) < 2 or len({c[2] for c in group}) < 2:
            continue
        if glyphs.any_in(box):
            tables.append(group)
    return sorted(tables, key=lambda t: min((c[1], c[0]) for c in t))


def _rows(cells: list[Box]) -> RuledTable:
    """The cells as rows: those with one top, over the table's column starts."""
    starts = sorted({c[0] for c in cells})
    by_top: dict[float, dict[float, Box]] = defaultdict(dict)
    for c in sorted(cells, key=lambda c: (c[1], c[0])):
        by_top[c[1]][c[0]] = c
    rows = []
    for top in sorted(by_top):
        slots = [by_top[top].get(x) for x in starts]
        present = [c for c in slots if c is not None]
        bbox = (min(c[0] for c in present), min(c[1] for c in present), max(c[2] for c in present), max(c[3] for c in present))
        rows.append(RuledRow(bbox, slots))
    return RuledTable(rows, len(starts))


class _Centres:
    """The centres of a page's glyphs, sorted by height: is there one in a box?"""

    def __init__(self, glyphs: list[Box]):
        centres = sorted(((g[1] + g[3]) / 2, (g[0] + g[2]) / 2) for g in glyphs)
        self.ys = [y for y, _ in centres]
        self.xs = [x for _, x in centres]

    def any_in(self, box: Box) -> bool:
        lo, hi = bisect.bisect_left(self.ys, box[1]), bisect.bisect_right(self.ys, box[3])
        return any(box[0] <= x <= box[2] for x in self.xs[lo:hi])


def _union(a: Box, b: Box) -> Box:
    return min(a[0], b[0]), min(a[1], b[1]), max(a[2], b[2]), max(a[3], b[3])
