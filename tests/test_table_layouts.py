"""Table layouts the readers used to miss (issue 14, item 5), each built here from invented numbers
that satisfy the identities of nlp/data/identities.yaml, as text files and as PDFs (drawn with the
page layout of corpus/synth/pdf.py and its CJK font):

1. table 4 printed one cell per line (pdftotext, some crawlers): the header words, then the 15 values;
2. table 2 in the 2019 trial format with its cells apart on one line ("行政许可 412 -18 1790");
3. table 3 continued on the next page without its header, at the same column positions or shifted;
4. a table-3 row whose group and sub-label take one cell ("（三）不予公开 1.属于国家秘密") or two.

Every cell must come back under its canonical key with its value; a cell the layout does not place
(a blank that leaves no trace) is withheld (`flag`, `candidates`), never read into another column.
"""

from __future__ import annotations

from dataclasses import replace
from types import SimpleNamespace

import pytest

import nlp
from corpus.synth import pdf as synth_pdf
from corpus.synth.grid import Cell, Grid, make_grid
from nlp.tables.identities import within_report
from nlp.tables.labels import schema

SCHEMA = schema()
T3_COLUMNS = [c.key for c in SCHEMA.t3_columns]
APPLICANTS = T3_COLUMNS[:-1]
T3_ROWS = [r.key for r in SCHEMA.t3_rows if r.key != "other"]  # the 2021 format: （六） printed as its rows 1–3
OUTCOMES = [k for k in T3_ROWS if k not in ("new", "carried_in", "total", "carried_over")]
OFFICIAL = {r.key: r.variants[0] for r in SCHEMA.t3_rows}
ROW_LABEL = {
    "new": "一、本年新收政府信息公开申请数量",
    "carried_in": "二、上年结转政府信息公开申请数量",
    "granted": "（一）予以公开",
    "partly_granted": "（二）部分公开（区分处理的，只计这一情形，不计其他情形）",
    "total": "（七）总计",
    "carried_over": "四、结转下年度继续办理",
}
GROUP_LABEL = {
    "denied": "（三）不予公开",
    "unable": "（四）无法提供",
    "not_processed": "（五）不予处理",
    "other": "（六）其他处理",
}
BAND = "三、本年度办理结果"
T3_HEADER = [
    ["（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）", "", "", "申请人情况", "", "", "", "", "", ""],
    ["", "", "", "自然人", "法人或其他组织", "", "", "", "", "总计"],
    ["", "", "", "", "商业企业", "科研机构", "社会公益组织", "法律服务机构", "其他", ""],
]


# ------------------------------------------------------------------------------ invented numbers


def t3_values(no_research: bool = False) -> dict[str, int]:
    """Table 3 with every outcome row different and no column all zero (but the research column,
    with `no_research`). Totals, 一 and 四 follow from the identities."""
    values: dict[str, int] = {}
    for i, row in enumerate(OUTCOMES):
        cells = [10 + i, i % 4 + 1, 0 if no_research else i % 3 + 1, (i + 1) % 3, i % 2 + 1, (i * 7) % 5]
        values |= {f"t3.{row}.{col}": v for col, v in zip(APPLICANTS, cells)}
    carried = zip(APPLICANTS, [7, 2, 0 if no_research else 1, 0, 1, 3], [5, 1, 0, 2, 0, 1])
    for col, carried_in, carried_over in carried:
        values[f"t3.total.{col}"] = sum(values[f"t3.{row}.{col}"] for row in OUTCOMES)
        values[f"t3.carried_in.{col}"] = carried_in
        values[f"t3.carried_over.{col}"] = carried_over
        values[f"t3.new.{col}"] = values[f"t3.total.{col}"] + carried_over - carried_in
    for row in ["new", "carried_in", *OUTCOMES, "total", "carried_over"]:
        values[f"t3.{row}.total"] = sum(values[f"t3.{row}.{col}"] for col in APPLICANTS)
    return values


T3 = t3_values()
T4 = {
    f"t4.{group}.{col.key}": v
    for group, row in {
        "review": [3, 2, 1, 4, 10],
        "litigation_direct": [5, 0, 2, 1, 8],
        "litigation_after_review": [1, 6, 0, 3, 10],
    }.items()
    for col, v in zip(SCHEMA.t4_columns, row)
}
# Table 2 in the 2019 trial format: (caption, column headers, [(row label, row key, column keys, printed cells)]).
T2_TRIAL = [
    ("第二十条第（一）项", ["信息内容", "本年新制作数量", "本年新公开数量", "对外公开总数量"],
     [("规章", "rules", ["made", "published", "total_published"], ["2", "2", "15"]),
      ("规范性文件", "normative_docs", ["made", "published", "total_published"], ["31", "29", "264"])]),
    ("第二十条第（五）项", ["信息内容", "上一年项目数量", "本年增/减", "处理决定数量"],
     [("行政许可", "permits", ["prev_items", "change", "decisions"], ["412", "-18", "1790"]),
      ("其他对外管理服务事项", "other_services", ["prev_items", "change", "decisions"], ["88", "+7", "161"])]),
    ("第二十条第（六）项", ["信息内容", "上一年项目数量", "本年增/减", "处理决定数量"],
     [("行政处罚", "penalties", ["prev_items", "change", "decisions"], ["2648", "12", "430"]),
      ("行政强制", "enforcement", ["prev_items", "change", "decisions"], ["126", "-3", "25"])]),
    ("第二十条第（八）项", ["信息内容", "上一年项目数量", "本年增/减"],
     [("行政事业性收费", "fees", ["prev_items", "change"], ["35", "-2"])]),
    ("第二十条第（九）项", ["信息内容", "采购项目数量", "采购总金额"],
     [("政府集中采购", "procurement", ["items", "amount"], ["135", "6283150.40元"])]),
]  # fmt: skip
T2_PRINTED = {
    f"t2.{key}.{col}": text for _, _, rows in T2_TRIAL for _, key, cols, cells in rows for col, text in zip(cols, cells)
}


def test_the_invented_numbers_satisfy_the_identities():
    for values in (T3 | T4, t3_values(no_research=True)):
        statuses = [i.evaluate(values).status for i in within_report()]
        assert "fail" not in statuses and statuses.count("pass") >= 7 + 7 + 24 + (3 if "t4.review.total" in values else 0)
        assert all(v >= 0 for v in values.values())


# ------------------------------------------------------------------------------------ documents

TITLE = ("示例市人民政府", "2024年政府信息公开工作年度报告")
SECTIONS = [  # heading, paragraph, table
    ("一、总体情况", "2024年，我市认真贯彻落实《中华人民共和国政府信息公开条例》，持续推进政务公开工作。", None),
    ("二、主动公开政府信息情况", "全年通过政府门户网站主动公开政府信息4160条。", "t2"),
    ("三、收到和处理政府信息公开申请情况", "全年共收到政府信息公开申请，均在法定期限内答复。", "t3"),
    ("四、政府信息公开行政复议、行政诉讼情况", "全年因政府信息公开引发的行政复议、行政诉讼案件情况如下。", "t4"),
    ("五、存在的主要问题及改进情况", "一是公开意识有待增强。下一步，我们将加强业务培训。", None),
    ("六、其他需要报告的事项", "本年度未收取信息处理费。", None),
]


def report_text(**tables: str) -> str:
    """A report as a text file, one paragraph a line, its tables printed as given."""
    lines = ["".join(TITLE)]
    for heading, paragraph, table in SECTIONS:
        lines += [heading, paragraph] + ([tables[table]] if table in tables else [])
    return "\n".join(lines) + "\n"


def write_pdf(path, rules: str = "grid", **tables) -> None:
    """A report as an A4 PDF in the layout of corpus/synth/pdf.py (CJK font, "- N -" page numbers);
    each table given is drawn by its function (flow → None): grids, lines or both."""
    style = synth_pdf.STYLE
    flow = synth_pdf.Flow(style)
    synth_pdf.place_title(flow, SimpleNamespace(agency=TITLE[0], title="".join(TITLE)))
    for heading, paragraph, table in SECTIONS:
        synth_pdf.place_heading(flow, heading)
        synth_pdf.place_paragraph(flow, paragraph)
        if table in tables:
            tables[table](flow)
    for n, page in enumerate(flow.pages, start=1):
        page.runs.append(synth_pdf.Run(style.page_width / 2 - 10, style.footer_baseline, f"- {n} -", "latin", style.footer_size))
    doc = synth_pdf.render(flow.pages, table_rules=rules)
    doc.subset_fonts()
    doc.save(str(path))
    doc.close()


def lines(texts: list[str], size: float = 12.0):
    """Lines of text set flush left, one under the other."""

    def place(flow) -> None:
        for text in texts:
            flow.line(synth_pdf.wrap(text, flow.style.text_width, size)[0], flow.style.left, size, 1.6 * size)

    return place


def grids(*parts: Grid, page_break: bool = False):
    """Grids drawn one after the other (on a new page each, with `page_break`)."""

    def place(flow) -> None:
        for i, grid in enumerate(parts):
            if i and page_break:
                flow.new_page()
            synth_pdf.place_table(flow, grid, False, 0)

    return place


def extract(tmp_path, name: str, text: str | None = None, **pdf):
    path = tmp_path / name
    if text is not None:
        path.write_text(text, encoding="utf-8")
    else:
        write_pdf(path, **pdf)
    return nlp.extract(path)


def cells(result, prefix: str) -> dict:
    return {k: c for k, c in result.tables.items() if k.startswith(prefix)}


def assert_read(result, want: dict, prefix: str) -> None:
    """Every cell of `want` read with its value, no other cell of the table."""
    got = cells(result, prefix)
    wrong = {
        k: (got[k].value, got[k].flag, got[k].raw, v) if k in got else "missing"
        for k, v in want.items()
        if k not in got or got[k].flag or got[k].value != v
    }
    assert not wrong, f"{len(wrong)} of {len(want)} cells not read right, e.g. {list(wrong.items())[:4]}"
    assert sorted(got) == sorted(want)


def assert_checks_pass(result, prefix: str) -> None:
    checks = [c for c in result.checks if c.rule.startswith(prefix)]
    assert checks and all(c.status == "pass" for c in checks), [c.message for c in checks if c.status != "pass"][:3]


# ------------------------------------------------------------------ 1. table 4 one cell per line

T4_HEADER_WORDS = [
    "行政复议",
    "行政诉讼",
    "结果维持",
    "结果纠正",
    "其他结果",
    "尚未审结",
    "总计",
    "未经复议直接起诉",
    "复议后起诉",
]
T4_HEADER_WORDS += ["结果维持", "结果纠正", "其他结果", "尚未审结", "总计"] * 2
T4_AFTER = {  # what follows the 15 values in section 四
    "nothing": [],
    "a sentence starting with a year": ["2024年，行政复议、行政诉讼案件均已依法办结。"],
}


def _t4_one_per_line(values: list[str], after: list[str]) -> list[str]:
    return T4_HEADER_WORDS + values + after


@pytest.mark.parametrize("after", list(T4_AFTER))
def test_table4_one_cell_per_line_text(tmp_path, after):
    t4 = "\n".join(_t4_one_per_line([str(v) for v in T4.values()], T4_AFTER[after]))
    result = extract(tmp_path, "t4.txt", report_text(t4=t4))
    assert_read(result, T4, "t4.")
    assert_checks_pass(result, "t4.")


@pytest.mark.parametrize("after", list(T4_AFTER))
def test_table4_one_cell_per_line_pdf(tmp_path, after):
    result = extract(tmp_path, "t4.pdf", t4=lines(_t4_one_per_line([str(v) for v in T4.values()], T4_AFTER[after])))
    assert_read(result, T4, "t4.")
    assert_checks_pass(result, "t4.")


@pytest.mark.parametrize("fmt", ["txt", "pdf"])
def test_table4_one_cell_per_line_with_a_blank_cell_is_withheld(tmp_path, fmt):
    """A blank cell leaves 14 values for 15 columns: which is blank is unknowable."""
    values = [str(v) for v in T4.values()]
    printed = _t4_one_per_line(values[:3] + values[4:], T4_AFTER["a sentence starting with a year"])
    if fmt == "txt":
        result = extract(tmp_path, "t4.txt", report_text(t4="\n".join(printed)))
    else:
        result = extract(tmp_path, "t4.pdf", t4=lines(printed))
    got = cells(result, "t4.")
    assert sorted(got) == sorted(T4)
    assert all(c.value is None and c.flag == "ambiguous" for c in got.values()), {
        k: c.value for k, c in got.items() if not c.flag
    }


# ------------------------------------------------------------- 2. table 2, 2019 trial format, spaced


def _t2_trial_lines(sep: str = " ", printed: dict[str, str] | None = None) -> list[str]:
    printed = printed or T2_PRINTED
    out = []
    for caption, headers, rows in T2_TRIAL:
        out += [caption, sep.join(headers)]
        for label, key, cols, _ in rows:
            out.append(sep.join([label] + [printed[f"t2.{key}.{col}"] for col in cols if printed[f"t2.{key}.{col}"]]))
    return out


def _assert_trial_t2(result) -> None:
    got = cells(result, "t2.")
    numbers = {k: int(v) for k, v in T2_PRINTED.items() if k != "t2.procurement.amount"}
    assert_read(SimpleNamespace(tables={k: c for k, c in got.items() if k != "t2.procurement.amount"}), numbers, "t2.")
    amount = got["t2.procurement.amount"]  # printed with its unit: kept as printed (README: Table values)
    assert (amount.raw, amount.flag) == ("6283150.40元", None)


@pytest.mark.parametrize("sep", [" ", "  ", "\u3000"], ids=["space", "two spaces", "ideographic space"])
def test_table2_trial_format_cells_apart_on_one_line_text(tmp_path, sep):
    result = extract(tmp_path, "t2.txt", report_text(t2="\n".join(_t2_trial_lines(sep))))
    _assert_trial_t2(result)


def test_table2_trial_format_cells_apart_on_one_line_pdf(tmp_path):
    result = extract(tmp_path, "t2.pdf", rules="none", t2=lines(_t2_trial_lines()))
    got = cells(result, "t2.")
    numbers = {k: int(v) for k, v in T2_PRINTED.items() if k != "t2.procurement.amount"}  # "88 +7 161" included
    assert_read(SimpleNamespace(tables={k: c for k, c in got.items() if k in numbers}), numbers, "t2.")
    assert got["t2.procurement.amount"].raw == "6283150.40元"


@pytest.mark.parametrize("fmt", ["txt", "pdf"])
def test_table2_trial_format_row_with_a_blank_cell_is_withheld(tmp_path, fmt):
    """Printed apart, "行政事业性收费 35" gives one number for two columns: the blank one is unknowable
    (it is not "3" and "5", as it could be if the digits ran together)."""
    printed = T2_PRINTED | {"t2.fees.change": ""}
    text = _t2_trial_lines(printed=printed)
    result = (
        extract(tmp_path, "t2.txt", report_text(t2="\n".join(text)))
        if fmt == "txt"
        else extract(tmp_path, "t2.pdf", rules="none", t2=lines(text))
    )
    got = cells(result, "t2.")
    for key in ("t2.fees.prev_items", "t2.fees.change"):
        assert (got[key].value, got[key].flag, got[key].candidates) == (None, "ambiguous", ["35"])
    assert got["t2.permits.change"].value == -18 and got["t2.rules.total_published"].value == 15


# ---------------------------------------------------- 3. table 3 continued on the next page


def t3_rows(values: dict[str, int]) -> list[list[str]]:
    """Table 3's body as text rows: band, group and label cells (merged cells printed in their first
    row), then the 7 values."""
    rows, group_before = [], None
    for key in T3_ROWS:
        group = key.partition(".")[0] if "." in key else None
        if key in ("new", "carried_in", "carried_over"):
            labels = [ROW_LABEL[key], "", ""]
        elif group is None:
            labels = [BAND if key == "granted" else "", ROW_LABEL[key], ""]
        else:
            number = [k for k in T3_ROWS if k.startswith(group + ".")].index(key) + 1
            labels = ["", GROUP_LABEL[group] if group != group_before else "", f"{number}.{OFFICIAL[key]}"]
        group_before = group
        rows.append(labels + [str(values[f"t3.{key}.{col}"]) for col in T3_COLUMNS])
    return rows


PAGE_MARKS = ["— 3 —", "第 3 页", "- 3 -"]


@pytest.mark.parametrize("sep", ["\t", " "], ids=["tabs", "spaces"])
@pytest.mark.parametrize("mark", PAGE_MARKS)
@pytest.mark.parametrize("break_before", ["7.属于行政执法案卷", "（四）无法提供"])
def test_table3_continued_after_a_page_mark_text(tmp_path, sep, mark, break_before):
    rows = [sep.join(r).strip() for r in T3_HEADER + t3_rows(T3)]
    at = next(i for i, r in enumerate(rows) if break_before in r)
    t3 = "\n".join(rows[:at] + ["", mark, "", "示例市人民政府2024年政府信息公开工作年度报告"] + rows[at:])
    result = extract(tmp_path, "t3.txt", report_text(t3=t3))
    assert_read(result, T3, "t3.")
    assert_checks_pass(result, "t3.")


T3_WIDTHS = {  # relative widths of band, group, label and the 7 value columns (corpus/synth/grid.py)
    "same columns": None,
    "narrower labels": [0.5, 1.0, 2.6] + [1.1] * 7,
    "wider labels": [0.7, 1.6, 4.2] + [0.8] * 7,
}
T3_BREAKS = {"inside a group": "7.属于行政执法案卷", "at a group": "1.本机关不掌握相关政府信息"}


def t3_grid(values: dict[str, int]) -> Grid:
    return make_grid("t3", values)


def split_grid(grid: Grid, first_row_text: str, widths: list[float] | None) -> tuple[Grid, Grid]:
    """The grid cut before the row labelled `first_row_text`: the rows after it a grid of their own,
    without header rows, drawn with `widths`; a merged label cell that spans the cut is cut in two."""
    k = next(c.row for c in grid.cells if c.text == first_row_text)
    top = Grid(grid.name, grid.n_cols, grid.widths, grid.header_rows)
    bottom = Grid(grid.name, grid.n_cols, widths or grid.widths, 0)
    for c in grid.cells:
        if c.row + c.rowspan <= k:
            top.cells.append(c)
        elif c.row >= k:
            bottom.cells.append(replace(c, row=c.row - k))
        else:
            top.cells.append(replace(c, rowspan=k - c.row))
            bottom.cells.append(replace(c, row=0, rowspan=c.row + c.rowspan - k, text=""))
    return top, bottom


@pytest.mark.parametrize("rules", ["grid", "horizontal", "none"])
@pytest.mark.parametrize("widths", list(T3_WIDTHS))
@pytest.mark.parametrize("cut", list(T3_BREAKS))
def test_table3_continued_on_the_next_page_without_its_header_pdf(tmp_path, rules, widths, cut):
    top, bottom = split_grid(t3_grid(T3), T3_BREAKS[cut], T3_WIDTHS[widths])
    result = extract(tmp_path, "t3.pdf", rules=rules, t3=grids(top, bottom, page_break=True))
    assert_read(result, T3, "t3.")
    first_page = min(c.page for c in cells(result, "t3.").values())
    assert {c.page for c in cells(result, "t3.").values()} == {first_page, first_page + 1}
    assert_checks_pass(result, "t3.")


@pytest.mark.parametrize("rules", ["grid", "none"])
def test_table3_continued_with_shifted_columns_under_its_header_printed_again_pdf(tmp_path, rules):
    grid = t3_grid(T3)
    top, bottom = split_grid(grid, T3_BREAKS["at a group"], T3_WIDTHS["wider labels"])
    header = [c for c in grid.cells if c.row < grid.header_rows]
    again = Grid(grid.name, grid.n_cols, bottom.widths, grid.header_rows)
    again.cells = header + [replace(c, row=c.row + grid.header_rows) for c in bottom.cells]
    result = extract(tmp_path, "t3.pdf", rules=rules, t3=grids(top, again, page_break=True))
    assert_read(result, T3, "t3.")


@pytest.mark.parametrize("widths", ["narrower labels", "wider labels"])
def test_table3_continued_with_shifted_columns_and_a_blank_column_is_withheld(tmp_path, widths):
    """Without ruling lines a blank cell leaves no trace: on a page whose columns are shifted and
    whose research column is blank throughout, which column is which is unknowable; those rows are
    withheld, never read into the next column."""
    cut = T3_BREAKS["at a group"]
    after = T3_ROWS[T3_ROWS.index("unable.no_such_info") :]
    values = t3_values(no_research=True)
    grid = t3_grid(values)
    first_continued = next(c.row for c in grid.cells if c.text == cut)
    for cell in grid.cells:  # the research column's zeros printed blank on the second page
        if cell.kind == "value" and cell.col == 5 and cell.row >= first_continued:
            cell.text = ""
    top, bottom = split_grid(grid, cut, T3_WIDTHS[widths])
    result = extract(tmp_path, "t3.pdf", rules="none", t3=grids(top, bottom, page_break=True))
    got = cells(result, "t3.")
    wrong = {k: (c.value, values[k]) for k, c in got.items() if not c.flag and c.value != values[k]}
    assert not wrong, wrong
    withheld = {k for k, c in got.items() if c.flag}
    continued = {f"t3.{row}.{col}" for row in after for col in T3_COLUMNS}
    assert withheld and withheld <= continued
    assert all(str(values[k]) in got[k].candidates for k in withheld if got[k].candidates and values[k])
    first_page = {k for k in values if k not in continued}
    assert all(got[k].value == values[k] and not got[k].flag for k in first_page)


# ------------------------------------------- 4. a table-3 sub-label in one cell or two


def _sub_label_rows(sep: str, cells_: str) -> list[str]:
    """Table 3 as text rows, without the band column: each group's first row prints its group and
    sub-label in one cell ("（三）不予公开 1.属于国家秘密") or two; the other rows one label cell."""
    out = [sep.join([r[0]] + r[3:]).strip() for r in T3_HEADER]
    for band, group, sub, *values in t3_rows(T3):
        if not sub:
            label = [group or band]
        elif group:
            label = [f"{group} {sub}"] if cells_ == "one" else [group, sub]
        else:
            label = [sub]
        out.append(sep.join(label + values))
    return out


@pytest.mark.parametrize("sep", ["\t", " "], ids=["tabs", "spaces"])
@pytest.mark.parametrize("cells_", ["one", "two"])
def test_table3_sub_label_in_one_or_two_cells_text(tmp_path, sep, cells_):
    result = extract(tmp_path, "t3.txt", report_text(t3="\n".join(_sub_label_rows(sep, cells_))))
    assert_read(result, T3, "t3.")
    assert_checks_pass(result, "t3.")


def sub_label_grid(values: dict[str, int], cells_: str) -> Grid:
    """Table 3 whose group labels are no merged cells: the group's first row prints the group and
    its sub-label in one cell (over the group and label columns) or in two; the other rows their
    sub-label over both columns."""
    grid = t3_grid(values)
    groups = [c for c in grid.cells if c.col == 1 and c.rowspan > 1 and c.row >= grid.header_rows]
    out = [c for c in grid.cells if c not in groups]
    for group in groups:
        for r in range(group.row, group.row + group.rowspan):
            label = next(c for c in out if c.row == r and c.col == 2)
            if r == group.row and cells_ == "two":
                out.append(Cell(r, 1, group.text))
            else:
                text = f"{group.text} {label.text}" if r == group.row else label.text
                out[out.index(label)] = replace(label, col=1, colspan=2, text=text)
    grid.cells = sorted(out, key=lambda c: (c.row, c.col))
    return grid


@pytest.mark.parametrize("rules", ["grid", "horizontal", "none"])
@pytest.mark.parametrize("cells_", ["one", "two"])
def test_table3_sub_label_in_one_or_two_cells_pdf(tmp_path, rules, cells_):
    result = extract(tmp_path, "t3.pdf", rules=rules, t3=grids(sub_label_grid(T3, cells_)))
    assert_read(result, T3, "t3.")
    assert_checks_pass(result, "t3.")
