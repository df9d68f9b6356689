"""The report's prose: sections 一 … 六 and the preamble, written from phrases.yaml templates.

Templates name {slots}; a slot is a context word of the agency or a figure (figures.py).
Rendering keeps the span of every figure, so the report knows where each number stands.
"""
from __future__ import annotations

import random
import re
from dataclasses import dataclass, field

from . import data
from .figures import Quantity
from .model import SynthFigure, SynthSection, SynthStatement

SLOT = re.compile(r"\{([A-Za-z_][A-Za-z_.]*)\}")
NUMERALS = "一二三四五六七八九十"
# Paragraph lengths in characters: every paragraph aims at a length drawn from TARGET_LENGTH
# and never exceeds MAX_LENGTH.
MIN_LENGTH = 80
MAX_LENGTH = 300
TARGET_LENGTH = (120, 260)
# How many focus areas {focus} lists.
FOCUS_COUNT = (2, 4)
# Sub-points of section 一 and of section 六, and 一是… items of section 五.
OPTIONAL_TOPIC_CHANCE = 0.6
OPTIONAL_POINT_CHANCE = 0.5
TABLE_INTRO_CHANCE = 0.35
STATEMENT_ITEMS = (2, 4)

# Section kinds in report order, with their number and the table they hold.
SECTION_ORDER = [
    ("overview", None), ("proactive", "t2"), ("applications", "t3"),
    ("review_litigation", "t4"), ("problems", None), ("other", None),
]


@dataclass
class Paragraph:
    """Text with the spans of the figures it states."""

    text: str = ""
    spans: list[tuple[int, int, Quantity]] = field(default_factory=list)

    def __add__(self, other: Paragraph) -> Paragraph:
        shift = len(self.text)
        moved = [(s + shift, e + shift, q) for s, e, q in other.spans]
        return Paragraph(self.text + other.text, self.spans + moved)

    def __len__(self) -> int:
        return len(self.text)


class Vocabulary:
    """What a template slot may be filled with for one report: words and figures."""

    def __init__(self, words: dict[str, str], figures: dict[str, Quantity]):
        self.words = words
        self.figures = figures

    def can_write(self, template: str) -> bool:
        return all(n in self.words or n in self.figures for n in SLOT.findall(template))

    def write(self, template: str) -> Paragraph:
        out = Paragraph()
        position = 0
        for match in SLOT.finditer(template):
            out += Paragraph(template[position:match.start()])
            out += self._slot(match.group(1))
            position = match.end()
        return out + Paragraph(template[position:])

    def _slot(self, name: str) -> Paragraph:
        if name in self.figures:
            quantity = self.figures[name]
            return Paragraph(quantity.text, [(0, len(quantity.text), quantity)])
        return Paragraph(self.words[name])

    def usable(self, templates: list[str]) -> list[str]:
        return [t for t in templates if self.can_write(t)]

    def figures_of(self, template: str) -> set[str]:
        return {n for n in SLOT.findall(template) if n in self.figures}


@dataclass
class Prose:
    sections: list[SynthSection]
    figures: list[SynthFigure]
    statements: list[SynthStatement]


def report_words(rng: random.Random, context: dict[str, str], year: int) -> dict[str, str]:
    """The agency's words plus the per-report choices ({year}, {focus}, {center} …)."""
    phrases = data.phrases()
    words = dict(context)
    words.update(year=str(year), next_year=str(year + 1), prev_year=str(year - 1))
    for name, by_year in phrases["context_by_year"].items():
        nearest = min(by_year, key=lambda y: abs(y - year))  # years outside the data
        words[name] = by_year[nearest]
    words["focus"] = "、".join(rng.sample(phrases["focus_areas"], rng.randint(*FOCUS_COUNT)))
    words["focus_one"] = rng.choice(phrases["focus_areas"])
    words["center"] = rng.choice(phrases["centers"])
    return words


def write_prose(rng: random.Random, vocab: Vocabulary) -> Prose:
    """All sections, preamble first, with the figures and statements they contain."""
    phrases = data.phrases()
    statements: list[SynthStatement] = []
    bodies = {
        "overview": lambda: overview_paragraphs(rng, vocab),
        "proactive": lambda: table_intro(rng, vocab, "proactive"),
        "applications": lambda: table_intro(rng, vocab, "applications"),
        "review_litigation": lambda: table_intro(rng, vocab, "review_litigation"),
        "problems": lambda: problem_paragraphs(rng, vocab, statements),
        "other": lambda: other_paragraphs(rng, vocab),
    }
    sections = [("preamble", None, None, preamble_paragraphs(rng, vocab), None)]
    for i, (kind, table) in enumerate(SECTION_ORDER):
        number = NUMERALS[i]
        heading = f"{number}、{_title(rng, phrases['headings'][kind])}"
        sections.append((kind, number, heading, bodies[kind](), table))
    return _assemble(sections, statements)


def _title(rng: random.Random, titles: list[str]) -> str:
    return rng.choice(titles)


def _assemble(sections, statements) -> Prose:
    """SynthSections with plain-text paragraphs, and the figure spans as SynthFigures."""
    out, figures = [], []
    for kind, number, heading, paragraphs, table in sections:
        for index, para in enumerate(paragraphs):
            figures.extend(SynthFigure(q.field, q.value, q.unit, q.qualifier, q.text,
                                       number, index, start, end)
                           for start, end, q in para.spans)
        out.append(SynthSection(kind, number, heading, [p.text for p in paragraphs], table))
    return Prose(out, figures, statements)


# ------------------------------------------------------------------------------ sections

def preamble_paragraphs(rng: random.Random, vocab: Vocabulary) -> list[Paragraph]:
    """Legal basis and period, then contact: one paragraph, or two when too long."""
    spec = data.phrases()["preamble"]
    basis = vocab.write(rng.choice(vocab.usable(spec["basis"])))
    contact = vocab.write(rng.choice(vocab.usable(spec["contact"])))
    joined = basis + contact
    return [joined] if len(joined) <= MAX_LENGTH and rng.random() < 0.5 else [basis, contact]


def overview_paragraphs(rng: random.Random, vocab: Vocabulary) -> list[Paragraph]:
    """Section 一: an opening paragraph and sub-points （一）（二）…"""
    spec = data.phrases()["overview"]
    opening = vocab.write(rng.choice(vocab.usable(spec["openings"])))
    topics = [t for t in spec["topics"] if t.get("always") or rng.random() < OPTIONAL_TOPIC_CHANCE]
    return [opening] + [subpoint(rng, vocab, i, topic) for i, topic in enumerate(topics)]


def table_intro(rng: random.Random, vocab: Vocabulary, kind: str) -> list[Paragraph]:
    """Sections 二 三 四 often hold only their table; sometimes one sentence leads into it."""
    templates = vocab.usable(data.phrases()["table_intros"][kind])
    if not templates or rng.random() >= TABLE_INTRO_CHANCE:
        return []
    return [vocab.write(rng.choice(templates))]


def problem_paragraphs(rng: random.Random, vocab: Vocabulary,
                       statements: list[SynthStatement]) -> list[Paragraph]:
    """Section 五: the problems (一是…二是…), then the measures (下一步…一是…)."""
    phrases = data.phrases()
    return [items_paragraph(rng, vocab, phrases["problems"], "problem", statements),
            items_paragraph(rng, vocab, phrases["measures"], "measure", statements)]


def other_paragraphs(rng: random.Random, vocab: Vocabulary) -> list[Paragraph]:
    """Section 六: sub-points, the information-processing fee always among them."""
    points = data.phrases()["other"]["points"]
    chosen = [p for p in points if p.get("always") or rng.random() < OPTIONAL_POINT_CHANCE]
    return [subpoint(rng, vocab, i, point) for i, point in enumerate(chosen)]


# ---------------------------------------------------------------------------- paragraphs

def subpoint(rng: random.Random, vocab: Vocabulary, index: int, topic: dict) -> Paragraph:
    """"（n）Title。" + a lead sentence (if the topic has leads) + more sentences."""
    para = Paragraph(f"（{NUMERALS[index]}）{rng.choice(topic['titles'])}。")
    stated: set[str] = set()
    leads = vocab.usable(topic.get("leads", []))
    if leads:
        lead = rng.choice(leads)
        para += vocab.write(lead)
        stated |= vocab.figures_of(lead)
    return fill(rng, vocab, para, vocab.usable(topic.get("sentences", [])), stated)


def fill(rng: random.Random, vocab: Vocabulary, para: Paragraph, templates: list[str],
         stated: set[str]) -> Paragraph:
    """Adds sentences from `templates` (random order) until the paragraph is long enough,
    skipping sentences that would state a figure the paragraph already states."""
    target = max(MIN_LENGTH, rng.randint(*TARGET_LENGTH))
    pool = list(templates)
    rng.shuffle(pool)
    for template in pool:
        if len(para) >= target:
            break
        sentence = vocab.write(template)
        figures = vocab.figures_of(template)
        if len(para) + len(sentence) <= MAX_LENGTH and not figures & stated:
            para += sentence
            stated |= figures
    return para


def items_paragraph(rng: random.Random, vocab: Vocabulary, spec: dict, kind: str,
                    statements: list[SynthStatement]) -> Paragraph:
    """An intro and 一是…。二是…。 items, as many as fit; records each item as a statement."""
    para = vocab.write(rng.choice(vocab.usable(spec["intros"])))
    items = [i for i in spec["items"] if vocab.can_write(i["text"])]
    chosen = rng.sample(items, min(len(items), rng.randint(*STATEMENT_ITEMS)))
    for n, item in enumerate(chosen):
        text = Paragraph(f"{NUMERALS[n]}是") + vocab.write(item["text"]) + Paragraph("。")
        if len(para) + len(text) > MAX_LENGTH and n >= 2:
            break
        para += text
        statements.append(SynthStatement(kind, text.text, list(item["labels"])))
    return para
