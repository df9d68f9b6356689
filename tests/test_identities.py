"""The table identities are declared once (nlp/data/identities.yaml) and the checks, the run-together
table reader and the year-to-year checks all evaluate those same objects."""

import re

import pytest
from conftest import real_corpus
from gold import REAL

import nlp
from nlp import data
from nlp.checks.report import table_checks
from nlp.checks.year_to_year import year_to_year
from nlp.tables.identities import Identity, between_years, within_report
from nlp.tables.labels import schema
from nlp.tables.runon import read_runon_table3, read_runon_table4

SPEC = data.load("identities")


def _declared(part: str) -> list[str]:
    """The rule names as the yaml declares them, e.g. t3.row.{row}."""
    return [spec["rule"] for spec in SPEC[part]]


def _declares(rule_pattern: str, identity: Identity) -> bool:
    """Whether the identity is one of those the rule pattern declares (t3.row.{row} → t3.row.new, …)."""
    return re.fullmatch(re.sub(r"\\\{\w+\\\}", r".+", re.escape(rule_pattern)), identity.rule) is not None


@pytest.fixture
def evaluated(monkeypatch):
    """The identities evaluated while `run(f)` calls f, in the order evaluated."""
    seen: list[Identity] = []
    evaluate = Identity.evaluate

    def spy(self, *args, **kwargs):
        seen.append(self)
        return evaluate(self, *args, **kwargs)

    def run(f) -> list[Identity]:
        seen.clear()
        f()
        return list(seen)

    monkeypatch.setattr(Identity, "evaluate", spy)
    return run


def test_the_yaml_expands_over_the_table_keys():
    rules = [i.rule for i in within_report()]
    assert len(rules) == 7 + 7 + len(schema().t3_rows) + 3  # balance and outcomes per column, a total per row, table 4
    assert rules[:3] == ["t3.balance.natural_person", "t3.outcomes.natural_person", "t3.balance.commercial"]
    assert [i.rule for i in between_years(2019, 2020)] == [f"year.carried.{c.key}" for c in schema().t3_columns] + [
        f"year.items.{row}" for row in ("permits", "other_services", "penalties", "enforcement", "fees")
    ]
    assert between_years(2019, 2020)[0].formula == "2020 上年结转 = 2019 结转下年度"


def test_other_processing_printed_as_one_row_stands_in_for_its_sub_rows():
    outcomes = next(i for i in within_report() if i.rule == "t3.outcomes.total")
    rows = {k: 1 for k in outcomes.left if not k.startswith("t3.other.")}
    one_row = rows | {"t3.other.total": 2, "t3.total.total": len(rows) + 2}
    assert outcomes.evaluate(one_row).status == "pass"
    assert outcomes.evaluate(one_row).left[-1] == "t3.other.total"
    sub_rows = one_row | {"t3.other.no_correction.total": 1, "t3.other.no_fee.total": 1, "t3.other.other.total": 0}
    assert outcomes.evaluate(sub_rows).status == "pass"
    assert "t3.other.total" not in outcomes.evaluate(sub_rows).left


def test_blank_parts_count_as_zero_and_blank_or_unprinted_totals_are_not_checked():
    identity = next(i for i in within_report() if i.rule == "t4.review.total")
    parts = dict.fromkeys(identity.left, 1) | {"t4.review.pending": None}
    assert identity.evaluate(parts | {"t4.review.total": 3}).blank == ("t4.review.pending",)
    assert identity.evaluate(parts | {"t4.review.total": 3}).status == "pass"
    assert identity.evaluate(parts | {"t4.review.total": None}).status == "not_applicable"
    assert identity.evaluate(parts).absent == ("t4.review.total",)


@real_corpus
def test_every_declared_identity_is_evaluated_and_the_consumers_share_the_objects(evaluated):
    """pingtan's crawled text: tables 3 and 4 run together (2023: some rows split only by the
    column identities); 2019 and 2020 in the trial format, with 上一年项目数量 and （六）其他处理
    as one row."""
    reports = [nlp.extract(REAL / f"pingtan_{year}.txt") for year in (2019, 2020)]
    text = nlp.extract(REAL / "pingtan_2023.txt").text
    runon = evaluated(lambda: (read_runon_table3(text, schema()), read_runon_table4(text, schema())))
    checks = evaluated(lambda: table_checks(reports[0].tables))
    years = evaluated(lambda: year_to_year(reports))
    declared = {id(i) for i in within_report()}
    assert {id(i) for i in runon} <= declared and {id(i) for i in checks} <= declared
    for rule in _declared("within_report"):
        assert any(_declares(rule, i) for i in checks), rule
        assert any(_declares(rule, i) for i in runon), rule
    for rule in _declared("between_years"):
        assert any(_declares(rule, i) for i in years), rule
    assert {i.rule for i in years} <= {i.rule for i in between_years(2019, 2020)}
