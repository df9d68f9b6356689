"""Splits of the annotated pages by agency: train, dev and test share no agency.

    python corpus/gold/prose/split.py      # writes splits.json

An agency goes to a split by a stable hash of its name (as the manifest prints it), so a page
never moves when pages are added. The test split is scored once per model change and never read
while developing; pipelines/ reads train (and dev to choose the threshold) only.
"""

from __future__ import annotations

import csv
import hashlib
import json
from pathlib import Path

HERE = Path(__file__).resolve().parent
PAGES = HERE.parents[2].parent / "shared" / "corpus" / "pages"
BUCKETS = {"train": (0, 55), "dev": (55, 75), "test": (75, 100)}  # % of agencies by hash


def bucket(agency: str) -> int:
    return int(hashlib.sha256(agency.strip().encode("utf-8")).hexdigest(), 16) % 100


def split_of(agency: str) -> str:
    b = bucket(agency)
    return next(name for name, (low, high) in BUCKETS.items() if low <= b < high)


def main() -> None:
    splits: dict[str, list[str]] = {name: [] for name in BUCKETS}
    for manifest in sorted(PAGES.glob("MANIFEST_*.tsv")):
        for row in csv.DictReader(manifest.open(encoding="utf-8"), delimiter="\t"):
            splits[split_of(row["agency"])].append(f"pages/{row['id']}.txt")
    (HERE / "splits.json").write_text(json.dumps({k: sorted(v) for k, v in splits.items()}, indent=1) + "\n", "utf-8")
    print({k: len(v) for k, v in splits.items()})


if __name__ == "__main__":
    main()
