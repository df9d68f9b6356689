"""Bad input gives a clear error or a flagged partial result, never a crash."""

import json
import subprocess
import sys
import tracemalloc

import pymupdf
import pytest
from hostile import spans_pdf

import nlp

REPORT_LINES = [
    "青山市人民政府2024年政府信息公开工作年度报告",
    "一、总体情况",
    "2024年，我市坚持以人民为中心深化政务公开，全年主动公开政府信息3000余条。",
    "二、主动公开政府信息情况",
]


def _cjk_pdf(path, pages):
    font = pymupdf.Font("cjk").buffer
    doc = pymupdf.open()
    for lines in pages:
        page = doc.new_page()
        page.insert_font(fontname="cjk", fontbuffer=font)
        for i, line in enumerate(lines):
            page.insert_text((72, 72 + 24 * i), line, fontname="cjk", fontsize=14)
    doc.save(path)


def test_missing_file(tmp_path):
    report = nlp.extract(tmp_path / "nope.pdf")
    assert report.error.type == "FileMissing"


def test_empty_file(tmp_path):
    (tmp_path / "empty.pdf").write_bytes(b"")
    assert nlp.extract(tmp_path / "empty.pdf").error.type == "EmptyFile"


def test_corrupt_pdf(tmp_path):
    (tmp_path / "bad.pdf").write_bytes(b"%PDF-1.7\n" + bytes(range(256)) * 20)
    report = nlp.extract(tmp_path / "bad.pdf")
    assert report.error.type == "CorruptFile"
    assert "bad.pdf" in report.source.path


def test_truncated_pdf(tmp_path):
    _cjk_pdf(tmp_path / "full.pdf", [REPORT_LINES])
    data = (tmp_path / "full.pdf").read_bytes()
    (tmp_path / "cut.pdf").write_bytes(data[: len(data) // 3])
    report = nlp.extract(tmp_path / "cut.pdf")
    assert report.error is not None or "pdf_damaged" in report.flags


def test_encrypted_pdf(tmp_path):
    doc = pymupdf.open()
    doc.new_page().insert_text((72, 72), "secret")
    doc.save(tmp_path / "locked.pdf", encryption=pymupdf.PDF_ENCRYPT_AES_256, user_pw="u", owner_pw="o")
    report = nlp.extract(tmp_path / "locked.pdf")
    assert report.error.type == "EncryptedFile"
    assert "password" in report.error.message


def test_scanned_pdf_is_flagged_needs_ocr(tmp_path):
    pix = pymupdf.Pixmap(pymupdf.csRGB, pymupdf.IRect(0, 0, 200, 300), False)
    pix.clear_with(200)
    doc = pymupdf.open()
    for _ in range(2):
        doc.new_page().insert_image(pymupdf.Rect(0, 0, 595, 842), pixmap=pix)
    doc.save(tmp_path / "scan.pdf")
    report = nlp.extract(tmp_path / "scan.pdf")
    assert report.error is None
    assert "needs_ocr" in report.flags
    assert report.text == "" and report.sections == []


def test_legacy_doc_is_unsupported(tmp_path):
    (tmp_path / "old.doc").write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 600)
    report = nlp.extract(tmp_path / "old.doc")
    assert report.error.type == "UnsupportedFormat" and ".docx" in report.error.message


def test_binary_junk_is_unsupported(tmp_path):
    (tmp_path / "junk.txt").write_bytes(bytes(range(256)) * 10)
    assert nlp.extract(tmp_path / "junk.txt").error.type == "UnsupportedFormat"


def test_a_text_that_is_not_a_report(tmp_path):
    (tmp_path / "recipe.txt").write_text("红烧肉的做法\n五花肉切块，焯水后加冰糖炒色，再加酱油和水慢炖一小时。\n", "utf-8")
    report = nlp.extract(tmp_path / "recipe.txt")
    assert report.error.type == "NotAReport"


def test_a_report_without_recognisable_structure_is_unknown_not_forced(tmp_path):
    # a report by its title, but with no section heading we know (a work summary without one is not a report)
    (tmp_path / "loose.txt").write_text(
        "本单位2024年政府信息公开工作年度报告\n今年我们认真做好政府信息公开，收到政府信息公开申请3件。\n", "utf-8"
    )
    report = nlp.extract(tmp_path / "loose.txt")
    assert [s.kind for s in report.sections] == ["unknown"]
    assert "no_sections_found" in report.flags


def test_format_is_detected_from_content_not_extension(tmp_path):
    _cjk_pdf(tmp_path / "report.txt", [REPORT_LINES])
    report = nlp.extract(tmp_path / "report.txt")
    assert report.source.format == "pdf"
    assert [s.kind for s in report.sections] == ["preamble", "overview", "proactive"]


def test_five_hundred_pages_stream_with_bounded_python_memory(tmp_path):
    body = "我市坚持以人民为中心深化政务公开，全年主动公开政府信息。"
    pages = [REPORT_LINES] + [[body] * 20] * 499
    _cjk_pdf(tmp_path / "big.pdf", pages)
    tracemalloc.start()
    report = nlp.extract(tmp_path / "big.pdf")
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    assert report.error is None and report.source.pages == 500
    assert report.sections[-1].page_end == 500
    assert peak < 400 * 2**20, f"peak Python memory {peak / 2**20:.0f} MB"


def test_one_bad_file_does_not_stop_a_multi_file_run(tmp_path, real):
    (tmp_path / "empty.txt").write_bytes(b"")
    out = tmp_path / "out.jsonl"
    files = [str(real / "pingtan_2021.txt"), str(tmp_path / "empty.txt"), str(real / "huaian_2024.pdf")]
    run = subprocess.run([sys.executable, "-m", "nlp", "extract", *files, "-o", str(out)], capture_output=True, text=True)
    assert run.returncode == 1
    assert "EmptyFile" in run.stderr
    rows = [json.loads(line) for line in out.read_text("utf-8").splitlines()]
    assert [r["error"] is None for r in rows] == [True, False, True]
    assert rows[2]["report"]["agency"] == "淮安市人民政府"


def test_the_output_never_overwrites_an_input(tmp_path, real):
    target = tmp_path / "keep.txt"
    target.write_text("原文", "utf-8")
    run = subprocess.run([sys.executable, "-m", "nlp", "extract", str(target), "-o", str(target)], capture_output=True, text=True)
    assert run.returncode == 2
    assert target.read_text("utf-8") == "原文"


@pytest.mark.parametrize("content", ["\n\n\n", "   "])
def test_whitespace_only_text(tmp_path, content):
    (tmp_path / "blank.txt").write_text(content, "utf-8")
    report = nlp.extract(tmp_path / "blank.txt")
    assert report.error is not None or report.flags == ["no_text"]


@pytest.mark.parametrize("encoding", ["utf-16", "utf-16-be", "utf-32"])
def test_text_with_a_byte_order_mark_is_decoded(tmp_path, encoding):
    text = "\n".join(REPORT_LINES)
    bom = {"utf-16-be": b"\xfe\xff"}.get(encoding, b"")
    (tmp_path / "report.txt").write_bytes(bom + text.encode(encoding))
    report = nlp.extract(tmp_path / "report.txt")
    assert report.ok and report.text.startswith("青山市人民政府")
    assert report.fields["proactive.items_total"].value == 3000


def test_a_docx_decompression_bomb_is_refused_before_inflating(tmp_path):
    import zipfile

    bomb = tmp_path / "bomb.docx"
    with zipfile.ZipFile(bomb, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("[Content_Types].xml", "<Types/>")
        z.writestr("word/document.xml", b"<w:document>" + b" " * (120 * 2**20) + b"</w:document>")
    tracemalloc.start()
    report = nlp.extract(bomb)
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    assert report.error.type == "FileTooLarge" and "inflates" in report.error.message
    assert peak < 50 * 2**20


def test_html_nested_100k_deep_is_read_without_a_traceback(tmp_path):
    page = tmp_path / "deep.html"
    page.write_text("<html><body>" + "<div>" * 100_000 + "\n".join(REPORT_LINES) + "</div>" * 100_000 + "</body></html>", "utf-8")
    run = subprocess.run([sys.executable, "-m", "nlp", "extract", str(page)], capture_output=True, text=True)
    assert "Traceback" not in run.stderr
    report = json.loads(run.stdout)
    assert report["error"] is None and "3000余条" in report["text"]


def test_a_page_of_20000_spans_is_read_within_the_default_time_limit(tmp_path):
    """Each numeric cell is checked against MuPDF's reading of its box from one extraction per page
    (it was one extraction per cell: minutes for such a page)."""
    import time

    spans_pdf(tmp_path / "spans.pdf")
    started = time.monotonic()
    report = nlp.extract(tmp_path / "spans.pdf")
    assert time.monotonic() - started < 120  # the service's default per-file limit
    assert report.error is None or report.error.type == "NotAReport"
