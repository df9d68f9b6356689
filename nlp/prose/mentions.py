"""The prose stage: a `Document`'s figures as schema `Mention`s, and the `fields` they fill."""

from __future__ import annotations

from spacy.language import Language

from nlp.ingest.document import Document
from nlp.prose.fields import assign_fields
from nlp.prose.figures import Figure, find_figures
from nlp.prose.spacy_pipeline import load
from nlp.schema import FieldValue, Mention, Section, TableCell
from nlp.structure.sections import section_at

SET_HERE = {"sentence", "section", "page"}  # what the schema says differently from a Figure
SHARED_WITH_SCHEMA = [n for n in Mention.model_fields if n in Figure.__dataclass_fields__ and n not in SET_HERE]


def find_mentions(
    text: str, spans: list[tuple[int, int]], nlp: Language | None = None, exclude: list[tuple[int, int]] | None = None
) -> list[Figure]:
    """Figures of text[a:b] for each (a, b) in `spans`, with their catalog fields."""
    figures = find_figures(text, spans, nlp, exclude)
    assign_fields(figures)
    return figures


def prose_mentions(doc: Document, sections: list[Section], tables: dict[str, TableCell]) -> list[Mention]:
    """Figures in the prose paragraphs, outside any table cell (crawled tables are prose lines)."""
    cells = sorted((c.start, c.end) for c in tables.values() if c.end > c.start)
    spans = [(p.start, p.end) for p in doc.paragraphs if not p.is_table_row]
    return [_as_mention(doc, sections, f) for f in find_mentions(doc.text, spans, load(), exclude=cells)]


def _as_mention(doc: Document, sections: list[Section], figure: Figure) -> Mention:
    section = section_at(sections, figure.start)
    return Mention(
        **{name: getattr(figure, name) for name in SHARED_WITH_SCHEMA},
        sentence=figure.sentence.strip(),
        section=section.kind if section else None,
        page=doc.page_at(figure.start) if doc.page_count else None,
    )


def fields_of(mentions: list[Mention]) -> dict[str, FieldValue]:
    return {
        m.field: FieldValue(value=m.value, unit=m.unit, qualifier=m.qualifier, mention=i)
        for i, m in enumerate(mentions)
        if m.field
    }
