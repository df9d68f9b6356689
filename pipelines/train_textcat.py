"""Train the statement classifier (models/textcat), reproducibly.

    python pipelines/train_textcat.py

Data: corpus/annotations/statements_{train,dev}.jsonl (sentences we wrote) and the statements of
the real reports (corpus/gold/statements/), which go to train/dev/held-out by the same stable hash
of their text. Nothing of the held-out split is read here; `touming eval statements` scores it.
"""

from __future__ import annotations

import json
import shutil
import sys
import tempfile
from pathlib import Path

from spacy.cli.train import train
from spacy.tokens import DocBin

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from nlp.classify import labels, model_input  # noqa: E402
from nlp.evaluate import statement_rows  # noqa: E402
from nlp.nlpipe import blank  # noqa: E402

CONFIG = ROOT / "pipelines" / "textcat.cfg"
OUTPUT = ROOT / "models" / "textcat"


def to_docbin(rows: list[dict], path: Path) -> None:
    nlp, bin_ = blank(), DocBin()
    for row in rows:
        doc = nlp.make_doc(model_input(row["text"]))
        doc.cats = {label: float(label in row["labels"]) for label in labels()}
        bin_.add(doc)
    bin_.to_disk(path)


def main() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        for split in ("train", "dev"):
            rows = statement_rows(split)
            to_docbin(rows, tmp / f"{split}.spacy")
            print(f"{split}: {len(rows)} statements")
        train(CONFIG, tmp / "out", overrides={"paths.train": str(tmp / "train.spacy"), "paths.dev": str(tmp / "dev.spacy")})
        if OUTPUT.exists():
            shutil.rmtree(OUTPUT)
        shutil.copytree(tmp / "out" / "model-best", OUTPUT)
    from nlp.evaluate import score_labels

    scores = {method: score_labels("heldout", method) for method in ("blend", "model", "keywords")}
    (OUTPUT / "heldout_scores.json").write_text(json.dumps(scores, indent=2, ensure_ascii=False) + "\n", "utf-8")
    print(f"model written to {OUTPUT}; held-out macro-F1 " + ", ".join(f"{m} {v['macro_f1']}" for m, v in scores.items()))


if __name__ == "__main__":
    main()
