"""Put a trained spaCy pipeline into models/, keeping the hand-written model card."""

import shutil
from pathlib import Path

from thinc.api import Config

KEEP = {"MODEL_CARD.md"}


def ship(trained: Path, output: Path) -> None:
    output.mkdir(parents=True, exist_ok=True)
    for old in output.iterdir():
        if old.name not in KEEP:
            shutil.rmtree(old) if old.is_dir() else old.unlink()
    shutil.copytree(trained, output, dirs_exist_ok=True, ignore=shutil.ignore_patterns("*.json.bak"))
    _forget_training_paths(output / "config.cfg")


def _forget_training_paths(config_file: Path) -> None:
    """The corpora lived in a temporary folder: leave no trace of it, so a retrain changes no byte."""
    config = Config().from_disk(config_file, interpolate=False)
    config["paths"].update(train=None, dev=None)
    config.to_disk(config_file)
