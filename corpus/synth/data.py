"""Loads the generator's data files (phrases.yaml, tables.yaml) once per process."""
from __future__ import annotations

from functools import cache
from pathlib import Path
from typing import Any

import yaml

DATA_DIR = Path(__file__).parent


@cache
def load(name: str) -> dict[str, Any]:
    """The parsed YAML file `name` ("phrases" or "tables") next to this module."""
    with open(DATA_DIR / f"{name}.yaml", encoding="utf-8") as f:
        return yaml.safe_load(f)


def phrases() -> dict[str, Any]:
    return load("phrases")


def tables() -> dict[str, Any]:
    return load("tables")
