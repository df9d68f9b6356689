"""The spaCy pipeline: blank Chinese with the jieba segmenter and our user dictionary, a rule
component that marks the figures (QUANTITY, PERCENT, MONEY) our number grammar reads, and the
NER model trained by pipelines/train_ner.py (CHANNEL, and figures the rules miss).

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
    """Mark every figure the number grammar finds; the NER adds only what does not overlap."""
    spans = []
    for q in find_quantities(doc.text):
        span = doc.char_span(q.start, q.end, label=FIGURE_LABELS[q.type], alignment_mode="expand")
        if span is not None:
            span._.quantity = q
            spans.append(span)
    doc.ents = filter_spans(list(doc.ents) + spans)
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
    nlp.add_pipe("figure_rules", first=True)
    return nlp


def channel_spans(texts: list[tuple[int, str]]) -> list[tuple[int, int]]:
    """CHANNEL entities of each (offset, text), as spans of the whole report's text."""
    nlp = load()
    found = []
    for (offset, _), doc in zip(texts, nlp.pipe(t for _, t in texts)):
        found += [(offset + e.start_char, offset + e.end_char) for e in doc.ents if e.label_ == "CHANNEL"]
    return found
