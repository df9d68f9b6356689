"""Catalog fields from prose: what a sentence's subject rules out, statements of absence, the
learned assigner's abstention, and the stand-off gold it is measured on."""

import json
import subprocess
import sys
from pathlib import Path

import pytest

from nlp.prose.fields import catalog
from nlp.prose.mentions import field_model, find_mentions

ROOT = Path(__file__).resolve().parents[1]
PROSE_GOLD = ROOT / "corpus" / "gold" / "prose"
PAGES = ROOT.parent / "shared" / "corpus" / "pages"
TOTALS = {"proactive.items_total", "proactive.new_media_items", "proactive.website_items"}


def fields(text: str) -> dict[str, tuple]:
    return {m.field: (m.value, m.qualifier) for m in find_mentions(text, [(0, len(text))]) if m.field}


@pytest.mark.parametrize(
    "sentence",
    [
        "“青山发布”微信公众号推送信息1350篇。",
        "全年通过政务微博发布信息792条。",
        "“青山发布”抖音号发布短视频120条。",
        "区政府微信公众号全年编发稿件300余篇。",
    ],
)
def test_a_count_for_one_platform_never_fills_a_total(sentence):
    assert not set(fields(sentence)) & TOTALS


def test_applications_to_an_approval_hall_are_not_disclosure_requests():
    hall = "青山区政务服务中心入驻审批部门18个，开设窗口40个，共受理申请52000件，办结51980件。"
    assert not [f for f in fields(hall) if f.startswith("requests.")]
    disclosure = "全年受理政府信息公开申请31件，主要涉及行政许可、项目审批等方面，办结29件，结转下年度2件。"
    assert {"requests.received": (31, "exact"), "requests.completed": (29, "exact")}.items() <= fields(disclosure).items()


def test_a_count_over_several_platforms_is_the_new_media_total_or_nothing():
    """It never fills one platform's field; the assigner fills the total or, unsure, abstains with it
    among the candidates."""
    text = "通过政务微博、微信公众号等新媒体发布信息500条。"
    (m,) = find_mentions(text, [(0, len(text))])
    assert m.field == "proactive.new_media_items" or (
        m.field is None and "proactive.new_media_items" in [c["field"] for c in m.field_candidates]
    )


@pytest.mark.parametrize(
    "sentence, expected",
    [
        ("全年通过接诉即办平台受理群众诉求1200件，办结率98%。", {"hotline.received": 1200, "hotline.closure_rate": 98}),
        ("市民热线共接听来电3500个，办结3400件。", {"hotline.received": 3500, "hotline.closed": 3400}),
        ("政民互动平台收到群众留言150条。", {"hotline.received": 150}),
        ("区长信箱收到来信120件，办结118件。", {"mailbox.received": 120, "mailbox.closed": 118}),
        ("全年受理信访事项30件。", {"petitions.received": 30}),
        ("结转上年度的申请3件。", {"requests.carried_in": 3}),
        ("以图解、视频、H5等形式解读政策45篇。", {"interpretation.total": 45}),
        ("门户网站全年发布各类信息3200条。", {"proactive.website_items": 3200}),
        ("全年召开新闻发布会12场。", {"press_conferences": 12}),
        ("全年受理政府信息公开申请56件。", {"requests.received": 56}),
    ],
)
def test_common_statements_fill_their_fields(sentence, expected):
    """Local names of citizen-request platforms, leaders' mailboxes, 信访 and the plain statements
    of issue 11, in sentences written here."""
    assert {f: v for f, (v, _) in fields(sentence).items()} == expected


@pytest.mark.parametrize(
    "sentence, expected",
    [
        ("本年度未收到政府信息公开申请。", {"requests.received"}),
        ("本年度未发生因政府信息公开引起的行政复议、行政诉讼。", {"review.total", "litigation.total"}),
        ("全年未向申请人收取信息处理费。", {"fees.collected"}),
        ("本机关依申请提供政府信息暂不收费。", {"fees.collected"}),
    ],
)
def test_a_statement_of_absence_is_an_implicit_zero(sentence, expected):
    found = fields(sentence)
    assert expected <= set(found)
    assert all(found[f] == (0, "implicit") for f in expected)


def test_a_printed_figure_beats_the_implicit_zero():
    found = fields("全年受理政府信息公开申请12件。未收到其他形式的申请。")
    assert found["requests.received"] == (12, "exact")


def test_page_furniture_is_not_a_figure():
    text = "全年受理申请4件。第 1 页 共 4 页"
    assert [m.text for m in find_mentions(text, [(0, len(text))])] == ["4件"]


def test_every_field_has_a_chinese_label():
    assert all(f.label_zh and not f.label_zh.isascii() for f in catalog())


def test_a_figure_left_without_a_field_keeps_ranked_candidates():
    model = field_model()
    assert model is not None, "models/fields is shipped"
    for m in find_mentions("通过多种渠道发布各类信息88条，在线访谈1期，征集调查6期。", [(0, 30)]):
        assert m.field or all(c["confidence"] < 1 for c in m.field_candidates)
        ranked = [c["confidence"] for c in m.field_candidates]
        assert ranked == sorted(ranked, reverse=True)


def test_the_gold_is_stand_off_and_the_splits_share_no_agency():
    for gold in ("pages.jsonl", "real.jsonl"):
        rows = [json.loads(line) for line in (PROSE_GOLD / gold).read_text("utf-8").splitlines()]
        assert rows and all(set(r) == {"file", "start", "end", "value", "unit", "qualifier", "type", "field"} for r in rows)
    old_format = {json.loads(line)["file"] for line in (PROSE_GOLD / "real.jsonl").read_text("utf-8").splitlines()}
    assert not {Path(f).name for f in old_format} & {p.name.removesuffix(".yaml") for p in (ROOT / "corpus" / "gold" / "mentions").glob("*.yaml")}
    splits = json.loads((PROSE_GOLD / "splits.json").read_text("utf-8"))
    assert len(splits["test"]) >= 40
    assert not (set(splits["train"]) & set(splits["dev"]) or set(splits["train"]) & set(splits["test"]))


@pytest.mark.skipif(not PAGES.is_dir(), reason="the real pages are in ../shared/corpus/pages beside the checkout")
def test_retraining_reproduces_the_shipped_assigner(tmp_path):
    run = subprocess.run(
        [sys.executable, str(ROOT / "pipelines" / "train_fields.py"), "--out", str(tmp_path)], capture_output=True, text=True
    )
    assert run.returncode == 0, run.stderr[-2000:]
    assert (tmp_path / "model.json").read_bytes() == (ROOT / "models" / "fields" / "model.json").read_bytes()
