"""Clean text of real PDFs: paragraphs rebuilt, page furniture gone, every character traceable."""

import re

import pymupdf
import pytest

from nlp.ingest import read_document

PAGE_NUMBER = re.compile(r"[-－—]\s*\d{1,3}\s*[-－—]|第\s*\d+\s*页")
SENTENCE_END = "。！？：；”）)"


@pytest.fixture(scope="module")
def huaian(real):
    return read_document(real / "huaian_2024.pdf")


def _prose(doc):
    return [doc.text[p.start : p.end] for p in doc.paragraphs if not p.is_table_row]


def test_no_page_numbers_left_in_the_text(huaian):
    assert not PAGE_NUMBER.search(huaian.text)


def test_paragraphs_end_at_sentence_ends_or_are_headings(huaian):
    for text in _prose(huaian):
        heading = re.match(r"^[一二三四五六七八九十]、", text) or len(text) <= 20 or text.endswith("年度报告")
        assert heading or text[-1] in SENTENCE_END, f"paragraph cut mid-sentence: …{text[-30:]}"


def test_words_split_across_lines_and_pages_are_rejoined(huaian):
    text = huaian.text
    for phrase in [
        "《中华人民共和国政府信息公开条例》",
        "2024年四个季度政务新媒体检查抽查中",
        "下一步，我市将着力加强政策解读质效",
    ]:
        assert phrase in text
    assert "\n" not in "".join(p for p in _prose(huaian) if "探索建立政社合作" in p)


def test_layout_spaces_between_cjk_and_digits_are_removed(huaian):
    assert "5500余条" in huaian.text and "5500 余条" not in huaian.text
    assert "2024年1月1日至2024年12月31日" in huaian.text


def test_each_character_points_at_its_glyph_on_the_page(real, huaian):
    pdf = pymupdf.open(real / "huaian_2024.pdf")
    i = huaian.text.index("5500余条")
    for k in range(i, i + 6):
        origin = huaian.origin(k)
        clip = pymupdf.Rect(origin.bbox) + (-1, -1, 1, 1)
        assert huaian.text[k] in pdf[origin.page - 1].get_text(clip=clip)


def test_pages_are_tracked(huaian):
    assert huaian.page_count == 6
    assert huaian.page_at(huaian.text.index("六、其他需要报告的事项")) == 6


@pytest.mark.parametrize("name", ["hongze_2023.pdf", "hongze_2024.pdf"])
def test_hongze_prose_is_whole(real, name):
    doc = read_document(real / name)
    for text in _prose(doc):
        heading = re.match(r"^[一二三四五六七八九十]、", text) or len(text) <= 30
        assert heading or text[-1] in SENTENCE_END, f"{name}: …{text[-30:]}"


def test_text_offsets_point_into_the_source(real):
    path = real / "qingtongxia_2021.txt"
    source = path.read_text("utf-8")
    doc = read_document(path)
    i = doc.text.index("32137")
    assert [source[doc.origin(k).offset] for k in range(i, i + 5)] == list("32137")


def test_crawled_web_text_loses_header_and_navigation(real):
    doc = read_document(real / "pingtan_2021.txt")
    assert doc.text.startswith("根据《中华人民共和国政府信息公开条例》")
    assert "当前位置" not in doc.text and "原文链接" not in doc.text
    assert "一、总体情况" in doc.paragraph_texts()


def test_saved_web_page_keeps_the_article_only(real):
    doc = read_document(real / "html" / "pingtan_2021.html")
    assert doc.format == "html"
    assert doc.text.startswith("根据《中华人民共和国政府信息公开条例》")
    assert "当前位置" not in doc.text
    assert any(p.is_table_row for p in doc.paragraphs)
    html = (real / "html" / "pingtan_2021.html").read_text("utf-8")
    i = doc.text.index("一、总体情况")
    assert html[doc.origin(i).offset] == "一"
