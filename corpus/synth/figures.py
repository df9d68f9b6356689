"""Figures the prose states: drawn from phrases.yaml `figures`, or read off the tables.

A Quantity is what a template slot prints ("3000余条") together with what a perfect
extractor should read from it (value 3000, unit 条, qualifier more_than).
"""
from __future__ import annotations

import math
import random
from dataclasses import dataclass

from . import data
from .values import Values

# Above this a count written with 余/多 is printed in 万 ("1万余条").
WAN = 10000
# Rates are printed with at most this many decimals ("99.73%").
RATE_DECIMALS = 2


@dataclass(frozen=True)
class Quantity:
    field: str | None
    value: int | float
    unit: str
    qualifier: str
    text: str


def make_figures(rng: random.Random, profile: dict, tables: Values) -> dict[str, Quantity]:
    """Every figure of phrases.yaml for this report, by template name (some may be absent)."""
    specs = data.phrases()["figures"]
    counts: dict[str, int | float] = {}
    units: dict[str, str] = {}
    figures: dict[str, Quantity] = {}
    for name, spec in specs.items():
        count = _true_count(rng, name, spec, profile, tables, counts)
        counts[name] = count
        units[name] = _unit(rng, spec, units)
        if count == 0 and spec.get("omit_zero"):
            continue
        figures[name] = _written(rng, spec, spec.get("field", name), count, units[name])
    return figures


def _unit(rng: random.Random, spec: dict, units: dict[str, str]) -> str:
    """Rates are in %, other derived figures count what their base counts."""
    if spec.get("derive") == "rate":
        return "%"
    if "of" in spec:
        return units[spec["of"]]
    return rng.choice(spec["units"])


def _true_count(rng, name, spec, profile, tables, counts) -> int | float:
    """The exact number behind a figure, before it is (maybe) rounded for printing."""
    if "table" in spec:
        return sum(tables[key] for key in spec["table"])
    derive = spec.get("derive")
    if derive == "share":
        return _share(rng, counts[spec["of"]], spec["share"])
    if derive == "remainder":
        return counts[spec["of"]] - counts[spec["minus"]]
    if derive == "rate":
        whole = counts[spec["of"]]
        return round(100 * counts[spec["part"]] / whole, RATE_DECIMALS) if whole else 100
    low, high = spec["range"]
    if spec.get("scale"):
        low, high = _scaled(low, profile["figure_scale"]), _scaled(high, profile["figure_scale"])
    if "decimals" in spec:
        return round(rng.uniform(low, high), spec["decimals"])
    return rng.randint(int(low), int(high))


def _scaled(n: float, scale: float) -> int:
    return max(1, int(n * scale))


def _share(rng: random.Random, whole: int, share_range: list[float]) -> int:
    """A part of `whole` in the share range; leaves at least 1 over when whole > 1."""
    part = round(whole * rng.uniform(*share_range))
    return min(part, whole - 1) if whole > 1 and share_range[1] < 1 else min(part, whole)


def _written(rng: random.Random, spec: dict, field: str | None, count, unit: str) -> Quantity:
    """How the figure is printed: exact, or rounded with a qualifier word (余, 近, 约 …)."""
    if count == 0 and "zero_text" in spec:
        return Quantity(field, 0, unit, "implicit", spec["zero_text"])  # a zero stated in words
    approx = spec.get("approx", {"exact": 1})
    word = rng.choices(list(approx), weights=list(approx.values()))[0]
    if word == "exact" or count < 10:
        return Quantity(field, count, unit, "exact", f"{format_number(count)}{unit}")
    return _approximate(count, unit, field, word)


def _approximate(count: int, unit: str, field: str | None, word: str) -> Quantity:
    rule = data.phrases()["qualifier_words"][word]
    shown = _round(count, rule["rounding"])
    if rule["place"] == "after_number" and shown >= WAN:
        shown = shown // WAN * WAN
        number = f"{shown // WAN}万"
    else:
        number = format_number(shown)
    text = {
        "before": f"{word}{number}{unit}",
        "after_number": f"{number}{word}{unit}",
        "after_unit": f"{number}{unit}{word}",
    }[rule["place"]]
    return Quantity(field, shown, unit, rule["qualifier"], text)


def _round(count: int, rounding: str) -> int:
    """Rounded to the two leading digits (3124 -> 3100, 31247 -> 31000) the given way."""
    step = 10 ** max(0, len(str(count)) - 2)
    if rounding == "down":
        shown = count // step * step
    elif rounding == "up":
        shown = math.ceil(count / step) * step
    else:
        shown = round(count / step) * step
    if rounding == "up" and shown == count:
        shown += step  # "近" needs a figure above the true count
    return shown


def format_number(n: int | float) -> str:
    """Arabic digits as reports print them: 32137, 99.73, 100."""
    if isinstance(n, float):
        return f"{n:.{RATE_DECIMALS}f}".rstrip("0").rstrip(".")
    return str(n)
