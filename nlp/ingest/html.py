"""HTML → `Line`s with offsets into the HTML source; tables stay tables (one `Line` per row).

A saved government web page wraps the report in navigation, sidebars and a footer. We keep the
*article*: the deepest element that still holds most of the page's non-link Chinese text.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from html import unescape
from html.parser import HTMLParser

from nlp.ingest.document import Line, SourceCell, TrackedText, row_line

BLOCK_TAGS = {
    "p", "div", "section", "article", "li", "ul", "ol", "h1", "h2", "h3", "h4", "h5", "h6",
    "table", "tr", "blockquote", "pre", "center", "body", "main", "header", "footer", "title", "dd", "dt",
}  # fmt: skip
CELL_TAGS = {"td", "th"}
VOID_TAGS = {"br", "img", "hr", "meta", "link", "input", "col", "area", "base", "wbr", "source"}
SKIP_TAGS = {"script", "style", "noscript", "template", "head", "select", "button", "iframe"}
CJK_RE = re.compile(r"[\u4e00-\u9fff]")
ARTICLE_SHARE = 0.5  # the article holds at least this share of the page's non-link CJK text
# Elements nested deeper than this are read as part of their ancestor at this depth: real pages nest
# a few dozen deep, and the tree is walked recursively (Python stops at 1,000 frames).
MAX_DEPTH = 256


@dataclass
class Node:
    tag: str
    attrs: dict[str, str]
    parent: Node | None = None
    children: list[Node | TextRun] = field(default_factory=list)
    cjk: int = 0  # non-link CJK characters below this node


@dataclass
class TextRun:
    text: str
    offsets: list[int]  # source offset of each character
    in_link: bool = False


class _TreeBuilder(HTMLParser):
    """A forgiving DOM with the source offset of every text character."""

    def __init__(self, source: str):
        super().__init__(convert_charrefs=False)
        self.source = source
        self.line_starts = [0] + [m.end() for m in re.finditer("\n", source)]
        self.root = Node("#root", {})
        self.stack = [self.root]
        self.skip = 0
        self.flattened: Counter[str] = Counter()  # open tags beyond MAX_DEPTH, not in the tree

    def _offset(self) -> int:
        line, col = self.getpos()
        return self.line_starts[line - 1] + col

    def handle_starttag(self, tag, attrs):
        if tag in SKIP_TAGS:
            self.skip += 1
            return
        if self.skip:
            return
        self._close_implied(tag)
        if len(self.stack) > MAX_DEPTH and tag not in VOID_TAGS:
            self.flattened[tag] += 1
            self._line_break_if_block(tag)
            return
        node = Node(tag, {k: v or "" for k, v in attrs}, self.stack[-1])
        self.stack[-1].children.append(node)
        if tag not in VOID_TAGS:
            self.stack.append(node)

    def handle_startendtag(self, tag, attrs):
        self.handle_starttag(tag, attrs)
        if tag not in VOID_TAGS and not self.skip and self.stack[-1].tag == tag:
            self.stack.pop()

    def _close_implied(self, tag: str) -> None:
        closes = {"p": {"p"}, "li": {"li"}, "td": {"td", "th"}, "th": {"td", "th"}, "tr": {"tr", "td", "th"}}
        while tag in closes and self.stack[-1].tag in closes[tag]:
            self.stack.pop()

    def handle_endtag(self, tag):
        if tag in SKIP_TAGS:
            self.skip = max(0, self.skip - 1)
            return
        if self.skip:
            return
        if self.flattened[tag]:
            self.flattened[tag] -= 1
            self._line_break_if_block(tag)
            return
        for i in range(len(self.stack) - 1, 0, -1):
            if self.stack[i].tag == tag:
                del self.stack[i:]
                return

    def _line_break_if_block(self, tag: str) -> None:
        """A block element flattened into its ancestor still ends a line there."""
        if tag in BLOCK_TAGS or tag in CELL_TAGS:
            self.stack[-1].children.append(Node("br", {}, self.stack[-1]))

    def handle_data(self, data):
        start = self._offset()
        self._append(data, list(range(start, start + len(data))))

    def handle_entityref(self, name):
        self._append(unescape(f"&{name};"), None)

    def handle_charref(self, name):
        self._append(unescape(f"&#{name};"), None)

    def _append(self, text: str, offsets: list[int] | None) -> None:
        if self.skip or not text:
            return
        if offsets is None:  # an entity: all its characters point at the '&'
            offsets = [self._offset()] * len(text)
        in_link = any(n.tag == "a" for n in self.stack)
        self.stack[-1].children.append(TextRun(text, offsets, in_link))


@dataclass
class HtmlSource:
    lines: list[Line]
    title: str


def read_html(source: str) -> HtmlSource:
    builder = _TreeBuilder(source)
    builder.feed(source)
    builder.close()
    _count_cjk(builder.root)
    article = _article(builder.root)
    lines: list[Line] = []
    buffer = _LineBuffer(lines)
    _emit(article, lines, buffer)
    buffer.flush(article)  # text after the article's last block (or an article of text alone)
    return HtmlSource([ln for ln in lines if ln.text.text.strip()], _page_title(source))


def _page_title(source: str) -> str:
    m = re.search(r"<title[^>]*>(.*?)</title>", source, re.S | re.I)
    return unescape(m.group(1)).strip() if m else ""


def _count_cjk(node: Node) -> int:
    total = 0
    for child in node.children:
        if isinstance(child, TextRun):
            total += 0 if child.in_link else len(CJK_RE.findall(child.text))
        else:
            total += _count_cjk(child)
    node.cjk = total
    return total


def _article(root: Node) -> Node:
    """Descend while one child still holds most of the page's text."""
    node, need = root, root.cjk * ARTICLE_SHARE
    while True:
        best = max((c for c in node.children if isinstance(c, Node)), key=lambda c: c.cjk, default=None)
        if best is None or best.cjk < need or best.tag in ("tr", "td", "th", "tbody", "table"):
            return node
        node = best


class _LineBuffer:
    """Collects inline text until a block boundary closes the current line."""

    def __init__(self, lines: list[Line]):
        self.lines = lines
        self.text = TrackedText()
        self.bold = True
        self.heading = 0

    def add(self, run: TextRun, bold: bool) -> None:
        if run.text.strip():
            self.bold = self.bold and bold
        self.text = self.text + TrackedText.of(run.text, run.offsets)

    def flush(self, node: Node | None = None) -> None:
        text = self.text.sub(re.compile(r"\s+"), " ").strip()
        if text.text:
            centered = bool(node and "center" in node.attrs.get("style", "").replace(" ", ""))
            self.lines.append(Line(text=text, bold=self.bold, hard_break=True, heading_level=self.heading, centered=centered))
        self.text, self.bold, self.heading = TrackedText(), True, 0


def _emit(node: Node, lines: list[Line], buf: _LineBuffer, bold: bool = False) -> None:
    for child in node.children:
        if isinstance(child, TextRun):
            buf.add(child, bold or _is_bold(node))
            continue
        if child.tag == "table":
            buf.flush(node)
            _emit_table(child, lines)
        elif child.tag == "br":
            buf.flush(node)
        elif child.tag in BLOCK_TAGS:
            buf.flush(node)
            if child.tag in ("h1", "h2", "h3", "h4", "h5", "h6"):
                buf.heading = int(child.tag[1])
            _emit(child, lines, buf, bold or _is_bold(child))
            buf.flush(child)
        else:
            _emit(child, lines, buf, bold or _is_bold(child))


def _is_bold(node: Node) -> bool:
    style = node.attrs.get("style", "").replace(" ", "").lower()
    return node.tag in ("b", "strong") or "font-weight:bold" in style or "font-weight:700" in style or "黑体" in style


def _emit_table(table: Node, lines: list[Line]) -> None:
    """One `Line` per <tr>, each cell placed on the grid that rowspan/colspan define."""
    covered: dict[tuple[int, int], bool] = {}  # (row, col) taken by a cell from a row above
    for r, row in enumerate(_descendants(table, "tr")):
        cells, col = [], 0
        for node in (c for c in row.children if isinstance(c, Node) and c.tag in CELL_TAGS):
            while covered.get((r, col)):
                col += 1
            rowspan, colspan = _span(node, "rowspan"), _span(node, "colspan")
            for dr in range(rowspan):
                for dc in range(colspan):
                    covered[(r + dr, col + dc)] = True
            cells.append(SourceCell(_cell_text(node), col=col, rowspan=rowspan, colspan=colspan))
            col += colspan
        if any(c.text.text for c in cells):
            lines.append(row_line(cells))


def _span(node: Node, name: str) -> int:
    value = re.sub(r"\D", "", node.attrs.get(name, ""))
    return max(1, min(int(value), 1000)) if value else 1


def _descendants(node: Node, tag: str):
    for child in node.children:
        if isinstance(child, Node):
            if child.tag == tag:
                yield child
            elif child.tag != "table":  # rows of nested tables belong to those tables
                yield from _descendants(child, tag)


def _cell_text(cell: Node) -> TrackedText:
    out = TrackedText()
    for run in _runs(cell):
        out = out + TrackedText.of(run.text, run.offsets)
    return out.sub(re.compile(r"\s+"), " ").strip()


def _runs(node: Node):
    for child in node.children:
        if isinstance(child, TextRun):
            yield child
        else:
            yield from _runs(child)
