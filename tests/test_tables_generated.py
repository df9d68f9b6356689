"""Tables of generated reports (known values) come back exactly; planted arithmetic errors are caught."""

import pymupdf
import pytest
from test_generated import WRITERS

import nlp
from corpus.synth.generate import make_report


def _extract(tmp_path, report, ext, **options):
    path = tmp_path / f"r{report.seed}.{ext}"
    WRITERS[ext](report, path, **options)
    return nlp.extract(path)


@pytest.mark.parametrize("ext", list(WRITERS))
@pytest.mark.parametrize("seed", [10, 11])
def test_every_cell_comes_back(tmp_path, seed, ext):
    synth = make_report(seed)
    result = _extract(tmp_path, synth, ext)
    got = {k: v.value for k, v in result.tables.items()}
    want = {k: v for k, v in synth.tables.items()}
    wrong = {k: (got.get(k), v) for k, v in want.items() if got.get(k) != v}
    assert not wrong, f"{len(wrong)} cells differ, e.g. {list(wrong.items())[:5]}"


@pytest.mark.parametrize("seed", [12, 13])
def test_table_split_across_pages_with_split_row_header(tmp_path, seed):
    synth = make_report(seed)
    result = _extract(tmp_path, synth, "pdf", split_table_across_pages=True)
    t3_pages = {v.page for k, v in result.tables.items() if k.startswith("t3.")}
    assert len(t3_pages) == 2
    assert all(result.tables[k].value == v for k, v in synth.tables.items() if k.startswith("t3."))


@pytest.mark.parametrize("ext", ["pdf", "docx", "html", "txt"])
def test_consistent_reports_pass_every_check(tmp_path, ext):
    result = _extract(tmp_path, make_report(14), ext)
    assert result.checks and all(c.status == "pass" for c in result.checks)


@pytest.mark.parametrize("seed", range(20, 32))
def test_a_planted_error_is_caught(tmp_path, seed):
    synth = make_report(seed, plant_error=True)
    result = _extract(tmp_path, synth, "html" if seed % 2 else "pdf")
    failed = [c for c in result.checks if c.status == "fail"]
    assert failed, f"planted error in {synth.planted_error} not caught"
    assert all(synth.planted_error in c.values for c in failed)


@pytest.mark.parametrize("rules", ["horizontal", "none"])
@pytest.mark.parametrize("seed", [10, 11])
def test_tables_printed_without_full_ruling_come_back(tmp_path, seed, rules):
    synth = make_report(seed)
    result = _extract(tmp_path, synth, "pdf", table_rules=rules)
    got = {k: v.value for k, v in result.tables.items()}
    wrong = {k: (got.get(k), v) for k, v in synth.tables.items() if got.get(k) != v}
    assert not wrong, f"{len(wrong)} cells differ, e.g. {list(wrong.items())[:5]}"


def _turned(src_path, out_path, content_turn, page_rotation):
    """Each page of the PDF drawn turned by `content_turn` degrees on a page with /Rotate `page_rotation`."""
    src, out = pymupdf.open(src_path), pymupdf.open()
    for page in src:
        w, h = (page.rect.height, page.rect.width) if content_turn % 180 else (page.rect.width, page.rect.height)
        turned = out.new_page(width=w, height=h)
        turned.show_pdf_page(turned.rect, src, page.number, rotate=content_turn)
        turned.set_rotation(page_rotation)
    out.save(out_path)


@pytest.mark.parametrize(
    "content_turn, page_rotation",
    [(90, 90), (0, 90), (0, 270)],
    ids=["landscape page set upright by its rotation", "page rotated sideways", "page rotated the other way"],
)
def test_rotated_pages_read_as_the_upright_page(tmp_path, content_turn, page_rotation):
    synth = make_report(10)
    upright = tmp_path / "upright.pdf"
    WRITERS["pdf"](synth, upright)
    turned = tmp_path / "turned.pdf"
    _turned(upright, turned, content_turn, page_rotation)
    a, b = nlp.extract(upright), nlp.extract(turned)
    assert b.text == a.text
    assert {k: c.value for k, c in b.tables.items()} == synth.tables
