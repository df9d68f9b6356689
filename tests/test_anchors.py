"""Stand-off gold spans (corpus/gold/anchors.py): found at their offsets, or nearby after a change of cleaning."""

import pytest

from corpus.gold.anchors import AnchorError, quote, sha1, span

TEXT = "一、总体情况\n全年主动公开信息120条，其中政策文件12条。"


def _row(text: str, part: str) -> dict:
    start = text.index(part)
    return {"start": start, "end": start + len(part), "sha1": sha1(part)}


def test_a_span_is_found_at_its_offsets():
    row = _row(TEXT, "120条")
    assert span(TEXT, row, "here") == (row["start"], row["end"]) and quote(TEXT, row, "here") == "120条"


def test_a_span_moved_by_a_change_of_cleaning_is_found_nearest_its_offsets():
    row = _row(TEXT, "12条")
    moved = "  " + TEXT.replace("120条", "12条")  # two more characters in front, and a second 12条 before it
    assert quote(moved, row, "here") == "12条"
    assert span(moved, row, "here")[0] == moved.rindex("12条")


def test_a_span_whose_text_is_gone_fails_naming_the_row():
    row = _row(TEXT, "政策文件")
    with pytest.raises(AnchorError, match="x.yaml, mention 3"):
        span(TEXT.replace("政策", "规范性"), row, "x.yaml, mention 3")
