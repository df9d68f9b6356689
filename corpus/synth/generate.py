"""Synthetic 政府信息公开工作年度报告 with known answers, for tests and demos.

    >>> from corpus.synth.generate import make_report, write_pdf, expected_text
    >>> report = make_report(7)                      # same seed, same report
    >>> report.tables["t3.new.total"]                # every cell of tables 2, 3, 4
    >>> write_pdf(report, "/tmp/r7.pdf")             # also write_docx/html/text/markdown

Everything a report says comes from phrases.yaml and tables.yaml; this module only decides
in which order things are drawn from one random.Random(seed).
"""
from __future__ import annotations

import random

from . import data
from .agency import make_agency
from .figures import make_figures
from .model import SynthFigure, SynthReport, SynthSection, SynthStatement
from .pdf import write_pdf
from .prose import Vocabulary, report_words, write_prose
from .values import Identity, all_keys, broken_identities, format_value, identities, make_tables
from .values import plant_error as plant_error_in
from .writers import write_docx, write_html, write_markdown, write_text

__all__ = [
    "SynthReport", "SynthSection", "SynthFigure", "SynthStatement", "Identity",
    "make_report", "expected_text", "identities", "broken_identities", "all_keys", "format_value",
    "write_pdf", "write_docx", "write_html", "write_text", "write_markdown",
]

YEARS = (2021, 2025)


def make_report(seed: int, *, year: int | None = None, agency: str | None = None,
                plant_error: bool = False) -> SynthReport:
    """The report of `seed`; `year`/`agency` override the drawn ones, `plant_error` breaks
    one 勾稽 identity by changing one cell (its key is in `planted_error`)."""
    rng = random.Random(seed)
    drawn_year = rng.randint(*YEARS)
    year = year or drawn_year
    who = make_agency(rng, agency)
    profile = data.phrases()["profiles"][who.profile]
    tables = make_tables(rng, profile)
    error_rng = random.Random(rng.random())  # drawn either way: planting changes nothing else
    planted = None
    if plant_error:
        tables, planted = plant_error_in(error_rng, tables)
    figures = make_figures(rng, profile, tables)
    vocab = Vocabulary(report_words(rng, who.context, year), figures)
    prose = write_prose(rng, vocab)
    return SynthReport(
        agency=who.name, year=year, title=f"{who.name}{year}年政府信息公开工作年度报告",
        sections=prose.sections, tables=tables, planted_error=planted, seed=seed,
        figures=prose.figures, statements=prose.statements)


def expected_text(report: SynthReport) -> str:
    """Title, then each heading and paragraph, one per line (no tables).

    This is what a perfect extractor's clean text holds, table cells left out. PDF lines
    wrap and the title prints on two lines there, so compare ignoring line breaks.
    """
    lines = [report.title]
    for section in report.sections:
        if section.heading:
            lines.append(section.heading)
        lines.extend(section.paragraphs)
    return "\n".join(lines)
