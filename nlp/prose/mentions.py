"""The prose stage: a `Document`'s figures as schema `Mention`s, and the `fields` they fill."""

from __future__ import annotations

from typing import TYPE_CHECKING

from nlp.ingest.document import Document
from nlp.prose.absences import find_absences
from nlp.prose.assigner import MODEL_FILE, FieldModel, load_model
from nlp.prose.fields import assign_fields
from nlp.prose.figures import Figure, find_figures
from nlp.prose.spacy_pipeline import load
from nlp.provenance import model_version
from nlp.schema import FieldValue, Mention, Section, TableCell
from nlp.settings import model_dir
from nlp.structure.sections import section_at

if TYPE_CHECKING:
    from spacy.language import Language

FIELDS_MODEL = "fields"  # models/fields: the learned field assigner
SET_HERE = {"sentence", "section", "page"}  # what the schema says differently from a Figure
SHARED_WITH_SCHEMA = [n for n in Mention.model_fields if n in Figure.__dataclass_fields__ and n not in SET_HERE]


def find_mentions(
    text: str,
    spans: list[tuple[int, int]],
    nlp: Language | None = None,
    exclude: list[tuple[int, int]] | None = None,
    sections: list[Section] | None = None,
) -> list[Figure]:
    """Figures of text[a:b] for each (a, b) in `spans`, with their catalog fields."""
    figures = find_figures(text, spans, nlp, exclude)
    kinds = [(s.kind if (s := section_at(sections, f.start)) else None) for f in figures] if sections else None
    assign_fields(figures, kinds, field_model())
    filled = {f.field for f in figures if f.field}
    return figures + [z for z in find_absences(text, spans, exclude or []) if z.field not in filled]  # zeros follow the figures


def field_model() -> FieldModel | None:
    """The shipped field assigner (or the one under $TOUMING_MODELS); None: the catalog rules decide."""
    return load_model(model_dir(FIELDS_MODEL))


def field_model_version() -> str | None:
    return model_version(model_dir(FIELDS_MODEL), MODEL_FILE)


def prose_mentions(doc: Document, sections: list[Section], tables: dict[str, TableCell]) -> list[Mention]:
    """Figures in the prose paragraphs, outside any table cell (crawled tables are prose lines)."""
    return [_as_mention(doc, sections, f) for f in find_mentions(doc.text, *prose_spans(doc, tables), sections=sections)]


def prose_spans(doc: Document, tables: dict[str, TableCell]) -> tuple[list[tuple[int, int]], Language, list[tuple[int, int]]]:
    """Where a report's prose figures are read: its prose paragraphs, the pipeline, the table cells to skip."""
    cells = sorted((c.start, c.end) for c in tables.values() if c.end > c.start)
    return [(p.start, p.end) for p in doc.paragraphs if not p.is_table_row], load(), cells


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
        m.field: FieldValue(value=m.value, unit=m.unit, qualifier=m.qualifier, confidence=m.confidence, mention=i)
        for i, m in enumerate(mentions)
        if m.field
    }
