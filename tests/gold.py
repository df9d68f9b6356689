"""Gold outlines of the real corpus (corpus/gold/outline/*.yaml) and where the real files live."""

from __future__ import annotations

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
