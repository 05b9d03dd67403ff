"""The web app: ``create_app(settings)`` gives an ASGI app (FastAPI) that serves the pages
(:mod:`.pages`) and the JSON API (:mod:`.api_routes`) over the same library calls as the CLI.

Each worker thread keeps its own :class:`~storyline.api.Storyline` (SQLite connections
belong to the thread that opened them); routes only translate requests into those calls and
their results into HTML or the JSON shapes of :mod:`storyline.shapes`.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import HTMLResponse, JSONResponse, Response
from fastapi.staticfiles import StaticFiles
from fastapi.templating import Jinja2Templates
from starlette.exceptions import HTTPException as StarletteHTTPException

from .. import __version__
from ..api import Storyline
from ..errors import DatabaseBusy, NotFound, SettingsError, StoreError, StorylineError, UsageError
from ..settings import Settings
from .security import RateLimiter, SecurityHeaders

HERE = Path(__file__).resolve().parent
log = logging.getLogger("storyline.web")

_CODES = {400: "bad-request", 403: "forbidden", 404: "not-found", 405: "method-not-allowed",
          409: "conflict", 413: "too-large", 415: "unsupported-media-type",
          422: "invalid-parameter", 429: "rate-limited", 500: "internal", 503: "busy"}


class Connections:
    """One open :class:`Storyline` per thread, all closed together. They share one tuple of
    analysis components: building it loads the rule data (~0.2 s), which every worker
    thread's first request paid before."""

    def __init__(self, settings: Settings, components: tuple[Any, ...] | None = None):
        self.settings = settings
        self.components = components
        self._local = threading.local()
        self._all: list[Storyline] = []
        self._lock = threading.Lock()

    def get(self) -> Storyline:
        sl = getattr(self._local, "sl", None)
        if sl is None:
            sl = Storyline(settings=self.settings, create=False, components=self.components)
            self._local.sl = sl
            with self._lock:
                self._all.append(sl)
        return sl

    def close(self) -> None:
        with self._lock:
            for sl in self._all:
                try:
                    sl.close()
                except Exception:  # noqa: BLE001 - a connection of a finished thread
                    pass
            self._all.clear()


class WebError(Exception):
    """An HTTP error the routes raise on purpose (status, code, message, extra headers)."""

    def __init__(self, status: int, message: str, *, code: str | None = None,
                 headers: dict[str, str] | None = None):
        super().__init__(message)
        self.status = status
        self.code = code or _CODES.get(status, "error")
        self.message = message
        self.headers = headers or {}


def create_app(settings: Settings) -> FastAPI:
    """The app for the database ``settings.db`` (which must exist: make one with
    ``storyline ingest`` or ``storyline demo``)."""
    check = Storyline(settings=settings, create=False)  # a bad --db fails here, in one line
    try:
        secret = check.store.web_secret()
        components = check.components
    finally:
        check.close()
    app = FastAPI(title="storyline", version=__version__, docs_url=None, redoc_url=None,
                  openapi_url="/openapi.json", lifespan=_lifespan,
                  description="Stories, actors, outlets and articles of a storyline database, "
                              "with reader reactions. Every list is paged with `limit` and "
                              "`cursor`; every error is JSON `{\"error\": {status, code, "
                              "message}}`. See docs/api.md.")
    app.state.settings = settings
    app.state.connections = Connections(settings, components)
    app.state.secret = secret
    app.state.reader_limit = RateLimiter(settings.reactions_per_minute)
    app.state.address_limit = RateLimiter(settings.reactions_per_minute_address)
    app.state.templates = _templates(settings)
    app.add_middleware(SecurityHeaders)
    app.mount("/static", StaticFiles(directory=HERE / "static"), name="static")

    from . import api_routes, pages

    app.include_router(api_routes.router)
    app.include_router(pages.router)
    _error_handlers(app)

    return app


@asynccontextmanager
async def _lifespan(app: FastAPI) -> AsyncIterator[None]:
    yield
    app.state.connections.close()  # every thread's connection, when the server stops


def _templates(settings: Settings) -> Jinja2Templates:
    from . import charts, views

    templates = Jinja2Templates(directory=str(HERE / "templates"))
    env = templates.env
    env.autoescape = True
    env.auto_reload = False  # templates are package data: no stat() of each file per render
    env.globals.update(bar_chart=charts.bar_chart, read_only=settings.read_only,
                       version=__version__)
    env.filters.update(day=views.day, when=views.when, safe_url=views.safe_url,
                       quote_path=views.quote_path, plural=views.plural,
                       timex=views.timex)
    return templates


def wants_json(request: Request) -> bool:
    path = request.url.path
    return path.startswith("/api/") or path == "/api" or path == "/openapi.json"


def error_response(request: Request, status: int, message: str, code: str | None = None,
                   headers: dict[str, str] | None = None) -> Response:
    code = code or _CODES.get(status, "error")
    if wants_json(request):
        return JSONResponse({"error": {"status": status, "code": code, "message": message}},
                            status_code=status, headers=headers)
    templates: Jinja2Templates = request.app.state.templates
    return templates.TemplateResponse(request, "error.html",
                                      {"status": status, "code": code, "message": message},
                                      status_code=status, headers=headers)


def _status_of(exc: StorylineError) -> int:
    if isinstance(exc, NotFound):
        return 404
    if isinstance(exc, DatabaseBusy):
        return 503
    if isinstance(exc, StoreError):
        return 503
    if isinstance(exc, UsageError | SettingsError):
        return 400
    return 400


def _error_handlers(app: FastAPI) -> None:
    @app.exception_handler(WebError)
    async def _web(request: Request, exc: WebError) -> Response:
        return error_response(request, exc.status, exc.message, exc.code, exc.headers)

    @app.exception_handler(StorylineError)
    async def _storyline(request: Request, exc: StorylineError) -> Response:
        status = _status_of(exc)
        headers = {"Retry-After": "2"} if status == 503 else None
        return error_response(request, status, str(exc), headers=headers)

    @app.exception_handler(StarletteHTTPException)
    async def _http(request: Request, exc: StarletteHTTPException) -> Response:
        message = {404: f"nothing at {request.url.path}; start at / (stories) or /api/stories",
                   405: f"{request.method} is not allowed on {request.url.path}"}.get(
            exc.status_code, str(exc.detail))
        return error_response(request, exc.status_code, message,
                              headers=getattr(exc, "headers", None))

    @app.exception_handler(RequestValidationError)
    async def _invalid(request: Request, exc: RequestValidationError) -> Response:
        parts = []
        for e in exc.errors()[:5]:
            where = ".".join(str(x) for x in e.get("loc", ()) if x not in ("query", "path"))
            parts.append(f"{where}: {e.get('msg', 'invalid')}")
        return error_response(request, 422, "invalid parameter " + "; ".join(parts)
                              + " (see /openapi.json for what each parameter takes)")

    @app.exception_handler(Exception)
    async def _unexpected(request: Request, exc: Exception) -> Response:
        log.exception("unexpected error on %s", request.url.path)
        return error_response(request, 500, f"unexpected error ({type(exc).__name__}); the "
                              "server log has the traceback — please report it")


def html(request: Request, template: str, context: dict[str, Any],
         status: int = 200) -> HTMLResponse:
    templates: Jinja2Templates = request.app.state.templates
    return templates.TemplateResponse(request, template, context, status_code=status)
