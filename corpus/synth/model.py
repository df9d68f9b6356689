"""What a synthetic report is: its sections, table values and the facts planted in its prose."""
from __future__ import annotations

from dataclasses import dataclass, field

TableValue = int | float | None


@dataclass
class SynthFigure:
    """A figure stated in the prose, with where it stands and what it means."""

    field: str | None      # catalog field of docs/domain.md, or None for a figure of no field
    value: float | int     # normalised value (1万余条 -> 10000)
    unit: str              # 条, 件, %, 元 …
    qualifier: str         # exact | more_than | at_least | about | nearly
    text: str              # as printed, e.g. "3000余条", "近3000条", "99.73%", "未收取"
    section: str | None    # section number (一 … 六) or None for the preamble
    paragraph: int         # index into that section's paragraphs
    start: int             # character span of `text` inside the paragraph
    end: int


@dataclass
class SynthStatement:
    """One problem or improvement measure of section 五 (an 一是… item)."""

    kind: str              # problem | measure
    text: str              # the item as printed, e.g. "一是依法主动公开意识有待增强，…。"
    labels: list[str]      # taxonomy labels of docs/domain.md


@dataclass
class SynthSection:
    kind: str              # preamble|overview|proactive|applications|review_litigation|problems|other
    number: str | None     # 一 … 六
    heading: str | None    # e.g. "一、总体情况"
    paragraphs: list[str]  # clean expected paragraphs; sub-point paragraphs start with "（一）…"
    table: str | None      # "t2" | "t3" | "t4" for the section that holds that table


@dataclass
class SynthReport:
    agency: str
    year: int
    title: str
    sections: list[SynthSection]
    tables: dict[str, TableValue]
    planted_error: str | None
    seed: int | None = None
    figures: list[SynthFigure] = field(default_factory=list)
    statements: list[SynthStatement] = field(default_factory=list)

    def section(self, kind: str) -> SynthSection:
        """The first section of this kind."""
        return next(s for s in self.sections if s.kind == kind)
