"""The digest as one self-contained Chinese HTML page: tables, charts embedded as PNG, and every
claim linked to the statements it rests on, quoted at the end with file, page and offsets."""

from __future__ import annotations

import base64
import html
import io
from collections.abc import Iterable
from pathlib import Path

import pandas as pd

from nlp.outputs.digest import QUOTED, Digest, label_names, settings

TITLE = "政府信息公开年度报告跨年追踪"
QUOTE_CHARS = 60  # statements are quoted this long in tables; in full among the sources
CHART_DPI = 100
STYLE = """
body { font-family: "Noto Sans CJK SC", "Source Han Sans SC", "Droid Sans Fallback", sans-serif; margin: 1.5em 2em;
       line-height: 1.7; max-width: 72em; color: #222; }
h1 { font-size: 150%; } h2 { border-bottom: 2px solid #36c; padding-bottom: .2em; margin-top: 2em; }
h3 { margin-top: 1.5em; color: #333; }
table { border-collapse: collapse; margin: .5em 0 1em; font-size: 92%; width: 100%; }
th, td { border: 1px solid #ccc; padding: 3px 6px; vertical-align: top; text-align: left; }
th { background: #eef2f8; }
q { quotes: "“" "”"; } a.src { font-size: 80%; color: #36c; white-space: nowrap; margin-left: .3em; }
.yes { color: #b00; font-weight: bold; } .no { color: #2a7a2a; } .unknown { color: #888; }
.note { color: #666; font-size: 90%; } figure { margin: 1em 0; } figure img { max-width: 100%; }
ol.sources li { margin-bottom: .4em; } ol.sources .where { color: #555; font-size: 90%; display: block; }
"""


class Sources:
    """The statements and sentences the page quotes: each numbered once, listed at the end."""

    def __init__(self) -> None:
        self.numbers: dict[tuple, int] = {}
        self.quoted: list[dict] = []

    def cite(self, row, prefix: str = "") -> str:
        """The statement of a row (its columns under prefix) quoted briefly, with a link to its source."""
        where = {c: row[f"{prefix}{c}"] for c in QUOTED}
        return f"<q>{html.escape(_short(where['text']))}</q>{self.link(where)}"

    def link(self, where: dict) -> str:
        """A link to a source: its file, page and offsets."""
        key = (where["file"], int(where["start"]), int(where["end"]))
        if key not in self.numbers:
            self.numbers[key] = len(self.quoted) + 1
            self.quoted.append(where)
        n = self.numbers[key]
        return f"<a class='src' href='#src-{n}' title='{html.escape(_where_text(where))}'>[{n}]</a>"

    def appendix(self) -> str:
        """Every source quoted in full, with its file, page and offsets."""
        items = "".join(
            f"<li id='src-{n}'><span class='where'>{html.escape(_where_text(w))}</span><q>{html.escape(w['text'])}</q></li>"
            for n, w in enumerate(self.quoted, 1)
        )
        return f"<h2 id='sources'>附：来源语句</h2><ol class='sources'>{items}</ol>"


def _where_text(w: dict) -> str:
    """Where a source stands, in words."""
    page = f"第{w['page']}页" if _known(w["page"]) else "无页码"
    return f"{Path(str(w['file'])).name} · {page} · 字符 {w['start']}–{w['end']} · {w['year']}年 · {w['file']}"


def _known(value) -> bool:
    return value is not None and not pd.isna(value)


def _short(text: str) -> str:
    """A statement as quoted in a table: its first QUOTE_CHARS characters."""
    text = " ".join(str(text).split())
    return text if len(text) <= QUOTE_CHARS else text[:QUOTE_CHARS] + "…"


def digest_html(d: Digest) -> str:
    """The page."""
    sources = Sources()
    detailed = _detailed(d)
    body = [f"<h1>{TITLE}</h1>", _overview(d), _followed_table(d, detailed)]
    body += [_agency_section(d, n, agency, sources) for n, agency in enumerate(detailed, 1)]
    body += [_one_year_section(d, len(detailed) + 1, sources), sources.appendix()]
    return (
        f"<!doctype html>\n<html lang='zh-CN'><head><meta charset='utf-8'><title>{TITLE}</title><style>{STYLE}</style></head>\n"
        "<body>\n" + "\n".join(body) + "\n</body></html>\n"
    )


def _detailed(d: Digest) -> list[str]:
    """The agencies the page details: those with the most years, at most page_agencies."""
    years = d.reports.groupby("agency")["year"].nunique()
    ranked = sorted(d.agencies, key=lambda a: (-years.get(a, 0), a))
    return sorted(ranked[: settings()["page_agencies"]])


def _overview(d: Digest) -> str:
    """What was read, and how to read the page."""
    years = d.reports["year"].dropna()
    span = f"{years.min()}–{years.max()}年" if len(years) else "无年度"
    chosen = f"（所选年度 {d.years[0]}–{d.years[1]}）" if d.years else ""
    lines = [
        f"读取报告 {len(d.reports)} 份，机关 {d.reports['agency'].nunique()} 个，{span}{chosen}。",
        "每条结论后的编号链接到所依据的原文语句（文件、页码、字符位置），原文全文列于页末。",
    ]
    if d.copies:
        lines.append(f"同一报告的另一文件未重复计入：{'、'.join(Path(c).name for c in d.copies)}。")
    return "".join(f"<p class='note'>{html.escape(line)}</p>" for line in lines)


def _followed_table(d: Digest, detailed: list[str]) -> str:
    """One line per agency followed: its years and how many problems recur, measures are copied, deadlines passed."""
    years = d.reports.groupby("agency")["year"].agg(["min", "max", "nunique"])
    counts = [_counts(getattr(d, table)) for table in ("recurring_problems", "copied_measures", "passed_deadlines")]
    rows = []
    for agency in d.agencies:
        name = html.escape(agency)
        if agency in detailed:
            name = f"<a href='#agency-{detailed.index(agency) + 1}'>{name}</a>"
        first, last, n = years.loc[agency]
        rows.append([name, f"{first}–{last}（{n}年）", *(str(c.get(agency, 0)) for c in counts)])
    headers = ("逐年追踪的机关", "报告年度", "反复出现的问题", "照抄往年的措施", "已过期限的承诺")
    return _table(headers, rows, "没有机关有两个年度以上的报告，无法逐年追踪。")


def _counts(frame: pd.DataFrame) -> pd.Series:
    """Agency → the statements a table has rows about (a statement may have several rows)."""
    return frame.drop_duplicates(["file", "start", "end"]).groupby("agency").size()


def _agency_section(d: Digest, n: int, agency: str, sources: Sources) -> str:
    """One agency followed across years: its chart and its five tables."""
    mine = {name: frame[frame["agency"] == agency] for name, frame in _series_tables(d).items()}
    years = sorted(d.reports.loc[d.reports["agency"] == agency, "year"].dropna().unique())
    parts = [
        f"<h2 id='agency-{n}'>{_chinese_number(n)}、逐年追踪：{html.escape(agency)}</h2>",
        f"<p class='note'>报告年度：{'、'.join(str(y) for y in years)}。</p>",
        _chart(_series_figure, d, agency),
        "<h3>（一）反复出现的问题</h3>",
        _recurring_table(mine["recurring_problems"], sources),
        "<h3>（二）问题、承诺的措施与次年是否再现</h3>",
        _promised_table(mine["promised_measures"], sources),
        "<h3>（三）年年照抄的措施</h3>",
        _copied_table(mine["copied_measures"], sources),
        "<h3>（四）计划年份未更新（报告年度的计划写成本年度）</h3>",
        _stale_table(mine["stale_years"], sources),
        "<h3>（五）已过期限的承诺</h3>",
        _deadlines_table(mine["passed_deadlines"], sources),
    ]
    return "\n".join(parts)


def _series_tables(d: Digest) -> dict[str, pd.DataFrame]:
    """The tables about agencies followed across years."""
    names = ("recurring_problems", "promised_measures", "copied_measures", "stale_years", "passed_deadlines")
    return {name: getattr(d, name) for name in names}


def _chinese_number(n: int) -> str:
    """一 to 九十九, as sections are numbered."""
    digits = "零一二三四五六七八九"
    tens, ones = divmod(n, 10)
    return (f"{digits[tens] if tens > 1 else ''}十" if tens else "") + (digits[ones] if ones else "")


def _table(headers: Iterable[str], rows: list[list[str]], empty: str) -> str:
    """An HTML table of cells already escaped, or a note when there is no row."""
    if not rows:
        return f"<p class='note'>{html.escape(empty)}</p>"
    head = "".join(f"<th>{html.escape(h)}</th>" for h in headers)
    body = "".join("<tr>" + "".join(f"<td>{cell}</td>" for cell in row) + "</tr>" for row in rows)
    return f"<table><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>"


def _labels(ids) -> str:
    """Label ids by their Chinese names."""
    return html.escape("、".join(label_names().get(i, i) for i in ids) or "未分类")


def _recurring_table(frame: pd.DataFrame, sources: Sources) -> str:
    """One row per recurring problem, with each earlier occurrence and why it counts."""
    rows = []
    for _, group in frame.groupby(["year", "file", "start"], sort=True):
        first = group.iloc[0]
        earlier = "<br>".join(f"{r['earlier_year']}年：{sources.cite(r, 'earlier_')}（{_basis(r)}）" for _, r in group.iterrows())
        rows.append(
            [str(first["year"]), sources.cite(first) + f"<br><span class='note'>{_labels(first['labels'])}</span>", earlier]
        )
    return _table(("年度", "问题", "此前出现（依据）"), rows, "没有反复出现的问题。")


def _basis(r) -> str:
    """Why an earlier problem counts as the same: shared labels, similar words."""
    words = []
    if r["shared_labels"]:
        words.append(f"相同标签：{_labels(r['shared_labels'])}")
    similar = "，文字近乎相同" if r["same_text"] else ""
    words.append(f"文字相似度 {r['similarity']:.2f}{similar}")
    return "；".join(words)


def _promised_table(frame: pd.DataFrame, sources: Sources) -> str:
    """One row per problem: the measures sharing a label with it, and whether it comes back the next year."""
    rows = []
    for _, group in frame.groupby(["year", "file", "start"], sort=True):
        first = group.iloc[0]
        measures = [
            f"{sources.cite(r, 'measure_')}（{_labels(r['shared_labels'])}）"
            for _, r in group.iterrows()
            if _known(r["measure_start"])
        ]
        rows.append(
            [
                str(first["year"]),
                sources.cite(first) + f"<br><span class='note'>{_labels(first['labels'])}</span>",
                "<br>".join(measures) or "<span class='yes'>没有对应标签的措施</span>",
                _comes_back(first, sources),
            ]
        )
    return _table(("年度", "问题", "承诺的措施（共同标签）", "次年是否再现"), rows, "没有识别出问题。")


def _comes_back(r, sources: Sources) -> str:
    """Whether a problem comes back the next year, and as which statement."""
    if pd.isna(r["comes_back"]):
        return "<span class='unknown'>无次年报告</span>"
    if not r["comes_back"]:
        return f"<span class='no'>{r['next_year']}年未再现</span>"
    return f"<span class='yes'>{r['next_year']}年再现</span>：{sources.cite(r, 'back_')}（相似度 {r['back_similarity']:.2f}）"


def _copied_table(frame: pd.DataFrame, sources: Sources) -> str:
    """One row per measure copied from an earlier year, with the chain of years."""
    rows = [
        [
            html.escape("→".join(str(y) for y in r["chain"])),
            sources.cite(r),
            f"{r['earlier_year']}年：{sources.cite(r, 'earlier_')}",
            f"{r['similarity']:.2f}",
        ]
        for _, r in frame.sort_values(["year", "start"]).iterrows()
    ]
    return _table(("年度链", "措施", "上一次出现", "相似度"), rows, "没有逐年照抄的措施。")


def _stale_table(frame: pd.DataFrame, sources: Sources) -> str:
    """One row per plan dated in its own report's year."""
    rows = [[str(r["year"]), sources.cite(r)] for _, r in frame.iterrows()]
    return _table(("报告年度", "原文"), rows, "没有写成报告本年度的计划。")


def _deadlines_table(frame: pd.DataFrame, sources: Sources) -> str:
    """One row per promised date that has passed."""
    rows = [
        [
            str(r["year"]),
            sources.cite(r),
            html.escape(f"{r['deadline']}（{_deadline_text(r)}）"),
            html.escape("、".join(map(str, r["repeated_in"])) or "无"),
            _mentioned(r, sources),
        ]
        for _, r in frame.iterrows()
    ]
    headers = ("年度", "措施", "期限", "此后原样重复的年度", "后续报告是否提及（重复的措施除外）")
    return _table(headers, rows, "没有已过期限的承诺。")


def _deadline_text(r) -> str:
    """A promised date in words, against the latest report's year, and where it is printed when not in the measure."""
    month = f"{r['deadline_month']}月" if _known(r["deadline_month"]) else ""
    inside = r["start"] <= r["deadline_start"] < r["end"]
    where = "" if inside else f"；印于各项措施之前，字符 {r['deadline_start']}–{r['deadline_end']}"
    return f"{r['deadline_year']}年{month}，早于最新报告年度 {r['latest_year']}{where}"


def _mentioned(r, sources: Sources) -> str:
    """Whether a later report mentions a promise, and where."""
    if pd.isna(r["mentioned_later"]):
        return "<span class='unknown'>没有后续报告</span>"
    if not _known(r["later_start"]):
        return "<span class='yes'>未见提及</span>"
    verdict = "<span class='no'>提及</span>" if r["mentioned_later"] else "<span class='yes'>未见提及</span>，最接近的是"
    return f"{verdict}：{r['later_year']}年 {sources.cite(r, 'later_')}（含承诺分句“{html.escape(r['clause'])}”的 {r['coverage']:.0%}）"


def _one_year_section(d: Digest, n: int, sources: Sources) -> str:
    """Agencies of one year compared: label distribution by level and province, boilerplate."""
    parts = [f"<h2 id='one-year'>{_chinese_number(n)}、同年横向比较</h2>"]
    for year in _compared_years(d):
        parts += [f"<h3>{year}年：问题标签分布</h3>", _chart(_distribution_figure, d, year)]
        parts += [_distribution_table(d.label_distribution, year, by, sources) for by in ("level", "province")]
    if len(parts) == 1:
        parts.append("<p class='note'>没有哪一年有两个以上机关的报告，标签分布从略。</p>")
    parts += ["<h3>雷同表述：与另一机关同年报告近乎相同的语句</h3>", _boilerplate_table(d.boilerplate, sources)]
    return "\n".join(parts)


def _compared_years(d: Digest) -> list[int]:
    """Years with reports of two agencies or more."""
    counts = d.reports.groupby("year")["agency"].nunique()
    return [int(y) for y, n in counts.items() if n >= 2]


def _distribution_table(frame: pd.DataFrame, year: int, by: str, sources: Sources) -> str:
    """For one year: each level's (or province's) reports and the problem labels they name, with sources."""
    part = frame[(frame["year"] == year) & (frame["by"] == by)]
    rows = []
    for (group_name, reports), cells in part.groupby(["group_name", "reports"], sort=True):
        named = [
            f"{html.escape(r['label_name'])} {r['naming']}/{reports}" + _cell_sources(r["sources"], sources)
            for _, r in cells.sort_values(["share", "label"], ascending=[False, True]).iterrows()
        ]
        rows.append([html.escape(str(group_name)), str(reports), "；".join(named)])
    title = "层级" if by == "level" else "省份"
    return _table((title, "报告数", "问题标签：提及的报告数/报告数（来源）"), rows, f"{year}年没有可按{title}比较的问题。")


def _cell_sources(quoted: list[dict], sources: Sources) -> str:
    """Links to the first page_sources_per_cell statements, and how many more there are."""
    shown = settings()["page_sources_per_cell"]
    more = f"<span class='note'>等 {len(quoted)} 条</span>" if len(quoted) > shown else ""
    return "".join(sources.link(s) for s in quoted[:shown]) + more


def _boilerplate_table(frame: pd.DataFrame, sources: Sources) -> str:
    """Boilerplate agency-years, then each statement near-identical to another agency's (at most page_rows)."""
    share, cap = settings()["boilerplate_share"], settings()["page_rows"]
    flagged = list(frame[frame["boilerplate"]].groupby(["agency", "year"], sort=True))
    summary = [
        [
            html.escape(agency),
            str(year),
            f"{rows['agency_share'].iloc[0]:.0%}",
            html.escape("、".join(sorted(set(rows["other_agency"])))),
        ]
        for (agency, year), rows in flagged[:cap]
    ]
    pairs = [
        [
            html.escape(f"{r['agency']} {r['year']}"),
            sources.cite(r),
            html.escape(f"{r['other_agency']} {r['other_year']}"),
            sources.cite(r, "other_"),
            f"{r['similarity']:.2f}",
        ]
        for _, r in frame.sort_values(["year", "agency", "start"]).head(cap).iterrows()
    ]
    return "\n".join(
        [
            f"<p class='note'>雷同报告：本机关当年第五部分语句中至少 {share:.0%} 与另一机关同年报告近乎相同。</p>",
            _table(("机关", "年度", "雷同比例", "雷同对象"), summary, "没有雷同报告。") + _cut(len(flagged), cap),
            _table(("机关 年度", "语句", "另一机关 年度", "近乎相同的语句", "相似度"), pairs, "没有与另一机关近乎相同的语句。")
            + _cut(len(frame), cap),
        ]
    )


def _cut(total: int, cap: int) -> str:
    """A note that a table shows only its first rows."""
    if total <= cap:
        return ""
    return f"<p class='note'>仅列出前 {cap} 行，共 {total} 行；完整的表见 nlp.digest(…).boilerplate。</p>"


def _chart(draw, *args) -> str:
    """A figure drawn by draw(figure, *args) as an embedded PNG; a note when matplotlib is missing."""
    try:
        from matplotlib.figure import Figure

        from nlp.outputs.plotting import use_cjk_font
    except ImportError:
        return "<p class='note'>未安装 matplotlib，图表从略（pip install matplotlib）。</p>"
    use_cjk_font()
    figure = Figure(layout="constrained")
    caption = draw(figure, *args)
    buffer = io.BytesIO()
    figure.savefig(buffer, format="png", dpi=CHART_DPI)
    data = base64.b64encode(buffer.getvalue()).decode("ascii")
    return f"<figure><img src='data:image/png;base64,{data}' alt='{html.escape(caption)}'><figcaption class='note'>{html.escape(caption)}</figcaption></figure>"


def _series_figure(figure, d: Digest, agency: str) -> str:
    """Problem labels by year (filled: recurring from the year before) above measures by year (dark: copied)."""
    years = sorted(int(y) for y in d.reports.loc[d.reports["agency"] == agency, "year"].dropna().unique())
    mine = d.statements[d.statements["agency"] == agency]
    problems = mine[mine["kind"] == "problem"]
    seen = {(int(r["year"]), label) for _, r in problems.iterrows() for label in r["labels"]}
    recurring = d.recurring_problems[d.recurring_problems["agency"] == agency]
    again = {
        (int(r["year"]), label)
        for _, r in recurring.iterrows()
        if r["earlier_year"] == r["year"] - 1
        for label in r["shared_labels"]
    }
    labels = [label for label in label_names() if label in {s for _, s in seen}]
    figure.set_size_inches(max(6.0, 0.55 * len(years) + 3), 2.6 + 0.32 * len(labels))
    top, bottom = figure.subplots(2, 1, sharex=True, gridspec_kw={"height_ratios": [max(len(labels), 1) + 1, 3]})
    for y, label in enumerate(labels):
        for year in years:
            if (year, label) in seen:
                filled = (year, label) in again
                top.scatter(year, y, s=60, color="#c0392b" if filled else "white", edgecolors="#c0392b" if filled else "#3465a4")
    top.set_yticks(range(len(labels)), [label_names()[label] for label in labels])
    top.set_ylim(-0.7, len(labels) - 0.3)
    top.set_title(f"{agency}：各年问题标签（实心：与上一年相同标签的问题再次出现）", fontsize=10)
    measures = mine[mine["kind"] == "measure"].groupby("year").size()
    copied = d.copied_measures[d.copied_measures["agency"] == agency].groupby("year").size()
    bottom.bar(years, [measures.get(y, 0) for y in years], color="#b8cce4", label="措施")
    bottom.bar(years, [copied.get(y, 0) for y in years], color="#3465a4", label="其中照抄往年")
    bottom.legend(fontsize=8, loc="upper right")
    bottom.set_ylabel("措施条数")
    bottom.set_xticks(years, [str(y) for y in years], rotation=45 if len(years) > 8 else 0)
    return f"{agency} 各年问题标签与照抄的措施"


def _distribution_figure(figure, d: Digest, year: int) -> str:
    """Heat maps: the share of each level's and each province's reports naming each problem label."""
    frame = d.label_distribution[d.label_distribution["year"] == year]
    labels = [label for label in label_names() if label in set(frame["label"])]
    parts = [(by, frame[frame["by"] == by]) for by in ("level", "province")]
    groups = {by: sorted(set(part["group_name"])) for by, part in parts}
    figure.set_size_inches(max(6.0, 0.6 * len(labels) + 3), 1.6 + 0.35 * sum(len(g) + 1 for g in groups.values()))
    axes = figure.subplots(2, 1, gridspec_kw={"height_ratios": [len(groups["level"]) + 1, len(groups["province"]) + 1]})
    for ax, (by, part) in zip(axes, parts):
        grid = part.pivot_table(index="group_name", columns="label", values="share", aggfunc="first")
        grid = grid.reindex(index=groups[by], columns=labels).fillna(0.0)
        ax.imshow(grid.to_numpy(), cmap="Reds", vmin=0, vmax=1, aspect="auto")
        _annotate(ax, grid)
        ax.set_yticks(range(len(grid.index)), list(grid.index))
        ax.set_xticks(range(len(labels)), [label_names()[label] for label in labels], rotation=45, ha="right", fontsize=8)
        ax.set_title(f"{year}年 按{'层级' if by == 'level' else '省份'}：提及该问题标签的报告占比", fontsize=10)
    return f"{year}年问题标签分布（按层级、按省份）"


def _annotate(ax, grid: pd.DataFrame) -> None:
    """Each cell of a heat map with its share, light on dark cells."""
    for row, values in enumerate(grid.to_numpy()):
        for column, share in enumerate(values):
            ax.text(column, row, f"{share:.0%}", ha="center", va="center", fontsize=7, color="white" if share > 0.5 else "black")
