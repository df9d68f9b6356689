"""file → Document → sections → metadata → `Report`. The one place the stages are chained.

spaCy and the trained models load on first use (the prose stage), not when this module is imported:
a file that is no report is turned away without them, and `touming --help` starts at once."""

from __future__ import annotations

import logging
import time
from collections.abc import Iterator
from contextlib import contextmanager
from functools import cache
from importlib import metadata
from pathlib import Path

from nlp.checks.report import prose_checks, table_checks
from nlp.errors import NotAReport, TouMingError
from nlp.ingest import read_document
from nlp.ingest.document import Document
from nlp.prose.mentions import field_model, field_model_version, fields_of, prose_mentions
from nlp.prose.spacy_pipeline import load, loaded_model
from nlp.provenance import file_sha256, rules_version
from nlp.schema import ErrorInfo, ModelRun, Paragraph, PipelineInfo, Report, Source
from nlp.statements.classify import textcat, textcat_version
from nlp.statements.split import report_statements
from nlp.structure.evidence import weigh_evidence
from nlp.structure.metadata import find_metadata
from nlp.structure.sections import find_sections
from nlp.tables import extract_tables

log = logging.getLogger(__name__)


def extract(path: str | Path, timings: dict[str, float] | None = None, *, ocr: bool = True) -> Report:
    """Extract one report. Never raises for a bad file: the `Report` carries the error instead.
    `timings`: the seconds spent in each stage (ingest, structure, tables, prose, statements,
    checks) are added to it, as bench/bench.py asks. `ocr`: False leaves scanned pages unread,
    flagged needs_ocr (OCR costs seconds a page)."""
    source = Source(path=str(path))
    try:
        with _timed(timings, "ingest"):
            source = _source(Path(path))
            doc = read_document(path, ocr)
        source.format, source.pages = doc.format, doc.page_count
        report = build_report(doc, source, timings)
    except TouMingError as exc:
        report = Report(source=source, error=ErrorInfo(type=exc.kind, message=exc.message))
    except Exception as exc:  # a bug of ours must cost one file, not a batch of thousands
        log.exception("internal error on %s", path)
        report = Report(
            source=source, error=ErrorInfo(type="InternalError", message=f"{type(exc).__name__}: {exc} (please report this file)")
        )
    report.pipeline = pipeline_info()
    return report


def build_report(doc: Document, source: Source, timings: dict[str, float] | None = None) -> Report:
    """The stages after reading, in order: structure (sections, is it a report, metadata), tables,
    prose, statements, checks."""
    with _timed(timings, "structure"):
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
        meta = find_metadata(doc, sections)
    with _timed(timings, "tables"):
        tables = extract_tables(doc, sections)
    with _timed(timings, "prose"):
        mentions = prose_mentions(doc, sections, tables)
        fields = fields_of(mentions)
    with _timed(timings, "statements"):
        statements = report_statements(doc, sections)
    with _timed(timings, "checks"):
        checks = table_checks(tables) + prose_checks(fields, tables)
    paragraphs = [
        Paragraph(start=p.start, end=p.end, page=doc.page_at(p.start), table_row=p.is_table_row) for p in doc.paragraphs
    ]
    return Report(
        source=source,
        report=meta,
        text=doc.text,
        sections=sections,
        paragraphs=paragraphs,
        tables=tables,
        mentions=mentions,
        fields=fields,
        statements=statements,
        checks=checks,
        flags=flags,
        failures=doc.failures,
    )


@contextmanager
def _timed(timings: dict[str, float] | None, stage: str) -> Iterator[None]:
    """Add the seconds the block takes to `timings[stage]`, when timings are asked for."""
    start = time.perf_counter()
    try:
        yield
    finally:
        if timings is not None:
            timings[stage] = timings.get(stage, 0.0) + time.perf_counter() - start


def _source(path: Path) -> Source:
    if not path.is_file():
        return Source(path=str(path))
    return Source(path=str(path), sha256=file_sha256(path), bytes=path.stat().st_size)


def load_models() -> PipelineInfo:
    """Import spaCy and load the trained models now rather than on the first report (worker
    processes do this before they take files); the versions they run with, as `pipeline_info`."""
    load()
    field_model()
    textcat()
    return pipeline_info()


def pipeline_info() -> PipelineInfo:
    """The versions of the package, the rules and the models that extraction runs with now."""
    versions = {"ner": loaded_model().version, "fields": field_model_version(), "textcat": textcat_version()}
    models = {name: ModelRun(version=v, missing=v is None) for name, v in versions.items()}
    return PipelineInfo(touming=_package_version(), rules=rules_version(), models=models)


@cache
def _package_version() -> str:
    try:
        return metadata.version("touming")
    except metadata.PackageNotFoundError:  # run from a checkout that was never installed
        return "unknown"
