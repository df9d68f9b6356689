"""A table cell's printed text → its value. Blank, "/", "—" and 0 stay distinct through `raw`."""

from __future__ import annotations

import re

NUMBER_RE = re.compile(r"^[+-]?\d+(\.\d+)?$")
NONE_MARKS = {"", "/", "／", "—", "－", "-", "——", "无", "\\", "×"}


def parse_value(raw: str) -> int | float | None:
    """'3119' → 3119, '96171.6' → 96171.6, '1,234' → 1234; '', '/', '—' → None."""
    text = re.sub(r"[\s,，]", "", raw)
    if text in NONE_MARKS or not NUMBER_RE.match(text):
        return None
    return float(text) if "." in text else int(text)


def looks_numeric(raw: str) -> bool:
    text = re.sub(r"[\s,，]", "", raw)
    return bool(NUMBER_RE.match(text)) or text in NONE_MARKS
