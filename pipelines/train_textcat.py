"""Train the statement classifier (models/textcat), reproducibly.

    python pipelines/train_textcat.py

Data: corpus/annotations/statements_{train,dev}.jsonl (sentences we wrote) and the statements of
the real reports (corpus/gold/statements/, stand-off: their text is read from the reports in
../shared), which go to train/dev/held-out by the same stable hash of their text. Nothing of the
held-out split or of the blind set (statements_blind.jsonl) is read here; `touming eval statements`
scores both.
"""

from __future__ import annotations

import json
import random
import sys
import tempfile
from pathlib import Path

from spacy.cli.train import train
from spacy.tokens import DocBin

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from ship import ship  # noqa: E402

from corpus.evaluate import CLASSIFIERS, TEST_SPLITS, score_labels, statement_rows  # noqa: E402
from nlp.prose.spacy_pipeline import blank  # noqa: E402
from nlp.statements.classify import labels, model_input  # noqa: E402

CONFIG = ROOT / "pipelines" / "textcat.cfg"
OUTPUT = ROOT / "models" / "textcat"
JOINED_PAIRS = 400  # chosen on dev among 0, 400 and 1,000 (macro-F1 of the model alone 0.846, 0.880, 0.865)


def to_docbin(rows: list[dict], path: Path) -> None:
    nlp, bin_ = blank(), DocBin()
    for row in rows:
        doc = nlp.make_doc(model_input(row["text"]))
        doc.cats = {label: float(label in row["labels"]) for label in labels()}
        bin_.add(doc)
    bin_.to_disk(path)


def joined_pairs(rows: list[dict], n: int, seed: int = 0) -> list[dict]:
    """n statements made by joining two training statements, with the union of their labels.
    Real items are long and touch several topics; the written ones are mostly short and about one,
    and a model trained on them alone learns to name one label where a real item needs two."""
    rng = random.Random(seed)
    pairs = (rng.sample(rows, 2) for _ in range(n))
    return [{"text": a["text"] + b["text"], "labels": sorted(set(a["labels"]) | set(b["labels"]))} for a, b in pairs]


def main() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        for split in ("train", "dev"):
            rows = statement_rows(split)
            if split == "train":
                rows += joined_pairs(rows, JOINED_PAIRS)
            to_docbin(rows, tmp / f"{split}.spacy")
            print(f"{split}: {len(rows)} statements")
        train(CONFIG, tmp / "out", overrides={"paths.train": str(tmp / "train.spacy"), "paths.dev": str(tmp / "dev.spacy")})
        ship(tmp / "out" / "model-best", OUTPUT)
    scores = {split: {method: score_labels(split, method) for method in CLASSIFIERS} for split in TEST_SPLITS}
    (OUTPUT / "scores.json").write_text(json.dumps(scores, indent=2, ensure_ascii=False) + "\n", "utf-8")
    for split, by_method in scores.items():
        print(f"{split} macro-F1: " + ", ".join(f"{m} {v['macro_f1']}" for m, v in by_method.items()))


if __name__ == "__main__":
    main()
