"""What keeps the web app safe to open: security headers on every response, the anonymous
reader id cookie, CSRF tokens bound to it, and rate limits per reader and per address."""

from __future__ import annotations

import hashlib
import hmac
import math
import re
import secrets
import threading
import time
from collections.abc import Awaitable, Callable, MutableMapping
from typing import Any

#: Scripts and styles only from our own /static files: no inline script can run, whatever an
#: ingested page smuggled into a title or text.
CSP = ("default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
       "connect-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'")
HEADERS = (
    (b"content-security-policy", CSP.encode()),
    (b"x-content-type-options", b"nosniff"),
    (b"referrer-policy", b"same-origin"),
    (b"x-frame-options", b"DENY"),
    (b"cross-origin-opener-policy", b"same-origin"),
    (b"cross-origin-resource-policy", b"same-origin"),
    (b"permissions-policy", b"camera=(), microphone=(), geolocation=(), interest-cohort=()"),
)

READER_COOKIE = "storyline_reader"
READER_RE = re.compile(r"^[0-9a-f]{32}$")
#: A reader id lives a year in the browser.
READER_MAX_AGE = 365 * 24 * 3600

Scope = MutableMapping[str, Any]
Message = MutableMapping[str, Any]
ASGIApp = Callable[[Scope, Callable[[], Awaitable[Message]],
                    Callable[[Message], Awaitable[None]]], Awaitable[None]]


class SecurityHeaders:
    """ASGI middleware: the security headers on every HTTP response (pages, API, static,
    errors alike)."""

    def __init__(self, app: ASGIApp):
        self.app = app

    async def __call__(self, scope: Scope, receive: Callable[[], Awaitable[Message]],
                       send: Callable[[Message], Awaitable[None]]) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        async def with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                have = {k.lower() for k, _v in message.get("headers", [])}
                message["headers"] = list(message.get("headers", [])) + [
                    (k, v) for k, v in HEADERS if k not in have]
            await send(message)

        await self.app(scope, receive, with_headers)


def new_reader() -> str:
    return secrets.token_hex(16)


def valid_reader(value: str | None) -> str | None:
    return value if value and READER_RE.match(value) else None


def csrf_token(secret: str, reader: str) -> str:
    """The token a reader's forms and scripts send back: bound to the reader id, signed with
    the database's key, so another site can neither read nor forge it."""
    return hmac.new(secret.encode(), b"csrf:" + reader.encode(), hashlib.sha256).hexdigest()[:40]


def csrf_ok(secret: str, reader: str | None, token: str | None) -> bool:
    if not reader or not token:
        return False
    return hmac.compare_digest(csrf_token(secret, reader), token)


def same_origin(headers: Any, host: str | None) -> bool:
    """False when the browser says the request comes from another site (Sec-Fetch-Site,
    Origin): a second line of defence after the token."""
    site = headers.get("sec-fetch-site")
    if site is not None and site not in {"same-origin", "none"}:
        return False
    origin = headers.get("origin")
    if origin and origin != "null" and host:
        return origin.split("://", 1)[-1] == host
    return origin != "null"


class RateLimiter:
    """A token bucket per key: ``per_minute`` requests a minute, up to ``per_minute`` at once.

    ``hit`` returns None when the request may go on, else the seconds to wait (for
    Retry-After). Idle keys are forgotten once there are many, so memory stays bounded.
    """

    def __init__(self, per_minute: int, *, clock: Callable[[], float] = time.monotonic,
                 max_keys: int = 100_000):
        self.rate = max(1, per_minute) / 60.0
        self.burst = float(max(1, per_minute))
        self.clock = clock
        self.max_keys = max_keys
        self._buckets: dict[str, tuple[float, float]] = {}
        self._lock = threading.Lock()

    def hit(self, key: str) -> int | None:
        with self._lock:
            now = self.clock()
            tokens, last = self._buckets.get(key, (self.burst, now))
            tokens = min(self.burst, tokens + (now - last) * self.rate)
            if tokens < 1.0:
                self._buckets[key] = (tokens, now)
                return max(1, math.ceil((1.0 - tokens) / self.rate))
            self._buckets[key] = (tokens - 1.0, now)
            if len(self._buckets) > self.max_keys:
                self._forget_idle(now)
            return None

    def _forget_idle(self, now: float) -> None:
        full = [k for k, (t, last) in self._buckets.items()
                if t + (now - last) * self.rate >= self.burst]
        for k in full:
            del self._buckets[k]
