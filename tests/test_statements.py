"""Problems and measures: segmentation and kind against gold, and the comparisons across reports."""

import pytest
import yaml
from conftest import real_corpus
from gold import REAL, ROOT

import nlp
from corpus.evaluate import StatementScore, gold_files, score_statements
from corpus.gold.anchors import span
from corpus.synth.generate import make_report, write_text
from nlp.checks.year_to_year import year_to_year
from nlp.outputs.compare import repeats, report_statements, stale_years, unmatched_problems
from nlp.schema import Section
from nlp.statements.split import find_statements

GOLD = ROOT / "corpus" / "gold" / "statements"


def _statements(body: str):
    text = "五、存在的主要问题及改进情况\n" + body
    return find_statements(
        text, [Section(kind="problems", number="五", title="存在的主要问题及改进情况", start=0, end=len(text))]
    )


def test_markers_turn_and_leads():
    found = _statements(
        "对照上级要求，还存在一些不足，主要表现在：一是依法主动公开意识有待增强，部分单位重视不够；二是政策解读形式单一。\n"
        "下一步，我区将重点做好以下工作：一是强化公开理念，理顺工作机制。将公开纳入培训。二是丰富解读形式。"
    )
    assert [(s.kind, s.lead) for s in found] == [
        ("problem", "依法主动公开意识有待增强"),
        ("problem", "政策解读形式单一"),
        ("measure", "强化公开理念，理顺工作机制"),
        ("measure", "丰富解读形式"),
    ]


def test_part_headings_announce_the_kind_and_lists_are_split():
    found = _statements(
        "（一）存在的主要问题：基层公开标准化水平有待提升；部门工作不够均衡。\n（二）改进措施\n1.加强基层指导。\n2.健全考核机制。"
    )
    assert [(s.kind, s.text) for s in found] == [
        ("problem", "基层公开标准化水平有待提升；"),
        ("problem", "部门工作不够均衡。"),
        ("measure", "1.加强基层指导。"),
        ("measure", "2.健全考核机制。"),
    ]


@pytest.fixture(scope="module")
def scores():
    return [score_statements(f, GOLD, REAL) for f in gold_files(GOLD)]


@real_corpus
@pytest.mark.parametrize("gold_file", gold_files(GOLD), ids=lambda f: f.stem)
def test_the_gold_is_stand_off_spans_in_order_inside_the_problems_section(gold_file):
    """No text in the gold: each statement is a span of the clean text, in document order, not
    overlapping, inside the problems section; the turn lies between the problems and the measures."""
    gold = yaml.safe_load(gold_file.read_text("utf-8"))
    report = nlp.extract(REAL / gold["file"])
    rows = gold["statements"]
    assert all(set(st) == {"kind", "start", "end", "sha1", "labels"} for st in rows)
    spans = [span(report.text, st, f"{gold_file.name}, statement {n}") for n, st in enumerate(rows, 1)]
    assert all(a[1] <= b[0] for a, b in zip(spans, spans[1:]))
    problems = [(s.start, s.end) for s in report.sections if s.kind == "problems"]
    assert all(any(a <= start and end <= b for a, b in problems) for start, end in spans)
    if gold["turn"]:
        turn, _ = span(report.text, gold["turn"], f"{gold_file.name}, turn")
        assert max(e for (_, e), st in zip(spans, rows) if st["kind"] == "problem") <= turn
        assert turn <= min(s for (s, _), st in zip(spans, rows) if st["kind"] == "measure")


@real_corpus
def test_segmentation_f1_on_real_reports(scores):
    assert StatementScore.total(scores).scores.f1 >= 0.9


@real_corpus
def test_kind_accuracy_on_real_reports(scores):
    assert StatementScore.total(scores).kind_accuracy >= 0.95


@real_corpus
def test_stale_years_are_found():
    reports = [nlp.extract(REAL / n) for n in ("qingtongxia_2021.txt", "pingtan_2016.txt", "pingtan_2024.txt")]
    stale = {s.report for s in stale_years(reports)}
    assert any("2021" in s for s in stale) and any("2016" in s for s in stale)
    assert not any("2024" in s for s in stale)


@real_corpus
def test_statements_repeated_across_years_of_one_agency():
    reports = [nlp.extract(REAL / f"pingtan_{y}.txt") for y in (2016, 2019)]
    found = repeats(report_statements(reports))
    assert found and all(r.earlier.report.endswith("2016") and r.later.report.endswith("2019") for r in found)
    assert all(r.similarity >= 0.8 for r in found)


@real_corpus
def test_unmatched_problem_labels_are_listed():
    report = nlp.extract(REAL / "huaian_2024.pdf")
    problems = {label for s in report.statements if s.kind == "problem" for label in s.labels}
    assert set(unmatched_problems(report)) <= problems


@real_corpus
def test_one_agencys_years_tie_together():
    """Each year carries in what the year before carried over; 2020's 上一年项目数量 = 2019's + 本年增/减."""
    checks = year_to_year([nlp.extract(REAL / "html" / f"pingtan_{y}.html") for y in range(2019, 2026)])
    assert len([c for c in checks if c.rule.startswith("year.carried.")]) == 6 * 7
    assert len([c for c in checks if c.rule.startswith("year.items.")]) == 5
    assert all(c.status == "pass" for c in checks)


def test_a_year_that_does_not_carry_in_what_the_last_carried_over_fails(tmp_path):
    first = make_report(40, year=2022)
    second = make_report(41, year=2023, agency=first.agency)  # carries in 20; 2022 carried over 5
    write_text(first, tmp_path / "2022.txt")
    write_text(second, tmp_path / "2023.txt")
    checks = year_to_year([nlp.extract(tmp_path / "2023.txt"), nlp.extract(tmp_path / "2022.txt")])
    failed = [c for c in checks if c.rule == "year.carried.total"]
    assert [c.status for c in failed] == ["fail"] and failed[0].values == {
        "2023:t3.carried_in.total": 20,
        "2022:t3.carried_over.total": 5,
    }
