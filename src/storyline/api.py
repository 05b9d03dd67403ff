"""The Python API: ``storyline.open(path)`` gives a :class:`Storyline` with every operation
the CLI offers (the CLI only translates flags and formats output)."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .errors import SourceError
from .models import Analysis, Article, Document, Problem
from .settings import Settings, load_settings
from .store import Store

if TYPE_CHECKING:
    from .ingest.pipeline import IngestReport


class Storyline:
    """A story database: ingest sources, list and read articles, analyze them."""

    def __init__(self, path: str | Path | None = None, settings: Settings | None = None, *,
                 components: Iterable[Any] | None = None, create: bool = True):
        self.settings = settings or load_settings()
        if path is not None:
            self.settings = self.settings.with_(db=str(path))
        self.store = Store(self.settings.db, create=create,
                           busy_timeout=self.settings.busy_timeout)
        self._analyzer: Any = None
        self._components: tuple[Any, ...] | None = None
        if components is not None:
            from .analyze.component import ordered

            self._components = ordered(components)
        self._schema_ready = False

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
        from .ingest.pipeline import ingest
        from .ingest.sources import Overrides
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
    def components(self) -> tuple[Any, ...]:
        """The analysis components in pipeline order (registry plus ``extra_components``)."""
        if self._components is None:
            from .analyze.registry import default_components

            self._components = default_components(self.settings)
        return self._components

    @property
    def analyzer(self) -> Any:
        if self._analyzer is None:
            from .analyze.pipeline import Analyzer

            self._analyzer = Analyzer(self.settings, components=self.components)
        return self._analyzer

    def _schema(self) -> None:
        if not self._schema_ready:
            self.store.use_schema({c.name: c.assigns for c in self.components})
            self._schema_ready = True

    def record_kinds(self) -> tuple[Any, ...]:
        """Every record kind the components assign (what ``storyline article`` prints)."""
        return tuple(k for c in self.components for k in c.assigns)

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
        """The stored analysis of an article (None until it is analyzed)."""
        self._schema()
        return self.store.analysis(article_id)

    def analyses(self, ids: Iterable[int] | None = None) -> Iterator[Analysis]:
        """Stored analyses of ``ids`` (default: every analyzed article), read in batches."""
        self._schema()
        return self.store.analyses(ids)

    def analyze(self, ids: Iterable[int] | None = None, *, force: bool = False,
                progress: Callable[..., Any] | None = None) -> list[Analysis]:
        """Analyze stored articles (all when ``ids`` is None) and store the results.

        Each component runs only where its stored records are stale (another version of the
        component, of its rule data, of the spaCy model, or of a component it requires) or
        missing; ``force`` re-runs every component. Records of the components that do not
        run are read from the store and handed to those that do.
        """
        self._schema()
        wanted = None if ids is None else list(ids)
        for article_id in wanted or []:
            self.store.article(article_id)  # NotFound with a hint for a bad id
        every = frozenset(c.name for c in self.components)
        stored = self.store.analysis_fingerprints(wanted)
        todo = [(aid, every if force else self.analyzer.stale(fps))
                for aid, fps in stored.items()]
        todo = [(aid, run) for aid, run in todo if run]
        if progress is not None:
            todo = list(progress(todo))
        done: list[Analysis] = []
        batch: list[Analysis] = []
        for analysis in self.analyzer.analyze_many(self._items(todo)):
            done.append(analysis)
            batch.append(analysis)
            if len(batch) >= _SAVE_BATCH:
                self._save(batch, todo)
                batch = []
        if batch:
            self._save(batch, todo)
        return done

    def _items(self, todo: list[tuple[int, frozenset[str]]]) -> Iterator[Any]:
        from .analyze.pipeline import Item

        every = frozenset(c.name for c in self.components)
        for aid, run in todo:
            art = self.store.article(aid)
            given: dict[str, tuple[Any, ...]] = {}
            given_runs: dict[str, Any] = {}
            if run != every:
                old = self.store.analysis(aid)
                if old is not None:
                    keep = {c.name for c in self.components} - run
                    given = {k.name: old[k.name] for c in self.components if c.name in keep
                             for k in c.assigns}
                    given_runs = {n: r for n, r in old.components.items() if n in keep}
            yield Item(aid, art.text, art.published, art.language, art.title, run=run,
                       given=given, given_runs=given_runs)

    def _save(self, batch: list[Analysis], todo: list[tuple[int, frozenset[str]]]) -> None:
        runs = dict(todo)
        self.store.save_analyses(batch, [set(runs[a.article_id]) for a in batch
                                         if a.article_id is not None])


#: Analyses stored per transaction during ``analyze``.
_SAVE_BATCH = 32


def open(path: str | Path | None = None, settings: Settings | None = None, *,  # noqa: A001
         components: Iterable[Any] | None = None, create: bool = True) -> Storyline:
    """Open a story database, creating it (in an existing folder) unless ``create=False``;
    ``path`` overrides the ``db`` setting and ``components`` replaces the registered analysis
    components (e.g. to add one)."""
    return Storyline(path, settings, components=components, create=create)


def extract(source: str, settings: Settings | None = None, *, outlet: str | None = None,
            published: str | None = None, url: str | None = None,
            fetcher: Callable[..., Any] | None = None) -> list[Document | Problem]:
    """Clean Documents from one file or URL without storing anything (feeds give several)."""
    from .ingest.sources import Overrides, expand, read_unit

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
