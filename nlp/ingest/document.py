"""The `Document`: clean text plus a map from every character back to where it came from.

Readers (nlp/ingest/) turn a file into `Line`s whose characters point at *atoms*: one atom per
source character (a glyph on a PDF page with its bbox, or an offset in a decoded text file).
Cleaning keeps those pointers, so `Document.origin(i)` answers "where in the file is character
i of the clean text?" for every character.
"""

from __future__ import annotations

import re
from array import array
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from nlp.schema import Failure

BBox = tuple[float, float, float, float]


@dataclass(frozen=True)
class Origin:
    """Where one character of the clean text came from."""

    page: int | None = None  # 1-based page for paged formats (PDF)
    bbox: BBox | None = None  # glyph box on that page, PDF points
    offset: int | None = None  # character offset in the decoded source (text formats)


class Atoms:
    """Origins of source characters, stored compactly (a 500-page PDF has ~10^6 of them)."""

    def __init__(self) -> None:
        self.page = array("i")
        self.offset = array("q")
        self.bbox = array("f")

    def add_glyph(self, page: int, bbox: BBox) -> int:
        self.page.append(page)
        self.offset.append(-1)
        self.bbox.extend(bbox)
        return len(self.page) - 1

    def add_offset(self, offset: int, page: int = 0) -> int:
        self.page.append(page)
        self.offset.append(offset)
        self.bbox.extend((0.0, 0.0, 0.0, 0.0))
        return len(self.page) - 1

    def origin(self, atom: int) -> Origin:
        page = self.page[atom] or None
        offset = self.offset[atom]
        if offset >= 0:
            return Origin(page=page, offset=offset)
        x0, y0, x1, y1 = self.bbox[4 * atom : 4 * atom + 4]
        return Origin(page=page, bbox=(round(x0, 2), round(y0, 2), round(x1, 2), round(y1, 2)))

    def page_of(self, atom: int) -> int | None:
        return self.page[atom] or None


class TextAtoms(Atoms):
    """Atoms of a decoded text source: atom k *is* offset k, so nothing needs storing."""

    def origin(self, atom: int) -> Origin:
        return Origin(offset=atom)

    def page_of(self, atom: int) -> int | None:
        return None


NO_ATOM = -1  # characters we add ourselves (e.g. the tab between table cells)


@dataclass
class TrackedText:
    """A string whose every character remembers its source atom."""

    text: str = ""
    src: list[int] = field(default_factory=list)

    @classmethod
    def of(cls, text: str, atoms: Iterable[int]) -> TrackedText:
        src = list(atoms)
        assert len(src) == len(text), "one atom per character"
        return cls(text, src)

    @classmethod
    def synthetic(cls, text: str) -> TrackedText:
        return cls(text, [NO_ATOM] * len(text))

    @classmethod
    def concat(cls, parts: Iterable[TrackedText]) -> TrackedText:
        parts = list(parts)
        src: list[int] = []
        for p in parts:
            src.extend(p.src)
        return cls("".join(p.text for p in parts), src)

    def __len__(self) -> int:
        return len(self.text)

    def __add__(self, other: TrackedText) -> TrackedText:
        return TrackedText(self.text + other.text, self.src + other.src)

    def __getitem__(self, s: slice) -> TrackedText:
        return TrackedText(self.text[s], self.src[s])

    def translate(self, table: dict[int, str]) -> TrackedText:
        """Map characters one to one (width normalisation); origins are unchanged."""
        out = self.text.translate(table)
        assert len(out) == len(self.text), "translate must be one to one"
        return TrackedText(out, self.src)

    def sub(self, pattern: re.Pattern[str], repl: str | Callable[[re.Match[str]], str]) -> TrackedText:
        """Like `re.sub`; replacement characters take the origins of the matched ones."""
        text, src, last = [], [], 0
        for m in pattern.finditer(self.text):
            new = repl if isinstance(repl, str) else repl(m)
            new = m.expand(new) if isinstance(repl, str) else new
            text.append(self.text[last : m.start()])
            src.extend(self.src[last : m.start()])
            text.append(new)
            src.extend(_spread(self.src[m.start() : m.end()], len(new)))
            last = m.end()
        if last == 0 and not text:
            return self
        text.append(self.text[last:])
        src.extend(self.src[last:])
        return TrackedText("".join(text), src)

    def strip(self) -> TrackedText:
        left = len(self.text) - len(self.text.lstrip())
        right = len(self.text.rstrip())
        return self[left:right] if right > left else TrackedText()


def _spread(atoms: list[int], n: int) -> list[int]:
    """Origins for n replacement characters taken from the matched characters' origins."""
    if not atoms:
        return [NO_ATOM] * n
    if len(atoms) == n:
        return list(atoms)
    return [atoms[min(i, len(atoms) - 1)] for i in range(n)]


@dataclass
class SourceCell:
    """One table cell as the source lays it out: its tracked text and its place in the table grid.
    Cleaning turns it into a `CellSpan` of the clean text; the tables stage places that as a
    `GridCell`; the report holds the result as a schema `TableCell`."""

    text: TrackedText
    col: int  # grid column of its left edge, 0-based
    rowspan: int = 1
    colspan: int = 1
    bbox: BBox | None = None  # PDF only
    verified: bool | None = None  # PDF: False when a glyph did not decode; OCR: False when unsure


@dataclass
class Line:
    """One visual line (PDF) or source line (other formats), before paragraphs are rebuilt."""

    text: TrackedText
    page: int = 0  # 1-based; 0 for formats without pages
    bbox: BBox | None = None  # PDF only
    size: float = 0.0  # font size, PDF only
    bold: bool = False
    centered: bool = False
    indented: bool | None = None  # None when the format does not say
    cells: list[SourceCell] | None = None  # a table row: its cells, left to right
    hard_break: bool = False  # the source marks a paragraph end after this line (<p>, blank line)
    heading_level: int = 0  # markup says this is a heading (Markdown '#', HTML <h1>…)


def row_line(cells: list[SourceCell], **attributes) -> Line:
    """A table row as a `Line`: the cells' text joined by tabs."""
    parts: list[TrackedText] = []
    for i, cell in enumerate(cells):
        parts += [TrackedText.synthetic("\t")] if i else []
        parts.append(cell.text)
    return Line(text=TrackedText.concat(parts), cells=cells, hard_break=True, **attributes)


@dataclass(frozen=True)
class CellSpan:
    """A table cell in the clean text: text[start:end], with its grid place (and box on a PDF page)."""

    start: int
    end: int
    col: int
    rowspan: int = 1
    colspan: int = 1
    bbox: BBox | None = None
    verified: bool | None = None


@dataclass(frozen=True)
class TextBlock:
    """A paragraph or table row of the clean text, text[start:end], with the layout it had."""

    start: int
    end: int
    is_table_row: bool = False
    bold: bool = False
    centered: bool = False
    heading_level: int = 0
    cells: tuple[CellSpan, ...] = ()  # table rows only


@dataclass
class Document:
    """Clean text of one report with provenance for every character."""

    path: str
    format: str
    text: str
    src: array  # atom index for every character of `text`
    atoms: Atoms
    paragraphs: list[TextBlock]
    page_count: int | None = None
    hints: dict[str, str] = field(default_factory=dict)  # e.g. a crawler's title line
    flags: list[str] = field(default_factory=list)
    failures: list[Failure] = field(default_factory=list)  # where and why, for flags raised by a failed part

    def origin(self, i: int) -> Origin:
        """Where character i of the clean text came from (nearest real character if synthetic)."""
        atom = self._atom_near(i)
        return Origin() if atom is None else self.atoms.origin(atom)

    def page_at(self, i: int) -> int | None:
        atom = self._atom_near(i) if self.text else None
        return None if atom is None else self.atoms.page_of(atom)

    def _atom_near(self, i: int) -> int | None:
        """The atom of character i, or of the nearest character that has one."""
        for j in _nearby(i, len(self.src)):
            if self.src[j] != NO_ATOM:
                return self.src[j]
        return None

    def page_range(self, start: int, end: int) -> tuple[int | None, int | None]:
        if end <= start:
            return self.page_at(start), self.page_at(start)
        return self.page_at(start), self.page_at(end - 1)

    def paragraph_texts(self) -> list[str]:
        return [self.text[p.start : p.end] for p in self.paragraphs]


def _nearby(i: int, n: int) -> Iterable[int]:
    """i, i-1, i+1, i-2, … within [0, n)."""
    if n == 0:
        return
    i = min(max(i, 0), n - 1)
    for d in range(n):
        for j in (i - d, i + d) if d else (i,):
            if 0 <= j < n:
                yield j
