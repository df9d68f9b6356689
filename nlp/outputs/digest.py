"""Follow-through across years (`touming digest`, `nlp.digest`).

For one agency over several years: problems that come back (same label the year before, or the
same words any earlier year), the measures promised for each problem and whether it comes back
the next year, measures copied year after year, plans dated in their own report's year, and
promised dates that have passed. For many agencies of one year: the labels of their problems by
level and by province, and statements near-identical to another agency's (boilerplate).

Every row names its sources: the file, page and offsets (start, end, into the report's text) of
each statement it rests on. The statement a row is about has unprefixed columns; the other one
it names has a prefix: earlier_ (the earlier occurrence), measure_, back_ (the problem back the
next year), later_ (a later report's sentence), other_ (another agency's statement).
Thresholds, date patterns and names are in nlp/data/followup.yaml.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from difflib import SequenceMatcher
from functools import cache

import pandas as pd

from nlp import data
from nlp.checks.year_to_year import agency_core, same_agency_name
from nlp.outputs.compare import (
    MARKER_RE,
    REPEAT_SIMILARITY,
    ReportStatement,
    frame_statements,
    nullable_int,
    nullable_text,
    repeats,
    report_statements,
    sentence_around,
    similarity,
    stale_plans,
)
from nlp.prose.numbers import parse_number
from nlp.schema import Report
from nlp.statements.classify import taxonomy
from nlp.text.overlap import same_report_text
from nlp.text.sentences import SENTENCE_END

WHERE = ("file", "page", "start", "end")  # a source: the file, its page, the offsets into its text
QUOTED = (*WHERE, "year", "text")  # a source as the tables give it
CLAUSE_RE = re.compile(r"[，,、；;：:。！？]")
SENTENCE_RE = re.compile(f"[^{SENTENCE_END}\n]+[{SENTENCE_END}]?")
UNKNOWN = "unknown"

COLUMNS = {
    "statements": ("agency", *QUOTED, "kind", "labels", "lead"),
    "recurring_problems": (
        "agency",
        *QUOTED,
        "labels",
        *(f"earlier_{c}" for c in QUOTED),
        "shared_labels",
        "similarity",
        "same_text",
    ),
    "promised_measures": (
        "agency",
        *QUOTED,
        "labels",
        *(f"measure_{c}" for c in QUOTED),
        "shared_labels",
        "next_year",
        "comes_back",
        *(f"back_{c}" for c in QUOTED),
        "back_similarity",
    ),
    "copied_measures": ("agency", *QUOTED, *(f"earlier_{c}" for c in QUOTED), "similarity", "chain", "first_year"),
    "stale_years": ("agency", *QUOTED),
    "passed_deadlines": (
        "agency",
        *QUOTED,
        "deadline",
        "deadline_start",
        "deadline_end",
        "deadline_year",
        "deadline_month",
        "latest_year",
        "repeated_in",
        "mentioned_later",
        "coverage",
        "clause",
        *(f"later_{c}" for c in QUOTED),
    ),
    "label_distribution": (
        "year",
        "by",
        "group",
        "group_name",
        "label",
        "label_name",
        "problems",
        "naming",
        "reports",
        "share",
        "sources",
    ),
    "reports": ("file", "agency", "printed_agency", "year", "level", "division_code", "followed"),
    "boilerplate": (
        "agency",
        *QUOTED,
        "kind",
        *(f"other_{c}" for c in ("agency", *QUOTED)),
        "similarity",
        "agency_share",
        "boilerplate",
    ),
}
INTEGER_SUFFIXES = ("page", "start", "end", "year", "month")
FLAGS = ("same_text", "comes_back", "mentioned_later", "boilerplate")


def settings() -> dict:
    """Thresholds, date patterns and names: nlp/data/followup.yaml."""
    return data.load("followup")


class AgencyNotFound(ValueError):
    """No report of the agency asked for is among the inputs (the message names those there are)."""


@dataclass(frozen=True)
class ReportText:
    """One report as the digest reads it: who and when, its text, its problems sections, its pages."""

    file: str
    year: int | None
    agency: str | None  # as printed
    agency_key: str  # canonical where known: what agencies are grouped by (as ReportStatement.agency_key)
    level: str | None
    division_code: str | None
    text: str
    problems: tuple[tuple[int, int], ...]  # spans of its problems sections (section 五)
    pages: tuple[tuple[int, int, int], ...] = ()  # (start, end, page) of the spans whose page is known

    def page_at(self, offset: int) -> int | None:
        """The page a character is on, where known."""
        return next((page for start, end, page in self.pages if start <= offset < end), None)


@dataclass(frozen=True)
class Sentence:
    """A sentence of a report's text, quoted as a source."""

    file: str
    page: int | None
    start: int
    end: int
    year: int | None
    text: str


@dataclass(frozen=True)
class Deadline:
    """A date a measure promises, as printed and as a year (and month), and where it is printed."""

    text: str
    year: int
    month: int | None
    start: int  # offsets into the text searched: the report's, for the digest
    end: int


@dataclass
class Corpus:
    """What the digest reads: the reports (one file per report) and their statements."""

    reports: list[ReportText]
    statements: list[ReportStatement]
    copies: list[str] = field(default_factory=list)  # files left out: another file holds the same report


@dataclass
class Series:
    """One agency's reports over the years, and their statements, in order of year."""

    agency: str
    reports: list[ReportText]
    statements: list[ReportStatement]


@dataclass
class Digest:
    """The digest's tables (pandas DataFrames; columns in COLUMNS, sources in every row) and what it read."""

    statements: pd.DataFrame  # every statement read, with its agency (group)
    recurring_problems: pd.DataFrame
    promised_measures: pd.DataFrame
    copied_measures: pd.DataFrame
    stale_years: pd.DataFrame
    passed_deadlines: pd.DataFrame
    label_distribution: pd.DataFrame
    boilerplate: pd.DataFrame
    reports: pd.DataFrame  # file, agency (group), printed agency, year, level, division_code, followed
    agencies: list[str]  # the agencies followed across years
    copies: list[str]  # files left out as copies of another file's report
    years: tuple[int, int] | None  # the years asked for


def digest(source, agency: str | None = None, years: int | Iterable[int] | None = None) -> Digest:
    """The digest of a list of Reports or of a results database's tables (`nlp.load(db)`).
    `agency`: the agency to follow across years (part of its name); default every agency with
    reports of `min_years` years. `years`: the years to read (default all). The one-year
    comparisons (label distribution, boilerplate) keep every agency of those years."""
    chosen = None if years is None else {years} if isinstance(years, int) else set(years)
    corpus = _in_years(corpus_of(source), chosen)
    groups = agency_groups(r.agency_key for r in corpus.reports)
    followed = _followed(corpus, groups, agency)
    series = _series(corpus, groups, followed)
    tables = {
        "statements": [_statement(s, groups) for s in corpus.statements],
        "recurring_problems": [row for s in series for row in recurring_problems(s)],
        "promised_measures": [row for s in series for row in promised_measures(s)],
        "copied_measures": [row for s in series for row in copied_measures(s)],
        "stale_years": [row for s in series for row in stale_years(s)],
        "passed_deadlines": [row for s in series for row in passed_deadlines(s)],
        "label_distribution": label_distribution(corpus),
        "boilerplate": boilerplate(corpus, groups),
    }
    return Digest(
        **{name: _frame(name, rows) for name, rows in tables.items()},
        reports=_reports_frame(corpus, groups, followed),
        agencies=followed,
        copies=corpus.copies,
        years=(min(chosen), max(chosen)) if chosen else None,
    )


def year_range(text: str) -> range:
    """The years a command line names: "2023", or "2011-2025" (both included)."""
    m = re.fullmatch(r"\s*((?:19|20)\d{2})\s*(?:[-–~至]\s*((?:19|20)\d{2}))?\s*", text)
    if not m or int(m[2] or m[1]) < int(m[1]):
        raise ValueError(f"years should be a year or two joined by a dash (2011-2025), not {text!r}")
    return range(int(m[1]), int(m[2] or m[1]) + 1)


def corpus_of(source) -> Corpus:
    """The reports and statements of a list of Reports, or of a database's tables (nlp.load)."""
    if hasattr(source, "statements") and hasattr(source, "reports"):
        return corpus_of_results(source)
    return corpus_of_reports(list(source))


def corpus_of_reports(reports: list[Report]) -> Corpus:
    """Reports read without error, one per report: of files holding the same report (report_id and
    text, nlp/text/overlap.py), the one with the most table cells, as the results database keeps it."""
    kept: dict[str, Report] = {}
    copies = []
    for r in (r for r in reports if r.ok):
        key = r.report.report_id or r.source.path
        if key in kept and not same_report_text(kept[key].text, r.text):
            key = r.source.path  # same id, other text: another report, as the database gives it an id of its own
        if key in kept:
            keep, drop = sorted((kept[key], r), key=lambda x: (-len(x.tables), x.source.sha256 or x.source.path))
            kept[key] = keep
            copies.append(drop.source.path)
        else:
            kept[key] = r
    chosen = list(kept.values())
    return Corpus([_report_text(r) for r in chosen], report_statements(chosen), copies)


def _report_text(r: Report) -> ReportText:
    meta = r.report
    return ReportText(
        file=r.source.path,
        year=meta.year,
        agency=meta.agency,
        agency_key=meta.agency_canonical or meta.agency or r.source.path,
        level=meta.level,
        division_code=meta.division_code,
        text=r.text,
        problems=tuple((s.start, s.end) for s in r.sections if s.kind == "problems"),
        pages=tuple((p.start, p.end, p.page) for p in r.paragraphs if p.page is not None),
    )


def corpus_of_results(results) -> Corpus:
    """The reports and statements of a results database (copies are already left out by nlp.load)."""
    sections = defaultdict(list)
    for s in results.sections.to_dict("records"):
        sections[s["sha256"]].append(s)
    texts = [_stored_report_text(row, sections[row["sha256"]]) for row in results.reports.to_dict("records")]
    return Corpus(texts, frame_statements(results.statements))


def _stored_report_text(row: dict, sections: list[dict]) -> ReportText:
    """A report of the database: pages are known only inside sections on one page (no paragraphs are kept)."""
    one_page = [
        (s, nullable_int(s["page_start"])) for s in sections if nullable_int(s["page_start"]) == nullable_int(s["page_end"])
    ]
    return ReportText(
        file=row["path"],
        year=nullable_int(row["year"]),
        agency=nullable_text(row["agency"]),
        agency_key=nullable_text(row["agency_canonical"]) or nullable_text(row["agency"]) or row["path"],
        level=nullable_text(row["level"]),
        division_code=nullable_text(row["division_code"]),
        text=row["text"] or "",
        problems=tuple((int(s["start"]), int(s["end"])) for s in sections if s["kind"] == "problems"),
        pages=tuple((int(s["start"]), int(s["end"]), page) for s, page in one_page if page is not None),
    )


def _in_years(corpus: Corpus, years: set[int] | None) -> Corpus:
    """The corpus without the reports (and statements) of other years, or of no known year."""
    keep = (lambda y: y in years) if years is not None else (lambda y: y is not None)
    return Corpus([r for r in corpus.reports if keep(r.year)], [s for s in corpus.statements if keep(s.year)], corpus.copies)


def agency_groups(keys: Iterable[str]) -> dict[str, str]:
    """Each agency name → its group's name: names that are one agency by year_to_year.same_agency_name
    (once 人民政府… is left out, the shorter name ends the longer: 洪泽区 of 江苏省淮安市洪泽区) go
    under the one with the longest core."""
    group: dict[str, str] = {}
    ends: dict[str, str] = {}  # every ending (2 characters or more) of a name's core → the longest name with it
    for core, name in sorted(((agency_core(n), n) for n in set(keys)), key=lambda cn: (-len(cn[0]), cn[1])):
        group[name] = group[ends[core]] if core in ends else name
        for i in range(len(core) - 1):
            ends.setdefault(core[i:], name)
    return group


def _followed(corpus: Corpus, groups: dict[str, str], agency: str | None) -> list[str]:
    """The agencies followed: every agency with reports of min_years years, or the one asked for (by
    same_agency_name, else every agency whose name holds it)."""
    years: dict[str, set[int]] = defaultdict(set)
    for r in corpus.reports:
        years[groups[r.agency_key]].add(r.year)
    if agency is None:
        return sorted(g for g, ys in years.items() if len(ys) >= settings()["min_years"])
    exact = {g for key, g in groups.items() if same_agency_name(agency, key)}
    found = exact or {g for key, g in groups.items() if agency_core(agency) in key}
    if not found:
        raise AgencyNotFound(f"no report of {agency} in the inputs; their agencies: {', '.join(sorted(years)) or 'none'}")
    return sorted(found)


def _series(corpus: Corpus, groups: dict[str, str], followed: list[str]) -> list[Series]:
    """The followed agencies' reports and statements, each in order of year."""
    reports: dict[str, list[ReportText]] = {agency: [] for agency in followed}
    statements: dict[str, list[ReportStatement]] = {agency: [] for agency in followed}
    for r in corpus.reports:
        reports.get(groups[r.agency_key], []).append(r)
    for s in corpus.statements:
        statements.get(groups[s.agency_key], []).append(s)
    return [
        Series(
            agency,
            sorted(reports[agency], key=lambda r: r.year),
            sorted(statements[agency], key=lambda s: (s.year, s.file, s.start)),
        )
        for agency in followed
    ]


def recurring_problems(series: Series) -> list[dict]:
    """Each problem that recurs: against the previous year's problem sharing a label with it (the
    most similar one per label), and against the most recent earlier problem in nearly the same
    words (compare.repeats)."""
    problems = [s for s in series.statements if s.kind == "problem"]
    same_words = {_key(rep.later): rep.earlier for rep in repeats(problems)}
    rows = []
    for p in problems:
        earlier = _label_matches(p, [e for e in problems if e.year == _previous_year(series, p.year)])
        if _key(p) in same_words:
            earlier.setdefault(_key(same_words[_key(p)]), same_words[_key(p)])
        rows += [_recurrence(series.agency, p, e) for e in earlier.values()]
    return rows


def _statement(s: ReportStatement, groups: dict[str, str]) -> dict:
    """A statement as a row of the statements table."""
    return {"agency": groups[s.agency_key], **_quote(s), "kind": s.kind, "labels": list(s.labels), "lead": s.lead}


def _label_matches(p: ReportStatement, candidates: list[ReportStatement]) -> dict[tuple, ReportStatement]:
    """For each of p's labels, the candidate with that label most similar to p."""
    found = {}
    for label in p.labels:
        with_label = [c for c in candidates if label in c.labels]
        if with_label:
            best = max(with_label, key=lambda c: similarity(p.text, c.text))
            found[_key(best)] = best
    return found


def _recurrence(agency: str, p: ReportStatement, e: ReportStatement) -> dict:
    score = similarity(p.text, e.text)
    return {
        "agency": agency,
        **_quote(p),
        "labels": list(p.labels),
        **_quote(e, "earlier_"),
        "shared_labels": _shared(p, e),
        "similarity": round(score, 3),
        "same_text": score >= REPEAT_SIMILARITY,
    }


def _previous_year(series: Series, year: int) -> int | None:
    """The year before, when the agency has a report of it."""
    return year - 1 if any(r.year == year - 1 for r in series.reports) else None


def _next_year(series: Series, year: int) -> int | None:
    """The year after, when the agency has a report of it."""
    return year + 1 if any(r.year == year + 1 for r in series.reports) else None


def promised_measures(series: Series) -> list[dict]:
    """Each problem with each measure of its report sharing a label with it (none: one row without
    a measure), and whether the problem comes back in the next report: a problem there with one
    of its labels or in nearly its words (the closest such, as back_)."""
    rows = []
    for p in (s for s in series.statements if s.kind == "problem"):
        measures = [m for m in series.statements if m.kind == "measure" and m.file == p.file and _shared(p, m)]
        next_year = _next_year(series, p.year)
        back = _comes_back(p, [s for s in series.statements if s.kind == "problem" and s.year == next_year])
        common = {"agency": series.agency, **_quote(p), "labels": list(p.labels), "next_year": next_year}
        common |= {"comes_back": None if next_year is None else back is not None, **_back(p, back)}
        rows += [{**common, **_measure(p, m)} for m in measures] or [{**common, **_measure(p, None)}]
    return rows


def _comes_back(p: ReportStatement, candidates: list[ReportStatement]) -> ReportStatement | None:
    """The candidate that is p again: one in nearly its words, else the most similar one sharing a label."""
    back = [c for c in candidates if _shared(p, c) or _same_text(p, c)]
    return max(back, key=lambda c: (_same_text(p, c), similarity(p.text, c.text)), default=None)


def _back(p: ReportStatement, back: ReportStatement | None) -> dict:
    if back is None:
        return {**{f"back_{c}": None for c in QUOTED}, "back_similarity": None}
    return {**_quote(back, "back_"), "back_similarity": round(similarity(p.text, back.text), 3)}


def _measure(p: ReportStatement, m: ReportStatement | None) -> dict:
    where = {f"measure_{c}": getattr(m, c) if m else None for c in QUOTED}
    return {**where, "shared_labels": _shared(p, m) if m else []}


def copied_measures(series: Series) -> list[dict]:
    """Measures repeated nearly word for word from an earlier year's measure, each against the most
    recent such year (compare.repeats), with the chain of years the text runs through."""
    found = repeats(s for s in series.statements if s.kind == "measure")
    earlier_of = {_key(rep.later): rep.earlier for rep in found}
    rows = []
    for rep in found:
        chain = _chain(rep.later, earlier_of)
        row = {"agency": series.agency, **_quote(rep.later), **_quote(rep.earlier, "earlier_"), "similarity": rep.similarity}
        rows.append({**row, "chain": chain, "first_year": chain[0]})
    return rows


def _chain(st: ReportStatement, earlier_of: dict[tuple, ReportStatement]) -> list[int]:
    """The years a copied statement runs through, from the first that has it."""
    years = [st.year]
    while (st := earlier_of.get(_key(st))) is not None:
        years.append(st.year)
    return years[::-1]


def stale_years(series: Series) -> list[dict]:
    """Plans dated in the year their report covers (compare.stale_plans): last year's plans copied
    without changing the year."""
    rows = []
    for r in series.reports:
        for start, end in r.problems:
            for s in stale_plans(r.agency or r.file, r.file, r.year, r.text, start, end):
                source = Sentence(r.file, r.page_at(s.start), s.start, s.end, r.year, s.text)
                rows.append({"agency": series.agency, **_quote(source)})
    return rows


def passed_deadlines(series: Series) -> list[dict]:
    """Measures promising a date (data: deadlines) earlier than the latest report's year: a date the
    measure names, else one the words introducing the measures name ("2016年，我们将采取以下措施…");
    the later years that repeat the measure nearly word for word; and the later sentence, outside
    those repeats, that mentions the promise best (mentioned_later: it holds enough of one of the
    promise's clauses, data: mention_coverage)."""
    latest = max(r.year for r in series.reports)
    rows = []
    for r in series.reports:
        mine = [s for s in series.statements if s.file == r.file]
        intro = _intro_deadlines(r, mine)
        for m in (s for s in mine if s.kind == "measure"):
            for d in deadlines(r.text, r.year, m.start, m.end) or intro:
                if d.year < latest:
                    rows.append({"agency": series.agency, **_quote(m), **_deadline(d, latest), **_follow_up(series, m, d)})
    return rows


def _intro_deadlines(r: ReportText, statements: list[ReportStatement]) -> list[Deadline]:
    """The dates printed between the report's problems and its first measure, which date all its measures."""
    measures = [s.start for s in statements if s.kind == "measure"]
    if not measures:
        return []
    first = min(measures)
    section = next(((a, b) for a, b in r.problems if a <= first < b), (first, first))
    start = max([s.end for s in statements if s.kind == "problem" and s.end <= first] + [section[0]])
    return deadlines(r.text, r.year, start, first)


def _follow_up(series: Series, m: ReportStatement, d: Deadline) -> dict:
    """The later years that repeat a promise, and the later sentence that mentions it best."""
    later = [r for r in series.reports if r.year > m.year]
    copies = [s for s in series.statements if s.year > m.year and _same_text(m, s)]
    return {"repeated_in": sorted({s.year for s in copies}), **_mention(m, d, later, copies)}


def _same_text(a: ReportStatement, b: ReportStatement) -> bool:
    """Whether two statements of one kind say the same thing in nearly the same words."""
    return a.kind == b.kind and similarity(a.text, b.text, REPEAT_SIMILARITY) >= REPEAT_SIMILARITY


def deadlines(text: str, report_year: int, start: int = 0, end: int | None = None) -> list[Deadline]:
    """The dates promised in text[start:end], in order; where two patterns find one date, the first found."""
    end = len(text) if end is None else end
    found: list[Deadline] = []
    for spec in settings()["deadlines"]:
        for m in re.compile(spec["pattern"]).finditer(text, start, end):
            if not any(d.start < m.end() and m.start() < d.end for d in found):
                found.append(_deadline_of(m, spec, report_year))
    return sorted(found, key=lambda d: d.start)


def _deadline_of(m: re.Match, spec: dict, report_year: int) -> Deadline:
    """The date a pattern found: the year printed, or counted from the report's year."""
    groups = m.groupdict()
    year = int(groups["year"]) if groups.get("year") else report_year + spec["years_after_report"]
    month = parse_number(groups["month"]) if groups.get("month") else None
    return Deadline(m.group(), year, int(month) if month else None, m.start(), m.end())


def _deadline(d: Deadline, latest: int) -> dict:
    """A promised date as columns: as printed, where (offsets into the measure's report), when."""
    return {
        "deadline": d.text,
        "deadline_start": d.start,
        "deadline_end": d.end,
        "deadline_year": d.year,
        "deadline_month": d.month,
        "latest_year": latest,
    }


def _mention(m: ReportStatement, d: Deadline, later: list[ReportText], copies: list[ReportStatement]) -> dict:
    """The later sentence that holds the most of one clause of the promise, the sentences of its
    copies left out (none: no later report)."""
    if not later:
        return {"mentioned_later": None, "coverage": None, "clause": None, **{f"later_{c}": None for c in QUOTED}}
    clauses = promise_clauses(m, d)
    candidates = [s for r in later for s in sentences(r) if not any(_overlap(s, copy) for copy in copies)]
    score, clause, sentence = _best_coverage(clauses, candidates)
    return {
        "mentioned_later": score >= settings()["mention_coverage"],
        "coverage": round(score, 3),
        "clause": clause,
        **(_quote(sentence, "later_") if sentence else {f"later_{c}": None for c in QUOTED}),
    }


def _best_coverage(clauses: list[str], candidates: list[Sentence]) -> tuple[float, str | None, Sentence | None]:
    """The clause and sentence with the highest coverage; a pair whose characters alone cannot beat the
    best so far is not compared."""
    best: tuple[float, str | None, Sentence | None] = (0.0, None, None)
    for s in candidates:
        have = Counter(s.text)
        for c in clauses:
            if sum((Counter(c) & have).values()) / len(c) > best[0]:
                score = _coverage(c, s.text)
                if score > best[0]:
                    best = (score, c, s)
    return best


def _overlap(s: Sentence, st: ReportStatement) -> bool:
    """Whether a sentence and a statement share characters of one report."""
    return s.file == st.file and s.start < st.end and st.start < s.end


def promise_clauses(m: ReportStatement, d: Deadline) -> list[str]:
    """The clauses of the promise, its marker and the date words left out: of the measure's sentence
    naming the deadline, or of its first sentence when the deadline is printed before the measures."""
    at = d.start - m.start if m.start <= d.start < m.end else 0
    a, b = sentence_around(m.text, at, at)
    sentence = MARKER_RE.sub("", m.text[a:b].replace(d.text, "，"))
    return [c for c in CLAUSE_RE.split(sentence) if len(c.strip()) >= settings()["min_clause_chars"]]


def sentences(r: ReportText) -> list[Sentence]:
    """The report's sentences outside tables (rows of cells are tab-separated)."""
    return [
        Sentence(r.file, r.page_at(m.start()), m.start(), m.end(), r.year, m.group())
        for m in SENTENCE_RE.finditer(r.text)
        if "\t" not in m.group() and len(m.group().strip()) >= settings()["min_clause_chars"]
    ]


def _coverage(clause: str, sentence: str) -> float:
    """The share of the clause's characters the sentence holds in the same order."""
    blocks = SequenceMatcher(None, clause, sentence, autojunk=False).get_matching_blocks()
    return sum(b.size for b in blocks) / len(clause)


def label_distribution(corpus: Corpus) -> list[dict]:
    """For each year, level or province, and label: the problems with that label, how many of the
    group's reports name it, out of how many, and the statements (sources)."""
    names = settings()
    report_of = {r.file: r for r in corpus.reports}
    rows = []
    for by, group_of, group_names in (("level", _level, names["levels"]), ("province", _province, names["provinces"])):
        reports = Counter((r.year, group_of(r)) for r in corpus.reports)
        cells: dict[tuple, list[ReportStatement]] = defaultdict(list)
        for s in corpus.statements:
            if s.kind == "problem" and s.file in report_of:
                for label in s.labels:
                    cells[(s.year, group_of(report_of[s.file]), label)].append(s)
        for (year, group, label), found in sorted(cells.items()):
            naming = len({s.file for s in found})
            rows.append(
                {
                    "year": year,
                    "by": by,
                    "group": group,
                    "group_name": group_names.get(group, group),
                    "label": label,
                    "label_name": label_names().get(label, label),
                    "problems": len(found),
                    "naming": naming,
                    "reports": reports[(year, group)],
                    "share": round(naming / reports[(year, group)], 3),
                    "sources": [_quote(s) for s in found],
                }
            )
    return rows


def _level(r: ReportText) -> str:
    """The report's level (nlp/structure/agency.py), or unknown."""
    return r.level or UNKNOWN


def _province(r: ReportText) -> str:
    """The first two digits of the report's division code, or unknown."""
    code = r.division_code or ""
    return code[:2] if code[:2] in settings()["provinces"] else UNKNOWN


@cache
def label_names() -> dict[str, str]:
    """Label id → its Chinese name (nlp/data/taxonomy.yaml), in the taxonomy's order."""
    return {label["id"]: label["name"] for label in taxonomy()}


def boilerplate(corpus: Corpus, groups: dict[str, str]) -> list[dict]:
    """Statements near-identical to a statement of another agency of the same year, each with the
    closest such; agency_share: the share of its agency-year's statements that are, and boilerplate
    when that reaches boilerplate_share."""
    statements = corpus.statements
    group_of = [groups[s.agency_key] for s in statements]
    best = _closest_of_other_agencies(statements, group_of)
    totals = Counter((group_of[i], s.year) for i, s in enumerate(statements))
    matched = Counter((group_of[i], statements[i].year) for i in best)
    rows = []
    for i, (score, j) in sorted(best.items()):
        share = matched[(group_of[i], statements[i].year)] / totals[(group_of[i], statements[i].year)]
        rows.append(
            {
                "agency": group_of[i],
                **_quote(statements[i]),
                "kind": statements[i].kind,
                "other_agency": group_of[j],
                **_quote(statements[j], "other_"),
                "similarity": round(score, 3),
                "agency_share": round(share, 3),
                "boilerplate": share >= settings()["boilerplate_share"],
            }
        )
    return rows


def _closest_of_other_agencies(statements: list[ReportStatement], group_of: list[str]) -> dict[int, tuple[float, int]]:
    """Statement index → (similarity, index) of the closest statement of another agency of the same
    year, for those with one at boilerplate_similarity or above."""
    by_year: dict[int, list[int]] = defaultdict(list)
    for i, s in enumerate(statements):
        by_year[s.year].append(i)
    best: dict[int, tuple[float, int]] = {}
    for ids in by_year.values():
        best |= _identical_elsewhere(ids, statements, group_of)
        for a, b in candidate_pairs([statements[i].text for i in ids]):
            i, j = ids[a], ids[b]
            if group_of[i] == group_of[j] or (i in best and j in best):
                continue  # one agency's, or both already word for word another agency's
            score = similarity(statements[i].text, statements[j].text, settings()["boilerplate_similarity"])
            if score >= settings()["boilerplate_similarity"]:
                for x, y in ((i, j), (j, i)):
                    if score > best.get(x, (0.0, -1))[0]:
                        best[x] = (score, y)
    return best


def _identical_elsewhere(ids: list[int], statements: list[ReportStatement], group_of: list[str]) -> dict[int, tuple[float, int]]:
    """The statements another agency prints word for word (markers and spaces aside): index → (1.0, that
    statement's index). Found by their text, however many agencies share it."""
    by_text: dict[str, list[int]] = defaultdict(list)
    for i in ids:
        by_text[_flat(statements[i].text)].append(i)
    found = {}
    for same in by_text.values():
        for i in same:
            other = next((j for j in same if group_of[j] != group_of[i]), None)
            if other is not None:
                found[i] = (1.0, other)
    return found


def candidate_pairs(texts: list[str]) -> set[tuple[int, int]]:
    """Pairs (i < j) of texts sharing a piece that is not a formula of the genre (common_shingle): the
    only ones that can be near-identical, found without comparing every pair."""
    size, common = settings()["shingle"], settings()["common_shingle"]
    postings: dict[str, list[int]] = defaultdict(list)
    for i, text in enumerate(texts):
        flat = _flat(text)
        for piece in {flat[k : k + size] for k in range(max(len(flat) - size + 1, 1))}:
            postings[piece].append(i)
    pairs = set()
    for ids in postings.values():
        if len(ids) <= common:
            pairs.update((a, b) for n, a in enumerate(ids) for b in ids[n + 1 :])
    return pairs


def _flat(text: str) -> str:
    """A statement's text without its item marker and spaces."""
    return re.sub(r"\s", "", MARKER_RE.sub("", text))


def _key(st: ReportStatement) -> tuple[str, int, int]:
    """A statement's identity: its file and offsets."""
    return st.file, st.start, st.end


def _shared(a: ReportStatement, b: ReportStatement) -> list[str]:
    """The labels of a that b has too."""
    return [label for label in a.labels if label in b.labels]


def _quote(source, prefix: str = "") -> dict:
    """A statement or sentence as the columns of its source: file, page, start, end, year, text."""
    return {f"{prefix}{c}": getattr(source, c) for c in QUOTED}


def _frame(name: str, rows: list[dict]) -> pd.DataFrame:
    """A table with its columns in order, even when empty; page, offsets and years as integers, flags
    as booleans (both nullable: NA where unknown)."""
    frame = pd.DataFrame(rows, columns=list(COLUMNS[name]))
    for column in frame.columns:
        if column.endswith(INTEGER_SUFFIXES):
            frame[column] = frame[column].astype("Int64")
        elif column in FLAGS:
            frame[column] = frame[column].astype("boolean")
    return frame


def _reports_frame(corpus: Corpus, groups: dict[str, str], followed: list[str]) -> pd.DataFrame:
    """What was read: one row per report, with its agency (group) and whether it is followed across years."""
    rows = [
        {
            "file": r.file,
            "agency": groups[r.agency_key],
            "printed_agency": r.agency,
            "year": r.year,
            "level": r.level,
            "division_code": r.division_code,
            "followed": groups[r.agency_key] in followed,
        }
        for r in sorted(corpus.reports, key=lambda r: (groups[r.agency_key], r.year))
    ]
    return _frame("reports", rows)
