"""The Python API: ``storyline.open(path)`` gives a :class:`Storyline` with every operation
the CLI offers (the CLI only translates flags and formats output)."""

from __future__ import annotations

import base64
import json
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .errors import SourceError, StoreError
from .models import Analysis, Article, Document, Dossier, Problem
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
        if not todo:
            return []  # nothing stale: the spaCy model is not even loaded
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

    # -- link -------------------------------------------------------------------------------

    def link(self, ids: Iterable[int] | None = None, *, force: bool = False) -> Any:
        """Link analyzed articles (all when ``ids`` is None) to canonical entities: each
        article whose entities changed since it was linked, or that never was; ``force``
        links ``ids`` again. Returns a :class:`~storyline.link.LinkReport`."""
        self._schema()
        from .link import Linker

        return Linker(self.store).link(ids, force=force)

    # -- stories ----------------------------------------------------------------------------

    def assign_stories(self, ids: Iterable[int] | None = None, *, force: bool = False) -> Any:
        """Put analyzed articles (all when ``ids`` is None, in that order) into stories: each
        joins the best matching story or starts one. Returns a
        :class:`~storyline.stories.StoryReport`."""
        self._schema()
        from .stories import StoryAssigner

        return StoryAssigner(self.store).assign(ids, force=force)

    # -- the whole chain ------------------------------------------------------------------

    def process(self, ids: Iterable[int] | None = None, *, force: bool = False,
                progress: Callable[[str], Callable[..., Any] | None] | None = None
                ) -> dict[str, Any]:
        """Analyze, link and assign to stories what is new or stale (of ``ids``, else of the
        whole store): what ``storyline ingest`` does for what it adds, and ``storyline
        process`` for everything. Returns counts and seconds per stage."""
        import time

        wanted = None if ids is None else list(ids)
        out: dict[str, Any] = {}
        started = time.perf_counter()
        done = self.analyze(wanted, force=force,
                            progress=progress("analyze") if progress else None)
        by_status: dict[str, int] = {}
        for a in done:
            by_status[a.status] = by_status.get(a.status, 0) + 1
        out["analyze"] = {"articles": len(done), "by_status": by_status,
                          "seconds": round(time.perf_counter() - started, 3)}
        out["link"] = self.link(wanted, force=force).summary()
        assigned = self.assign_stories(wanted, force=force)
        out["stories"] = assigned.summary()
        if self.settings.dossiers_on_process:
            touched = self.store.story_of_articles(list(assigned.article_ids))
            out["dossiers"] = self.build_dossiers(sorted(set(touched.values())))
        return out

    # -- actors -----------------------------------------------------------------------------

    def entities(self, *, type: str | None = None, query: str | None = None,  # noqa: A002
                 limit: int | None = None) -> list[Any]:
        """Canonical entities (actors across articles), most mentioned first."""
        self._schema()
        return self.store.canonical_entities(type=type, query=query, limit=limit)

    def entity(self, name_or_id: str | int) -> Any:
        """One canonical entity by id, or by name or alias (the most mentioned that has it)."""
        self._schema()
        from .errors import NotFound

        if isinstance(name_or_id, int) or str(name_or_id).isdigit():
            return self.store.canonical(int(name_or_id))
        text = str(name_or_id)
        found = self.store.canonical_entities(query=text)
        exact = [c for c in found if c.name.casefold() == text.casefold()
                 or any(a.casefold() == text.casefold() for a, _n in c.aliases)]
        if exact or found:
            return (exact or found)[0]
        raise NotFound(f"no entity named {text!r}; list entities with `storyline entities -q "
                       f"{text.split()[-1] if text.split() else text}`")

    def entity_roles(self, canonical_id: int) -> list[Any]:
        """The titles an actor held over time, with their sources."""
        return self.store.canonical_roles(canonical_id)

    def entity_mentions(self, canonical_id: int) -> list[tuple[int, Any]]:
        """Every mention of an actor, as (article id, mention)."""
        return self.store.canonical_mentions(canonical_id)

    def entity_quotes(self, canonical_id: int) -> list[tuple[int, Any]]:
        """What an actor said: (article id, quote) for every quote whose speaker is it."""
        self._schema()
        return self.store.canonical_quotes(canonical_id)

    def entity_stories(self, canonical_id: int) -> list[Any]:
        """The stories an actor is in, most recently seen first."""
        ids = self.store.stories_of_canonical(canonical_id)
        if not ids:
            return []
        found = self.store.stories_by_id(ids)  # members from the article index, in one query
        found.sort(key=lambda s: s.id)
        found.sort(key=lambda s: s.last_seen or "", reverse=True)
        found.sort(key=lambda s: s.last_seen is None)
        return found

    def merge_entities(self, keep: int, other: int) -> Any:
        """Make two actors one (kept as a decision, re-applied whenever articles are linked
        again); returns the actor kept."""
        from .errors import UsageError

        self._schema()
        a, b = self.store.resolve_canonical(keep), self.store.resolve_canonical(other)
        self.store.canonical(a), self.store.canonical(b)  # NotFound for a bad id
        if a == b:
            raise UsageError(f"entities {keep} and {other} are already one")
        with self.store.transaction():
            self.store.add_entity_decision("merge", a, other_id=b)
            self.store.merge_canonicals(a, b)
            self.store.refresh_canonicals([a])
        return self.store.canonical(a)

    def split_entity(self, canonical_id: int, alias: str) -> Any:
        """Take the article entities an actor has under the name ``alias`` (the article names
        them so) out of it, into an actor of their own (kept as a decision: they stay apart when
        linked again); returns the new actor."""
        from .errors import UsageError
        from .link import names as N

        self._schema()
        cid = self.store.resolve_canonical(canonical_id)
        old = self.store.canonical(cid)
        want = N.normal(alias)
        moved = []
        for aid, eid, _name in self.store.linked_entities(cid):
            a = self.store.analysis(aid)
            ent = next((e for e in (a.entities if a else ()) if e.id == eid), None)
            if ent is not None and N.normal(ent.name) == want:
                moved.append((aid, eid, ent))
        if not moved:
            names = sorted({name for _a, _e, name in self.store.linked_entities(cid)})
            raise UsageError(f"entity {canonical_id} ({old.name}) has no article entity named "
                             f"{alias!r}; the names its article entities have: "
                             f"{', '.join(names[:12])}")
        if len(moved) == len(self.store.linked_entities(cid)):
            raise UsageError(f"every mention of entity {canonical_id} is {alias!r}: nothing "
                             "would be left; rename it instead")
        with self.store.transaction():
            new = self.store.create_canonical(alias, moved[0][2].type, old.country)
            self.store.move_links([(aid, eid) for aid, eid, _e in moved], new)
            for _aid, _eid, ent in moved:
                self.store.add_canonical_keys(new, N.keys(ent))
            self.store.add_entity_decision("split", cid, other_id=new, alias=alias)
            self.store.refresh_canonicals([cid, new])
        return self.store.canonical(new)

    def rename_entity(self, canonical_id: int, name: str) -> Any:
        """Give an actor the name you want shown (kept: linking never renames it again)."""
        self._schema()
        cid = self.store.resolve_canonical(canonical_id)
        self.store.canonical(cid)
        with self.store.transaction():
            self.store.add_entity_decision("rename", cid, name=name)
            self.store.rename_canonical(cid, name)
        return self.store.canonical(cid)

    # -- stories -------------------------------------------------------------------------

    def stories(self, *, since: str | None = None, query: str | None = None,
                limit: int | None = None) -> list[Any]:
        """Stories, most recently updated first; ``query`` is full text over their articles."""
        self._schema()
        from .store.articles import _fts_query

        return self.store.stories(since=since, query=_fts_query(query) if query else None,
                                  limit=limit)

    def story(self, story_id: int) -> Any:
        self._schema()
        return self.store.story(story_id)

    def story_members(self, story_id: int) -> list[Any]:
        """The articles of a story by time, with why each belongs."""
        return self.store.story_members(story_id)

    def story_actors(self, story_id: int) -> list[tuple[Any, list[Any]]]:
        """The actors a story names most, each with the roles they held."""
        # one query for all of them: one per actor was half the time of a story page
        ids = [self.store.resolve_canonical(cid)
               for cid, _name, _type, _n in self.store.story_actors(story_id)]
        found = {c.id: c for c in self.store.canonical_entities(ids=ids)} if ids else {}
        return [(found[cid], self.store.canonical_roles(cid)) for cid in dict.fromkeys(ids)
                if cid in found]

    def dossier(self, story_id: int, since: str | None = None) -> Dossier:
        """The story dossier: summary with citations, timeline, actors with their roles,
        quotes by speaker, coverage by outlet, contradictions and articles, computed from the
        stored analyses (see :mod:`storyline.stories.dossier`). With ``since`` (a date), the
        summary is of what was first reported after it and ``Dossier.new`` lists those
        facts."""
        self._schema()
        from .stories.dossier import build_dossier

        return build_dossier(self.store, self.store.story(story_id), self.settings,
                             since=since)

    def dossier_key(self, story_id: int) -> str:
        """A digest of what the dossier of ``story_id`` is built from (its articles, their
        analyses and links, the corrections by hand, the builder's version and settings):
        while it holds, the kept dossier is the one a build would give."""
        import hashlib

        from .stories.dossier import dossier_version

        self._schema()
        sid = self.store.resolve_story(story_id)
        parts = (dossier_version(self.settings), sid, self.settings.summary_sentences,
                 *self.store.dossier_inputs(sid))
        return hashlib.sha1(repr(parts).encode()).hexdigest()

    def dossier_json(self, story_id: int, *, key: str | None = None) -> dict[str, Any]:
        """The story dossier as JSON (``shapes.dossier_json`` of :meth:`dossier`), read back
        from the database when it was kept for what the story holds now, else built and kept
        (a read-only database is not written to)."""
        self._schema()
        sid = self.store.resolve_story(story_id)
        key = key or self.dossier_key(sid)
        body = self.store.stored_dossier(sid, key)
        if body is not None:
            return dict(json.loads(body))
        return self._build_and_keep(sid, key)

    def _build_and_keep(self, sid: int, key: str) -> dict[str, Any]:
        """Build the dossier of ``sid``, keep it under ``key`` and return its JSON."""
        import sqlite3

        from . import shapes

        made = dict(shapes.dossier_json(self.dossier(sid)))
        try:
            self.store.keep_dossier(sid, key, json.dumps(made, ensure_ascii=False))
        except (sqlite3.OperationalError, StoreError):
            pass  # a read-only database or a busy one: the next read builds it again
        return made

    def build_dossiers(self, story_ids: Iterable[int]) -> dict[str, Any]:
        """Build and keep the dossiers of ``story_ids`` that are not kept for what the
        stories hold now (``storyline process`` does this for the stories it changed)."""
        import time

        started = time.perf_counter()
        built = kept = 0
        failed: list[dict[str, Any]] = []
        for sid in dict.fromkeys(self.store.resolve_story(s) for s in story_ids):
            key = self.dossier_key(sid)
            if self.store.kept_dossier_key(sid) == key:
                kept += 1
                continue
            try:
                self._build_and_keep(sid, key)
            except StoreError:
                raise  # the database, not the story: no other dossier could be kept either
            except Exception as exc:  # noqa: BLE001 - one story's dossier, not the run
                if self.settings.debug:
                    raise
                # the story is still listed; its page builds the dossier on the first read
                failed.append({"story": sid, "error": f"{type(exc).__name__}: {exc}"[:300]})
                continue
            built += 1
        out: dict[str, Any] = {"built": built, "unchanged": kept,
                               "seconds": round(time.perf_counter() - started, 3)}
        if failed:
            out["failed"] = failed
        return out

    def related_stories(self, story_id: int) -> list[tuple[Any, float]]:
        """Stories about related developments, with their similarity (best first)."""
        me = self.store.resolve_story(story_id)
        pairs = [(self.store.resolve_story(sid), score)
                 for sid, score in self.store.related_stories(story_id)]
        pairs = [(sid, score) for sid, score in pairs if sid != me]
        # read together (one query over an index), not one story at a time
        found = {s.id: s for s in self.store.stories_by_id([sid for sid, _ in pairs])} \
            if pairs else {}
        return [(found[sid], score) for sid, score in pairs if sid in found]

    # -- browsing (the web app and the JSON API) -----------------------------------------

    def stories_page(self, *, since: str | None = None, until: str | None = None,
                     outlet: str | None = None, actor: int | None = None,
                     query: str | None = None, limit: int = 20,
                     cursor: str | None = None) -> Page:
        """One page of stories, most recently seen first; ``cursor`` is the ``next_cursor``
        of the page before. ``actor`` is a canonical entity id, ``outlet`` an exact name."""
        self._schema()
        limit = _limit(limit)
        after = _decode_cursor(cursor, "story", (str, int))
        rows = self.store.story_listing(since=since, until=until, outlet=outlet, actor=actor,
                                        query=query, after=after, limit=limit + 1)
        return _paged(rows, limit, "story", lambda s: (s.last_seen or "", s.id))

    def story_coverage(self, story_ids: Iterable[int]) -> dict[int, list[tuple[str, str, int]]]:
        """Articles per day and outlet of each story: id → [(day, outlet, articles)]."""
        return self.store.story_coverage(list(story_ids))

    def story_quotes(self, story_id: int) -> list[dict[str, Any]]:
        """Every quote in a story's articles, with its speaker's canonical entity."""
        self._schema()
        self.store.story(story_id)  # NotFound with a hint for a bad id
        return self.store.story_quotes(story_id)

    def articles_page(self, *, outlet: str | None = None, since: str | None = None,
                      until: str | None = None, query: str | None = None,
                      entity: int | None = None, limit: int = 20,
                      cursor: str | None = None) -> Page:
        """One page of articles, newest first (``outlet`` is an exact name; ``entity`` a
        canonical entity the articles name)."""
        self._schema()
        limit = _limit(limit)
        after = _decode_cursor(cursor, "article", (str, int))
        rows = self.store.article_listing(outlet=outlet, since=since, until=until, query=query,
                                          entity=entity, after=after, limit=limit + 1)
        return _paged(rows, limit, "article", lambda a: (a.published or "", a.id))

    def entities_page(self, *, type: str | None = None,  # noqa: A002
                      query: str | None = None, limit: int = 20,
                      cursor: str | None = None) -> Page:
        """One page of canonical entities, most mentioned first."""
        self._schema()
        limit = _limit(limit)
        (offset,) = _decode_cursor(cursor, "entity", (int,)) or (0,)
        rows = self.store.canonical_entities(type=type, query=query, limit=offset + limit + 1)
        rows = rows[offset:]
        nxt = _encode_cursor("entity", (offset + limit,)) if len(rows) > limit else None
        return Page(tuple(rows[:limit]), nxt)

    def search(self, query: str, *, outlet: str | None = None, since: str | None = None,
               until: str | None = None, entity: int | None = None, limit: int = 20,
               cursor: str | None = None) -> Page:
        """Full-text search over articles, best match first: a page of :class:`SearchHit`
        whose title and snippet mark every matched word."""
        from .errors import UsageError

        if not query or not query.strip():
            raise UsageError("search needs words to look for, e.g. q=strike vote")
        limit = _limit(limit)
        (offset,) = _decode_cursor(cursor, "search", (int,)) or (0,)
        rows = self.store.search_hits(query, outlet=outlet, since=since, until=until,
                                      entity=entity, offset=offset, limit=limit + 1)
        hits = tuple(SearchHit(a, title, snippet) for a, title, snippet in rows[:limit])
        return Page(hits, _encode_cursor("search", (offset + limit,))
                    if len(rows) > limit else None)

    def story_of(self, article_id: int) -> int | None:
        """The id of the story an article belongs to (None before it is assigned)."""
        return self.store.story_of(article_id)

    def sentence_at(self, article_id: int, char: int) -> int | None:
        """The index of the sentence holding character ``char`` of an article (None before
        it is analyzed)."""
        self._schema()
        self.store.article(article_id)
        return self.store.sentence_at(article_id, char)

    def entity_links(self, article_id: int) -> dict[str, int]:
        """Which canonical entity each entity of an article is: entity id → canonical id."""
        return {eid: cid for (_aid, eid), cid in self.store.links_of([article_id]).items()}

    def entity_volume(self, canonical_id: int) -> list[tuple[str, int]]:
        """Mentions of an actor per day of publication."""
        return self.store.entity_volume(canonical_id)

    def entity_co_actors(self, canonical_id: int, limit: int = 15) -> list[dict[str, Any]]:
        """The actors named most often in the same articles as this one."""
        return self.store.co_actors(canonical_id, limit)

    def entity_actions(self, canonical_id: int) -> list[dict[str, Any]]:
        """What an actor did and what was done to it (``as``: subject or object)."""
        self._schema()
        return self.store.entity_actions(canonical_id)

    def outlets(self) -> list[dict[str, Any]]:
        """Every outlet: articles, originals, first and last publication, stories."""
        return self.store.outlets()

    def outlet_names(self) -> list[str]:
        """Every outlet's name, alphabetically (cheap: for menus)."""
        return self.store.outlet_names()

    def outlet(self, name: str) -> dict[str, Any]:
        """One outlet by its exact name (or, failing that, the one whose name contains it):
        its counts, the stories it covers and whom it quotes."""
        from .errors import NotFound

        found = self.store.outlets([name])
        if not found:
            near = [o for o in self.store.outlets()
                    if name.strip().casefold() in o["name"].casefold()]
            if len(near) != 1:
                raise NotFound(f"no outlet named {name!r}; list outlets at /outlets or with "
                               "`storyline articles` (outlet column)")
            found = near
        out = dict(found[0])
        self._schema()
        counts = self.store.outlet_stories(out["name"])
        stories = {s.id: s for s in self.store.stories(ids=[sid for sid, _n in counts])} \
            if counts else {}
        out["story_rows"] = [(stories[sid], n) for sid, n in counts if sid in stories]
        out["speakers"] = self.store.outlet_speakers(out["name"])
        return out

    # -- reader reactions -----------------------------------------------------------------

    def react(self, item_kind: str, item_id: int, reader: str,
              kind: str | None) -> dict[str, Any]:
        """Give, change or (``kind=None``) withdraw a reader's reaction to an article or a
        story; returns the item's reaction state after the change (see :meth:`reactions`)."""
        self._schema()
        done = self.store.set_reaction(item_kind, item_id, reader, kind)
        return self.reactions(item_kind, item_id, reader, counts=done["counts"],
                              mine=done["mine"])

    def reactions(self, item_kind: str, item_id: int, reader: str | None = None, *,
                  counts: dict[str, int] | None = None,
                  mine: str | None = None) -> dict[str, Any]:
        """An item's reactions: our readers' ``counts``, the reaction of ``reader``
        (``mine``), the counts the ingested pages showed (``ingested``, kept apart) and, for
        a story, the ``mood`` of its readers across the story and its articles."""
        self._schema()
        from .store.reactions import ITEM_KINDS

        if item_kind not in ITEM_KINDS:
            from .errors import UsageError

            raise UsageError(f"reactions are to an article or a story, not {item_kind!r}")
        if item_kind == "article":
            self.store.article(item_id)
            ids = [item_id]
        else:
            story = self.store.story(item_id)
            item_id, ids = story.id, list(story.article_ids)
        out: dict[str, Any] = {
            "item_kind": item_kind, "item_id": item_id,
            "counts": counts if counts is not None else self.store.reaction_counts(item_kind,
                                                                                  item_id),
            "mine": mine if counts is not None else self.store.reader_reaction(
                item_kind, item_id, reader),
            "ingested": self.store.ingested_reactions(ids),
        }
        if item_kind == "story":
            out["mood"] = self.store.story_mood(item_id)
        return out

    def reaction_export(self, *, item_kind: str | None = None, limit: int = 100,
                        cursor: str | None = None) -> Page:
        """Every item our readers reacted to with its counts (no reader ids), by item."""
        limit = _limit(limit, 1000)
        after = _decode_cursor(cursor, "reaction", (str, int))
        rows = self.store.reaction_totals(item_kind=item_kind, after=after, limit=limit + 1)
        nxt = _encode_cursor("reaction", rows[limit - 1][:2]) if len(rows) > limit else None
        return Page(tuple(rows[:limit]), nxt)

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
            headings = tuple((int(a), int(b)) for a, b in (art.extra or {}).get("headings", ()))
            yield Item(aid, art.text, art.published, art.language, art.title, run=run,
                       given=given, given_runs=given_runs, headings=headings)

    def _save(self, batch: list[Analysis], todo: list[tuple[int, frozenset[str]]]) -> None:
        runs = dict(todo)
        self.store.save_analyses(batch, [set(runs[a.article_id]) for a in batch
                                         if a.article_id is not None])


@dataclass(frozen=True)
class Page:
    """One page of a listing: its ``items`` and the cursor that fetches the next page (None
    on the last page)."""

    items: tuple[Any, ...]
    next_cursor: str | None = None


@dataclass(frozen=True)
class SearchHit:
    """One full-text match: the article, and its title and snippet with every matched word
    between :data:`~storyline.store.browse.HIT_START` and ``HIT_END``."""

    article: Article
    title: str
    snippet: str


#: Largest page a listing serves.
MAX_PAGE = 200


def _limit(limit: int, most: int = MAX_PAGE) -> int:
    from .errors import UsageError

    if not isinstance(limit, int) or limit < 1 or limit > most:
        raise UsageError(f"limit must be between 1 and {most}, got {limit!r}")
    return limit


def _paged(rows: list[Any], limit: int, kind: str, key: Callable[[Any], tuple[Any, ...]]
           ) -> Page:
    """A page of the first ``limit`` of ``rows`` (read with one extra row to know whether more
    follow), with the cursor of the next page from the last row's ``key``."""
    if len(rows) <= limit:
        return Page(tuple(rows), None)
    rows = rows[:limit]
    return Page(tuple(rows), _encode_cursor(kind, key(rows[-1])))


def _encode_cursor(kind: str, key: tuple[Any, ...]) -> str:
    raw = json.dumps([kind, *key], separators=(",", ":")).encode()
    return base64.urlsafe_b64encode(raw).decode().rstrip("=")


def _decode_cursor(cursor: str | None, kind: str, types: tuple[type, ...]) -> Any:
    """The key a cursor carries, checked against the listing it belongs to."""
    from .errors import UsageError

    if not cursor:
        return None
    try:
        raw = base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4))
        data = json.loads(raw)
        ok = (isinstance(data, list) and len(data) == len(types) + 1 and data[0] == kind
              and all(isinstance(v, t) and not isinstance(v, bool)
                      for v, t in zip(data[1:], types, strict=True)))
    except (ValueError, UnicodeDecodeError):
        ok = False
    if not ok:
        raise UsageError(f"cursor {cursor[:40]!r} is not a cursor of this listing; pass the "
                         "next_cursor of the previous page, or none for the first page")
    return tuple(data[1:])


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
    from .ingest.ruledata import use
    from .ingest.sources import Overrides, expand, read_unit

    settings = settings or load_settings()
    use(settings.rule_data)
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


__all__ = ["Page", "SearchHit", "Storyline", "analyze_document", "extract", "open"]
