"""Speed measurements (``storyline bench``): numbers, not impressions. Never used in tests."""

from __future__ import annotations

import tempfile
import time
from pathlib import Path
from typing import Any

from .settings import Settings


def run_bench(stage: str, data: str | None, settings: Settings, *,
              limit: int | None = None) -> dict[str, Any]:
    """``ingest``: articles/second into a fresh store; ``analyze``: words/second vs bare spaCy."""
    from .demo import CORPUS, corpus_sources

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
    from .ingest.sources import expand

    units = [u for u in expand(sources) if isinstance(u, str)][: limit or None]
    with tempfile.TemporaryDirectory() as tmp:
        cfg = settings.with_(db=str(Path(tmp) / "bench.db"), fetch_feed_pages=False)
        with open_db(settings=cfg) as sl:
            started = time.perf_counter()
            report = sl.ingest(units)
            seconds = time.perf_counter() - started
    docs = report.documents
    return {"task": "bench-ingest", "source": label, "inputs": len(units),
            "articles": docs, "skipped": report.skipped, "seconds": round(seconds, 3),
            "articles_per_second": round(docs / seconds, 2) if seconds else None}


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
