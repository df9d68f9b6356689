"""The learned field assigner: a figure in its context → a catalog field or none, with a confidence.

A multinomial logistic regression over named features (the figure's unit, qualifier and section;
the words of its subject, action, channel, clause and the words after it; the fields the catalog
rules name). Trained by pipelines/train_fields.py on real annotated pages and our synthetic
sentences; its probabilities are calibrated, and the threshold for filling a field and the veto
over the rules' field chosen, on out-of-fold rankings of the train and dev pages (by agency). Shipped in models/fields as JSON: a few hundred KB, no
framework, the same answer on every machine.
"""

from __future__ import annotations

import json
import math
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from nlp.prose.figures import Figure

NO_FIELD = "none"  # the label of a figure no catalog field fits
MODEL_FILE = "model.json"
CLAUSE_CHARS = 12  # the clause's last characters, as character pairs
TRAIL_CHARS = 6  # the first characters after the figure, as character pairs


@dataclass
class FieldModel:
    labels: list[str]
    weights: dict[str, dict[str, float]]  # feature → label → weight
    bias: dict[str, float]
    temperature: float  # probabilities are softmax(scores / temperature), fitted out of fold
    threshold: float  # the model fills a field of its own at this probability or above…
    veto: float  # …and keeps the field the catalog rules name unless it gives that field less than this

    def decide(self, ranked: list[tuple[str, float]], rules_first: str | None) -> str | None:
        """The field to fill, or None (abstain): the rules' field unless the model vetoes it, else
        the model's own choice when it is sure enough."""
        probabilities = dict(ranked)
        if rules_first and probabilities.get(rules_first, 0.0) >= self.veto:
            return rules_first
        best, p = ranked[0]
        return best if best != NO_FIELD and p >= self.threshold else None

    def probabilities(self, feats: list[str], allowed: list[str]) -> dict[str, float]:
        """P(label | features), renormalised over the labels allowed (`none` always is)."""
        allowed = set(allowed)
        labels = [label for label in self.labels if label == NO_FIELD or label in allowed]
        scores = {label: self.bias.get(label, 0.0) for label in labels}
        for f in feats:
            for label, w in self.weights.get(f, {}).items():
                if label in scores:
                    scores[label] += w
        top = max(scores.values())
        exp = {label: math.exp((s - top) / self.temperature) for label, s in scores.items()}
        total = sum(exp.values())
        return {label: e / total for label, e in exp.items()}

    def rank(self, feats: list[str], allowed: list[str]) -> list[tuple[str, float]]:
        probs = self.probabilities(feats, allowed)
        return sorted(((label, round(p, 4)) for label, p in probs.items()), key=lambda lp: (-lp[1], lp[0]))

    def save(self, folder: Path) -> None:
        folder.mkdir(parents=True, exist_ok=True)
        body = {"labels": self.labels, "bias": self.bias, "temperature": self.temperature, "threshold": self.threshold,
                "veto": self.veto, "weights": self.weights}  # fmt: skip
        (folder / MODEL_FILE).write_text(json.dumps(body, ensure_ascii=False, sort_keys=True, indent=0) + "\n", "utf-8")


@cache
def load_model(folder: Path) -> FieldModel | None:
    """The trained assigner in `folder`, or None when there is none (the rules then decide)."""
    path = folder / MODEL_FILE
    if not path.exists():
        return None
    body = json.loads(path.read_text("utf-8"))
    return FieldModel(body["labels"], body["weights"], body["bias"], body["temperature"], body["threshold"], body["veto"])


def features(figure: Figure, figures: list[Figure], named: list[str], section: str | None, notes: list[str]) -> list[str]:
    """What the assigner sees of one figure (before its field is set): `named`, the fields the
    catalog rules give it; `notes`, what the rules say for and against each field."""
    clause = figure.cues[0] if figure.cues else ""
    parent = figures[figure.parent] if figure.parent is not None else None
    feats = [f"unit={figure.unit}", f"type={figure.type}", f"qualifier={figure.qualifier}", f"section={section}"]
    feats += [f"named={f}" for f in named] + ([f"first_named={named[0]}"] if named else ["named=none"])
    feats += [f"named_unit={f}|{figure.unit}" for f in named[:1]] + notes
    feats += ["breakdown"] * (parent is not None) + ["subject_carried"] * figure.subject_carried
    feats += [f"action={figure.action}", f"channel={figure.channel}"]
    feats += _words("subject", figure.subject) + _words("channel_word", figure.channel) + _words("clause", clause)
    feats += _words("trail", figure.trail[:TRAIL_CHARS]) + _words("topic", figure.topic)
    feats += _words("parent", parent.subject if parent else None)
    feats += _pairs("clause_pair", clause[-CLAUSE_CHARS:]) + _pairs("trail_pair", figure.trail[:TRAIL_CHARS])
    return feats


def _words(kind: str, text: str | None) -> list[str]:
    import jieba  # on the first figure, not at import: a file that is no report never needs it

    return [f"{kind}:{w}" for w in jieba.lcut(text or "") if w.strip()]


def _pairs(kind: str, text: str) -> list[str]:
    return [f"{kind}:{text[i : i + 2]}" for i in range(len(text) - 1)]
