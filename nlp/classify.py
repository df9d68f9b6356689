"""Label statements with the taxonomy (nlp/data/taxonomy.yaml), multi-label with scores.

Two classifiers behind one call: the trained spaCy `textcat_multilabel` shipped in
models/textcat (built by pipelines/train_textcat.py), and the transparent keyword baseline it is
measured against. `nlp.classify_hf` adds a transformers backend for a local checkpoint.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

from nlp import data
from nlp.nlpipe import MODEL_DIR

TEXTCAT_DIR = MODEL_DIR.parent / "textcat"
THRESHOLD = 0.5  # a label is assigned at this score or above
KEYWORD_SCORE = 0.6  # what one keyword hit is worth to the baseline; two hits make 1.0


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


@cache
def _textcat(model_dir: Path = TEXTCAT_DIR):
    if not (model_dir / "meta.json").exists():
        return None
    import spacy

    from nlp.nlpipe import blank

    blank()  # loads jieba's user dictionary, as at training time
    return spacy.load(model_dir)


def classify(texts: list[str], method: str = "auto") -> list[dict[str, float]]:
    """Scores per label for each text: `model`, `keywords`, or `auto` (the model when shipped)."""
    model = _textcat() if method in ("auto", "model") else None
    if model is None:
        if method == "model":
            raise FileNotFoundError(f"no trained classifier at {TEXTCAT_DIR}; run pipelines/train_textcat.py")
        return [keyword_scores(t) for t in texts]
    return [{k: round(v, 3) for k, v in doc.cats.items()} for doc in model.pipe(texts)]


def assigned(scores: dict[str, float]) -> list[str]:
    return [label for label, score in scores.items() if score >= THRESHOLD]
