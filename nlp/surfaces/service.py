"""The HTTP service: upload a report, get its extraction; fetch reports, fields, summaries;
compare reports. OpenAPI docs at /docs.

    touming serve --port 8000 [--db reports.duckdb] [--token SECRET] [--cors-origin https://example.org]
    curl -F file=@huaian_2024.pdf http://127.0.0.1:8000/reports

Uploads are extracted in a bounded pool of worker processes, each file within a time limit, so the
service answers reads while a slow file is extracted. Reports are kept in a DuckDB database of the
schema `touming run` writes; the most recently used are also kept in memory.
"""

from __future__ import annotations

import ipaddress
import json
import logging
import multiprocessing
import os
import queue
import secrets
import shutil
import tempfile
import threading
import typing
from collections import OrderedDict
from collections.abc import AsyncIterator, Iterator, Set
from contextlib import ExitStack, asynccontextmanager, contextmanager
from dataclasses import dataclass
from http import HTTPStatus
from pathlib import Path, PureWindowsPath
from typing import IO, Any

import anyio
import duckdb
from fastapi import APIRouter, Depends, FastAPI, HTTPException, Query, Request
from fastapi.middleware.cors import CORSMiddleware
from fastapi.responses import HTMLResponse, JSONResponse, PlainTextResponse, Response
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer
from starlette.concurrency import run_in_threadpool
from starlette.datastructures import Headers, UploadFile
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from nlp.checks.year_to_year import year_to_year
from nlp.errors import TouMingError
from nlp.ingest import REPORT_SUFFIXES, sniff_format
from nlp.outputs.compare import Repeat, repeats, report_statements, stale_years, unmatched_problems
from nlp.outputs.summary import summary_html, summary_markdown
from nlp.pipeline import extract, load_models
from nlp.schema import ErrorInfo, FieldValue, Report, ReportMeta, Source
from nlp.surfaces import store
from nlp.surfaces.batch import serve_files

log = logging.getLogger(__name__)

MAX_UPLOAD_BYTES = 50 * 2**20  # a whole request body: the file and its multipart wrapping
UPLOAD_NAME = "upload"  # an upload is extracted as upload.pdf, upload.txt…: the name sent is only metadata
UPLOAD_FORM_LIMITS = {"max_files": 1, "max_fields": 0}
SNIFF_BYTES = 8  # enough of the head to tell a PDF
DEFAULT_WORKERS = min(4, os.cpu_count() or 1)  # extraction processes; each loads the models
EXTRACT_TIMEOUT_SECONDS = 120.0  # one file's extraction; a real report takes seconds
WORKER_START_SECONDS = 120.0  # a new worker imports the pipeline and loads its models: not a file's time
MAX_WAITING = 16  # uploads waiting for a free worker; more get 503 before their body is read
BUSY_RETRY_SECONDS = 30  # the Retry-After of that 503
REPORT_CACHE_SIZE = 64  # reports kept in memory; the others are read back from the database
TOKEN_ENV = "TOUMING_TOKEN"
SPAWN = multiprocessing.get_context("spawn")  # a fresh interpreter: the service's threads are never forked

# An extraction error gets its type and one of these short messages; its own message goes to the log.
ERROR_MESSAGES = {
    "EmptyFile": "the file is empty",
    "FileTooLarge": "the file, or what it inflates to, is over the size limit for its format",
    "UnsupportedFormat": "the content is not in a format that can be read (PDF, DOCX, HTML, text or Markdown)",
    "CorruptFile": "the file cannot be parsed as the format it claims",
    "EncryptedFile": "the PDF is password-protected; decrypt it first (e.g. qpdf --decrypt)",
    "NotAReport": "this does not look like a government information disclosure annual report",
    "Timeout": "the extraction took longer than the service's time limit and was stopped",
    "WorkerError": "the extraction process failed",
    "InternalError": "an internal error; it has been logged",
}
UNREADABLE = "the file could not be extracted"
ERROR_STATUS = {"Timeout": 504, "WorkerError": 500, "InternalError": 500}  # any other extraction error: 422
TOO_LARGE = {"type": "UploadTooLarge", "message": f"the upload is over {MAX_UPLOAD_BYTES // 2**20} MB"}
UPLOAD_BODY = {  # the request body as /docs shows it: the handler reads the form itself, after authorization
    "requestBody": {
        "required": True,
        "content": {
            "multipart/form-data": {
                "schema": {
                    "type": "object",
                    "required": ["file"],
                    "properties": {"file": {"type": "string", "format": "binary", "description": "The report file"}},
                }
            }
        },
    }
}


@dataclass(frozen=True)
class Settings:
    """How the service runs: where reports are kept, how extraction is bounded, who may call it."""

    db: Path | None = None  # None: a temporary database, removed when the service stops
    workers: int = DEFAULT_WORKERS
    timeout: float = EXTRACT_TIMEOUT_SECONDS
    max_waiting: int = MAX_WAITING
    cache_size: int = REPORT_CACHE_SIZE
    token: str | None = None  # None: no authentication
    cors_origins: tuple[str, ...] = ()  # none: browsers get no CORS headers


def create_app(settings: Settings = Settings()) -> FastAPI:
    """The service as an ASGI app; its database and worker processes open when the app starts."""
    service = Service(settings)

    @asynccontextmanager
    async def lifespan(_: FastAPI) -> AsyncIterator[None]:
        """Open the database and start the workers for the app's lifetime."""
        with service.running():
            yield

    app = FastAPI(
        title="touming",
        description="政府信息公开工作年度报告 as data: upload a report, get its text, sections, tables, figures, statements and checks.",
        lifespan=lifespan,
        dependencies=_authorization(settings.token),
    )
    app.add_exception_handler(StarletteHTTPException, _error_response)
    app.add_middleware(BodyLimit, limit=MAX_UPLOAD_BYTES)
    if settings.cors_origins:  # added last, it is outermost: errors of the others get CORS headers too
        app.add_middleware(
            CORSMiddleware,
            allow_origins=list(settings.cors_origins),
            allow_methods=["GET", "POST"],
            allow_headers=["Authorization"],
        )
    app.include_router(_router(service))
    return app


class BodyLimit:
    """ASGI middleware refusing a request body over `limit` bytes: by its Content-Length before any of it is
    read, else as soon as the bytes read pass the limit, so that no more is ever spooled."""

    def __init__(self, app: ASGIApp, limit: int) -> None:
        self.app = app
        self.limit = limit

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        """Answer 413 at once, or pass the request on with its body counted."""
        if scope["type"] != "http":
            await self.app(scope, receive, send)
        elif _declared_length(scope) > self.limit:
            await JSONResponse({"detail": TOO_LARGE}, HTTPStatus.REQUEST_ENTITY_TOO_LARGE)(scope, receive, send)
        else:
            await self.app(scope, self._counted(receive), send)

    def _counted(self, receive: Receive) -> Receive:
        """`receive` raising a 413 once the body read so far is over the limit."""
        read = 0

        async def counted() -> Message:
            """The next message of the request, counted."""
            nonlocal read
            message = await receive()
            read += len(message.get("body", b""))
            if read > self.limit:
                raise HTTPException(HTTPStatus.REQUEST_ENTITY_TOO_LARGE, TOO_LARGE)
            return message

        return counted


def _repeat(rep: Repeat) -> dict[str, Any]:
    """A repeated statement as /compare gives it: the two reports, the texts and where each stands."""
    later, earlier = rep.later, rep.earlier
    where = ("file", "page", "start", "end")
    return {
        "first": earlier.report,
        "second": later.report,
        "kind": later.kind,
        "similarity": rep.similarity,
        "text": later.text,
        "earlier": earlier.text,
        "source": {k: getattr(later, k) for k in where},
        "earlier_source": {k: getattr(earlier, k) for k in where},
    }


def _declared_length(scope: Scope) -> int:
    """The request's Content-Length; 0 without one (a chunked body)."""
    length = Headers(scope=scope).get("content-length", "")
    return int(length) if length.isdigit() else 0


def _router(service: Service) -> APIRouter:
    """The endpoints."""
    router = APIRouter()

    @router.post("/reports", response_model=Report, summary="Extract an uploaded report", openapi_extra=UPLOAD_BODY)
    async def upload(request: Request) -> Response:
        if service.pool.waiting() >= service.settings.max_waiting:
            message = f"{service.settings.max_waiting} uploads are already waiting for a worker; try again later"
            raise _error(HTTPStatus.SERVICE_UNAVAILABLE, "Busy", message, {"Retry-After": str(BUSY_RETRY_SECONDS)})
        async with request.form(**UPLOAD_FORM_LIMITS) as form:
            file = form.get("file")
            if not isinstance(file, UploadFile):
                raise _error(422, "MissingFile", "send the report as the multipart form field `file`")
            name = PureWindowsPath(file.filename or "").name  # a name, never a path: / and \ both end a folder
            suffix = await _checked_suffix(file, name)
            report = await service.pool.extract(file.file, suffix)
        report.source.path = name
        if report.error is not None:
            raise _extraction_error(report)
        await run_in_threadpool(service.reports.add, report)
        return Response(await run_in_threadpool(report.model_dump_json), media_type="application/json")

    @router.get("/reports", summary="Reports extracted so far")
    def index() -> list[dict]:
        return service.reports.index()

    @router.get("/reports/{report_id}", response_model=Report, summary="One report's extraction")
    def report(report_id: str) -> Report:
        return service.report(report_id)

    @router.get("/reports/{report_id}/fields", summary="The field catalog filled from the report's prose")
    def fields(report_id: str) -> dict[str, FieldValue]:
        return service.report(report_id).fields

    @router.get("/reports/{report_id}/summary", summary="A concise Chinese summary (Markdown, or HTML with ?format=html)")
    def summary(report_id: str, format: str = Query("markdown", pattern="^(markdown|html)$")):
        r = service.report(report_id)
        return HTMLResponse(summary_html(r)) if format == "html" else PlainTextResponse(summary_markdown(r))

    @router.get("/compare", summary="Compare reports: repeated statements, stale years, unmatched problems, year-to-year checks")
    def compare(ids: list[str] = Query(..., description="Report ids (content hashes)")) -> dict:
        chosen = [service.report(i) for i in ids]
        return {
            "repeats": [_repeat(x) for x in repeats(report_statements(chosen))],
            "stale_years": [vars(x) for x in stale_years(chosen)],
            "unmatched_problems": {i: unmatched_problems(r) for i, r in zip(ids, chosen)},
            "year_to_year": [c.model_dump() for c in year_to_year(chosen)],
        }

    return router


class Service:
    """What the endpoints work with: the reports and the extraction pool, open while the app runs."""

    def __init__(self, settings: Settings) -> None:
        self.settings = settings
        self.reports: Reports
        self.pool: ExtractionPool

    @contextmanager
    def running(self) -> Iterator[None]:
        """The database open and the workers started, until the app stops."""
        with _database(self.settings.db) as con:
            self.reports = Reports(con, self.settings.cache_size)
            self.pool = ExtractionPool(self.settings.workers, self.settings.timeout)
            try:
                yield
            finally:
                self.pool.close()

    def report(self, report_id: str) -> Report:
        """The report of that content hash, else 404."""
        found = self.reports.get(report_id)
        if found is None:
            raise _error(404, "NotFound", f"no report {report_id}; POST it to /reports first")
        return found


@contextmanager
def _database(db: Path | None) -> Iterator[duckdb.DuckDBPyConnection]:
    """The store at db, or else in a temporary folder removed afterwards."""
    with ExitStack() as stack:
        path = db or Path(stack.enter_context(tempfile.TemporaryDirectory(prefix="touming-serve-"))) / "reports.duckdb"
        con = store.connect(path)
        stack.callback(con.close)
        yield con


class Reports:
    """Reports by content hash: all in the DuckDB store, the most recently used also in memory."""

    def __init__(self, con: duckdb.DuckDBPyConnection, cache_size: int) -> None:
        self.con = con
        self.cache_size = cache_size
        self.cache: OrderedDict[str, Report] = OrderedDict()  # least recently used first
        self.lock = threading.Lock()  # one connection and one cache, used from the request threads

    def add(self, report: Report) -> None:
        """Store a report, replacing an earlier one of the same content."""
        with self.lock:
            store.save(self.con, report)
            self._remember(report.source.sha256, report)

    def get(self, sha256: str) -> Report | None:
        """The report of that content hash, from memory or else from the database; None if there is none."""
        with self.lock:
            report = self.cache.get(sha256)
            if report is None:
                report = read_report(self.con, sha256)
            if report is not None:
                self._remember(sha256, report)
            return report

    def index(self) -> list[dict]:
        """Every stored report: id, the name it was uploaded as, agency and year."""
        with self.lock:
            rows = self.con.execute(
                f"SELECT sha256, path, agency, year FROM {store.quote(store.REPORTS.name)} ORDER BY processed_at, sha256"
            ).fetchall()
        return [{"id": sha256, "path": path, "agency": agency, "year": year} for sha256, path, agency, year in rows]

    def _remember(self, sha256: str, report: Report) -> None:
        """Keep a report in memory as the most recently used, evicting the least recently used over the cap."""
        self.cache[sha256] = report
        self.cache.move_to_end(sha256)
        while len(self.cache) > self.cache_size:
            self.cache.popitem(last=False)


def read_report(con: duckdb.DuckDBPyConnection, sha256: str) -> Report | None:
    """A report as `store.save` wrote it, or None; without paragraph spans, which the store does not keep."""
    rows = _rows(con, store.REPORTS.name, sha256)
    if not rows:
        return None
    row = {**rows[0], **{name: rows[0][name].split(",") if rows[0][name] else [] for name in store.COMMA_JOINED}}
    items = {field: _items(con, table, field, key, sha256) for table, field, key in store.ITEMS}
    own = _fields(Report, row, skip=store.NOT_REPORT_COLUMNS)
    return Report(source=_model(Source, row), report=_model(ReportMeta, row), **own, **items)


def _rows(con: duckdb.DuckDBPyConnection, table: str, sha256: str) -> list[dict[str, Any]]:
    """The rows of one report in a table, as dicts by column name, in the order they were stored."""
    cursor = con.execute(f"SELECT * FROM {store.quote(table)} WHERE sha256 = ? ORDER BY rowid", [sha256])
    names = [d[0] for d in cursor.description]
    return [dict(zip(names, values)) for values in cursor.fetchall()]


def _items(con: duckdb.DuckDBPyConnection, table: str, field: str, key: store.Column | None, sha256: str) -> Any:
    """A Report list (or dict, by its key column) read back from its table."""
    annotation = Report.model_fields[field].annotation
    model = typing.get_args(annotation)[-1]  # list[Model] or dict[str, Model]
    rows = _rows(con, table, sha256)
    if typing.get_origin(annotation) is dict:
        return {row[key.name]: _model(model, row) for row in rows}
    return [_model(model, row) for row in rows]


def _model(model: type[Any], row: dict[str, Any]) -> Any:
    """A schema model from a row holding its fields."""
    return model(**_fields(model, row))


def _fields(model: type[Any], row: dict[str, Any], skip: Set[str] = frozenset()) -> dict[str, Any]:
    """The model's fields found in a row, JSON text parsed; NULL left to the field's default."""
    return {
        name: _decoded(info.annotation, row[name])
        for name, info in model.model_fields.items()
        if name not in skip and row.get(name) is not None
    }


def _decoded(annotation: Any, value: Any) -> Any:
    """A stored value as the model field takes it: text of a field that is not text is JSON, and a whole
    number of an int-or-float field (a DOUBLE column) is an int again, as counts are extracted."""
    kinds = typing.get_args(annotation) if typing.get_origin(annotation) in store.UNIONS else (annotation,)
    if isinstance(value, str) and str not in kinds:
        return json.loads(value)
    if isinstance(value, float) and value.is_integer() and int in kinds:
        return int(value)
    return value


class Worker:
    """One extraction process, fed file paths through a pipe."""

    def __init__(self) -> None:
        self.conn, child = SPAWN.Pipe()
        self.process = SPAWN.Process(target=serve_files, args=(child, os.getpid(), extract, load_models), daemon=True)
        self.process.start()
        child.close()
        self.ready = False

    def extract(self, path: Path, timeout: float) -> Report:
        """The report of one file; TimeoutError when it takes over `timeout` seconds."""
        if not self.ready:
            self._await_start()
        self.conn.send(str(path))
        if not self.conn.poll(timeout):
            raise TimeoutError(f"extraction over {timeout:g} s")
        return self.conn.recv()

    def _await_start(self) -> None:
        """Wait until the process has loaded the pipeline."""
        if not self.conn.poll(WORKER_START_SECONDS):
            raise RuntimeError(f"the worker process did not start in {WORKER_START_SECONDS:g} s")
        self.conn.recv()
        self.ready = True

    def stop(self) -> None:
        """End the process, whatever it is doing."""
        self.process.kill()
        self.process.join()
        self.conn.close()


class ExtractionPool:
    """At most `size` files extracted at once, each by a worker process replaced when it overruns or fails."""

    def __init__(self, size: int, timeout: float) -> None:
        self.timeout = timeout
        self.limiter = anyio.CapacityLimiter(size)
        self.idle: queue.SimpleQueue[Worker] = queue.SimpleQueue()
        for _ in range(size):
            self.idle.put(Worker())

    def waiting(self) -> int:
        """Uploads read and waiting for a free worker."""
        return self.limiter.statistics().tasks_waiting

    async def extract(self, upload: IO[bytes], suffix: str) -> Report:
        """The report of an uploaded file, once a worker is free; the file's time limit starts then."""
        return await anyio.to_thread.run_sync(self._extract, upload, suffix, limiter=self.limiter)

    def _extract(self, upload: IO[bytes], suffix: str) -> Report:
        """Copy the upload to a file of a generated name and extract it."""
        with tempfile.TemporaryDirectory(prefix="touming-upload-") as tmp:
            path = Path(tmp) / f"{UPLOAD_NAME}{suffix}"
            with path.open("wb") as out:
                shutil.copyfileobj(upload, out)
            return self._run(path)

    def _run(self, path: Path) -> Report:
        """An idle worker's report of the file; an error report, and a fresh worker, when it overran or failed."""
        worker = self.idle.get_nowait()  # the limiter lets in no more calls than there are workers
        try:
            return worker.extract(path, self.timeout)
        except Exception as exc:  # over its time, died, or sent what cannot be read
            log.warning("extraction worker replaced: %s: %s", type(exc).__name__, exc)
            worker.stop()
            worker = Worker()
            return _failed(path, exc)
        finally:
            self.idle.put(worker)  # the fresh one, if it was replaced

    def close(self) -> None:
        """Stop the idle workers; a busy one, a daemon process, ends with the service."""
        while not self.idle.empty():
            self.idle.get_nowait().stop()


def _failed(path: Path, exc: Exception) -> Report:
    """The error report of a file whose worker overran its time limit or failed."""
    kind = "Timeout" if isinstance(exc, TimeoutError) else "WorkerError"
    return Report(source=Source(path=str(path)), error=ErrorInfo(type=kind, message=f"{type(exc).__name__}: {exc}"))


async def _checked_suffix(file: UploadFile, name: str) -> str:
    """The upload's suffix, once it is one we read and, for .pdf, the content is a PDF; else 415."""
    suffix = Path(name).suffix.lower()
    if suffix not in REPORT_SUFFIXES:
        raise _error(
            415, "UnsupportedMediaType", f"unsupported file type {suffix or '(none)'}; send one of {sorted(REPORT_SUFFIXES)}"
        )
    if suffix == ".pdf" and not _is_pdf(await file.read(SNIFF_BYTES), name):
        raise _error(415, "UnsupportedMediaType", "the file is named .pdf but is not a PDF")
    await file.seek(0)
    return suffix


def _is_pdf(head: bytes, name: str) -> bool:
    """Whether a file of that name starting so is a PDF."""
    try:
        return sniff_format(head, Path(name)) == "pdf"
    except TouMingError:  # a legacy .doc or an image
        return False


def _error(status: int, kind: str, message: str, headers: dict[str, str] | None = None) -> HTTPException:
    """An HTTP error whose body is the error object {"detail": {"type": kind, "message": message}}."""
    return HTTPException(status, {"type": kind, "message": message}, headers)


def _extraction_error(report: Report) -> HTTPException:
    """The HTTP error of a file that could not be extracted: its type and a short message; the details go to the log."""
    error = report.error
    log.warning("upload %r not extracted: %s: %s", report.source.path, error.type, error.message)
    return _error(ERROR_STATUS.get(error.type, 422), error.type, ERROR_MESSAGES.get(error.type, UNREADABLE))


async def _error_response(_: Request, exc: StarletteHTTPException) -> JSONResponse:
    """Every HTTP error as an error object, those of Starlette (no route, the body limit…) too."""
    if isinstance(exc.detail, dict):
        detail = exc.detail
    else:
        detail = {"type": HTTPStatus(exc.status_code).phrase.title().replace(" ", ""), "message": str(exc.detail)}
    return JSONResponse({"detail": detail}, exc.status_code, headers=exc.headers)


def _authorization(token: str | None) -> list[Any]:
    """The app's dependency asking every endpoint for the bearer token; none without a token."""
    if token is None:
        return []
    bearer = HTTPBearer(auto_error=False, description=f"the service's token (--token or ${TOKEN_ENV})")

    async def authorize(credentials: HTTPAuthorizationCredentials | None = Depends(bearer)) -> None:
        """401 unless the request carries the token."""
        if credentials is None or not secrets.compare_digest(credentials.credentials.encode(), token.encode()):
            raise _error(
                401, "Unauthorized", "send the service's token: Authorization: Bearer <token>", {"WWW-Authenticate": "Bearer"}
            )

    return [Depends(authorize)]


def exposure_warning(host: str, token: str | None) -> str | None:
    """The line to warn with when the service is bound beyond this machine, else None."""
    if _is_loopback(host):
        return None
    unguarded = "" if token else f"; without --token (or ${TOKEN_ENV}) anyone who reaches it can use it"
    return f"warning: touming serve listens on {host}, reachable from other machines{unguarded}"


def _is_loopback(host: str) -> bool:
    """Whether an address to bind is this machine only."""
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return host == "localhost"
