"""The transformers backend of the statement classifier (optional extra `touming[transformers]`).

Fine-tunes a local pretrained Chinese checkpoint (BERT/RoBERTa style directory with config,
weights and tokenizer) into a multi-label classifier of the taxonomy, and applies it. It never
downloads anything: every load is `local_files_only`, and the hub is switched off.

    touming finetune /models/chinese-roberta-wwm-ext --out models/textcat-hf
"""

from __future__ import annotations

import os
import random
from pathlib import Path

from nlp.statements.classify import labels

os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")

MAX_TOKENS = 128


def fine_tune(
    checkpoint: Path,
    rows: list[dict],
    out_dir: Path,
    *,
    epochs: int = 3,
    batch_size: int = 16,
    learning_rate: float = 5e-5,
    seed: int = 0,
) -> Path:
    """Train a multi-label head (and the encoder) on rows of {"text", "labels"}; save to out_dir."""
    import torch
    from transformers import AutoModelForSequenceClassification, AutoTokenizer

    random.seed(seed)
    torch.manual_seed(seed)
    names = labels()
    tokenizer = AutoTokenizer.from_pretrained(checkpoint, local_files_only=True)
    model = AutoModelForSequenceClassification.from_pretrained(
        checkpoint,
        local_files_only=True,
        num_labels=len(names),
        problem_type="multi_label_classification",
        id2label=dict(enumerate(names)),
        label2id={n: i for i, n in enumerate(names)},
        ignore_mismatched_sizes=True,
    )
    optimizer = torch.optim.AdamW(model.parameters(), lr=learning_rate)
    targets = torch.tensor([[float(n in row["labels"]) for n in names] for row in rows])
    model.train()
    for _ in range(epochs):
        order = list(range(len(rows)))
        random.shuffle(order)
        for i in range(0, len(order), batch_size):
            batch = order[i : i + batch_size]
            inputs = tokenizer(
                [rows[j]["text"] for j in batch], padding=True, truncation=True, max_length=MAX_TOKENS, return_tensors="pt"
            )
            loss = model(**inputs, labels=targets[batch]).loss
            loss.backward()
            optimizer.step()
            optimizer.zero_grad()
    out_dir.mkdir(parents=True, exist_ok=True)
    model.save_pretrained(out_dir)
    tokenizer.save_pretrained(out_dir)
    return out_dir


class HFClassifier:
    """A fine-tuned checkpoint directory (from `fine_tune`) that scores statements."""

    def __init__(self, model_dir: Path):
        from transformers import AutoModelForSequenceClassification, AutoTokenizer

        self.tokenizer = AutoTokenizer.from_pretrained(model_dir, local_files_only=True)
        self.model = AutoModelForSequenceClassification.from_pretrained(model_dir, local_files_only=True).eval()

    def predict(self, texts: list[str]) -> list[dict[str, float]]:
        import torch

        if not texts:
            return []
        inputs = self.tokenizer(texts, padding=True, truncation=True, max_length=MAX_TOKENS, return_tensors="pt")
        with torch.no_grad():
            probabilities = torch.sigmoid(self.model(**inputs).logits)
        names = [self.model.config.id2label[i] for i in range(probabilities.shape[1])]
        return [{n: round(float(p), 3) for n, p in zip(names, row)} for row in probabilities]
