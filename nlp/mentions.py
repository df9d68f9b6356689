"""Prose figures of a `Document` as schema `Mention`s, and the `fields` they fill."""

from __future__ import annotations

from nlp.document import Document
from nlp.figures import figure_sentences, find_mentions
from nlp.nlpipe import channel_spans
from nlp.schema import FieldValue, Mention, Section, TableCell


def prose_mentions(doc: Document, sections: list[Section], tables: dict[str, TableCell]) -> list[Mention]:
    """Figures in the prose paragraphs, outside any table cell (crawled tables are prose lines)."""
    cells = sorted((c.start, c.end) for c in tables.values() if c.end > c.start)
    spans = [(p.start, p.end) for p in doc.paragraphs if not p.is_table_row]
    channels = channel_spans(figure_sentences(doc.text, spans))
    return [_schema_mention(doc, sections, m) for m in find_mentions(doc.text, spans, channels=channels, exclude=cells)]


def _schema_mention(doc: Document, sections: list[Section], m) -> Mention:
    section = next((s.kind for s in sections if s.start <= m.start < max(s.end, s.start + 1)), None)
    return Mention(
        value=m.value, unit=m.unit, qualifier=m.qualifier, type=m.type, subject=m.subject, action=m.action,
        channel=m.channel, field=m.field, confidence=m.confidence, text=m.text, sentence=m.sentence.strip(),
        section=section, page=doc.page_at(m.start) if doc.page_count else None, start=m.start, end=m.end,
        parent=m.parent,
    )  # fmt: skip


def fields_of(mentions: list[Mention]) -> dict[str, FieldValue]:
    return {
        m.field: FieldValue(value=m.value, unit=m.unit, qualifier=m.qualifier, mention=i)
        for i, m in enumerate(mentions)
        if m.field
    }
