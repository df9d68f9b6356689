"""The HTTP service in this process: `touming serve` options, authorization, CORS, the report cache."""

import pytest
import uvicorn
from fastapi.testclient import TestClient
from typer.testing import CliRunner

import nlp
from corpus.synth.generate import make_report, write_text
from nlp.surfaces import cli, store
from nlp.surfaces.logs import LOG_ENV
from nlp.surfaces.service import Reports

TOKEN = "s3cret-t0ken"
ORIGIN = "https://reports.example.org"


@pytest.fixture
def serve(monkeypatch, tmp_path):
    """`touming serve OPTIONS` run up to uvicorn: (the CLI result, the app it would serve)."""
    monkeypatch.delenv("TOUMING_TOKEN", raising=False)
    monkeypatch.setenv(LOG_ENV, str(tmp_path / "touming.log"))
    served = []
    monkeypatch.setattr(uvicorn, "run", lambda app, **options: served.append(app))

    def run(*options, env=None):
        result = CliRunner().invoke(cli.app, ["serve", "--workers", "1", *options], env=env)
        return result, served[-1] if served else None

    return run


@pytest.mark.parametrize("how", ["option", "environment"])
def test_a_token_guards_every_endpoint_but_the_docs(serve, how):
    result, app = serve("--token", TOKEN) if how == "option" else serve(env={"TOUMING_TOKEN": TOKEN})
    assert result.exit_code == 0, result.output
    with TestClient(app) as client:
        for headers in ({}, {"Authorization": "Bearer wrong"}, {"Authorization": f"Basic {TOKEN}"}):
            r = client.get("/reports", headers=headers)
            assert r.status_code == 401 and r.headers["www-authenticate"] == "Bearer"
            assert r.json()["detail"]["type"] == "Unauthorized"
        assert client.post("/reports", files={"file": ("a.txt", b"x")}).status_code == 401
        assert client.get("/reports/x/summary").status_code == 401
        bearer = {"Authorization": f"Bearer {TOKEN}"}
        assert client.get("/reports", headers=bearer).json() == []
        assert client.get("/reports/nope", headers=bearer).status_code == 404
        assert client.get("/docs").status_code == 200
        assert "HTTPBearer" in client.get("/openapi.json").json()["components"]["securitySchemes"]


def test_without_a_token_there_is_no_authorization(serve):
    _, app = serve()
    with TestClient(app) as client:
        assert client.get("/reports").json() == []


def test_an_empty_token_is_refused(serve):
    result, app = serve(env={"TOUMING_TOKEN": " "})
    assert result.exit_code == 2 and app is None


def test_binding_beyond_this_machine_warns_in_one_line(serve):
    for host in ("127.0.0.1", "localhost", "::1"):
        assert serve("--host", host)[0].stderr == ""
    warned = serve("--host", "0.0.0.0")[0].stderr
    assert warned.count("\n") == 1 and "0.0.0.0" in warned and "--token" in warned
    assert "--token" not in serve("--host", "192.0.2.7", "--token", TOKEN)[0].stderr


def test_cors_is_off_by_default_and_on_for_the_origins_given(serve):
    preflight = {"Origin": ORIGIN, "Access-Control-Request-Method": "POST", "Access-Control-Request-Headers": "authorization"}
    default = TestClient(serve()[1])
    assert "access-control-allow-origin" not in default.get("/openapi.json", headers={"Origin": ORIGIN}).headers
    assert "access-control-allow-origin" not in default.options("/reports", headers=preflight).headers
    opened = TestClient(serve("--cors-origin", ORIGIN, "--cors-origin", "https://other.example.org")[1])
    assert opened.get("/openapi.json", headers={"Origin": ORIGIN}).headers["access-control-allow-origin"] == ORIGIN
    assert opened.options("/reports", headers=preflight).status_code == 200
    assert "access-control-allow-origin" not in opened.get("/openapi.json", headers={"Origin": "https://evil.example"}).headers


def test_the_cache_keeps_the_most_recently_used_and_reads_the_others_back(tmp_path):
    extracted = []
    for seed in range(3):
        write_text(make_report(seed), tmp_path / f"r{seed}.txt")
        extracted.append(nlp.extract(tmp_path / f"r{seed}.txt"))
    first, second, third = (r.source.sha256 for r in extracted)
    reports = Reports(store.connect(tmp_path / "reports.duckdb"), cache_size=2)
    for report in extracted:
        reports.add(report)
    assert list(reports.cache) == [second, third]  # the first evicted
    read_back = reports.get(first)
    assert read_back.model_dump_json() == extracted[0].model_copy(update={"paragraphs": []}).model_dump_json()
    assert list(reports.cache) == [third, first]  # read back, it is the most recent; the second evicted
    assert reports.get(second).report == extracted[1].report
    assert reports.get("nope") is None
    assert [r["id"] for r in reports.index()] == [first, second, third]
