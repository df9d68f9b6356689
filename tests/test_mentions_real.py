"""Prose figures of the real reports against hand-made gold (corpus/gold/mentions/)."""

import re

import pytest
import yaml
from conftest import real_corpus
from gold import REAL, ROOT

import nlp
from corpus.evaluate import MentionScore, gold_files, score_mentions
from corpus.gold.anchors import span

GOLD = ROOT / "corpus" / "gold" / "mentions"
FILES = gold_files(GOLD)
NOT_FIGURES = re.compile(r"^(19|20)\d{2}年|^\d{1,2}月|^\d{1,2}日|\d{3,4}-\d{7,8}|〔|号$|^第")
KEYS = {"start", "figure", "end", "sha1", "value", "unit", "qualifier", "type", "field", "subject", "action", "section"}


@pytest.fixture(scope="module")
def scores():
    return [score_mentions(f, GOLD, REAL) for f in FILES]


@real_corpus
@pytest.mark.parametrize("gold_file", FILES, ids=lambda f: f.stem)
def test_every_gold_figure_is_found_in_the_clean_text(gold_file):
    """No text in the gold: each figure is a span of the clean text (the words before it, then the
    figure), and so is its subject where the report prints it as one phrase."""
    gold = yaml.safe_load(gold_file.read_text("utf-8"))
    text = nlp.extract(REAL / gold["file"]).text
    for n, m in enumerate(gold["mentions"], 1):
        where = f"{gold_file.name}, mention {n}"
        assert set(m) == KEYS, where
        start, end = span(text, m, where)
        figure = start + m["figure"] - m["start"]
        assert start < figure < end and not text[end : end + 1].isdigit(), where
        if isinstance(m["subject"], dict):
            span(text, m["subject"], where)


@real_corpus
def test_mention_precision_and_recall(scores):
    total = MentionScore.total(scores).scores
    assert total.precision >= 0.95
    assert total.recall >= 0.90


@real_corpus
def test_field_precision_and_accuracy(scores):
    # The assigner abstains below its calibrated thresholds (models/fields/MODEL_CARD.md): precision
    # rose from 0.88 to 0.96 and the share of gold fields filled fell from 0.94 to 0.87, then to
    # 0.86 (87 of 101) when the veto chosen out of fold moved from 0.35 to 0.40 (one rules' field,
    # given 0.39, is now vetoed). The 0.96 for both is not reached yet.
    total = MentionScore.total(scores)
    assert total.field_precision >= 0.95
    assert total.field_accuracy >= 0.86


@real_corpus
@pytest.mark.parametrize("name", [str(f.relative_to(GOLD).with_suffix("")) for f in FILES])
def test_no_year_date_phone_or_document_number_is_a_figure(name):
    report = nlp.extract(REAL / name)
    assert [m.text for m in report.mentions if NOT_FIGURES.search(m.text)] == []


@real_corpus
def test_prose_that_contradicts_the_table_is_reported():
    report = nlp.extract(REAL / "hongze_2024.pdf")
    check = next(c for c in report.checks if c.rule == "prose.requests.received")
    assert check.status == "fail" and check.values["prose"] == 17
