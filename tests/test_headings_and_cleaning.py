"""Headings in their many printed forms, and the cleaning rules, on small documents written here."""

import docx
import pytest

import nlp
from nlp.text.headings import parse_section_heading, parse_subpoint

BODY = "全年主动公开政府信息3000余条，办理政府信息公开申请20件。"


def _kinds(report):
    return [(s.kind, s.number, s.title) for s in report.sections]


@pytest.mark.parametrize(
    "text, number, title, run_in",
    [
        ("一、总体情况", "一", "总体情况", False),
        ("二. 主动公开政府信息情况", "二", "主动公开政府信息情况", False),
        ("三．收到和处理政府信息公开申请情况", "三", "收到和处理政府信息公开申请情况", False),
        ("一、总体情况2021年，我区坚持以人民为中心。", "一", "总体情况", True),
        ("六、其他需要报告的事项无其他需要报告的事项。", "六", "其他需要报告的事项", True),
        ("五、政务公开工作存在的不足及改进措施", "五", "政务公开工作存在的不足及改进措施", False),
    ],
)
def test_section_heading_forms(text, number, title, run_in):
    h = parse_section_heading(text)
    assert (h.number, h.title, h.run_in) == (number, title, run_in)


@pytest.mark.parametrize(
    "text", ["一、本年新收政府信息公开申请数量21", "四、结转下年度继续办理0", "一是强化公开理念，理顺工作机制。"]
)
def test_table_rows_and_list_items_are_not_headings(text):
    assert parse_section_heading(text) is None


def test_subpoints_and_table_rows():
    assert parse_subpoint("（一）主动公开情况。2024年，…").title == "主动公开情况"
    assert parse_subpoint("(二)依申请公开情况").number == "（二）"
    assert parse_subpoint("（一）予以公开\t8") is None
    assert parse_subpoint("（三）不予公开政府信息情况。我局无此情况。").title == "不予公开政府信息情况"


def test_bold_only_headings_in_docx(tmp_path):
    d = docx.Document()
    for title, body in [("总体情况", BODY), ("主动公开政府信息情况", BODY), ("其他需要报告的事项", "无。")]:
        d.add_paragraph().add_run(title).bold = True
        d.add_paragraph(body)
    d.save(tmp_path / "bold.docx")
    report = nlp.extract(tmp_path / "bold.docx")
    assert _kinds(report) == [
        ("overview", None, "总体情况"),
        ("proactive", None, "主动公开政府信息情况"),
        ("other", None, "其他需要报告的事项"),
    ]


def test_heading_split_over_two_lines_of_a_text_export(tmp_path):
    (tmp_path / "r.txt").write_text(f"一、总体情况\n{BODY}\n三、收到和处理政府信息公开\n申请情况\n{BODY}\n", "utf-8")
    report = nlp.extract(tmp_path / "r.txt")
    assert _kinds(report)[1] == ("applications", "三", "收到和处理政府信息公开申请情况")


def test_numbering_that_restarts_for_an_appended_part(tmp_path):
    text = f"一、总体情况\n{BODY}\n二、工作机制保障\n{BODY}\n一、主动公开政府信息情况\n{BODY}\n二、收到和处理政府信息公开申请情况\n{BODY}\n"
    (tmp_path / "r.txt").write_text(text, "utf-8")
    kinds = [s.kind for s in nlp.extract(tmp_path / "r.txt").sections]
    assert kinds == ["overview", "other", "proactive", "applications"]


def test_list_items_inside_problems_do_not_open_sections(tmp_path):
    text = f"五、存在的主要问题及改进情况\n一、存在的问题\n{BODY}\n二、改进措施\n{BODY}\n六、其他需要报告的事项\n无。\n"
    (tmp_path / "r.txt").write_text(text, "utf-8")
    assert [s.number for s in nlp.extract(tmp_path / "r.txt").sections] == ["五", "六"]


def test_text_export_cleaning(tmp_path):
    text = "一、总体情况\n２０２４年，我市通过政府网站主动公开政府信息 3000 余条，- 3 - 政务新媒体发布信息1 万余条，\n\n共解读文件政策27 次。\n- 4 -\n"
    (tmp_path / "r.txt").write_text(text, "utf-8")
    report = nlp.extract(tmp_path / "r.txt")
    body = report.text.split("\n")[1]
    assert body == "2024年，我市通过政府网站主动公开政府信息3000余条，政务新媒体发布信息1万余条，共解读文件政策27次。"
    assert "- 4 -" not in report.text


def test_half_width_subpoint_marks_are_normalised(tmp_path):
    (tmp_path / "r.md").write_text(f"## 一、总体情况\n\n### (一) 主动公开情况\n\n{BODY}\n", "utf-8")
    report = nlp.extract(tmp_path / "r.md")
    assert report.sections[0].subpoints[0].number == "（一）"
    assert "（一）主动公开情况" in report.text


def test_html_nav_is_dropped_and_tables_kept(tmp_path):
    nav = "".join(f"<li><a href='/{i}'>栏目导航{i}</a></li>" for i in range(30))
    article = f"<p>一、总体情况</p><p>{BODY}</p><p>二、主动公开政府信息情况</p><table><tr><td rowspan='2'>规章</td><td>1</td></tr><tr><td>2</td></tr></table>"
    html = f"<html><head><title>青山市2024年政府信息公开工作年度报告_青山市政府</title></head><body><ul>{nav}</ul><div class='c'>{article}</div><div>版权所有 青山市人民政府办公室</div></body></html>"
    (tmp_path / "r.html").write_text(html, "utf-8")
    report = nlp.extract(tmp_path / "r.html")
    assert "栏目导航" not in report.text and "版权所有" not in report.text
    assert report.report.title == "青山市2024年政府信息公开工作年度报告"
    assert [p.table_row for p in report.paragraphs].count(True) == 2
    assert "规章\t1" in report.text


def test_a_piped_table_row_without_its_leading_pipe_is_a_table_row(tmp_path):
    """Converters drop the row's leading pipe ("3次 | 2次 | 21条 |"): its cells are not prose figures."""
    text = f"一、总体情况\n{BODY}\n新闻发布会 | 电视采访 | 数字图文 |\n3次 | 2次 | 21条 |\n"
    (tmp_path / "r.txt").write_text(text, "utf-8")
    report = nlp.extract(tmp_path / "r.txt")
    assert not {"2次", "21条"} & {m.text for m in report.mentions}
    assert [p.table_row for p in report.paragraphs][-2:] == [True, True]
