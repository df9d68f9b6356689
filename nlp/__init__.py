"""touming: Chinese government information-disclosure annual reports as clean, traceable data.

>>> import nlp
>>> report = nlp.extract("huaian_2024.pdf")
>>> [s.kind for s in report.sections]
"""

import warnings
from typing import TYPE_CHECKING

# cpca (agency names) needs pkg_resources, and jieba then imports it and warns of its deprecation on every run.
warnings.filterwarnings("ignore", message="pkg_resources is deprecated", category=UserWarning)

if TYPE_CHECKING:
    from nlp.pipeline import extract
    from nlp.schema import Report

__version__ = "0.1.0"
__all__ = ["extract", "load", "digest", "Report", "__version__"]


def __getattr__(name: str):
    """`nlp.extract` and `nlp.Report`, imported on first use: `touming --help` and the commands that
    never extract (export, serve…) need not load the pipeline's modules."""
    if name == "extract":
        from nlp.pipeline import extract

        return extract
    if name == "Report":
        from nlp.schema import Report

        return Report
    raise AttributeError(f"module 'nlp' has no attribute {name!r}")


def load(db, copies: bool = False):
    """The tables of a results database (`touming run … --db`) as pandas DataFrames:
    `.reports`, `.sections`, `.table_cells`, `.mentions`, `.fields`, `.statements`, `.checks`, `.errors`.
    Each report counts once: files that are copies of another (`duplicate_of`, e.g. the same report
    as crawled text and as HTML) are left out unless `copies=True`."""
    from nlp.surfaces.store import load as load_db

    return load_db(db, copies)


def digest(db_or_reports, agency: str | None = None, years=None):
    """Follow-through across years (`touming digest`). `db_or_reports`: a results database (its path, or
    what `load` gives) or a list of Reports; `agency`: the agency to follow (part of its name; default every
    agency with reports of two years); `years`: a year or years to read (range(2011, 2026)).
    Its attributes are DataFrames, every row with the file, page, start and end of each statement it rests on:
    `.recurring_problems`, `.promised_measures`, `.copied_measures`, `.stale_years`, `.passed_deadlines`,
    `.label_distribution`, `.boilerplate`, and `.statements`, `.reports` (what was read)."""
    import os

    from nlp.outputs.digest import digest as follow

    if isinstance(db_or_reports, str | os.PathLike):
        db_or_reports = load(db_or_reports)
    return follow(db_or_reports, agency, years)
