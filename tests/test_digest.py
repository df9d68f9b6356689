"""Follow-through across years (`touming digest`, `nlp.digest`): on pingtan's fifteen reports, on
reports built here with invented section 五 sentences, from files and from a results database,
and the page rendered in headless Chromium."""

from __future__ import annotations

import re
import subprocess
import sys
import warnings

import pytest
from chromium import dump_dom, missing_glyphs, needs_chromium
from conftest import real_corpus
from gold import REAL

import nlp
from corpus.synth.generate import make_report, write_text
from nlp.outputs.digest import COLUMNS, AgencyNotFound, deadlines, label_names, year_range
from nlp.outputs.digest_page import digest_html
from nlp.statements.classify import labels
from nlp.surfaces import store

# Three agencies: 清江浦 followed over three years; in 2023 宿迁 and 鼓楼 print the same section 五.
# Every sentence is written for this test: (problems, measures) of each report.
QINGJIANGPU = "淮安市清江浦区人民政府"
SUQIAN = "宿迁市人民政府"
GULOU = "福州市鼓楼区人民政府"
PROMISE = "一是丰富政策解读形式，力争2022年6月底前推出系列图解解读产品。"
SHARED = (
    ["一是公开目录与机构职能调整不同步，部分事项长期未更新。", "二是经办人员多为兼职，业务培训覆盖面不广。"],
    ["一是年内完成公开目录全面梳理，逐项明确责任科室。", "二是每季度组织一次经办人员业务轮训。"],
)
SECTION_FIVE = {
    (QINGJIANGPU, 2021): (
        ["一是政策解读形式单一，图解和视频解读产品偏少。", "二是政府网站个别栏目长期不更新。"],
        [PROMISE, "二是开展网站栏目全面排查，及时更新栏目内容。"],
    ),
    (QINGJIANGPU, 2022): (
        ["一是政策解读形式单一，图解和视频解读产品偏少。", "二是依申请公开答复文书不够规范，个别答复超出法定期限。"],
        [PROMISE, "二是规范依申请公开答复文书，严格落实法定期限。"],
    ),
    (QINGJIANGPU, 2023): (
        ["一是政策解读的通俗性还不够，群众反映看不懂的情况仍然存在。"],
        [PROMISE, "二是在推出系列图解解读产品的基础上，年内增加视频解读。"],
    ),
    (SUQIAN, 2023): SHARED,
    (GULOU, 2023): SHARED,
}


def _write(folder, seed: int, agency: str, year: int, problems: list[str], measures: list[str]):
    """A generated report whose section 五 states the given problems, then the given measures."""
    report = make_report(seed, year=year, agency=agency)
    report.section("problems").paragraphs = [
        "对照上级要求，仍存在一些不足：" + "".join(problems),
        "下一步，我们将重点做好以下工作：" + "".join(measures),
    ]
    path = folder / f"{agency}_{year}.txt"
    write_text(report, path)
    return path


@pytest.fixture(scope="module")
def invented_files(tmp_path_factory):
    folder = tmp_path_factory.mktemp("invented")
    return [_write(folder, seed, *key, *texts) for seed, (key, texts) in enumerate(SECTION_FIVE.items(), 1)]


@pytest.fixture(scope="module")
def invented(invented_files):
    return [nlp.extract(path) for path in invented_files]


@pytest.fixture(scope="module")
def invented_digest(invented):
    return nlp.digest(invented)


@pytest.fixture(scope="module")
def real_reports():
    """Every real report, extracted once for the module."""
    if not REAL.is_dir():
        pytest.skip(f"the shared corpus is not beside the clone ({REAL})")
    files = sorted(p for p in REAL.rglob("*") if p.suffix in (".pdf", ".txt", ".md", ".html"))
    return [nlp.extract(p) for p in files]


@pytest.fixture(scope="module")
def pingtan(real_reports):
    """The zone's fifteen reports, 2011–2025, as crawled text."""
    return [r for r in real_reports if re.fullmatch(r"pingtan_20\d\d\.txt", r.source.path.rsplit("/", 1)[-1])]


@pytest.fixture(scope="module")
def pingtan_digest(pingtan):
    return nlp.digest(pingtan)


def _texts(reports) -> dict[str, str]:
    return {r.source.path: r.text for r in reports}


def _quoted_right(frame, texts: dict[str, str], prefix: str = "") -> bool:
    """Every row's statement (the columns under prefix) is the text at its file's offsets."""
    rows = frame.dropna(subset=[f"{prefix}start"])
    return all(
        texts[r[f"{prefix}file"]][r[f"{prefix}start"] : r[f"{prefix}end"]] == r[f"{prefix}text"] for _, r in rows.iterrows()
    )


def _year(path: str) -> int:
    return int(re.search(r"(\d{4})\.\w+$", path)[1])


@real_corpus
def test_pingtan_measures_copied_year_after_year_with_their_chain(pingtan, pingtan_digest):
    copied = pingtan_digest.copied_measures
    assert len(pingtan) == 15 and len(copied) >= 10
    assert _quoted_right(copied, _texts(pingtan)) and _quoted_right(copied, _texts(pingtan), "earlier_")
    assert (copied["earlier_year"] < copied["year"]).all() and (copied["similarity"] >= 0.8).all()
    assert all(
        c[-1] == y and c == sorted(c) and c[0] == f for c, y, f in zip(copied["chain"], copied["year"], copied["first_year"])
    )
    assert [2011, 2012, 2013] in list(copied["chain"])  # the plans of 2011 printed again in 2012 and 2013


@real_corpus
def test_pingtan_problems_recur_by_label_and_in_the_same_words(pingtan, pingtan_digest):
    recurring = pingtan_digest.recurring_problems
    assert _quoted_right(recurring, _texts(pingtan)) and _quoted_right(recurring, _texts(pingtan), "earlier_")
    same_words = recurring[recurring["same_text"]]
    assert {(2012, 2011), (2013, 2012)} <= set(zip(same_words["year"], same_words["earlier_year"]))
    by_label = recurring[~recurring["same_text"]]
    assert len(by_label) and (by_label["year"] - by_label["earlier_year"] == 1).all()
    assert all(len(shared) for shared in by_label["shared_labels"])
    assert {_year(f) for f in recurring["file"]} == set(recurring["year"])  # each row names the later report's file


@real_corpus
def test_pingtan_measures_dated_by_the_words_that_introduce_them(pingtan, pingtan_digest):
    """2016年，我们将采取以下措施加以改进： dates each measure after it; the row says where the date is printed."""
    passed = pingtan_digest.passed_deadlines
    dated = passed[passed["year"] == 2016]
    assert len(dated) == 3 and set(dated["deadline_year"]) == {2016} and (dated["deadline_start"] < dated["start"]).all()
    texts = _texts(pingtan)
    assert all(texts[r["file"]][r["deadline_start"] : r["deadline_end"]] == r["deadline"] for _, r in dated.iterrows())
    assert set(dated["repeated_in"].map(tuple)) == {(2019,)}  # printed again, word for word, in 2019


@real_corpus
def test_each_row_names_file_and_offsets_of_the_later_and_the_earlier_statement(pingtan_digest):
    """What a hand annotation of recurrences will be compared with: (file, start, end) of both."""
    recurring = pingtan_digest.recurring_problems
    keys = ["file", "start", "end", "earlier_file", "earlier_start", "earlier_end"]
    assert recurring[keys].notna().all().all()
    assert not recurring.duplicated(keys).any()


def test_the_tables_have_their_columns_and_sources(invented_digest):
    for name, columns in COLUMNS.items():
        frame = getattr(invented_digest, name)
        assert list(frame.columns) == list(columns), name
        if "start" in frame:
            assert frame[["file", "start", "end"]].notna().all().all(), name
    for sources in invented_digest.label_distribution["sources"]:
        assert sources and all({"file", "page", "start", "end", "text"} <= set(s) for s in sources)


def test_a_problem_back_in_the_same_words_and_by_its_label(invented, invented_digest):
    recurring = invented_digest.recurring_problems
    assert _quoted_right(recurring, _texts(invented)) and _quoted_right(recurring, _texts(invented), "earlier_")
    assert set(zip(recurring["year"], recurring["earlier_year"], recurring["same_text"])) == {
        (2022, 2021, True),
        (2023, 2022, False),
    }
    assert all("interpretation" in shared for shared in recurring["shared_labels"])


def test_the_measures_promised_for_a_problem_and_whether_it_comes_back(invented, invented_digest):
    promised = invented_digest.promised_measures
    assert _quoted_right(promised, _texts(invented), "measure_") and _quoted_right(promised, _texts(invented), "back_")
    first = promised[promised["year"] == 2021].set_index("text")
    assert first.loc["一是政策解读形式单一，图解和视频解读产品偏少。", "measure_text"] == PROMISE
    assert bool(first.loc["一是政策解读形式单一，图解和视频解读产品偏少。", "comes_back"])
    assert not bool(first.loc["二是政府网站个别栏目长期不更新。", "comes_back"])
    assert promised.loc[promised["year"] == 2023, "comes_back"].isna().all()  # no report of 2024


def test_a_measure_copied_three_years_running(invented_digest):
    copied = invented_digest.copied_measures
    last = copied[copied["year"] == 2023].iloc[0]
    assert last["text"] == PROMISE and list(last["chain"]) == [2021, 2022, 2023] and last["earlier_year"] == 2022


def test_promised_dates_that_have_passed_and_whether_a_later_report_mentions_them(invented, invented_digest):
    passed = invented_digest.passed_deadlines
    assert set(passed["year"]) == {2021, 2022, 2023}  # 2022年6月底前 < 2023; 年内 in 2023 means 2024: not passed
    assert set(passed["deadline_year"]) == {2022} and set(passed["deadline_month"]) == {6}
    first = passed[passed["year"] == 2021].iloc[0]
    assert list(first["repeated_in"]) == [2022, 2023]  # the promise printed again: not what mentions it
    assert bool(first["mentioned_later"]) and first["later_text"] == SECTION_FIVE[(QINGJIANGPU, 2023)][1][1]
    assert _quoted_right(passed, _texts(invented), "later_")
    assert passed.loc[passed["year"] == 2023, "mentioned_later"].isna().all()  # no later report to look in


def test_deadline_patterns():
    assert [(d.year, d.month) for d in deadlines("力争2016年6月底前建成查阅点，2017年底前全面推开。", 2015)] == [
        (2016, 6),
        (2017, None),
    ]
    assert [(d.year, d.month) for d in deadlines("到2020年基本建成，年内完成目录编制。", 2018)] == [(2020, None), (2019, None)]
    assert deadlines("截至2019年底共公开信息300条，2019年前三季度办结全部申请。", 2019) == []
    assert [d.year for d in deadlines("2015年，我区将进一步规范依申请公开。", 2014)] == [2015]


def test_agencies_of_one_year_by_level_and_province(invented_digest):
    dist = invented_digest.label_distribution
    levels = dist[(dist["year"] == 2023) & (dist["by"] == "level")]
    assert dict(zip(levels["group"], levels["reports"])) == {"county": 2, "city": 1}
    provinces = dist[(dist["year"] == 2023) & (dist["by"] == "province")]
    assert dict(zip(provinces["group_name"], provinces["reports"])) == {"江苏省": 2, "福建省": 1}
    assert set(dist["label"]) <= set(labels()) and set(dist["label_name"]) <= set(label_names().values())


def test_boilerplate_is_near_identical_to_another_agency_of_the_same_year(invented, invented_digest):
    copied = invented_digest.boilerplate
    assert set(copied["agency"]) == {"江苏省宿迁市人民政府", "福建省福州市鼓楼区人民政府"}
    assert copied["boilerplate"].all() and (copied["agency"] != copied["other_agency"]).all()
    assert _quoted_right(copied, _texts(invented)) and _quoted_right(copied, _texts(invented), "other_")


def test_agency_and_years_choose_what_is_followed(invented):
    chosen = nlp.digest(invented, agency="清江浦区", years=range(2021, 2023))
    assert chosen.agencies == ["江苏省淮安市清江浦区人民政府"] and set(chosen.reports["year"]) == {2021, 2022}
    assert set(chosen.copied_measures["year"]) == {2022}
    with pytest.raises(AgencyNotFound, match="清江浦"):
        nlp.digest(invented, agency="不存在县")
    assert year_range("2011-2025") == range(2011, 2026) and year_range("2023") == range(2023, 2024)


def test_a_results_database_gives_the_same_digest(tmp_path, invented, invented_digest):
    db = tmp_path / "results.duckdb"
    with store.connect(db) as con:
        for report in invented:
            store.save(con, report)
    from_db = nlp.digest(db)
    for name in COLUMNS:
        mine, theirs = getattr(invented_digest, name), getattr(from_db, name)
        assert _identities(mine).equals(_identities(theirs)), name


def _identities(frame):
    """The columns that say which rows a table has, sorted."""
    key = [c for c in ("file", "start", "end", "year", "by", "group", "label") if c in frame]
    return frame.sort_values(key).reset_index(drop=True)[key]


def test_the_command_writes_the_page_and_never_overwrites(tmp_path, invented_files):
    folder = invented_files[0].parent

    def digest(*args):
        return subprocess.run([sys.executable, "-m", "nlp", "digest", *args], cwd=tmp_path, capture_output=True, text=True)

    made = digest(str(folder), "--agency", "清江浦")
    assert made.returncode == 0, made.stderr
    page = (tmp_path / "digest.html").read_text("utf-8")
    assert "逐年追踪：江苏省淮安市清江浦区人民政府" in page and "data:image/png;base64," in page
    assert digest(str(folder)).returncode == 2  # digest.html is there: not written over without -o
    assert (tmp_path / "digest.html").read_text("utf-8") == page
    before = invented_files[0].read_bytes()
    assert digest(str(folder), "-o", str(invented_files[0])).returncode == 2
    assert invented_files[0].read_bytes() == before


@real_corpus
@needs_chromium
def test_the_digest_of_every_real_report_renders_without_missing_glyphs(tmp_path, real_reports):
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # matplotlib warns "Glyph … missing from font" for a box in a chart
        page = digest_html(nlp.digest(real_reports))
    text = re.sub(r"<style>.*?</style>|<[^>]+>", " ", page, flags=re.S)
    assert not [label for label in labels() if re.search(rf"\b{label}\b", text)]  # labels by their Chinese names
    missing, checked = missing_glyphs(page, tmp_path)
    assert missing == "" and checked > 500
    (tmp_path / "digest.html").write_text(page, "utf-8")
    dom = dump_dom(tmp_path / "digest.html", tmp_path)
    assert dom.returncode == 0 and "逐年追踪：福建省平潭综合实验区" in dom.stdout and dom.stdout.count("<img") >= 2
