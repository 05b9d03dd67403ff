"""Speed measurements (``storyline bench``): numbers, not impressions. Never used in tests."""

from __future__ import annotations

import json
import os
import random
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from .settings import Settings


def run_bench(stage: str, data: str | None, settings: Settings, *,
              limit: int | None = None, into: str | None = None,
              sizes: list[int] | None = None, keep: str | None = None,
              progress: Any = None) -> dict[str, Any]:
    """``ingest``: first run and re-run into a fresh store, and the time of bare trafilatura on
    the same HTML pages; with ``into``, the cost of one new article into that existing store.
    ``analyze``: words/second vs bare spaCy. ``stories``: seconds per article of linking and
    story assignment into synthetic stores of each of ``sizes`` articles. ``dossier``: seconds to
    build one dossier of a ``limit``-article story (default 50; see
    :func:`~storyline.stories.bench.bench_dossier`). ``serve``: page latency and
    reactions/second of ``storyline serve`` on synthetic stores of each size (``keep``: build
    that one database once and reuse it)."""
    from .demo import CORPUS, corpus_sources

    if stage == "ingest" and into:
        return bench_one_new(into, settings)
    if stage == "dossier":
        from .stories.bench import DOSSIER_ARTICLES, bench_dossier

        return bench_dossier(settings, size=limit or DOSSIER_ARTICLES, into=into)
    if stage == "serve":
        from .web.bench import bench_serve

        return bench_serve(sizes or [10000], settings, keep=keep, progress=progress)
    if stage == "stories":
        from .stories.bench import bench_stories

        return bench_stories(sizes or [1000, 10000], settings)
    source = Path(data) if data else CORPUS
    sources = [str(source)] if data else corpus_sources()
    if stage == "ingest":
        return _bench_ingest(sources, str(source), settings, limit)
    if stage == "analyze":
        from .analyze.bench import bench_analyze

        texts = _texts(sources, settings, limit)
        return {**bench_analyze(texts, settings), "source": str(source)}
    raise ValueError(f"unknown bench stage {stage!r}")


def _bench_ingest(sources: list[str], label: str, settings: Settings,
                  limit: int | None) -> dict[str, Any]:
    from .api import open as open_db
    from .ingest.sources import HTML_EXT, expand

    units = [u for u in expand(sources) if isinstance(u, str)][: limit or None]
    with tempfile.TemporaryDirectory() as tmp:
        cfg = settings.with_(db=str(Path(tmp) / "bench.db"), fetch_feed_pages=False)
        with open_db(settings=cfg) as sl:
            started = time.perf_counter()
            report = sl.ingest(units)
            first = time.perf_counter() - started
            started = time.perf_counter()
            again = sl.ingest(units)
            rerun = time.perf_counter() - started
    docs = report.documents
    out: dict[str, Any] = {
        "task": "bench-ingest", "source": label, "inputs": len(units), "articles": docs,
        "skipped": report.skipped, "seconds": round(first, 3),
        "articles_per_second": round(docs / first, 2) if first else None,
        "rerun_seconds": round(rerun, 3), "rerun_unchanged": again.unchanged,
        "rerun_speedup": round(first / rerun, 1) if rerun else None,
    }
    pages = [u for u in units
             if Path(u.removesuffix(".gz")).suffix.lower() in HTML_EXT]
    if pages:
        out.update(_versus_trafilatura(pages, settings))
    return out


_BARE = """
import gzip, json, sys, time, trafilatura
raw = [open(p, "rb").read() for p in sys.argv[1:]]
raw = [gzip.decompress(d) if d[:2] == b"\\x1f\\x8b" else d for d in raw]
trafilatura.extract(raw[0])
started = time.perf_counter()
for data in raw[1:]:
    trafilatura.extract(data)
print(json.dumps(time.perf_counter() - started))
"""
_OURS = """
import json, sys, tempfile, time, storyline
with tempfile.TemporaryDirectory() as tmp, storyline.open(tmp + "/pages.db") as sl:
    sl.ingest(sys.argv[1:2])
    started = time.perf_counter()
    sl.ingest(sys.argv[2:])
    print(json.dumps(time.perf_counter() - started))
"""


def _versus_trafilatura(pages: list[str], settings: Settings) -> dict[str, Any]:
    """Ingest of the HTML pages next to bare ``trafilatura.extract()`` on the same bytes.

    Each runs in a fresh process that has warmed up on the first page and times the others:
    in one process the second pass over the same pages would find caches (trafilatura's own
    text caches among them) filled by the first, and look faster than any first run.
    """
    if len(pages) < 2:
        return {}
    env = {**os.environ, "STORYLINE_FETCH_FEED_PAGES": "false",
           "STORYLINE_MINHASH_PERM": str(settings.minhash_perm)}
    times = []
    for code in (_BARE, _OURS):
        done = subprocess.run([sys.executable, "-c", code, *pages], capture_output=True,
                              text=True, env=env)
        if done.returncode != 0:
            raise RuntimeError(f"the timing process failed: {done.stderr.strip()[-500:]}")
        times.append(float(json.loads(done.stdout.strip().splitlines()[-1])))
    bare, ours = times
    return {"html_pages": len(pages) - 1, "trafilatura_seconds": round(bare, 3),
            "ingest_html_seconds": round(ours, 3),
            "ratio_to_trafilatura": round(ours / bare, 2) if bare else None}


def bench_one_new(db: str, settings: Settings) -> dict[str, Any]:
    """The cost of ingesting one new article into the existing store ``db``, measured as a
    separate ``storyline ingest`` process: wall time (start-up included), the run's own time,
    and the process's peak memory."""
    from .store import Store

    with Store(db, create=False) as store:
        stored = store.counts()["articles"]
    rng = random.Random(time.time_ns())
    words = ("harbour council ferry budget minister treaty border strike grain tariff bridge "
             "railway drought museum envoy senate miners reservoir summit cargo pension school "
             "airport forest quota festival court election vaccine port").split()
    text = f"Bench article {rng.getrandbits(64)}\n\n" + "\n\n".join(
        " ".join(rng.choice(words) for _ in range(80)).capitalize() + "." for _ in range(6))
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "new-article.txt"
        path.write_text(text, encoding="utf-8")
        cmd = [sys.executable, "-m", "storyline", "ingest", str(path), "--db", db, "--json"]
        env = {**os.environ, "STORYLINE_MINHASH_PERM": str(settings.minhash_perm)}
        before = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
        started = time.perf_counter()
        done = subprocess.run(cmd, capture_output=True, text=True, env=env)
        wall = time.perf_counter() - started
        peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    if done.returncode != 0:
        raise RuntimeError(f"the measured ingest failed: {done.stderr.strip()}")
    summary = json.loads(done.stdout)
    return {"task": "bench-ingest-one", "db": db, "stored_articles": stored,
            "ingested": summary["ingested"] + summary["near_duplicates"],
            "seconds": round(wall, 3), "ingest_seconds": summary["seconds"],
            # ru_maxrss is the largest child so far, in kB on Linux
            "peak_rss_mb": round(max(peak, before) / 1024, 1)}


def _texts(sources: list[str], settings: Settings, limit: int | None) -> list[str]:
    """Article texts from folders, extracted exactly as ingest would (not stored)."""
    from .api import extract
    from .models import Document

    texts: list[str] = []
    for source in sources:
        for item in extract(source, settings.with_(fetch_feed_pages=False)):
            if isinstance(item, Document):
                texts.append(item.text)
                if limit and len(texts) >= limit:
                    return texts
    return texts
