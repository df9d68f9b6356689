"""The HTTP service, over real HTTP to a server running in its own process."""

import os
import select
import socket
import subprocess
import sys
import tempfile
import time
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from pathlib import Path

import httpx
import pymupdf
import pytest
from conftest import real_corpus
from gold import REAL

from corpus.synth.generate import make_report, write_text
from nlp.surfaces import store
from nlp.surfaces.logs import LOG_ENV
from nlp.surfaces.service import MAX_UPLOAD_BYTES

SOCKET_SLACK = 16 * 2**20  # what the socket buffers take in after the server has stopped reading
BOUNDARY = "b0undary"
PART_HEAD = f'--{BOUNDARY}\r\nContent-Disposition: form-data; name="file"; filename="big.txt"\r\nContent-Type: text/plain\r\n\r\n'


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@contextmanager
def serving(folder: Path, *options: str):
    """A `touming serve` process with these options, its stderr and log file in folder: its base URL while it runs."""
    port = _free_port()
    env = {**os.environ, LOG_ENV: str(folder / "touming.log")}
    command = [sys.executable, "-m", "nlp", "serve", "--port", str(port), *options]
    with (folder / "stderr.log").open("wb") as stderr:
        proc = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=stderr, env=env)
    base = f"http://127.0.0.1:{port}"
    try:
        for _ in range(120):
            try:
                if httpx.get(f"{base}/openapi.json", timeout=1).status_code == 200:
                    break
            except httpx.HTTPError:
                time.sleep(0.5)
        else:
            pytest.fail("the server did not start")
        yield base
    finally:
        proc.terminate()
        proc.wait(timeout=30)


@pytest.fixture(scope="module")
def server_folder(tmp_path_factory):
    return tmp_path_factory.mktemp("service")


@pytest.fixture(scope="module")
def server(server_folder):
    with serving(server_folder) as base:
        yield base


def _report_text(seed: int = 0, prefix: str = "") -> bytes:
    """A generated report as a text file."""
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "report.txt"
        write_text(make_report(seed), path)
        return prefix.encode() + path.read_bytes()


def _upload(base: str, name: str, data: bytes, mime: str = "text/plain") -> httpx.Response:
    return httpx.post(f"{base}/reports", files={"file": (name, data, mime)}, timeout=120)


def _many_spans_pdf(spans: int) -> bytes:
    """A one-page PDF of that many separate text spans: slow to lay out, quick to write."""
    ops = "".join(f"BT /F1 4 Tf {5 + i % 100 * 19} {10 + i // 100 * 9.5} Td (ab) Tj ET\n" for i in range(spans)).encode()
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 2000 2000] /Resources << /Font << /F1 5 0 R >> >> /Contents 4 0 R >>",
        b"<< /Length %d >>\nstream\n" % len(ops) + ops + b"endstream",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]
    out, offsets = bytearray(b"%PDF-1.4\n"), []
    for n, body in enumerate(objects, 1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % n + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1) + b"".join(b"%010d 00000 n \n" % o for o in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)
    return bytes(out)


def _send_until_answered(base: str, head: str, pieces) -> tuple[bytes, int]:
    """Send a request head, then body pieces until the server answers: its status line and the body bytes sent."""
    url = httpx.URL(base)
    sent = 0
    with socket.create_connection((url.host, url.port), timeout=10) as s:
        s.sendall(head.encode())
        try:
            for piece in pieces:
                if select.select([s], [], [], 0)[0]:
                    break
                s.sendall(piece)
                sent += len(piece)
        except OSError:  # the server answered and closed the connection while this was still sending
            pass
        return s.recv(4096).split(b"\r\n", 1)[0], sent


def _chunked(pieces):
    """Body pieces in HTTP chunked transfer coding."""
    for piece in pieces:
        yield b"%x\r\n%s\r\n" % (len(piece), piece)


@real_corpus
def test_upload_fetch_fields_summary_and_compare(server):
    ids = []
    for name in ("hongze_2023.pdf", "hongze_2024.pdf"):
        with (REAL / name).open("rb") as f:
            r = httpx.post(f"{server}/reports", files={"file": (name, f, "application/pdf")}, timeout=120)
        assert r.status_code == 200, r.text
        body = r.json()
        assert body["report"]["year"] in (2023, 2024) and body["tables"]["t3.new.total"]["value"] in (21, 95)
        ids.append(body["source"]["sha256"])
    assert httpx.get(f"{server}/reports/{ids[1]}").json()["source"]["path"] == "hongze_2024.pdf"
    assert httpx.get(f"{server}/reports/{ids[1]}/fields").json()["requests.received"]["value"] == 17
    assert httpx.get(f"{server}/reports/{ids[0]}/summary").text.startswith("# 洪泽区人民政府2023年")
    compared = httpx.get(f"{server}/compare", params=[("ids", i) for i in ids]).json()
    assert compared["repeats"] and all(x["second"].endswith("2024") for x in compared["repeats"])
    assert {c["status"] for c in compared["year_to_year"] if c["rule"].startswith("year.carried.")} == {"pass"}
    assert httpx.get(f"{server}/reports/nope").status_code == 404


def test_uploads_are_type_checked_and_size_limited(server):
    assert httpx.post(f"{server}/reports", files={"file": ("x.exe", b"MZ", "application/octet-stream")}).status_code == 415
    assert httpx.post(f"{server}/reports", files={"file": ("fake.pdf", b"hello", "application/pdf")}).status_code == 415
    big = b"a" * (50 * 2**20 + 10)
    assert httpx.post(f"{server}/reports", files={"file": ("big.txt", big, "text/plain")}, timeout=60).status_code == 413
    assert httpx.post(f"{server}/reports", files={"file": ("empty.txt", b"", "text/plain")}).status_code == 422


def test_an_upload_over_the_limit_is_refused_by_its_content_length_before_any_of_it_is_read(server):
    head = (
        "POST /reports HTTP/1.1\r\nHost: test\r\n"
        f"Content-Type: multipart/form-data; boundary={BOUNDARY}\r\nContent-Length: {300 * 2**20}\r\n\r\n{PART_HEAD}"
    )
    started = time.monotonic()
    status, _ = _send_until_answered(server, head, [])
    assert status.startswith(b"HTTP/1.1 413") and time.monotonic() - started < 2


def test_a_body_without_a_length_is_cut_off_once_it_passes_the_limit(server):
    head = f"POST /reports HTTP/1.1\r\nHost: test\r\nContent-Type: multipart/form-data; boundary={BOUNDARY}\r\nTransfer-Encoding: chunked\r\n\r\n"
    megabyte = b"a" * 2**20
    status, sent = _send_until_answered(server, head, _chunked([PART_HEAD.encode(), *[megabyte] * 300]))
    assert status.startswith(b"HTTP/1.1 413")
    assert sent < MAX_UPLOAD_BYTES + SOCKET_SLACK, f"the server read {sent / 2**20:.0f} MB before refusing"


def test_the_name_of_an_upload_is_only_metadata(server, tmp_path):
    long_name = "南" * 296 + ".txt"
    r = _upload(server, long_name, _report_text())
    assert r.status_code == 200, r.text
    assert r.json()["source"]["path"] == long_name
    escaping = "../" * 12 + str(tmp_path).lstrip("/") + "/escaped.txt"
    r = _upload(server, escaping, _report_text(1))
    assert r.status_code == 200 and r.json()["source"]["path"] == "escaped.txt"
    assert not (tmp_path / "escaped.txt").exists()
    r = _upload(server, "..\\..\\windows.txt", _report_text(2))
    assert r.status_code == 200 and r.json()["source"]["path"] == "windows.txt"


def test_unreadable_pdfs_get_an_error_object_and_the_details_go_to_the_log(server, server_folder):
    doc = pymupdf.open()
    doc.new_page().insert_text((72, 72), "政府信息公开工作年度报告", fontname="china-s")
    locked = doc.tobytes(encryption=pymupdf.PDF_ENCRYPT_AES_256, user_pw="u", owner_pw="o")
    for name, data, kind in (("locked.pdf", locked, "EncryptedFile"), ("broken.pdf", b"%PDF-1.7\n\x00garbage", "CorruptFile")):
        r = _upload(server, name, data, "application/pdf")
        assert r.status_code == 422
        error = r.json()["detail"]
        assert error["type"] == kind and error["message"]
        assert "/" not in error["message"] and "stream" not in error["message"]  # no path, no exception text
    time.sleep(0.5)  # the log is written as the answer is sent
    assert "not a readable PDF (" in (server_folder / "touming.log").read_text()  # the exception's text, for who runs the service


def test_report_pages_escape_html(server):
    r = _upload(server, "script.txt", _report_text(3, prefix="<script>alert(1)</script>"))
    assert r.status_code == 200, r.text
    page = httpx.get(f"{server}/reports/{r.json()['source']['sha256']}/summary", params={"format": "html"}).text
    assert "&lt;script&gt;" in page and "<script>" not in page


def test_ids_in_urls_reach_no_file_and_no_sql(server):
    for report_id in ("..%2F..%2F..%2Fetc%2Fpasswd", "%2e%2e", "x'%20OR%20'1'='1", "x%22;%20DROP%20TABLE%20reports;--"):
        r = httpx.get(f"{server}/reports/{report_id}")
        assert r.status_code == 404 and r.json()["detail"]["type"] == "NotFound"
    assert httpx.get(f"{server}/reports").status_code == 200


def test_reads_answer_while_a_slow_file_is_extracted_and_it_is_stopped_at_the_time_limit(tmp_path):
    with serving(tmp_path, "--workers", "1", "--timeout", "3") as base, ThreadPoolExecutor(1) as background:
        slow = background.submit(_upload, base, "slow.pdf", _many_spans_pdf(20_000), "application/pdf")
        latencies = []
        while not slow.done():
            started = time.monotonic()
            assert httpx.get(f"{base}/reports", timeout=5).status_code == 200
            latencies.append(time.monotonic() - started)
            time.sleep(0.2)
        r = slow.result()
        assert r.status_code == 504 and r.json()["detail"]["type"] == "Timeout"
        assert len(latencies) >= 5 and max(latencies) < 1, latencies
        assert _upload(base, "after.txt", _report_text()).status_code == 200  # a fresh worker took the stopped one's place


def test_uploads_beyond_those_allowed_to_wait_get_503_with_retry_after(tmp_path):
    slow_pdf = _many_spans_pdf(20_000)
    with serving(tmp_path, "--workers", "1", "--timeout", "4", "--max-waiting", "1") as base, ThreadPoolExecutor(2) as background:
        busy = background.submit(_upload, base, "busy.pdf", slow_pdf, "application/pdf")
        time.sleep(1.5)  # the one worker is on it
        waiting = background.submit(_upload, base, "waiting.pdf", slow_pdf, "application/pdf")
        time.sleep(1.5)  # it waits for the worker
        refused = _upload(base, "refused.txt", _report_text())
        assert refused.status_code == 503 and refused.json()["detail"]["type"] == "Busy"
        assert refused.headers["retry-after"].isdigit()
        assert busy.result().status_code == 504 and waiting.result().status_code == 504  # both were served, in turn
        assert _upload(base, "later.txt", _report_text()).status_code == 200


def test_reports_are_kept_in_the_database_across_restarts(tmp_path):
    db = tmp_path / "service.duckdb"
    with serving(tmp_path, "--db", str(db), "--workers", "1") as base:
        uploaded = _upload(base, "r0.txt", _report_text()).json()
    report_id = uploaded["source"]["sha256"]
    with serving(tmp_path, "--db", str(db), "--workers", "1") as base:
        assert httpx.get(f"{base}/reports").json() == [
            {"id": report_id, "path": "r0.txt", "agency": uploaded["report"]["agency"], "year": uploaded["report"]["year"]}
        ]
        stored = httpx.get(f"{base}/reports/{report_id}").json()
        assert httpx.get(f"{base}/reports/{report_id}/summary").status_code == 200
    assert {**stored, "paragraphs": []} == {**uploaded, "paragraphs": []}  # the store keeps no paragraph spans
    assert list(store.load(db).reports.sha256) == [report_id]  # the schema of `touming run`


def test_openapi_docs_are_served(server):
    spec = httpx.get(f"{server}/openapi.json").json()
    assert {"/reports", "/reports/{report_id}", "/reports/{report_id}/fields", "/reports/{report_id}/summary", "/compare"} <= set(
        spec["paths"]
    )
    assert "multipart/form-data" in spec["paths"]["/reports"]["post"]["requestBody"]["content"]
    assert httpx.get(f"{server}/docs").status_code == 200
