"""The ruling lines of a scanned page image, as drawings the ruled-table reader (pdf_rules) takes.

A born-digital PDF gives its table rules as vector drawings; a scan has them only as ink. Ink
that runs on, level or upright, for longer than a character's stroke is a rule: the page's ink
(Otsu's threshold) is opened with a long flat kernel for the horizontal rules and a long upright
one for the vertical rules, and each stretch of ink left becomes one line, down its middle, in
PDF points. The page has been turned upright and levelled first (nlp/ingest/upright.py), so rules
run along the axes. Lengths are in nlp/data/ocr.yaml (`rules`): a horizontal rule is longer than
a cell is high; a vertical one may be as short as a one-line cell, and each of its ends meets a
horizontal rule.
"""

from __future__ import annotations

import cv2
import numpy as np

Drawing = dict  # as Page.get_cdrawings() gives one: {"items": [("l", p, q)], "rect": (x0, y0, x1, y1)}


def ruling_lines(grey: np.ndarray, scale: float, rule: dict) -> list[Drawing]:
    """The rules on a grey page image as line drawings, in points (`scale`: points per pixel)."""
    _, ink = cv2.threshold(grey, 0, 255, cv2.THRESH_BINARY_INV + cv2.THRESH_OTSU)
    across = max(round(rule["min_horizontal"] / scale), 2)
    down = max(round(rule["min_vertical"] / scale), 2)
    level, upright = _runs(ink, (across, 1)), _runs(ink, (1, down))
    near = max(round(rule["meet"] / scale), 1)
    upright = [box for box in upright if _meets(box[1], box, level, near) and _meets(box[3], box, level, near)]
    return [_line(box, True, scale) for box in level] + [_line(box, False, scale) for box in upright]


def _runs(ink: np.ndarray, kernel: tuple[int, int]) -> list[tuple[int, int, int, int]]:
    """The boxes (pixels) of the stretches of ink at least as long as the kernel."""
    runs = cv2.morphologyEx(ink, cv2.MORPH_OPEN, cv2.getStructuringElement(cv2.MORPH_RECT, kernel))
    count, _, stats, _ = cv2.connectedComponentsWithStats(runs, connectivity=8)
    return [(x, y, x + width, y + height) for x, y, width, height, _ in stats[1:count]]


def _meets(y: int, box: tuple[int, int, int, int], level: list, near: int) -> bool:
    """Does the end at height y of an upright stretch of ink meet a level rule? A table's upright
    rules run from rule to rule; a character's upright strokes (a heading's are as long as a
    cell is high) meet none."""
    x = (box[0] + box[2]) / 2
    return any(x0 - near <= x <= x1 + near and y0 - near <= y <= y1 + near for x0, y0, x1, y1 in level)


def _line(box: tuple[int, int, int, int], horizontal: bool, scale: float) -> Drawing:
    """A stretch of ink as a drawing of the line down its middle."""
    x0, y0, x1, y1 = (float(v) * scale for v in box)
    if horizontal:
        y = (y0 + y1) / 2
        start, end = (x0, y), (x1, y)
    else:
        x = (x0 + x1) / 2
        start, end = (x, y0), (x, y1)
    return {"items": [("l", start, end)], "rect": (x0, y0, x1, y1)}
