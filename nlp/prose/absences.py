"""Statements of absence → implicit zeros: "本年度未收到政府信息公开申请" fills requests.received
with 0, qualifier `implicit`, pointing at its evidence words. Patterns in nlp/data/figures.yaml."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from nlp import data
from nlp.prose.figures import Figure, sentences

IMPLICIT = "implicit"
CONFIDENCE = 0.9  # the patterns are narrow: a negation, its verb and the field's own words in one sentence


@dataclass(frozen=True)
class Absence:
    field: str
    unit: str
    type: str
    patterns: tuple[re.Pattern[str], ...]


@cache
def absences() -> list[Absence]:
    return [
        Absence(a["field"], a["unit"], a["type"], tuple(re.compile(p) for p in a["patterns"]))
        for a in data.load("figures")["absences"]
    ]


def find_absences(text: str, spans: list[tuple[int, int]], exclude: list[tuple[int, int]]) -> list[Figure]:
    """An implicit zero for each field a sentence of `spans` says did not occur (first statement per field)."""
    found: dict[str, Figure] = {}
    for s, e in (se for a, b in spans for se in sentences(text, a, b)):
        sentence = text[s:e]
        for absence in absences():
            if absence.field in found:
                continue
            m = next((m for p in absence.patterns if (m := p.search(sentence))), None)
            if m and not any(a < s + m.end("e") and s + m.start("e") < b for a, b in exclude):
                found[absence.field] = _zero(absence, text, sentence, s + m.start("e"), s + m.end("e"))
    return list(found.values())


def _zero(absence: Absence, text: str, sentence: str, start: int, end: int) -> Figure:
    """The zero of a field, its text the evidence words (未收到), its span theirs."""
    zero = Figure(0, absence.unit, IMPLICIT, absence.type, None, None, None, text[start:end], sentence, start, end)
    zero.field, zero.confidence = absence.field, CONFIDENCE
    return zero
