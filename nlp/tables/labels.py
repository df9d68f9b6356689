"""The table schema (nlp/data/tables.yaml): canonical keys and the labels that name them."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache, cached_property, lru_cache

from nlp import data

LABEL_NOISE = re.compile(r"[\s（）()、．.\d一二三四五六七八九十“”\"：:]")


@lru_cache(maxsize=1 << 16)  # the same labels and cells come back in every report
def squash(label: str) -> str:
    """Label text without numbering, brackets and spaces, for matching variants as printed."""
    return LABEL_NOISE.sub("", label)


@dataclass(frozen=True)
class Labelled:
    """A key and the printed label variants that name it."""

    key: str
    variants: tuple[str, ...]

    @cached_property
    def squashed(self) -> tuple[str, ...]:
        """The variants squashed, those that squash to nothing left out."""
        return tuple(v for v in map(squash, self.variants) if v)

    def named_by(self, label: str) -> bool:
        text = squash(label)
        return any(v in text for v in self.squashed)


@dataclass(frozen=True)
class Table2Block:
    item: str  # （一）, （五）, … of 第二十条第（X）项
    rows: tuple[Labelled, ...]
    columns: tuple[Labelled, ...]
    unit: str | None


@dataclass(frozen=True)
class TableSchema:
    t2: tuple[Table2Block, ...]
    t3_rows: tuple[Labelled, ...]
    t3_columns: tuple[Labelled, ...]
    t3_groups: tuple[Labelled, ...]
    t4_groups: tuple[Labelled, ...]
    t4_columns: tuple[Labelled, ...]

    @cached_property
    def t2_headers(self) -> frozenset[str]:
        """The squashed variants of every table-2 column label: a row of them is a header row."""
        return frozenset(v for b in self.t2 for col in b.columns for v in col.squashed)

    def t3_keys(self) -> list[str]:
        return [f"t3.{r.key}.{c.key}" for r in self.t3_rows for c in self.t3_columns]

    def t4_keys(self) -> list[str]:
        return [f"t4.{g.key}.{c.key}" for g in self.t4_groups for c in self.t4_columns]

    def labels_zh(self) -> dict[str, str]:
        """Every cell key of tables 2–4, in printed order, with its Chinese label: the official
        wording of its row and column (and of the group of a numbered row), joined by ·."""
        first = {f"t3.{g.key}": g.variants[0] for g in self.t3_groups}
        labels = {
            f"t2.{r.key}.{c.key}": f"{b.item}{r.variants[0]}·{c.variants[0]}" for b in self.t2 for r in b.rows for c in b.columns
        }
        for r in self.t3_rows:
            group = first.get(f"t3.{r.key.split('.')[0]}") if "." in r.key else None
            row = f"{group}·{r.variants[0]}" if group else r.variants[0]
            labels |= {f"t3.{r.key}.{c.key}": f"{row}·{c.variants[0]}" for c in self.t3_columns}
        labels |= {f"t4.{g.key}.{c.key}": f"{g.variants[0]}·{c.variants[0]}" for g in self.t4_groups for c in self.t4_columns}
        return labels


def _labelled(mapping: dict) -> tuple[Labelled, ...]:
    return tuple(Labelled(k, tuple(v)) for k, v in mapping.items())


@cache
def schema() -> TableSchema:
    spec = data.load("tables")
    blocks = tuple(Table2Block(b["item"], _labelled(b["rows"]), _labelled(b["columns"]), b.get("unit")) for b in spec["t2"])
    return TableSchema(
        t2=blocks,
        t3_rows=_labelled(spec["t3"]["rows"]),
        t3_columns=_labelled(spec["t3"]["columns"]),
        t3_groups=_labelled(spec["t3"]["groups"]),
        t4_groups=_labelled(spec["t4"]["groups"]),
        t4_columns=_labelled(spec["t4"]["columns"]),
    )
