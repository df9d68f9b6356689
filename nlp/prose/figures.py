"""Figures stated in prose → `Figure`s with subject, action, channel and the total they break down.

"受理12345热线来电21876件，办结21802件，办结率99.66%" gives three figures about the
hotline: the subject and channel of the first carry over to the next clauses of the sentence.
nlp/prose/fields.py then gives each the catalog field its words name.
"""

from __future__ import annotations

import dataclasses
import re
from dataclasses import dataclass
from functools import cache
from typing import TYPE_CHECKING

from nlp import data
from nlp.prose.numbers import Quantity, find_quantities
from nlp.prose.spacy_pipeline import FIGURES, annotate, rules_only
from nlp.text.sentences import SENTENCE_END

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc

SENTENCE_OR_LINE_END = re.compile(f"[{SENTENCE_END}\n]")
TRAIL_END = re.compile(r"[，,、。；;（(]")
CONFIDENT, CARRIED = 0.9, 0.75
SUBJECT_CHARS = 12
TOTAL_BONUS = 0.05


@dataclass
class Figure:
    value: float | int
    unit: str
    qualifier: str
    type: str
    subject: str | None
    action: str | None
    channel: str | None
    text: str  # the figure as printed
    sentence: str
    start: int  # span of the figure in the report's clean text
    end: int
    parent: int | None = None  # index of the total this figure is a breakdown of
    trail: str = ""  # words after the figure in its clause ("70件[申请]", "103件[顺延到下年度答复]")
    topic: str = ""  # the subject of the sentence's first figure: what the whole sentence is about
    subject_carried: bool = False
    field: str | None = None
    confidence: float = 0.0  # how sure its field is: the assigner's probability (without it, `salience`)
    salience: float = 0.0  # how report-wide its clause reads: a subject and action, 全年/累计/共计
    cues: list[str] = dataclasses.field(default_factory=list)  # the clause before the figure; then the words that decided the field
    named_by_rules: bool = False  # the catalog rules give it the same field as the assigner
    field_candidates: list[dict] = dataclasses.field(default_factory=list)  # ranked {field, confidence} when left without one


@cache
def words() -> dict:
    spec = data.load("figures")
    by_length = lambda words: sorted(words, key=len, reverse=True)  # noqa: E731
    return {
        "actions": by_length(spec["actions"]),
        "rates": by_length(spec["rates"]),
        "breakdown": tuple(spec["breakdown_markers"]),
        "channels": by_length(spec["channels"]),
        "stops": spec["subject_stops"],
        "not_actions": by_length(spec["not_actions"]),
        "continuations": spec["breakdown_continuations"],
        "totals": tuple(spec["total_markers"]),
        "platforms": spec["platforms"],
        "platform_groupers": spec["platform_groupers"],
    }


def find_figures(
    text: str, spans: list[tuple[int, int]], nlp: Language | None = None, exclude: list[tuple[int, int]] | None = None
) -> list[Figure]:
    """Figures in the prose paragraphs text[a:b] for (a, b) in `spans`, without fields yet. `nlp`
    is the spaCy pipeline whose CHANNEL entities are preferred over the word list (default: the
    rules alone); figures inside `exclude` are skipped. Only sentences that state a figure go
    through the pipeline (a 500-page report has far more sentences without)."""
    parsed = [(s, e, find_quantities(text[s:e])) for a, b in spans for s, e in sentences(text, a, b)]
    stating = [(s, e, qs) for s, e, qs in parsed if qs]
    docs = annotate([(text[s:e], qs) for s, e, qs in stating], nlp or rules_only())
    figures: list[Figure] = []
    for (s, _, _), doc in zip(stating, docs):
        figures.extend(_sentence_figures(doc, s, exclude or [], len(figures)))
    return figures


def sentences(text: str, a: int, b: int):
    start = a
    for m in SENTENCE_OR_LINE_END.finditer(text, a, b):
        if m.start() > start:
            yield start, m.end()
        start = m.end()
    if b > start:
        yield start, b


def _sentence_figures(doc: Doc, s: int, exclude: list[tuple[int, int]], offset: int) -> list[Figure]:
    """The figures of one sentence, read from its spaCy doc; `s` is its offset in the report."""
    sentence = doc.text
    channels = [(s + e.start_char, s + e.end_char) for e in doc.ents if e.label_ == "CHANNEL"]
    out: list[Figure] = []
    previous_end = 0
    for q in (span._.quantity for span in doc.spans[FIGURES]):
        if any(a < s + q.end and s + q.start < b for a, b in exclude):
            continue
        lead = sentence[previous_end : q.start]
        figure = _figure(q, lead, sentence, s, out, channels, offset)
        figure.trail = TRAIL_END.split(sentence[q.end :], maxsplit=1)[0]
        if (figure.subject is None or figure.subject_carried) and _is_noun_phrase(figure.trail):
            figure.subject, figure.subject_carried = figure.trail[:SUBJECT_CHARS], False  # "70件[申请]"
        out.append(figure)
        previous_end = q.end
    return out


def _figure(q: Quantity, lead: str, sentence: str, s: int, before: list[Figure], channels, offset: int) -> Figure:
    w = words()
    last = next((m for m in reversed(before) if m.parent is None), None)  # carry from a total, not a breakdown
    clause = re.split(r"[，,；：:]", lead)[-1] if lead else ""
    action = _last_word(mask_nouns(lead), w["rates"] if q.type == "percent" else w["actions"])
    enumerated = any(marker in lead for marker in w["breakdown"]) or lead[:1] in w["continuations"]
    subject = _subject(lead, action, enumerated)
    channel = _channel(sentence, s, q, lead, channels) or (last.channel if last and not _starts_fresh(clause) else None)
    figure = Figure(q.value, q.unit, q.qualifier, q.type, subject, action, channel, q.text, sentence, s + q.start, s + q.end)
    if last and not subject:
        figure.subject, figure.subject_carried = last.subject, True
    if last and not action:
        figure.action = last.action
    figure.topic = before[0].topic if before else (subject or "")
    figure.parent = _parent(lead, before, offset, sentence, q.start) if before else None
    figure.salience = figure.confidence = (CONFIDENT if subject and action else CARRIED) + (
        TOTAL_BONUS if any(t in lead for t in w["totals"]) else 0
    )
    figure.cues = [clause]
    return figure


def _parent(lead: str, before: list[Figure], offset: int, text: str = "", start: int = 0) -> int | None:
    """The total a breakdown figure belongs to ("解读27次，其中图文解读26次、视频解读1次")."""
    w = words()
    if not before:
        return None
    if any(marker in lead for marker in w["breakdown"]):
        return next((offset + i for i in range(len(before) - 1, -1, -1) if before[i].parent is None), None)
    parent = before[-1].parent
    if parent is not None and (lead[:1] in w["continuations"] or _inside_brackets(text[:start])):
        return parent  # "其中图文26次、视频1次" / "(其中A类25条，B类68条…"
    return None


def _inside_brackets(upto: str) -> bool:
    """Is the figure inside a bracket that opened before it in its sentence and is still open?"""
    return upto.count("（") + upto.count("(") > upto.count("）") + upto.count(")")


def mask_nouns(text: str) -> str:
    """Hide nouns that contain action verbs, keeping offsets."""
    for noun in words()["not_actions"]:
        text = text.replace(noun, "＿" * len(noun))
    return text


def _is_noun_phrase(text: str) -> bool:
    """Words after a figure that name what it counts, not a new verb phrase."""
    return bool(text) and _last_word(mask_nouns(text), words()["actions"]) is None and "\u4e00" <= text[0] <= "\u9fff"


def _starts_fresh(clause: str) -> bool:
    """A clause that names a new topic does not inherit the previous figure's channel."""
    return any(c in clause for c in words()["channels"])


def _last_word(text: str, words: list[str]) -> str | None:
    """The word of `words` that ends last in `text` (the longest, where several end together)."""
    best, best_end = None, -1
    for word in words:
        i = text.rfind(word)
        end = i + len(word)
        if i >= 0 and (end > best_end or (end == best_end and len(word) > len(best))):
            best, best_end = word, end
    return best


def _subject(lead: str, action: str | None, enumerated: bool) -> str | None:
    """The words between the action and the figure ("受理[12345热线来电]21876件"); in a breakdown,
    the words before the action ("其中[图文]解读26次")."""
    stops = words()["stops"]
    if action and action in lead:
        i = lead.rfind(action)
        after = re.split(f"[{re.escape(stops)}]", lead[i + len(action) :])[-1]
        after = re.sub(r"^(了|各类|共|共计|累计|达|为|约|近|超过|逾)+|(共|共计|累计|达|为|约|近|超过|逾|达到)+$", "", after)
        if after.strip():
            return after.strip()
        if not enumerated:
            return None
        before = re.split(f"[{re.escape(stops)}]", lead[:i])[-1]
        before = re.sub(r"^(其中|含|包括|全年|共|累计|另有|并|已|均)+", "", before)
        return before.strip() or None
    clause = re.split(f"[{re.escape(stops)}]", lead)[-1]
    clause = re.sub(r"^(其中|含|包括|全年|共|累计|另有|并|已|均)+|(共|共计|累计|达|为|约|近|超过|逾|达到)+$", "", clause)
    return clause.strip() or None


def _channel(sentence: str, s: int, q: Quantity, lead: str, channels: list[tuple[int, int]]) -> str | None:
    """The last channel named before the figure in its sentence: NER spans first, then the word list."""
    ner = [(a, b) for a, b in channels if s <= a and b <= s + q.start]
    if ner:
        a, b = max(ner)
        return sentence[a - s : b - s]
    upto = sentence[: q.start]
    return _last_word(upto, words()["channels"])


