"""The statement classifier: the shipped model loads and scores as its card says."""

import json

from corpus.evaluate import CLASSIFIERS, TEST_SPLITS, score_labels
from nlp.settings import model_dir
from nlp.statements.classify import assigned, classify, keyword_scores, labels


def test_keyword_baseline_is_transparent():
    scores = keyword_scores("进一步加强政策解读，丰富图解、视频等解读形式。")
    assert scores["interpretation"] >= 0.5
    assert set(scores) == set(labels())


def test_shipped_model_scores_every_label():
    [scores] = classify(["政务公开队伍人员流动大，业务能力有待提升。"])
    assert set(scores) == set(labels())
    assert "staffing" in assigned(scores)


def test_recorded_scores_are_reproduced():
    """Held-out split and blind set: the scores in the model card come back and the default
    classifier reaches 0.85 macro-F1. On the blind set, which nobody tuned anything on, it beats the
    keywords; on held-out it does not (the card says why)."""
    recorded = json.loads((model_dir("textcat") / "scores.json").read_text("utf-8"))
    for split in TEST_SPLITS:
        for method in CLASSIFIERS:
            assert score_labels(split, method)["macro_f1"] == recorded[split][method]["macro_f1"]
        assert recorded[split]["blend"]["macro_f1"] >= 0.85
    assert recorded["blind"]["blend"]["macro_f1"] > recorded["blind"]["keywords"]["macro_f1"]
