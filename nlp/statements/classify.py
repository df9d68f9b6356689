"""Label statements with the taxonomy (nlp/data/taxonomy.yaml), multi-label with scores.

Two classifiers behind one call: the trained spaCy `textcat_multilabel` shipped in
models/textcat (built by pipelines/train_textcat.py), and the transparent keyword baseline it is
measured against. `nlp.statements.classify_hf` adds a transformers backend for a local checkpoint.
"""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path

from nlp import data
from nlp.provenance import model_version
from nlp.settings import model_dir
from nlp.text.tokenizer import load_user_dictionary

THRESHOLD = 0.5  # a label is assigned at this score or above, unless the model ships its own for it
THRESHOLDS_FILE = "thresholds.json"  # per label, for the blend: chosen on dev by pipelines/train_textcat.py
KEYWORD_SCORE = 0.6  # what one keyword hit is worth to the baseline; two hits make 1.0
BLEND = 0.5  # weight of the trained model against the keywords (chosen on the dev split)


@cache
def taxonomy() -> list[dict]:
    """The labels with their keywords as strings (YAML reads 12345 as a number)."""
    return [dict(label, keywords=[str(k) for k in label["keywords"]]) for label in data.load("taxonomy")["labels"]]


def labels() -> list[str]:
    return [label["id"] for label in taxonomy()]


def keyword_scores(text: str) -> dict[str, float]:
    """The baseline: a label scores by how many of its keywords the statement contains."""
    scores = {}
    for label in taxonomy():
        hits = sum(1 for k in label["keywords"] if k in text)
        scores[label["id"]] = round(min(1.0, hits * KEYWORD_SCORE), 3)
    return scores


def textcat():
    """The shipped classifier (or the one under $TOUMING_MODELS), None when there is none."""
    return _load(model_dir("textcat"))


def reload_textcat() -> None:
    """Forget the loaded classifier, so the next call reads the model on disk afresh (after training)."""
    _load.cache_clear()
    _thresholds.cache_clear()


def textcat_version() -> str | None:
    """Version of the classifier `classify` uses; None when it is missing and keywords stand in."""
    return model_version(model_dir("textcat"))


@cache
def _load(folder: Path):
    if not (folder / "meta.json").exists():
        return None
    import spacy

    load_user_dictionary()  # as at training time
    return spacy.load(folder)


def model_input(text: str) -> str:
    """The text the trained classifier reads: the statement plus a marker word for each label
    whose keywords it contains, so the model learns when the keywords are right and when not."""
    hits = [f"KW{label}" for label, score in keyword_scores(text).items() if score > 0]
    return f"{text} {' '.join(hits)}" if hits else text


def classify(texts: list[str], method: str = "auto") -> list[dict[str, float]]:
    """Scores per label for each text. `keywords`: the baseline; `model`: the trained classifier
    alone; `blend` (what `auto` uses when the model is shipped): the mean of the two, chosen on
    the dev split, where the model corrects the keywords and the keywords steady the model."""
    model = textcat() if method in ("auto", "model", "blend") else None
    keywords = [keyword_scores(t) for t in texts]
    if model is None:
        if method in ("model", "blend"):
            raise FileNotFoundError(f"no trained classifier at {model_dir('textcat')}; run pipelines/train_textcat.py")
        return keywords
    learned = [{k: round(v, 3) for k, v in doc.cats.items()} for doc in model.pipe(model_input(t) for t in texts)]
    if method == "model":
        return learned
    return [{k: round(BLEND * m[k] + (1 - BLEND) * kw[k], 3) for k in m} for m, kw in zip(learned, keywords)]


def assigned(scores: dict[str, float], method: str = "auto") -> list[str]:
    """The labels whose score reaches their threshold: the blend's own per label, where the shipped
    model has them, else THRESHOLD. A statement may get none: no label beats a wrong one."""
    own = thresholds() if method in ("auto", "blend") else {}
    return [label for label, score in scores.items() if score >= own.get(label, THRESHOLD)]


def thresholds() -> dict[str, float]:
    """The shipped model's per-label thresholds for the blend ({} when it has none)."""
    return _thresholds(model_dir("textcat"))


@cache
def _thresholds(folder: Path) -> dict[str, float]:
    path = folder / THRESHOLDS_FILE
    return json.loads(path.read_text("utf-8")) if path.exists() and textcat() is not None else {}
