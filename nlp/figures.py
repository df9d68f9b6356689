"""Figures stated in prose → `Mention`s with subject, action, channel and catalog field.

"受理12345热线诉求件32137件，结案32050件，办结率99.73%" gives three mentions about the
hotline: the subject and channel of the first carry over to the next clauses of the sentence,
and each gets the field its words name in nlp/data/catalog.yaml.
"""

from __future__ import annotations

import dataclasses
import re
from dataclasses import dataclass
from functools import cache

from nlp import data
from nlp.numbers import Quantity, find_quantities

SENTENCE_END = re.compile(r"[。！？；;\n]")
TRAIL_END = re.compile(r"[，,、。；;（(]")
CONFIDENT, CARRIED = 0.9, 0.75
SUBJECT_CHARS = 12
GENERIC_SUFFIX = 4
TOTAL_BONUS = 0.05


@dataclass
class Mention:
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
    confidence: float = 0.0
    cues: list[str] = dataclasses.field(default_factory=list)  # the words that decided the field


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


@cache
def _words() -> dict:
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
    }


def find_mentions(
    text: str,
    spans: list[tuple[int, int]],
    channels: list[tuple[int, int]] | None = None,
    exclude: list[tuple[int, int]] | None = None,
) -> list[Mention]:
    """Mentions in the prose paragraphs text[a:b] for (a, b) in `spans`. `channels` are channel
    spans (from the NER model) preferred over the word list; figures inside `exclude` are skipped."""
    mentions: list[Mention] = []
    for a, b in spans:
        for s, e in _sentences(text, a, b):
            mentions.extend(_sentence_mentions(text, s, e, channels or [], exclude or [], len(mentions)))
    assign_fields(mentions)
    return mentions


def figure_sentences(text: str, spans: list[tuple[int, int]]) -> list[tuple[int, str]]:
    """(offset, sentence) for the sentences of `spans` that state at least one figure: the only
    ones worth running the NER over (a 500-page report has far more sentences without)."""
    return [(s, text[s:e]) for a, b in spans for s, e in _sentences(text, a, b) if find_quantities(text[s:e])]


def _sentences(text: str, a: int, b: int):
    start = a
    for m in SENTENCE_END.finditer(text, a, b):
        if m.start() > start:
            yield start, m.end()
        start = m.end()
    if b > start:
        yield start, b


def _sentence_mentions(text: str, s: int, e: int, channels, exclude, offset: int) -> list[Mention]:
    sentence = text[s:e]
    out: list[Mention] = []
    previous_end = 0
    for q in find_quantities(sentence):
        if any(a < s + q.end and s + q.start < b for a, b in exclude):
            continue
        lead = sentence[previous_end : q.start]
        mention = _mention(q, lead, sentence, s, out, channels, offset)
        mention.trail = TRAIL_END.split(sentence[q.end :], maxsplit=1)[0]
        if (mention.subject is None or mention.subject_carried) and _is_noun_phrase(mention.trail):
            mention.subject, mention.subject_carried = mention.trail[:SUBJECT_CHARS], False  # "70件[申请]"
        out.append(mention)
        previous_end = q.end
    return out


def _mention(q: Quantity, lead: str, sentence: str, s: int, before: list[Mention], channels, offset: int) -> Mention:
    w = _words()
    last = next((m for m in reversed(before) if m.parent is None), None)  # carry from a total, not a breakdown
    clause = re.split(r"[，,；：:]", lead)[-1] if lead else ""
    action = _last_word(_mask(lead), w["rates"] if q.type == "percent" else w["actions"])
    enumerated = any(marker in lead for marker in w["breakdown"]) or lead[:1] in w["continuations"]
    subject = _subject(lead, action, enumerated)
    channel = _channel(sentence, s, q, lead, channels) or (last.channel if last and not _starts_fresh(clause) else None)
    mention = Mention(q.value, q.unit, q.qualifier, q.type, subject, action, channel, q.text, sentence, s + q.start, s + q.end)
    if last and not subject:
        mention.subject, mention.subject_carried = last.subject, True
    if last and not action:
        mention.action = last.action
    mention.topic = before[0].topic if before else (subject or "")
    mention.parent = _parent(lead, before, offset, sentence, q.start) if before else None
    mention.confidence = (CONFIDENT if subject and action else CARRIED) + (
        TOTAL_BONUS if any(t in lead for t in w["totals"]) else 0
    )
    mention.cues = [clause]
    return mention


def _parent(lead: str, before: list[Mention], offset: int, text: str = "", start: int = 0) -> int | None:
    """The total a breakdown figure belongs to ("解读27次，其中图文解读26次、视频解读1次")."""
    w = _words()
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


def _mask(text: str) -> str:
    """Hide nouns that contain action verbs, keeping offsets."""
    for noun in _words()["not_actions"]:
        text = text.replace(noun, "＿" * len(noun))
    return text


def _is_noun_phrase(text: str) -> bool:
    """Words after a figure that name what it counts, not a new verb phrase."""
    return bool(text) and _last_word(_mask(text), _words()["actions"]) is None and "\u4e00" <= text[0] <= "\u9fff"


def _starts_fresh(clause: str) -> bool:
    """A clause that names a new topic does not inherit the previous figure's channel."""
    return any(c in clause for c in _words()["channels"])


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
    """The words between the action and the figure ("受理[12345热线诉求件]32137件"); in a breakdown,
    the words before the action ("其中[图文]解读26次")."""
    stops = _words()["stops"]
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
    return _last_word(upto, _words()["channels"])


def assign_fields(mentions: list[Mention]) -> None:
    """Give each mention the first catalog field its words name; one mention per field per report."""
    for m in mentions:
        for f in catalog():
            cues = _matches(f, m, mentions)
            if cues is not None:
                m.field, m.cues = f.id, cues
                break
    best: dict[str, Mention] = {}
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


def _rank(m: Mention) -> tuple[bool, float]:
    return m.parent is None, m.confidence


def _matches(f: CatalogField, m: Mention, mentions: list[Mention]) -> list[str] | None:
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
    acted = [w for w in f.action if w in _mask(own)]
    if f.action and not acted:
        return None
    return topic + acted
