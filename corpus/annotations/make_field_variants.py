"""Write corpus/annotations/field_variants.jsonl: the sentences of field_variants.yaml, each template
filled with each word of its slot (numbers drawn with a fixed seed), in the format of synthetic.jsonl.

    python corpus/annotations/make_field_variants.py   # same bytes every run

pipelines/train_fields.py trains on the sentences whose text split.py puts in `train`.
"""

from __future__ import annotations

import json
import random
import re
from pathlib import Path

import yaml
from make_synthetic import parse

HERE = Path(__file__).resolve().parent
SOURCE, OUT = HERE / "field_variants.yaml", HERE / "field_variants.jsonl"
SLOT_RE = re.compile(r"\{(\w+)\}")
UNSLOTTED = 6  # fillings of a template without a slot: its numbers drawn anew each time


def fillings(template: str, slots: dict[str, list[str]], rng: random.Random) -> list[str]:
    """The template once per word of its slot (the first slot it names), or UNSLOTTED times; its
    numbers drawn anew each time."""
    named = [s for s in SLOT_RE.findall(template) if s in slots]
    words = slots[named[0]] if named else [None] * UNSLOTTED
    out = []
    for word in words:
        n = rng.randint(20, 5000)
        values = {"n": n, "m": rng.randint(n * 9 // 10, n), "k": rng.randint(2, 24), "r": rng.choice([95, 96.5, 98, 99.2, 100])}
        values |= {s: (word if s == named[0] else rng.choice(slots[s])) for s in named}
        out.append(template.format(**values))
    return out


def main() -> None:
    spec = yaml.safe_load(SOURCE.read_text("utf-8"))
    rng = random.Random(11)
    markup = [m for t in spec["templates"] for m in fillings(t, spec["slots"], rng)]
    rows = [parse(m, f"var-{i:04d}") for i, m in enumerate(markup, 1)]
    OUT.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows), "utf-8")
    print(f"{len(rows)} sentences -> {OUT}")


if __name__ == "__main__":
    main()
