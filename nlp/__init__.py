"""touming: Chinese government information-disclosure annual reports as clean, traceable data.

>>> import nlp
>>> report = nlp.extract("huaian_2024.pdf")
>>> [s.kind for s in report.sections]
"""

from nlp.pipeline import extract
from nlp.schema import Report

__version__ = "0.1.0"
__all__ = ["extract", "Report", "__version__"]
