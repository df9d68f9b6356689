"""Offline OCR of scanned PDF pages: RapidOCR with the PP-OCR Chinese models its wheel ships.

Optional: `pip install 'touming[ocr]'`, which installs RapidOCR on OpenVINO. RapidOCR on ONNX
Runtime (`rapidocr-onnxruntime`) works too, with the same models and the same readings, at about
2.7 times the time per page on one core (7.5 s against 2.8 s at 150 dpi). Without either,
`available()` is False and scanned pages keep the `needs_ocr` flag. One engine per process, made
on the first scanned page. A page scanned sideways, upside down or at a slant is turned upright before it is read (nlp/ingest/upright.py);
the boxes of what it reads are on the page as turned.
"""

from __future__ import annotations

import importlib
import importlib.util
from dataclasses import dataclass, field
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
TALL = 1.5  # RapidOCR reads a crop this many times as high as wide turned sideways (_read_again)
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
    drawings: list[dict] = field(default_factory=list)  # its ruling lines, as Page.get_cdrawings() gives drawings
    image: np.ndarray | None = field(default=None, repr=False)  # the grey image read, turned upright (read_cell)

    def read_cell(self, box: BBox) -> list[tuple[str, BBox, float]]:
        """What a table cell (box in points) holds that the text detector found no box for (a
        lone digit, most often): the ink inside its rules, read as a line; [] for a blank cell."""
        if self.image is None:
            return []
        rule, scale = settings()["cells"], self.size[0] / self.image.shape[1]
        inset = rule["inset"]
        x0, y0 = int(box[0] / scale) + inset, int(box[1] / scale) + inset
        x1, y1 = int(box[2] / scale) - inset, int(box[3] / scale) - inset
        ys, xs = np.nonzero(self.image[max(y0, 0) : max(y1, 0), max(x0, 0) : max(x1, 0)] < rule["ink"])
        if len(xs) < rule["min_ink"]:
            return []
        pad = rule["pad"]
        top, left = max(y0 + ys.min() - pad, 0), max(x0 + xs.min() - pad, 0)
        bottom, right = y0 + ys.max() + 1 + pad, x0 + xs.max() + 1 + pad
        text, score = _recognise(self.image[top:bottom, left:right])
        text = text.strip()
        if not text or score < settings()["min_confidence"]:
            return []
        quad = [(left, top), (right, top), (right, bottom), (left, bottom)]
        return _line([quad, text, score, [], [], []], scale).chars


def read_image_page(page: pymupdf.Page) -> OcrPage:
    """What OCR reads on a page rendered in grey and turned upright. The engine's direction
    classifier looks at a few lines of the page to turn it, not at every box it reads (that
    would cost time on every box of every upright page)."""
    from nlp.ingest.image_rules import ruling_lines  # OpenCV comes with the OCR extra
    from nlp.ingest.upright import colour

    rule = settings()
    dpi = rule["dpi"]
    pix = page.get_pixmap(dpi=dpi, colorspace=pymupdf.csGRAY, alpha=False)
    grey = np.frombuffer(pix.samples, np.uint8).reshape(pix.h, pix.w, pix.n)[:, :, 0]
    turn = upright_turn(grey)
    image = turn.apply(grey)
    found, _ = _engine()(colour(image), use_cls=False, return_word_box=True, text_score=0.0, box_thresh=rule["box_thresh"])
    found = [_read_again(box, image, rule) for box in found or []]
    lines = [_line(box, 72 / dpi) for box in found if box[2] >= rule["min_confidence"]]
    height, width = image.shape
    size = (width * 72 / dpi, height * 72 / dpi)
    drawings = ruling_lines(image, 72 / dpi, rule["rules"])
    return OcrPage(_join_lines([line for line in lines if line.chars]), size, turn.rotation, turn.skew, drawings, image)


def upright_turn(grey: np.ndarray) -> Turn:
    """How a grey page image is to be turned upright (nlp/ingest/upright.py)."""
    from nlp.ingest.upright import find_turn

    return find_turn(grey, _engine(), settings()["upright"])


def _read_again(box: list, image: np.ndarray, rule: dict) -> list:
    """A text box read again from a crop of its own where RapidOCR's reading is known to fail:
    - RapidOCR turns the crop of a box at least TALL times as high as wide sideways before reading
      it (made for vertical lines of text). On a page turned upright such a box is a lone
      character or two, a table's lone digit most often, and sideways it is read with little
      confidence (a lone 0 at 0.5-0.7, where upright gives 0.96-0.99): it is read upright.
    - A box read under `min_confidence` was often cut too close to its characters (a heading's
      二、 read as 一): it is read with `reread_pad` of its height added above and below.
    The new reading replaces the old one when it is the surer."""
    quad = np.array(box[0])
    (x0, y0), (x1, y1) = quad.min(axis=0).astype(int), np.ceil(quad.max(axis=0)).astype(int)
    x0, y0 = max(x0, 0), max(y0, 0)
    if x1 <= x0 or y1 <= y0:
        return box
    if y1 - y0 >= TALL * (x1 - x0):
        crop = image[y0:y1, x0:x1]
    elif box[2] < rule["min_confidence"]:
        pad = round(rule["reread_pad"] * (y1 - y0))
        crop = image[max(y0 - pad, 0) : y1 + pad, x0:x1]
    else:
        return box
    text, score = _recognise(crop)
    if not text.strip() or score <= box[2]:
        return box
    return [box[0], text, score, [box[0]], [text], [score]]


def _recognise(crop: np.ndarray) -> tuple[str, float]:
    """The text of a grey crop read as one line by the recogniser alone, and its confidence."""
    from nlp.ingest.upright import colour

    (text, score), *_ = _engine().text_rec([colour(crop)])[0]
    return text, float(score)


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
    low, high = sorted((y1 - y0, v1 - v0))  # a box of flat characters (二、) is lower than its line
    overlap = min(y1, v1) - max(y0, v0)
    return overlap > 0.5 * low and -0.5 * low < u0 - x1 < settings()["join_gap"] * high


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
