"""Catalog fields (nlp/data/catalog.yaml, ids of docs/domain.md) for the figures of a report.

A figure gets the first catalog field whose channel or subject words, action words and unit it
matches; a field is filled once per report, by a total before its breakdown, then by the more
confident figure.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

from nlp import data
from nlp.prose.figures import Figure, mask_nouns

GENERIC_SUFFIX = 4  # a subject ending in a generic word this long or longer is generic too


@dataclass(frozen=True)
class CatalogField:
    id: str
    channel: tuple[str, ...]
    subject: tuple[str, ...]
    action: tuple[str, ...]
    unit: tuple[str, ...]
    exclude: tuple[str, ...]
    subject_is: tuple[str, ...]


@cache
def catalog() -> list[CatalogField]:
    return [
        CatalogField(
            f["id"], *(tuple(map(str, f.get(k) or ())) for k in ("channel", "subject", "action", "unit", "exclude", "subject_is"))
        )
        for f in data.load("catalog")["fields"]
    ]


def assign_fields(mentions: list[Figure]) -> None:
    """Give each mention the first catalog field its words name; one mention per field per report."""
    for m in mentions:
        for f in catalog():
            cues = _matches(f, m, mentions)
            if cues is not None:
                m.field, m.cues = f.id, cues
                break
    best: dict[str, Figure] = {}
    for m in mentions:  # a total beats its own breakdown, then the more confident, then the first
        if m.field and (m.field not in best or _rank(m) > _rank(best[m.field])):
            best[m.field] = m
    for m in mentions:
        if m.field and best[m.field] is not m:
            m.field = None


def _generic(subject: str, words: tuple[str, ...]) -> bool:
    """'政府信息', or a longer subject ending in a generic word of four or more characters
    ('我区各级单位政府信息'); '政府采购项目信息' is one kind of information, not all of it."""
    return subject in words or any(len(w) >= GENERIC_SUFFIX and subject.endswith(w) for w in words)


def _rank(m: Figure) -> tuple[bool, float]:
    return m.parent is None, m.confidence


def _matches(f: CatalogField, m: Figure, mentions: list[Figure]) -> list[str] | None:
    if m.unit not in f.unit:
        return None
    parent = mentions[m.parent] if m.parent is not None else None
    own = " ".join(x for x in (m.channel, m.subject, m.action, m.cues[0] if m.cues else "", m.text, m.trail) if x)
    about = own + " " + (parent.subject or "" if parent else "") + " " + m.topic
    if f.exclude and any(x in (m.cues[0] if m.cues else "") + m.trail for x in f.exclude):
        return None
    if f.subject_is and m.subject and not m.subject_carried and not _generic(m.subject, f.subject_is):
        return None
    topic = [w for w in f.channel + f.subject if w in about]
    if (f.channel or f.subject) and not topic:
        return None
    acted = [w for w in f.action if w in mask_nouns(own)]
    if f.action and not acted:
        return None
    return topic + acted
