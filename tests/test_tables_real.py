"""Tables of the real reports against hand-checked gold (corpus/gold/tables/)."""

import pymupdf
import pytest
import yaml
from conftest import real_corpus
from gold import GOLD_TABLES as GOLD
from gold import REAL, cells_against_gold

import nlp
from corpus.evaluate import CellScore, gold_files, score_tables
from nlp.checks.report import table_checks
from nlp.schema import TableCell
from nlp.text.values import parse_value

FILES = gold_files(GOLD)
EXACT_FORMATS = (".pdf", ".html")


def _name(path):
    return str(path.relative_to(GOLD).with_suffix(""))


@real_corpus
@pytest.mark.parametrize("gold_file", FILES, ids=_name)
def test_no_cell_is_silently_wrong(gold_file):
    score = score_tables(gold_file, GOLD, REAL)
    assert score.wrong == [], score.wrong[:5]
    assert score.extra == []


@real_corpus
@pytest.mark.parametrize("gold_file", [f for f in FILES if f.with_suffix("").suffix in EXACT_FORMATS], ids=_name)
def test_every_cell_of_pdf_and_html_is_right(gold_file):
    score = score_tables(gold_file, GOLD, REAL)
    assert score.correct == score.gold


@real_corpus
def test_text_files_read_most_cells_and_flag_the_rest():
    scores = [score_tables(f, GOLD, REAL) for f in FILES if f.with_suffix("").suffix not in EXACT_FORMATS]
    assert CellScore.total(scores).accuracy >= 0.97
    assert all(s.correct + s.flagged == s.gold for s in scores)


def _gold_checks(gold_file):
    cells = yaml.safe_load(gold_file.read_text("utf-8"))["cells"]
    tables = {k: TableCell(value=parse_value(str(v)), raw=str(v), start=0, end=0) for k, v in cells.items()}
    return table_checks(tables)


@real_corpus
@pytest.mark.parametrize("gold_file", FILES, ids=_name)
def test_extraction_fails_exactly_the_checks_the_printed_report_fails(gold_file):
    """A consistent report fails no check; an inconsistent one fails only what its printed numbers break."""
    printed = sorted(c.rule for c in _gold_checks(gold_file) if c.status == "fail")
    report = nlp.extract(REAL / gold_file.relative_to(GOLD).with_suffix(""))
    assert sorted(c.rule for c in report.checks if c.status == "fail" and not c.rule.startswith("prose.")) == printed


@real_corpus
@pytest.mark.parametrize(
    "name, rule",
    [
        ("hongze_2023.pdf", "t4.review.total"),
        ("hongze_2023.pdf", "t4.litigation_after_review.total"),
        ("html/pingtan_2020.html", "t3.outcomes.total"),
    ],
)
def test_inconsistencies_printed_in_real_reports_are_reported(name, rule):
    report = nlp.extract(REAL / name)
    assert rule in [c.rule for c in report.checks if c.status == "fail"]


def _without_rules(pdf, out, *, keep_horizontal):
    """The PDF with its ruling lines erased (all of them, or the vertical ones), its text kept."""
    doc = pymupdf.open(pdf)
    for page in doc:
        lines = [d["rect"] for d in page.get_drawings()]
        erase = [r for r in lines if r.width < 3 < r.height] if keep_horizontal else [page.rect]
        for rect in erase:
            page.add_redact_annot(rect + (-0.5, -0.5, 0.5, 0.5))
        page.apply_redactions(
            images=pymupdf.PDF_REDACT_IMAGE_NONE,
            graphics=pymupdf.PDF_REDACT_LINE_ART_REMOVE_IF_COVERED
            if keep_horizontal
            else pymupdf.PDF_REDACT_LINE_ART_REMOVE_IF_TOUCHED,
            text=pymupdf.PDF_REDACT_TEXT_NONE,
        )
    doc.save(out)


@real_corpus
@pytest.mark.parametrize("keep_horizontal", [False, True], ids=["no rules", "horizontal rules only"])
@pytest.mark.parametrize("gold_file", [f for f in FILES if f.with_suffix("").suffix == ".pdf"], ids=_name)
def test_every_cell_of_the_pdfs_comes_back_without_their_ruling_lines(tmp_path, gold_file, keep_horizontal):
    pdf = tmp_path / gold_file.with_suffix("").name
    _without_rules(REAL / _name(gold_file), pdf, keep_horizontal=keep_horizontal)
    report = nlp.extract(pdf)
    assert cells_against_gold(report, gold_file) == ({}, [])
    original = nlp.extract(REAL / _name(gold_file))
    assert [(s.kind, s.number, s.title) for s in report.sections] == [(s.kind, s.number, s.title) for s in original.sections]


@real_corpus
@pytest.mark.parametrize("gold_file", [f for f in FILES if f.with_suffix("").suffix in (".txt", ".md")], ids=_name)
def test_a_withheld_run_together_cell_lists_the_printed_value_among_its_candidates(gold_file):
    gold = yaml.safe_load(gold_file.read_text("utf-8"))["cells"]
    report = nlp.extract(REAL / _name(gold_file))
    withheld = {k: c for k, c in report.tables.items() if c.flag == "ambiguous" and c.candidates}
    assert all(str(gold[k]) in c.candidates for k, c in withheld.items() if k in gold)
