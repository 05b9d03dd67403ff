"""``storyline bench serve``: the web app's speed on a synthetic database, measured over
loopback as a reader meets it — numbers, not impressions. Never used in tests' assertions.

For each size: build (or reuse) a database of synthetic articles in stories
(:mod:`.synthetic`), start ``storyline serve`` in its own process, then from concurrent
clients time the story list, a story page, an entity page, an article page and a search
(p50/p95/max in milliseconds, over random items), and send reactions from many readers at
once (reactions per second), checking afterwards that the stored counts are exactly what the
readers' last reactions add up to (lost updates: 0). Next to each latency: the server's own
CPU milliseconds per request, and the machine's load average — on a shared machine, latency
counts the other programs too.
"""

from __future__ import annotations

import os
import random
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections import Counter
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

from ..settings import Settings

KINDS = ("like", "dislike", "love", "funny", "angry", "sad", "wow")
PAGES = ("story_list", "story", "entity", "article", "search")


def bench_serve(sizes: list[int], settings: Settings, *, keep: str | None = None,
                clients: int = 8, requests: int = 300, readers: int = 64,
                reactions_per_reader: int = 20, progress: Callable[[str], None] | None = None
                ) -> dict[str, Any]:
    """Latency per page and reactions per second at each size. With ``keep`` (one size
    only), the database is built there once and reused by later runs."""
    if keep and len(sizes) != 1:
        raise ValueError("--db keeps one database: give one size with it")
    rows = []
    for size in sizes:
        with tempfile.TemporaryDirectory() as tmp:
            db = keep or str(Path(tmp) / f"bench-{size}.db")
            rows.append(_one_size(size, settings.with_(db=db), clients=clients,
                                  requests=requests, readers=readers,
                                  per_reader=reactions_per_reader, progress=progress))
    return {"task": "bench-serve", "clients": clients, "requests_per_page": requests,
            "targets": {"p95_ms": 150, "reactions_per_second": 300}, "sizes": rows}


def _one_size(size: int, settings: Settings, *, clients: int, requests: int, readers: int,
              per_reader: int, progress: Callable[[str], None] | None) -> dict[str, Any]:
    from ..api import open as open_db
    from .synthetic import build

    say = progress or (lambda _m: None)
    row: dict[str, Any] = {"articles": size}
    if Path(settings.db).exists():
        with open_db(settings=settings, create=False) as sl:
            have = sl.counts()["articles"]
        if have != size:
            raise ValueError(f"{settings.db} holds {have} articles, not {size}: give another "
                             "--db (it is built when missing)")
        row["built"] = "reused " + settings.db
        if settings.dossiers_on_process:
            # a store built before dossiers were kept: build them as `process` would have
            with open_db(settings=settings, create=False) as sl:
                row["dossiers"] = sl.build_dossiers(s.id for s in sl.stories())
    else:
        row["built"] = build(size, settings, progress=say)
    with open_db(settings=settings, create=False) as sl:
        targets = _targets(sl)
    port = _free_port()
    env = {**os.environ, "STORYLINE_REACTIONS_PER_MINUTE": "10000000",
           "STORYLINE_REACTIONS_PER_MINUTE_ADDRESS": "10000000"}
    server = subprocess.Popen(
        [sys.executable, "-m", "storyline", "serve", "--db", settings.db, "--port", str(port)],
        env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    try:
        base = f"http://127.0.0.1:{port}"
        _wait_for(base, server)
        rng = random.Random(5)
        say(f"timing pages with {clients} clients")
        row["pages"] = {}
        for page in PAGES:
            urls = [_url(page, targets, rng) for _ in range(requests)]
            _load(base, urls[: max(10, requests // 10)], clients)  # warm the caches
            cpu = _cpu_seconds(server.pid)
            row["pages"][page] = _load(base, urls, clients)
            row["pages"][page]["server_cpu_ms"] = _per_request(server.pid, cpu, len(urls))
        say(f"sending reactions from {readers} readers")
        cpu = _cpu_seconds(server.pid)
        row["reactions"] = _reactions(base, targets["articles"][:10], readers, per_reader,
                                      clients)
        row["reactions"]["server_cpu_ms"] = _per_request(server.pid, cpu,
                                                         row["reactions"]["sent"])
        row["load_average"] = _load_average()
    finally:
        server.terminate()
        try:
            server.wait(timeout=15)
        except subprocess.TimeoutExpired:
            server.kill()
    row["p95_ms_worst"] = max(p["p95_ms"] for p in row["pages"].values())
    return row


class _Client:
    """One keep-alive HTTP/1.1 connection (the standard library's: a load generator that
    costs little CPU next to the server it measures on the same machine), with the reader
    cookie once the server sets it."""

    def __init__(self, base: str):
        from urllib.parse import urlsplit

        parts = urlsplit(base)
        self.host, self.port = parts.hostname or "127.0.0.1", parts.port or 80
        self.cookie: str | None = None
        self._conn: Any = None

    def request(self, method: str, path: str, body: Any = None,
                headers: dict[str, str] | None = None) -> tuple[int, bytes]:
        import http.client
        import json

        for attempt in (0, 1):
            if self._conn is None:
                self._conn = http.client.HTTPConnection(self.host, self.port, timeout=60)
            sent = dict(headers or {})
            if self.cookie:
                sent["Cookie"] = self.cookie
            data = None
            if body is not None:
                data = json.dumps(body).encode()
                sent["Content-Type"] = "application/json"
            try:
                self._conn.request(method, path, body=data, headers=sent)
                response = self._conn.getresponse()
                payload = response.read()
            except (ConnectionError, http.client.HTTPException):
                self._conn.close()
                self._conn = None
                if attempt:
                    raise
                continue
            cookie = response.getheader("set-cookie")
            if cookie:
                self.cookie = cookie.split(";", 1)[0]
            return response.status, payload
        raise AssertionError("unreachable")

    def json(self, method: str, path: str, body: Any = None,
             headers: dict[str, str] | None = None) -> tuple[int, Any]:
        import json

        status, payload = self.request(method, path, body, headers)
        return status, json.loads(payload)

    def close(self) -> None:
        if self._conn is not None:
            self._conn.close()


def _targets(sl: Any) -> dict[str, list[Any]]:
    """Random items to open: stories, entities and articles of the store; search words."""
    conn = sl.store.conn
    return {
        "stories": [r[0] for r in conn.execute(
            "SELECT id FROM stories WHERE merged_into IS NULL AND size > 0 ORDER BY random() "
            "LIMIT 500")],
        "entities": [r[0] for r in conn.execute(
            "SELECT id FROM canonical_entities ORDER BY random() LIMIT 500")],
        "articles": [r[0] for r in conn.execute(
            "SELECT id FROM articles ORDER BY random() LIMIT 500")],
        "words": [r[0] for r in conn.execute(
            "SELECT DISTINCT term FROM terms WHERE kind = 'word' LIMIT 30")]
        + [r[0].split()[0] for r in conn.execute(
            "SELECT name FROM canonical_entities ORDER BY random() LIMIT 30")],
    }


def _url(page: str, t: dict[str, list[Any]], rng: random.Random) -> str:
    if page == "story_list":
        return "/"
    if page == "story":
        return f"/stories/{rng.choice(t['stories'])}"
    if page == "entity":
        return f"/entities/{rng.choice(t['entities'])}"
    if page == "article":
        return f"/articles/{rng.choice(t['articles'])}"
    return f"/search?q={rng.choice(t['words'])}"


def _load(base: str, urls: list[str], clients: int) -> dict[str, Any]:
    """GET every URL from ``clients`` concurrent keep-alive clients; latency percentiles."""
    local = threading.local()
    made: list[_Client] = []
    failures = Counter[int]()

    def one(url: str) -> float:
        client = getattr(local, "client", None)
        if client is None:
            client = local.client = _Client(base)
            made.append(client)
        started = time.perf_counter()
        status, _body = client.request("GET", url)
        took = time.perf_counter() - started
        if status != 200:
            failures[status] += 1
        return took

    started = time.perf_counter()
    with ThreadPoolExecutor(clients) as pool:
        times = sorted(pool.map(one, urls))
    wall = time.perf_counter() - started
    for c in made:
        c.close()
    return {"p50_ms": round(1000 * statistics.median(times), 1),
            "p95_ms": round(1000 * times[int(0.95 * (len(times) - 1))], 1),
            "max_ms": round(1000 * times[-1], 1),
            "requests_per_second": round(len(times) / wall, 1),
            "non_200": dict(failures)}


def _reactions(base: str, items: list[int], readers: int, per_reader: int,
               clients: int) -> dict[str, Any]:
    """Readers react to a few hot articles at once (give, change, withdraw); then every
    article's stored counts must equal what the readers' last reactions add up to."""
    probe = _Client(base)
    before = {i: probe.json("GET", f"/api/reactions/article/{i}")[1]["counts"] for i in items}
    final: dict[tuple[int, int], str | None] = {}
    errors: Counter[int] = Counter()
    lock = threading.Lock()

    def reader(n: int) -> int:
        rng = random.Random(n)
        sent = 0
        c = _Client(base)
        token = c.json("GET", "/api/reactions/token")[1]["csrf_token"]
        headers = {"X-CSRF-Token": token}
        mine: dict[int, str | None] = {}
        for _ in range(per_reader):
            item = rng.choice(items)
            kind = None if rng.random() < 0.15 else rng.choice(KINDS)
            path = f"/api/reactions/article/{item}"
            if kind is None:
                status, _b = c.request("DELETE", path, headers=headers)
            else:
                status, _b = c.request("PUT", path, {"kind": kind}, headers)
            if status == 200:
                mine[item] = kind
                sent += 1
            else:
                with lock:
                    errors[status] += 1
        c.close()
        with lock:
            final.update({(n, i): k for i, k in mine.items()})
        return sent

    started = time.perf_counter()
    with ThreadPoolExecutor(clients) as pool:
        sent = sum(pool.map(reader, range(readers)))
    seconds = time.perf_counter() - started
    lost = 0
    for i in items:
        after = probe.json("GET", f"/api/reactions/article/{i}")[1]["counts"]
        want = Counter(k for (_n, item), k in final.items() if item == i and k is not None)
        lost += sum(abs(after[k] - before[i][k] - want.get(k, 0)) for k in KINDS)
    probe.close()
    return {"readers": readers, "sent": sent, "seconds": round(seconds, 2),
            "reactions_per_second": round(sent / seconds, 1), "lost_updates": lost,
            "refused": dict(errors)}


def _cpu_seconds(pid: int) -> float | None:
    """CPU seconds the server process has used (Linux /proc; None elsewhere): the cost of a
    request apart from what other programs on the machine take from it."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")
    except (OSError, ValueError, IndexError):
        return None


def _per_request(pid: int, before: float | None, n: int) -> float | None:
    after = _cpu_seconds(pid)
    if before is None or after is None or not n:
        return None
    return round(1000 * (after - before) / n, 2)


def _load_average() -> list[float] | None:
    """The machine's 1/5/15-minute load during the run: latency under load from other
    programs is not the server's own."""
    try:
        return [round(x, 2) for x in os.getloadavg()]
    except OSError:
        return None


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _wait_for(base: str, server: subprocess.Popen[bytes]) -> None:
    import httpx

    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if server.poll() is not None:
            err = server.stderr.read().decode(errors="replace") if server.stderr else ""
            raise RuntimeError(f"storyline serve stopped: {err.strip()[-500:]}")
        try:
            httpx.get(base + "/api/stories?limit=1", timeout=2)
            return
        except httpx.TransportError:
            time.sleep(0.2)
    raise RuntimeError("storyline serve did not answer within 60 s")


__all__ = ["bench_serve"]
