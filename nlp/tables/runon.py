"""Tables whose cells run together in crawled one-line text ("一、本年新收…数量640020470").

The row labels are found in their printed order; the digits after each label are split into the
row's cells by the table's identities (per row 总计 = the six applicant columns; per column
一 + 二 = （七）总计 + 四 and （七）总计 = the outcome rows; table 4 总计 = the four before it).
A split the identities cannot decide is withheld: every cell of it is flagged `ambiguous`, with
the texts it has in the splits that remain (`candidates`).
"""

from __future__ import annotations

import itertools
import re
from dataclasses import dataclass

from nlp.tables.grid import GridCell
from nlp.tables.labels import Labelled, TableSchema, squash
from nlp.tables.reader import T2_ITEM_RE, Found

DIGITS_RE = re.compile(r"[\d\s]*")
NUMBERING_RE = re.compile(r"(?:\d|[一二三四五六七八九十])[.、．]\s*$|[（(][一二三四五六七八九十][）)]\s*$")
SHORT_LABEL = 4  # a label shorter than this must follow its numbering ("3.其他") to be trusted
MAX_COMBINATIONS = 200_000  # joint splits of ambiguous rows tried against the column identities
MAX_SPLITS = 5_000


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
    options = {run.key: _splits(run.text, len(columns), row_total=True) for run in runs}
    possible = _consistent(runs, options, columns, schema)
    return {f"t3.{run.key}.{col}": _found(run, possible[run.key], i) for run in runs for i, col in enumerate(columns)}


def read_runon_table4(text: str, schema: TableSchema) -> dict[str, Found]:
    """The 15 numbers after the last column header of table 4."""
    header = schema.t4_columns[-1].variants[0]
    anchor = text.find(schema.t4_columns[0].variants[0])
    if anchor < 0:
        return {}
    end_of_headers = text.rfind(header, anchor, anchor + 200)
    m = re.compile(r"[\d\s]+").match(text, end_of_headers + len(header)) if end_of_headers >= 0 else None
    if not m:
        return {}
    run = Run("t4", m.start(), m.end(), m.group())
    width = len(schema.t4_columns)
    splits = [s for s in _splits(run.text, width * len(schema.t4_groups)) if _groups_add_up(_values(run.text, s), width)]
    return {key: _found(run, splits, i) for i, key in enumerate(schema.t4_keys())}


def read_runon_table2(text: str, schema: TableSchema) -> dict[str, Found]:
    """Each 第二十条 block: its column headers in printed order, then each row label and its digits."""
    out: dict[str, Found] = {}
    items = list(T2_ITEM_RE.finditer(text))
    for m, nxt in zip(items, items[1:] + [None]):
        block = next((b for b in schema.t2 if b.item == m.group(1).replace("(", "（").replace(")", "）")), None)
        if block is None:
            continue
        end = nxt.start() if nxt else min(len(text), m.end() + 300)
        segment = text[m.end() : end]
        headers = sorted(
            ((segment.find(v), col.key) for col in block.columns for v in col.variants if v in segment), key=lambda t: t[0]
        )
        columns = list(dict.fromkeys(key for _, key in headers))
        for row in block.rows:
            at = min((segment.find(v) + len(v) for v in row.variants if v in segment), default=-1)
            if at < 0 or not columns:
                continue
            value = re.compile(r"[\d.\-\s]*\d(?:元)?").match(segment, at)
            if not value:
                continue
            run = Run(row.key, m.end() + value.start(), m.end() + value.end(), value.group())
            splits = _splits(run.text, len(columns), decimals=True)
            for i, col in enumerate(columns):
                out[f"t2.{row.key}.{col}"] = _found(run, splits, i)
    return out


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
        while i >= 0 and len(squash(variant)) < SHORT_LABEL and not NUMBERING_RE.search(text[max(0, i - 3) : i]):
            i = text.find(variant, i + 1)
        if i >= 0 and (best is None or (i, -(i + len(variant))) < (best[0], -best[1])):
            best = (i, i + len(variant))
    return best[1] if best else None


Split = tuple[tuple[int, int], ...]  # (start, end) of each cell within the run's text


def _splits(run: str, n: int, *, row_total: bool = False, decimals: bool = False) -> list[Split]:
    """Ways to cut the digits into n numbers: spaces are cell boundaries, no leading zeros."""
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
        if row_total and sum(map(int, parts[:-1])) != int(parts[-1]):
            continue
        out.append(tuple((chars[a][0], chars[b - 1][0] + 1) for a, b in zip(bounds, bounds[1:])))
        if len(out) > MAX_SPLITS:
            break
    return out


def _number_ok(part: str, decimals: bool) -> bool:
    body = part.removesuffix("元").lstrip("-")
    if not body or not re.fullmatch(r"\d+(\.\d+)?" if decimals else r"\d+", body):
        return False
    return body == "0" or not body.startswith("0") or body.startswith("0.")


def _values(run: str, split: Split) -> list[int]:
    return [int(run[a:b]) for a, b in split]


def _groups_add_up(values: list[int], width: int) -> bool:
    """Table 4: in each group of `width`, the last (总计) is the sum of the others."""
    return all(sum(values[g : g + width - 1]) == values[g + width - 1] for g in range(0, len(values), width))


def _consistent(
    runs: list[Run], options: dict[str, list[Split]], columns: list[str], schema: TableSchema
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
    solutions = []
    for choice in itertools.product(*(options[k] for k in open_rows)):
        chosen = dict(fixed, **dict(zip(open_rows, choice)))
        if _columns_hold(chosen, runs_by_key, columns, schema):
            solutions.append(chosen)
    return options | {k: list(dict.fromkeys(s[k] for s in solutions)) for k in open_rows}


def _columns_hold(chosen: dict[str, Split], runs: dict[str, Run], columns: list[str], schema: TableSchema) -> bool:
    def value(row: str, i: int) -> int | None:
        if row not in chosen:
            return None
        a, b = chosen[row][i]
        return int(runs[row].text[a:b])

    outcome_rows = [r.key for r in schema.t3_rows if r.key not in ("new", "carried_in", "total", "carried_over")]
    for i in range(len(columns)):
        new, carried_in, total, carried_over = (value(r, i) for r in ("new", "carried_in", "total", "carried_over"))
        if None not in (new, carried_in, total, carried_over) and new + carried_in != total + carried_over:
            return False
        printed = [r for r in outcome_rows if r in runs]
        if total is not None and printed and all(r in chosen for r in printed) and sum(value(r, i) for r in printed) != total:
            return False
    return True


def _found(run: Run, splits: list[Split], index: int) -> Found:
    """Cell `index` of a run: its own digits if every possible split agrees, else the whole run,
    flagged, with the texts the cell has in the splits still possible."""
    if len(set(splits)) != 1:
        texts = {run.text[s[index][0] : s[index][1]] for s in splits}
        candidates = tuple(sorted(texts, key=lambda t: (len(t), t)))
        return Found(GridCell(-1, index, 1, 1, run.start, run.end, run.text, None), "ambiguous", candidates)
    a, b = splits[0][index]
    return Found(GridCell(-1, index, 1, 1, run.start + a, run.start + b, run.text[a:b], None))
