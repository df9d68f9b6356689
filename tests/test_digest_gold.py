"""`nlp.digest` on 平潭综合实验区's fifteen reports against the follow-through annotated blind for it
(corpus/gold/followthrough/pingtan.json: stand-off links between the gold statements). A digest row
matches a gold link when its statements overlap the linked gold spans, later and earlier."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from gold import REAL, ROOT

import nlp
from corpus.gold.anchors import span

GOLD = ROOT / "corpus" / "gold" / "followthrough" / "pingtan.json"
FILES = [f"pingtan_{year}.txt" for year in range(2011, 2026)]


@pytest.fixture(scope="module")
def pingtan():
    if not REAL.is_dir():
        pytest.skip(f"the shared corpus is not beside the clone ({REAL})")
    reports = {name: nlp.extract(REAL / name) for name in FILES}
    return reports, nlp.digest(list(reports.values()))


@pytest.fixture(scope="module")
def gold(pingtan):
    """The gold links with each statement located in the clean text: (file, start, end)."""
    reports, _ = pingtan
    body = json.loads(GOLD.read_text("utf-8"))

    def place(ref: dict) -> tuple[str, int, int]:
        return (ref["file"], *span(reports[ref["file"]].text, ref, f"{GOLD.name}: {ref['file']}"))

    links = {kind: [(place(r["later"]), place(r["earlier"]), r.get("how")) for r in body[kind]]
             for kind in ("recurring_problems", "copied_measures")}  # fmt: skip
    links["dates"] = [place(r["statement"]) for r in body["dates"]]
    return links


def _rows(frame, prefix: str = "") -> list[tuple[str, int, int]]:
    return [
        (Path(f).name, int(a), int(b)) for f, a, b in zip(frame[f"{prefix}file"], frame[f"{prefix}start"], frame[f"{prefix}end"])
    ]


def _overlap(a: tuple[str, int, int], b: tuple[str, int, int]) -> bool:
    return a[0] == b[0] and a[1] < b[2] and b[1] < a[2]


def _found(link, rows) -> bool:
    later, earlier = link[:2]
    return any(_overlap(later, x) and _overlap(earlier, y) for x, y in rows)


def _pairs(frame) -> list[tuple]:
    return list(zip(_rows(frame), _rows(frame, "earlier_")))


def test_copied_measures_agree_with_the_annotation(pingtan, gold):
    _, digest = pingtan
    found = _pairs(digest.copied_measures)
    recall = sum(_found(link, found) for link in gold["copied_measures"]) / len(gold["copied_measures"])
    precision = sum(any(_found((x, y), [(a, b)]) for a, b, _ in gold["copied_measures"]) for x, y in found) / len(found)
    assert recall >= 0.85 and precision >= 0.95, (recall, precision)


def test_every_verbatim_recurring_problem_is_found(pingtan, gold):
    _, digest = pingtan
    found = _pairs(digest.recurring_problems)
    verbatim = [link for link in gold["recurring_problems"] if link[2] == "verbatim"]
    assert verbatim and all(_found(link, found) for link in verbatim)


def test_most_recurring_problems_found_are_the_annotators(pingtan, gold):
    """By label, a recurrence may be a different shortcoming of the same kind; most are the same one."""
    _, digest = pingtan
    found = _pairs(digest.recurring_problems)
    agreed = sum(any(_found((x, y), [(a, b)]) for a, b, _ in gold["recurring_problems"]) for x, y in found)
    recall = sum(_found(link, found) for link in gold["recurring_problems"]) / len(gold["recurring_problems"])
    assert agreed / len(found) >= 0.5 and recall >= 0.6, (agreed / len(found), recall)


def test_dated_promises_are_the_annotators(pingtan, gold):
    _, digest = pingtan
    found = _rows(digest.passed_deadlines)
    assert found and all(any(_overlap(f, g) for g in gold["dates"]) for f in found)
