"""Numbers in prose: every form the reports use, and what is never a figure."""

import pytest

from nlp.prose.numbers import find_quantities


@pytest.mark.parametrize(
    "text, value, unit, qualifier, kind",
    [
        ("受理来电21876件", 21876, "件", "exact", "count"),
        ("政务新媒体发布1万余条", 10000, "条", "more_than", "count"),
        ("主动公开政府信息3000余条", 3000, "条", "more_than", "count"),
        ("办理1.2万件", 12000, "件", "exact", "count"),
        ("开展培训二十余次", 20, "次", "more_than", "count"),
        ("发布近两千条", 2000, "条", "nearly", "count"),
        ("满意率百分之九十九点七三", 99.73, "%", "exact", "percent"),
        ("办结率99.66%", 99.66, "%", "exact", "percent"),
        ("办复率百分之百", 100, "%", "exact", "percent"),
        ("占比三成", 30, "%", "exact", "percent"),
        ("收费15954.526468万元", 15954.526468, "万元", "exact", "money"),
        ("收取信息处理费120元", 120, "元", "exact", "money"),
        ("培训300人次以上", 300, "人次", "at_least", "count"),
        ("约50人", 50, "人", "about", "count"),
        ("超过200件", 200, "件", "more_than", "count"),
        ("逾百篇", 100, "篇", "more_than", "count"),
        ("将近3000条", 3000, "条", "nearly", "count"),
        ("走访群众5000人左右", 5000, "人", "about", "count"),
        ("发行《公报》3期", 3, "期", "exact", "count"),
        ("规范性文件约占5.9%", 5.9, "%", "about", "percent"),
        ("组织“开放日”活动十一次", 11, "次", "exact", "count"),
        ("公众号总关注量137.6万", 1376000, "人", "exact", "count"),
        ("阅读量达140多万", 1400000, "次", "more_than", "count"),
    ],
)
def test_figures(text, value, unit, qualifier, kind):
    [q] = find_quantities(text)
    assert (q.value, q.unit, q.qualifier, q.type) == (value, unit, qualifier, kind)


@pytest.mark.parametrize(
    "text",
    [
        "2021年，我市",
        "统计期限自2024年1月1日至12月31日",
        "时间：2022-02-08 16:34",
        "电话：0517-83605210，传真：0953—3053031",
        "邮编：223001",
        "地址：古峡东街51号",
        "（国办公开办函〔2021〕30号）、国令第711号",
        "畅通12345热线",
        "第十四个五年规划",
        "第二十条第（一）项",
        "同比增长12%",
        "1.属于国家秘密",
        "属于三类内部事务信息",
        "本报告共分6个部分",
        "一是强化公开理念",
        "发布时间：2026-01-28 10:21 字体：大",
        "2025通过门户网站公开",
        "推送了一批应对疫情出台的政策",
        "贯彻十七届五次全会精神",
        "比2018年增加58条，较上年减少3件",
        "政策文件上涨了116%，满意度提高了5%",
        "持续推动“最多跑一次”向“一次不跑”转变",
    ],
)
def test_not_figures(text):
    assert find_quantities(text) == []


def test_two_figures_two_units():
    assert [(q.value, q.unit) for q in find_quantities("全年共发行《公报》3期1500册")] == [(3, "期"), (1500, "册")]
