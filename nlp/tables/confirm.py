"""Cells withheld as unverified (OCR unsure of a character, or a PDF glyph that did not decode)
that the table identities settle: when every other cell of an identity is read, the identity
allows one value for the cell. A reading equal to it is confirmed; a different one stays withheld,
with the identity's value as its candidate."""

from __future__ import annotations

from nlp.schema import TableCell
from nlp.tables.identities import Identity, within_report
from nlp.text.values import parse_value

UNVERIFIED = "unverified"


def confirm_by_identities(cells: dict[str, TableCell]) -> None:
    """Settle the unverified cells the identities decide, in place, until none is left to settle."""
    settled = True
    while settled:
        settled = False
        for identity in within_report():
            key = _only_unverified(identity, cells)
            if key is not None and _settle(identity, key, cells):
                settled = True


def _only_unverified(identity: Identity, cells: dict[str, TableCell]) -> str | None:
    """The identity's one unverified cell, when all its cells are printed and every other one is read."""
    left, right = identity.sides(cells)
    keys = left + right
    if not identity.applies(cells) or any(k not in cells for k in keys):
        return None
    pending = [k for k in keys if cells[k].flag == UNVERIFIED]
    others_read = all(cells[k].flag is None for k in keys if k not in pending)
    return pending[0] if len(pending) == 1 and others_read else None


def _settle(identity: Identity, key: str, cells: dict[str, TableCell]) -> bool:
    """Confirm the cell's reading if the identity allows it; else note the value it allows."""
    cell, read = cells[key], parse_value(cells[key].raw)
    values = {k: c.value for k, c in cells.items()}
    if read is not None and identity.evaluate(values | {key: read}).status == "pass":
        cells[key] = cell.model_copy(update={"value": read, "flag": None, "candidates": None})
        return True
    allowed = _allowed(identity, key, values)
    if allowed is not None and cell.candidates != [_text(allowed)]:
        cells[key] = cell.model_copy(update={"candidates": [_text(allowed)]})
    return False


def _allowed(identity: Identity, key: str, values: dict) -> float | None:
    """The one value of `key` that makes the identity hold, given the other cells (None when negative)."""
    left, right = identity.sides(values)
    rest_left = sum(values[k] or 0 for k in left if k != key)
    rest_right = sum(values[k] or 0 for k in right if k != key)
    value = rest_right - rest_left if key in left else rest_left - rest_right
    return value if value >= 0 else None


def _text(value: float) -> str:
    return str(int(value)) if float(value).is_integer() else str(value)
