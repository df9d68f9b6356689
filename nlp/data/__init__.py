"""Domain data (YAML): heading patterns, cleaning patterns, table labels, catalogs."""

from functools import cache
from importlib import resources

import yaml


@cache
def load(name: str) -> dict:
    """Parse nlp/data/<name>.yaml once per process."""
    return yaml.safe_load(resources.files(__name__).joinpath(f"{name}.yaml").read_text("utf-8"))
