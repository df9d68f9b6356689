"""Section 五 → statements: the problems a report admits and the measures it plans.

Items are cut at their markers (一是, （一）, 1.) or, without markers, at sentence ends; the turn
from problems to measures (下一步, 改进措施, "2022年，我区将…") gives each its kind. Labels come from
`nlp.statements.classify` (the trained classifier, or the keyword baseline).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cache

from nlp import data
from nlp.ingest.document import Document
from nlp.schema import Section, Statement
from nlp.statements.classify import assigned, classify
from nlp.text.sentences import CHINESE_DATE, SENTENCE_END, SENTENCE_END_RE

MIN_STATEMENT_CHARS = 6
SIGNATURE_DATE = re.compile(rf"{CHINESE_DATE}\s*$")  # the date that ends the report, not the item


@dataclass
class StatementSpan:
    kind: str  # problem | measure
    lead: str | None
    text: str
    start: int  # span in the report's clean text
    end: int
    labels: dict[str, float] = field(default_factory=dict)


@cache
def _spec() -> dict:
    spec = data.load("statements")
    marker = "|".join(spec["markers"])
    return {
        "marker": re.compile(
            rf"(?:(?<=^)|(?<=[\n。；;：:！？]))\s*(?:{marker})|(?<=[，,])[一二三四五六七八九十]是(?![否非])|(?<=[\u4e00-\u9fff])1[、.．](?=[\u4e00-\u9fff])",
            re.M,
        ),
        "turn": re.compile("|".join(spec["turn"])),
        "problem": spec["problem_cues"],
        "intro": [re.compile(p) for p in spec["intro"]],
        "part": re.compile(spec["part_heading"]),
        "lead_stop": re.compile(spec["lead_stops"]),
        "max_lead": spec["max_lead_chars"],
        "short_lead": spec["short_lead_chars"],
    }


def find_statements(text: str, sections: list[Section]) -> list[StatementSpan]:
    out: list[StatementSpan] = []
    for section in sections:
        if section.kind == "problems":
            out += _section_statements(text, section)
    return out


def _section_statements(text: str, section: Section) -> list[StatementSpan]:
    body_start = _after_heading(text, section)
    turn = _spec()["turn"].search(text, body_start, section.end)
    turn_at = turn.start() if turn else None
    statements: list[StatementSpan] = []
    part_kind, part_at = None, -1  # the kind the last part heading announced ("（二）改进措施"), and where
    pieces = _pieces(text, body_start, section.end, turn_at)
    while pieces:
        start, end = pieces.pop(0)
        piece = text[start:end].strip()
        start += len(text[start:end]) - len(text[start:end].lstrip())
        heading = _part_heading(piece)
        if heading is not None:  # "（一）存在的主要问题：A；B。" → the part's kind, then A and B
            part_kind, part_at = heading, start
            rest = _after_part_heading(piece)
            pieces[:0] = _sentences(text, start + len(piece) - len(rest), start + len(piece)) if rest else []
            continue
        piece = SIGNATURE_DATE.sub("", piece)  # "…便捷服务。二○一四年一月十日" ends the report, not the item
        if len(piece) < MIN_STATEMENT_CHARS or _is_intro(piece):
            continue
        heading_rules = part_kind is not None and (turn_at is None or part_at >= turn_at or start < turn_at)
        kind = part_kind if heading_rules else _kind(piece, start, turn_at)
        statements.append(StatementSpan(kind, _lead(piece), piece, start, start + len(piece)))
    return statements


def _after_heading(text: str, section: Section) -> int:
    """Section text after its heading line (the heading has a title; the preamble has none)."""
    if section.title is None and section.number is None:
        return section.start
    newline = text.find("\n", section.start, section.end)
    return newline + 1 if newline >= 0 else section.end


def _pieces(text: str, start: int, end: int, turn: int | None) -> list[tuple[int, int]]:
    """Cut at item markers; paragraphs or stretches without markers are cut at sentence ends."""
    cuts = {start, end}
    cuts |= {m.start() + len(m.group()) - len(m.group().lstrip()) for m in _spec()["marker"].finditer(text, start, end)}
    cuts |= {i + 1 for i in range(start, end) if text[i] == "\n"}
    if turn is not None:
        cuts.add(_sentence_start(text, start, turn))
    bounds = sorted(c for c in cuts if start <= c <= end)
    pieces = []
    for a, b in zip(bounds, bounds[1:]):
        chunk = text[a:b]
        if _spec()["marker"].match(chunk.lstrip()) or not chunk.strip():
            pieces.append((a, b))
        else:  # unmarked prose: one statement a sentence
            pieces += _sentences(text, a, b)
    return pieces


def _sentence_start(text: str, start: int, i: int) -> int:
    j = max((text.rfind(c, start, i) for c in SENTENCE_END + "\n：:"), default=-1)
    return j + 1 if j >= start else start


def _sentences(text: str, a: int, b: int) -> list[tuple[int, int]]:
    """Sentences, and the introduction before a colon on its own ("…主要是：" | "个别部门…")."""
    out, s = [], a
    for i in range(a, b):
        if text[i] in SENTENCE_END or (text[i] in "：:" and text[i + 1 : b].strip()):
            out.append((s, i + 1))
            s = i + 1
    if text[s:b].strip():
        out.append((s, b))
    return out


def _part_heading(piece: str) -> str | None:
    """'problem' or 'measure' for an item that names a part ("（一）存在的主要问题：…",
    "（二）改进措施"), else None."""
    m = _spec()["part"].match(piece)
    if not m:
        return None
    return "measure" if re.search(r"改进|措施|打算|计划|下一步", m.group()) else "problem"


def _after_part_heading(piece: str) -> str:
    """What follows a part heading in the same item ("（一）存在的主要问题：[基层…；各部门…]")."""
    return piece[_spec()["part"].match(piece).end() :].lstrip("：: ")


def _is_intro(piece: str) -> bool:
    """'…主要表现在：' / '…仍存在一些不足。' / '…采取以下措施加以改进。': a sentence that only
    announces the items (one that goes on to list problems, "…存在A、B等问题。", is a statement)."""
    if _spec()["marker"].match(piece):
        return False
    generic = "、" not in piece and any(p.search(piece) for p in _spec()["intro"])
    return piece.rstrip().endswith(("：", ":")) or generic


def _kind(piece: str, start: int, turn: int | None) -> str:
    if turn is not None:
        return "measure" if start >= turn else "problem"
    return "problem" if any(c in piece for c in _spec()["problem"]) else "measure"


def _lead(piece: str) -> str | None:
    """The lead phrase of a marked item: "一是[依法主动公开意识有待增强]。"."""
    m = _spec()["marker"].match(piece)
    if not m:
        return None
    rest = piece[m.end() :].lstrip()
    sentence = SENTENCE_END_RE.split(rest, maxsplit=1)[0]
    if 0 < len(sentence) <= _spec()["short_lead"]:
        return sentence  # "一是[强化公开理念，理顺工作机制]。"
    clause = _spec()["lead_stop"].split(rest, maxsplit=1)[0]
    return clause if 0 < len(clause) <= _spec()["max_lead"] else None


def report_statements(doc: Document, sections: list[Section]) -> list[Statement]:
    """The statements of a report as schema objects, labelled by the classifier."""
    found = find_statements(doc.text, sections)
    scores = classify([s.text for s in found]) if found else []
    return [
        Statement(
            kind=s.kind, lead=s.lead, text=s.text, labels={k: sc[k] for k in assigned(sc)},
            section="problems", page=doc.page_at(s.start) if doc.page_count else None, start=s.start, end=s.end,
        )
        for s, sc in zip(found, scores)
    ]  # fmt: skip
