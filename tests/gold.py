"""Gold outlines of the real corpus (corpus/gold/outline/*.yaml) and where the real files live."""

from __future__ import annotations

import re
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[1]
REAL = ROOT.parent / "shared" / "corpus" / "real"
GOLD = ROOT / "corpus" / "gold" / "outline"
GOLD_TABLES = ROOT / "corpus" / "gold" / "tables"


def outline_files() -> list[Path]:
    return sorted(p for p in GOLD.rglob("*.yaml"))


def load(gold_file: Path) -> dict:
    return yaml.safe_load(gold_file.read_text("utf-8"))


def real_path(gold_file: Path) -> Path:
    return REAL / gold_file.relative_to(GOLD).with_suffix("")


def cells_against_gold(report, gold_file: Path) -> tuple[dict[str, tuple[str, str]], list[str]]:
    """A report's table cells against a gold table file: (wrong: key → (read, gold) for cells read
    with other text, missing: gold keys not read, a withheld cell counting as not read)."""
    squash = lambda text: re.sub(r"\s", "", str(text))  # noqa: E731
    gold = yaml.safe_load(gold_file.read_text("utf-8"))["cells"]
    read = {k: squash(c.raw) for k, c in report.tables.items() if not c.flag}
    wrong = {k: (read[k], v) for k, v in gold.items() if k in read and read[k] != squash(v)}
    return wrong, [k for k in gold if k not in read]
