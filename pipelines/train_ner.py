"""Train the shipped NER (models/ner) from our annotations, reproducibly.

    python pipelines/train_ner.py            # corpus/annotations/{train,dev}.jsonl → models/ner

The held-out split (corpus/annotations/heldout.jsonl) is never read here; `touming eval ner`
scores it. Seeds are fixed in pipelines/ner.cfg, so a rerun gives the same model and scores.
"""

from __future__ import annotations

import json
import sys
import tempfile
from pathlib import Path

from spacy.cli.train import train
from spacy.tokens import DocBin
from spacy.util import filter_spans

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from ship import ship  # noqa: E402

from corpus.evaluate import ANNOTATIONS, HELDOUT, score_ner  # noqa: E402
from nlp.prose.spacy_pipeline import blank  # noqa: E402

CONFIG = ROOT / "pipelines" / "ner.cfg"
OUTPUT = ROOT / "models" / "ner"


def read_jsonl(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text("utf-8").splitlines() if line.strip()]


def to_docbin(rows: list[dict], path: Path) -> tuple[int, int]:
    """Examples as spaCy docs with their entities; returns (entities kept, entities that could not align)."""
    nlp, bin_, kept, lost = blank(), DocBin(), 0, 0
    for row in rows:
        doc = nlp.make_doc(row["text"])
        spans = []
        for start, end, label in row["entities"]:
            span = doc.char_span(start, end, label=label, alignment_mode="expand")
            if span is None:
                lost += 1
            else:
                spans.append(span)
        doc.ents = filter_spans(spans)
        kept += len(doc.ents)
        bin_.add(doc)
    bin_.to_disk(path)
    return kept, lost


def main() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        for split in ("train", "dev"):
            kept, lost = to_docbin(read_jsonl(ANNOTATIONS / f"{split}.jsonl"), tmp / f"{split}.spacy")
            print(f"{split}: {kept} entities ({lost} not aligned to jieba tokens)")
        train(CONFIG, tmp / "out", overrides={"paths.train": str(tmp / "train.spacy"), "paths.dev": str(tmp / "dev.spacy")})
        ship(tmp / "out" / "model-best", OUTPUT)
    scores = score_ner(HELDOUT, OUTPUT)
    (OUTPUT / "heldout_scores.json").write_text(json.dumps(scores, indent=2, ensure_ascii=False) + "\n", "utf-8")
    print(f"model written to {OUTPUT}; held-out entity scores: {json.dumps(scores['ALL'])}")


if __name__ == "__main__":
    main()
