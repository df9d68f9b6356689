"""The `touming` command: a thin layer over `nlp.extract` for the shell.

Each command imports what it needs when it runs (the pipeline, spaCy, DuckDB, FastAPI…), so that
`touming --help` answers at once and a command loads nothing it does not use. Only rich, which
draws the help too, is imported up front."""

from __future__ import annotations

import contextlib
import csv as _csv
import itertools
import os
import secrets
import shutil
import sys
from enum import StrEnum
from pathlib import Path
from types import ModuleType
from typing import TYPE_CHECKING

import typer
from rich.table import Table

from nlp.outputs.terminal import number, show, table, text
from nlp.surfaces import logs

if TYPE_CHECKING:
    from nlp.schema import Report

NO_OCR_HELP = "Skip OCR: scanned pages and images are not read and keep the needs_ocr flag (OCR takes seconds a page)."
app = typer.Typer(help="透明 touming: government information-disclosure annual reports as data.", no_args_is_help=True)


@app.callback()
def main(debug: bool = typer.Option(False, "--debug", help="Show tracebacks and debug messages on stderr.")) -> None:
    """Exit codes: 0 all done; 1 some input could not be read (the others were); 2 nothing was done
    because of the command line (no input matched, an output would overwrite an input, …).
    Errors are one line on stderr; their tracebacks go to the log file ($TOUMING_LOG or
    ~/.local/state/touming/touming.log), or to stderr with --debug."""
    logs.configure(debug)


@app.command()
def extract(
    files: list[Path] = typer.Argument(..., help="Report files: PDF, DOCX, HTML, text, Markdown, page images (PNG, JPEG, TIFF)."),
    output: Path | None = typer.Option(None, "-o", "--output", help="Write JSON Lines here instead of stdout."),
    no_ocr: bool = typer.Option(False, "--no-ocr", help=NO_OCR_HELP),
) -> None:
    """Extract each report into one JSON object per line (schema: nlp/schema.py)."""
    resolved_inputs = {os.path.realpath(f) for f in files}  # realpath, unlike resolve, never raises on a symlink loop
    if output is not None and os.path.realpath(output) in resolved_inputs:
        _fail(f"refusing to write the output over an input file: {output}")
    failed = 0
    with _open_output(output) as out:
        for path in files:
            report = _extract_report(path, ocr=not no_ocr)
            out.write(report.model_dump_json() + "\n")
            failed += _report_status(report)
    if len(files) > 1 or failed:
        typer.echo(f"{len(files) - failed} of {len(files)} files extracted", err=True)
    raise typer.Exit(1 if failed else 0)


@app.command()
def sections(file: Path = typer.Argument(..., help="One report file.")) -> None:
    """Print the outline of a report: sections, their kinds, sub-points and pages."""
    from nlp.outputs.render import render_sections

    report = _extract_report(file)
    if _report_status(report):
        raise typer.Exit(1)
    meta = report.report
    typer.echo(f"{file.name}  {meta.agency or '?'}  {meta.year or '?'}  《{meta.title or '?'}》")
    if meta.period:
        typer.echo(f"statistical period {meta.period}")
    show(*render_sections(report))


@app.command()
def tables(
    file: Path = typer.Argument(..., help="One report file."),
    csv: bool = typer.Option(False, "--csv", help="Write long-format CSV (report, key, value, raw, page) to stdout."),
) -> None:
    """Print tables 2, 3 and 4 aligned in the terminal, or as long-format CSV; then the failed checks."""
    from nlp.outputs.render import render_tables

    report = _extract_report(file)
    if _report_status(report):
        raise typer.Exit(1)
    if csv:
        writer = _csv.writer(sys.stdout)
        writer.writerow(["report", "key", "value", "raw", "page", "flag"])
        for key, cell in report.tables.items():
            writer.writerow(
                [report.source.path, key, "" if cell.value is None else cell.value, cell.raw, cell.page or "", cell.flag or ""]
            )
        return
    show(*render_tables(report))


@app.command()
def mentions(file: Path = typer.Argument(..., help="One report file.")) -> None:
    """Print the figures stated in the prose: value, unit, qualifier, field, subject, action, where."""
    from nlp.outputs.render import render_mentions

    report = _extract_report(file)
    if _report_status(report):
        raise typer.Exit(1)
    show(*render_mentions(report))


@app.command()
def statements(file: Path = typer.Argument(..., help="One report file.")) -> None:
    """Print the problems and measures of section 五 with their labels."""
    report = _extract_report(file)
    if _report_status(report):
        raise typer.Exit(1)
    for st in report.statements:
        labels = ", ".join(f"{k} {v:.2f}" for k, v in sorted(st.labels.items(), key=lambda kv: -kv[1])) or "—"
        typer.echo(f"{'问题' if st.kind == 'problem' else '措施'} [{labels}] {st.lead or st.text[:40]}")


@app.command()
def compare(files: list[Path] = typer.Argument(..., help="Report files, e.g. one agency's reports over the years.")) -> None:
    """Labels of problems and measures by report; statements repeated across years; stale years;
    the table identities between consecutive years."""
    from nlp.checks.year_to_year import year_to_year
    from nlp.outputs.render import render_compare

    extracted = [_extract_report(f) for f in files]
    failed = sum(_report_status(r) for r in extracted)
    reports = sorted((r for r in extracted if not r.error), key=lambda r: (r.report.agency or "", r.report.year or 0))
    if not reports:
        _fail("none of the files could be read; nothing to compare")
    show(*render_compare(reports))
    checks = year_to_year(reports)
    counts = {status: sum(c.status == status for c in checks) for status in ("pass", "fail", "not_applicable")}
    typer.echo(f"\n跨年勾稽 year-to-year checks: {counts['pass']} pass, {counts['fail']} fail, {counts['not_applicable']} n/a")
    for c in checks:
        if c.status == "fail":
            typer.echo(f"  ✗ {c.rule}: {c.message}")
    raise typer.Exit(1 if failed else 0)


@app.command()
def finetune(
    checkpoint: Path = typer.Argument(..., help="A local pretrained Chinese checkpoint directory (BERT/RoBERTa style)."),
    out: Path = typer.Option(..., "--out", help="Where to write the fine-tuned classifier."),
    epochs: int = typer.Option(3, help="Passes over the training statements."),
) -> None:
    """Fine-tune the statement classifier from a local transformers checkpoint (needs the extra)."""
    from nlp.statements.classify_hf import fine_tune

    statement_rows = _load_evaluation().statement_rows  # the training statements live in the checkout's corpus/

    if out.resolve() == checkpoint.resolve():
        _fail("refusing to write over the checkpoint")
    fine_tune(checkpoint, statement_rows("train"), out, epochs=epochs)
    typer.echo(f"fine-tuned classifier written to {out}")


@app.command()
def run(
    inputs: list[str] = typer.Argument(..., help="Files, directories or glob patterns of reports."),
    db: Path = typer.Option(Path("results.duckdb"), "--db", help="The results database (DuckDB); created if missing."),
    workers: int = typer.Option(0, help="Worker processes (0: one per core)."),
    scheduler: str | None = typer.Option(None, help="A Dask distributed scheduler (tcp://host:port) to run on a cluster."),
    timeout: float | None = typer.Option(
        None,
        min=1,
        help="Seconds one file may take before its worker is stopped and the file recorded as Timeout (default 300).",
    ),
    no_ocr: bool = typer.Option(False, "--no-ocr", help=NO_OCR_HELP),
) -> None:
    """Extract many reports in parallel into a database; rerun to resume (done files are skipped).
    Exit code 0: every file found was extracted or is done; 1: some file failed in this run; 2: nothing could run."""
    from nlp.surfaces.batch import DEFAULT_TIMEOUT, BatchError
    from nlp.surfaces.batch import run as run_batch

    try:
        summary = run_batch(
            inputs, db, workers=workers or None, scheduler=scheduler, timeout=timeout or DEFAULT_TIMEOUT, ocr=not no_ocr
        )
    except BatchError as exc:
        _fail(str(exc))
    for item in summary.unmatched:
        typer.echo(f"warning: no file in {item}", err=True)
    typer.echo(
        f"{summary.found} files: {summary.done} extracted, {summary.failed} failed, {summary.duplicates} same as another file, "
        f"{summary.skipped} already in {db}",
        err=True,
    )
    if summary.ocr_pages:
        typer.echo(f"{summary.ocr_pages} scanned pages read by OCR", err=True)
    for line in summary.failures:
        typer.echo(f"  error: {line}", err=True)
    raise typer.Exit(1 if summary.failed else 0)


class Labels(StrEnum):
    en = "en"
    zh = "zh"


@app.command()
def export(
    db: Path = typer.Argument(..., help="A results database written by `touming run`."),
    parquet: Path | None = typer.Option(
        None, "--parquet", help="Parquet: one file per table into this directory (with --wide: this file)."
    ),
    csv_out: Path | None = typer.Option(
        None, "--csv", help="CSV: one file per table into this directory (with --wide: this file, UTF-8 with a BOM)."
    ),
    dta: Path | None = typer.Option(None, "--dta", help="With --wide: a Stata .dta file, Chinese variable labels."),
    wide: bool = typer.Option(False, "--wide", help="One row per report: its identity, every table cell and every field."),
    labels: Labels = typer.Option(Labels.en, "--labels", help="With --wide: column names as ids (en) or in Chinese (zh)."),
    copies: bool = typer.Option(False, "--copies", help="With --wide: keep the files that are copies of another report."),
) -> None:
    """Export a results database: every table as Parquet or CSV, or (--wide) one row per report."""
    chosen = {fmt: out for fmt, out in (("parquet", parquet), ("csv", csv_out), ("dta", dta)) if out is not None}
    if len(chosen) != 1 or ("dta" in chosen and not wide):
        _fail("give one of --parquet or --csv (a directory), or with --wide one of --csv, --parquet or --dta (a file)")
    ((fmt, out),) = chosen.items()
    try:
        written = _export_wide(db, out, fmt, labels, copies) if wide else _export_tables(db, out, fmt)
    except FileExistsError as exc:
        _fail(str(exc))
    for path in written:
        typer.echo(str(path))


def _export_tables(db: Path, out_dir: Path, fmt: str) -> list[Path]:
    from nlp.surfaces.store import export as export_db

    return export_db(db, out_dir, fmt)


def _export_wide(db: Path, out: Path, fmt: str, labels: str, copies: bool) -> list[Path]:
    from nlp.surfaces.wide import wide_table, write_wide

    write_wide(wide_table(db, copies), out, fmt, labels)
    return [out]


@app.command()
def summary(
    file: Path = typer.Argument(..., help="One report file."),
    html_out: bool = typer.Option(False, "--html", help="HTML instead of Markdown."),
) -> None:
    """A concise Chinese summary of one report: key figures with sources, checks, problems and measures."""
    from nlp.outputs.summary import summary_html, summary_markdown

    report = _extract_report(file)
    if _report_status(report):
        raise typer.Exit(1)
    typer.echo(summary_html(report) if html_out else summary_markdown(report))


@app.command()
def review(
    file: Path = typer.Argument(..., help="One report file."),
    output: Path | None = typer.Option(
        None, "-o", "--output", help="Where to write the page (default: <name>.review.html here)."
    ),
) -> None:
    """Write an HTML page of the report with every figure, table cell and statement highlighted."""
    from nlp.outputs.review import review_html

    target = output or Path(f"{file.name}.review.html")
    if target.exists() and output is None:
        _fail(f"{target} exists; pass -o to choose where to write")
    if target.resolve() == file.resolve():
        _fail("refusing to write the page over the report")
    report = _extract_report(file)
    if _report_status(report):
        raise typer.Exit(1)
    target.write_text(review_html(report), "utf-8")
    typer.echo(str(target))


@app.command()
def digest(
    inputs: list[str] = typer.Argument(..., help="A results database (touming run --db), or report files, folders, globs."),
    agency: str | None = typer.Option(
        None, "--agency", help="The agency to follow (part of its name; default: all with 2+ years)."
    ),
    years: str | None = typer.Option(None, "--years", help="The years to read: 2023 or 2011-2025 (default: all)."),
    output: Path | None = typer.Option(None, "-o", "--output", help="Where to write the page (default: digest.html here)."),
) -> None:
    """Follow problems and measures across years (recurring problems, measures promised and copied,
    passed deadlines) and compare agencies of a year (labels by level and province, boilerplate): one HTML page."""
    from nlp.outputs.digest import AgencyNotFound, year_range
    from nlp.outputs.digest import digest as follow
    from nlp.outputs.digest_page import digest_html

    target = output or Path("digest.html")
    if target.exists() and output is None:
        _fail(f"{target} exists; pass -o to choose where to write")
    try:
        chosen = year_range(years) if years else None
    except ValueError as exc:
        _fail(str(exc))
    source, failed = _digest_source(inputs, target)
    try:
        found = follow(source, agency, chosen)
    except AgencyNotFound as exc:
        _fail(str(exc))
    target.write_text(digest_html(found), "utf-8")
    typer.echo(str(target))
    raise typer.Exit(1 if failed else 0)


def _digest_source(inputs: list[str], target: Path) -> tuple[object, int]:
    """The database's tables, or the reports extracted from the files the inputs name; and how many failed."""
    from nlp.surfaces.batch import expand
    from nlp.surfaces.store import is_database, load

    if len(inputs) == 1 and is_database(inputs[0]):
        if os.path.realpath(target) == os.path.realpath(inputs[0]):
            _fail("refusing to write the page over the database")
        return load(inputs[0]), 0
    files, unmatched = expand(inputs)
    for item in unmatched:
        typer.echo(f"warning: no file in {item}", err=True)
    if not files:
        _fail("the inputs name no report file and no results database")
    if os.path.realpath(target) in {os.path.realpath(f) for f in files}:
        _fail(f"refusing to write the page over an input file: {target}")
    reports = [_extract_report(f) for f in files]
    failed = sum(_report_status(r) for r in reports)
    if len(reports) == failed:
        _fail("none of the inputs could be read as a report; nothing to digest")
    return reports, failed


@app.command()
def serve(
    port: int = typer.Option(8000, help="Port to listen on."),
    host: str = typer.Option("127.0.0.1", help="Address to bind (127.0.0.1: this machine only; any other warns)."),
    db: Path | None = typer.Option(
        None,
        help="DuckDB database to keep the reports in, as `touming run` writes it (default: a temporary one, removed at exit).",
    ),
    token: str | None = typer.Option(
        None,
        envvar="TOUMING_TOKEN",
        help="Require `Authorization: Bearer TOKEN` on every endpoint but the docs (better given in the environment).",
    ),
    cors_origin: list[str] = typer.Option([], help="An origin whose web pages may call the service (repeatable; default: none)."),
    workers: int | None = typer.Option(None, min=1, help="Extraction processes (default: one per CPU, at most 4)."),
    timeout: float | None = typer.Option(None, min=1, help="Seconds one file may take to extract, else 504 (default: 120)."),
    max_waiting: int | None = typer.Option(
        None, min=1, help="Uploads that may wait for a free worker; more get 503 with Retry-After (default: 16)."
    ),
) -> None:
    """Run the HTTP service (FastAPI; OpenAPI docs at /docs)."""
    import uvicorn

    from nlp.surfaces.service import Settings, create_app, exposure_warning

    if token is not None and not token.strip():
        _fail("the token is empty: give a secret, or no token at all")
    warning = exposure_warning(host, token)
    if warning:
        typer.echo(warning, err=True)
    given = {"db": db, "token": token, "workers": workers, "timeout": timeout, "max_waiting": max_waiting}
    chosen = {k: v for k, v in given.items() if v is not None}  # the rest: defaults
    settings = Settings(cors_origins=tuple(cors_origin), **chosen)
    uvicorn.run(create_app(settings), host=host, port=port, log_level="info")


class EvalTarget(StrEnum):
    """What `touming eval` scores."""

    tables = "tables"
    mentions = "mentions"
    ner = "ner"
    statements = "statements"
    fields = "fields"


SOURCE_ROOT = Path(__file__).resolve().parents[2]  # the folder holding nlp/: a checkout, or site-packages for a wheel
EVALUATION_MODULE = Path("corpus") / "evaluate.py"  # beside nlp/ in a source checkout only


@app.command("eval")
def evaluate(
    what: EvalTarget = typer.Argument(EvalTarget.tables, help="What to score."),
    gold: Path | None = typer.Option(None, help="Gold directory (default: corpus/gold/WHAT of the checkout)."),
    real: Path | None = typer.Option(
        None, help="Where the real reports are (default: ../shared/corpus/real beside the checkout)."
    ),
    verbose: bool = typer.Option(False, "-v", help="List every error (and the scores per label of statements)."),
) -> None:
    """Score extraction against the hand-made gold of a source checkout: `tables` (cell accuracy per file),
    `mentions` (prose figures and fields), `ner` (entities of the held-out sentences) or `statements`
    (segmentation, kind and labels)."""
    evaluation = _load_evaluation()
    if what is EvalTarget.ner:
        _eval_ner(evaluation)
        return
    if what is EvalTarget.fields:
        _eval_fields(evaluation, real or evaluation.REAL, verbose)
        return
    real = real or evaluation.REAL
    if not real.is_dir():
        _fail(
            f"the real reports are not at {real}; evaluation reads them from ../shared/corpus/real beside the checkout or --real DIR"
        )
    score = {EvalTarget.tables: _eval_tables, EvalTarget.mentions: _eval_mentions, EvalTarget.statements: _eval_statements}[what]
    score(evaluation, gold or evaluation.GOLD / what.value, real, verbose)


def _load_evaluation() -> ModuleType:
    """corpus/evaluate.py of the source checkout this nlp package sits in; exits 2 when there is none."""
    if not (SOURCE_ROOT / EVALUATION_MODULE).is_file():
        _fail(f"evaluation needs a source checkout of touming (with corpus/); nlp here is installed in {SOURCE_ROOT}")
    if str(SOURCE_ROOT) not in sys.path:
        sys.path.insert(0, str(SOURCE_ROOT))
    from corpus import evaluate

    return evaluate


def _eval_tables(evaluation: ModuleType, gold: Path, real: Path, verbose: bool) -> None:
    """Cell accuracy per real report, then over all of them; then each report's wrong (-v), unscored and extra cells."""
    scores = _per_file(evaluation, evaluation.score_tables, gold, real)
    rows = _score_table("file", "cells", "correct", "flagged", "wrong", "accuracy")
    for s in scores:
        rows.add_row(s.file, *_cell_counts(s, str(s.flagged)))
    rows.add_row("all", *_cell_counts(evaluation.CellScore.total(scores), ""))
    show(rows)
    for s in scores:
        _print_notes(s.file, _cell_notes(s, verbose))


def _per_file(evaluation: ModuleType, score, gold: Path, real: Path) -> list:
    """The score of every gold file: `score(gold_file, gold, real)`."""
    return [score(gold_file, gold, real) for gold_file in evaluation.gold_files(gold)]


def _score_table(first: str, *figures: str) -> Table:
    """An empty table of scores: a column of names, then columns of figures."""
    return table(text(first), *map(number, figures))


def _cell_counts(s, flagged: str) -> list[str]:
    """One row of `touming eval tables` after the file: cells, correct, flagged, wrong, accuracy."""
    return [str(s.gold), str(s.correct), flagged, str(len(s.wrong)), f"{s.accuracy:.2%}"]


def _cell_notes(s, verbose: bool) -> list[str]:
    """One report's wrong (-v), unscored and extra cells."""
    notes = [f"✗ {line}" for line in s.wrong] if verbose else []
    if s.unsure:
        notes.append(f"({s.unsure} cells the gold marks ambiguous are not scored)")
    return notes + [f"+ {key}: output but not printed in the report" for key in s.extra]


def _print_notes(name: str, notes: list[str]) -> None:
    """A file's (or set's) name, then its notes indented below it; nothing when there are none."""
    if notes:
        typer.echo(f"{name}:")
    for note in notes:
        typer.echo(f"    {note}")


def _eval_ner(evaluation: ModuleType) -> None:
    """Entity precision, recall and F1 per label of the shipped NER on the held-out sentences."""
    rows = _score_table("label", "P", "R", "F1")
    for label, s in evaluation.score_ner().items():
        rows.add_row(label, f"{s['p']:.3f}", f"{s['r']:.3f}", f"{s['f']:.3f}")
    show(rows)


def _eval_statements(evaluation: ModuleType, gold: Path, real: Path, verbose: bool) -> None:
    """Segmentation F1 and kind accuracy per real report and over all (-v: the errors); then the labels' macro-F1."""
    scores = _per_file(evaluation, evaluation.score_statements, gold, real)
    rows = _score_table("file", "gold", "found", "match", "F1", "kind acc")
    for s in scores:
        rows.add_row(s.file, *_statement_counts(s))
    rows.add_row("all real reports", *_statement_counts(evaluation.StatementScore.total(scores)))
    show(rows)
    for s in scores if verbose else []:
        _print_notes(s.file, [f"✗ {line}" for line in s.errors])
    _eval_labels(evaluation, verbose)


def _statement_counts(s) -> list[str]:
    """One row of `touming eval statements` after the file: counts, segmentation F1, kind accuracy."""
    return [str(s.gold), str(s.found), str(s.matched), f"{s.scores.f1:.2f}", f"{s.kind_accuracy:.2f}"]


def _eval_labels(evaluation: ModuleType, verbose: bool) -> None:
    """Macro-F1 of each statement classifier on the test splits (-v: per label)."""
    for split, method in itertools.product(evaluation.TEST_SPLITS, evaluation.CLASSIFIERS):
        try:
            scores = evaluation.score_labels(split, method)
        except FileNotFoundError as exc:
            typer.echo(f"labels ({method}): {exc}")
            continue
        typer.echo(
            f"labels on the {split} split ({method}): macro-F1 {scores['macro_f1']:.3f} over {scores['statements']} statements"
        )
        if verbose:
            show(_label_scores(scores["labels"]))


def _label_scores(labels: dict[str, dict]) -> Table:
    """Precision, recall, F1 and number of gold statements of each label."""
    rows = _score_table("label", "P", "R", "F1", "n")
    for label, v in labels.items():
        rows.add_row(label, f"{v['p']:.2f}", f"{v['r']:.2f}", f"{v['f']:.2f}", str(v["n"]))
    return rows


def _eval_mentions(evaluation: ModuleType, gold: Path, real: Path, verbose: bool) -> None:
    """Figures (P/R/F1) and fields (accuracy) per real report and over all, then on the held-out sentences (-v: the errors)."""
    scores = _per_file(evaluation, evaluation.score_mentions, gold, real)
    heldout = evaluation.score_heldout()
    rows = _score_table("file", "gold", "found", "right", "P", "R", "F1", "fields", "right", "acc")
    for s in scores:
        rows.add_row(s.file, *_mention_counts(s))
    rows.add_row("all real reports", *_mention_counts(evaluation.MentionScore.total(scores)))
    rows.add_row("held-out sentences", *_mention_counts(heldout))
    show(rows)
    for name, s in [*((s.file, s) for s in scores), ("held-out sentences", heldout)] if verbose else []:
        _print_notes(name, [f"✗ {line}" for line in _mention_errors(s)])


def _eval_fields(evaluation: ModuleType, real: Path, verbose: bool) -> None:
    """Catalog fields per field (P/R/F1) on the pages' test split, the real reports, the old-format
    real reports annotated like the pages and the held-out sentences; the figures found on the
    pages; the most frequent confusions."""
    from nlp.prose.mentions import field_model

    model = field_model()
    shipped = f"threshold {model.threshold:.2f}, veto {model.veto:.2f}" if model else "none shipped: catalog rules"
    typer.echo(f"field assigner: {shipped}")
    tallies = [
        evaluation.score_fields_pages("test"),
        evaluation.score_fields_real(evaluation.GOLD / "mentions", real),
        evaluation.score_fields_old_reports(),
        evaluation.score_fields_sentences(),
    ]
    for tally in tallies:
        _print_tally(tally, None if verbose else evaluation.TOP_CONFUSIONS)


def _print_tally(tally, top: int | None) -> None:
    """One evaluation set: overall and per-field scores, then its confusions."""
    s = tally.scores()
    typer.echo(f"\n{tally.name} ({tally.reports} reports): fields P {s.precision:.3f} R {s.recall:.3f} F1 {s.f1:.3f}")
    if tally.figures_gold:
        fs = tally.figure_scores()
        typer.echo(f"  figures P {fs.precision:.3f} R {fs.recall:.3f} F1 {fs.f1:.3f} ({tally.figures_gold} in gold)")
    rows = _score_table("field", "right", "wrong", "missed", "P", "R", "F1")
    for f in tally.field_ids():
        fs = tally.scores(f)
        counts = (tally.right[f], tally.wrong[f], tally.missed[f])
        rows.add_row(f, *map(str, counts), f"{fs.precision:.2f}", f"{fs.recall:.2f}", f"{fs.f1:.2f}")
    show(rows)
    for (gold, got), n in tally.confusions.most_common(top):
        typer.echo(f"  confused {n}×: gold {gold} → given {got}")


def _mention_counts(s) -> list[str]:
    """One row of `touming eval mentions` after the name: figure counts and P/R/F1, then field counts and accuracy."""
    scores = (s.scores.precision, s.scores.recall, s.scores.f1)
    counts = (s.gold, s.found, s.matched)
    fields = (s.gold_fields, s.fields_right)
    return [*map(str, counts), *(f"{x:.2f}" for x in scores), *map(str, fields), f"{s.field_accuracy:.2f}"]


def _mention_errors(s) -> list[str]:
    """Missed, spurious and wrongly filled figures of a mention score."""
    return s.misses + [f"spurious: {x}" for x in s.spurious] + s.field_errors


def _extract_report(path: Path, ocr: bool = True) -> Report:
    """`nlp.extract`: the pipeline is imported on the first report, not when the command starts."""
    from nlp.pipeline import extract

    return extract(path, ocr=ocr)


def _report_status(report: Report) -> int:
    """Tell the user about a failed or flagged file on stderr; 1 if it failed."""
    if report.error:
        typer.echo(f"error: {report.source.path}: {report.error.type}: {report.error.message}", err=True)
        return 1
    for flag in report.flags:
        why = next((f.message for f in report.failures if f.flag == flag), None)
        detail = f": {why}" if why and flag != "ocr" else ""  # an OCR'd page's note is long: it is in the output
        typer.echo(f"warning: {report.source.path}: {flag}{detail}", err=True)
    return 0


class _open_output:
    """stdout, or a file written under a temporary name beside it and renamed into place when complete.
    The file ends with the mode open() would give it: 0o666 less the umask, or the mode of the file it replaces."""

    def __init__(self, path: Path | None):
        self.path = path

    def __enter__(self):
        if self.path is None:
            self.file = sys.stdout
            return self.file
        self.tmp = self.path.with_name(f".{self.path.name}.{secrets.token_hex(8)}")
        fd = os.open(self.tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o666)  # the umask applies, as for open()
        self.file = os.fdopen(fd, "w", encoding="utf-8")
        return self.file

    def __exit__(self, exc_type, exc, tb):
        if self.path is None:
            self.file.flush()
            return
        self.file.close()
        if exc_type is None or exc_type is typer.Exit:
            with contextlib.suppress(FileNotFoundError):
                shutil.copymode(self.path, self.tmp)  # writing over a file keeps its mode
            os.replace(self.tmp, self.path)
        else:
            os.unlink(self.tmp)


def _fail(message: str) -> None:
    typer.echo(f"error: {message}", err=True)
    raise typer.Exit(2)
