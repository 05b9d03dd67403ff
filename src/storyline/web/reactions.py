"""Reader reactions over HTTP: who the reader is (cookie), whether the request may change
anything (read-only setting, CSRF token, same origin), rate limits, then the library call."""

from __future__ import annotations

from typing import Any

from fastapi import Request
from fastapi.responses import Response

from .app import WebError
from .security import (
    READER_COOKIE,
    READER_MAX_AGE,
    csrf_ok,
    csrf_token,
    new_reader,
    same_origin,
    valid_reader,
)


def reader_and_token(request: Request) -> tuple[str, str, bool]:
    """The reader id (from the cookie, or a new one), its CSRF token, and whether it is new
    (then the response must set the cookie)."""
    reader = valid_reader(request.cookies.get(READER_COOKIE))
    new = reader is None
    if reader is None:
        reader = new_reader()
    return reader, csrf_token(request.app.state.secret, reader), new


def with_reader(request: Request, response: Response, reader: str) -> Response:
    response.set_cookie(READER_COOKIE, reader, max_age=READER_MAX_AGE, path="/",
                        httponly=True, samesite="lax", secure=request.url.scheme == "https")
    return response


def send_reaction(request: Request, item_kind: str, item_id: int, kind: str | None,
                  token: str | None, *, toggle: bool = False) -> dict[str, Any]:
    """Check and apply one reaction; ``toggle`` withdraws it when the reader already gave
    that one (the buttons of a plain form)."""
    state = request.app.state
    if state.settings.read_only:
        raise WebError(403, "this server is read-only (setting read_only): reactions are "
                            "switched off", code="read-only")
    reader = valid_reader(request.cookies.get(READER_COOKIE))
    if reader is None:
        raise WebError(403, "no reader cookie: open a page (or GET /api/reactions/token) "
                            "first, then send the reaction with the cookie it sets",
                       code="forbidden")
    if not same_origin(request.headers, request.headers.get("host")):
        raise WebError(403, "cross-site request refused: reactions are only accepted from "
                            "this site's own pages", code="forbidden")
    if not csrf_ok(state.secret, reader, token):
        raise WebError(403, "missing or stale CSRF token: reload the page (or GET "
                            "/api/reactions/token) and try again", code="forbidden")
    address = request.client.host if request.client else "unknown"
    for limiter, key, who in ((state.reader_limit, reader, "reader"),
                              (state.address_limit, address, "address")):
        wait = limiter.hit(key)
        if wait is not None:
            raise WebError(429, f"too many reactions from this {who}; wait {wait} s and try "
                                "again", code="rate-limited", headers={"Retry-After": str(wait)})
    sl = state.connections.get()
    if toggle and kind is not None and sl.reactions(item_kind, item_id, reader)["mine"] == kind:
        kind = None
    return sl.react(item_kind, item_id, reader, kind)
