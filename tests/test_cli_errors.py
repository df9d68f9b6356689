"""The command line: one line per error, tracebacks in the log file, exit codes that say what happened."""

import logging
import os
import subprocess
import sys

from nlp.surfaces import logs


def touming(*args, cwd=None, env=None):
    return subprocess.run([sys.executable, "-m", "nlp", *args], capture_output=True, text=True, cwd=cwd, env=env)


def test_a_symlink_loop_is_an_error_object_not_a_crash(tmp_path):
    os.symlink(tmp_path / "b.txt", tmp_path / "a.txt")
    os.symlink(tmp_path / "a.txt", tmp_path / "b.txt")
    run = touming("extract", str(tmp_path / "a.txt"))
    assert run.returncode == 1
    assert "Traceback" not in run.stderr and "loop of symbolic links" in run.stderr
    assert '"type":"NotAFile"' in run.stdout


def test_a_folder_a_fifo_and_a_missing_file_each_say_what_they_are(tmp_path):
    (tmp_path / "x.pdf").mkdir()
    os.mkfifo(tmp_path / "pipe.txt")
    run = touming("extract", str(tmp_path / "x.pdf"), str(tmp_path / "pipe.txt"), str(tmp_path / "nope.pdf"))
    assert run.returncode == 1 and "Traceback" not in run.stderr
    assert run.stderr.count("not a file") == 2 and "no such file" in run.stderr


def test_compare_exits_2_when_nothing_could_be_read_and_1_when_some_could_not(tmp_path):
    assert touming("compare", str(tmp_path / "a.pdf"), str(tmp_path / "b.pdf")).returncode == 2
    report = tmp_path / "r.txt"
    report.write_text("青山市人民政府2024年政府信息公开工作年度报告\n一、总体情况\n全年主动公开政府信息3000余条。\n", "utf-8")
    assert touming("compare", str(report), str(tmp_path / "missing.pdf")).returncode == 1


def test_a_flag_warning_says_why(tmp_path):
    """A scanned page left unread says so on stderr, with the reason its failures entry gives."""
    import pymupdf

    picture = pymupdf.Pixmap(pymupdf.csRGB, pymupdf.IRect(0, 0, 200, 300), False)
    picture.clear_with(200)
    doc = pymupdf.open()
    doc.new_page().insert_image(pymupdf.Rect(0, 0, 595, 842), pixmap=picture)
    doc.save(tmp_path / "scan.pdf")
    run = touming("extract", "--no-ocr", str(tmp_path / "scan.pdf"))
    assert run.returncode == 0
    assert "needs_ocr: a scanned page, not read: OCR was turned off (--no-ocr)" in run.stderr


def test_warnings_are_one_line_and_tracebacks_go_to_the_log_file(tmp_path, monkeypatch, capsys):
    monkeypatch.setenv("TOUMING_LOG", str(tmp_path / "touming.log"))
    logs.configure(debug=False)
    try:
        raise ValueError("inner detail")
    except ValueError:
        logging.getLogger("nlp.pipeline").exception("internal error on %s", "r.pdf")
    logging.getLogger().handlers[-1].flush()
    stderr = capsys.readouterr().err
    assert stderr.strip() == "error: internal error on r.pdf"
    assert "Traceback" in (tmp_path / "touming.log").read_text("utf-8")
    logs.configure(debug=True)
    logging.getLogger().handlers.clear()
