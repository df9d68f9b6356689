"""Whether two texts are one report's: the rule the results database marks copies by
(nlp/surfaces/store.py) and the digest leaves copies out by (nlp/outputs/digest.py)."""

from __future__ import annotations

SAME_TEXT = 0.8  # share of 8-character pieces two files' texts have in common when they are one report
SHINGLE = 8


def same_report_text(a: str, b: str) -> bool:
    """Most of the two texts' 8-character pieces (white space aside) are shared."""
    pieces_a, pieces_b = _pieces(a), _pieces(b)
    if not pieces_a or not pieces_b:
        return a == b
    return len(pieces_a & pieces_b) / len(pieces_a | pieces_b) >= SAME_TEXT


def _pieces(text: str) -> set[str]:
    flat = "".join(text.split())
    return {flat[i : i + SHINGLE] for i in range(len(flat) - SHINGLE + 1)}
