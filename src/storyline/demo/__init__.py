"""The built-in demo corpus (fictional articles in mixed formats, written for storyline) and
``run_demo``, which builds a database from it and summarises what is inside."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from ..render import analysis_lines, article_line
from ..settings import Settings

CORPUS = Path(__file__).resolve().parent / "corpus"


def corpus_sources() -> list[str]:
    """The corpus's article folders (its README.md and manifest.json describe, not report)."""
    return [str(p) for p in sorted(CORPUS.iterdir()) if p.is_dir()]


def run_demo(settings: Settings, *, analyze: bool = True,
             progress: Callable[..., Any] | None = None) -> dict[str, Any]:
    """Ingest the demo corpus into ``settings.db`` (idempotent) and optionally process it
    (analyze, link, stories). The result's ``text`` is the full report, ``brief`` two lines.

    Feed items are not fetched (their links are fictional): the feed's own content is used.
    """
    from ..api import open as open_db

    settings = settings.with_(fetch_feed_pages=False)
    lines: list[str] = []
    with open_db(settings=settings) as sl:
        report = sl.ingest(corpus_sources(), progress=progress)
        s = report.summary()
        counts = sl.counts()
        lines.append(f"Demo database: {settings.db}")
        lines.append(
            f"This run: ingested {s['ingested']}, near-duplicates {s['near_duplicates']}, "
            f"exact duplicates {s['exact_duplicates']}, same URL {s['url_duplicates']}, "
            f"unchanged {s['unchanged']}, skipped {s['skipped']} ({s['seconds']:.2f}s)")
        for p in report.problems:
            lines.append(f"  skipped {p.source}: {p.reason} ({p.detail})")
        lines.append(f"Stored: {counts['articles']} articles ({counts['originals']} originals, "
                     f"{counts['duplicates']} duplicates) from "
                     f"{counts['outlets']} outlets; {counts['sightings']} sightings")
        processed: dict[str, Any] = {}
        if analyze:
            # the whole chain, so the database has actors and stories for `storyline serve`
            processed = sl.process(progress=(lambda _stage: progress) if progress else None)
            lines.append(f"Analyzed {processed['analyze']['articles']} article(s) this run; "
                         f"{sl.counts()['analyzed']} analyzed in all")
        n_stories = len(sl.stories()) if analyze else 0
        n_entities = len(sl.entities()) if analyze else 0
        brief = [f"Demo database {settings.db}: {counts['articles']} articles from "
                 f"{counts['outlets']} outlets, {n_stories} stories, {n_entities} actors",
                 f"This run: ingested {s['ingested']}, unchanged {s['unchanged']}, skipped "
                 f"{s['skipped']}, analyzed {processed.get('analyze', {}).get('articles', 0)}"]
        lines.append("")
        lines.append("   id  published   outlet                  title")
        lines += [article_line(a, 60) for a in sl.articles()]
        lines.append("")
        sample = _sample_article(sl) if analyze else None
        if sample is not None:
            art, analysis = sample
            lines.append(f"Analysis of article {art.id}: {art.title} ({art.outlet}, "
                         f"{(art.published or '')[:10]})")
            lines += analysis_lines(analysis, sl.record_kinds())
            lines.append("")
        lines.append("Next: storyline articles --db " + settings.db + " -q <words>;  "
                     "storyline article <id> --db " + settings.db)
        return {"db": settings.db, "run": s, "counts": sl.counts(),
                "problems": [p.__dict__ for p in report.problems], "text": "\n".join(lines),
                "brief": "\n".join(brief)}


def _sample_article(sl: Any) -> tuple[Any, Any] | None:
    """The original with the most quotes: the richest thing to show first."""
    best = None
    for art in sl.articles(include_duplicates=False):
        analysis = sl.analysis(art.id)
        if analysis is not None and (best is None or len(analysis.quotes) > len(best[1].quotes)):
            best = (art, analysis)
    return best
