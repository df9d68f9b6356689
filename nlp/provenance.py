"""What ran: the versions of the models and the rules behind a `Report` (its `pipeline` key).

A version is a digest of the files, so two reports with the same versions were made by the same
weights and the same data files, whatever the package version says.
"""

from __future__ import annotations

import hashlib
from functools import cache
from importlib import resources
from pathlib import Path

DIGEST_CHARS = 12
NOT_WEIGHTS = {"MODEL_CARD.md", "scores.json", "heldout_scores.json", "__init__.py"}  # documentation, not the model


@cache
def model_version(folder: Path, marker: str = "meta.json") -> str | None:
    """Digest of a trained model's files (None when `marker`, its main file, is not there)."""
    if not (folder / marker).exists():
        return None
    files = sorted(p for p in folder.rglob("*") if p.is_file() and p.name not in NOT_WEIGHTS)
    return _digest((p.relative_to(folder).as_posix(), p.read_bytes()) for p in files)


@cache
def rules_version() -> str:
    """Digest of the data files (nlp/data): patterns, catalog, taxonomy, dictionaries."""
    folder = resources.files("nlp.data")
    files = sorted((f for f in folder.iterdir() if f.name.endswith((".yaml", ".txt"))), key=lambda f: f.name)
    return _digest((f.name, f.read_bytes()) for f in files)


def _digest(named_contents) -> str:
    h = hashlib.sha256()
    for name, content in named_contents:
        h.update(name.encode("utf-8") + b"\0" + hashlib.sha256(content).digest())
    return h.hexdigest()[:DIGEST_CHARS]


def file_sha256(path: Path) -> str:
    """The sha256 of a file's content, read in chunks: the identity of an input file."""
    digest = hashlib.sha256()
    with path.open("rb") as f:
        for chunk in iter(lambda: f.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()
