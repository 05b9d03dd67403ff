"""What the web tests share: the demo database (built once per session, copied per test
module), hostile articles of our own, and the app served by uvicorn on a loopback port."""

from __future__ import annotations

import json
import shutil
import socket
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from storyline.settings import Settings

ROOT = Path(__file__).resolve().parents[1]

# Fictional hostile input: markup, event handlers and javascript: links in every field a
# page shows. Each payload would set window.__xss if it ever ran.
HOSTILE_RECORD = {
    "title": "<script>window.__xss=1</script> Ferry fares rise <img src=x "
             "onerror=\"window.__xss=2\">",
    "url": "javascript:window.__xss=3",
    "outlet": "<b onmouseover=\"window.__xss=4\">Lisk Gazette</b>",
    "author": "<script>window.__xss=5</script>",
    "published": "2026-03-05T09:00:00+00:00",
    "reactions": {"like": 3, "angry": 1},
    "text": "The Lisk Ferry Company said on Monday that fares would rise by 12 percent.\n\n"
            "\"We have no choice <script>window.__xss=6</script>,\" said Mara Quill, the "
            "company's director, in Lisk. She added that <img src=x "
            "onerror=\"window.__xss=7\"> crossings would continue.\n\n"
            "A link: <a href=\"javascript:window.__xss=8\">click here</a> and a handler "
            "<div onclick=\"window.__xss=9\">tap</div> stayed as text.",
}
HOSTILE_PAGE = """<!doctype html><html><head><meta charset="utf-8">
<title>Lisk harbour &lt;script&gt; crane</title>
<meta property="og:site_name" content="Lisk &lt;i onmouseover=&quot;window.__xss=10&quot;&gt;Herald">
<meta property="article:published_time" content="2026-03-06T10:00:00+00:00">
<script>window.__xss = 11</script></head>
<body onload="window.__xss=12"><article>
<h1>New crane <span onclick="window.__xss=13">arrives</span> in Lisk harbour</h1>
<p>A new crane arrived in Lisk harbour on Tuesday, the port authority said. The crane, built
in Norvik, will lift containers from next month, said Tam Oakes, the harbour master.</p>
<p>Readers wrote &lt;script&gt;window.__xss=14&lt;/script&gt; in the comments and a link
<a href="javascript:window.__xss=15">to nowhere</a> followed <img src="x" onerror="window.__xss=16">.</p>
<p>"It is the biggest crane we have ever had," Oakes said. The port expects more ships in
April, when the new quay opens, and hopes to double its trade within two years.</p>
</article></body></html>
"""


def demo_db(tmp_path_factory, name: str) -> Path:
    """A copy of the demo database (ingested, analyzed, linked, in stories) plus the hostile
    articles; built once per session."""
    base = tmp_path_factory.getbasetemp() / "web-demo-base"
    built = base / "demo.db"
    if not built.exists():
        from storyline.api import open as open_db
        from storyline.demo import corpus_sources

        base.mkdir(exist_ok=True)
        hostile = base / "hostile"
        hostile.mkdir(exist_ok=True)
        (hostile / "lisk.jsonl").write_text(json.dumps(HOSTILE_RECORD) + "\n",
                                            encoding="utf-8")
        (hostile / "lisk-crane.html").write_text(HOSTILE_PAGE, encoding="utf-8")
        tmp = base / "building.db"
        settings = Settings(db=str(tmp), fetch_feed_pages=False)
        with open_db(settings=settings) as sl:
            report = sl.ingest(corpus_sources() + [str(hostile)])
            assert not report.problems, report.problems
            sl.process()
        tmp.rename(built)
    target = tmp_path_factory.mktemp(name) / "demo.db"
    shutil.copyfile(built, target)
    return target


def hostile_ids(db: Path) -> list[int]:
    from storyline.api import open as open_db

    with open_db(db, create=False) as sl:
        return [a.id for a in sl.articles(query="Lisk")]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@contextmanager
def live_server(settings: Settings) -> Iterator[str]:
    """The app served by uvicorn in a thread on a free loopback port; yields its base URL."""
    import uvicorn

    from storyline.web import create_app

    port = free_port()
    config = uvicorn.Config(create_app(settings), host="127.0.0.1", port=port,
                            log_level="warning", access_log=False)
    server = uvicorn.Server(config)
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not server.started:
        if time.monotonic() > deadline or not thread.is_alive():
            raise RuntimeError("the test server did not start")
        time.sleep(0.05)
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        server.should_exit = True
        thread.join(timeout=10)


def output_dir() -> Path:
    """Where browser tests leave their screenshots: test-output/screenshots (not in git)."""
    out = ROOT / "test-output" / "screenshots"
    out.mkdir(parents=True, exist_ok=True)
    return out
