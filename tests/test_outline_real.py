"""Every real report yields the gold outline (corpus/gold/outline/) and metadata."""

import re

import pytest
from conftest import real_corpus
from gold import load, outline_files, real_path

import nlp

GOLD_FILES = outline_files()


def _id(path):
    return str(real_path(path).name)


def _squash(text):
    return re.sub(r"\s", "", text or "")


@pytest.fixture(scope="module")
def reports():
    cache = {}

    def get(gold_file):
        if gold_file not in cache:
            cache[gold_file] = nlp.extract(real_path(gold_file))
        return cache[gold_file]

    return get


def test_every_real_file_has_a_gold_outline(real):
    files = {p.relative_to(real) for p in real.rglob("*") if p.is_file() and p.suffix != ".tsv"}
    gold = {real_path(g).relative_to(real) for g in GOLD_FILES}
    assert files == gold


@real_corpus
@pytest.mark.parametrize("gold_file", GOLD_FILES, ids=_id)
def test_section_kinds_in_order(gold_file, reports):
    report = reports(gold_file)
    assert report.error is None
    assert [s.kind for s in report.sections] == [s["kind"] for s in load(gold_file)["sections"]]


@real_corpus
@pytest.mark.parametrize("gold_file", GOLD_FILES, ids=_id)
def test_section_numbers_titles_and_subpoints(gold_file, reports):
    got = [(s.number, _squash(s.title), [p.number for p in s.subpoints]) for s in reports(gold_file).sections]
    want = [(s["number"], _squash(s["title"]), s.get("subpoints") or []) for s in load(gold_file)["sections"]]
    assert got == want


@real_corpus
@pytest.mark.parametrize("gold_file", GOLD_FILES, ids=_id)
def test_metadata(gold_file, reports):
    meta, want = reports(gold_file).report, load(gold_file)
    assert (meta.title, meta.agency, meta.year, meta.period) == (want["title"], want["agency"], want["year"], want["period"])


@real_corpus
@pytest.mark.parametrize("gold_file", GOLD_FILES, ids=_id)
def test_sections_tile_the_text(gold_file, reports):
    report = reports(gold_file)
    assert report.sections[0].start == 0
    for a, b in zip(report.sections, report.sections[1:]):
        assert a.end <= b.start and b.start - a.end <= 1
        assert report.text[b.start :].startswith(report.text[b.start : b.start + 1])
    assert report.sections[-1].end == len(report.text)
