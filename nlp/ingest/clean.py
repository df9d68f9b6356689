"""From raw `Line`s to clean paragraphs: drop page furniture, rebuild paragraphs, normalise.

Every step works on `TrackedText`, so the clean text keeps a pointer to its source for each
character. The steps are small functions; `build_document` chains them.
"""

from __future__ import annotations

import re
import statistics
import unicodedata
from array import array
from collections import Counter
from dataclasses import dataclass
from functools import cache

from nlp import data
from nlp.ingest.document import Atoms, CellSpan, Document, Line, SourceCell, TextBlock, TrackedText
from nlp.text.headings import completes_heading, looks_like_heading_start, parse_section_heading

SENTENCE_FINAL = "。！？；：…”’」』!?"
PARAGRAPH_FINAL = "。！？!?"  # what a paragraph ends with (a colon may still lead into an e-mail address)
MARGIN_ZONE = 0.09  # top/bottom share of a page where headers, footers and page numbers live
RUNNING_MIN_PAGES = 3  # a header must repeat on this many pages (and half of them) to be dropped
INDENT_EM = 0.8  # first-line indent, in font sizes, that starts a paragraph
SHORT_LINE_EM = 1.5  # a line ending this far before the right margin ends its paragraph
PARAGRAPH_GAP = 1.9  # vertical gap, in line heights, that separates paragraphs
WRAPPED_SHARE = 0.4  # share of near-full lines that marks a hard-wrapped text file
FULL_LINE = 0.8  # a line this close to the typical width counts as full
TITLE_ENDINGS = ("年度报告", "工作报告")
LATIN_EM = 0.5  # narrowest width of a digit or Latin letter, in font sizes
WRAP_SLACK_EM = 0.5  # room a line-breaker may leave beyond the word that did not fit
# The first word of a line with the marks that may not be parted from it: opening marks that may
# not end a line, a Latin word or one character, the marks that may not begin a line, and an
# opening mark after them with the word it opens ("算、“三", "站”（www.pingtan.gov.cn）").
_OPEN, _CLOSE, _WORD = "[“‘（《「『【〔［〈(]", "[，。、；：？！）》」』】〕］〉)”’%…]", r"(?:[A-Za-z0-9@._:/%+\-]+|.)"
UNBREAKABLE_HEAD_RE = re.compile(rf"{_OPEN}*{_WORD}{_CLOSE}*(?:{_OPEN}+{_WORD}{_CLOSE}*)?", re.S)
BARE_NUMBER_RE = re.compile(r"[+-]?\d+(\.\d+)?")  # a line that is one number only (a table cell printed on its own line)
MIN_SPLIT_LINE_WIDTH = 40  # display width (CJK = 2) of the shortest line a page break can have cut


@dataclass
class Block:
    """A rebuilt paragraph (or table row) before normalisation."""

    text: TrackedText
    line: Line  # the first line, for its attributes


# ---------------------------------------------------------------- page furniture


@cache
def _patterns() -> dict:
    spec = data.load("cleaning")
    return {
        "page_number": [re.compile(p) for p in spec["page_number_lines"]],
        "inline_page_number": re.compile(spec["inline_page_number"]),
    }


def is_page_number(text: str, *, in_margin: bool) -> bool:
    """Is this whole line a page number? A bare number only counts in a page margin."""
    text = text.strip()
    patterns = _patterns()["page_number"]
    return any(p.match(text) for p in (patterns if in_margin else patterns[:-1]))


def drop_pdf_furniture(lines: list[Line], page_height: float) -> list[Line]:
    """Drop page numbers and running headers/footers (lines repeated in the margins of many pages)."""

    def in_margin(ln: Line) -> bool:
        return ln.bbox is not None and (ln.bbox[3] < page_height * MARGIN_ZONE or ln.bbox[1] > page_height * (1 - MARGIN_ZONE))

    def shape(ln: Line) -> str:
        return re.sub(r"\d+", "#", ln.text.text.strip())

    pages = {ln.page for ln in lines}
    repeated = Counter(shape(ln) for ln in {(ln.page, shape(ln)): ln for ln in lines if in_margin(ln)}.values())
    running = {s for s, n in repeated.items() if n >= RUNNING_MIN_PAGES and n >= len(pages) / 2}
    return [
        ln
        for ln in lines
        if ln.cells is not None or not (in_margin(ln) and (is_page_number(ln.text.text, in_margin=True) or shape(ln) in running))
    ]


def drop_page_number_lines(lines: list[Line]) -> list[Line]:
    return [ln for ln in lines if ln.cells is not None or not is_page_number(ln.text.text, in_margin=False)]


# ---------------------------------------------------------------- paragraphs


def display_width(text: str) -> int:
    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in text)


def ends_sentence(text: str) -> bool:
    text = text.rstrip()
    return bool(text) and text[-1] in SENTENCE_FINAL


def is_title_line(line: Line) -> bool:
    """The report's own title ("…2024年政府信息公开工作年度报告"): a paragraph of its own."""
    text = line.text.text.strip()
    return len(text) <= 60 and text.endswith(TITLE_ENDINGS)


def is_heading_line(line: Line) -> bool:
    """A heading standing as a line: numbered (一、…), or an unnumbered title that fills the line
    (a line that merely starts with "…统计表" in mid-sentence is not one)."""
    text = line.text.text.strip()
    heading = parse_section_heading(text, bold=line.bold)
    standing = heading is not None and len(text) <= 40 and (heading.number is not None or not heading.run_in)
    return line.heading_level > 0 or standing


class PdfLayout:
    """Margins measured from the body lines of a PDF, to tell wrapped lines from paragraph ends."""

    def __init__(self, lines: list[Line], page_width: float):
        body = [ln for ln in lines if ln.cells is None and ln.bbox and len(ln.text.text.strip()) >= 8]
        self.page_width = page_width
        self.left = statistics.mode(round(ln.bbox[0]) for ln in body) if body else 0
        self.right = sorted(ln.bbox[2] for ln in body)[int(len(body) * 0.9)] if body else page_width

    def indented(self, ln: Line) -> bool:
        return ln.bbox[0] >= self.left + INDENT_EM * ln.size

    def full(self, ln: Line) -> bool:
        return ln.bbox[2] >= self.right - SHORT_LINE_EM * ln.size

    def centered(self, ln: Line) -> bool:
        middle = (ln.bbox[0] + ln.bbox[2]) / 2
        inset = ln.bbox[0] > self.left + 2 * ln.size and ln.bbox[2] < self.right - 2 * ln.size
        return inset and abs(middle - self.page_width / 2) < 2 * ln.size


def pdf_continues(prev: Line, nxt: Line, layout: PdfLayout) -> bool:
    """Is `nxt` the next visual line of the paragraph that `prev` is in?"""
    if prev.cells is not None or nxt.cells is not None:
        return False
    if completes_heading(prev.text.text, nxt.text.text):
        return True
    if is_heading_line(prev):
        return layout.full(prev) and prev.bold == nxt.bold and not layout.indented(nxt)
    if layout.centered(prev) and layout.centered(nxt):  # a title set over several centred lines
        return abs(prev.size - nxt.size) < 0.5 and prev.page == nxt.page and not ends_sentence(prev.text.text)
    if layout.indented(nxt) or layout.centered(prev) or layout.centered(nxt):
        return False
    if looks_like_heading_start(nxt.text.text.strip()) and (ends_sentence(prev.text.text) or not layout.full(prev)):
        return False
    if abs(prev.size - nxt.size) > 1.5 or (prev.bold != nxt.bold and len(nxt.text.text.strip()) < 40):
        return False
    if not (layout.full(prev) or _latin_wrap(prev, nxt, layout) or _next_word_did_not_fit(prev, nxt, layout)):
        return False
    if prev.page == nxt.page:
        height = prev.bbox[3] - prev.bbox[1]
        return nxt.bbox[1] - prev.bbox[3] < PARAGRAPH_GAP * height
    return True


def _latin_wrap(prev: Line, nxt: Line, layout: PdfLayout) -> bool:
    """A short line followed by a Latin word that did not fit (an e-mail address, a URL). Next to
    a line that is one number only (table cells printed one per line), only a word that did not fit."""
    head, tail = nxt.text.text.lstrip()[:1], prev.text.text.rstrip()[-1:]
    if any(BARE_NUMBER_RE.fullmatch(ln.text.text.strip()) for ln in (prev, nxt)):
        return _room(prev, layout) < _width(UNBREAKABLE_HEAD_RE.match(nxt.text.text.lstrip()).group(), nxt.size)
    return bool(head) and head.isascii() and head.isalnum() and tail not in PARAGRAPH_FINAL


def _room(prev: Line, layout: PdfLayout) -> float:
    """Space left on a line before the right margin."""
    return layout.right - prev.bbox[2]


def _width(text: str, size: float) -> float:
    """The least width text may take: digits and Latin letters half an em, the rest one em (and
    the room a line-breaker may leave beyond it)."""
    return sum(LATIN_EM if c.isascii() else 1.0 for c in text) * size + WRAP_SLACK_EM * size


def _next_word_did_not_fit(prev: Line, nxt: Line, layout: PdfLayout) -> bool:
    """A line that stops short of the margin because the first word of the next line would not
    fit in the room left: a number or Latin word, or a character with the marks that may not be
    parted from it ("69" | "条，", "网传" | "〔2016〕" in ragged-right text)."""
    if prev.text.text.rstrip()[-1:] in PARAGRAPH_FINAL:
        return False
    head = UNBREAKABLE_HEAD_RE.match(nxt.text.text.lstrip()).group()
    return _room(prev, layout) < _width(head, nxt.size)


class TextLayout:
    """Typical line width of a text file, to tell hard-wrapped files from one-paragraph-per-line."""

    def __init__(self, lines: list[Line]):
        widths = sorted(display_width(ln.text.text.strip()) for ln in lines if ln.cells is None and ln.text.text.strip())
        self.full_width = widths[int(len(widths) * 0.9)] if widths else 0
        near_full = sum(w >= FULL_LINE * self.full_width for w in widths)
        self.wrapped = bool(widths) and self.full_width <= 110 and near_full >= WRAPPED_SHARE * len(widths)

    def full(self, ln: Line) -> bool:
        return display_width(ln.text.text.strip()) >= FULL_LINE * self.full_width


def text_continues(prev: Line, nxt: Line, layout: TextLayout) -> bool:
    """Line joining for formats without geometry (text, Markdown, OCR output, HTML, DOCX)."""
    if prev.cells is None and nxt.cells is None and completes_heading(prev.text.text, nxt.text.text):
        return True
    if prev.cells is not None or nxt.cells is not None or is_heading_line(prev) or nxt.heading_level:
        return False
    if nxt.indented or looks_like_heading_start(nxt.text.text.strip()):
        return False
    if prev.hard_break or prev.bold != nxt.bold or is_title_line(prev):
        return False
    if layout.wrapped:
        return layout.full(prev)
    # One paragraph per line: only a long line cut mid-sentence (a page break in a text export)
    # continues on the next line; short unfinished lines are titles and headings.
    return not ends_sentence(prev.text.text) and display_width(prev.text.text.strip()) >= MIN_SPLIT_LINE_WIDTH


def join_lines(lines: list[Line], continues) -> list[Block]:
    groups: list[list[Line]] = []
    for ln in lines:
        if groups and continues(groups[-1][-1], ln):
            groups[-1].append(ln)
        else:
            groups.append([ln])
    blocks = [Block(_join_group(g), g[0]) for g in groups]
    return [b for b in blocks if b.text.text.strip()]


def _join_group(group: list[Line]) -> TrackedText:
    if group[0].cells is not None:
        return group[0].text
    parts = [group[0].text.strip()]
    for ln in group[1:]:
        parts += [_joiner(parts[-1].text, ln.text.text), ln.text.strip()]
    return TrackedText.concat(parts)


def _joiner(left: str, right: str) -> TrackedText:
    """Nothing between CJK fragments; a space between two Latin words split by a line end."""
    a, b = left.rstrip()[-1:], right.lstrip()[:1]
    return TrackedText.synthetic(" ") if a.isascii() and a.isalnum() and b.isascii() and b.isalpha() else TrackedText()


# ---------------------------------------------------------------- normalisation

FULLWIDTH = {c: c - 0xFEE0 for c in range(0xFF10, 0xFF1A)}  # ０-９
FULLWIDTH.update({c: c - 0xFEE0 for c in range(0xFF21, 0xFF3B)})  # Ａ-Ｚ
FULLWIDTH.update({c: c - 0xFEE0 for c in range(0xFF41, 0xFF5B)})  # ａ-ｚ
FULLWIDTH.update({0x3000: 0x20, 0xA0: 0x20, 0x2002: 0x20, 0x2003: 0x20, 0xFF05: 0x25, 0xFF0E: 0x2E, 0xFEFF: 0x20})
FULLWIDTH_TABLE = {k: chr(v) for k, v in FULLWIDTH.items()}

CJK = r"\u3000-\u303f\u3400-\u4dbf\u4e00-\u9fff\uff00-\uffef“”‘’《》〈〉【】"
LAYOUT_SPACE = re.compile(rf"(?<=[{CJK}])[ \t\r\u200b]+|[ \t\r\u200b]+(?=[{CJK}])")
HALF_WIDTH_MARK = re.compile(r"[（(]([一二三四五六七八九十]{1,3})[）)]")
ASCII_PUNCT_IN_CJK = {",": "，", ";": "；", ":": "："}
ASCII_PUNCT_RE = re.compile(rf"(?<=[{CJK}])[,;:](?=[{CJK}])")
MARKUP_RE = re.compile(r"\*\*|__")
SPACES_RE = re.compile(r"[ \t\u200b]{2,}")


def normalise(text: TrackedText) -> TrackedText:
    """Width, layout spaces, inline page numbers, stray markup; one paragraph at a time."""
    text = text.translate(FULLWIDTH_TABLE)
    text = text.sub(_patterns()["inline_page_number"], "")
    text = text.sub(MARKUP_RE, "")
    text = text.sub(HALF_WIDTH_MARK, r"（\1）")
    text = text.sub(ASCII_PUNCT_RE, lambda m: ASCII_PUNCT_IN_CJK[m.group()])
    text = text.sub(LAYOUT_SPACE, "")
    text = text.sub(SPACES_RE, " ")
    return text.strip()


def normalise_row(cells: list[SourceCell], start: int) -> tuple[TrackedText, tuple[CellSpan, ...]]:
    """A table row's clean text (cells joined by tabs) and where each cell sits in it."""
    parts, spans, pos = [], [], start
    for i, cell in enumerate(cells):
        if i:
            parts.append(TrackedText.synthetic("\t"))
            pos += 1
        text = normalise(cell.text)
        parts.append(text)
        spans.append(CellSpan(pos, pos + len(text), cell.col, cell.rowspan, cell.colspan, cell.bbox, cell.verified))
        pos += len(text)
    return TrackedText.concat(parts), tuple(spans)


def split_run_in_headings(blocks: list[Block]) -> list[Block]:
    """ "一、总体情况2021年，我区…" becomes a heading paragraph and a body paragraph."""
    out = []
    for b in blocks:
        heading = None if b.line.cells is not None else parse_section_heading(b.text.text)
        if heading and heading.run_in and b.text.text[heading.end :].strip():
            out.append(Block(b.text[: heading.end], b.line))
            rest = b.text[heading.end :].strip()
            out.append(Block(rest, Line(text=rest, page=b.line.page)))
        else:
            out.append(b)
    return out


# ---------------------------------------------------------------- assembly


def build_document(path: str, fmt: str, blocks: list[Block], atoms: Atoms, page_count: int | None = None) -> Document:
    parts, src, paragraphs, pos = [], array("q"), [], 0
    for b in split_run_in_headings(blocks):
        start = pos + (1 if parts else 0)
        ln = b.line
        if ln.cells is not None:
            text, cells = normalise_row(ln.cells, start)
            if not text.text.strip():
                continue
        else:
            text, cells = normalise(b.text), ()
            if not text.text:
                continue
        if parts:
            parts.append("\n")
            src.append(-1)
        parts.append(text.text)
        src.extend(text.src)
        paragraphs.append(
            TextBlock(start, start + len(text), ln.cells is not None, ln.bold, ln.centered, ln.heading_level, cells)
        )
        pos = start + len(text)
    return Document(path, fmt, "".join(parts), src, atoms, paragraphs, page_count)
