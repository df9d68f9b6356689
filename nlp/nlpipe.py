"""The spaCy pipeline: blank Chinese with the jieba segmenter and our user dictionary, the NER
model trained by pipelines/train_ner.py, then a rule component that has the last word on figures.

The model finds CHANNEL spans (热线, 信箱, 网站, 新媒体… including ones no word list has). It also
predicts QUANTITY/PERCENT/MONEY, but the number grammar (nlp/numbers.py) decides what is a figure:
it knows the exclusions (years, document numbers, growth rates) a few hundred examples cannot
teach, so `figure_rules` replaces the model's figure spans with its own. models/ner/MODEL_CARD.md
gives the scores of each part.

    >>> doc = load()("受理12345热线诉求件32137件，办结率99.73%")
    >>> [(e.text, e.label_) for e in doc.ents]
    [('12345热线', 'CHANNEL'), ('32137件', 'QUANTITY'), ('99.73%', 'PERCENT')]
"""

from __future__ import annotations

import logging
import os
from functools import cache
from importlib import resources
from pathlib import Path

import jieba
import spacy
from spacy.language import Language
from spacy.tokens import Doc, Span
from spacy.util import filter_spans

from nlp.numbers import find_quantities

MODEL_DIR = Path(os.environ.get("TOUMING_MODELS", Path(__file__).resolve().parents[1] / "models")) / "ner"
FIGURE_LABELS = {"count": "QUANTITY", "percent": "PERCENT", "money": "MONEY"}

if not Span.has_extension("quantity"):
    Span.set_extension("quantity", default=None)  # the parsed Quantity of a figure entity


def _jieba() -> None:
    jieba.setLogLevel(logging.WARNING)
    with resources.as_file(resources.files("nlp.data").joinpath("userdict.txt")) as path:
        jieba.load_userdict(str(path))


@Language.component("figure_rules")
def figure_rules(doc: Doc) -> Doc:
    """The figures the number grammar finds, in place of the model's; other entities stay."""
    spans = []
    for q in find_quantities(doc.text):
        span = doc.char_span(q.start, q.end, label=FIGURE_LABELS[q.type], alignment_mode="expand")
        if span is not None:
            span._.quantity = q
            spans.append(span)
    others = [e for e in doc.ents if e.label_ not in FIGURE_LABELS.values()]
    doc.ents = filter_spans(spans + others)
    return doc


def blank() -> Language:
    """Blank Chinese with jieba: the tokenizer the trained model was built with."""
    _jieba()
    return spacy.blank("zh", config={"nlp": {"tokenizer": {"segmenter": "jieba"}}})


@cache
def load(model_dir: Path = MODEL_DIR) -> Language:
    """The full pipeline, once per process: the shipped NER if present, with figure_rules first."""
    _jieba()
    if (model_dir / "meta.json").exists():
        nlp = spacy.load(model_dir)
    else:
        logging.getLogger(__name__).warning("no trained NER at %s: rules only", model_dir)
        nlp = blank()
    nlp.add_pipe("figure_rules", last=True)
    return nlp


def channel_spans(texts: list[tuple[int, str]]) -> list[tuple[int, int]]:
    """CHANNEL entities of each (offset, text), as spans of the whole report's text."""
    nlp = load()
    found = []
    for (offset, _), doc in zip(texts, nlp.pipe(t for _, t in texts)):
        found += [(offset + e.start_char, offset + e.end_char) for e in doc.ents if e.label_ == "CHANNEL"]
    return found
