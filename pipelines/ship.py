"""Put a trained spaCy pipeline into models/, keeping the hand-written model card."""

import shutil
from pathlib import Path

KEEP = {"MODEL_CARD.md"}


def ship(trained: Path, output: Path) -> None:
    output.mkdir(parents=True, exist_ok=True)
    for old in output.iterdir():
        if old.name not in KEEP:
            shutil.rmtree(old) if old.is_dir() else old.unlink()
    shutil.copytree(trained, output, dirs_exist_ok=True, ignore=shutil.ignore_patterns("*.json.bak"))
