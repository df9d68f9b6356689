"""Unverified table cells that the identities settle (nlp/tables/confirm.py): table 4's review row,
upheld + corrected + other + pending = total, with one cell OCR was unsure of."""

from nlp.schema import TableCell
from nlp.tables.confirm import confirm_by_identities

ROW = {"upheld": "3", "corrected": "1", "other": "0", "pending": "2", "total": "6"}


def _cells(unsure: dict[str, str], read: dict[str, str] | None = None) -> dict[str, TableCell]:
    """The review row as read: `unsure` cells withheld as unverified, with the text OCR gave them."""
    cells = {}
    for name, text in (ROW | (read or {})).items():
        flag = "unverified" if name in unsure else None
        cells[f"t4.review.{name}"] = TableCell(value=None if flag else int(text), raw=text, start=0, end=1, flag=flag)
    return cells


def test_a_reading_the_identity_allows_is_confirmed():
    cells = _cells({"other": "0"})
    confirm_by_identities(cells)
    assert (cells["t4.review.other"].value, cells["t4.review.other"].flag) == (0, None)


def test_a_reading_the_identity_forbids_stays_withheld_with_the_allowed_value():
    cells = _cells({"total": "8"}, read={"total": "8"})  # 6 misread as 8
    confirm_by_identities(cells)
    total = cells["t4.review.total"]
    assert (total.value, total.flag, total.candidates) == (None, "unverified", ["6"])


def test_two_unsure_cells_in_one_identity_are_left_alone():
    cells = _cells({"other": "0", "pending": "2"})
    confirm_by_identities(cells)
    assert all(cells[f"t4.review.{k}"].flag == "unverified" for k in ("other", "pending"))
