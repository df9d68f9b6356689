"""Plain text and Markdown (including crawled one-line web text) → `Line`s with source offsets."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cache

from nlp import data
from nlp.ingest.document import Line, SourceCell, TrackedText, row_line
from nlp.text.headings import vocabulary
from nlp.text.sentences import CHINESE_DATE_RE

CRAWLER_HEADER_CHARS = 3000  # a crawler's key: value block ends within these first characters
MD_HEADING = re.compile(r"^(#{1,6})\s+")
MD_TABLE_RULE = re.compile(r"^\s*\|?\s*:?-{2,}:?\s*(\|\s*:?-{2,}:?\s*)*\|?\s*$")
MD_BOLD_LINE = re.compile(r"^\s*\*\*(.+?)\*\*\s*$")
MARKER_AFTER_SENTENCE = (
    r"(?<=[。；！？\d）”\s])(?=[一二三四五六七八九十]{1,2}[、.．])"
    r"|(?<=[。；！？：:\d”\s])(?=[（(][一二三四五六七八九十]{1,2}[）)])"
    r"|(?=附件\s*\d*\s*[：:])"
)


@dataclass
class TextSource:
    lines: list[Line]
    hints: dict[str, str] = field(default_factory=dict)


@cache
def _run_on_breaks() -> re.Pattern[str]:
    """Where crawled one-line text is cut: a marker after a sentence end, or before a known title."""
    titles = "|".join(re.escape(t) for t in vocabulary().known_titles)
    return re.compile(rf"{MARKER_AFTER_SENTENCE}|(?=[一二三四五六七八九十]{{1,2}}[、.．]\s*(?:{titles}))")


@cache
def _spec() -> dict:
    spec = data.load("cleaning")
    return {
        "header_end": re.compile(spec["crawler_header_end"], re.M),
        "fields": spec["crawler_header_fields"],
        "nav_start": re.compile(spec["site_navigation_start"]),
        "nav_end": re.compile(spec["site_navigation_end"]),
        "footer": re.compile(spec["site_footer"]),
        "run_on": spec["run_on_min_chars"],
    }


def read_text(source: str) -> TextSource:
    """Lines of a text or Markdown file; atom k of each character is its offset k in `source`."""
    start, hints = _skip_crawler_header(source)
    start = _skip_site_navigation(source, start)
    end = _cut_site_footer(source, start)
    lines: list[Line] = []
    for line_start, line_end in _line_spans(source, start, end):
        raw = source[line_start:line_end]
        if not raw.strip():  # blank lines are soft breaks: see clean.text_continues
            continue
        if MD_TABLE_RULE.match(raw):
            continue
        lines.extend(_lines_of(source, line_start, line_end))
    return TextSource(lines, hints)


def _line_spans(source: str, start: int, end: int):
    pos = start
    while pos < end:
        nl = source.find("\n", pos, end)
        stop = end if nl < 0 else nl
        yield pos, stop
        pos = stop + 1


def _skip_crawler_header(source: str) -> tuple[int, dict[str, str]]:
    """A crawler's 'key: value' block ending in '==== 正文 ====': keep its fields as hints."""
    spec = _spec()
    m = spec["header_end"].search(source, 0, CRAWLER_HEADER_CHARS)
    if not m:
        return 0, {}
    hints = {}
    for line in source[: m.start()].splitlines():
        key, _, value = line.partition(":")
        for name, label in spec["fields"].items():
            if key.strip() == label and value.strip():
                hints[name] = value.strip()
    return m.end(), hints


def _skip_site_navigation(source: str, start: int) -> int:
    """'当前位置：首页 > … 相关链接： -->' before the report text of a saved web page."""
    spec = _spec()
    nav = spec["nav_start"].search(source, start, start + 600)
    if not nav:
        return start
    ends = list(spec["nav_end"].finditer(source, nav.end(), nav.end() + 600))
    return ends[-1].end() if ends else start


def _cut_site_footer(source: str, start: int) -> int:
    tail_from = max(start, len(source) - 400)
    m = _spec()["footer"].search(source, tail_from)
    return m.start() if m else len(source)


def _lines_of(source: str, start: int, end: int) -> list[Line]:
    """One source line → `Line`s: a table row, a heading, or text (split if it is run-on)."""
    raw = source[start:end]
    if _piped(raw):
        return [_table_row(source, start, end, "|")]
    if "\t" in raw.strip("\t \r") and raw.count("\t") >= 1 and not raw.lstrip().startswith("#"):
        return [_table_row(source, start, end, "\t")]
    heading = MD_HEADING.match(raw)
    if heading:
        return [
            Line(text=_tracked(source, start + heading.end(), end).strip(), heading_level=len(heading.group(1)), hard_break=True)
        ]
    bold = MD_BOLD_LINE.match(raw)
    if bold:
        return [Line(text=_tracked(source, start + bold.start(1), start + bold.end(1)).strip(), bold=True, hard_break=True)]
    indented = raw[:1] in (" ", "\u3000", "\t")
    if end - start >= _spec()["run_on"]:
        return [Line(text=t, hard_break=True) for t in _split_run_on(source, start, end)]
    return [Line(text=_tracked(source, start, end).strip(), indented=indented)]


def _tracked(source: str, start: int, end: int) -> TrackedText:
    return TrackedText.of(source[start:end], range(start, end))


def _piped(raw: str) -> bool:
    """A Markdown table row: cells between pipes, the outer pipe on one side at least
    (converters drop the leading one: "3次 | 2次 | 21条 |")."""
    line = raw.strip()
    return line.count("|") >= 2 and (line.startswith("|") or line.endswith("|"))


def _table_row(source: str, start: int, end: int, sep: str) -> Line:
    raw = source[start:end]
    if sep == "|":
        first = raw.index("|") + 1 if raw.lstrip().startswith("|") else len(raw) - len(raw.lstrip())
        last = raw.rindex("|") if raw.rstrip().endswith("|") else len(raw.rstrip())
    else:
        first, last = 0, len(raw)
    cells, pos = [], first
    while True:
        nxt = raw.find(sep, pos, last)
        stop = last if nxt < 0 else nxt
        cells.append(SourceCell(_tracked(source, start + pos, start + stop).strip(), col=len(cells)))
        if nxt < 0:
            break
        pos = nxt + 1
    return row_line(cells)


def _split_run_on(source: str, start: int, end: int) -> list[TrackedText]:
    """Break crawled one-line text before each heading marker (一、 （一）) and after a signature date."""
    line = source[start:end]
    inner = {m.start() for m in _run_on_breaks().finditer(line)} | {m.end() for m in CHINESE_DATE_RE.finditer(line)}
    cuts = [0] + sorted(c for c in inner if 0 < c < len(line)) + [len(line)]
    pieces = [_tracked(source, start + a, start + b).strip() for a, b in zip(cuts, cuts[1:])]
    return [p for p in pieces if p.text]
