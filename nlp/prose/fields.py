"""Catalog fields (nlp/data/catalog.yaml, ids of docs/domain.md) for the figures of a report.

A figure gets the first catalog field whose channel or subject words, action words and unit it
matches; a field is filled once per report, by the figure the assigner is surest of.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

from nlp import data
from nlp.prose.assigner import NO_FIELD, FieldModel, features
from nlp.prose.figures import Figure, mask_nouns
from nlp.prose.figures import words as _words

GENERIC_SUFFIX = 4  # a subject ending in a generic word this long or longer is generic too
MAX_CANDIDATES = 3  # ranked fields kept on a figure that is left without one


@dataclass(frozen=True)
class CatalogField:
    id: str
    label_zh: str
    channel: tuple[str, ...]
    subject: tuple[str, ...]
    action: tuple[str, ...]
    unit: tuple[str, ...]
    exclude: tuple[str, ...]
    subject_is: tuple[str, ...]
    not_for_one_platform: bool = False
    not_with: tuple[str, ...] = ()  # words of the sentence that rule the field out…
    unless: tuple[str, ...] = ()  # …unless the figure's clause, subject or sentence topic has one of these


CUE_KEYS = ("channel", "subject", "action", "unit", "exclude", "subject_is")


@cache
def catalog() -> list[CatalogField]:
    return [
        CatalogField(
            f["id"],
            f["label_zh"],
            *(tuple(map(str, f.get(k) or ())) for k in CUE_KEYS),
            bool(f.get("not_for_one_platform")),
            tuple((f.get("not_with") or {}).get("words", ())),
            tuple((f.get("not_with") or {}).get("unless", ())),
        )
        for f in data.load("catalog")["fields"]
    ]


def labels_zh() -> dict[str, str]:
    """Field id → its Chinese label, for everything a Chinese reader sees."""
    return {f.id: f.label_zh for f in catalog()}


def assign_fields(figures: list[Figure], sections: list[str | None] | None = None, model: FieldModel | None = None) -> None:
    """Give each figure its catalog field, or none with ranked candidates; one figure per field per
    report. The learned assigner decides among the fields the figure may be (its unit fits; a count
    for one platform is never a total); without a shipped model, the first field the rules name.
    `sections`: each figure's section kind."""
    sections = sections or [None] * len(figures)
    for figure, section in zip(figures, sections):
        clause = figure.cues[0] if figure.cues else ""
        allowed, named = rule_view(figure, figures)
        if model is None:
            figure.field, figure.cues = named[0] if named else (None, [clause])
            figure.named_by_rules = bool(named)
            continue
        ranked = model.rank(features(figure, figures, [i for i, _ in named], section, rule_notes(figure, figures)), allowed)
        chosen = model.decide(ranked, named[0][0] if named else None)
        figure.field, figure.confidence = chosen, dict(ranked).get(chosen, 0.0) if chosen else 0.0
        figure.named_by_rules = bool(chosen and named and chosen == named[0][0])
        figure.cues = dict(named).get(chosen, [clause]) if chosen else [clause]
        figure.field_candidates = [{"field": f, "confidence": q} for f, q in ranked if f != NO_FIELD and f != figure.field][:MAX_CANDIDATES]
    _one_figure_per_field(figures)


def rule_view(figure: Figure, figures: list[Figure]) -> tuple[list[str], list[tuple[str, list[str]]]]:
    """What the catalog rules say of a figure: the fields it may be (none contradicted), and those
    its words name, in catalog order, with the cue words that name them."""
    possible = [f for f in catalog() if may_be(f, figure)]
    named = [(f.id, cues) for f in possible if not contradicts(f, figure) and (cues := named_by(f, figure, figures)) is not None]
    return [f.id for f in possible], named


def may_be(f: CatalogField, m: Figure) -> bool:
    """The field is possible at all: its unit fits, its sentence has no word that rules it out, and a
    count for one platform is not a total."""
    clause = m.cues[0] if m.cues else ""
    own = clause + (m.subject or "") + m.topic
    if m.unit not in f.unit or (any(w in m.sentence for w in f.not_with) and not any(w in own for w in f.unless)):
        return False
    return not (f.not_for_one_platform and one_platform(clause))


def one_platform(clause: str) -> bool:
    """The clause names a platform (微信公众号…) and no word that groups several (新媒体, 等, 、)."""
    words = _words()
    return any(p in clause for p in words["platforms"]) and not any(g in clause for g in words["platform_groupers"])


def rule_notes(m: Figure, figures: list[Figure]) -> list[str]:
    """What the rules hold against each field, as the assigner's features."""
    notes = []
    for f in catalog():
        if contradicts(f, m):
            notes.append(f"rule_against={f.id}")
        elif named_by(f, m, figures) is not None:
            notes.append(f"rule_for={f.id}")
    return notes


def _one_figure_per_field(figures: list[Figure]) -> None:
    best: dict[str, Figure] = {}
    for m in figures:  # the more confident, then a total before its breakdown, then the first
        if m.field and (m.field not in best or _rank(m) > _rank(best[m.field])):
            best[m.field] = m
    for m in figures:
        if m.field and best[m.field] is not m:
            m.field_candidates = [{"field": m.field, "confidence": m.confidence}] + m.field_candidates
            m.field = None


def _generic(subject: str, words: tuple[str, ...]) -> bool:
    """'政府信息', or a longer subject ending in a generic word of four or more characters
    ('我区各级单位政府信息'); '政府采购项目信息' is one kind of information, not all of it."""
    return subject in words or any(len(w) >= GENERIC_SUFFIX and subject.endswith(w) for w in words)


def _rank(m: Figure) -> tuple[bool, bool, float, float]:
    """The more confident (the assigner's probability of the field, whoever named it), then a total
    before its breakdown, then the more report-wide clause, then one the rules name too; on a tie,
    the first. Without a model, the confidence is how report-wide the clause reads (`salience`)."""
    return m.confidence, m.parent is None, m.salience, m.named_by_rules


def contradicts(f: CatalogField, m: Figure) -> bool:
    """The rules hold the figure is not this field: wrong unit, an excluded word in its clause, or a
    subject that is one kind of information where the field counts all of it."""
    clause = m.cues[0] if m.cues else ""
    if m.unit not in f.unit or (f.exclude and any(x in clause + m.trail for x in f.exclude)):
        return True
    return bool(f.subject_is and m.subject and not m.subject_carried and not _generic(m.subject, f.subject_is))


def named_by(f: CatalogField, m: Figure, figures: list[Figure]) -> list[str] | None:
    """The cue words of the field that the figure's context names (topic and action), or None."""
    parent = figures[m.parent] if m.parent is not None else None
    own = " ".join(x for x in (m.channel, m.subject, m.action, m.cues[0] if m.cues else "", m.text, m.trail) if x)
    about = own + " " + (parent.subject or "" if parent else "") + " " + m.topic
    topic = [w for w in f.channel + f.subject if w in about]
    if (f.channel or f.subject) and not topic:
        return None
    acted = [w for w in f.action if w in mask_nouns(own)]
    if f.action and not acted:
        return None
    return topic + acted
