"""The Python API: ``storyline.open(path)`` gives a :class:`Storyline` with every operation
the CLI offers (the CLI only translates flags and formats output)."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

from .errors import SourceError
from .ingest.pipeline import IngestReport, ingest
from .ingest.sources import Overrides, expand, read_unit
from .models import Analysis, Article, Document, Problem
from .settings import Settings, load_settings
from .store import Store


class Storyline:
    """A story database: ingest sources, list and read articles, analyze them."""

    def __init__(self, path: str | Path | None = None, settings: Settings | None = None, *,
                 create: bool = True):
        self.settings = settings or load_settings()
        if path is not None:
            self.settings = self.settings.with_(db=str(path))
        self.store = Store(self.settings.db, create=create,
                           busy_timeout=self.settings.busy_timeout)
        self._analyzer: Any = None

    def close(self) -> None:
        self.store.close()

    def __enter__(self) -> Storyline:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # -- ingest ---------------------------------------------------------------------------

    def ingest(self, sources: str | Iterable[str], *, outlet: str | None = None,
               published: str | None = None, url: str | None = None,
               fields: dict[str, str] | None = None, fetcher: Callable[..., Any] | None = None,
               progress: Callable[..., Any] | None = None) -> IngestReport:
        """Ingest files, folders, feeds and URLs; see :mod:`storyline.ingest.pipeline`."""
        if isinstance(sources, (str, Path)):
            sources = [str(sources)]
        overrides = Overrides(outlet, published, url, tuple((fields or {}).items()))
        return ingest(self.store, [str(s) for s in sources], self.settings, overrides,
                      fetcher=fetcher, progress=progress)

    def articles(self, *, outlet: str | None = None, since: str | None = None,
                 query: str | None = None, include_duplicates: bool = True,
                 limit: int | None = None, text: bool = True) -> list[Article]:
        """Stored articles, newest first; ``text=False`` leaves the text out (listings)."""
        return self.store.articles(outlet=outlet, since=since, query=query,
                                   include_duplicates=include_duplicates, limit=limit, text=text)

    def article(self, article_id: int) -> Article:
        return self.store.article(article_id)

    def sightings(self, article_id: int) -> list[dict[str, Any]]:
        """Every place the article arrived from (source, via, url, outlet, match, seen_at)."""
        return self.store.sightings_of(article_id)

    def counts(self) -> dict[str, int]:
        """How many articles, originals, duplicates, sightings, outlets and analyses are stored."""
        return self.store.counts()

    def duplicates(self, article_id: int) -> list[int]:
        """Ids of the articles stored as duplicates of an original (``duplicate_of``)."""
        return self.store.duplicates_of(article_id)

    def revisions(self, article_id: int) -> list[int]:
        """Ids of every stored version of the article's source, oldest first."""
        return self.store.revisions_of(article_id)

    # -- analyze --------------------------------------------------------------------------

    @property
    def analyzer(self) -> Any:
        if self._analyzer is None:
            from .analyze.pipeline import Analyzer

            self._analyzer = Analyzer(self.settings)
        return self._analyzer

    def analyze_source(self, source: str, *, published: str | None = None,
                       force: bool = False) -> int:
        """Ingest one FILE/URL (idempotent) and analyze its article; returns the article id."""
        report = self.ingest([source], published=published)
        if not report.seen_ids:
            detail = "; ".join(f"{p.source}: {p.reason} ({p.detail})" for p in report.problems)
            raise SourceError("nothing-to-analyze", detail or "no article found", source)
        article_id = report.seen_ids[0]
        self.analyze([article_id], force=force)
        return article_id

    def analysis(self, article_id: int) -> Analysis | None:
        return self.store.analysis(article_id)

    def analyze(self, ids: Iterable[int] | None = None, *, force: bool = False,
                progress: Callable[..., Any] | None = None) -> list[Analysis]:
        """Analyze stored articles (all when ``ids`` is None), skipping those already analyzed
        by the current stage version unless ``force``; results are stored."""
        wanted = None if ids is None else list(ids)
        for article_id in wanted or []:
            self.store.article(article_id)  # NotFound with a hint for a bad id
        # the version names every component and the spaCy model, so changing either is stale
        todo = wanted if force and wanted is not None else self.store.stale_articles(
            "" if force else self.analyzer.version, wanted)
        articles = [self.store.article(i) for i in todo]
        items: Iterable[tuple[int | None, str, str | None, str | None]] = (
            (a.id, a.text, a.published, a.language) for a in articles)
        if progress is not None:
            items = progress(list(items))
        done: list[Analysis] = []
        for analysis in self.analyzer.analyze_many(items):
            self.store.save_analysis(analysis)
            done.append(analysis)
        return done


def open(path: str | Path | None = None, settings: Settings | None = None, *,  # noqa: A001
         create: bool = True) -> Storyline:
    """Open a story database, creating it (in an existing folder) unless ``create=False``;
    ``path`` overrides the ``db`` setting."""
    return Storyline(path, settings, create=create)


def extract(source: str, settings: Settings | None = None, *, outlet: str | None = None,
            published: str | None = None, url: str | None = None,
            fetcher: Callable[..., Any] | None = None) -> list[Document | Problem]:
    """Clean Documents from one file or URL without storing anything (feeds give several)."""
    settings = settings or load_settings()
    overrides = Overrides(outlet, published, url).checked()
    out: list[Document | Problem] = []
    for unit in expand([source]):
        if isinstance(unit, Problem):
            out.append(unit)
        else:
            out.extend(read_unit(unit, settings, overrides, fetcher))
    return out


def analyze_document(doc: Document | str, settings: Settings | None = None, *,
                     published: str | None = None) -> Analysis:
    """Analyze a Document or raw text without a database."""
    from .analyze.pipeline import Analyzer

    settings = settings or load_settings()
    if isinstance(doc, str):
        return Analyzer(settings).analyze_text(doc, published=published)
    return Analyzer(settings).analyze_text(doc.text, published=published or doc.published,
                                           language=doc.language)


__all__ = ["Storyline", "analyze_document", "extract", "open"]
