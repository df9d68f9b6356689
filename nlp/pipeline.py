"""file → Document → sections → metadata → `Report`. The one place the stages are chained."""

from __future__ import annotations

import logging
from importlib import metadata
from pathlib import Path

from nlp.checks.report import prose_checks, table_checks
from nlp.errors import NotAReport, TouMingError
from nlp.ingest import read_document
from nlp.ingest.document import Document
from nlp.prose.mentions import field_model_version, fields_of, prose_mentions
from nlp.prose.spacy_pipeline import loaded_model
from nlp.provenance import file_sha256, rules_version
from nlp.schema import ErrorInfo, ModelRun, Paragraph, PipelineInfo, Report, Source
from nlp.statements.classify import textcat_version
from nlp.statements.split import report_statements
from nlp.structure.evidence import weigh_evidence
from nlp.structure.metadata import find_metadata
from nlp.structure.sections import find_sections
from nlp.tables import extract_tables

log = logging.getLogger(__name__)


def extract(path: str | Path) -> Report:
    """Extract one report. Never raises for a bad file: the `Report` carries the error instead."""
    source = Source(path=str(path))
    try:
        source = _source(Path(path))
        doc = read_document(path)
        source.format, source.pages = doc.format, doc.page_count
        report = build_report(doc, source)
    except TouMingError as exc:
        report = Report(source=source, error=ErrorInfo(type=exc.kind, message=exc.message))
    except Exception as exc:  # a bug of ours must cost one file, not a batch of thousands
        log.exception("internal error on %s", path)
        report = Report(
            source=source, error=ErrorInfo(type="InternalError", message=f"{type(exc).__name__}: {exc} (please report this file)")
        )
    report.pipeline = pipeline_info()
    return report


def build_report(doc: Document, source: Source) -> Report:
    sections = find_sections(doc)
    flags = list(doc.flags)
    if not doc.text.strip():
        flags.append("no_text")
        return Report(source=source, flags=flags, failures=doc.failures)
    verdict = weigh_evidence(doc, sections)
    if not verdict.is_report:
        raise NotAReport(source.path, verdict.explain())
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
        failures=doc.failures,
    )


def _source(path: Path) -> Source:
    if not path.is_file():
        return Source(path=str(path))
    return Source(path=str(path), sha256=file_sha256(path), bytes=path.stat().st_size)


def pipeline_info() -> PipelineInfo:
    """The versions of the package, the rules and the models that extraction runs with now."""
    versions = {"ner": loaded_model().version, "fields": field_model_version(), "textcat": textcat_version()}
    models = {name: ModelRun(version=v, missing=v is None) for name, v in versions.items()}
    return PipelineInfo(touming=_package_version(), rules=rules_version(), models=models)


def _package_version() -> str:
    try:
        return metadata.version("touming")
    except metadata.PackageNotFoundError:  # run from a checkout that was never installed
        return "unknown"
