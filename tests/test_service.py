"""The HTTP service, over real HTTP to a server running in its own process."""

import socket
import subprocess
import sys
import time

import httpx
import pytest
from conftest import real_corpus
from gold import REAL


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="module")
def server():
    port = _free_port()
    proc = subprocess.Popen(
        [sys.executable, "-m", "nlp", "serve", "--port", str(port)], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
    )
    base = f"http://127.0.0.1:{port}"
    for _ in range(120):
        try:
            if httpx.get(f"{base}/openapi.json", timeout=1).status_code == 200:
                break
        except httpx.HTTPError:
            time.sleep(0.5)
    else:
        proc.kill()
        pytest.fail("the server did not start")
    yield base
    proc.terminate()
    proc.wait(timeout=10)


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


def test_openapi_docs_are_served(server):
    spec = httpx.get(f"{server}/openapi.json").json()
    assert {"/reports", "/reports/{report_id}", "/reports/{report_id}/fields", "/reports/{report_id}/summary", "/compare"} <= set(
        spec["paths"]
    )
    assert httpx.get(f"{server}/docs").status_code == 200
