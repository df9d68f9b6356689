"""Is a document a 政府信息公开工作年度报告? Weigh the evidence named in nlp/data/evidence.yaml."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from nlp import data
from nlp.ingest.document import Document
from nlp.schema import Section

SPACES_RE = re.compile(r"\s+")


@dataclass(frozen=True)
class Clue:
    """One piece of evidence found: its kind, its name in the data file, and what it counts."""

    kind: str
    name: str
    weight: float


@dataclass(frozen=True)
class Kind:
    """A kind of evidence: where to look, its clues, and what each and all of them may count."""

    name: str
    describe: str
    where: str
    weight: float
    cap: float
    clues: dict[str, re.Pattern[str]]


@dataclass(frozen=True)
class Verdict:
    """The evidence found in a document, its score and the score a report needs."""

    score: float
    threshold: float
    found: tuple[Clue, ...]
    missing: tuple[str, ...]  # descriptions of the kinds of evidence not found at all

    @property
    def is_report(self) -> bool:
        """Is there enough evidence to take the document for a report?"""
        return self.score >= self.threshold

    def explain(self) -> str:
        """A sentence saying what was found and what was missing."""
        found = "、".join(f"{c.name}（{c.kind} +{c.weight:g}）" for c in self.found) or "nothing"
        return (
            f"not a 政府信息公开工作年度报告: the evidence scores {self.score:g}, a report needs {self.threshold:g}; "
            f"found: {found}; missing: {'；'.join(self.missing)}"
        )


@dataclass(frozen=True)
class _Spec:
    threshold: float
    kinds: tuple[Kind, ...]
    title_paragraphs: int
    title_max_chars: int
    title_not_words: tuple[str, ...]
    title_after_chars: int
    breadcrumb_separator: str
    page_title_separators: tuple[str, ...]


@cache
def _spec() -> _Spec:
    """The data file, its patterns compiled."""
    spec = data.load("evidence")
    kinds = tuple(
        Kind(
            name=name,
            describe=k["describe"],
            where=k["where"],
            weight=k["weight"],
            cap=k["cap"],
            clues={clue: re.compile(pattern) for clue, pattern in k["clues"].items()},
        )
        for name, k in spec["kinds"].items()
    )
    title = spec["title"]
    return _Spec(
        threshold=spec["threshold"],
        kinds=kinds,
        title_paragraphs=title["paragraphs"],
        title_max_chars=title["max_chars"],
        title_not_words=tuple(title["not_words"]),
        title_after_chars=title["after_chars"],
        breadcrumb_separator=title["breadcrumb_separator"],
        page_title_separators=tuple(title["page_title_separators"]),
    )


def weigh_evidence(doc: Document, sections: list[Section]) -> Verdict:
    """Find the clues of every kind in `doc` and add up their weights, each kind up to its cap."""
    spec = _spec()
    places = _places(doc, sections)
    found: list[Clue] = []
    missing: list[str] = []
    for kind in spec.kinds:
        names = [name for name, pattern in kind.clues.items() if any(pattern.search(t) for t in places[kind.where])]
        found += _capped(kind, names)
        missing += [] if names else [kind.describe]
    score = sum(c.weight for c in found)
    return Verdict(score=score, threshold=spec.threshold, found=tuple(found), missing=tuple(missing))


def _capped(kind: Kind, names: list[str]) -> list[Clue]:
    """One clue per name found, the last ones cut down so that the kind adds no more than its cap."""
    clues: list[Clue] = []
    left = kind.cap
    for name in names:
        weight = min(kind.weight, left)
        if weight <= 0:
            break
        clues.append(Clue(kind=kind.name, name=name, weight=weight))
        left -= weight
    return clues


def _places(doc: Document, sections: list[Section]) -> dict[str, list[str]]:
    """The texts each `where` of the data file looks in, whitespace removed."""
    evidenced = _evidenced_sections(sections)
    rows = [doc.text[p.start : p.end] for p in doc.paragraphs if p.is_table_row]
    places = {
        "title": _titles(doc),
        "headings": [s.title for s in sections if s.title],
        "subpoints": [p.title for s in evidenced for p in s.subpoints],
        "tables": rows + [doc.text[s.start : s.end] for s in evidenced],
        "text": [doc.text],
    }
    return {where: [_squash(t) for t in texts] for where, texts in places.items()}


def _evidenced_sections(sections: list[Section]) -> list[Section]:
    """The sections whose heading is a clue: sub-points count only under a report's own heading."""
    headings = [k for k in _spec().kinds if k.where == "headings"]
    return [s for s in sections if s.title and any(p.search(_squash(s.title)) for k in headings for p in k.clues.values())]


def _titles(doc: Document) -> list[str]:
    """Report titles near the top: a paragraph, two joined (a title split over two lines), the last
    item of a breadcrumb (the page's place on its site), or the web page's title."""
    spec = _spec()
    tops = [_squash(doc.text[p.start : p.end]) for p in doc.paragraphs[: spec.title_paragraphs] if not p.is_table_row]
    crumbs = [t.rsplit(spec.breadcrumb_separator, 1)[-1] for t in tops if spec.breadcrumb_separator in t]
    pairs = [a + b for a, b in zip(tops, tops[1:]) if len(a + b) <= spec.title_max_chars]
    candidates = tops + pairs + crumbs + [_page_title(doc.hints.get("title", ""))]
    return [t for t in candidates if _is_title(t)]


def _page_title(hint: str) -> str:
    """A web page's title without the site name after a separator."""
    for sep in _spec().page_title_separators:
        hint = hint.split(sep)[0]
    return _squash(hint)


def _is_title(line: str) -> bool:
    """Does the line start with a report title, and is it nothing else when it is short?"""
    spec = _spec()
    title_kind = next(k for k in spec.kinds if k.where == "title")
    for pattern in title_kind.clues.values():
        m = pattern.match(line)
        if m and (m.end() == len(line) or len(line) > spec.title_max_chars):
            around = line[: m.end() + spec.title_after_chars]
            return not any(w in around for w in spec.title_not_words)
    return False


def _squash(text: str) -> str:
    """The text without whitespace (a label broken over lines reads whole)."""
    return SPACES_RE.sub("", text)
