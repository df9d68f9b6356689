"""touming: Chinese government information-disclosure annual reports as clean, traceable data.

>>> import nlp
>>> report = nlp.extract("huaian_2024.pdf")
>>> [s.kind for s in report.sections]
"""

from nlp.pipeline import extract
from nlp.schema import Report

__version__ = "0.1.0"
__all__ = ["extract", "load", "Report", "__version__"]


def load(db):
    """The tables of a results database (`touming run … --db`) as pandas DataFrames:
    `.reports`, `.sections`, `.table_cells`, `.mentions`, `.fields`, `.statements`, `.checks`, `.errors`."""
    from nlp.surfaces.store import load as load_db

    return load_db(db)
