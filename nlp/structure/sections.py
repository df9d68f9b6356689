"""Split a `Document` into its sections (一 … 六 and the preamble) and their sub-points."""

from __future__ import annotations

from dataclasses import dataclass

from nlp.ingest.document import Document
from nlp.schema import Section, Subpoint
from nlp.text.headings import Heading, parse_section_heading, parse_subpoint, vocabulary


@dataclass
class _Start:
    paragraph: int
    kind: str
    heading: Heading | None


def find_sections(doc: Document) -> list[Section]:
    starts = _section_starts(doc)
    if not starts:
        return [_section(doc, "unknown", None, None, 0, len(doc.text))] if doc.text.strip() else []
    sections = []
    first = doc.paragraphs[starts[0].paragraph].start
    if doc.text[:first].strip():
        sections.append(_section(doc, "preamble", None, None, 0, first))
    for s, nxt in zip(starts, starts[1:] + [None]):
        start = doc.paragraphs[s.paragraph].start
        end = doc.paragraphs[nxt.paragraph].start - 1 if nxt else len(doc.text)
        number = s.heading.number if s.heading else None
        title = s.heading.title if s.heading else None
        sections.append(_section(doc, s.kind, number, title, start, end))
    return sections


def _section_starts(doc: Document) -> list[_Start]:
    """Walk the paragraphs, accepting headings that continue the outline."""
    vocab = vocabulary()
    starts: list[_Start] = []
    expected = 1
    for i, p in enumerate(doc.paragraphs):
        if p.is_table_row:
            continue
        text = doc.text[p.start : p.end]
        h = parse_section_heading(text, bold=p.bold, marked=p.heading_level > 0)
        current = starts[-1].kind if starts else None
        if h and _continues_outline(h, vocab.kind_of(h.title), current, expected):
            starts.append(_Start(i, vocab.kind_of(h.title) or "other", h))
            expected = (h.value or expected - 1) + 1
            continue
        sub = parse_subpoint(text)
        lost = sub and current in vocab.table_kinds and vocab.kind_of(sub.title) in vocab.lost_heading_kinds
        if lost:
            starts.append(_Start(i, vocab.kind_of(sub.title), None))
            expected += 1
    return starts


def _continues_outline(h: Heading, kind: str | None, current: str | None, expected: int) -> bool:
    """Is this heading the next top-level section (and not a list item or table row)?"""
    if h.value is None:
        return kind is not None
    if kind is None:
        return h.value == expected and not h.run_in
    if h.value >= expected:
        return True
    return kind != current  # the numbering restarts (an appended second part)


def _section(doc: Document, kind: str, number: str | None, title: str | None, start: int, end: int) -> Section:
    page_start, page_end = doc.page_range(start, end)
    section = Section(kind=kind, number=number, title=title, start=start, end=end, page_start=page_start, page_end=page_end)
    if kind != "preamble":
        section.subpoints = _subpoints(doc, start, end)
    return section


def _subpoints(doc: Document, start: int, end: int) -> list[Subpoint]:
    found: list[tuple[Heading, int]] = []
    for p in doc.paragraphs:
        if p.start < start or p.start >= end or p.is_table_row:
            continue
        sub = parse_subpoint(doc.text[p.start : p.end])
        if sub and sub.value == (found[-1][0].value + 1 if found else 1):
            found.append((sub, p.start))
    subpoints = []
    for (sub, s), nxt in zip(found, found[1:] + [None]):
        e = nxt[1] - 1 if nxt else end
        page_start, page_end = doc.page_range(s, e)
        subpoints.append(Subpoint(number=sub.number, title=sub.title, start=s, end=e, page_start=page_start, page_end=page_end))
    return subpoints


def section_at(sections: list[Section], offset: int) -> Section | None:
    """The section that character `offset` of the text stands in (an empty section holds its start)."""
    return next((s for s in sections if s.start <= offset < max(s.end, s.start + 1)), None)
