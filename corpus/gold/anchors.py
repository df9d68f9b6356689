"""Stand-off gold: spans of a real report's clean text, stored as offsets and a hash, never as text.

A span is a mapping with `start` and `end`, offsets into the clean text that `nlp.extract(path).text`
gives for the report, and `sha1`, the first 12 hex digits of the SHA-1 of the span's UTF-8 text.
`span` returns the span at its offsets when the hash agrees there; otherwise the substring of the
same length with that hash nearest to `start`, so the gold survives small changes in text cleaning.
"""

from __future__ import annotations

import hashlib

DIGITS = 12  # hex digits of the SHA-1 kept in the gold


class AnchorError(LookupError):
    """A gold span whose text is nowhere in the report's clean text."""


def sha1(text: str) -> str:
    """The hash a gold span stores for its text."""
    return hashlib.sha1(text.encode("utf-8")).hexdigest()[:DIGITS]


def span(text: str, row: dict, where: str) -> tuple[int, int]:
    """(start, end) of a gold span in `text`; `where` names the gold file and row for the error."""
    start, end, digest = row["start"], row["end"], row["sha1"]
    if sha1(text[start:end]) == digest:
        return start, end
    width = end - start
    for at in sorted(range(len(text) - width + 1), key=lambda i: abs(i - start)):
        if sha1(text[at : at + width]) == digest:
            return at, at + width
    raise AnchorError(f"{where}: no {width} characters with sha1 {digest!r} in the clean text (gold offset {start})")


def quote(text: str, row: dict, where: str) -> str:
    """The text of a gold span."""
    start, end = span(text, row, where)
    return text[start:end]
