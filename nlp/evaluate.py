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
