"""A scanned page image turned upright before OCR reads it: a page scanned sideways or upside down
is given quarter turns, a page scanned at a slant is levelled (nlp/data/ocr.yaml `upright`).

Both are found by the OCR's own text detector, run once on the page at a reduced size. Lines of
text are long thin boxes: the direction of their long sides says whether the page lies sideways,
their median slant by how much it is skewed; the direction classifier, asked about those lines,
tells a page from the same page upside down. OpenCV comes with the OCR extra.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from statistics import median

import cv2
import numpy as np

ACROSS = 45.0  # degrees: a line slanting more than this runs across the page, not along it


@dataclass(frozen=True)
class Turn:
    """How a page image is turned upright: `quarters` counter-clockwise quarter turns, then a
    rotation by `skew` degrees (counter-clockwise when positive) that levels its lines."""

    quarters: int = 0
    skew: float = 0.0

    @property
    def rotation(self) -> int:
        """The quarter turns in degrees clockwise, as a PDF's /Rotate counts them."""
        return -90 * self.quarters % 360

    def apply(self, grey: np.ndarray) -> np.ndarray:
        """The image turned upright; a skew keeps the canvas, its corners filled white."""
        turned = np.ascontiguousarray(np.rot90(grey, self.quarters)) if self.quarters else grey
        if not self.skew:
            return turned
        height, width = turned.shape
        matrix = cv2.getRotationMatrix2D((width / 2, height / 2), self.skew, 1.0)
        return cv2.warpAffine(turned, matrix, (width, height), flags=cv2.INTER_LINEAR, borderValue=255)

    def carry(self, points: np.ndarray, shape: tuple[int, int]) -> np.ndarray:
        """Points (x, y) of an image of that shape (height, width), where `apply` puts them."""
        height, width = shape
        for _ in range(self.quarters):  # np.rot90: (x, y) → (y, width - 1 - x)
            points = np.stack([points[:, 1], width - 1 - points[:, 0]], axis=1)
            height, width = width, height
        if not self.skew:
            return points
        matrix = cv2.getRotationMatrix2D((width / 2, height / 2), self.skew, 1.0)
        return points @ matrix[:, :2].T + matrix[:, 2]


def find_turn(grey: np.ndarray, engine, rule: dict) -> Turn:
    """How to turn a grey page image upright, from the lines of text the detector finds on it
    reduced; no turn when it finds too few lines to tell."""
    small = cv2.resize(grey, None, fx=rule["detect_scale"], fy=rule["detect_scale"], interpolation=cv2.INTER_AREA)
    boxes, _ = engine.text_det(colour(small))
    lines = [box for box in boxes if _aspect(box) >= rule["line_aspect"]] if boxes is not None else []
    if len(lines) < rule["min_lines"]:
        return Turn()
    sideways = _sideways(lines)
    skew = _level(Turn(int(sideways)).apply(small), _slant(lines, sideways), rule)
    level = Turn(int(sideways), skew if rule["min_skew"] <= abs(skew) <= rule["max_skew"] else 0.0)
    along = [level.carry(box, small.shape) for box in lines if (abs(_angle(box)) > ACROSS) == sideways]
    return Turn(level.quarters + 2 * _upside_down(level.apply(small), along, engine), level.skew)


def colour(grey: np.ndarray) -> np.ndarray:
    """A grey image as the three channels the OCR models expect."""
    return np.repeat(grey[:, :, None], 3, axis=2)


def _sides(box: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """A detected box's long side and short side as vectors (the box's corners run around it)."""
    along, across = box[1] - box[0], box[3] - box[0]
    return (along, across) if np.hypot(*along) >= np.hypot(*across) else (across, along)


def _aspect(box: np.ndarray) -> float:
    """How many times longer than high a detected box is."""
    long, short = _sides(box)
    return float(np.hypot(*long) / max(np.hypot(*short), 1.0))


def _angle(box: np.ndarray) -> float:
    """The direction of a box's long side in degrees, image coordinates (y down), folded into (-90, 90]."""
    long, _ = _sides(box)
    return _fold(math.degrees(math.atan2(long[1], long[0])))


def _fold(degrees: float) -> float:
    """An undirected line's angle in (-90, 90]."""
    return 90 - (90 - degrees) % 180


def _sideways(lines: list[np.ndarray]) -> bool:
    """Do most of the lines' lengths run up and down the image?"""
    lengths = [(abs(_angle(box)) > ACROSS, float(np.hypot(*_sides(box)[0]))) for box in lines]
    return sum(n for across, n in lengths if across) > sum(n for across, n in lengths if not across)


def _slant(lines: list[np.ndarray], sideways: bool) -> float:
    """The median slant of the lines once a sideways page is given its quarter turn, in degrees:
    rough, as the detector's boxes of short words slant by a degree more or less."""
    slants = [_fold(_angle(box) - 90 * sideways) for box in lines]
    return median(s for s in slants if abs(s) <= ACROSS)


def _level(image: np.ndarray, slant: float, rule: dict) -> float:
    """The skew near `slant` (within `refine` degrees) that stacks the image's ink into the sharpest
    rows: the projection profile of text lines is sharpest when they are level. Ink is what Otsu's
    threshold sets apart from the paper, so that a faint scan has ink too."""
    _, ink = cv2.threshold(image, 0, 255, cv2.THRESH_BINARY_INV + cv2.THRESH_OTSU)
    ys, xs = np.nonzero(ink)
    if not len(xs):  # a blank page: nothing to level by
        return round(slant, 2)
    x, y = xs - image.shape[1] / 2, ys - image.shape[0] / 2
    steps = round(rule["refine"] / rule["refine_step"])
    candidates = [slant + i * rule["refine_step"] for i in range(-steps, steps + 1)]
    return round(max(candidates, key=lambda a: _sharpness(x, y, a)), 2)


def _sharpness(x: np.ndarray, y: np.ndarray, degrees: float) -> float:
    """How sharp the row profile of ink points (centred) is once rotated as cv2 rotates by `degrees`."""
    radians = math.radians(degrees)
    rows = np.round(y * math.cos(radians) - x * math.sin(radians)).astype(np.int64)
    counts = np.bincount(rows - rows.min())
    return float(np.dot(counts, counts))


def _upside_down(level: np.ndarray, lines: list[np.ndarray], engine) -> bool:
    """Does the direction classifier read most of the length of the lines (corner points on the
    levelled image) as turned half round?"""
    crops = [crop for crop in (_crop(level, box) for box in lines) if crop.size]
    _, labels, _ = engine.text_cls([colour(crop) for crop in crops])
    widths = [(label == "180", crop.shape[1]) for (label, _), crop in zip(labels, crops)]
    return sum(w for flipped, w in widths if flipped) > sum(w for flipped, w in widths if not flipped)


def _crop(image: np.ndarray, box: np.ndarray) -> np.ndarray:
    """The part of an image inside a box's bounding rectangle."""
    x0, y0 = np.maximum(np.floor(box.min(axis=0)).astype(int), 0)
    x1, y1 = np.ceil(box.max(axis=0)).astype(int)
    return image[y0:y1, x0:x1]
