"""Settings a user can change through the environment. Each is read when it is used, never at
import time, so a test or a long-running service sees the value in force at the call."""

from __future__ import annotations

import os
from importlib import resources
from pathlib import Path

MODELS_ENV = "TOUMING_MODELS"  # a folder holding ner/ and textcat/, in place of the shipped models


def models_dir() -> Path:
    """$TOUMING_MODELS, or the models installed with the package (`nlp.models`, from models/)."""
    override = os.environ.get(MODELS_ENV)
    return Path(override) if override else Path(str(resources.files("nlp.models")))


def model_dir(name: str) -> Path:
    """The folder of one shipped model: `ner` or `textcat`."""
    return models_dir() / name
