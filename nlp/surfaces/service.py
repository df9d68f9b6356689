"""The HTTP service: upload a report, get its extraction; fetch reports, fields, summaries;
compare reports. OpenAPI docs at /docs.

    touming serve --port 8000
    curl -F file=@huaian_2024.pdf http://127.0.0.1:8000/reports
"""

from __future__ import annotations

import tempfile
from pathlib import Path

from fastapi import FastAPI, HTTPException, Query, UploadFile
from fastapi.responses import HTMLResponse, PlainTextResponse

from nlp.checks.year_to_year import year_to_year
from nlp.ingest import sniff_format
from nlp.outputs.compare import repeats, stale_years, unmatched_problems
from nlp.outputs.summary import summary_html, summary_markdown
from nlp.pipeline import extract
from nlp.schema import FieldValue, Report

MAX_UPLOAD_BYTES = 50 * 2**20
ALLOWED_SUFFIXES = {".pdf", ".docx", ".html", ".htm", ".txt", ".md"}


def create_app() -> FastAPI:
    app = FastAPI(
        title="touming",
        description="政府信息公开工作年度报告 as data: upload a report, get its text, sections, tables, figures, statements and checks.",
    )
    reports: dict[str, Report] = {}  # by content hash; a service restart starts empty

    @app.post("/reports", response_model=Report, summary="Extract an uploaded report")
    async def upload(file: UploadFile) -> Report:
        suffix = Path(file.filename or "").suffix.lower()
        if suffix not in ALLOWED_SUFFIXES:
            raise HTTPException(415, f"unsupported file type {suffix or '(none)'}; send one of {sorted(ALLOWED_SUFFIXES)}")
        data = await file.read(MAX_UPLOAD_BYTES + 1)
        if len(data) > MAX_UPLOAD_BYTES:
            raise HTTPException(413, f"upload over {MAX_UPLOAD_BYTES // 2**20} MB")
        if suffix == ".pdf" and sniff_format(data[:8], Path(file.filename)) != "pdf":
            raise HTTPException(415, "the file is named .pdf but is not a PDF")
        with tempfile.TemporaryDirectory() as tmp:
            path = Path(tmp) / Path(file.filename).name
            path.write_bytes(data)
            report = extract(path)
        report.source.path = file.filename
        if report.error is not None:
            raise HTTPException(422, f"{report.error.type}: {report.error.message}")
        reports[report.source.sha256] = report
        return report

    def get(report_id: str) -> Report:
        if report_id not in reports:
            raise HTTPException(404, f"no report {report_id}; POST it to /reports first")
        return reports[report_id]

    @app.get("/reports", summary="Reports extracted so far")
    def index() -> list[dict]:
        return [{"id": k, "path": r.source.path, "agency": r.report.agency, "year": r.report.year} for k, r in reports.items()]

    @app.get("/reports/{report_id}", response_model=Report, summary="One report's extraction")
    def report(report_id: str) -> Report:
        return get(report_id)

    @app.get("/reports/{report_id}/fields", summary="The field catalog filled from the report's prose")
    def fields(report_id: str) -> dict[str, FieldValue]:
        return get(report_id).fields

    @app.get("/reports/{report_id}/summary", summary="A concise Chinese summary (Markdown, or HTML with ?format=html)")
    def summary(report_id: str, format: str = Query("markdown", pattern="^(markdown|html)$")):
        r = get(report_id)
        return HTMLResponse(summary_html(r)) if format == "html" else PlainTextResponse(summary_markdown(r))

    @app.get("/compare", summary="Compare reports: repeated statements, stale years, unmatched problems, year-to-year checks")
    def compare(ids: list[str] = Query(..., description="Report ids (content hashes)")) -> dict:
        chosen = [get(i) for i in ids]
        return {
            "repeats": [vars(x) for x in repeats(chosen)],
            "stale_years": [vars(x) for x in stale_years(chosen)],
            "unmatched_problems": {i: unmatched_problems(r) for i, r in zip(ids, chosen)},
            "year_to_year": [c.model_dump() for c in year_to_year(chosen)],
        }

    return app


app = create_app()
