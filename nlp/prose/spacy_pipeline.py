"""The spaCy pipeline: blank Chinese with the jieba segmenter and our user dictionary, the NER
model trained by pipelines/train_ner.py, then a rule component that has the last word on figures.

The model finds CHANNEL spans (热线, 信箱, 网站, 新媒体… including ones no word list has). It also
predicts QUANTITY/PERCENT/MONEY, but the number grammar (nlp/prose/numbers.py) decides what is a
figure: it knows the exclusions (years, document numbers, growth rates) a few hundred examples
cannot teach, so `figure_rules` replaces the model's figure spans with its own. Every figure the
grammar finds is also kept, overlaps and all, in `doc.spans["figures"]`, each span carrying its
parsed `Quantity` as `span._.quantity`: that is what the mention extractor reads.
models/ner/MODEL_CARD.md gives the scores of each part.

    >>> doc = load()("受理12345热线来电21876件，办结率99.66%")
    >>> [(e.text, e.label_) for e in doc.ents]
    [('12345热线', 'CHANNEL'), ('21876件', 'QUANTITY'), ('99.66%', 'PERCENT')]
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING

from nlp.prose.numbers import Quantity, find_quantities
from nlp.provenance import model_version
from nlp.settings import model_dir
from nlp.text.tokenizer import blank, load_user_dictionary

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc

log = logging.getLogger(__name__)
FIGURE_LABELS = {"count": "QUANTITY", "percent": "PERCENT", "money": "MONEY"}
FIGURES = "figures"  # the doc.spans key of the grammar's figures


@dataclass(frozen=True)
class LoadedModel:
    """Which trained model a pipeline runs: its folder and version, or that it is missing."""

    name: str
    path: str
    version: str | None  # None: the model is missing and rules stand in for it

    @property
    def missing(self) -> bool:
        return self.version is None


def figure_rules(doc: Doc) -> Doc:
    """The figures the number grammar finds, in place of the model's; other entities stay."""
    from spacy.util import filter_spans

    quantities: list[Quantity] = doc._.quantities if doc._.quantities is not None else find_quantities(doc.text)
    doc._.quantities = quantities
    spans = []
    for q in quantities:
        span = doc.char_span(q.start, q.end, label=FIGURE_LABELS[q.type], alignment_mode="expand")
        if span is not None:
            span._.quantity = q
            spans.append(span)
    doc.spans[FIGURES] = spans
    others = [e for e in doc.ents if e.label_ not in FIGURE_LABELS.values()]
    doc.ents = filter_spans(spans + others)
    return doc


@cache
def _register() -> None:
    """Make `figure_rules` and the span attributes it sets known to spaCy. Done by the first pipeline
    built, not at import: spaCy takes seconds to import, and only the prose stage needs it."""
    from spacy.language import Language
    from spacy.tokens import Doc, Span

    if not Span.has_extension("quantity"):
        Span.set_extension("quantity", default=None)  # the parsed Quantity of a figure span
    if not Doc.has_extension("quantities"):
        Doc.set_extension("quantities", default=None)  # set before the pipeline runs: figure_rules need not parse again
    Language.component("figure_rules", func=figure_rules)


@cache
def rules_only() -> Language:
    """The tokenizer and the figure rules, without the trained NER."""
    _register()
    nlp = blank()
    nlp.add_pipe("figure_rules", last=True)
    return nlp


def load(folder: Path | None = None) -> Language:
    """The full pipeline: the shipped NER (or the one in `folder`), with figure_rules last."""
    return _load(folder or model_dir("ner"))


@cache
def _load(folder: Path) -> Language:
    import spacy

    _register()
    load_user_dictionary()
    if (folder / "meta.json").exists():
        nlp = spacy.load(folder)
    else:
        log.warning("no trained NER at %s: rules only (the report's pipeline key says so)", folder)
        nlp = blank()
    nlp.add_pipe("figure_rules", last=True)
    return nlp


def loaded_model() -> LoadedModel:
    folder = model_dir("ner")
    return LoadedModel("ner", str(folder), model_version(folder))


def annotate(sentences: list[tuple[str, list[Quantity]]], nlp: Language) -> list[Doc]:
    """Run the pipeline over sentences whose figures are already parsed."""
    docs = []
    for text, quantities in sentences:
        doc = nlp.make_doc(text)
        doc._.quantities = quantities
        docs.append(doc)
    return list(nlp.pipe(docs))
