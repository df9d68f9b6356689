"""Recognise section headings (一、总体情况) and sub-points (（一）…) at the start of a paragraph."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from nlp import data
from nlp.text.sentences import SENTENCE_END

NUMERALS = "一二三四五六七八九十"
SECTION_RE = re.compile(rf"^(?P<num>[{NUMERALS}]{{1,3}})\s*[、.．]\s*(?P<rest>\S.*)", re.S)
SUBPOINT_RE = re.compile(rf"^[（(]\s*(?P<num>[{NUMERALS}]{{1,3}})\s*[）)]\s*(?P<rest>.*)", re.S)
TITLE_STOP_RE = re.compile(r"[。；;：:，,（(\t\n！？]")
# A sub-point's lead phrase ends at a sentence mark, or where run-on text starts a list item
# ("1、") or a new sentence with a year ("2012年，") straight after it.
SUBPOINT_TITLE_STOP_RE = re.compile(r"[。：:；;！？]|\d+[、.．](?!\d)|(?<=[\u4e00-\u9fff])(19|20)\d{2}年")


@dataclass(frozen=True)
class Heading:
    level: int  # 1: section (一、), 2: sub-point (（一）)
    number: str | None  # the numeral as printed, e.g. "一"; None for an unnumbered bold heading
    value: int | None  # 1 for 一
    title: str
    end: int  # offset in the paragraph where the heading text ends
    run_in: bool  # body text follows the heading in the same paragraph


@dataclass(frozen=True)
class SectionVocabulary:
    kinds: list[tuple[str, list[str]]]
    title_ends: list[str]
    not_titles: list[str]
    not_subpoint_titles: list[str]
    table_kinds: list[str]
    lost_heading_kinds: list[str]
    known_titles: list[str]
    appendix: re.Pattern[str]
    max_title_chars: int

    def kind_of(self, title: str) -> str | None:
        for kind, patterns in self.kinds:
            if any(p in title for p in patterns):
                return kind
        return None


@cache
def vocabulary() -> SectionVocabulary:
    spec = data.load("sections")
    return SectionVocabulary(
        kinds=[(k["kind"], k["patterns"]) for k in spec["kinds"]],
        title_ends=spec["title_ends"],
        not_titles=spec["not_titles"],
        not_subpoint_titles=spec["not_subpoint_titles"],
        table_kinds=spec["table_kinds"],
        lost_heading_kinds=spec["lost_heading_kinds"],
        known_titles=sorted(spec["known_titles"], key=len, reverse=True),
        appendix=re.compile(spec["appendix"]),
        max_title_chars=spec["max_title_chars"],
    )


def numeral_value(num: str) -> int:
    """一 → 1, 十 → 10, 十二 → 12, 二十一 → 21."""
    digits = {c: i + 1 for i, c in enumerate(NUMERALS[:9])}
    if "十" not in num:
        return digits.get(num, 0)
    tens, _, ones = num.partition("十")
    return digits.get(tens, 1) * 10 + digits.get(ones, 0)


def parse_section_heading(text: str, *, bold: bool = False, marked: bool = False) -> Heading | None:
    """A top-level heading at the start of `text`, numbered (一、…) or, if bold/marked, unnumbered."""
    vocab = vocabulary()
    m = SECTION_RE.match(text)
    if m:
        title, end, run_in = _title(m.group("rest"), m.start("rest"), text, vocab)
        if not title or any(t in title for t in vocab.not_titles) or SUBPOINT_RE.match(title):
            return None  # "三、（一）予以公开…" is the label of a table row, not a heading
        num = m.group("num")
        return Heading(1, num, numeral_value(num), title, end, run_in)
    if (bold or marked) and _is_short_line(text, vocab) and _starts_with_known_title(text, vocab):
        return Heading(1, None, None, text.strip().rstrip("：:"), len(text), False)
    m = vocab.appendix.match(text)
    if m:
        return Heading(1, None, None, m.group("title"), m.end(), m.end() < len(text))
    return None


def _starts_with_known_title(text: str, vocab: SectionVocabulary) -> bool:
    return any(text.startswith(t) for t in vocab.known_titles)


def parse_subpoint(text: str) -> Heading | None:
    """A sub-point marker （一） at the start of `text`; its title runs to the first 。 or ：."""
    m = SUBPOINT_RE.match(text)
    if not m:
        return None
    rest = m.group("rest")
    stop = SUBPOINT_TITLE_STOP_RE.search(rest)
    title = rest[: stop.start()] if stop else rest
    title = title[: vocabulary().max_title_chars].strip()
    if any(re.match(rf"{t}(?![\u4e00-\u9fff])", title) for t in vocabulary().not_subpoint_titles):
        return None
    end = m.start("rest") + (stop.end() if stop else len(rest))
    num = m.group("num")
    return Heading(2, f"（{num}）", numeral_value(num), title, end, end < len(text))


def _title(rest: str, offset: int, text: str, vocab: SectionVocabulary) -> tuple[str, int, bool]:
    """(title, end offset in text, run_in) for the words after a heading number; '' if no title."""
    known = next((t for t in vocab.known_titles if rest.startswith(t)), None)
    if known:
        end = offset + len(known)
        return known, end, bool(text[end:].strip())
    whole = rest.strip()
    if _is_short_line(whole, vocab):
        return whole.rstrip("：:"), len(text), False
    stop = TITLE_STOP_RE.search(rest)
    region = rest[: stop.start()] if stop else rest
    region = region[: vocab.max_title_chars + 10]
    cut = max((region.rfind(w) + len(w) for w in vocab.title_ends if w in region), default=-1)
    if cut <= 0 or cut > vocab.max_title_chars:
        return "", 0, False
    return region[:cut], offset + cut, True


def _is_short_line(text: str, vocab: SectionVocabulary) -> bool:
    text = text.strip()
    return 0 < len(text) <= vocab.max_title_chars and not any(p in text for p in SENTENCE_END) and "\t" not in text


def completes_heading(first: str, second: str) -> bool:
    """Is `second` the rest of a heading whose beginning is `first` (a title cut by a line or page end)?"""
    heading = parse_section_heading(first.strip())
    if heading is None or heading.run_in:
        return False
    rest = second.strip()
    return any(
        t.startswith(heading.title) and len(t) > len(heading.title) and rest.startswith(t[len(heading.title) :])
        for t in vocabulary().known_titles
    )


def looks_like_heading_start(text: str) -> bool:
    """Does `text` open with a section or sub-point marker (used when rebuilding paragraphs)?"""
    return bool(SECTION_RE.match(text) or SUBPOINT_RE.match(text))
