"""Reports we generate (corpus/synth) in every format round-trip: same paragraphs, same outline."""

import re

import pytest

import nlp
from corpus.synth.generate import expected_text, make_report, write_docx, write_html, write_markdown, write_pdf, write_text
from nlp.ingest import read_document

WRITERS = {"pdf": write_pdf, "docx": write_docx, "html": write_html, "md": write_markdown, "txt": write_text}
FORMAT_NAMES = {"pdf": "pdf", "docx": "docx", "html": "html", "md": "markdown", "txt": "text"}


def _squash(text):
    return re.sub(r"\s+", "", text)


def _extract(tmp_path, seed, ext, **options):
    report = make_report(seed)
    path = tmp_path / f"r{seed}.{ext}"
    WRITERS[ext](report, path, **options)
    return report, nlp.extract(path)


def _prose_paragraphs(result):
    return [_squash(result.text[p.start : p.end]) for p in result.paragraphs if not p.table_row]


@pytest.mark.parametrize("ext", list(WRITERS))
@pytest.mark.parametrize("seed", [0, 1, 2])
def test_outline_round_trips(tmp_path, seed, ext):
    synth, result = _extract(tmp_path, seed, ext)
    assert result.error is None
    assert result.source.format == FORMAT_NAMES[ext]
    assert [s.kind for s in result.sections] == [s.kind for s in synth.sections]
    assert [s.number for s in result.sections] == [s.number for s in synth.sections]


@pytest.mark.parametrize("ext", list(WRITERS))
@pytest.mark.parametrize("seed", [0, 3])
def test_paragraphs_round_trip(tmp_path, seed, ext):
    synth, result = _extract(tmp_path, seed, ext)
    got = _prose_paragraphs(result)
    for paragraph in expected_text(synth).split("\n"):
        assert _squash(paragraph) in got, f"{ext}: paragraph not rebuilt: {paragraph[:40]}…"


@pytest.mark.parametrize("ext", list(WRITERS))
def test_metadata_round_trips(tmp_path, ext):
    synth, result = _extract(tmp_path, 4, ext)
    assert (result.report.agency, result.report.year) == (synth.agency, synth.year)
    assert result.report.title == synth.title


@pytest.mark.parametrize("seed", [5, 6])
def test_pdf_heading_split_across_a_page_break(tmp_path, seed):
    synth, result = _extract(tmp_path, seed, "pdf", split_heading_across_pages=True)
    doc = read_document(tmp_path / f"r{seed}.pdf")
    headings = {s.number: s.heading for s in synth.sections if s.number}
    straddling = 0
    for section in result.sections[1:]:
        assert f"{section.number}、{section.title}" == headings[section.number]
        end_of_heading = section.start + len(headings[section.number]) - 1
        straddling += doc.page_at(section.start) != doc.page_at(end_of_heading)
    assert straddling == 1


def test_pdf_running_header_and_page_numbers_are_dropped(tmp_path):
    synth, result = _extract(tmp_path, 7, "pdf", running_header=True)
    assert not re.search(r"-\s*\d+\s*-", result.text)
    header_lines = [p for p in _prose_paragraphs(result) if p == _squash(synth.agency)]
    assert len(header_lines) <= 1  # the title line may name the agency; the running header must not repeat
    for paragraph in expected_text(synth).split("\n"):
        assert _squash(paragraph) in _prose_paragraphs(result)
