"""What each page shows, gathered from library calls (no SQL, no rules of our own): one
function per page returns the template's context. Also the small filters templates use."""

from __future__ import annotations

import re
import threading
from collections import OrderedDict
from functools import lru_cache
from typing import Any
from urllib.parse import quote, urlsplit

from .. import shapes
from ..api import Storyline
from ..errors import NotFound
from ..store.reactions import KINDS
from .highlight import article_html, marks_of

#: How many stories, articles or hits a page lists.
PAGE = 20
#: Quotes an actor page lists (all of them are in /api/entities/{id}): a much-quoted actor's
#: page stays quick to send and to read.
ENTITY_QUOTES = 100
#: Stories listed on an actor's page (the rest: the story list filtered by the actor).
ENTITY_STORIES = 50


# -- filters ------------------------------------------------------------------------------------


def day(value: str | None) -> str:
    return value[:10] if value else "—"


def when(value: str | None) -> str:
    if not value:
        return "date unknown"
    return value[:16].replace("T", " ") if len(value) > 10 else value


_PARTS_OF_DAY = {"MO": "morning", "AF": "afternoon", "EV": "evening", "NI": "night",
                 "DT": "daytime"}
_SEASONS = {"SP": "spring", "SU": "summer", "FA": "autumn", "WI": "winter"}
_REFS = {"PRESENT_REF": "now", "PAST_REF": "in the past", "FUTURE_REF": "in the future"}
#: TIMEX3 value shapes and how a reader says them.
_TIMEX_SAID: tuple[tuple[re.Pattern[str], Any], ...] = (
    (re.compile(r"(\d{4}-\d{2}-\d{2})T(MO|AF|EV|NI|DT)"),
     lambda m: f"{m[1]} {_PARTS_OF_DAY[m[2]]}"),
    (re.compile(r"(\d{4})-W(\d{2})"), lambda m: f"week {int(m[2])} of {m[1]}"),
    (re.compile(r"(\d{4})-(SP|SU|FA|WI)"), lambda m: f"{_SEASONS[m[2]]} {m[1]}"),
    (re.compile(r"(\d{4}-\d{2}-\d{2})T(\d{2}:\d{2})(?::\d{2})?"), lambda m: f"{m[1]} {m[2]}"),
)


def timex(value: str | None) -> str:
    """A TIMEX3 value as a reader says it: "2026-03-02TEV" → "2026-03-02 evening",
    "2026-W10" → "week 10 of 2026", "2026-SU" → "summer 2026"; others as they are."""
    if not value:
        return ""
    if value in _REFS:
        return _REFS[value]
    for pattern, said in _TIMEX_SAID:
        m = pattern.fullmatch(value)
        if m:
            return str(said(m))
    return value


def safe_url(url: str | None) -> str | None:
    """The URL when it is a web address we may link to; None for ``javascript:`` and the
    like (then it is shown as text)."""
    if not url:
        return None
    try:
        parts = urlsplit(url.strip())
    except ValueError:
        return None
    return url.strip() if parts.scheme in {"http", "https"} and parts.netloc else None


@lru_cache(maxsize=4096)
def quote_path(text: str) -> str:
    """A name as one path segment (outlet links: the same few names on every card)."""
    return quote(text, safe="")


def plural(n: int, word: str, many: str | None = None) -> str:
    return f"{n} {word if n == 1 else (many or word + 's')}"


# -- reactions ----------------------------------------------------------------------------------


def reaction_box(sl: Storyline, item_kind: str, item_id: int, reader: str | None,
                 csrf: str, read_only: bool) -> dict[str, Any] | None:
    if read_only:
        return None
    state = sl.reactions(item_kind, item_id, reader)
    return {**shapes.reactions_json(state), "kinds": KINDS, "csrf": csrf}


# -- pages --------------------------------------------------------------------------------------


def _story_list(sl: Storyline, *, since: str | None, until: str | None, outlet: str | None,
                actor: str | None, q: str | None, cursor: str | None) -> dict[str, Any]:
    notice = None
    actor_entity = None
    if actor:
        try:
            actor_entity = sl.entity(actor)
        except NotFound:  # say so on the page
            notice = f"No actor is named {actor!r}; the list below is not filtered by actor."
    page = sl.stories_page(since=since, until=until, outlet=outlet or None,
                           actor=actor_entity.id if actor_entity else None, query=q or None,
                           limit=PAGE, cursor=cursor)
    coverage = sl.story_coverage([s.id for s in page.items])
    rows = [{"story": s, "coverage": [(d, n) for d, _o, n in coverage.get(s.id, [])]}
            for s in page.items]
    return {"rows": rows, "next_cursor": page.next_cursor, "outlet_names": sl.outlet_names(),
            "filters": {"since": since or "", "until": until or "", "outlet": outlet or "",
                        "actor": actor or "", "q": q or ""},
            "actor_entity": actor_entity, "notice": notice}


def story(sl: Storyline, story_id: int) -> dict[str, Any]:
    """The story dossier when this storyline builds one (``Storyline.dossier``), else what
    the stories stage knows: articles, actors, quotes by speaker, coverage, related."""
    st = sl.story(story_id)
    members = sl.story_members(st.id)
    coverage = sl.story_coverage([st.id]).get(st.id, [])
    ctx: dict[str, Any] = {"story": st, "members": members, "dossier": None,
                           "coverage_days": [(d, n) for d, _o, n in coverage],
                           "matrix": _matrix(coverage)}
    ctx["dossier"] = dossier_json(sl, st.id)
    if ctx["dossier"] is not None:
        # the number each article is cited by ("[3]")
        ctx["cites"] = {a["article_id"]: a["citation"] for a in ctx["dossier"]["articles"]}
        return ctx
    ctx["actors"] = sl.story_actors(st.id)
    ctx["related"] = sl.related_stories(st.id)
    ctx["speakers"] = _by_speaker(sl.story_quotes(st.id))
    return ctx


#: Pages' data kept while the rows it is read from are unchanged (see :func:`_kept`).
_KEPT: OrderedDict[tuple[Any, ...], dict[str, Any]] = OrderedDict()
_KEPT_MAX = 256
_KEPT_LOCK = threading.Lock()

def _kept(key: tuple[Any, ...], make: Any) -> dict[str, Any]:
    """The page data of ``key`` (which ends with the store's state), made once: the story
    list of a store with 10,000 articles reads thousands of member rows."""
    with _KEPT_LOCK:
        kept = _KEPT.get(key)
        if kept is not None:
            _KEPT.move_to_end(key)
            return kept
    made = make()
    with _KEPT_LOCK:
        _KEPT[key] = made
        while len(_KEPT) > _KEPT_MAX:
            _KEPT.popitem(last=False)
    return made


def _state(sl: Storyline) -> tuple[Any, ...]:
    """What the story list and an entity page are read from, as one number that triggers
    move whenever articles, analyses, stories, links or corrections by hand change
    (migration 017): one row read, whatever the store's size."""
    return (sl.settings.db, sl.store.page_changes())


def story_list(sl: Storyline, *, since: str | None, until: str | None, outlet: str | None,
               actor: str | None, q: str | None, cursor: str | None) -> dict[str, Any]:
    """The story list's data (kept while the store is unchanged; callers must not change
    it)."""
    key = ("stories", since, until, outlet, actor, q, cursor, *_state(sl))
    return _kept(key, lambda: _story_list(sl, since=since, until=until, outlet=outlet,
                                          actor=actor, q=q, cursor=cursor))


def entity(sl: Storyline, entity_id: int) -> dict[str, Any]:
    """An entity page's data (kept while the store is unchanged; callers must not change
    it)."""
    return _kept(("entity", entity_id, *_state(sl)), lambda: _entity(sl, entity_id))


#: Dossiers built for the pages, by what they are built from (``Storyline.dossier_key``) and by
#: the store's change counter (nothing changed: no need to read what they are built from):
#: building one reads and groups every statement of the story, tens to hundreds of ms, while
#: its inputs change only when articles join the story or are analyzed, linked or corrected.
_DOSSIERS: OrderedDict[tuple[Any, ...], dict[str, Any]] = OrderedDict()
_DOSSIERS_KEPT = 256
_DOSSIERS_LOCK = threading.Lock()


def dossier_json(sl: Storyline, story_id: int) -> dict[str, Any] | None:
    """The story dossier as JSON (``shapes.dossier_json``) when this version of storyline
    builds one (``Storyline.dossier``, issue 9); None before that. Kept in memory, and in
    the database (``Storyline.dossier_json``), while what it is built from is unchanged;
    callers must not change it."""
    build = getattr(sl, "dossier", None)
    to_json = getattr(shapes, "dossier_json", None)
    if build is None or to_json is None:
        return None
    stock = getattr(build, "__func__", None) is _STOCK_BUILD and to_json is _STOCK_JSON
    # (the builder is part of the key: another build of storyline, or a test's, builds anew)
    builder = (getattr(build, "__func__", build), to_json, sl.settings.db)
    # nothing the pages read has changed since: the dossier kept for this story stands,
    # without reading what it is built from again
    quick = (*builder, "story", story_id, sl.store.page_changes())
    with _DOSSIERS_LOCK:
        kept = _DOSSIERS.get(quick)
        if kept is not None:
            _DOSSIERS.move_to_end(quick)
            return kept
    key = (*builder, sl.dossier_key(story_id))
    with _DOSSIERS_LOCK:
        kept = _DOSSIERS.get(key)
        if kept is not None:
            _DOSSIERS.move_to_end(key)
            _DOSSIERS[quick] = kept
            return kept
    made = sl.dossier_json(story_id, key=key[-1]) if stock else dict(to_json(build(story_id)))
    with _DOSSIERS_LOCK:
        _DOSSIERS[key] = made
        _DOSSIERS[quick] = made
        while len(_DOSSIERS) > _DOSSIERS_KEPT:
            _DOSSIERS.popitem(last=False)
    return made


_STOCK_BUILD = getattr(Storyline, "dossier", None)
_STOCK_JSON = getattr(shapes, "dossier_json", None)


def _matrix(coverage: list[tuple[str, str, int]]) -> dict[str, Any]:
    days = sorted({d for d, _o, _n in coverage})
    outlets = sorted({o for _d, o, _n in coverage})
    cells = {(d, o): n for d, o, n in coverage}
    return {"days": days, "outlets": outlets, "cells": cells}


def _by_speaker(quotes: list[dict[str, Any]]) -> list[dict[str, Any]]:
    groups: OrderedDict[tuple[Any, str], list[dict[str, Any]]] = OrderedDict()
    for q in quotes:
        name = q["canonical_name"] or q["speaker"] or "Unattributed"
        groups.setdefault((q["canonical_id"], name), []).append(q)
    out = [{"entity_id": cid, "name": name, "quotes": qs} for (cid, name), qs in groups.items()]
    return sorted(out, key=lambda g: (g["name"] == "Unattributed", -len(g["quotes"]),
                                      g["name"]))


def _entity(sl: Storyline, entity_id: int) -> dict[str, Any]:
    c = sl.entity(entity_id)
    quotes = sl.entity_quotes(c.id)
    heads, total = sl.store.actor_story_heads(sl.store.stories_of_canonical(c.id), limit=ENTITY_STORIES)
    return {"entity": c, "roles": sl.entity_roles(c.id), "quotes": quotes[:ENTITY_QUOTES],
            "quotes_total": len(quotes),
            "stories": heads, "stories_total": total, "actions": sl.entity_actions(c.id),
            "volume": sl.entity_volume(c.id), "co_actors": sl.entity_co_actors(c.id)}


def outlet(sl: Storyline, name: str, cursor: str | None) -> dict[str, Any]:
    o = sl.outlet(name)
    page = sl.articles_page(outlet=o["name"], limit=PAGE, cursor=cursor)
    return {"outlet": o, "articles": page.items, "next_cursor": page.next_cursor}


def article(sl: Storyline, article_id: int) -> dict[str, Any]:
    a = sl.article(article_id)
    analysis = sl.analysis(article_id)
    links = sl.entity_links(article_id)
    body = article_html(a.text, analysis.sentences if analysis else (),
                        marks_of(analysis, links))
    revisions = sl.revisions(article_id)
    story_id = sl.story_of(article_id)
    return {"article": a, "analysis": analysis, "links": links, "body": body,
            "sightings": sl.sightings(article_id), "duplicates": sl.duplicates(article_id),
            "revisions": revisions if len(revisions) > 1 else [],
            "story": sl.story(story_id) if story_id is not None else None,
            "entity_names": {e.id: e.name for e in (analysis.entities if analysis else ())}}


def search(sl: Storyline, *, q: str | None, outlet: str | None, since: str | None,
           until: str | None, entity: str | None, cursor: str | None) -> dict[str, Any]:
    """The search page's data, kept while the store is unchanged (ranking every article that
    has a common word costs tens of ms at 100,000 articles; callers must not change it)."""
    key = ("search", q, outlet, since, until, entity, cursor, *_state(sl))
    return _kept(key, lambda: _search(sl, q=q, outlet=outlet, since=since, until=until,
                                      entity=entity, cursor=cursor))


def _search(sl: Storyline, *, q: str | None, outlet: str | None, since: str | None,
            until: str | None, entity: str | None, cursor: str | None) -> dict[str, Any]:
    filters = {"q": q or "", "outlet": outlet or "", "since": since or "",
               "until": until or "", "entity": entity or ""}
    ctx: dict[str, Any] = {"filters": filters, "hits": [], "next_cursor": None,
                           "outlet_names": sl.outlet_names(), "notice": None, "searched": bool(q)}
    if not q or not q.strip():
        return ctx
    entity_id = None
    if entity:
        try:
            entity_id = sl.entity(entity).id
        except NotFound:  # say so on the page
            ctx["notice"] = f"No actor is named {entity!r}; results are not filtered by actor."
    page = sl.search(q, outlet=outlet or None, since=since or None, until=until or None,
                     entity=entity_id, limit=PAGE, cursor=cursor)
    ctx["hits"] = [shapes.search_hit_json(h) for h in page.items]
    ctx["next_cursor"] = page.next_cursor
    return ctx
