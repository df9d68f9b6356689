"""Accuracy against hand-made gold in corpus/gold/: what `touming eval` prints."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from nlp.pipeline import extract

SPACE_RE = re.compile(r"\s+")


@dataclass
class CellScore:
    """How the cells of one report compare with gold."""

    file: str
    gold: int = 0
    correct: int = 0
    flagged: int = 0  # withheld with a flag (ambiguous, unverified): not silently wrong
    unsure: int = 0  # cells the gold itself marks ambiguous: not scored
    wrong: list[str] = field(default_factory=list)  # silently wrong or missing: key (got ≠ gold)
    extra: list[str] = field(default_factory=list)  # keys we output that the report does not print

    @property
    def accuracy(self) -> float:
        return self.correct / self.gold if self.gold else 1.0


def gold_files(gold_dir: Path) -> list[Path]:
    return sorted(gold_dir.rglob("*.yaml"))


def score_tables(gold_file: Path, gold_dir: Path, real_dir: Path) -> CellScore:
    gold = yaml.safe_load(gold_file.read_text("utf-8"))
    source = real_dir / gold_file.relative_to(gold_dir).with_suffix("")
    report = extract(source)
    score = CellScore(str(gold_file.relative_to(gold_dir).with_suffix("")))
    unsure = set(gold.get("ambiguous") or [])
    for key, raw in gold["cells"].items():
        if key in unsure:
            score.unsure += 1
            continue
        score.gold += 1
        got = report.tables.get(key)
        if got is not None and got.flag:
            score.flagged += 1
        elif got is not None and _same(got.raw, raw):
            score.correct += 1
        else:
            score.wrong.append(f"{key} ({got.raw if got else 'missing'} ≠ {raw})")
    score.extra = [k for k in report.tables if k in set(gold.get("absent") or [])]
    return score


def _same(got: str, gold: str) -> bool:
    return SPACE_RE.sub("", got) == SPACE_RE.sub("", str(gold))


@dataclass
class MentionScore:
    """Prose figures of one report against gold: mentions by (value, unit, qualifier), fields by (id, value)."""

    file: str
    gold: int = 0
    found: int = 0
    matched: int = 0  # same place, same value, unit and qualifier
    gold_fields: int = 0
    found_fields: int = 0
    fields_right: int = 0
    unlocated: list[str] = field(default_factory=list)  # gold figures we could not find in the clean text
    misses: list[str] = field(default_factory=list)
    spurious: list[str] = field(default_factory=list)
    field_errors: list[str] = field(default_factory=list)

    @property
    def precision(self) -> float:
        return self.matched / self.found if self.found else 1.0

    @property
    def recall(self) -> float:
        return self.matched / self.gold if self.gold else 1.0

    @property
    def field_accuracy(self) -> float:
        return self.fields_right / self.gold_fields if self.gold_fields else 1.0


def score_mentions(gold_file: Path, gold_dir: Path, real_dir: Path) -> MentionScore:
    gold = yaml.safe_load(gold_file.read_text("utf-8"))
    report = extract(real_dir / gold_file.relative_to(gold_dir).with_suffix(""))
    score = MentionScore(str(gold_file.relative_to(gold_dir).with_suffix("")), found=len(report.mentions))
    used: set[int] = set()
    for g in gold["mentions"] or []:
        score.gold += 1
        where = _locate(report.text, str(g["context"]), str(g["number"]))
        if where is None:
            score.unlocated.append(f"{g['context']}|{g['number']}")
            continue
        hit = next((i for i, m in enumerate(report.mentions) if m.start < where[1] and where[0] < m.end and i not in used), None)
        if hit is not None and _same_figure(report.mentions[hit], g):
            score.matched += 1
            used.add(hit)
        else:
            got = report.mentions[hit] if hit is not None else None
            score.misses.append(
                f"{g['context']}|{g['number']}: gold {g['value']} {g['unit']} {g['qualifier']}, got {got.value if got else '—'} {got.unit if got else ''} {got.qualifier if got else ''}"
            )
    score.spurious = [f"{m.sentence[:30]}…|{m.text}" for i, m in enumerate(report.mentions) if i not in used]
    gold_fields = {g["field"]: g["value"] for g in gold["mentions"] or [] if g.get("field")}
    score.gold_fields, score.found_fields = len(gold_fields), len(report.fields)
    for field_id, value in gold_fields.items():
        got = report.fields.get(field_id)
        if got is not None and abs(float(got.value) - float(value)) < 1e-6:
            score.fields_right += 1
        else:
            score.field_errors.append(f"{field_id}: gold {value}, got {got.value if got else '—'}")
    score.field_errors += [
        f"{k}: got {v.value}, gold has no such field" for k, v in report.fields.items() if k not in gold_fields
    ]
    return score


def _locate(text: str, context: str, number: str) -> tuple[int, int] | None:
    context, number = SPACE_RE.sub("", context), SPACE_RE.sub("", number)
    i = text.find(context + number)
    if i >= 0:
        return i + len(context), i + len(context) + len(number)
    return None


def _same_figure(m, g: dict) -> bool:
    return abs(float(m.value) - float(g["value"])) < 1e-6 and m.unit == str(g["unit"]) and m.qualifier == g["qualifier"]


def score_heldout(path: Path) -> MentionScore:
    """Figures of annotated sentences (corpus/annotations/heldout.jsonl): each sentence read alone."""
    import json

    from nlp.prose.figures import find_mentions

    score = MentionScore(path.name)
    for line in path.read_text("utf-8").splitlines():
        if not line.strip():
            continue
        row = json.loads(line)
        found = find_mentions(row["text"], [(0, len(row["text"]))])
        score.found += len(found)
        used: set[int] = set()
        for g in row["figures"]:
            score.gold += 1
            hit = next((i for i, m in enumerate(found) if m.start < g["end"] and g["start"] < m.end and i not in used), None)
            if hit is not None and _same_figure(found[hit], g):
                score.matched += 1
                used.add(hit)
            else:
                got = found[hit] if hit is not None else None
                score.misses.append(
                    f"{row['text'][g['start'] : g['end']]}: gold {g['value']} {g['unit']} {g['qualifier']}, got {got.text if got else '—'}"
                )
            if g.get("field"):
                score.gold_fields += 1
                right = hit is not None and found[hit].field == g["field"] and _same_figure(found[hit], g)
                score.fields_right += right
                if not right:
                    score.field_errors.append(
                        f"{row['text'][:40]}…: {g['field']} {g['value']}, got {found[hit].field if hit is not None else '—'}"
                    )
        score.spurious += [f"{row['text'][:30]}…|{m.text}" for i, m in enumerate(found) if i not in used]
        score.found_fields += sum(1 for m in found if m.field)
    return score


def score_ner(path: Path, model_dir: Path | None = None) -> dict[str, dict[str, float]]:
    """Entity precision/recall/F1 per label of the shipped NER (with the figure rules in front)."""
    import json

    from spacy.training import Example

    from nlp.prose import spacy_pipeline as nlpipe

    nlp = nlpipe.load(model_dir)
    examples = []
    for line in path.read_text("utf-8").splitlines():
        if not line.strip():
            continue
        row = json.loads(line)
        predicted = nlp(row["text"])
        reference = nlp.make_doc(row["text"])
        spans = [reference.char_span(s, e, label=lab, alignment_mode="expand") for s, e, lab in row["entities"]]
        from spacy.util import filter_spans

        reference.ents = filter_spans([sp for sp in spans if sp is not None])
        examples.append(Example(predicted, reference))
    from spacy.scorer import Scorer

    scores = Scorer.score_spans(examples, "ents")
    per_type = {label: {k: round(v, 3) for k, v in s.items()} for label, s in (scores.get("ents_per_type") or {}).items()}
    per_type["ALL"] = {"p": round(scores["ents_p"], 3), "r": round(scores["ents_r"], 3), "f": round(scores["ents_f"], 3)}
    return per_type


# Each split: the % buckets of a stable text hash that send real-report statements to it.
# `blind` has none: 180 statements written after the classifiers were built, by a writer who saw
# neither the keyword lists nor the training data; nothing was tuned on them.
STATEMENT_SPLITS = {"train": (0, 70), "dev": (70, 85), "heldout": (85, 100), "blind": None}
TEST_SPLITS = ("heldout", "blind")  # never read by pipelines/train_textcat.py
CLASSIFIERS = ("blend", "model", "keywords")


def _bucket(text: str) -> int:
    import hashlib

    return int(hashlib.sha1(text.encode("utf-8")).hexdigest(), 16) % 100


def statement_rows(split: str, root: Path | None = None) -> list[dict]:
    """Labelled statements of one split: the written ones, and the real reports' gold statements
    assigned to splits by the same stable hash of their text."""
    import json

    root = root or Path(__file__).resolve().parents[1] / "corpus"
    rows = [
        json.loads(line)
        for line in (root / "annotations" / f"statements_{split}.jsonl").read_text("utf-8").splitlines()
        if line.strip()
    ]
    if STATEMENT_SPLITS[split] is None:
        return rows
    low, high = STATEMENT_SPLITS[split]
    for gold_file in sorted((root / "gold" / "statements").glob("**/*.yaml")):
        for st in yaml.safe_load(gold_file.read_text("utf-8")).get("statements") or []:
            if low <= _bucket(st["text"]) < high:
                rows.append({"text": st["text"], "kind": st["kind"], "labels": st["labels"]})
    return rows


def score_labels(split: str, method: str) -> dict:
    """Per-label precision/recall/F1 and macro-F1 of a classifier on one split."""
    from nlp.statements.classify import assigned, classify, labels, reload_textcat

    reload_textcat()  # a model trained in this process must be read afresh
    rows = statement_rows(split)
    predicted = [set(assigned(s)) for s in classify([r["text"] for r in rows], method)]
    per_label = {}
    for label in labels():
        tp = sum(1 for r, p in zip(rows, predicted) if label in p and label in r["labels"])
        fp = sum(1 for r, p in zip(rows, predicted) if label in p and label not in r["labels"])
        fn = sum(1 for r, p in zip(rows, predicted) if label not in p and label in r["labels"])
        prec = tp / (tp + fp) if tp + fp else 0.0
        rec = tp / (tp + fn) if tp + fn else 0.0
        per_label[label] = {
            "p": round(prec, 3),
            "r": round(rec, 3),
            "f": round(2 * prec * rec / (prec + rec), 3) if prec + rec else 0.0,
            "n": tp + fn,
        }
    macro = round(sum(v["f"] for v in per_label.values()) / len(per_label), 3)
    return {"macro_f1": macro, "statements": len(rows), "labels": per_label}


@dataclass
class StatementScore:
    """Segmentation of section 五 against gold: statements matched by overlap, then their kind."""

    file: str
    gold: int = 0
    found: int = 0
    matched: int = 0
    kind_right: int = 0
    errors: list[str] = field(default_factory=list)

    @property
    def f1(self) -> float:
        p = self.matched / self.found if self.found else 1.0
        r = self.matched / self.gold if self.gold else 1.0
        return 2 * p * r / (p + r) if p + r else 0.0


MATCH_OVERLAP = 0.6  # a found statement matches a gold one when they share this much of the longer


def score_statements(gold_file: Path, gold_dir: Path, real_dir: Path) -> StatementScore:
    gold = yaml.safe_load(gold_file.read_text("utf-8"))
    report = extract(real_dir / gold_file.relative_to(gold_dir).with_suffix(""))
    score = StatementScore(str(gold_file.relative_to(gold_dir).with_suffix("")), found=len(report.statements))
    used: set[int] = set()
    for g in gold.get("statements") or []:
        score.gold += 1
        start = report.text.find(g["text"])
        span = (start, start + len(g["text"])) if start >= 0 else None
        hit = next(
            (
                i
                for i, s in enumerate(report.statements)
                if span and i not in used and _overlap((s.start, s.end), span) >= MATCH_OVERLAP
            ),
            None,
        )
        if hit is None:
            score.errors.append(f"missed: {g['text'][:40]}")
            continue
        used.add(hit)
        score.matched += 1
        if report.statements[hit].kind == g["kind"]:
            score.kind_right += 1
        else:
            score.errors.append(f"kind {report.statements[hit].kind} ≠ {g['kind']}: {g['text'][:40]}")
    score.errors += [f"extra: {s.text[:40]}" for i, s in enumerate(report.statements) if i not in used]
    return score


def _overlap(a: tuple[int, int], b: tuple[int, int]) -> float:
    shared = max(0, min(a[1], b[1]) - max(a[0], b[0]))
    return shared / max(a[1] - a[0], b[1] - b[0], 1)
