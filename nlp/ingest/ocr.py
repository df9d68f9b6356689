"""Offline OCR of scanned PDF pages: RapidOCR with the PP-OCR Chinese models its wheel ships.

Optional: `pip install 'touming[ocr]'`, which installs RapidOCR on OpenVINO. RapidOCR on ONNX
Runtime (`rapidocr-onnxruntime`) works too, with the same models and the same readings, at about
2.7 times the time per page on one core (7.5 s against 2.8 s at 150 dpi). Without either,
`available()` is False and scanned pages keep the `needs_ocr` flag. One engine per process, made on the first scanned page. A page scanned
sideways, upside down or at a slant is turned upright before it is read (nlp/ingest/upright.py);
the boxes of what it reads are on the page as turned.
"""

from __future__ import annotations

import importlib
import importlib.util
from dataclasses import dataclass
from functools import cache
from statistics import mean
from typing import TYPE_CHECKING

import numpy as np
import pymupdf

from nlp.data import load

if TYPE_CHECKING:
    from nlp.ingest.upright import Turn

INSTALL_HINT = "pip install 'touming[ocr]'"
OPENVINO = "rapidocr_openvino"
RUNTIMES = (OPENVINO, "rapidocr_onnxruntime")  # fastest first
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
    """Is the OCR extra (or RapidOCR on ONNX Runtime) installed?"""
    return _runtime() is not None


def _runtime() -> str | None:
    """The RapidOCR package to read with: the faster one installed."""
    return next((name for name in RUNTIMES if importlib.util.find_spec(name) is not None), None)


@cache
def _engine():
    """The RapidOCR engine, made once (loading its models takes a fraction of a second)."""
    runtime = _runtime()
    ocr = importlib.import_module(runtime)
    threads = settings()["threads"]
    if runtime == OPENVINO:
        return ocr.RapidOCR(inference_num_threads=threads)
    return ocr.RapidOCR(intra_op_num_threads=threads, inter_op_num_threads=threads)


@dataclass
class OcrPage:
    """What OCR read on a page: its text boxes, top to bottom, in points on the page turned upright;
    that page's width and height; and how its image was turned: `rotation` degrees clockwise, then
    `skew` degrees (counter-clockwise when positive) to level its lines."""

    lines: list[OcrLine]
    size: tuple[float, float]
    rotation: int = 0
    skew: float = 0.0


def read_image_page(page: pymupdf.Page) -> OcrPage:
    """What OCR reads on a page rendered in grey and turned upright. The engine's direction
    classifier looks at a few lines of the page to turn it, not at every box it reads (that
    would cost time on every box of every upright page)."""
    from nlp.ingest.upright import colour  # OpenCV comes with the OCR extra

    rule = settings()
    dpi = rule["dpi"]
    pix = page.get_pixmap(dpi=dpi, colorspace=pymupdf.csGRAY, alpha=False)
    grey = np.frombuffer(pix.samples, np.uint8).reshape(pix.h, pix.w, pix.n)[:, :, 0]
    turn = upright_turn(grey)
    image = turn.apply(grey)
    found, _ = _engine()(
        colour(image), use_cls=False, return_word_box=True, text_score=rule["min_confidence"], box_thresh=rule["box_thresh"]
    )
    lines = [_line(box, 72 / dpi) for box in found or []]
    height, width = image.shape
    size = (width * 72 / dpi, height * 72 / dpi)
    return OcrPage(_join_lines([line for line in lines if line.chars]), size, turn.rotation, turn.skew)


def upright_turn(grey: np.ndarray) -> Turn:
    """How a grey page image is to be turned upright (nlp/ingest/upright.py)."""
    from nlp.ingest.upright import find_turn

    return find_turn(grey, _engine(), settings()["upright"])


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


def page_note(page: OcrPage) -> str:
    """What the OCR of a page gave, for the report: how the page was turned, characters, mean
    confidence, doubtful ones."""
    scores = [s for line in page.lines for _, _, s in line.chars]
    low = sum(s < settings()["low_confidence"] for s in scores)
    return (
        f"read by OCR at {settings()['dpi']} dpi, {turn_note(page.rotation, page.skew)}: {len(scores)} characters, "
        f"mean confidence {mean(scores):.3f}, {low} under {settings()['low_confidence']}"
    )


def turn_note(rotation: int, skew: float) -> str:
    """How a page image was turned upright, in words: 'turned 90° clockwise, deskewed 1.5° counter-clockwise'."""
    turned = {0: "", 90: "turned 90° clockwise", 180: "turned 180°", 270: "turned 90° counter-clockwise"}[rotation]
    deskewed = f"deskewed {abs(skew):.1f}° {'counter-clockwise' if skew > 0 else 'clockwise'}" if skew else ""
    return ", ".join(filter(None, (turned, deskewed))) or "upright as scanned"
