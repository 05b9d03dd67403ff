"""The story dossier: everything a story's articles say, computed from what the store holds
(analyses, links, canonical entities) when it is asked for — no spaCy, no tables of its own.

:func:`build_dossier` reads one story's articles in a few batched queries and hands them to
:func:`dossier_of`, which is pure: statements per article (:mod:`.statements`), grouped into
facts (:mod:`.facts`), then the timeline, contradictions, coverage and summary, each from the
facts. Rule data (``numbers``, ``predicates``, ``title_forms``, ``wording``) is read through
:mod:`storyline.analyze.lexicon`, so a user's ``rule_data`` folder applies.
"""

from __future__ import annotations

import time
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

from ..analyze import lexicon as L
from ..errors import UsageError
from ..models import (
    Analysis,
    Article,
    Dossier,
    DossierArticle,
    Fact,
    QuoteGroup,
    RoleSpell,
    Statement,
    Story,
    StoryActor,
)
from ..settings import Settings
from .contradictions import contradictions
from .coverage import coverage
from .facts import Meta, group, metas
from .statements import Source, statements_of
from .summary import summarize
from .timeline import timeline

#: Bump when the dossier says something differently for the same stored analyses (the
#: dossiers kept in the database, migration 017, are then built again).
DOSSIER_VERSION = "2"
#: The rule data files the dossier reads.
DATA_FILES = ("numbers", "predicates", "title_forms", "wording")
#: Actors listed in a dossier.
ACTORS = 15


def dossier_version(settings: Settings | None = None) -> str:
    return f"dossier.v{DOSSIER_VERSION}+data.{L.data_version(DATA_FILES, settings)}"


def build_dossier(store: Any, story: Story, settings: Settings | None = None, *,
                  since: str | None = None) -> Dossier:
    """The dossier of ``story`` from the stored records of its articles."""
    started = time.perf_counter()
    settings = settings or Settings()
    ids = [m.article_id for m in store.story_members(story.id)]
    articles = store.articles_by_id(ids)
    analyses = list(store.analyses(ids))
    links = store.links_of(ids)
    names = store.canonical_names(sorted(set(links.values())))
    d = dossier_of(story, [articles[i] for i in ids if i in articles], analyses, links, names,
                   settings, since=since)
    return _with_seconds(d, time.perf_counter() - started)


def _with_seconds(d: Dossier, seconds: float) -> Dossier:
    from dataclasses import replace

    return replace(d, seconds=round(seconds, 4))


def dossier_of(story: Story, articles: Sequence[Article], analyses: Iterable[Analysis],
               links: Mapping[tuple[int, str], int], names: Mapping[int, tuple[str, str]],
               settings: Settings | None = None, *, since: str | None = None) -> Dossier:
    """The dossier of a story from its articles, their analyses, the canonical entity of each
    article entity (``links``) and each canonical entity's (name, type)."""
    settings = settings or Settings()
    since_day = _since_day(since)
    by_id = {a.id: a for a in articles}
    meta = metas(articles)
    statements: list[Statement] = []
    analyses = [a for a in analyses if a.article_id in by_id and a.status == "analyzed"]
    with L.active(settings):
        for a in analyses:
            aid = a.article_id
            assert aid is not None
            own = {eid: cid for (art, eid), cid in links.items() if art == aid}
            statements += statements_of(Source(by_id[aid], a, own, names))
        facts = group(statements, meta)
        entries = timeline(facts, meta)
        types = {cid: t for cid, (_n, t) in names.items()}
        found = contradictions(facts, meta, types)
        cover = coverage(facts, meta, [a.id for a in articles])
        new = tuple(f.id for f in facts if since_day and f.first_reported
                    and f.first_reported > since_day)
        summary = summarize(facts, meta, settings.summary_sentences,
                            only=set(new) if since_day else None)
    cited = _articles(articles)
    return Dossier(story=story, version=dossier_version(settings), summary=tuple(summary),
                   timeline=tuple(entries), actors=tuple(_actors(analyses, links, names,
                                                                 statements, meta)),
                   quotes=tuple(_quote_groups(facts)), coverage=cover,
                   contradictions=tuple(found), articles=tuple(cited), facts=tuple(facts),
                   since=since_day, new=new)


def _since_day(since: str | None) -> str | None:
    if not since:
        return None
    from datetime import date, datetime

    text = since.strip()
    try:
        if len(text) == 10:
            return date.fromisoformat(text).isoformat()
        return datetime.fromisoformat(text).date().isoformat()
    except ValueError:
        raise UsageError(f"cannot read since={since!r}: give a date as YYYY-MM-DD, e.g. "
                         "--since 2026-03-12") from None


def _articles(articles: Sequence[Article]) -> list[DossierArticle]:
    ordered = sorted(articles, key=lambda a: (a.published is None, a.published or "", a.id))
    return [DossierArticle(citation=i + 1, article_id=a.id, published=a.published,
                           outlet=a.outlet, title=a.title, url=a.url,
                           duplicate_of=a.duplicate_of) for i, a in enumerate(ordered)]


def _actors(analyses: Sequence[Analysis], links: Mapping[tuple[int, str], int],
            names: Mapping[int, tuple[str, str]], statements: Sequence[Statement],
            meta: Mapping[int, Meta]) -> list[StoryActor]:
    articles: dict[int, set[int]] = {}
    mentions: Counter[int] = Counter()
    for a in analyses:
        assert a.article_id is not None
        for e in a.entities:
            cid = links.get((a.article_id, e.id))
            if cid is None or e.type == "NORP":
                continue
            articles.setdefault(cid, set()).add(a.article_id)
            mentions[cid] += len(e.mentions)
    ranked = sorted(articles, key=lambda c: (-len(articles[c]), -mentions[c], c))[:ACTORS]
    out = []
    for cid in ranked:
        name, typ = names.get(cid, ("?", "?"))
        out.append(StoryActor(id=cid, name=name, type=typ, articles=len(articles[cid]),
                              mentions=mentions[cid],
                              roles=tuple(_roles(cid, statements, meta))))
    return out


def _roles(cid: int, statements: Sequence[Statement], meta: Mapping[int, Meta]) -> list[RoleSpell]:
    spells: dict[tuple[str, str | None], dict[str, Any]] = {}
    for s in statements:
        if s.kind != "title" or not s.actors or s.actors[0] != cid:
            continue
        title = s.value or ""
        modifier = s.predicate
        bare = title[len(modifier) + 1:] if modifier and title.startswith(modifier + " ") \
            else title
        key = (title, s.object)
        day = s.date or (meta[s.article_id].day if s.article_id in meta else None)
        spell = spells.setdefault(key, {"title": bare, "modifier": modifier, "org": s.object,
                                        "days": [], "sources": []})
        if day:
            spell["days"].append(day)
        spell["sources"].append((s.article_id, s.start_char, s.end_char))
    # a title given without its organisation is the spell that names one, if only one does
    for (title, org), spell in list(spells.items()):
        if org is not None:
            continue
        withorg = [k for k in spells if k[0] == title and k[1] is not None]
        if len(withorg) == 1:
            spells[withorg[0]]["days"] += spell["days"]
            spells[withorg[0]]["sources"] += spell["sources"]
            del spells[(title, org)]
    out = [RoleSpell(title=v["title"], org=v["org"], modifier=v["modifier"],
                     first_date=min(v["days"]) if v["days"] else None,
                     last_date=max(v["days"]) if v["days"] else None,
                     sources=tuple(v["sources"])) for v in spells.values()]
    return sorted(out, key=lambda r: (r.first_date or "", -len(r.sources), r.title))


def _quote_groups(facts: Sequence[Fact]) -> list[QuoteGroup]:
    by_speaker: dict[str, list[Fact]] = {}
    heads: dict[str, tuple[int | None, str]] = {}
    for f in facts:
        if f.kind != "quote":
            continue
        s = next(x for x in f.statements if x.kind == "quote")
        who = s.actors[0] if s.actors else None
        name = s.actor_names[0] if s.actor_names else "(unnamed)"
        key = str(who) if who is not None else name.lower()
        by_speaker.setdefault(key, []).append(f)
        heads[key] = (who, name)
    groups = [QuoteGroup(speaker_id=heads[k][0], speaker=heads[k][1], quotes=tuple(v))
              for k, v in by_speaker.items()]
    return sorted(groups, key=lambda g: (g.speaker_id is None, -sum(len(q.article_ids)
                                                                    for q in g.quotes),
                                         g.speaker))
