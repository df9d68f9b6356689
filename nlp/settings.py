"""Settings a user can change through the environment. Each is read when it is used, never at
import time, so a test or a long-running service sees the value in force at the call."""

from __future__ import annotations

import os
from importlib import resources
from pathlib import Path

MODELS_ENV = "TOUMING_MODELS"  # a folder holding ner/ and textcat/, in place of the shipped models

# Limits on what we read into memory; a file over them gets FileTooLarge.
MAX_PDF_BYTES = 500 * 2**20  # PDF and DOCX files as stored (PDF pages are read one at a time)
MAX_TEXT_BYTES = 50 * 2**20  # text formats are read whole; no real report comes near this
MAX_UNZIPPED_BYTES = MAX_TEXT_BYTES  # a DOCX's members once inflated: its text is read whole too
MAX_ZIP_RATIO = 100  # a DOCX member inflating more than this many times is a decompression bomb
ZIP_RATIO_FLOOR = 2**20  # members smaller than this (inflated) are not held to the ratio


def models_dir() -> Path:
    """$TOUMING_MODELS, or the models installed with the package (`nlp.models`, from models/)."""
    override = os.environ.get(MODELS_ENV)
    return Path(override) if override else Path(str(resources.files("nlp.models")))


def model_dir(name: str) -> Path:
    """The folder of one shipped model: `ner` or `textcat`."""
    return models_dir() / name
