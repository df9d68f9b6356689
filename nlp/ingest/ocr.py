"""Offline OCR of scanned PDF pages: RapidOCR with the PP-OCR Chinese models its wheel ships.

Optional: `pip install 'touming[ocr]'`. Without it, `available()` is False and scanned pages
keep the `needs_ocr` flag. One engine per process, made on the first scanned page.
"""

from __future__ import annotations

import importlib.util
from dataclasses import dataclass
from functools import cache
from statistics import mean

import numpy as np
import pymupdf

from nlp.data import load

INSTALL_HINT = "pip install 'touming[ocr]'"
BBox = tuple[float, float, float, float]


@dataclass
class OcrLine:
    """One text box the OCR recognised: its characters with their boxes (PDF points) and confidences."""

    chars: list[tuple[str, BBox, float]]

    @property
    def box(self) -> BBox:
        return (
            min(b[0] for _, b, _ in self.chars),
            min(b[1] for _, b, _ in self.chars),
            max(b[2] for _, b, _ in self.chars),
            max(b[3] for _, b, _ in self.chars),
        )


def settings() -> dict:
    return load("ocr")


def available() -> bool:
    """Is the OCR extra installed?"""
    return importlib.util.find_spec("rapidocr_onnxruntime") is not None


@cache
def _engine():
    """The RapidOCR engine, made once (loading its models takes a fraction of a second)."""
    from rapidocr_onnxruntime import RapidOCR

    return RapidOCR()


def read_image_page(page: pymupdf.Page) -> list[OcrLine]:
    """The text boxes of a page rendered in grey, top to bottom, in the page's coordinates. No
    direction classifier: pages are assumed upright (it would cost time on every box)."""
    dpi = settings()["dpi"]
    pix = page.get_pixmap(dpi=dpi, colorspace=pymupdf.csGRAY, alpha=False)
    grey = np.frombuffer(pix.samples, np.uint8).reshape(pix.h, pix.w, pix.n)[:, :, 0]
    image = np.repeat(grey[:, :, None], 3, axis=2)  # the engine expects three channels
    found, _ = _engine()(image, use_cls=False, return_word_box=True, text_score=settings()["min_confidence"])
    lines = [_line(box, 72 / dpi) for box in found or []]
    return _join_lines([line for line in lines if line.chars])


def _line(box: list, scale: float) -> OcrLine:
    """One OCR result, [box, text, score, word boxes, words, word scores], in points. A word of
    several characters (Latin, digits) shares its box out evenly among them."""
    quad, text, score, word_boxes, words, word_scores = box
    if not word_boxes:  # the engine could not place the words: the line's box holds them all
        word_boxes, words, word_scores = [quad], [text], [score]
    chars = []
    for word, word_box, word_score in zip(words, word_boxes, word_scores):
        xs, ys = [p[0] * scale for p in word_box], [p[1] * scale for p in word_box]
        step = (max(xs) - min(xs)) / max(len(word), 1)
        for i, c in enumerate(word):
            x0 = min(xs) + i * step
            chars.append((c, (x0, min(ys), x0 + step, max(ys)), float(word_score)))
    return OcrLine(chars)


def _join_lines(lines: list[OcrLine]) -> list[OcrLine]:
    """Join text boxes that stand on one line with a narrow gap between them, left to right."""
    joined: list[OcrLine] = []
    for line in sorted(lines, key=lambda ln: ln.box[0]):
        last = next((j for j in joined if _continues(j, line)), None)
        if last is None:
            joined.append(line)
        else:
            last.chars.extend(line.chars)
    return sorted(joined, key=lambda ln: (ln.box[1], ln.box[0]))


def _continues(left: OcrLine, right: OcrLine) -> bool:
    """Does `right` start just after `left` ends, on the same line?"""
    (_, y0, x1, y1), (u0, v0, _, v1) = left.box, right.box
    height = min(y1 - y0, v1 - v0)
    overlap = min(y1, v1) - max(y0, v0)
    return overlap > 0.5 * height and -0.5 * height < u0 - x1 < settings()["join_gap"] * height


def page_note(lines: list[OcrLine]) -> str:
    """What the OCR of a page gave, for the report: characters, mean confidence, doubtful ones."""
    scores = [s for line in lines for _, _, s in line.chars]
    low = sum(s < settings()["low_confidence"] for s in scores)
    return (
        f"read by OCR at {settings()['dpi']} dpi: {len(scores)} characters, "
        f"mean confidence {mean(scores):.3f}, {low} under {settings()['low_confidence']}"
    )
