"""Summary and review page of a real report; the review page rendered in headless Chromium."""

import re
import subprocess
import sys

import pytest
from chromium import dump_dom, needs_chromium, screenshot
from conftest import real_corpus
from gold import REAL

import nlp
from nlp.outputs.review import review_html
from nlp.outputs.summary import summary_html, summary_markdown


@pytest.fixture(scope="module")
def huaian():
    if not REAL.is_dir():
        pytest.skip("the shared corpus is not beside the clone")
    return nlp.extract(REAL / "huaian_2024.pdf")


@real_corpus
def test_summary_names_figures_with_their_source(huaian):
    text = summary_markdown(huaian)
    assert text.startswith("# 淮安市人民政府2024年政府信息公开工作年度报告")
    assert "本年受理申请数：3119件（第2页，原文" in text and "requests.received" not in text
    assert "## 存在的主要问题（2 条）" in text
    assert "<h2>主要数据</h2>" in summary_html(huaian)


@real_corpus
def test_review_page_highlights_every_figure_cell_and_statement(huaian):
    page = review_html(huaian).split("<aside>")[0]  # the text, without the legend
    assert len(re.findall(r"<mark class='figure", page)) == len(huaian.mentions)
    assert len(re.findall(r"<mark class='cell", page)) == len([c for c in huaian.tables.values() if c.end > c.start])
    assert len(re.findall(r"<span class='(?:problem|measure)'", page)) == len(huaian.statements)
    sidebar = review_html(huaian).split("<aside>")[1]
    for field in huaian.fields.values():
        assert f"href='#m-{field.mention}'" in sidebar and f"id='m-{field.mention}'" in page


@real_corpus
def test_review_command_never_overwrites(tmp_path, huaian):
    target = tmp_path / "page.html"
    target.write_text("mine", "utf-8")
    run = subprocess.run(
        [sys.executable, "-m", "nlp", "review", str(REAL / "huaian_2024.pdf")], cwd=tmp_path, capture_output=True, text=True
    )
    assert run.returncode == 0 and (tmp_path / "huaian_2024.pdf.review.html").exists()
    again = subprocess.run(
        [sys.executable, "-m", "nlp", "review", str(REAL / "huaian_2024.pdf")], cwd=tmp_path, capture_output=True, text=True
    )
    assert again.returncode == 2
    assert target.read_text("utf-8") == "mine"


@real_corpus
@needs_chromium
def test_review_page_renders_in_headless_chromium(tmp_path, huaian):
    page = tmp_path / "review.html"
    page.write_text(review_html(huaian), "utf-8")
    dom = dump_dom(page, tmp_path)
    assert dom.returncode == 0
    assert dom.stdout.split("<aside>")[0].count('<mark class="figure') == len(huaian.mentions)
    shot = screenshot(page, tmp_path)
    assert shot.exists() and shot.stat().st_size > 10_000
