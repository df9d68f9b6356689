"""The shipped NER model: loads offline, and the scores in its card are the scores it gets."""

import json

from corpus.evaluate import HELDOUT, score_ner
from nlp.prose.spacy_pipeline import load
from nlp.settings import model_dir


def test_the_model_ships_and_is_small():
    assert (model_dir("ner") / "meta.json").exists()
    size = sum(p.stat().st_size for p in model_dir("ner").rglob("*") if p.is_file())
    assert size < 10 * 2**20


def test_pipeline_finds_channels_and_figures():
    doc = load()("受理12345热线来电21876件，办结21802件，办结率99.66%。")
    assert [(e.text, e.label_) for e in doc.ents] == [
        ("12345热线", "CHANNEL"),
        ("21876件", "QUANTITY"),
        ("21802件", "QUANTITY"),
        ("99.66%", "PERCENT"),
    ]
    assert doc.ents[1]._.quantity.value == 21876


def test_years_and_document_numbers_are_not_entities():
    doc = load()("根据国办公开办函〔2021〕30号要求，2021年12月31日前完成。")
    assert [e for e in doc.ents if e.label_ in ("QUANTITY", "PERCENT", "MONEY")] == []


def test_recorded_held_out_scores_are_reproduced():
    recorded = json.loads((model_dir("ner") / "heldout_scores.json").read_text("utf-8"))
    assert score_ner(HELDOUT) == recorded
