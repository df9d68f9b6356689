"""file → Document → sections → metadata → `Report`. The one place the stages are chained."""

from __future__ import annotations

import hashlib
import logging
from pathlib import Path

from nlp.checks import prose_checks, table_checks
from nlp.document import Document
from nlp.errors import NotAReport, TouMingError
from nlp.ingest import read_document
from nlp.mentions import fields_of, prose_mentions
from nlp.metadata import find_metadata
from nlp.schema import ErrorInfo, Paragraph, Report, Source
from nlp.sections import find_sections
from nlp.statements import report_statements
from nlp.tables import extract_tables

log = logging.getLogger(__name__)
REPORT_WORDS = ("政府信息", "政务公开", "信息公开")  # a report mentions at least one


def extract(path: str | Path) -> Report:
    """Extract one report. Never raises for a bad file: the `Report` carries the error instead."""
    source = Source(path=str(path))
    try:
        source = _source(Path(path))
        doc = read_document(path)
        source.format, source.pages = doc.format, doc.page_count
        return build_report(doc, source)
    except TouMingError as exc:
        return Report(source=source, error=ErrorInfo(type=exc.kind, message=exc.message))
    except Exception as exc:  # a bug of ours must cost one file, not a batch of thousands
        log.exception("internal error on %s", path)
        return Report(
            source=source, error=ErrorInfo(type="InternalError", message=f"{type(exc).__name__}: {exc} (please report this file)")
        )


def build_report(doc: Document, source: Source) -> Report:
    sections = find_sections(doc)
    flags = list(doc.flags)
    if not doc.text.strip():
        flags.append("no_text")
        return Report(source=source, flags=flags)
    if not any(w in doc.text for w in REPORT_WORDS):
        raise NotAReport(
            source.path, "no mention of 政府信息 or 政务公开; this does not look like an information disclosure annual report"
        )
    if all(s.kind in ("unknown", "preamble") for s in sections):
        flags.append("no_sections_found")
    tables = extract_tables(doc, sections)
    mentions = prose_mentions(doc, sections, tables)
    fields = fields_of(mentions)
    statements = report_statements(doc, sections)
    paragraphs = [
        Paragraph(start=p.start, end=p.end, page=doc.page_at(p.start), table_row=p.is_table_row) for p in doc.paragraphs
    ]
    return Report(
        source=source,
        report=find_metadata(doc, sections),
        text=doc.text,
        sections=sections,
        paragraphs=paragraphs,
        tables=tables,
        mentions=mentions,
        fields=fields,
        statements=statements,
        checks=table_checks(tables) + prose_checks(fields, tables),
        flags=flags,
    )


def _source(path: Path) -> Source:
    if not path.is_file():
        return Source(path=str(path))
    digest = hashlib.sha256()
    with path.open("rb") as f:
        for chunk in iter(lambda: f.read(1 << 20), b""):
            digest.update(chunk)
    return Source(path=str(path), sha256=digest.hexdigest(), bytes=path.stat().st_size)
