"""Accuracy against the hand-made gold of this checkout (corpus/gold/, corpus/annotations/): what `touming eval` prints.

A development module, not part of the installed package: it reads the corpus beside it, so every
path below is computed from this file, never from the working directory.
"""

from __future__ import annotations

import csv
import json
import re
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field, fields
from functools import cache
from pathlib import Path
from typing import Self

import yaml
from spacy.language import Language
from spacy.tokens import Span
from spacy.training import Example
from spacy.util import filter_spans

from corpus.gold.anchors import quote, span
from nlp.ingest import read_document
from nlp.pipeline import extract
from nlp.prose import spacy_pipeline
from nlp.prose.mentions import find_mentions
from nlp.schema import Report
from nlp.statements.classify import assigned, classify, labels, reload_textcat

CHECKOUT = Path(__file__).resolve().parents[1]
CORPUS = CHECKOUT / "corpus"
GOLD = CORPUS / "gold"  # one folder per evaluation: tables, mentions, statements (stand-off: see gold/anchors.py)
ANNOTATIONS = CORPUS / "annotations"
HELDOUT = ANNOTATIONS / "heldout.jsonl"  # annotated sentences never trained on: NER entities and figures
REAL = CHECKOUT.parent / "shared" / "corpus" / "real"  # the real reports, shared beside the checkout

DECIMALS = 3  # places of the scores recorded in the model cards and scores files
SAME_VALUE = 1e-6  # two figures are equal when their values differ by less
IMPLICIT = "implicit"  # the qualifier of a zero stated in words: a field's evidence, not a printed figure
SPACE_RE = re.compile(r"\s+")


# Scores: the one place precision, recall, F1, macro-F1 and accuracy are computed.


def ratio(part: int, whole: int, empty: float = 1.0) -> float:
    """part / whole, or `empty` when there is nothing to count (by default: nothing to get wrong)."""
    return part / whole if whole else empty


@dataclass(frozen=True)
class Scores:
    """Precision, recall and F1 of what was found against gold."""

    precision: float
    recall: float
    f1: float

    @classmethod
    def from_counts(cls, right: int, found: int, gold: int, empty: float = 1.0) -> Scores:
        """Scores of `right` correct items among `found` against `gold` items; a ratio of nothing is `empty`."""
        p, r = ratio(right, found, empty), ratio(right, gold, empty)
        return cls(p, r, 2 * p * r / (p + r) if p + r else 0.0)

    def rounded(self) -> dict[str, float]:
        """{"p", "r", "f"} rounded as recorded."""
        return {"p": round(self.precision, DECIMALS), "r": round(self.recall, DECIMALS), "f": round(self.f1, DECIMALS)}


def macro_f1(per_label: dict[str, dict[str, float]]) -> float:
    """The mean of the recorded (rounded) per-label F1, rounded."""
    return round(sum(v["f"] for v in per_label.values()) / len(per_label), DECIMALS)


class Summable:
    """A dataclass score of one file whose counts add up over many files."""

    @classmethod
    def total(cls, scores: list[Self], file: str = "all") -> Self:
        """One score named `file` with the counts of `scores` summed and their messages joined."""
        whole = cls(file)
        for score in scores:
            for f in fields(cls):
                if f.name != "file":
                    setattr(whole, f.name, getattr(whole, f.name) + getattr(score, f.name))
        return whole


# Gold files and the reports they describe.


def gold_files(gold_dir: Path) -> list[Path]:
    """The gold files under a folder, in a stable order."""
    return sorted(gold_dir.rglob("*.yaml"))


def _read_gold(gold_file: Path, gold_dir: Path) -> tuple[dict, str]:
    """A gold file's content, and the name of its report (its path below gold_dir, without .yaml)."""
    return yaml.safe_load(gold_file.read_text("utf-8")), str(gold_file.relative_to(gold_dir).with_suffix(""))


def _jsonl(path: Path) -> Iterator[dict]:
    """The rows of a JSON Lines file."""
    return (json.loads(line) for line in path.read_text("utf-8").splitlines() if line.strip())


# Tables.


@dataclass
class CellScore(Summable):
    """How the cells of one report compare with gold."""

    file: str
    gold: int = 0
    correct: int = 0
    flagged: int = 0  # withheld with a flag (ambiguous, unverified): not silently wrong
    unsure: int = 0  # cells the gold itself marks ambiguous: not scored
    wrong: list[str] = field(default_factory=list)  # silently wrong or missing: key (got ≠ gold)
    extra: list[str] = field(default_factory=list)  # keys we output that the report does not print

    @property
    def accuracy(self) -> float:
        """Share of the scored gold cells read right."""
        return ratio(self.correct, self.gold)


def score_tables(gold_file: Path, gold_dir: Path, real_dir: Path) -> CellScore:
    """Table cells of one real report against its gold file."""
    gold, name = _read_gold(gold_file, gold_dir)
    report = extract(real_dir / name)
    score = CellScore(name)
    unsure = set(gold.get("ambiguous") or [])
    for key, raw in gold["cells"].items():
        if key in unsure:
            score.unsure += 1
            continue
        score.gold += 1
        got = report.tables.get(key)
        if got is not None and got.flag:
            score.flagged += 1
        elif got is not None and _same(got.raw, raw):
            score.correct += 1
        else:
            score.wrong.append(f"{key} ({got.raw if got else 'missing'} ≠ {raw})")
    score.extra = [k for k in report.tables if k in set(gold.get("absent") or [])]
    return score


def _same(got: str, gold: str) -> bool:
    """Same text but for white space."""
    return SPACE_RE.sub("", got) == SPACE_RE.sub("", str(gold))


# Prose figures and the catalog fields they fill.


@dataclass
class MentionScore(Summable):
    """Prose figures of one report against gold: mentions by (value, unit, qualifier), fields by (id, value)."""

    file: str
    gold: int = 0
    found: int = 0
    matched: int = 0  # same place, same value, unit and qualifier
    gold_fields: int = 0
    found_fields: int = 0
    fields_right: int = 0
    misses: list[str] = field(default_factory=list)
    spurious: list[str] = field(default_factory=list)
    field_errors: list[str] = field(default_factory=list)

    @property
    def scores(self) -> Scores:
        """Precision, recall and F1 of the figures."""
        return Scores.from_counts(self.matched, self.found, self.gold)

    @property
    def field_accuracy(self) -> float:
        """Share of the gold fields filled with the gold value."""
        return ratio(self.fields_right, self.gold_fields)

    @property
    def field_precision(self) -> float:
        """Share of the fields filled that hold the gold value."""
        return ratio(self.fields_right, self.found_fields)


def score_mentions(gold_file: Path, gold_dir: Path, real_dir: Path) -> MentionScore:
    """Prose figures and catalog fields of one real report against its gold file."""
    gold, name = _read_gold(gold_file, gold_dir)
    report = extract(real_dir / name)
    score = MentionScore(name, found=sum(m.qualifier != IMPLICIT for m in report.mentions))
    _score_figures(score, report, gold["mentions"] or [], gold_file.name)
    gold_fields = (gold["mentions"] or []) + gold.get("implicit", [])
    _score_fields(score, report, {g["field"]: g["value"] for g in gold_fields if g.get("field")})
    return score


def _score_figures(score: MentionScore, report: Report, golds: list[dict], gold_name: str) -> None:
    """Count the gold figures the report's mentions match, miss, or add."""
    used: set[int] = set()
    for n, g in enumerate(golds, 1):
        score.gold += 1
        start, end = span(report.text, g, f"{gold_name}, mention {n}")
        figure = start + g["figure"] - g["start"]  # the span is the words before the figure, then the figure
        context, number = report.text[start:figure], report.text[figure:end]
        hit = _first_overlap(report.mentions, (figure, end), used)
        if hit is not None and _same_figure(report.mentions[hit], g):
            score.matched += 1
            used.add(hit)
        else:
            got = report.mentions[hit] if hit is not None else None
            score.misses.append(
                f"{context}|{number}: gold {g['value']} {g['unit']} {g['qualifier']}, got {got.value if got else '—'} {got.unit if got else ''} {got.qualifier if got else ''}"
            )
    score.spurious = [
        f"{m.sentence[:30]}…|{m.text}" for i, m in enumerate(report.mentions) if i not in used and m.qualifier != IMPLICIT
    ]


def _score_fields(score: MentionScore, report: Report, gold_fields: dict[str, float]) -> None:
    """Count the gold fields the report fills with the gold value; list the others and the extra ones."""
    score.gold_fields, score.found_fields = len(gold_fields), len(report.fields)
    for field_id, value in gold_fields.items():
        got = report.fields.get(field_id)
        if got is not None and abs(float(got.value) - float(value)) < SAME_VALUE:
            score.fields_right += 1
        else:
            score.field_errors.append(f"{field_id}: gold {value}, got {got.value if got else '—'}")
    score.field_errors += [
        f"{k}: got {v.value}, gold has no such field" for k, v in report.fields.items() if k not in gold_fields
    ]


def _first_overlap(found: list, where: tuple[int, int], used: set[int]) -> int | None:
    """Index of the first found figure not yet used that overlaps the span `where`."""
    start, end = where
    return next((i for i, m in enumerate(found) if m.start < end and start < m.end and i not in used), None)


def _same_figure(m, g: dict) -> bool:
    """A found figure has the gold value, unit and qualifier."""
    return abs(float(m.value) - float(g["value"])) < SAME_VALUE and m.unit == str(g["unit"]) and m.qualifier == g["qualifier"]


def score_heldout(path: Path = HELDOUT) -> MentionScore:
    """Figures of annotated sentences (corpus/annotations/heldout.jsonl): each sentence read alone."""
    score = MentionScore(path.name)
    for row in _jsonl(path):
        _score_sentence(score, row)
    return score


def _score_sentence(score: MentionScore, row: dict) -> None:
    """Count the figures and fields of one annotated sentence."""
    found = find_mentions(row["text"], [(0, len(row["text"]))])
    score.found += sum(m.qualifier != IMPLICIT for m in found)
    used: set[int] = set()
    for g in row["figures"]:
        score.gold += 1
        hit = _first_overlap(found, (g["start"], g["end"]), used)
        if hit is not None and _same_figure(found[hit], g):
            score.matched += 1
            used.add(hit)
        else:
            got = found[hit] if hit is not None else None
            score.misses.append(
                f"{row['text'][g['start'] : g['end']]}: gold {g['value']} {g['unit']} {g['qualifier']}, got {got.text if got else '—'}"
            )
        if g.get("field"):
            score.gold_fields += 1
            right = hit is not None and found[hit].field == g["field"] and _same_figure(found[hit], g)
            score.fields_right += right
            if not right:
                score.field_errors.append(
                    f"{row['text'][:40]}…: {g['field']} {g['value']}, got {found[hit].field if hit is not None else '—'}"
                )
    score.spurious += [f"{row['text'][:30]}…|{m.text}" for i, m in enumerate(found) if i not in used and m.qualifier != IMPLICIT]
    score.found_fields += sum(1 for m in found if m.field)


# Entities of the shipped NER.


def score_ner(path: Path = HELDOUT, model_dir: Path | None = None) -> dict[str, dict[str, float]]:
    """Entity precision/recall/F1 per label and over all (ALL) of the shipped NER, figure rules in front."""
    nlp = spacy_pipeline.load(model_dir)
    right, found, gold = Counter(), Counter(), Counter()
    for row in _jsonl(path):
        predicted, reference = _entities(nlp, row)
        right.update(_labels(predicted & reference))
        found.update(_labels(predicted))
        gold.update(_labels(reference))
    per_label = {label: Scores.from_counts(right[label], found[label], gold[label], empty=0.0) for label in gold | found}
    per_label["ALL"] = Scores.from_counts(right.total(), found.total(), gold.total(), empty=0.0)
    return {label: scores.rounded() for label, scores in per_label.items()}


def _entities(nlp: Language, row: dict) -> tuple[set[tuple[int, int, str]], set[tuple[int, int, str]]]:
    """(predicted, gold) entities of one annotated sentence, each as (first token, last token, label)."""
    reference = nlp.make_doc(row["text"])
    spans = [reference.char_span(s, e, label=lab, alignment_mode="expand") for s, e, lab in row["entities"]]
    reference.ents = filter_spans([sp for sp in spans if sp is not None])
    example = Example(nlp(row["text"]), reference)
    predicted = example.get_aligned_spans_x2y(example.predicted.ents, allow_overlap=False)
    return {_entity(sp) for sp in predicted}, {_entity(sp) for sp in reference.ents}


def _entity(span: Span) -> tuple[int, int, str]:
    """A span as (first token, last token, label)."""
    return span.start, span.end - 1, span.label_


def _labels(entities: set[tuple[int, int, str]]) -> list[str]:
    """The labels of entities in reading order (so labels are reported in the order they first appear)."""
    return [label for *_, label in sorted(entities)]


# Statements of section 五: segmentation, kind and labels.

# The splits of the statements: written ones (annotations/statements_<split>.jsonl) and, except in
# `blind`, the real reports' gold statements by agency (gold/statements/splits.json). `blind` holds
# 180 statements written after the classifiers were built, by a writer who saw neither the keyword
# lists nor the training data; nothing was tuned on them.
STATEMENT_SPLITS = ("train", "dev", "heldout", "blind")
TEST_SPLITS = ("heldout", "blind")  # never read by pipelines/train_textcat.py
CLASSIFIERS = ("blend", "model", "keywords")
MATCH_OVERLAP = 0.6  # a found statement matches a gold one when they share this much of the longer


def statement_rows(split: str) -> list[dict]:
    """Labelled statements of one split: the written ones, and the real reports' gold statements
    of the agencies in that split."""
    rows = list(_jsonl(ANNOTATIONS / f"statements_{split}.jsonl"))
    return rows + [row for row in real_statements() if real_statement_split(row["file"]) == split]


def real_statement_split(file: str) -> str | None:
    """The split of a real report's statements, by its agency (gold/statements/splits.json)."""
    splits = json.loads((GOLD / "statements" / "splits.json").read_text("utf-8"))
    return next((name for name, prefixes in splits.items() if real_agency(file) in prefixes), None)


def real_agency(file: str) -> str:
    """A real report's agency, as the splits name it: its file name without the year
    (pingtan_county_2012.txt → pingtan_county_)."""
    return re.sub(r"\d{4}\..*$", "", Path(file).name)


@cache
def real_statements(gold_dir: Path = GOLD / "statements", real_dir: Path = REAL) -> tuple[dict, ...]:
    """The gold statements of the real reports as {text, kind, labels}, their text read from the
    reports themselves (the gold stores only where it stands), once per process."""
    rows = []
    for gold_file in gold_files(gold_dir):
        gold, name = _read_gold(gold_file, gold_dir)
        text = extract(real_dir / name).text
        for n, st in enumerate(gold["statements"] or [], 1):
            where = f"{gold_file.name}, statement {n}"
            rows.append({"file": name, "text": quote(text, st, where), "kind": st["kind"], "labels": st["labels"]})
    return tuple(rows)


def score_labels(split: str, method: str) -> dict:
    """Per-label precision/recall/F1 and macro-F1 of a classifier on one split."""
    reload_textcat()  # a model trained in this process must be read afresh
    rows = statement_rows(split)
    predicted = [set(assigned(s, method)) for s in classify([r["text"] for r in rows], method)]
    per_label = {label: _label_scores(label, rows, predicted) for label in labels()}
    return {"macro_f1": macro_f1(per_label), "statements": len(rows), "labels": per_label}


def _label_scores(label: str, rows: list[dict], predicted: list[set[str]]) -> dict:
    """Rounded P/R/F1 of one label (0 when never assigned) and n, its number of gold statements."""
    gold = [label in r["labels"] for r in rows]
    found = [label in p for p in predicted]
    right = sum(g and f for g, f in zip(gold, found))
    return {**Scores.from_counts(right, sum(found), sum(gold), empty=0.0).rounded(), "n": sum(gold)}


@dataclass
class StatementScore(Summable):
    """Segmentation of section 五 against gold: statements matched by overlap, then their kind."""

    file: str
    gold: int = 0
    found: int = 0
    matched: int = 0
    kind_right: int = 0
    errors: list[str] = field(default_factory=list)

    @property
    def scores(self) -> Scores:
        """Precision, recall and F1 of the segmentation."""
        return Scores.from_counts(self.matched, self.found, self.gold)

    @property
    def kind_accuracy(self) -> float:
        """Share of the matched statements whose kind (problem or measure) is right; 0 when none matched."""
        return ratio(self.kind_right, self.matched, empty=0.0)


def score_statements(gold_file: Path, gold_dir: Path, real_dir: Path) -> StatementScore:
    """Problems and measures of one real report against its gold file."""
    gold, name = _read_gold(gold_file, gold_dir)
    report = extract(real_dir / name)
    score = StatementScore(name, found=len(report.statements))
    used: set[int] = set()
    for n, g in enumerate(gold["statements"] or [], 1):
        score.gold += 1
        where = span(report.text, g, f"{gold_file.name}, statement {n}")
        text = report.text[where[0] : where[1]]
        hit = _matching_statement(report, where, used)
        if hit is None:
            score.errors.append(f"missed: {text[:40]}")
            continue
        used.add(hit)
        score.matched += 1
        if report.statements[hit].kind == g["kind"]:
            score.kind_right += 1
        else:
            score.errors.append(f"kind {report.statements[hit].kind} ≠ {g['kind']}: {text[:40]}")
    score.errors += [f"extra: {s.text[:40]}" for i, s in enumerate(report.statements) if i not in used]
    return score


def _matching_statement(report: Report, where: tuple[int, int], used: set[int]) -> int | None:
    """Index of the first unused statement of the report that overlaps the gold span enough."""
    return next(
        (i for i, s in enumerate(report.statements) if i not in used and _overlap((s.start, s.end), where) >= MATCH_OVERLAP),
        None,
    )


def _overlap(a: tuple[int, int], b: tuple[int, int]) -> float:
    """Share of the longer span that two spans share."""
    shared = max(0, min(a[1], b[1]) - max(a[0], b[0]))
    return shared / max(a[1] - a[0], b[1] - b[0], 1)


# Catalog fields, per field, on the annotated pages (gold/prose), the real reports and the held-out sentences.

PROSE_GOLD = GOLD / "prose"  # pages.jsonl (stand-off) and splits.json (by agency)
SHARED = CHECKOUT.parent / "shared" / "corpus"
TOP_CONFUSIONS = 12


@dataclass
class FieldTally:
    """Per-field counts over many reports: a field filled right, filled wrong or extra, or missed."""

    name: str
    right: Counter = field(default_factory=Counter)
    wrong: Counter = field(default_factory=Counter)  # filled where gold has no such field, or with another value
    missed: Counter = field(default_factory=Counter)
    confusions: Counter = field(default_factory=Counter)  # (gold field, field given) of the same figure
    figures_gold: int = 0
    figures_found: int = 0
    figures_right: int = 0
    reports: int = 0

    def add_fields(self, gold: dict[str, set[float]], got: dict[str, float]) -> None:
        """One report: gold field → the values it may have (a field stated twice), and the fields given."""
        self.reports += 1
        for f, value in got.items():
            ok = f in gold and any(abs(value - v) < SAME_VALUE for v in gold[f])
            (self.right if ok else self.wrong)[f] += 1
        for f in gold:
            if f not in got or not any(abs(got[f] - v) < SAME_VALUE for v in gold[f]):
                self.missed[f] += 1

    def scores(self, field_id: str | None = None) -> Scores:
        """Precision, recall and F1 of one field, or of all fields together."""
        pick = (lambda c: c[field_id]) if field_id else (lambda c: sum(c.values()))
        right, wrong, missed = pick(self.right), pick(self.wrong), pick(self.missed)
        return Scores.from_counts(right, right + wrong, right + missed)

    def figure_scores(self) -> Scores:
        return Scores.from_counts(self.figures_right, self.figures_found, self.figures_gold)

    def field_ids(self) -> list[str]:
        return sorted(set(self.right) | set(self.wrong) | set(self.missed))


def page_gold() -> dict[str, list[dict]]:
    """Stand-off gold of the annotated pages and of the real text reports annotated the same way,
    by file ('pages/a001.txt', 'real/pingtan_2011.txt')."""
    rows: dict[str, list[dict]] = {}
    for row in [*_jsonl(PROSE_GOLD / "pages.jsonl"), *_jsonl(PROSE_GOLD / "real.jsonl")]:
        rows.setdefault(row["file"], []).append(row)
    return rows


def real_prose_reports() -> list[str]:
    """The real text reports annotated like the pages (gold/prose/real.jsonl): whole old-format
    reports (2011–2018) of three agencies in no split of the pages, an evaluation set only."""
    return sorted({row["file"] for row in _jsonl(PROSE_GOLD / "real.jsonl")})


def page_split(name: str) -> list[str]:
    """The files of one split of the pages (train, dev, test): no agency is in two splits."""
    return json.loads((PROSE_GOLD / "splits.json").read_text("utf-8"))[name]


def page_agencies() -> dict[str, str]:
    """The agency of each annotated page, as the pages' manifests print it, by file (a real report's:
    its file name without the year)."""
    agencies = {}
    for manifest in sorted((SHARED / "pages").glob("MANIFEST_*.tsv")):
        for row in csv.DictReader(manifest.open(encoding="utf-8"), delimiter="\t"):
            agencies[f"pages/{row['id']}.txt"] = row["agency"]
    for file in real_prose_reports():
        agencies[file] = real_agency(file)
    return agencies


def score_fields_pages(split: str) -> FieldTally:
    """Figures and fields of every page of a split, the page read as a whole report."""
    return _score_prose_gold(f"pages: {split}", page_split(split))


def score_fields_old_reports() -> FieldTally:
    """Figures and fields of the whole old-format real reports annotated like the pages."""
    return _score_prose_gold("real old-format reports (prose gold)", real_prose_reports())


def _score_prose_gold(name: str, files: list[str]) -> FieldTally:
    """Figures and fields of files with stand-off prose gold (gold/prose), each read as a report."""
    tally, gold = FieldTally(name), page_gold()
    for file in files:
        _tally_page(tally, SHARED / file, gold.get(file, []))
    return tally


def _tally_page(tally: FieldTally, path: Path, golds: list[dict]) -> None:
    """Compare one page's mentions and fields with its stand-off gold (source offsets)."""
    report, doc = extract(path), read_document(path)
    spans = [_source_span(doc, m.start, m.end) for m in report.mentions]
    figures = [g for g in golds if g["qualifier"] != IMPLICIT]
    found = [i for i, m in enumerate(report.mentions) if m.qualifier != IMPLICIT]
    tally.figures_gold += len(figures)
    tally.figures_found += len(found)
    used: set[int] = set()
    for g in golds:
        hit = next((i for i in range(len(spans)) if i not in used and spans[i][0] < g["end"] and g["start"] < spans[i][1]
                    and (g["qualifier"] != IMPLICIT or report.mentions[i].field == g["field"])), None)  # fmt: skip
        if hit is None:
            continue
        used.add(hit)
        m = report.mentions[hit]
        if g["qualifier"] != IMPLICIT and _same_figure(m, g):
            tally.figures_right += 1
        if g["field"] != m.field:
            tally.confusions[(str(g["field"]), str(m.field))] += 1
    gold_fields: dict[str, set[float]] = {}
    for g in golds:
        if g["field"]:
            gold_fields.setdefault(g["field"], set()).add(float(g["value"]))
    tally.add_fields(gold_fields, {f: float(v.value) for f, v in report.fields.items()})


def _source_span(doc, start: int, end: int) -> tuple[int, int]:
    """Offsets in the decoded source of the clean text's span (text formats)."""
    a, b = doc.origin(start).offset, doc.origin(max(end - 1, start)).offset
    return (a, b + 1) if a is not None and b is not None else (-1, -1)


def score_fields_real(gold_dir: Path, real_dir: Path) -> FieldTally:
    """Fields of the real reports against their gold (gold/mentions)."""
    tally = FieldTally("real reports")
    for gold_file in gold_files(gold_dir):
        gold, name = _read_gold(gold_file, gold_dir)
        report = extract(real_dir / name)
        gold_fields: dict[str, set[float]] = {}
        for n, g in enumerate(gold.get("implicit", []), 1):
            span(report.text, g, f"{gold_file.name}, implicit zero {n}")  # the evidence is still where the gold says
        for g in (gold["mentions"] or []) + gold.get("implicit", []):
            if g.get("field"):
                gold_fields.setdefault(g["field"], set()).add(float(g["value"]))
        tally.add_fields(gold_fields, {f: float(v.value) for f, v in report.fields.items()})
    return tally


def score_fields_sentences(path: Path = HELDOUT) -> FieldTally:
    """Fields of the held-out synthetic sentences, each read as a report of one sentence."""
    tally = FieldTally(f"sentences: {path.stem}")
    for row in _jsonl(path):
        found = find_mentions(row["text"], [(0, len(row["text"]))])
        got = {m.field: float(m.value) for m in found if m.field}
        gold: dict[str, set[float]] = {}
        for g in row["figures"]:
            if g.get("field"):
                gold.setdefault(g["field"], set()).add(float(g["value"]))
        tally.add_fields(gold, got)
    return tally
