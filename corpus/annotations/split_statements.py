"""Split corpus/annotations/statements.jsonl into train / dev / heldout (70 / 15 / 15).

    python corpus/annotations/split_statements.py [SOURCE.jsonl]

Writes statements_train.jsonl, statements_dev.jsonl and statements_heldout.jsonl next to the
source. A statement's part depends only on its text: the first 8 bytes of sha256(text, UTF-8) as
a big-endian integer, modulo 100: 0–69 train, 70–84 dev, 85–99 heldout (the rule of split.py).
Adding, removing or renumbering other statements never moves one; the same text always lands in
the same part. Lines keep their source order. Near duplicates (texts differing by a character or
a year) are different texts and can land in different parts.
"""
from __future__ import annotations

import hashlib
import json
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
PARTS = (("train", 70), ("dev", 85), ("heldout", 100))


def part_of(text: str) -> str:
    bucket = int.from_bytes(hashlib.sha256(text.encode("utf-8")).digest()[:8], "big") % 100
    return next(name for name, upper in PARTS if bucket < upper)


def main(argv: list[str]) -> None:
    source = Path(argv[0]) if argv else HERE / "statements.jsonl"
    lines = [line for line in source.read_text(encoding="utf-8").splitlines() if line.strip()]
    out: dict[str, list[str]] = {name: [] for name, _ in PARTS}
    for line in lines:
        out[part_of(json.loads(line)["text"])].append(line)
    for name, rows in out.items():
        (source.parent / f"{source.stem}_{name}.jsonl").write_text("".join(r + "\n" for r in rows), encoding="utf-8")
    print(" ".join(f"{name} {len(rows)}" for name, rows in out.items()), f"(of {len(lines)})")


if __name__ == "__main__":
    main(sys.argv[1:])
