"""Tables whose cells run together in crawled one-line text ("一、本年新收…数量640020470").

The row labels are found in their printed order; the digits after each label are split into the
row's cells by the table identities of nlp/data/identities.yaml (per row 总计 = the six applicant
columns; per column 一 + 二 = （七）总计 + 四 and （七）总计 = the outcome rows; table 4 总计 = the
four before it): a split is kept only if no identity over its cells fails.
A split the identities cannot decide is withheld: every cell of it is flagged `ambiguous`, with
the texts it has in the splits that remain (`candidates`).
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Callable
from dataclasses import dataclass

from nlp.tables.grid import GridCell
from nlp.tables.identities import consistent, over
from nlp.tables.labels import Labelled, TableSchema, squash
from nlp.tables.reader import T2_ITEM_RE, Found

DIGITS_RE = re.compile(r"[\d\s]*")
RUN_RE = re.compile(r"[\d\s]+")
# A table 2 row's numbers: counts, signed changes ("-18", "+7"), amounts ("6283150.40元").
T2_VALUES_RE = re.compile(r"[\d.+\-\s]*\d(?:元)?")
NUMBERING_RE = re.compile(r"(?:\d|[一二三四五六七八九十])[.、．]\s*$|[（(][一二三四五六七八九十][）)]\s*$")
SHORT_LABEL = 4  # a label shorter than this must follow its numbering ("3.其他") to be trusted
NUMBERING_SPAN = 3  # characters before a label searched for its numbering: "3." "1、" "（六）" are at most 3
T4_HEADER_SPAN = 200  # characters after table 4's first column header (结果维持) that hold its 15 headers:
#                       the last 总计 within them ends the headers; one further on is not table 4's
T2_BLOCK_SPAN = 300  # characters after the last 第二十条 heading that its block (headers, labels, numbers)
#                      may fill when no next heading ends it
MAX_COMBINATIONS = 200_000  # joint splits of ambiguous rows tried against the column identities (time bound)
MAX_SPLITS = 5_000  # splits of one run listed at most (time bound; a run this ambiguous is withheld anyway)


@dataclass
class Run:
    """The digits printed after one row label: text[start:end]."""

    key: str
    start: int
    end: int
    text: str


def read_runon_table3(text: str, schema: TableSchema) -> dict[str, Found]:
    start = text.find(schema.t3_rows[0].variants[0])
    if start < 0:
        return {}
    runs = _row_runs(text, start, schema.t3_rows)
    columns = [c.key for c in schema.t3_columns]
    options = {run.key: _splits(run.text, len(columns), fits=_fits([f"t3.{run.key}.{c}" for c in columns])) for run in runs}
    possible = _consistent(runs, options, columns, frozenset(schema.t3_keys()))
    return {f"t3.{run.key}.{col}": _found(run, possible[run.key], i) for run in runs for i, col in enumerate(columns)}


def read_runon_table4(text: str, schema: TableSchema) -> dict[str, Found]:
    """The 15 numbers after the last column header of table 4."""
    header = schema.t4_columns[-1].variants[0]
    anchor = text.find(schema.t4_columns[0].variants[0])
    if anchor < 0:
        return {}
    end_of_headers = text.rfind(header, anchor, anchor + T4_HEADER_SPAN)
    m = RUN_RE.match(text, end_of_headers + len(header)) if end_of_headers >= 0 else None
    if not m:
        return {}
    digits, last_line = m.group(), m.group().rfind("\n")
    if last_line >= 0 and digits[last_line:].strip() and m.end() < len(text):
        digits = digits[:last_line]  # its last line goes on in words: the next paragraph ("2024年…")
    run = Run("t4", m.start(), m.start() + len(digits), digits)
    keys = schema.t4_keys()
    fits = _fits(keys)
    splits = [s for s in _splits(run.text, len(keys)) if fits([run.text[a:b] for a, b in s])]
    return {key: _found(run, splits, i) for i, key in enumerate(keys)}


def read_runon_table2(text: str, schema: TableSchema) -> dict[str, Found]:
    """Each 第二十条 block: its column headers in printed order, then each row label and its digits.
    A table 2 that prints some row's cells apart, all of them (spaces between), prints every row so:
    a row with fewer numbers than columns has a blank cell, which of them is unknowable, and is withheld."""
    out: dict[str, Found] = {}
    rows: list[tuple[Run, list[str]]] = []
    items = list(T2_ITEM_RE.finditer(text))
    for m, nxt in zip(items, items[1:] + [None]):
        block = next((b for b in schema.t2 if b.item == m.group(1).replace("(", "（").replace(")", "）")), None)
        if block is None:
            continue
        end = nxt.start() if nxt else min(len(text), m.end() + T2_BLOCK_SPAN)
        segment = text[m.end() : end]
        headers = sorted(
            ((segment.find(v), col.key) for col in block.columns for v in col.variants if v in segment), key=lambda t: t[0]
        )
        columns = list(dict.fromkeys(key for _, key in headers))
        for row in block.rows:
            at = min((segment.find(v) + len(v) for v in row.variants if v in segment), default=-1)
            if at < 0 or not columns:
                continue
            value = T2_VALUES_RE.match(segment, at)
            if value:
                rows.append((Run(row.key, m.end() + value.start(), m.end() + value.end(), value.group()), columns))
    spaced = any(len(run.text.split()) == len(columns) >= 2 for run, columns in rows)
    for run, columns in rows:
        if spaced and len(run.text.split()) < len(columns):
            out |= {f"t2.{run.key}.{col}": _blank_somewhere(run, i, len(columns)) for i, col in enumerate(columns)}
            continue
        splits = _splits(run.text, len(columns), decimals=True)
        for i, col in enumerate(columns):
            out[f"t2.{run.key}.{col}"] = _found(run, splits, i)
    return out


def _blank_somewhere(run: Run, index: int, n: int) -> Found:
    """Cell `index` of a row printing fewer numbers than its n cells, apart: withheld, with the
    numbers that may stand in it (they keep their order; the cell may also be the blank one)."""
    numbers = run.text.split()
    spare = n - len(numbers)
    candidates = tuple(dict.fromkeys(numbers[max(0, index - spare) : index + 1]))
    return Found(GridCell(-1, index, 1, 1, run.start, run.end, run.text, None), "ambiguous", candidates or None)


def _row_runs(text: str, start: int, rows: tuple[Labelled, ...]) -> list[Run]:
    """Each row label found in order after `start`, with the digits that follow it."""
    runs, pos = [], start
    for row in rows:
        hit = _find_label(text, row, pos)
        if hit is None:
            continue
        label_end = hit
        digits = DIGITS_RE.match(text, label_end).group()
        if text[label_end + len(digits) : label_end + len(digits) + 1] in ".、．" and digits.rstrip():
            digits = digits.rstrip()[:-1]  # the next label's numbering ("00000002.其他法律…")
        if digits.strip():
            runs.append(Run(row.key, label_end, label_end + len(digits), digits))
            pos = label_end + len(digits)
    return runs


def _find_label(text: str, row: Labelled, pos: int) -> int | None:
    """End of the earliest (then longest) printed variant of a row label after `pos`."""
    best = None
    for variant in row.variants:
        i = text.find(variant, pos)
        while i >= 0 and len(squash(variant)) < SHORT_LABEL and not NUMBERING_RE.search(text[max(0, i - NUMBERING_SPAN) : i]):
            i = text.find(variant, i + 1)
        if i >= 0 and (best is None or (i, -(i + len(variant))) < (best[0], -best[1])):
            best = (i, i + len(variant))
    return best[1] if best else None


Split = tuple[tuple[int, int], ...]  # (start, end) of each cell within the run's text
Fits = Callable[[list[str]], bool]  # whether the numbers of a split break no identity


def _splits(run: str, n: int, *, fits: Fits | None = None, decimals: bool = False) -> list[Split]:
    """Ways to cut the digits into n numbers: spaces are cell boundaries, no leading zeros; with
    `fits`, only the cuts whose numbers it accepts."""
    chars = [(i, c) for i, c in enumerate(run) if not c.isspace()]
    if len(chars) < n:
        return []
    boundary_after = {k for k in range(len(chars) - 1) if chars[k + 1][0] - chars[k][0] > 1}
    out = []
    for cuts in itertools.combinations(range(1, len(chars)), n - 1):
        if not boundary_after <= {c - 1 for c in cuts}:
            continue
        bounds = (0, *cuts, len(chars))
        parts = ["".join(c for _, c in chars[a:b]) for a, b in zip(bounds, bounds[1:])]
        if not all(_number_ok(p, decimals and i == n - 1) for i, p in enumerate(parts)):  # amounts stand last
            continue
        if fits and not fits(parts):
            continue
        out.append(tuple((chars[a][0], chars[b - 1][0] + 1) for a, b in zip(bounds, bounds[1:])))
        if len(out) > MAX_SPLITS:
            break
    return out


def _number_ok(part: str, decimals: bool) -> bool:
    body = part.removesuffix("元").removeprefix("+").removeprefix("-")
    if not body or not re.fullmatch(r"\d+(\.\d+)?" if decimals else r"\d+", body):
        return False
    return body == "0" or not body.startswith("0") or body.startswith("0.")


def _fits(keys: list[str]) -> Fits:
    """Whether numbers read for the cells `keys` (in order) break none of the identities over those cells alone."""
    identities = over(frozenset(keys))
    return lambda parts: consistent(identities, dict(zip(keys, map(int, parts))))


def _consistent(
    runs: list[Run], options: dict[str, list[Split]], columns: list[str], keys: frozenset[str]
) -> dict[str, list[Split]]:
    """For each row, the splits that some column-consistent joint choice of all rows uses (every
    split of the row when there are too many joint choices to try)."""
    open_rows = [k for k, v in options.items() if len(v) > 1]
    runs_by_key = {r.key: r for r in runs}
    combos = 1
    for k in open_rows:
        combos *= len(options[k])
    if not open_rows or combos > MAX_COMBINATIONS:
        return options
    fixed = {k: v[0] for k, v in options.items() if len(v) == 1}
    identities = over(keys)
    solutions = []
    for choice in itertools.product(*(options[k] for k in open_rows)):
        chosen = dict(fixed, **dict(zip(open_rows, choice)))
        if consistent(identities, _cells(chosen, runs_by_key, columns)):
            solutions.append(chosen)
    return options | {k: list(dict.fromkeys(s[k] for s in solutions)) for k in open_rows}


def _cells(chosen: dict[str, Split], runs: dict[str, Run], columns: list[str]) -> dict[str, int]:
    """The table 3 cells of the rows split as `chosen` (rows with no possible split are left out)."""
    return {f"t3.{row}.{col}": int(runs[row].text[a:b]) for row, split in chosen.items() for col, (a, b) in zip(columns, split)}


def _found(run: Run, splits: list[Split], index: int) -> Found:
    """Cell `index` of a run: its own digits if every possible split agrees, else the whole run,
    flagged, with the texts the cell has in the splits still possible."""
    if len(set(splits)) != 1:
        texts = {run.text[s[index][0] : s[index][1]] for s in splits}
        candidates = tuple(sorted(texts, key=lambda t: (len(t), t)))
        return Found(GridCell(-1, index, 1, 1, run.start, run.end, run.text, None), "ambiguous", candidates)
    a, b = splits[0][index]
    return Found(GridCell(-1, index, 1, 1, run.start + a, run.start + b, run.text[a:b], None))
